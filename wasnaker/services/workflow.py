"""Stage work shared by the CLI (in-process) and the Prefect flows (as tasks): record an act in one
transaction, then render its documents, each in its own transaction, after the act has committed."""

from datetime import date, datetime

from wasnaker.services import documents, sweep
from wasnaker.services.transitions import Outcome, apply_trigger


def record(rt, *, trigger: str, actor: str, on: date, now: datetime, case_number: str | None = None,
           data: dict | None = None) -> Outcome:
    with rt.session() as session:
        return apply_trigger(session=session, trigger=trigger, actor=actor, on=on, now=now,
                             case_number=case_number, data=data, policy=rt.policy)


def render_document(rt, doc_id: int, now: datetime) -> dict:
    """Idempotent: an issued document is returned as it is, never re-rendered."""
    with rt.session() as session:
        doc = documents.render_one(session, doc_id, rt.renderer, rt.store, now)
        return {"id": doc.id, "kind": doc.kind, "number": doc.number, "path": doc.file_path, "sha256": doc.sha256}


def pending_documents(rt, case_number: str | None = None) -> list[int]:
    from wasnaker.services import repo

    with rt.session() as session:
        case_id = repo.case(session, case_number).id if case_number else None
        return documents.pending_ids(session, case_id)


def advance(rt, *, trigger: str, actor: str, on: date, now: datetime, case_number: str | None = None,
            data: dict | None = None) -> dict:
    outcome = record(rt, trigger=trigger, actor=actor, on=on, now=now, case_number=case_number, data=data)
    rendered = [render_document(rt, doc_id, now) for doc_id in outcome.documents]
    return {**outcome.__dict__, "documents": rendered}


def run_timers(rt, now: datetime) -> dict:
    report = sweep.run_sweep(rt.session, now, rt.policy)
    rendered = [render_document(rt, doc_id, now) for doc_id in pending_documents(rt)]
    return {"handled": report.handled, "reminders": report.reminders, "documents": rendered}
