"""Surat Pengingat: N working days before a company deadline, once per deadline (claimed like an expiry)."""

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from models import Case, Document, Timer
from wasnaker import clock
from wasnaker.domain.calendar import reminder_date
from wasnaker.domain.policy import Policy
from wasnaker.domain.vocabulary import DOC_TITLES, DocKind, TimerKind, TimerStatus
from wasnaker.services import documents, outbox, repo
from wasnaker.services.audit import system_event
from wasnaker.services.timers import calendar_for


def _reminder_day(session: Session, timer: Timer, policy: Policy):
    """The office's lead time (its configuration may set its own) counted on the office's calendar."""
    return _day_for(repo.office(session, session.get(Case, timer.case_id).office_id), timer.due_date, policy)


def _day_for(office, due, policy: Policy):
    calendar = calendar_for(office, due)
    lead = policy.for_office(office.settings).reminder_working_days
    return reminder_date(due, lead, calendar), office.timezone


def horizon(policy: Policy) -> timedelta:
    """How far before its due date a reminder can fall: the largest lead an office may set, in calendar days twice
    over (weekends), plus three weeks of holidays and closures (Idul Fitri with its cuti bersama is about one) and
    a day for the time zones. It bounds the candidates (by expires_at, the end of the due date), so the sweep
    reads the timers near their due date, not every running one; a reminder beyond it (an office closed for
    weeks) is sent late, never lost."""
    return timedelta(days=2 * max(policy.reminder_working_days, MAX_LEAD) + 22)


MAX_LEAD = 10  # the most working days an office may set (wasnaker.domain.office_config.Service)


def due_reminder_ids(session: Session, now: datetime, policy: Policy) -> list[int]:
    kinds = [k.value for k, rule in policy.timer_rules.items() if rule.remind]
    query = (select(Timer.id, Timer.due_date, Case.office_id).join(Case, Case.id == Timer.case_id)
             .where(Timer.status == TimerStatus.running, Timer.reminded_on.is_(None), Timer.kind.in_(kinds),
                    Timer.expires_at > now, Timer.expires_at <= now + horizon(policy)))
    offices, days, due = {}, {}, []  # a reminder day per office and due date: thousands of timers share a few
    for timer_id, due_date, office_id in session.exec(query.order_by(Timer.due_date, Timer.id)):
        if (office_id, due_date) not in days:
            office = offices.setdefault(office_id, repo.office(session, office_id))
            days[office_id, due_date] = _day_for(office, due_date, policy)
        day, tz = days[office_id, due_date]
        if clock.local_date(now, tz) >= day:
            due.append(timer_id)
    return due


def send_reminder(session: Session, timer_id: int, now: datetime, policy: Policy) -> dict | None:
    """Reserve the Surat Pengingat and queue it to the company; None when already reminded."""
    timer = session.get(Timer, timer_id)
    day = clock.local_date(now, _reminder_day(session, timer, policy)[1])
    claimed = session.exec(update(Timer).where(Timer.id == timer_id, Timer.reminded_on.is_(None),
                                               Timer.status == TimerStatus.running).values(reminded_on=day)).rowcount
    if claimed != 1:
        return None
    session.refresh(timer)
    case = session.get(Case, timer.case_id)
    event = system_event(session, case, trigger=f"reminder_sent:{timer.kind}", on=day, now=now,
                         data={"timer_id": timer.id, "due_date": timer.due_date.isoformat()})
    doc = documents.reserve(session, case, DocKind.reminder, day, actor=None, trigger="reminder", policy=policy,
                            event_id=event.id, payload=_payload(session, timer, day, policy))
    outbox.queue_letter(session, case, doc, now, policy)
    return {"case": case.number, "timer": timer.kind, "due": timer.due_date.isoformat(), "document": doc.number}


def _payload(session, timer: Timer, day, policy) -> dict:
    letter = session.get(Document, timer.document_id) if timer.document_id else None
    regarding = {"title": DOC_TITLES[DocKind(letter.kind)] if letter else policy.rule(TimerKind(timer.kind)).label,
                 "number": letter.number if letter else "", "date": letter.doc_date.isoformat() if letter else "",
                 "received_on": timer.start_date.isoformat()}
    deadline = {"length": timer.length, "unit": timer.unit, "due_date": timer.due_date.isoformat()}
    return {"regarding": regarding, "deadline": deadline, "days_left": (timer.due_date - day).days}
