"""Delivering the outbox by e-mail: claim a notice, send it outside any transaction, record the attempt.

Backoff lives in the database (`next_attempt_at`), not in a sleeping process: it survives restarts and the case
shows every attempt. A claim is a conditional UPDATE with a lease, so two deliverers never send the same notice;
the Message-ID is derived from the notice, so even a resend after a crash mid-send is recognisably the same mail.
"""

import hashlib
import re
import uuid
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlmodel import Session, select

from models import Case, Document, Notice, NoticeAttempt, Timer
from wasnaker import clock
from wasnaker.domain import notices as rules
from wasnaker.domain.notices import DELIVERABLE, AttemptOutcome, DeliveryFailed, Mail, NoticeChannel, NoticeStatus
from wasnaker.domain.vocabulary import DocStatus, Role, TimerStatus
from wasnaker.services import outbox, repo
from wasnaker.services.audit import system_event

LEASE = timedelta(minutes=5)  # a deliverer that died mid-send frees its notice after this


def _ready(due_at: datetime):
    """Queued, or retrying and its wait (in the caller's time) is over, or held by a deliverer whose lease ran
    out. Leases are wall-clock time: a run `as_of` a later moment must not take a notice someone is sending."""
    return or_(and_(Notice.status.in_(DELIVERABLE), or_(Notice.next_attempt_at.is_(None),
                                                          Notice.next_attempt_at <= due_at)),
               and_(Notice.status == NoticeStatus.sending, Notice.lease_until <= clock.now()))


def due_ids(session: Session, now: datetime) -> list[int]:
    """E-mail notices whose turn has come and whose letter is issued (a letter still rendering waits)."""
    issued = or_(Notice.document_id.is_(None), Document.status == DocStatus.issued)
    query = (select(Notice.id).outerjoin(Document, Document.id == Notice.document_id)
             .where(Notice.channel == NoticeChannel.email, _ready(now), issued).order_by(Notice.id))
    return list(session.exec(query))


def _claim(session: Session, notice_id: int, now: datetime) -> str | None:
    """The claim token when this deliverer won the notice, else None."""
    token = uuid.uuid4().hex
    won = session.exec(update(Notice).where(Notice.id == notice_id, Notice.channel == NoticeChannel.email, _ready(now))
                       .values(status=NoticeStatus.sending, lease_until=clock.now() + LEASE, claim=token)).rowcount
    return token if won == 1 else None


def message_id(notice: Notice, mail_from: str) -> str:
    domain = re.sub(r"[^A-Za-z0-9.-]", "", mail_from.rpartition("@")[2]) or "wasnaker.localhost"
    return f"<notice-{notice.id}.{hashlib.sha256(notice.key.encode()).hexdigest()[:16]}@{domain}>"


def compose(session: Session, notice_id: int, rt) -> Mail:
    """The e-mail for a notice: the letter as PDF with its Indonesian cover, or an internal message."""
    notice = session.get(Notice, notice_id)
    mid = message_id(notice, rt.settings.mail_from)
    if notice.document_id is None:
        return Mail(notice.recipient, notice.recipient_name, notice.subject, notice.body, mid)
    doc = session.get(Document, notice.document_id)
    try:
        pdf = rt.store.get(doc.file_path)
    except OSError as exc:
        raise DeliveryFailed(f"the letter's PDF is not in the store: {exc}", permanent=False) from None
    body = _cover(session, notice, doc, rt)
    return Mail(notice.recipient, notice.recipient_name, notice.subject, body, mid, [(outbox.file_name(doc), pdf)])


def _cover(session: Session, notice: Notice, doc: Document, rt) -> str:
    case = session.get(Case, doc.case_id)
    office = repo.office(session, case.office_id)
    policy = rt.policy.for_office(office.settings)
    starts = session.exec(select(Timer.id).where(Timer.document_id == doc.id,
                                                 Timer.status == TimerStatus.awaiting_receipt)).first() is not None
    token = rules.ack_token(rt.settings.secret_key.get_secret_value(), notice.id, notice.ack_nonce, notice.key)
    sender = rules.Sender(office.name, office.address, office.phone, office.email)
    return rules.cover_message(outbox.letter_of(doc), notice.recipient_name, sender,
                               ack_url=f"{rt.settings.public_url.rstrip('/')}/ack/{token}", starts_deadline=starts,
                               deemed_after_days=policy.email_deemed_receipt_days if starts else None)


