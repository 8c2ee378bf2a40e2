"""Proof of service: the day a notice reached its recipient. Recorded by hand (tanda terima), from registered
post, by the recipient on the acknowledgement page, or deemed by policy N days after the e-mail was sent.
Where the letter's deadline runs from receipt, the receipt goes through the door (`record_receipt`), which
starts the clock or, with a reason, moves it and records why."""

from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from models import Case, Document, Notice, Timer
from models._types import as_utc
from wasnaker import clock
from wasnaker.domain import lifecycle, validation
from wasnaker.domain import notices as rules
from wasnaker.domain.errors import Conflict, FutureDate, InvalidData, NotFound, RoleNotAllowed
from wasnaker.domain.notices import NoticeChannel, NoticeStatus, ServiceMethod
from wasnaker.domain.policy import DEFAULT_POLICY, Policy
from wasnaker.domain.vocabulary import DOC_TITLES, OPEN_TIMER_STATUSES, DocKind, DocStatus, Role, State, TimerStatus
from wasnaker.services import outbox, receipts, repo
from wasnaker.services.audit import system_event
from wasnaker.services.transitions import apply_trigger


def serve(session: Session, notice_id: int, *, received_on: date, method: ServiceMethod, actor: str | None,
          now: datetime, reason: str | None = None, policy: Policy = DEFAULT_POLICY) -> dict:
    """Record when the notice was received (`actor` None: the system). A second, different date needs a
    reason; the same date again changes nothing."""
    notice = _outward(session, notice_id)
    reason = validation.text(reason, "reason", multiline=True) if reason else reason
    doc = session.get(Document, notice.document_id)
    case = session.get(Case, notice.case_id)
    _check_date(session, case, doc, received_on, now)
    if not reason and not receipts.claim(session, notice, received_on, method):
        if notice.served_on == received_on:
            return _result(notice, "already recorded")
        raise Conflict(f"notice {notice.id} was received on {notice.served_on}; give a reason to change it")
    on = clock.local_date(now, repo.office(session, case.office_id).timezone)
    data = {"received_on": received_on.isoformat(), "method": method.value, "reason": reason, "letter": doc.number}
    if _starts_clock(session, case, doc, notice, reason, policy):
        apply_trigger(session=session, trigger="record_receipt", actor=actor or "system", on=on, now=now,
                      case_number=case.number, data=data, policy=policy, as_system=actor is None)
    else:
        officer = _recorder(session, case, actor) if actor else None
        system_event(session, case, trigger="notice_served", on=on, now=now, actor=officer,
                     data={**data, "notice": notice.id, "to": notice.recipient})
    session.refresh(notice)
    receipts.serve(notice, received_on, method)  # this party's copy only
    if notice.audience == outbox.addressee(policy, doc.kind) and (doc.received_on is None or reason):
        receipts.stamp_letter(session, doc, received_on)
    session.add_all([notice, doc])
    session.flush()
    return _result(notice, "recorded")


def _recorder(session: Session, case: Case, actor: str):
    """Whoever may record a receipt in the lifecycle table may record any proof of service."""
    officer = repo.officer(session, actor)
    roles = {r for t in lifecycle.TRANSITIONS if t.trigger == "record_receipt" for r in t.roles} - {Role.system}
    if Role(officer.role) not in roles or officer.office_id != case.office_id:
        allowed = ", ".join(sorted(r.value for r in roles))
        raise RoleNotAllowed(f"recording a receipt needs role {allowed} in the case's office; {actor} is "
                             f"{officer.role}")
    return officer


def case_number_of(session: Session, notice_id: int) -> str:
    return session.get(Case, session.get(Notice, notice_id).case_id).number


def _outward(session: Session, notice_id: int) -> Notice:
    notice = session.get(Notice, notice_id) if 0 < notice_id < 2**63 else None  # past a row id: none
    if notice is None:
        raise NotFound(f"no notice {notice_id}")
    if notice.audience == rules.Audience.internal or notice.document_id is None:
        raise InvalidData(f"notice {notice_id} is internal: it has no proof of service")
    return notice


def _check_date(session, case: Case, doc: Document, received_on: date, now: datetime) -> None:
    today = clock.local_date(now, repo.office(session, case.office_id).timezone)
    if received_on > today:
        raise FutureDate(f"received_on {received_on} is in the future (today is {today})")
    if received_on < doc.doc_date:
        raise InvalidData(f"received_on {received_on} is before the letter's date {doc.doc_date}")


