"""Timers are rows: opened and closed by transitions, started by receipts, expired by the sweep."""

from datetime import date

from sqlmodel import Session, select

from models import Document, Timer
from wasnaker.domain.calendar import DeadlineRule, LegalCalendar, due_date, expiry_moment, indonesian_calendar
from wasnaker.domain.errors import InvalidData, worded
from wasnaker.domain.lifecycle import TimerOpen
from wasnaker.domain.vocabulary import OPEN_TIMER_STATUSES, State, TimerKind, TimerStatus
from wasnaker.services import outbox, receipts, repo


def calendar_for(office, around: date) -> LegalCalendar:
    """The office's calendar (national holidays, cuti bersama, its own closures) for the years a deadline
    starting `around` can reach (building every year is slow)."""
    closures = [date.fromisoformat(d) for d in office.closures]
    return indonesian_calendar(years=range(around.year - 1, around.year + 3), closures=closures)


def apply_row(act) -> list[int]:
    """Close the row's timers (every timer when the case closes), then open its new ones."""
    kinds = [k.value for k in TimerKind] if act.row.target == State.closed else act.row.closes
    closable = (*OPEN_TIMER_STATUSES, TimerStatus.expired)  # only kinds the case has open before the act
    kinds = [k for k in kinds if any(t.kind == k and t.status in closable for t in act.facts.timers)]
    if kinds:  # none: no query
        close(act.session, act.case.id, kinds, act.on, f"closed by {act.row.trigger}")
    opened = [_open(act, spec) for spec in act.row.opens]
    return [t.id for t in opened]


def close(session: Session, case_id: int, kinds, on: date, why: str) -> None:
    """Closing also settles an expired timer: the officer's act is the judgement its expiry waited for."""
    for timer in repo.timers(session, case_id):
        if timer.kind in kinds and timer.status in (*OPEN_TIMER_STATUSES, TimerStatus.expired):
            timer.status, timer.closed_on = TimerStatus.closed, on
            timer.history = [*timer.history, {"on": on.isoformat(), "what": "closed", "why": why}]
            session.add(timer)


def _open(act, spec: TimerOpen) -> Timer:
    rule = act.policy.rule(spec.kind)
    length = getattr(act.payload, spec.length_field, None) if spec.length_field else None
    timer = Timer(case_id=act.case.id, kind=spec.kind.value, status=TimerStatus.awaiting_receipt,
                  length=length or rule.length, unit=rule.unit, roll_forward=rule.roll_forward, rule_text=rule.basis,
                  opened_on=act.on,
                  history=[{"on": act.on.isoformat(), "what": "opened", "by": act.row.trigger}])
    start = _start(act, spec, rule)
    if start:
        _start_clock(act.session, timer, start, act.case.office_id, "started")
    act.session.add(timer)
    act.session.flush()
    return timer


def _start(act, spec: TimerOpen, rule) -> date | None:
    if spec.start_field:  # e.g. the P-19 reaches the investigator: its date, or the act's own date
        return getattr(act.payload, spec.start_field) or act.on
    if rule.from_receipt:
        received = getattr(act.payload, "received_on", None)
        if received and received < act.on:
            raise InvalidData(f"received_on {received} is before the letter's date {act.on}")
        return received
    return act.on


def _start_clock(session: Session, timer: Timer, start: date, office_id: int, what: str) -> None:
    office = repo.office(session, office_id)
    calendar = calendar_for(office, start)
    rule = DeadlineRule(timer.length, timer.unit, timer.roll_forward)
    timer.start_date, timer.status, timer.calendar = start, TimerStatus.running, calendar.name
    timer.due_date = due_date(start, rule, calendar)
    timer.expires_at = expiry_moment(timer.due_date, office.timezone)
    timer.history = [*timer.history, {"on": start.isoformat(), "what": what, "due": timer.due_date.isoformat(),
                                      "rule": rule.describe()}]


def record_receipt(act) -> None:
    """The receipt of a letter starts (or, with a reason, moves) the deadlines that letter opened."""
    received, reason, number = act.payload.received_on, act.payload.reason, act.payload.letter
    targets = [t for t in repo.timers(act.session, act.case.id) if act.policy.rule(t.kind).from_receipt
               and (t.status == TimerStatus.awaiting_receipt or (reason and t.status == TimerStatus.running))
               and (number is None or getattr(letter_of(act.session, t), "number", None) == number)]
    if number and not targets:
        raise worded(InvalidData(f"no deadline of letter {number} awaits its receipt (give a reason to move a running "
                                 "one)"), f"tidak ada jangka waktu surat {number} yang menunggu tanggal terima (isi "
                                          "alasan untuk menggeser jangka waktu yang sudah berjalan)")
    for timer in targets:
        letter = letter_of(act.session, timer)
        if letter and received < letter.doc_date:
            raise InvalidData(f"received_on {received} is before the letter's date {letter.doc_date}")
        how = act.payload.method
        what = f"receipt moved ({how}): {reason}" if timer.status == TimerStatus.running else f"received ({how})"
        _start_clock(act.session, timer, received, act.case.office_id, what)
        if letter:
            receipts.stamp_letter(act.session, letter, received)
            outbox.mark_served(act.session, letter, act.policy, received, how)
        act.session.add(timer)


def running_due_ids(session: Session, now) -> list[int]:
    """Due order; only the ids (each is handled in its own transaction), by ix_timer_status_expires_at."""
    query = select(Timer.id).where(Timer.status == TimerStatus.running, Timer.expires_at <= now)
    return list(session.exec(query.order_by(Timer.expires_at, Timer.id)))


def letter_of(session: Session, timer: Timer) -> Document | None:
    return session.get(Document, timer.document_id) if timer.document_id else None


def link_letter(act, timer_ids: list[int], doc_ids: list[int]) -> None:
    """A deadline opened with a letter belongs to that letter; a receipt given at issue is stamped on it."""
    for timer_id in timer_ids if doc_ids else ():
        timer = act.session.get(Timer, timer_id)
        timer.document_id = doc_ids[0]
        act.session.add(timer)
        if timer.start_date and act.policy.rule(timer.kind).from_receipt:
            receipts.stamp_letter(act.session, act.session.get(Document, doc_ids[0]), timer.start_date)
