"""The timer sweep: one flow run handles every expired timer as a task (never one run per timer in bulk)."""

from datetime import datetime

from prefect import flow

from flows.tasks import find_due_timers, find_pending_documents, handle_timer, render_document
from wasnaker import clock


@flow(name="timer-sweep", flow_run_name="timer-sweep {as_of}")
def timer_sweep(as_of: datetime | None = None) -> dict:
    """Handle every timer expired at `as_of` (default: now) exactly once, then render reserved documents."""
    now = as_of or clock.now()
    handled = [r for r in (handle_timer(timer_id, now) for timer_id in find_due_timers(now)) if r]
    rendered = [render_document(doc_id, now) for doc_id in find_pending_documents()]
    return {"handled": handled, "documents": rendered}
