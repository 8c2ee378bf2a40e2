"""The lifecycle as a Hypothesis state machine: officers (of every role, of this office and another, PPNS and not,
and names that are no officer) apply random triggers with valid and mutated data on random dates, the clock moves
on and the sweep expires timers, notices are served; after every step the invariants hold (`invariants`)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.properties import invariants
from tests.properties.data import data_for, mutated
from tests.properties.stories import LENGTHS, NAMES, played
from tests.properties.world import PEOPLE, STRANGERS, TZ, World
from wasnaker import clock
from wasnaker.application import acts, proof_of_service, sweep
from wasnaker.domain import lifecycle
from wasnaker.domain.errors import WasnakerError
from wasnaker.domain.payloads import ServiceMethod
from wasnaker.domain.vocabulary import Role, State

# Who plausibly performs each role's acts in office A (an assigned inspector is chosen from the case's own).
PLAUSIBLE = {Role.desk: ["dewi"], Role.head: ["hendra"], Role.kadis: ["kadis"], Role.ppns: ["sari"],
             Role.inspector: ["budi", "sari", "tono"]}
FAR_DATES = (date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1))
UNKNOWN_TRIGGERS = ("issue_nota_3", "", "DROP TABLE case", "record_receipt ")


class Stats:
    """Figures of a run, across examples (the bench reads them)."""

    def __init__(self):
        self.examples, self.steps, self.sweeps, self.expired = 0, 0, 0, 0
        self.tried, self.accepted, self.refused = Counter(), Counter(), Counter()
        self.errors, self.states = Counter(), set()


STATS = Stats()


@dataclass(frozen=True)
class Ctx:
    on: date
    today: date
    findings: int


class LifecycleMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.world = World.fresh()
        STATS.examples += 1

    def teardown(self):
        self.world.close()

    @property
    def today(self) -> date:
        return clock.local_date(self.world.now, TZ)

    # --- one attempt, judged ---------------------------------------------------------------------------------
    def attempt(self, label: str, call, check_accepted=lambda outcome: None):
        """Run one use case: accepted, it must satisfy `check_accepted`; refused, it must be a WasnakerError that
        wrote nothing. Any other exception is a product defect and fails the test."""
        STATS.steps += 1
        STATS.tried[label] += 1
        before = self.world.dump()
        try:
            outcome = call()
        except WasnakerError as exc:
            STATS.refused[label] += 1
            STATS.errors[type(exc).__name__] += 1
            assert self.world.dump() == before, f"refused {label} ({exc}) changed the database"
            return None
        STATS.accepted[label] += 1
        check_accepted(outcome)
        return outcome

    def act(self, trigger: str, actor: str, on: date, number: str | None, data: dict, version: int | None = None):
        source = State(self.world.state_of(number)) if number in self.world.case_numbers() else None

        def accepted(outcome):
            row = lifecycle.find(source, trigger)
            assert row is not None, f"{trigger} accepted from {source}: no such row"
            assert (outcome["from_state"], outcome["to_state"]) == (source and source.value, row.target.value)
            STATS.states.add(outcome["to_state"])

        return self.attempt(trigger, lambda: acts.record(self.world.rt, trigger=trigger, actor=actor, on=on,
                                                  now=self.world.now, case_number=number, data=data,
                                                  expected_version=version), accepted)

    # --- choices -------------------------------------------------------------------------------------------
    def on_date(self, data) -> date:
        """Mostly today; sometimes earlier (maybe before the case's last act), in the future, or outside the years
        wasnaker counts in (a typing error a form's date parts let through)."""
        shift = data.draw(st.one_of(st.just(0), st.just(0), st.integers(-10, -1), st.integers(1, 400)), label="shift")
        return data.draw(st.one_of(st.just(self.today + timedelta(days=shift)), st.sampled_from(FAR_DATES)),
                         label="date of the act")

    def actor_for(self, data, trigger: str, number: str | None) -> str:
        rows = [t for t in lifecycle.TRANSITIONS if t.trigger == trigger]
        roles = sorted({r for t in rows for r in t.roles if r != Role.system}, key=str)
        assigned = self.world.assigned(number) if number else []
        plausible = [u for r in roles for u in PLAUSIBLE[r] if r not in (Role.inspector, Role.ppns) or u in assigned
                     or not assigned] or ["hendra"]
        return data.draw(st.one_of(st.sampled_from(plausible), st.sampled_from(plausible),
                                   st.sampled_from(PEOPLE + STRANGERS)), label="actor")

    def payload(self, data, trigger: str, on: date, number: str | None) -> dict:
        ctx = Ctx(on, self.today, self.world.finding_count(number) if number else 0)
        valid = data.draw(data_for(trigger, ctx), label="valid data")
        return data.draw(st.one_of(st.just(valid), st.just(valid), st.just(valid), mutated(valid)), label="data")

    # --- rules ---------------------------------------------------------------------------------------------
    @rule(data=st.data())
    def open_case(self, data):
        trigger = data.draw(st.sampled_from(["file_complaint", "plan_inspection"]), label="trigger")
        on = self.on_date(data)
        self.act(trigger, self.actor_for(data, trigger, None), on, None, self.payload(data, trigger, on, None))

    @precondition(lambda self: self.world.case_numbers())
    @rule(data=st.data())
    def act_on_case(self, data):
        """An act the case's state offers (most of the time), by a plausible officer, with mostly valid data."""
        numbers = self.world.case_numbers()
        running = [n for n in numbers if self.world.state_of(n) != State.closed]
        number = data.draw(st.sampled_from(running or numbers), label="case")
        offered = sorted({t.trigger for t in lifecycle.available(State(self.world.state_of(number)))})
        trigger = data.draw(st.sampled_from(offered or sorted(lifecycle.TRIGGERS)), label="trigger")
        on = self.on_date(data)
        current = self.world.rows('SELECT version FROM "case" WHERE number = :n', n=number)[0][0]
        version = data.draw(st.sampled_from([None, current, current - 1]), label="the version the form showed")
        self.act(trigger, self.actor_for(data, trigger, number), on, number, self.payload(data, trigger, on, number),
                 version)

    @rule(data=st.data())
    def anything(self, data):
        """Any trigger (or none the table knows) on any case or none, by anyone, on any date, with mutated data."""
        number = data.draw(st.sampled_from([None, *self.world.case_numbers()]), label="case")
        trigger = data.draw(st.sampled_from(sorted(lifecycle.TRIGGERS) + list(UNKNOWN_TRIGGERS)), label="trigger")
        on = self.on_date(data)
        payload = data.draw(mutated(data.draw(data_for(trigger, Ctx(on, self.today, 1)), label="valid data")),
                            label="data")
        self.act(trigger, data.draw(st.sampled_from(PEOPLE + STRANGERS), label="actor"), on, number, payload)

    @rule(days=st.integers(0, 40), hours=st.integers(0, 23))
    def time_passes(self, days, hours):
        """The clock moves on (onto weekends and holidays too) and the sweep runs: expiries, deemed receipts,
        reminders; nothing is left running past its expiry."""
        self.sweep_at(self.world.now + timedelta(days=days, hours=hours))

    @rule(data=st.data())
    def play_story(self, data):
        """A story of the demo, from today on, up to a random act: the clock moves with it, sweeping."""
        name = data.draw(st.sampled_from(NAMES), label="story")
        self.play(name, data.draw(st.integers(1, LENGTHS[name]), label="acts"))

    def play(self, name: str, upto: int, after_each=lambda: None) -> None:
        number = None
        for trigger, actor, on, payload in played(name, self.today)[:upto]:
            recorded = max(on, date.fromisoformat((payload or {}).get("received_on") or on.isoformat()))
            if recorded > self.today:  # the act is recorded once its letter's receipt is known
                self.sweep_at(clock.start_of_day(recorded, TZ) + timedelta(hours=10))
            if trigger != "timers":
                outcome = self.act(trigger, actor, on, number, payload)
                number = number or (outcome or {}).get("case_number")
            if number is None:
                return
            after_each()

    def sweep_at(self, now):
        self.world.now = now
        report = sweep.handle_due(self.world.rt, self.world.now)
        assert report["failed"] == [], report["failed"]  # a batch reports a failing timer and goes on
        self.world.swept_at = self.world.now
        STATS.sweeps += 1
        STATS.expired += len(report["handled"])
        for handled in report["handled"]:
            if handled["action"] != "recorded":  # an act the law attaches to the expiry, by the system
                STATS.tried[handled["action"]] += 1
                STATS.accepted[handled["action"]] += 1
                STATS.states.add(self.world.state_of(handled["case"]))
        invariants.check_swept(self.world)

    @precondition(lambda self: self.world.outward_notices())
    @rule(data=st.data())
    def serve_notice(self, data):
        """A letter's receipt recorded from its notice (tanda terima, registered post), maybe a second time."""
        notice = data.draw(st.sampled_from(self.world.outward_notices()), label="notice")
        received = self.today - timedelta(days=data.draw(st.integers(-2, 10), label="days ago"))
        method = data.draw(st.sampled_from([ServiceMethod.hand, ServiceMethod.post]), label="method")
        actor = data.draw(st.sampled_from(["budi", "dewi", "sari", "wulan", "nobody"]), label="actor")
        reason = data.draw(st.one_of(st.none(), st.just("Tanda terima menunjukkan tanggal lain")), label="reason")
        self.attempt("serve_notice", lambda: proof_of_service.serve_notice(
            self.world.rt, notice, received_on=received, method=method, actor=actor, now=self.world.now,
            reason=reason))

    @invariant()
    def nothing_broken(self):
        invariants.check_all(self.world)
