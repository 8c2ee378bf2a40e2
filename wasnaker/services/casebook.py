"""What a signed-in officer may read of the cases: the worklist scoped to their role (filtered in SQL), one case
whole, its documents and notices. Another office's case, document or notice is NotFound, exactly as an unknown
one is, so that guessing numbers reveals nothing; the coordinator reads every office. Plain dicts out."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, func, or_, select

from models import Case, CaseOfficer, Company, Document, Notice, NoticeAttempt, Office, Timer
from wasnaker import clock
from wasnaker.domain import chronicle
from wasnaker.domain.errors import NotFound
from wasnaker.domain.vocabulary import Role, State, TimerStatus
from wasnaker.services import queries, repo
from wasnaker.services.scans import scans_of

_DUE = (TimerStatus.running, TimerStatus.expired)  # an expired deadline waits for an officer: still open
_OPEN = (*_DUE, TimerStatus.awaiting_receipt)
_OWN_CASES = (Role.inspector, Role.ppns)


@dataclass(frozen=True)
class Filters:
    """`states`: the states to show (None: every state but closed); `text`: part of a case number, company name
    or NIB."""

    states: tuple[str, ...] | None = None
    text: str = ""
    limit: int = 200


def readable(who, office_id: int) -> bool:
    return who.role == Role.coordinator or who.office_id == office_id


def _scoped(query, who, intake: tuple[str, ...]):
    """Inspectors and PPNS see the cases they are assigned to, the desk its office's intake, the head and the
    kadis their office, the coordinator every office."""
    if who.role == Role.coordinator:
        return query
    query = query.where(Case.office_id == who.office_id)
    if who.role in _OWN_CASES:
        assigned = select(CaseOfficer.case_id).where(CaseOfficer.officer_id == who.officer_id)
        return query.where(Case.id.in_(assigned))
    if who.role == Role.desk:
        return query.where(Case.state.in_(intake))
    return query


def _filtered(query, filters: Filters):
    if filters.states is None:
        query = query.where(Case.state != State.closed)
    else:
        query = query.where(Case.state.in_(filters.states))
    if text := filters.text.strip().lower():
        query = query.where(or_(func.lower(Case.number).contains(text, autoescape=True),
                                func.lower(Company.name).contains(text, autoescape=True),
                                Company.nib.contains(text, autoescape=True)))
    return query


def worklist(session: Session, who, filters: Filters, intake: tuple[str, ...], now: datetime) -> dict:
    """The officer's cases, most urgent deadline first, at most `filters.limit` of them, and how many match."""
    nearest = (select(Timer.case_id, func.min(Timer.due_date).label("due"))
               .where(Timer.status.in_(_DUE), Timer.due_date.is_not(None)).group_by(Timer.case_id).subquery())
    base = _filtered(_scoped(select(Case.id).join(Company, Company.id == Case.company_id), who, intake), filters)
    total = session.exec(select(func.count()).select_from(base.subquery())).one()
    query = (select(Case, Company.name, Company.nib, Office.timezone)
             .join(Company, Company.id == Case.company_id).join(Office, Office.id == Case.office_id)
             .outerjoin(nearest, nearest.c.case_id == Case.id)
             .where(Case.id.in_(base)).order_by(nearest.c.due.is_(None), nearest.c.due, Case.id.desc())
             .limit(filters.limit))
    rows = session.exec(query).all()
    deadlines = _nearest_deadlines(session, [case.id for case, *_ in rows], now, {c.id: tz for c, _, _, tz in rows})
    return {"total": total, "cases": [{"number": c.number, "state": c.state, "close_reason": c.close_reason,
                                       "company": name, "nib": nib, "deadline": deadlines.get(c.id)}
                                      for c, name, nib, _tz in rows]}


def _nearest_deadlines(session, case_ids: list[int], now: datetime, zones: dict[int, str]) -> dict[int, dict]:
    """The open deadline due first of each listed case (or a letter still awaiting its receipt)."""
    found: dict[int, dict] = {}
    query = select(Timer).where(Timer.case_id.in_(case_ids), Timer.status.in_(_OPEN)).order_by(Timer.id)
    for t in session.exec(query):
        row = deadline_row(t, clock.local_date(now, zones[t.case_id]))
        best = found.get(t.case_id)
        if best is None or (row["due"] or "9999") < (best["due"] or "9999"):
            found[t.case_id] = row
    return found


def deadline_row(t: Timer, today: date) -> dict:
    days = (t.due_date - today).days if t.due_date else None
    return {**queries.timer_row(t), "days_left": days,
            "overdue": t.status == TimerStatus.expired or (days is not None and days < 0)}


def readable_case(session: Session, who, number: str) -> Case:
    case = session.exec(select(Case).where(Case.number == number)).first()
    if case is None or not readable(who, case.office_id):
        raise NotFound(f"unknown case {number!r}")
    return case


