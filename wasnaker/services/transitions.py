"""The one door for state changes: `apply_trigger` applies a row of the lifecycle table in one transaction."""

from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import ValidationError
from sqlalchemy import bindparam
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from models import Case, Officer
from models.case import STATE_DOOR
from wasnaker import clock
from wasnaker.domain import lifecycle, validation
from wasnaker.domain.errors import (
    FutureDate,
    GuardFailed,
    InvalidData,
    NotFound,
    RoleNotAllowed,
    TriggerNotAllowed,
    UnknownTrigger,
    worded,
)
from wasnaker.domain.facts import CaseFacts
from wasnaker.domain.payloads import Payload
from wasnaker.domain.policy import DEFAULT_POLICY, Policy
from wasnaker.domain.vocabulary import Channel, Role
from wasnaker.services import casefile, chain, documents, effects, outbox, reference, repo, spans, stale, timers
from wasnaker.services.facts import case_facts


@dataclass
class Outcome:
    case_number: str
    trigger: str
    from_state: str | None
    to_state: str
    event_id: int
    documents: list[int] = field(default_factory=list)
    timers: list[int] = field(default_factory=list)


@dataclass
class Act:
    """Everything one application of a trigger works with; handed to effects, timers and documents."""

    session: Session
    row: lifecycle.Transition
    case: Case
    actor: Officer
    payload: Payload
    on: date
    now: datetime
    policy: Policy
    event: "Recorded | None" = None
    late_reason: str | None = None  # why the act is recorded after a later letter of its series (audited)
    channel: Channel = Channel.cli  # where the act came from (web, CLI); the system's own acts are `system`
    facts: CaseFacts | None = None  # what the guards read before the act (always given): effects and timers reuse it
    file: casefile.CaseFile = casefile.EMPTY  # the case's rows as read with the lock: the chain's head among them


def apply_trigger(*, session: Session, trigger: str, actor: str, on: date, now: datetime,
                  case_number: str | None = None, data: dict | None = None,
                  policy: Policy = DEFAULT_POLICY, as_system: bool = False,
                  expected_version: int | None = None, late_reason: str | None = None,
                  channel: Channel = Channel.cli) -> Outcome:
    """Check the trigger, role, dates, data and guard; then set the state, run the row's effects, open and
    close timers, reserve document numbers and append the audit event. Raises a WasnakerError and writes
    nothing when any check fails (the caller's transaction rolls back). `expected_version` is the case version
    the officer's form showed: when the case has moved on since, CaseChanged names who acted meanwhile; so does
    the case's UPDATE when another act committed after this one read the case. `late_reason` says why the act
    is recorded after a later-dated letter of its series was numbered: the letter is then numbered out of date
    order, and the reason is kept with the act's event (the audit trail) and printed in the chronology."""
    if trigger not in lifecycle.TRIGGERS:
        raise UnknownTrigger(f"unknown trigger {trigger!r}")
    late_reason = _late_reason(late_reason)
    case, read = repo.case_for_act(session, case_number) if case_number else (None, reference.token(session))
    ref = reference.current(session, read)  # the officers and offices as of this transaction
    officer = repo.SYSTEM if as_system else _officer(ref, actor)
    _check_case(session, case, expected_version, officer)
    row = _row(session, case, trigger)
    _check_role(row, officer)
    payload = _payload(row, data)
    office = ref.offices[case.office_id if case else officer.office_id]
    file = casefile.read(session, case.id) if case else casefile.EMPTY  # what the act needs of the case, at once
    _check_dates(office, on, now, payload, file.events)
    facts = case_facts(case, officer, on, policy, office, ref, file)
    if row.guard and (reason := row.guard(facts, payload)):
        raise worded(GuardFailed(f"{trigger}: {reason}"), reason.indonesian)
    return _apply(Act(session, row, case, officer, payload, on, now, policy, late_reason=late_reason,
                      channel=Channel.system if officer.role == Role.system else Channel(channel), facts=facts,
                      file=file))


def _officer(ref: reference.Reference, username: str) -> Officer:
    """The acting officer, from this process's copy (a person: the `system` actor is not one)."""
    found = ref.officers.get(username)
    if found is None:
        raise NotFound(f"unknown officer {username!r}")
    return found


LATE_REASON_MIN = 10


def _late_reason(text: str | None) -> str | None:
    """A reason a reader of the audit trail can weigh: one line, at least a few words."""
    if text is None:
        return None
    text = text.strip()
    if len(text) < LATE_REASON_MIN or "\n" in text or "\r" in text:
        raise worded(InvalidData(f"a late reason is one line of at least {LATE_REASON_MIN} characters saying why the "
                                 "act is recorded late"), f"alasan keterlambatan ditulis dalam satu baris, sekurang-"
                                                          f"kurangnya {LATE_REASON_MIN} karakter")
    return validation.text(text, "late reason")  # no escape for a terminal, no bidi control, 300 characters


