"""Issue #12 part 3: random sequences of triggers, data, actors and dates never break the lifecycle's invariants.

CI runs the `ci` profile: a fixed number of examples and steps sized to the CI budget, derandomized (the same
sequences every run, no example database), no deadline. A long run: WASNAKER_STATEFUL_EXAMPLES=500 (and
optionally WASNAKER_STATEFUL_STEPS=80) picks the `long` profile, randomized; bench/stateful.py prints its
figures."""

import os

from hypothesis import HealthCheck, settings

from tests.properties.machine import LifecycleMachine

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=12, stateful_step_count=40, deadline=None, derandomize=True,
                          database=None, suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("long", max_examples=int(os.environ.get("WASNAKER_STATEFUL_EXAMPLES", "200")),
                          stateful_step_count=int(os.environ.get("WASNAKER_STATEFUL_STEPS", "60")), deadline=None,
                          database=None, suppress_health_check=_QUIET, print_blob=True)
PROFILE = "long" if os.environ.get("WASNAKER_STATEFUL_EXAMPLES") else "ci"

TestLifecycle = LifecycleMachine.TestCase
TestLifecycle.settings = settings.get_profile(PROFILE)
