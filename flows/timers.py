"""Deadline flows. `deadline` fires one timer at its due moment (a run scheduled per timer); `timer_sweep` is
the daily safety net that handles every expired timer as a task of one run (never one run per timer in bulk)
and publishes the deadline radar and the enforcement funnel."""

import time
from datetime import datetime, timedelta

from prefect import flow

from flows.artifacts import publish_radar_and_funnel
from flows.naming import at_moment
from flows.notices import send_due
from flows.tasks import (
    find_deemed_receipts,
    find_due_reminders,
    find_due_timers,
    find_pending_documents,
    handle_timer,
    record_deemed_receipt,
    render_document,
    schedule_deadlines,
    send_reminder,
)
from wasnaker import clock

# A runner may start a scheduled run a little before its time (it prefetches); never earlier than this.
EARLY_TOLERANCE = timedelta(seconds=2)


@flow(name="deadline")
def deadline(timer_id: int, due: datetime) -> dict:
    """Handle one timer at its due moment; a timer closed early or already handled by the sweep is left alone."""
    now = clock.now()
    if now < due - EARLY_TOLERANCE:
        return {"timer_id": timer_id, "action": "not due yet"}
    if now < due:  # a prefetched run may start a moment early: wait out the last (at most 2) seconds
        time.sleep((due - now).total_seconds())
        now = clock.now()
    result = handle_timer(timer_id, now)
    if result is None:
        return {"timer_id": timer_id, "action": "nothing to do"}
    result["documents"] = [render_document(doc_id, now) for doc_id in find_pending_documents(result["case"])]
    schedule_deadlines(result["case"])  # an expiry the law acts on may open the next timer
    result["notices"] = send_due(now, render_pending=False)  # the officers hear of the expiry at once
    return result


@flow(name="timer-sweep", flow_run_name=at_moment)
def timer_sweep(as_of: datetime | None = None) -> dict:
    """Deem unacknowledged e-mails received (policy), send due reminders and handle every timer expired at `as_of`
    (default now) exactly once, in due order; then send the notices all that queued."""
    now = as_of or clock.now()
    served = [r for r in (record_deemed_receipt(i, day, now) for i, day in find_deemed_receipts(now)) if r]
    reminders = [r for r in (send_reminder(i, now) for i in find_due_reminders(now)) if r]
    handled = [r for r in (handle_timer(timer_id, now) for timer_id in find_due_timers(now)) if r]
    rendered = [render_document(doc_id, now) for doc_id in find_pending_documents()]
    schedule_deadlines(None)
    publish_radar_and_funnel(now)
    sent = send_due(now, render_pending=False)  # everything pending was rendered just above
    return {"handled": handled, "reminders": reminders, "served": served, "documents": rendered, "notices": sent}