def _check_case(session: Session, case: Case | None, expected_version: int | None, officer: Officer) -> None:
    """The case's office checked before anything about it is told (who acted last, its version)."""
    if case is None:
        if expected_version is not None:
            raise InvalidData("an expected version needs a case (give --case)")
        return
    if officer.role != Role.system and officer.office_id != case.office_id:
        raise RoleNotAllowed(f"{officer.username} does not belong to the office of case {case.number}")
    stale.check_expected(session, case, expected_version)


def _row(session: Session, case: Case | None, trigger: str) -> lifecycle.Transition:
    state = lifecycle.S(case.state) if case else None
    row = lifecycle.find(state, trigger)
    if row is None:
        allowed = ", ".join(t.trigger for t in lifecycle.available(state)) or "none"
        where = f"in state {state.value}" if state else "without a case (give --case)"
        # who moved the case there: the officer who raced another to the same case learns what happened
        since = f"; the case was last changed{stale.last_act(session, case.id)}" if case else ""
        raise TriggerNotAllowed(f"{trigger!r} is not allowed {where}; allowed: {allowed}{since}")
    return row


def _check_role(row: lifecycle.Transition, officer: Officer) -> None:
    if Role(officer.role) not in row.roles:
        roles = ", ".join(sorted(r.value for r in row.roles))
        raise RoleNotAllowed(f"{row.trigger} needs role {roles}; {officer.username} is {officer.role}")


def _payload(row: lifecycle.Transition, data: dict | None) -> Payload:
    try:
        return row.payload.model_validate(data or {})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'data'}: {e['msg']}" for e in exc.errors())
        raise InvalidData(f"{row.trigger}: invalid data: {problems}") from None


def _check_dates(office, on, now, payload, events) -> None:
    validation.calendar_date(on, "date of the act")  # a form's day/month/year let year 0001 through
    tz = office.timezone
    today = clock.local_date(now, tz)
    for name, value in {"date of the act": on, **payload.past_dates()}.items():
        if value > today:
            raise FutureDate(f"{name} {value} is in the future (today is {today} in {tz})")
    # the sweep's own records (an expiry dated the day after the deadline) do not stop a back-dated re-check
    acts = [on for _, on, role in events if role != Role.system]
    last = acts[-1] if acts else None
    if last and on < last:
        raise InvalidData(f"date of the act {on} is before the case's last recorded act ({last})")


def _apply(act: Act) -> Outcome:
    from_state = act.case.state if act.case else None
    if act.case is None:
        act.case = effects.create_case(act)
    _move(act)
    act.event = _record(act, from_state)
    effects.apply(act)
    timer_ids = timers.apply_row(act)
    doc_ids = documents.reserve_for_row(act)
    timers.link_letter(act, timer_ids, doc_ids)
    outbox.queue_for_act(act, doc_ids)
    act.session.flush()
    return Outcome(act.case.number, act.row.trigger, from_state, act.case.state, act.event.id, doc_ids, timer_ids)


CASE_MOVE = (Case.__table__.update()
             .where(Case.__table__.c.id == bindparam("case_id"), Case.__table__.c.version == bindparam("read"))
             .values(state=bindparam("state"), version=bindparam("version"), close_reason=bindparam("close_reason"),
                     closed_on=bindparam("closed_on")))


def _move(act: Act) -> None:
    """Set the case's state and bump its version: a case the act makes is written by the ORM, for its id; an existing
    one by one UPDATE ... WHERE version = <the version read> outside the unit of work (no row: someone acted
    meanwhile), the loaded case then holding the new values as written."""
    case, reason = act.case, lifecycle.close_reason_for(act.row, act.case.details)
    close_reason, closed_on = (reason.value, act.on) if reason else (case.close_reason, case.closed_on)
    if case.id is None:
        token = STATE_DOOR.set(True)
        try:
            case.state = act.row.target.value
        finally:
            STATE_DOOR.reset(token)
        case.close_reason, case.closed_on, case.version = close_reason, closed_on, case.version + 1
        act.session.add(case)
        act.session.flush()
        return
    values = dict(state=act.row.target.value, version=case.version + 1, close_reason=close_reason,
                  closed_on=closed_on)
    if act.session.connection().execute(CASE_MOVE, {"case_id": case.id, "read": case.version, **values}).rowcount != 1:
        raise stale.changed(act.session, case.id, case.number)  # the other act committed: this session sees it
    for name, value in values.items():
        set_committed_value(case, name, value)


@dataclass(frozen=True)
class Recorded:
    """The act's event as written (its row is not in the session)."""

    id: int
    on_date: date
    trigger: str
    from_state: str | None
    to_state: str


def _event_data(act: Act) -> dict:
    data = act.payload.model_dump(mode="json")
    return {**data, "late_reason": act.late_reason} if act.late_reason else data


def _record(act: Act, from_state: str | None) -> Recorded:
    values = dict(case_id=act.case.id, at=act.now, on_date=act.on, actor=act.actor.username, role=act.actor.role,
                  trigger=act.row.trigger, from_state=from_state, to_state=act.case.state, data=_event_data(act),
                  channel=act.channel.value)
    event = Recorded(chain.write_event(act.session, act.case.number, values, act.file.head), act.on,
                     act.row.trigger, from_state, act.case.state)  # the head read under the case's lock
    if act.row.moves:
        spans.moved(act.session, act.case, event)
    return event
