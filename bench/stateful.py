"""The lifecycle state machine (tests/properties) run long, with its figures: examples, steps, distinct states
reached, triggers tried / accepted / refused, the refusals by error, sweeps and expiries, and the time.

    .venv/bin/python bench/stateful.py --examples 500 --steps 80 [--seed 1] [--profile ci]

Prints a markdown report (bench/results/stateful.md keeps one). `--profile ci` runs exactly what CI runs.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--profile", choices=["long", "ci"], default="long")
    args = parser.parse_args()
    if args.profile == "long":
        os.environ["WASNAKER_STATEFUL_EXAMPLES"] = str(args.examples)
        os.environ["WASNAKER_STATEFUL_STEPS"] = str(args.steps)
    from hypothesis import seed
    from hypothesis.stateful import run_state_machine_as_test

    from tests.properties import test_lifecycle_machine as module
    from tests.properties.machine import STATS, LifecycleMachine

    started = time.perf_counter()
    def run():
        run_state_machine_as_test(LifecycleMachine, settings=module.TestLifecycle.settings)

    (seed(args.seed)(run) if args.seed is not None else run)()
    print(report(STATS, module.TestLifecycle.settings, time.perf_counter() - started))


def report(stats, settings, seconds: float) -> str:
    from wasnaker.domain import lifecycle
    from wasnaker.domain.vocabulary import State

    acts = sorted(set(stats.tried))
    lines = [f"- profile settings: max_examples={settings.max_examples}, "
             f"stateful_step_count={settings.stateful_step_count}, derandomize={settings.derandomize}",
             f"- examples run: {stats.examples}; steps (attempts judged): {stats.steps}; sweeps: {stats.sweeps}; "
             f"timers expired by the sweep: {stats.expired}",
             f"- attempts accepted: {sum(stats.accepted.values())}; refused: {sum(stats.refused.values())} "
             f"({', '.join(f'{k} {v}' for k, v in stats.errors.most_common())})",
             f"- distinct states reached: {len(stats.states)} of {len(State)} "
             f"(not reached: {', '.join(s.value for s in State if s.value not in stats.states) or 'none'})",
             f"- triggers accepted at least once: {len(set(stats.accepted) & lifecycle.TRIGGERS)} of "
             f"{len(lifecycle.TRIGGERS)} (never: "
             f"{', '.join(sorted(lifecycle.TRIGGERS - set(stats.accepted))) or 'none'})",
             f"- time: {seconds:.1f} s", "", "| trigger | tried | accepted | refused |", "|---|---:|---:|---:|"]
    lines += [f"| {a or '(empty)'} | {stats.tried[a]} | {stats.accepted[a]} | {stats.refused[a]} |" for a in acts]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