def _documents(session: Session, case: Case) -> list[dict]:
    docs = repo.documents(session, case.id)
    scans = scans_of(session, [d.id for d in docs])
    return [{**queries.document_row(d), "has_pdf": bool(d.file_path), "scans": scans.get(d.id, [])} for d in docs]


def case_page(session: Session, who, number: str, now: datetime) -> dict:
    """One case whole for its page: header, findings, deadlines, documents, notices, the audit trail."""
    case = readable_case(session, who, number)
    office = repo.office(session, case.office_id)
    today = clock.local_date(now, office.timezone)
    company = session.get(Company, case.company_id)
    return {
        **queries.case_row(session, case), "version": case.version, "office": office.name, "office_code": office.code,
        "timezone": office.timezone, "today": today.isoformat(), "company_address": company.address,
        "officers": [o.name for o in repo.case_officers(session, case.id)],
        "findings": [{"no": f.no, "norm": f.norm, "article": f.article, "facts": f.facts,
                      "order": f.corrective_order, "workers_affected": f.workers_affected, "amount": f.amount,
                      "status": f.status} for f in repo.findings(session, case.id)],
        "timers": [deadline_row(t, today) for t in repo.timers(session, case.id)],
        "documents": _documents(session, case),
        "notices": queries.list_notices(session, case_number=case.number),
        "events": _trail(session, case),
    }


def timeline(session: Session, number: str) -> dict:
    """One case as the Prefect UI's timeline shows it to coordinators: header, the audit trail told in sentences,
    documents and deadlines. Read by the system for the run history, not by a signed-in officer: no scope."""
    case = repo.case(session, number)
    return {**queries.case_row(session, case), "events": _trail(session, case),
            "documents": [queries.document_row(d) for d in repo.documents(session, case.id)],
            "timers": [queries.timer_row(t) for t in repo.timers(session, case.id)]}


def _trail(session: Session, case: Case) -> list[dict]:
    """Every event in order, each told in a sentence (`domain.chronicle`), with who acted and through what."""
    people = {o.username: o.name for o in repo.office_officers(session, case.office_id)}
    events = repo.events(session, case.id)
    deadlines: dict[int | None, dict] = {}
    for t in repo.timers(session, case.id):
        deadlines.setdefault(t.document_id, {"length": t.length, "unit": t.unit})
    letters = [chronicle.Letter(d.kind, d.number, d.event_id, d.received_on.isoformat() if d.received_on else None,
                                deadlines.get(d.id)) for d in repo.documents(session, case.id) if d.number]
    told = chronicle.describe_all([chronicle.Event(e.id, e.trigger, e.data, people.get(e.actor, chronicle.SYSTEM_NAME),
                                                   e.from_state) for e in events], letters, people)
    return [{"on": e.on_date.isoformat(), "at": e.at, "actor": people.get(e.actor, chronicle.SYSTEM_NAME),
             "username": e.actor, "role": e.role, "trigger": e.trigger, "from": e.from_state, "to": e.to_state,
             "channel": e.channel, "description": text} for e, text in zip(events, told, strict=True)]


def document_file(session: Session, who, doc_id: int) -> tuple[str, str]:
    """The file name and stored path of a document's PDF (issued, or a draft's preview)."""
    found = session.exec(select(Document, Case.office_id).join(Case, Case.id == Document.case_id)
                         .where(Document.id == doc_id)).first()
    if found is None or not readable(who, found[1]) or not found[0].file_path:
        raise NotFound(f"unknown document {doc_id}")
    doc = found[0]
    return doc.file_path.replace("\\", "/").rsplit("/", 1)[-1], doc.file_path


def notice(session: Session, who, notice_id: int) -> dict:
    """A notice with every delivery attempt and its receipt, and the case it belongs to."""
    found = session.exec(select(Notice, Case.number, Case.office_id, Office.timezone)
                         .join(Case, Case.id == Notice.case_id).join(Office, Office.id == Case.office_id)
                         .where(Notice.id == notice_id)).first()
    if found is None or not readable(who, found[2]):
        raise NotFound(f"unknown notice {notice_id}")
    n, number, _office, timezone = found
    attempts = list(session.exec(select(NoticeAttempt).where(NoticeAttempt.notice_id == n.id)
                                 .order_by(NoticeAttempt.id)))
    document = session.get(Document, n.document_id) if n.document_id else None
    return {**queries.notice_row(n, attempts), "case": number, "body": n.body, "timezone": timezone,
            "document": {**queries.document_row(document), "has_pdf": bool(document.file_path)} if document else None}



def document_case_number(session: Session, who, doc_id: int) -> str:
    found = session.exec(select(Case.number, Case.office_id).join(Document, Document.case_id == Case.id)
                         .where(Document.id == doc_id)).first()
    if found is None or not readable(who, found[1]):
        raise NotFound(f"unknown document {doc_id}")
    return found[0]
