"""Notice flows. `deliver-notices` sends every e-mail whose turn has come (every 5 minutes, for retries: acts,
deadline runs and the sweep send their own at once); `daily-digest` gives each officer the morning's due and
overdue deadlines."""

from datetime import datetime

from prefect import flow

from flows.naming import at_moment
from flows.tasks import (
    compose_digests,
    deliver_notice,
    find_due_notices,
    find_pending_documents,
    render_document,
)
from wasnaker import clock
from wasnaker.domain.notices import AttemptOutcome


def send_due(now: datetime, render_pending: bool = True) -> list[dict]:
    """Every due notice is sent; with `render_pending`, letters not yet rendered are rendered first (a notice
    waits for its PDF). Stage and deadline runs have just rendered their own letters and leave the rest alone."""
    for doc_id in find_pending_documents() if render_pending else ():
        render_document(doc_id, now)
    return [r for r in (deliver_notice(i, now) for i in find_due_notices(now)) if r]


@flow(name="deliver-notices", flow_run_name=at_moment)
def deliver_notices(as_of: datetime | None = None) -> dict:
    """Send what is due; a failure waits out its backoff, a bounce is left for an officer (on the case)."""
    sent = send_due(as_of or clock.now())
    return {"notices": sent, "sent": sum(r["outcome"] == AttemptOutcome.sent for r in sent)}


@flow(name="daily-digest", flow_run_name=at_moment)
def daily_digest(as_of: datetime | None = None) -> dict:
    now = as_of or clock.now()
    made = compose_digests(now)
    return {"digests": made, "notices": send_due(now)}
