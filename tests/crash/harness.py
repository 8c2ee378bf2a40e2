"""Kill the product at random moments and prove nothing is lost, forged or sent twice.

One parent imports wasnaker once (a fresh interpreter costs ~2 s of imports) and, per run, prepares the world
(`world.prepare_*`), forks a child that performs one operation (an act through the CLI entry point or the web
app, a sweep, a delivery) and sends it SIGKILL after a random delay. The delay is drawn uniformly over 1.1 times
the operation's duration: the median of the runs left to finish on purpose, the first of each kind and then one
in twelve (the shared machine's speed drifts); a few more finish by themselves. The parent then runs what the system
runs next (`world.recover`) and checks every invariant (`invariants.check`). No connection crosses a fork: the
parent disposes its engines' pools first, and a child opens its own connections.

A failure names the seed, kind, run and delay: `bench/crash.py --seed S --kind K --runs N` replays the same
sequence of preparations and delays (the moment a delay lands on is the machine's)."""

import os
import random
import resource
import select
import signal
import smtplib
import statistics
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from email.message import EmailMessage

from tests.crash import invariants, world
from tests.crash.world import SWEEP_AT

CHILD_TIMEOUT = 60  # seconds; a child that neither finishes nor gets killed fails the run
SLACK = 1.1  # delays reach past the measured duration: some runs finish
CALIBRATE_EVERY = 12  # one run in twelve is left to finish and measured (the machine's speed drifts)


@dataclass(frozen=True)
class Kind:
    name: str
    prepare: object  # (rt, rng) -> plain value for the child
    perform: object  # (world, plan, ready, i) -> None, in the child
    due_at: object = None  # the sweep's moment: timers still due count as unfinished work


KINDS = {
    "act-cli": Kind("act-cli", world.prepare_case, lambda w, plan, ready, i: (ready(), world.cli_act(w, plan, i))),
    "act-web": Kind("act-web", world.prepare_web, lambda w, plan, ready, i: world.web_act(w, plan, ready, i)),
    "sweep": Kind("sweep", world.prepare_sweep, lambda w, plan, ready, i: (ready(), world.sweep(w)), SWEEP_AT),
    "delivery": Kind("delivery", world.prepare_outbox, lambda w, plan, ready, i: (ready(), world.deliver(w))),
}


@dataclass
class Tally:
    """What the runs of one kind did."""

    kind: str
    runs: int = 0
    killed: int = 0
    completed: int = 0
    duration: float = 0.0  # the median of the runs left to finish, seconds
    phases: Counter = field(default_factory=Counter)  # where the kills left the work
    recovery: Counter = field(default_factory=Counter)  # what recovery did, summed
    lost: int = 0  # presumed sent, never received (see invariants)
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of this process and its children: the wall time an idle machine would take
    spent: Counter = field(default_factory=Counter)  # seconds per part of a run (prepare, child, recover, check)

    def line(self) -> str:
        return (f"{self.kind}: {self.runs} runs, {self.killed} killed, {self.completed} completed "
                f"(operation {self.duration * 1000:.0f} ms); phases {dict(self.phases)}; recovery "
                f"{dict(self.recovery)}; lost {self.lost}; {self.seconds:.1f} s, CPU {self.cpu:.1f} s "
                f"({', '.join(f'{k} {v:.1f}' for k, v in self.spent.items())})")


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class RunFailed(AssertionError):
    pass


