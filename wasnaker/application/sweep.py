"""Deadlines: the sweep (the daily safety net, and the catch-up of `wasnaker up`), the deadline run of one expiry
moment, and the deadline runs kept in step with the timers.

Timers expire in bulk (at an office's midnight), so due timers are handled in batches (WASNAKER_EXPIRY_BATCH):
one step per batch, each timer still in its own transaction with its own claim. With a Prefect server and more
than one batch, the batches go out as runs of `expire-timers` that the workers take in parallel and the run that
found them waits for; without one they run one after another in this process."""

from datetime import datetime

from wasnaker.application.documents import render_pending
from wasnaker.application.notices import send_due
from wasnaker.application.runner import Runner, direct, kept
from wasnaker.application.steps import (
    AWAIT_EXPIRY_RUNS,
    DEEM,
    EXPIRE_BATCH,
    FIND_DEEMED,
    FIND_EXPIRED,
    FIND_REMINDERS,
    REMIND,
    RENDER,
    SCHEDULE,
    START_EXPIRY_RUNS,
)
from wasnaker.services import queries


def in_batches(timer_ids: list[int], size: int) -> list[list[int]]:
    """Consecutive slices of at most `size`: the due order is kept within and across them."""
    return [timer_ids[start:start + size] for start in range(0, len(timer_ids), size)]


def _deem_and_remind(rt, now: datetime, runner: Runner) -> dict:
    """A receipt deemed first starts its clock before the reminders and expiries are looked for."""
    served = kept(runner(rt, DEEM, notice_id, day, now) for notice_id, day in runner(rt, FIND_DEEMED, now))
    reminded = kept(runner(rt, REMIND, timer_id, now) for timer_id in runner(rt, FIND_REMINDERS, now))
    return {"reminders": reminded, "served": served}


def _outcome(results: list[dict]) -> dict:
    return {"handled": [r for r in results if "failed" not in r], "failed": [r for r in results if "failed" in r]}


def handle_due(rt, now: datetime, runner: Runner = direct) -> dict:
    """Deem unacknowledged e-mails received (policy), send due reminders, then handle every timer expired at
    `now` exactly once, in due order, batch after batch in this process (rendering, scheduling and sending are
    the sweep's)."""
    report = _deem_and_remind(rt, now, runner)
    batches = in_batches(runner(rt, FIND_EXPIRED, now), rt.settings.expiry_batch)
    return {**report, **_outcome([r for batch in batches for r in runner(rt, EXPIRE_BATCH, batch, now)])}


def expire_batch(rt, timer_ids: list[int], now: datetime, runner: Runner = direct) -> dict:
    """One batch of expired timers (the body of an `expire-timers` run): each handled in its own transaction,
    then the documents they prepared rendered, the deadlines their automatic acts opened scheduled (server mode)
    and the officers told at once."""
    results = runner(rt, EXPIRE_BATCH, timer_ids, now)
    report = _outcome(results)
    report["documents"] = [runner(rt, RENDER, doc_id, now) for r in report["handled"] for doc_id in r["prepared"]]
    cases = sorted({r["case"] for r in report["handled"]})
    if cases:
        runner(rt, SCHEDULE, cases)
    report["notices"] = send_due(rt, now, runner)
    return report


def expire_due(rt, cutoff: datetime, now: datetime, label: str, runner: Runner = direct) -> dict:
    """Every running timer due at or before `cutoff`, in batches: as runs of `expire-timers` taken by the
    workers in parallel when there is a server and more than one batch (this run waits for them, bounded, and
    reports their states), else one after another here. `label` names the batch runs (the moment)."""
    batches = in_batches(runner(rt, FIND_EXPIRED, cutoff), rt.settings.expiry_batch)
    runs = runner(rt, START_EXPIRY_RUNS, batches, now, label) if rt.on_server and len(batches) > 1 else None
    if runs:
        states = sorted(runner(rt, AWAIT_EXPIRY_RUNS, runs).values())
        return {"handled": [], "failed": [], "documents": [], "notices": [], "due": sum(map(len, batches)),
                "batch_runs": {state: states.count(state) for state in states}}
    reports = [expire_batch(rt, batch, now, runner) for batch in batches]
    return {key: [item for r in reports for item in r[key]] for key in ("handled", "failed", "documents", "notices")}


def sweep(rt, now: datetime, runner: Runner = direct) -> dict:
    """The sweep: deemed receipts and reminders, every expired timer in batches (`expire_due`), then the
    documents still to render, the deadline runs still to schedule (server mode) and the notices queued."""
    report = {**_deem_and_remind(rt, now, runner), **expire_due(rt, now, now, f"sweep {now.isoformat()}", runner)}
    report["documents"] += render_pending(rt, now, runner=runner)
    runner(rt, SCHEDULE, None)
    report["notices"] += send_due(rt, now, runner)
    return report


def expire_moment(rt, due: datetime, now: datetime, runner: Runner = direct) -> dict:
    """The deadline run of one expiry moment: every running timer due at or before it (`expire_due`); a moment
    whose timers all closed early, or that an earlier run or the sweep handled, finds nothing and says so."""
    report = expire_due(rt, due, now, f"deadline {due.isoformat()}", runner)
    if not report["handled"] and not report["failed"] and not report.get("due"):
        report["action"] = "nothing to do"
    return report


def schedule_deadline_runs(rt, case_number: str | None = None) -> dict:
    """A deadline run for every expiry moment of the running timers (of one case, or all) not yet on its run; runs
    no running timer is left for cancelled. Nothing without a Prefect server."""
    return direct(rt, SCHEDULE, case_number)


def list_timers(rt, status: str | None = None) -> list[dict]:
    with rt.session() as session:
        return queries.list_timers(session, status)
