"""Documents issued outside a state change: the case chronology on demand, and a corrected letter (a new
document, newly numbered, that references the one it replaces; the original is never touched)."""

from datetime import date, datetime

from sqlmodel import Session, select

from models import Case, CaseEvent, Document
from wasnaker import clock
from wasnaker.domain.errors import FutureDate, InvalidData, NotFound, RoleNotAllowed
from wasnaker.domain.policy import Policy
from wasnaker.domain.vocabulary import DocKind, DocStatus, Role
from wasnaker.services import chain, documents, outbox, repo
from wasnaker.services.sequences import next_seq

SIGNING_ROLES = (Role.inspector, Role.ppns, Role.head, Role.kadis)


def _check(session: Session, case: Case, actor: str, on: date, now: datetime, not_before: date):
    officer = repo.officer(session, actor)
    if officer.office_id != case.office_id or Role(officer.role) not in SIGNING_ROLES:
        raise RoleNotAllowed(f"{actor} cannot issue documents for case {case.number}")
    today = clock.local_date(now, repo.office(session, case.office_id).timezone)
    if on > today:
        raise FutureDate(f"date {on} is in the future (today is {today})")
    if on < not_before:
        raise InvalidData(f"date {on} is before {not_before}")
    return officer


def _event(session, case, officer, trigger, on, now, data) -> CaseEvent:
    event = CaseEvent(case_id=case.id, at=now, on_date=on, actor=officer.username, role=officer.role,
                      trigger=trigger, from_state=case.state, to_state=case.state, data=data)
    return chain.append_event(session, case, event)


def issue_chronology(session: Session, case_number: str, *, actor: str, on: date, now: datetime,
                     policy: Policy) -> Document:
    """A numbered, court-ready timeline of every event, document and timer of the case, as of `on`."""
    case = repo.case(session, case_number)
    officer = _check(session, case, actor, on, now, case.opened_on)
    event = _event(session, case, officer, "issue_chronology", on, now, {})
    return documents.reserve(session, case, DocKind.chronology, on, actor=officer, payload={},
                             trigger="issue_chronology", policy=policy, event_id=event.id)


def _merge(base: dict, changes: dict) -> dict:
    unknown = sorted(set(changes) - set(base) - {"doc"})
    if unknown or "doc" in changes:
        raise InvalidData(f"cannot correct {', '.join(unknown or ['doc'])}: correct the letter's content keys")
    return {**base, **changes}


def correct(session: Session, number: str, *, actor: str, on: date, now: datetime, changes: dict,
            reason: str, policy: Policy) -> Document:
    """A corrected letter: new number, same kind, the old context with `changes`, citing what it replaces."""
    old = session.exec(select(Document).where(Document.number == number)).first()
    if old is None or old.status == DocStatus.draft:
        raise NotFound(f"no issued document numbered {number!r}")
    if len(reason.strip()) < 3:
        raise InvalidData("a correction needs its reason")
    case = session.get(Case, old.case_id)
    officer = _check(session, case, actor, on, now, old.doc_date)
    kind = DocKind(old.kind)
    policy = policy.for_office(repo.office(session, case.office_id).settings)
    seq = next_seq(session, case.office_id, kind.value, on.year)
    new_number = documents.format_doc_number(session, case, kind, on, seq, policy)
    event = _event(session, case, officer, "correct_document", on, now,
                   {"replaces": number, "reason": reason, "changes": changes})
    context = _merge(old.context, changes)
    context["doc"] = {**old.context["doc"], "number": new_number, "date": on.isoformat(),
                      "replaces": {"number": old.number, "date": old.doc_date.isoformat(), "reason": reason}}
    doc = Document(case_id=case.id, office_id=case.office_id, kind=kind.value, status=DocStatus.reserved,
                   number=new_number, seq=seq, year=on.year, doc_date=on, context=context, event_id=event.id,
                   replaces_id=old.id, signed_by=officer.username)
    session.add(doc)
    session.flush()
    outbox.queue_letter(session, case, doc, now, policy)  # the corrected letter reaches whoever got the first
    return doc
