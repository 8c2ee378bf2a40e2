"""Notices: sending what is due (the outbox), delivery with the letters rendered first, the daily digest."""

from datetime import datetime

from wasnaker.application.documents import render_pending
from wasnaker.application.runner import Runner, direct, kept
from wasnaker.application.steps import COMPOSE_DIGESTS, DELIVER, FIND_DUE_NOTICES, SETTLE_INTERRUPTED
from wasnaker.services import queries


def send_due(rt, now: datetime, runner: Runner = direct) -> list[dict]:
    """Send every e-mail notice whose turn has come, in queue order, one step per notice (nothing without an SMTP
    server). A letter still being rendered waits; its notice goes out with a later delivery. First, a notice a dead
    deliverer had handed to the server is recorded as sent (presumed), never sent again."""
    settled = runner(rt, SETTLE_INTERRUPTED, now)
    return settled + kept(runner(rt, DELIVER, notice_id, now) for notice_id in runner(rt, FIND_DUE_NOTICES, now))


def deliver(rt, now: datetime, runner: Runner = direct) -> dict:
    """Delivery: render the letters not rendered yet (their notices wait for the PDF), then send every due
    notice. A failure waits out its backoff, kept on the notice; a bounce is left for an officer."""
    rendered = render_pending(rt, now, runner=runner)
    return {"documents": rendered, "notices": send_due(rt, now, runner)}


def daily_digest(rt, now: datetime, runner: Runner = direct) -> dict:
    """Each officer's overdue and soon-due deadlines (once a day), then the notices due, the digests among them."""
    made = runner(rt, COMPOSE_DIGESTS, now)
    return {"digests": made, "notices": send_due(rt, now, runner)}


def list_notices(rt, case_number: str | None = None, status: str | None = None,
                 recipient: str | None = None) -> list[dict]:
    with rt.session() as session:
        return queries.list_notices(session, case_number=case_number, status=status, recipient=recipient)