def record(session: Session, notice_id: int, now: datetime, failure: DeliveryFailed | None, mid: str,
           settings, claim: str) -> dict | None:
    """Record one attempt: sent, retry later (backoff), failed for good, or bounced. None when this deliverer
    no longer holds the notice (its lease ran out and another took it): that one records."""
    notice = session.exec(select(Notice).where(Notice.id == notice_id).with_for_update()).one()
    if notice.status != NoticeStatus.sending or notice.claim != claim:
        return None
    notice.attempts += 1
    notice.lease_until = None
    outcome = _outcome(notice, failure, settings)
    if outcome == AttemptOutcome.sent:
        notice.status, notice.sent_at, notice.message_id, notice.last_error = NoticeStatus.sent, now, mid, ""
    else:
        notice.status, notice.last_error = _AFTER_FAILURE[outcome], str(failure)
    if outcome == AttemptOutcome.retry:
        notice.next_attempt_at = now + rules.backoff(notice.attempts, settings.notice_backoff_seconds,
                                                     settings.notice_backoff_cap_seconds)
    session.add(NoticeAttempt(notice_id=notice.id, at=now, outcome=outcome, code=failure.code if failure else None,
                              detail=str(failure) if failure else mid))
    session.add(notice)
    _on_case(session, notice, outcome, now)
    return {"notice": notice.id, "to": notice.recipient, "outcome": outcome, "attempts": notice.attempts,
            "error": notice.last_error}


_AFTER_FAILURE = {AttemptOutcome.retry: NoticeStatus.retrying, AttemptOutcome.failed: NoticeStatus.failed,
                  AttemptOutcome.bounced: NoticeStatus.bounced}


def _outcome(notice: Notice, failure: DeliveryFailed | None, settings) -> AttemptOutcome:
    if failure is None:
        return AttemptOutcome.sent
    if failure.permanent:
        return AttemptOutcome.bounced
    return AttemptOutcome.failed if notice.attempts >= settings.notice_max_attempts else AttemptOutcome.retry


def _on_case(session: Session, notice: Notice, outcome: AttemptOutcome, now: datetime) -> None:
    """Sending a letter is part of the case record; a bounce or a final failure also alerts its officers."""
    if notice.case_id is None or notice.audience == rules.Audience.internal or outcome == AttemptOutcome.retry:
        return
    case = session.get(Case, notice.case_id)
    on = clock.local_date(now, repo.office(session, case.office_id).timezone)
    system_event(session, case, trigger=f"notice_{outcome}", on=on, now=now,
                 data={"notice": notice.id, "to": notice.recipient, "subject": notice.subject,
                       "message_id": notice.message_id, "attempts": notice.attempts, "error": notice.last_error})
    if outcome in (AttemptOutcome.bounced, AttemptOutcome.failed):
        people = outbox.responsible(session, case, (Role.inspector, Role.ppns, Role.head))
        word = "ditolak server penerima" if outcome == AttemptOutcome.bounced else "gagal dikirim"
        outbox.tell_officers(session, case, people, key=f"notice:{notice.id}:{outcome}",
                             subject=f"[{case.number}] E-mail {word}: {notice.subject}",
                             body=f"Kepada {notice.recipient}: {notice.last_error}. Sampaikan surat dengan tangan "
                                  "atau pos tercatat dan catat tanda terimanya.", now=now)


def deliver_one(rt, notice_id: int, now: datetime, sender) -> dict | None:
    """Claim, compose, send, record: None when another deliverer holds the notice or it is not due."""
    with rt.session() as session:
        claim = _claim(session, notice_id, now)
    if claim is None:
        return None
    failure, mid = None, ""
    try:
        with rt.session() as session:
            mail = compose(session, notice_id, rt)
        mid = mail.message_id
        sender.send(mail)
    except DeliveryFailed as exc:
        failure = exc
    except (ValueError, UnicodeError) as exc:  # a malformed address or header: sending again cannot help
        failure = DeliveryFailed(f"cannot be sent: {type(exc).__name__}: {exc}", permanent=True)
    except Exception as exc:  # anything else: recorded and retried, never left holding the notice
        failure = DeliveryFailed(f"{type(exc).__name__}: {exc}", permanent=False)
    with rt.session() as session:
        return record(session, notice_id, now, failure, mid, rt.settings, claim)
