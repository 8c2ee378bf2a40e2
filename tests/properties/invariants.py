"""What no sequence of acts, sweeps and receipts may break, read from the database after every step and judged
against the lifecycle table and the policy's timer rules (not against the services' own code)."""

import re
from collections import defaultdict
from datetime import UTC, date
from zoneinfo import ZoneInfo

from sqlmodel import select

from models import Case, CaseEvent, Document, NumberCounter, Timer
from tests.helpers import stored_spans, trail_spans
from tests.properties.world import TZ
from wasnaker.db import session_scope
from wasnaker.domain import lifecycle
from wasnaker.domain.policy import DEFAULT_POLICY
from wasnaker.domain.vocabulary import State, TimerKind, TimerStatus
from wasnaker.services import chain

STATES = frozenset(t.target.value for t in lifecycle.TRANSITIONS)
OPEN = (TimerStatus.awaiting_receipt.value, TimerStatus.running.value)


def check_all(world) -> None:
    with session_scope(world.rt.engine) as s:
        cases = s.exec(select(Case).order_by(Case.id)).all()
        events, timers, docs = (_by_case(s.exec(select(m).order_by(m.id)).all()) for m in (CaseEvent, Timer, Document))
        for case in cases:
            check_walk(case, events[case.id])
            check_timers(case, events[case.id], timers[case.id], docs[case.id])
            check_chain(world, s, case, events[case.id], docs[case.id])
        check_numbers(s, cases, [d for ds in docs.values() for d in ds])
    check_append_only(world)
    check_spans(world)


def check_spans(world) -> None:
    """The stays in states time per stage reads (case_span) are those the audit trail tells."""
    assert stored_spans(world.rt.engine) == trail_spans(world.rt.engine)


def _by_case(rows) -> dict[int, list]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.case_id].append(row)
    return grouped


def check_chain(world, s, case: Case, events: list[CaseEvent], docs: list[Document]) -> None:
    """The case's audit chain verifies (re-computed by the chain service whenever the case has something new)."""
    seen = (events[-1].id if events else 0, case.state, sum(d.status == "issued" for d in docs))
    if world.verified.get(case.id) != seen:
        verdict = chain.verify_case(s, case)
        assert verdict["intact"], verdict
        world.verified[case.id] = seen


def check_walk(case: Case, events: list[CaseEvent]) -> None:
    """Each event is a row of the table from the state the one before left (or, for what the system records
    beside the acts — expiries, reminders, receipts that start no clock — leaves the state as it was); the case
    is where its last event left it. Every act is dated in the years wasnaker counts in, and not after the day it
    was recorded."""
    assert case.state in STATES, case.state
    state = None
    for e in events:
        recorded = e.at.replace(tzinfo=UTC).astimezone(ZoneInfo(TZ)).date()
        assert date(1900, 1, 1) <= e.on_date <= recorded, f"{case.number}: event {e.id} dated {e.on_date}"
        if e.trigger in lifecycle.TRIGGERS:
            row = lifecycle.find(State(state) if state else None, e.trigger)
            assert row is not None, f"{case.number}: event {e.id} {e.trigger} is no row from {state}"
            assert (e.from_state, e.to_state) == (state, row.target.value), (case.number, e.id, e.trigger)
        else:
            assert e.from_state == e.to_state == state, (case.number, e.id, e.trigger)
        state = e.to_state
    assert case.state == state, (case.number, case.state, state)
    assert (case.state == State.closed) == (case.close_reason is not None) == (case.closed_on is not None)


