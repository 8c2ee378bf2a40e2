"""Stage work shared by the CLI (in-process) and the Prefect flows (as tasks): record an act in one
transaction, then render its documents, each in its own transaction, after the act has committed."""

import logging
from datetime import date, datetime

from sqlmodel import select

from models import Case, CaseEvent, Document
from wasnaker.services import deadlines, delivery, digest, documents, repo, serving, sweep
from wasnaker.services.transitions import Outcome, apply_trigger

log = logging.getLogger(__name__)


def record(rt, *, trigger: str, actor: str, on: date, now: datetime, case_number: str | None = None,
           data: dict | None = None, expected_version: int | None = None) -> Outcome:
    """Apply the trigger and commit; then keep the case's deadline runs in step (server mode only)."""
    with rt.session() as session:
        outcome = apply_trigger(session=session, trigger=trigger, actor=actor, on=on, now=now,
                                case_number=case_number, data=data, policy=rt.policy,
                                expected_version=expected_version)
    schedule_deadlines(rt, outcome.case_number)
    return outcome


def schedule_deadlines(rt, case_number: str | None = None) -> dict:
    if not rt.on_server:
        return {"scheduled": 0, "cancelled": 0}
    with rt.session() as session:
        case_id = repo.case(session, case_number).id if case_number else None
    return deadlines.sync(rt.session, rt.scheduler, case_id)


def outcome_of(rt, event_id: int) -> Outcome:
    """The outcome of an act already recorded (a background stage run after the officer's commit)."""

    with rt.session() as session:
        event = session.get(CaseEvent, event_id)
        case = session.get(Case, event.case_id)
        docs = session.exec(select(Document.id).where(Document.event_id == event_id)).all()
        return Outcome(case.number, event.trigger, event.from_state, event.to_state, event.id, list(docs))


def render_document(rt, doc_id: int, now: datetime) -> dict:
    """Idempotent: an issued document is returned as it is, never re-rendered. The PDF is rendered between two
    short transactions, never inside one."""
    with rt.session() as session:
        job = documents.render_job(session, doc_id)
    rendered = rt.renderer.render(job.kind, job.context) if job else None
    with rt.session() as session:
        doc = documents.store_rendered(session, job, rendered, rt.store, now) if job else session.get(Document, doc_id)
        return {"id": doc.id, "kind": doc.kind, "number": doc.number, "path": doc.file_path, "sha256": doc.sha256}


def pending_documents(rt, case_number: str | None = None) -> list[int]:
    with rt.session() as session:
        case_id = repo.case(session, case_number).id if case_number else None
        return documents.pending_ids(session, case_id)


def advance(rt, *, trigger: str, actor: str, on: date, now: datetime, case_number: str | None = None,
            data: dict | None = None, expected_version: int | None = None) -> dict:
    """Record the act; then its documents are rendered in-process, or by a background stage run on the server
    (the officer does not wait for it)."""
    outcome = record(rt, trigger=trigger, actor=actor, on=on, now=now, case_number=case_number, data=data,
                     expected_version=expected_version)
    if rt.on_server:
        return {**outcome.__dict__, "documents": [], "stage_run": _start_stage_run(rt, outcome, actor, on)}
    rendered = [render_document(rt, doc_id, now) for doc_id in outcome.documents]
    return {**outcome.__dict__, "documents": rendered, "notices": delivery.deliver_due(rt, now)}


def _start_stage_run(rt, outcome: Outcome, actor: str, on: date) -> str:
    from wasnaker.adapters.scheduling import start_stage_run
    from wasnaker.domain import lifecycle

    row = lifecycle.find(lifecycle.S(outcome.from_state) if outcome.from_state else None, outcome.trigger)
    with rt.session() as session:
        office = repo.office(session, repo.case(session, outcome.case_number).office_id).code
    params = {"trigger": outcome.trigger, "actor": actor, "on": on, "case_number": outcome.case_number,
              "event_id": outcome.event_id}
    return start_stage_run(rt.settings.prefect_api_url, row.stage.value.replace("_", "-"), params,
                           f"{outcome.trigger} {outcome.case_number}",
                           [f"office:{office}", f"stage:{row.stage.value}", f"case:{outcome.case_number}"])


def run_timers(rt, now: datetime) -> dict:
    report = sweep.run_sweep(rt.session, now, rt.policy)
    rendered = [render_document(rt, doc_id, now) for doc_id in pending_documents(rt)]
    schedule_deadlines(rt)
    return {"handled": report.handled, "reminders": report.reminders, "served": report.served,
            "documents": rendered, "notices": delivery.deliver_due(rt, now)}


def send_notices(rt, now: datetime) -> dict:
    """Render what is still pending, then send every notice whose turn has come."""
    rendered = [render_document(rt, doc_id, now) for doc_id in pending_documents(rt)]
    return {"documents": rendered, "notices": delivery.deliver_due(rt, now)}


def daily_digest(rt, now: datetime) -> dict:
    with rt.session() as session:
        made = digest.compose(session, now, rt.policy)
    return {"digests": made, "notices": delivery.deliver_due(rt, now)}


def serve_notice(rt, notice_id: int, *, received_on: date, method, actor: str, now: datetime,
                 reason: str | None = None) -> dict:
    """An officer records how and when a notice was received; the deadline run follows the receipt."""
    with rt.session() as session:
        result = serving.serve(session, notice_id, received_on=received_on, method=method, actor=actor, now=now,
                               reason=reason, policy=rt.policy)
        case_number = serving.case_number_of(session, notice_id)
    _schedule_after_receipt(rt, case_number)
    return result


def _schedule_after_receipt(rt, case_number: str) -> None:
    """The receipt is recorded whatever happens here; if the Prefect server cannot take the deadline run now,
    the next sweep schedules it (and would handle the expiry itself)."""
    try:
        schedule_deadlines(rt, case_number)
    except Exception:  # noqa: BLE001 - the server being away must not undo or hide a recorded receipt
        log.warning("deadline run for %s not scheduled now; the next sweep schedules it", case_number,
                    exc_info=True)


def acknowledge(rt, token: str, now: datetime) -> dict:
    """The recipient confirmed on the acknowledgement page; the deadline run follows the receipt."""
    secret = rt.settings.secret_key.get_secret_value()
    with rt.session() as session:
        result = serving.acknowledge(session, token, secret, now, rt.policy)
        case_number = serving.case_number_of(session, result["notice"])
    _schedule_after_receipt(rt, case_number)
    return result