class Harness:
    def __enter__(self):
        self.environ = dict(os.environ)
        return self

    def __exit__(self, *exc):
        """The environment and caches as they were: the CLI's warm-up set this world's."""
        from wasnaker.runtime import reset_caches

        world.forget()
        os.environ.clear()
        os.environ.update(self.environ)
        reset_caches()

    def __init__(self, the_world: world.World, sink, seed: int):
        self.world, self.sink, self.seed = the_world, sink, seed
        self.rng = random.Random(seed)
        self.rt = the_world.runtime()
        self.counter = 0  # distinct complainants across runs
        self.lost = 0  # presumed sent, never received, so far

    def run(self, kind_name: str, runs: int, kills: int | None = None) -> Tally:
        """A warm-up in this process (what every child would otherwise load after the fork: lazy imports,
        compiled templates, calendars), then `runs` runs: one in twelve left to finish, the others killed at random.
        With `kills`, it stops once that many runs were killed (`runs` the most it may take)."""
        kind, tally, started, cpu = KINDS[kind_name], Tally(kind_name), time.perf_counter(), _cpu()
        self._warm_up(kind)
        samples = []
        for i in range(runs):
            if kills is not None and tally.killed >= kills:
                break
            if i % CALIBRATE_EVERY == 0:  # left to finish: the duration the delays are drawn over
                samples.append(self._one(kind, None, tally)[1])
                tally.duration = statistics.median(samples)
            else:
                self._one(kind, self.rng.uniform(0, SLACK * tally.duration), tally)
        self._check(kind, None, "after the last run", tally)  # every case, `documents verify`, `audit verify`
        tally.seconds, tally.cpu = time.perf_counter() - started, _cpu() - cpu
        return tally

    def _warm_up(self, kind: Kind) -> None:
        self.counter += 1
        plan = kind.prepare(self.rt, self.rng)
        kind.perform(self.world, plan, lambda: None, self.counter)
        world.recover(self.rt, kind.name)
        self._check(kind, None, "warm-up", Tally(kind.name))

    def _one(self, kind: Kind, delay: float | None, tally: Tally) -> tuple[bool, float]:
        self.counter += 1
        clock = time.perf_counter()
        plan = kind.prepare(self.rt, self.rng)
        with self.rt.session() as s:
            before, since = invariants.events(s), invariants.last_event(s)
        world.dispose_all()  # no pooled connection crosses the fork
        tally.spent["prepare"] += -clock + (clock := time.perf_counter())
        killed, took = self._fork_and_kill(kind, plan, delay)
        tally.spent["child"] += -clock + (clock := time.perf_counter())
        tally.runs += 1
        tally.killed += killed
        tally.completed += not killed
        with self.rt.session() as s:
            where = invariants.phase(s, before, kind.due_at)
        tally.phases[where if killed else "completed"] += 1
        tally.recovery.update({k: v for k, v in world.recover(self.rt, kind.name).items() if v})
        tally.spent["recover"] += -clock + (clock := time.perf_counter())
        self._check(kind, delay, where, tally, since)
        tally.spent["check"] += time.perf_counter() - clock
        return killed, took

    def _fork_and_kill(self, kind: Kind, plan, delay: float | None) -> tuple[bool, float]:
        """(killed, seconds from the child's start of the operation to its end)."""
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: perform, never return into the parent's code (pytest, atexit)
            os.close(ready_r)
            code = 0
            try:
                kind.perform(self.world, plan, lambda: os.write(ready_w, b"r"), self.counter)
            except BaseException:  # noqa: BLE001 - reported by the exit code, printed for the failure message
                traceback.print_exc()
                code = 3
            os._exit(code)
        os.close(ready_w)
        try:
            return self._watch(pid, ready_r, delay)
        finally:
            os.close(ready_r)

    def _watch(self, pid: int, ready_r: int, delay: float | None) -> tuple[bool, float]:
        select.select([ready_r], [], [], CHILD_TIMEOUT)
        started = time.perf_counter()
        pidfd = os.pidfd_open(pid)
        try:
            finished = select.select([pidfd], [], [], CHILD_TIMEOUT if delay is None else delay)[0]
            if not finished:
                os.kill(pid, signal.SIGKILL)
        finally:
            os.close(pidfd)
        _, status = os.waitpid(pid, 0)
        took = time.perf_counter() - started
        if not finished and delay is None:
            raise RunFailed(f"seed {self.seed}: a run left to finish took over {CHILD_TIMEOUT} s")
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and not finished:
            return True, took
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            raise RunFailed(f"seed {self.seed}: the child failed on its own (status {status}), see its stderr")
        return False, took

    def _check(self, kind: Kind, delay: float | None, where: str, tally: Tally, since: int = 0) -> None:
        received = self._received()
        with self.rt.session() as s:
            wrong, lost = invariants.check(s, received, since)
        if since == 0:
            wrong += invariants.verify_all(self.rt)
        tally.lost += lost - self.lost
        self.lost = lost
        if wrong:
            shown = "none (calibration)" if delay is None else f"{delay * 1000:.1f} ms"
            raise RunFailed(f"seed {self.seed}, kind {kind.name}, run {tally.runs}, delay {shown}, killed at "
                            f"'{where}':\n  " + "\n  ".join(wrong[:20]))

    def _received(self) -> Counter:
        """Every Message-ID the SMTP server took, after a marker mail shows it has read what came before."""
        marker = f"<marker-{self.seed}-{self.counter}@crash.test>"
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Message-ID"], mail["Subject"] = "a@crash.test", "b@crash.test", marker, "m"
        with smtplib.SMTP("127.0.0.1", self.sink.port, timeout=10) as client:
            client.send_message(mail)
        deadline = time.monotonic() + 10
        while marker not in {str(m["Message-ID"]) for m in self.sink.received[-5:]}:
            if time.monotonic() > deadline:
                raise RunFailed("the SMTP sink did not take the marker mail within 10 s")
            time.sleep(0.001)
        return Counter(str(m["Message-ID"]) for m in self.sink.received if not str(m["Message-ID"]).startswith(
            "<marker-"))