class _Timers:
    """The timers a case should have, replayed from its events by the lifecycle rows and the policy's rules."""

    def __init__(self, letters: dict[int, str | None]):
        self.letters, self.items = letters, []  # items: [kind, status, letter]

    def close(self, kinds) -> None:
        for t in self.items:
            if t[0] in kinds and t[1] != TimerStatus.closed:
                t[1] = TimerStatus.closed.value

    def open(self, spec, event: CaseEvent) -> None:
        rule = DEFAULT_POLICY.rule(spec.kind)
        started = bool(spec.start_field) or not rule.from_receipt or bool(event.data.get("received_on"))
        status = TimerStatus.running if started else TimerStatus.awaiting_receipt
        self.items.append([spec.kind.value, status.value, self.letters.get(event.id)])

    def receipt(self, data: dict) -> None:
        moving = (TimerStatus.awaiting_receipt, TimerStatus.running) if data.get("reason") else (
            TimerStatus.awaiting_receipt,)
        for t in self.items:
            if DEFAULT_POLICY.rule(TimerKind(t[0])).from_receipt and t[1] in moving and (
                    data.get("letter") is None or t[2] == data["letter"]):
                t[1] = TimerStatus.running.value

    def expire(self, index: int) -> None:
        kind = TimerKind(self.items[index][0])
        settles = DEFAULT_POLICY.rule(kind).expiry.settles
        self.items[index][1] = (TimerStatus.closed if settles else TimerStatus.expired).value

    def apply(self, event: CaseEvent, ids: list[int]) -> None:
        if event.trigger.startswith("timer_expired:"):
            self.expire(ids.index(event.data["timer_id"]))
            return
        if event.trigger not in lifecycle.TRIGGERS:
            return
        row = lifecycle.find(State(event.from_state) if event.from_state else None, event.trigger)
        if row.trigger == "record_receipt":
            self.receipt(event.data)
        self.close([k.value for k in TimerKind] if row.target == State.closed else [k.value for k in row.closes])
        for spec in row.opens:
            self.open(spec, event)


def check_timers(case: Case, events: list[CaseEvent], timers: list[Timer], docs: list[Document]) -> None:
    """Timers are open exactly while their rule says: the replay of the case's events gives each timer's kind and
    status; a running one has its start, due date and expiry moment, one awaiting its receipt has none; an expiry
    was handled only once due."""
    letters: dict[int, str | None] = {}
    for d in docs:
        if d.event_id is not None:
            letters.setdefault(d.event_id, d.number)
    expected = _Timers(letters)
    for e in events:
        expected.apply(e, [t.id for t in timers])
    assert [(t.kind, t.status) for t in timers] == [(k, st) for k, st, _ in expected.items], case.number
    for t in timers:
        running = t.status == TimerStatus.running
        assert running <= (None not in (t.start_date, t.due_date, t.expires_at)), (case.number, t.id)
        if t.status == TimerStatus.awaiting_receipt:
            assert (t.start_date, t.due_date, t.expires_at) == (None, None, None), (case.number, t.id)
    for e in events:
        if e.trigger.startswith("timer_expired:"):
            timer = next(t for t in timers if t.id == e.data["timer_id"])
            assert timer.expires_at.replace(tzinfo=UTC) <= e.at.replace(tzinfo=UTC), (case.number, e.id)


def check_swept(world) -> None:
    """Right after a sweep at `now`, no timer is still running past its expiry moment."""
    with session_scope(world.rt.engine) as s:
        running = s.exec(select(Timer).where(Timer.status == TimerStatus.running)).all()
        late = [(t.id, t.kind, t.expires_at) for t in running if t.expires_at.replace(tzinfo=UTC) <= world.swept_at]
    assert not late, late


_CASE_SEQ = re.compile(r"/(\d+)$")


def check_numbers(s, cases: list[Case], docs: list[Document]) -> None:
    """Every series (office, kind, year) is numbered 1..N without a gap or a repeat, N its counter; a draft has no
    number; case numbers likewise."""
    series: dict[tuple, list[int]] = defaultdict(list)
    for d in docs:
        assert (d.status == "draft") == (d.number is None) == (d.seq is None), (d.id, d.status, d.number)
        if d.seq is not None:
            series[(d.office_id, d.kind, d.year)].append(d.seq)
    for c in cases:
        series[(c.office_id, "case", c.opened_on.year)].append(int(_CASE_SEQ.search(c.number).group(1)))
    counters = {(n.office_id, n.kind, n.year): n.last for n in s.exec(select(NumberCounter)).all()}
    assert set(series) == {k for k, last in counters.items() if last}, (sorted(series), counters)
    for key, seqs in series.items():
        assert sorted(seqs) == list(range(1, counters[key] + 1)), (key, sorted(seqs), counters[key])


def check_append_only(world) -> None:
    """Earlier events are byte-identical; new ones only come after them."""
    rows = [tuple(r) for r in world.rows("SELECT * FROM caseevent ORDER BY id")]
    assert rows[:len(world.events)] == world.events, "an earlier case event changed or vanished"
    world.events = rows
