"""Deadline flows. `deadline` fires one timer at its due moment (a run scheduled per timer); `timer_sweep` is
the daily safety net that handles every expired timer as a task of one run (never one run per timer in bulk)
and publishes the deadline radar and the enforcement funnel. What each does is the application layer's
(`wasnaker.application.sweep`); these flows run its steps as tasks."""

import time
from datetime import datetime, timedelta

from prefect import flow

from flows.artifacts import publish_radar_and_funnel
from flows.naming import at_moment
from flows.tasks import as_tasks
from wasnaker import clock
from wasnaker.application import sweep
from wasnaker.runtime import get_runtime

# A runner may start a scheduled run a little before its time (it prefetches); never earlier than this.
EARLY_TOLERANCE = timedelta(seconds=2)


def _wait_until(due: datetime) -> datetime | None:
    """Now, once `due` has come; None when the run started too early to wait for it."""
    now = clock.now()
    if now < due - EARLY_TOLERANCE:
        return None
    if now < due:  # a prefetched run may start a moment early: wait out the last (at most 2) seconds
        time.sleep((due - now).total_seconds())
        now = clock.now()
    return now


@flow(name="deadline")
def deadline(timer_id: int, due: datetime) -> dict:
    """Handle one timer at its due moment; a timer closed early or already handled by the sweep is left alone."""
    now = _wait_until(due)
    if now is None:
        return {"timer_id": timer_id, "action": "not due yet"}
    result = sweep.expire(get_runtime(), timer_id, now, runner=as_tasks)
    return result or {"timer_id": timer_id, "action": "nothing to do"}


@flow(name="timer-sweep", flow_run_name=at_moment)
def timer_sweep(as_of: datetime | None = None) -> dict:
    """Deem unacknowledged e-mails received (policy), send due reminders and handle every timer expired at `as_of`
    (default now) exactly once, in due order; render, schedule and send what that produced; publish the radar."""
    now = as_of or clock.now()
    report = sweep.sweep(get_runtime(), now, runner=as_tasks)
    publish_radar_and_funnel(now)
    return report
