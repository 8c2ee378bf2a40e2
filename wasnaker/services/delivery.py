"""Delivering the outbox by e-mail: claim a notice, send it outside any transaction, record the attempt.

Backoff lives in the database (`next_attempt_at`), not in a sleeping process: it survives restarts and the case
shows every attempt. A claim is a conditional UPDATE with a lease, so two deliverers never send the same notice;
the Message-ID is derived from the notice, so every attempt is recognisably the same mail.

A deliverer can die (SIGKILL, power) at any moment of a send, and an SMTP server cannot be asked afterwards
whether it took a message. What "never sent twice" means here:

- `sending` (claimed): the server has not been given the end-of-data mark, so it took nothing (RFC 5321: a
  message is the server's only at that mark). When the lease runs out another delivery claims and sends it.
- `handed`: committed by the deliverer after writing the whole message and *before* writing the end-of-data
  mark (`SmtpSender.send(handing=...)`). A `handed` notice is never sent again: when its lease runs out,
  `settle_interrupted` records it as sent, saying on the attempt and the case that it is presumed.

So a kill never causes a second send. The price is the other side of the same coin: a kill in the microseconds
between the `handed` commit and writing the five bytes of the mark, or a server that refuses the message at
the mark while the deliverer dies before reading its answer, leaves a notice recorded as sent (presumed) that
the server did not take. We chose that over a possible duplicate of a legal letter; the attempt, the case event
and the notice say "presumed", its officers are told to check the mail server's log by its Message-ID, and a
presumed send starts no deemed receipt (an unconfirmed letter must not start a deadline on a guess).
tests/crash/ kills deliverers at random moments and counts both cases against a real SMTP server.
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


class HandOverLost(Exception):
    """The deliverer lost its claim before handing the message over (its lease ran out and another took it)."""


def mark_handed(rt, notice_id: int, claim: str, now: datetime):
    """Committed after the whole message is written and before its end-of-data mark: from here on the notice is
    never sent again (see the module docstring). Raises HandOverLost, aborting the message, when another
    deliverer holds it now. Returns the cleanup to run once the mark is written.

    Between this commit becoming durable and the mark being written, a kill loses the message (recorded as
    presumed sent), so that moment is kept short: the commit does not wait for the disk (SQLite: synchronous
    NORMAL for this one transaction, WAL; PostgreSQL: synchronous_commit off), which only a power cut or an OS
    crash could undo — the notice would then be `sending` again and resent, the one case of a second send."""
    conn, restore = rt.engine.connect(), None
    try:
        if conn.dialect.name == "sqlite":  # before BEGIN, on this connection only; put back by the cleanup
            driver = conn.connection.driver_connection
            restore = driver.execute("PRAGMA synchronous").fetchone()[0]
            driver.execute("PRAGMA synchronous=NORMAL")
        else:
            conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
        won = conn.execute(update(Notice).where(Notice.id == notice_id, Notice.status == NoticeStatus.sending,
                                                Notice.claim == claim)
                           .values(status=NoticeStatus.handed, sent_at=now, lease_until=clock.now() + LEASE)).rowcount
        conn.commit()
    except BaseException:
        _release(conn, restore)
        raise
    if won != 1:
        _release(conn, restore)
        raise HandOverLost(f"notice {notice_id} is no longer held by this deliverer")
    return lambda: _release(conn, restore)


def _release(conn, synchronous: int | None) -> None:
    if synchronous is not None and not conn.invalidated:
        conn.connection.driver_connection.execute(f"PRAGMA synchronous={int(synchronous)}")
    conn.close()


def interrupted_ids(session: Session) -> list[int]:
    """Notices handed to the SMTP server by a deliverer that never recorded the server's answer."""
    query = select(Notice.id).where(Notice.status == NoticeStatus.handed, Notice.lease_until <= clock.now())
    return list(session.exec(query.order_by(Notice.id)))


PRESUMED = ("presumed sent: the deliverer stopped after handing the whole message to the SMTP server, before "
            "recording its answer; not sent again (check the server's log for this Message-ID if in doubt)")


def settle_interrupted(session: Session, notice_id: int, now: datetime, settings) -> dict | None:
    """Record a `handed` notice whose deliverer died as sent, presumed; None when it was settled meanwhile."""
    notice = session.exec(select(Notice).where(Notice.id == notice_id, Notice.status == NoticeStatus.handed,
                                               Notice.lease_until <= clock.now()).with_for_update()).first()
    if notice is None:
        return None
    sent_at = notice.sent_at or now
    return record(session, notice_id, sent_at, None, message_id(notice, settings.mail_from), settings, notice.claim,
                  presumed=True)


