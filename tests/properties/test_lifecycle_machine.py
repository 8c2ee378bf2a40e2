"""Issue #12 part 3: random sequences of triggers, data, actors and dates never break the lifecycle's invariants.

CI runs the `ci` profile: a fixed number of examples and steps sized to the CI budget, derandomized (the same
sequences every run, no example database), no deadline. A long run: WASNAKER_STATEFUL_EXAMPLES=500 (and
optionally WASNAKER_STATEFUL_STEPS=80) picks the `long` profile, randomized; bench/stateful.py prints its
figures."""

import os

from hypothesis import HealthCheck, settings

from tests.properties.machine import LifecycleMachine
from tests.properties.stories import LENGTHS, NAMES
from wasnaker.domain import lifecycle
from wasnaker.domain.vocabulary import State

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=10, stateful_step_count=30, deadline=None, derandomize=True,
                          database=None, suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("long", max_examples=int(os.environ.get("WASNAKER_STATEFUL_EXAMPLES", "200")),
                          stateful_step_count=int(os.environ.get("WASNAKER_STATEFUL_STEPS", "60")), deadline=None,
                          database=None, suppress_health_check=_QUIET, print_blob=True)
PROFILE = "long" if os.environ.get("WASNAKER_STATEFUL_EXAMPLES") else "ci"

TestLifecycle = LifecycleMachine.TestCase
TestLifecycle.settings = settings.get_profile(PROFILE)


def test_every_story_played_whole_keeps_the_invariants_and_reaches_every_state_and_trigger():
    """The stories the machine starts from, each played to its end with the invariants checked after every act:
    between them every state of the table is reached and every trigger applied (the automatic ones by the
    sweep), so the machine's depth does not depend on the draws."""
    machine = LifecycleMachine()
    try:
        for name in NAMES:
            machine.play(name, LENGTHS[name], after_each=machine.nothing_broken)
        events = machine.world.rows("SELECT trigger, to_state FROM caseevent")
    finally:
        machine.teardown()
    assert {to for _, to in events} == {s.value for s in State}
    assert lifecycle.TRIGGERS - {trigger for trigger, _ in events} == set()