def _starts_clock(session, case: Case, doc: Document, notice: Notice, reason: str | None, policy: Policy) -> bool:
    """The letter's addressee received it and a deadline of that letter waits for (or runs from) its receipt."""
    if notice.audience != outbox.addressee(policy, doc.kind):
        return False
    statuses = OPEN_TIMER_STATUSES if reason else (TimerStatus.awaiting_receipt,)
    timer = session.exec(select(Timer.id).where(Timer.document_id == doc.id, Timer.status.in_(statuses))).first()
    return timer is not None and lifecycle.find(State(case.state), "record_receipt") is not None


def _result(notice: Notice, what: str) -> dict:
    return {"notice": notice.id, "served_on": notice.served_on.isoformat(), "method": notice.service_method,
            "result": what}


def notice_for_token(session: Session, token: str, secret: str) -> Notice:
    """The notice an acknowledgement link names, or NotFound for any link not signed for exactly that notice."""
    parsed = rules.parse_ack_token(token)
    notice = session.get(Notice, parsed[0]) if parsed else None
    if notice is None or not notice.ack_nonce or notice.audience == rules.Audience.internal or \
            not rules.ack_token_valid(secret, token, notice.id, notice.ack_nonce, notice.key):
        raise NotFound("this acknowledgement link is not valid")
    return notice


def acknowledge(session: Session, token: str, secret: str, now: datetime, policy: Policy = DEFAULT_POLICY) -> dict:
    """The recipient pressed the button: received today (office time), recorded once."""
    notice = notice_for_token(session, token, secret)
    if notice.served_on:
        return _result(notice, "already recorded")
    case = session.get(Case, notice.case_id)
    today = clock.local_date(now, repo.office(session, case.office_id).timezone)
    return serve(session, notice.id, received_on=today, method=ServiceMethod.email, actor=None, now=now,
                 policy=policy)


def deemed_due(session: Session, now: datetime, policy: Policy) -> list[tuple[int, date]]:
    """E-mailed notices nobody acknowledged whose deemed-receipt day has come: (notice id, received_on)."""
    query = (select(Notice.id, Notice.sent_at, Case.office_id).join(Case, Case.id == Notice.case_id)
             .where(Notice.channel == NoticeChannel.email, Notice.status == NoticeStatus.sent,
                    Notice.served_on.is_(None), Notice.audience != rules.Audience.internal,
                    Notice.last_error.not_like("presumed sent%")))  # delivery.PRESUMED: an officer checks it
    offices, due = {}, []  # (days, time zone, today there) per office: thousands of notices share a few offices
    for notice_id, sent_at, office_id in session.exec(query.order_by(Notice.id)):
        if office_id not in offices:
            office = repo.office(session, office_id)
            offices[office_id] = (policy.for_office(office.settings).email_deemed_receipt_days, office.timezone,
                                  clock.local_date(now, office.timezone))
        days, tz, today = offices[office_id]
        deemed = clock.local_date(as_utc(sent_at), tz) + timedelta(days=days)
        if days and deemed <= today:
            due.append((notice_id, deemed))
    return due


def serve_deemed(session: Session, notice_id: int, received_on: date, now: datetime, policy: Policy) -> dict | None:
    notice = session.get(Notice, notice_id)
    if notice.served_on:  # acknowledged meanwhile
        return None
    return serve(session, notice_id, received_on=received_on, method=ServiceMethod.email_deemed, actor=None,
                 now=now, policy=policy)


def ack_view(session: Session, token: str, secret: str) -> dict:
    """What the acknowledgement page shows; reading it records nothing (mail scanners open links on their own)."""
    notice = notice_for_token(session, token, secret)
    doc = session.get(Document, notice.document_id)
    case = session.get(Case, notice.case_id)
    office = repo.office(session, case.office_id)
    return {"title": DOC_TITLES[DocKind(doc.kind)], "number": doc.number, "date": doc.doc_date,
            "recipient": notice.recipient_name, "office": office.name, "office_contact": office.phone or office.email,
            "served_on": notice.served_on, "method": notice.service_method, "token": token}


def letter_file(session: Session, token: str, secret: str) -> tuple[str, str]:
    """(file name, stored path) of the letter an acknowledgement link names; reading it records nothing."""
    notice = notice_for_token(session, token, secret)
    doc = session.get(Document, notice.document_id)
    if doc.status != DocStatus.issued or not doc.file_path:
        raise NotFound("the letter is not issued yet")
    return outbox.file_name(doc), doc.file_path