def record(session: Session, notice_id: int, now: datetime, failure: DeliveryFailed | None, mid: str,
           settings, claim: str, presumed: bool = False) -> dict | None:
    """Record one attempt: sent, retry later (backoff), failed for good, or bounced. None when this deliverer
    no longer holds the notice (its lease ran out and another took it): that one records."""
    notice = session.exec(select(Notice).where(Notice.id == notice_id).with_for_update()).one()
    if notice.status not in (NoticeStatus.sending, NoticeStatus.handed) or notice.claim != claim:
        return None
    notice.attempts += 1
    notice.lease_until = None
    outcome = _outcome(notice, failure, settings)
    if outcome == AttemptOutcome.sent:  # a presumed send keeps its note where `notices list` shows it
        notice.status, notice.sent_at, notice.message_id = NoticeStatus.sent, now, mid
        notice.last_error = PRESUMED if presumed else ""
    else:
        notice.status, notice.last_error = _AFTER_FAILURE[outcome], str(failure)
    if outcome == AttemptOutcome.retry:
        notice.next_attempt_at = now + rules.backoff(notice.attempts, settings.notice_backoff_seconds,
                                                     settings.notice_backoff_cap_seconds)
    detail = str(failure) if failure else f"{mid} ({PRESUMED})" if presumed else mid
    session.add(NoticeAttempt(notice_id=notice.id, at=now, outcome=outcome, code=failure.code if failure else None,
                              detail=detail))
    session.add(notice)
    _on_case(session, notice, outcome, now, presumed)
    return {"notice": notice.id, "to": notice.recipient, "outcome": outcome, "attempts": notice.attempts,
            "error": notice.last_error, **({"presumed": True} if presumed else {})}


_AFTER_FAILURE = {AttemptOutcome.retry: NoticeStatus.retrying, AttemptOutcome.failed: NoticeStatus.failed,
                  AttemptOutcome.bounced: NoticeStatus.bounced}


def _outcome(notice: Notice, failure: DeliveryFailed | None, settings) -> AttemptOutcome:
    if failure is None:
        return AttemptOutcome.sent
    if failure.permanent:
        return AttemptOutcome.bounced
    return AttemptOutcome.failed if notice.attempts >= settings.notice_max_attempts else AttemptOutcome.retry


def _on_case(session: Session, notice: Notice, outcome: AttemptOutcome, now: datetime, presumed: bool) -> None:
    """Sending a letter is part of the case record; a bounce or a final failure also alerts its officers."""
    if notice.case_id is None or notice.audience == rules.Audience.internal or outcome == AttemptOutcome.retry:
        return
    case = session.get(Case, notice.case_id)
    on = clock.local_date(now, repo.office(session, case.office_id).timezone)
    system_event(session, case, trigger=f"notice_{outcome}", on=on, now=now,
                 data={"notice": notice.id, "to": notice.recipient, "subject": notice.subject,
                       "message_id": notice.message_id, "attempts": notice.attempts, "error": notice.last_error,
                       **({"presumed": True} if presumed else {})})
    if presumed:
        _tell_presumed(session, case, notice)
    if outcome in (AttemptOutcome.bounced, AttemptOutcome.failed):
        people = outbox.responsible(session, case, (Role.inspector, Role.ppns, Role.head))
        word = "ditolak server penerima" if outcome == AttemptOutcome.bounced else "gagal dikirim"
        outbox.tell_officers(session, case, people, key=f"notice:{notice.id}:{outcome}",
                             subject=f"[{case.number}] E-mail {word}: {notice.subject}",
                             body=f"Kepada {notice.recipient}: {notice.last_error}. Sampaikan surat dengan tangan "
                                  "atau pos tercatat dan catat tanda terimanya.", now=now)


def _tell_presumed(session: Session, case: Case, notice: Notice) -> None:
    """A letter presumed sent starts no deemed receipt (serving.deemed_due): its officers check and serve it."""
    people = outbox.responsible(session, case, (Role.inspector, Role.ppns, Role.head))
    outbox.tell_officers(session, case, people, key=f"notice:{notice.id}:presumed",
                         subject=f"[{case.number}] E-mail mungkin tidak terkirim: {notice.subject}",
                         body=f"Kepada {notice.recipient}: pengiriman terputus setelah surat diserahkan ke server "
                              f"surat (Message-ID {notice.message_id}). Periksa log server surat; bila tidak "
                              "terkirim, sampaikan surat dengan tangan atau pos tercatat dan catat tanda terimanya.",
                         now=notice.sent_at)


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
        sender.send(mail, handing=lambda: mark_handed(rt, notice_id, claim, now))
    except DeliveryFailed as exc:
        failure = exc
    except (ValueError, UnicodeError) as exc:  # a malformed address or header: sending again cannot help
        failure = DeliveryFailed(f"cannot be sent: {type(exc).__name__}: {exc}", permanent=True)
    except Exception as exc:  # anything else: recorded and retried, never left holding the notice
        failure = DeliveryFailed(f"{type(exc).__name__}: {exc}", permanent=False)
    with rt.session() as session:
        return record(session, notice_id, now, failure, mid, rt.settings, claim)
