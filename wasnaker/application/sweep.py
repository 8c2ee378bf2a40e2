"""Deadlines: the sweep (the daily safety net, and the catch-up of `wasnaker up`), one deadline at its due
moment (the body of a `deadline` run), and the deadline runs kept in step with the timers."""

from datetime import datetime

from wasnaker.application.documents import render_pending
from wasnaker.application.notices import send_due
from wasnaker.application.runner import Runner, direct, kept
from wasnaker.application.steps import (
    DEEM,
    EXPIRE,
    FIND_DEEMED,
    FIND_EXPIRED,
    FIND_REMINDERS,
    REMIND,
    SCHEDULE,
)
from wasnaker.services import queries


def handle_due(rt, now: datetime, runner: Runner = direct) -> dict:
    """Deem unacknowledged e-mails received (policy), send due reminders, then handle every timer expired at
    `now` exactly once: each item in its own transaction, in due order. A receipt deemed first starts its clock
    before the reminders and expiries are looked for."""
    served = kept(runner(rt, DEEM, notice_id, day, now) for notice_id, day in runner(rt, FIND_DEEMED, now))
    reminded = kept(runner(rt, REMIND, timer_id, now) for timer_id in runner(rt, FIND_REMINDERS, now))
    handled = kept(runner(rt, EXPIRE, timer_id, now) for timer_id in runner(rt, FIND_EXPIRED, now))
    return {"handled": handled, "reminders": reminded, "served": served}


def sweep(rt, now: datetime, runner: Runner = direct) -> dict:
    """The sweep: what is due (`handle_due`), then the documents it prepared rendered, the deadline runs of the
    timers it opened scheduled (server mode), and the notices it queued sent."""
    report = handle_due(rt, now, runner)
    report["documents"] = render_pending(rt, now, runner=runner)
    runner(rt, SCHEDULE, None)
    report["notices"] = send_due(rt, now, runner)
    return report


def expire(rt, timer_id: int, now: datetime, runner: Runner = direct) -> dict | None:
    """One deadline at its due moment: handle the expiry (None when it closed early or another run handled it),
    render what it prepared, schedule the timer an automatic act may have opened, tell the officers at once."""
    result = runner(rt, EXPIRE, timer_id, now)
    if result is None:
        return None
    result["documents"] = render_pending(rt, now, result["case"], runner)
    runner(rt, SCHEDULE, result["case"])
    result["notices"] = send_due(rt, now, runner)
    return result


def schedule_deadline_runs(rt, case_number: str | None = None) -> dict:
    """A deadline run for every running timer (of one case, or all) not yet scheduled at its due moment; runs of
    timers closed early cancelled. Nothing without a Prefect server."""
    return direct(rt, SCHEDULE, case_number)


def list_timers(rt, status: str | None = None) -> list[dict]:
    with rt.session() as session:
        return queries.list_timers(session, status)
