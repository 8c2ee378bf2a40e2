"""Deadline flows. `deadline` fires one expiry moment (a run scheduled per moment: timers expire in bulk at an
office's midnight) and handles every timer due by then; `timer_sweep` is the daily safety net for every expired
timer, and publishes the deadline radar and the enforcement funnel. Both handle timers in batches, one task per
batch (never one task or run per timer); with more than one batch the batches go out as runs of
`expire_timers`, which the workers take in parallel. What each does is the application layer's
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
def deadline(due: datetime, timer_id: int | None = None) -> dict:
    """Handle every timer due at or before `due` (the moment this run was scheduled for); a timer closed early or
    already handled is left alone. `timer_id`: runs scheduled one per timer by earlier versions still start."""
    now = _wait_until(due)
    if now is None:
        return {"due": due.isoformat(), "action": "not due yet"}
    return sweep.expire_moment(get_runtime(), due, now, runner=as_tasks)


@flow(name="expire-timers")
def expire_timers(timer_ids: list[int], now: datetime) -> dict:
    """One batch of expired timers, started by a deadline or sweep run: each handled once in its own transaction,
    then what they prepared rendered, scheduled and sent."""
    return sweep.expire_batch(get_runtime(), timer_ids, now, runner=as_tasks)


@flow(name="timer-sweep", flow_run_name=at_moment)
def timer_sweep(as_of: datetime | None = None) -> dict:
    """Deem unacknowledged e-mails received (policy), send due reminders and handle every timer expired at `as_of`
    (default now) exactly once, in batches; render, schedule and send what that produced; publish the radar."""
    now = as_of or clock.now()
    report = sweep.sweep(get_runtime(), now, runner=as_tasks)
    publish_radar_and_funnel(now)
    return report
