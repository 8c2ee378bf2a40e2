"""Read models for the CLI, web UI and flows: plain dicts, no ORM objects leave this module."""

from sqlmodel import Session, select

from models import Case, Company, Document, Notice, NoticeAttempt, Timer
from wasnaker.domain import lifecycle
from wasnaker.domain.notices import NoticeStatus
from wasnaker.domain.vocabulary import CLOSE_REASON_LABELS, STATE_LABELS, CloseReason, State, TimerStatus
from wasnaker.services import repo


def _iso(value):
    return value.isoformat() if value else None


def case_row(session: Session, case: Case) -> dict:
    company = session.get(Company, case.company_id)
    reason = case.close_reason
    return {"number": case.number, "state": case.state, "label": STATE_LABELS[State(case.state)],
            "close_reason": reason, "close_label": CLOSE_REASON_LABELS[CloseReason(reason)] if reason else None,
            "company": company.name, "nib": company.nib, "opened_on": _iso(case.opened_on),
            "regime": case.regime}


def list_cases(session: Session, state: str | None = None) -> list[dict]:
    query = select(Case).order_by(Case.id)
    if state:
        query = query.where(Case.state == state)
    return [case_row(session, c) for c in session.exec(query)]


def timer_row(t: Timer) -> dict:
    return {"id": t.id, "kind": t.kind, "status": t.status, "start": _iso(t.start_date), "due": _iso(t.due_date),
            "length": t.length, "unit": t.unit, "calendar": t.calendar, "history": t.history}


def document_row(d: Document) -> dict:
    return {"id": d.id, "kind": d.kind, "status": d.status, "number": d.number, "date": _iso(d.doc_date),
            "received_on": _iso(d.received_on), "sha256": d.sha256, "path": d.file_path}


def show_case(session: Session, number: str) -> dict:
    case = repo.case(session, number)
    return {
        **case_row(session, case),
        "version": case.version,  # what `apply --expected-version` (and a form) hands back
        "details": case.details,
        "officers": [o.username for o in repo.case_officers(session, case.id)],
        "findings": [{"no": f.no, "norm": f.norm, "article": f.article, "status": f.status, "amount": f.amount}
                     for f in repo.findings(session, case.id)],
        "timers": [timer_row(t) for t in repo.timers(session, case.id)],
        "documents": [document_row(d) for d in repo.documents(session, case.id)],
        "notices": list_notices(session, case_number=number),
        "events": [{"on": _iso(e.on_date), "actor": e.actor, "trigger": e.trigger, "from": e.from_state,
                    "to": e.to_state} for e in repo.events(session, case.id)],
        "next": [t.trigger for t in lifecycle.available(State(case.state))],
    }


def list_timers(session: Session, status: TimerStatus | None = None) -> list[dict]:
    query = select(Timer, Case.number).join(Case, Case.id == Timer.case_id).order_by(Timer.due_date, Timer.id)
    if status:
        query = query.where(Timer.status == status)
    return [{"case": number, **timer_row(t)} for t, number in session.exec(query)]


def list_documents(session: Session, case_number: str | None = None) -> list[dict]:
    query = select(Document, Case.number).join(Case, Case.id == Document.case_id).order_by(Document.id)
    if case_number:
        query = query.where(Case.number == case_number)
    return [{"case": number, **document_row(d)} for d, number in session.exec(query)]


def notice_row(n: Notice, attempts: list[NoticeAttempt] = ()) -> dict:
    return {"id": n.id, "audience": n.audience, "to": n.recipient, "name": n.recipient_name, "channel": n.channel,
            "subject": n.subject, "status": n.status, "attempts": n.attempts, "last_error": n.last_error,
            "next_attempt_at": _iso(n.next_attempt_at), "sent_at": _iso(n.sent_at), "served_on": _iso(n.served_on),
            "service_method": n.service_method or None, "document_id": n.document_id,
            "history": [{"at": _iso(a.at), "outcome": a.outcome, "code": a.code, "detail": a.detail}
                        for a in attempts]}


def list_notices(session: Session, *, case_number: str | None = None, status: NoticeStatus | None = None,
                 recipient: str | None = None) -> list[dict]:
    """The outbox with every delivery attempt: what a case officer checks when a company says it got nothing."""
    query = select(Notice).outerjoin(Case, Case.id == Notice.case_id).order_by(Notice.id)
    if case_number:
        query = query.where(Case.number == case_number)
    if status:
        query = query.where(Notice.status == status)
    if recipient:
        query = query.where(Notice.recipient == recipient)
    notices = list(session.exec(query))
    attempts: dict[int, list] = {}
    if notices:
        for a in session.exec(select(NoticeAttempt).where(NoticeAttempt.notice_id.in_([n.id for n in notices]))
                              .order_by(NoticeAttempt.id)):
            attempts.setdefault(a.notice_id, []).append(a)
    return [notice_row(n, attempts.get(n.id, [])) for n in notices]
