"""How the steps of a sequence run. Each use case of this package is a sequence of named steps and calls every
step through a runner, `runner(rt, step, *args)`:

- `direct` (this module) calls the step in this process, once: the CLI, the web pages, the demo, `wasnaker up`;
- the Prefect runner (`flows/tasks.py`) runs it as a task of the current flow run, one task run per call (per
  timer, document, notice), with the step's retries.

So the order of the steps is written once, here in the application layer, whoever runs it."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One unit of work: `fn(rt, *plain values) -> plain values`, owning its transaction(s) through
    `rt.session()`. Retries are declared here for the runner that has them (the Prefect runner)."""

    name: str  # the task name in Prefect's run history
    fn: Callable[..., Any]
    outward_io: bool = False  # rendering/storage, SMTP, the Prefect server
    retries: int = 0
    retry_delay: tuple[int, ...] = ()
    retry_if: Callable[[BaseException], bool] | None = None  # None: retry any failure
    # A database that cannot be reached rolls the step's transaction back, so the Prefect runner repeats the step
    # through a short outage (a PostgreSQL restart). Not where a commit lost with its connection may have landed
    # and a repeat would do the work twice: recording an officer's act, handing a notice to the SMTP server.
    repeat_when_database_away: bool = True

    def __post_init__(self):
        # Retrying a database transaction blindly could apply an act twice; only outward I/O is retried.
        if self.retries and not self.outward_io:
            raise ValueError(f"step {self.name!r}: retries only on steps that do outward I/O")


Runner = Callable[..., Any]


def direct(rt, step: Step, *args):
    """The step once, in this process. No retries: the caller sees the failure, and what it left undone is
    picked up later (a reserved document by `documents render` or the next sweep; a notice by its backoff)."""
    return step.fn(rt, *args)


def kept(results) -> list:
    """The results of a fan-out, without the items another run had already handled (None)."""
    return [r for r in results if r]


def after_commit(rt, runner: Runner, step: Step, *args, what: str, warnings: list[str], fallback: str):
    """A call to the Prefect server after what it follows has committed. If the server is away, what was recorded
    (`what`: "the act", "the receipt") stays recorded and is reported so, with a warning saying what picks the work
    up (`fallback`): an officer told
    "failed" would do it again. The step's result, or None."""
    try:
        return runner(rt, step, *args)
    except Exception as exc:  # noqa: BLE001 - whatever the server did, the committed record must not look failed
        log.warning("%s failed after a commit: %r", step.name, exc)
        warnings.append(f"{what} is recorded, but {step.name} failed ({type(exc).__name__}: {exc}); {fallback}")
        return None
