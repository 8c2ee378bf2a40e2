"""bench/scale.py's handling of due timers in batches (`--sweep`): what a full deadline-run sync would schedule (one
run per expiry moment), then the due timers handled as the deadline runs and the sweep handle them, in batches
(sweep.handle_batch, each timer in its own session and claim, every one rolled back): by one process, then by
several in parallel over the same database (batch i to process i mod P), each a fresh `spawn`ed interpreter that
waits for the others before it starts and reports its time and peak RSS."""

import multiprocessing
import os
import resource
import time
from collections import Counter
from contextlib import contextmanager
from datetime import datetime

from sqlmodel import Session

from wasnaker.application.sweep import in_batches
from wasnaker.db import make_engine
from wasnaker.domain.policy import DEFAULT_POLICY
from wasnaker.services import deadlines, sweep

_ready = None  # the barrier of the pool's processes (set by its initializer)


def moments(engine) -> str:
    """What a full sync of the deadline runs would schedule: one run per expiry moment, not per timer."""
    started = time.perf_counter()
    with Session(engine) as session:
        todo = deadlines.plan(session)
    seconds = time.perf_counter() - started
    timers = sum(map(len, todo.moments.values()))
    biggest = max(map(len, todo.moments.values()), default=0)
    return (f"\nDeadline-run sync of every case (server mode): {timers:,} running timers wanting a run fall on "
            f"{len(todo.moments):,} expiry moments, so {len(todo.moments):,} runs (were {timers:,}); the largest "
            f"moment has {biggest:,} timers; planned in {seconds:.3f} s (deadlines.plan)")


@contextmanager
def _rolled_back(engine):
    """A session whose work is always rolled back: the bench database is left as it was."""
    with Session(engine) as session:
        try:
            yield session
        finally:
            session.rollback()


def _handle(url: str, batches: list[list[int]], now: datetime) -> dict:
    """One process's share of the batches (in a spawned interpreter): its seconds, outcomes and peak RSS."""
    engine = make_engine(url)
    outcomes: dict[str, int] = {}
    _ready.wait()  # every process imported and connected: they start together
    started = time.time()
    for batch in batches:
        for result in sweep.handle_batch(lambda: _rolled_back(engine), batch, now, DEFAULT_POLICY):
            key = "failed" if "failed" in result else result["action"]
            outcomes[key] = outcomes.get(key, 0) + 1
    ended = time.time()
    engine.dispose()
    return {"started": started, "ended": ended, "timers": sum(map(len, batches)), "batches": len(batches),
            "outcomes": outcomes, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def _join(barrier) -> None:
    global _ready
    _ready = barrier


def batched(url: str, engine, now: datetime, n: int, size: int, processes: int) -> str:
    started = time.perf_counter()
    with Session(engine) as session:
        ids = sweep.due_timer_ids(session, now)[:n]
    found = time.perf_counter() - started
    batches = in_batches(ids, size)
    lines = [f"\nHandling {len(ids)} due timers in {len(batches)} batches of {size} (found in {found:.3f} s; "
             "sweep.handle_batch, each timer in its own session and claim, rolled back):\n",
             "| processes | wall s | timers/s | ms/timer | per process: timers, batches, s, peak RSS KB "
             "| load avg before / after | outcomes |",
             "|---|---|---|---|---|---|---|"]
    for count in sorted({1, processes}):
        spawn = multiprocessing.get_context("spawn")
        load = os.getloadavg()[0]
        with spawn.Pool(count, initializer=_join, initargs=(spawn.Barrier(count),)) as pool:
            results = pool.starmap(_handle, [(url, batches[i::count], now) for i in range(count)])
        wall = max(r["ended"] for r in results) - min(r["started"] for r in results)
        each = "; ".join(f"{r['timers']}, {r['batches']}, {r['ended'] - r['started']:.1f}, {r['rss_kb']:,}"
                         for r in results)
        outcomes = dict(sum((Counter(r["outcomes"]) for r in results), Counter()))
        lines.append(f"| {count} | {wall:.1f} | {len(ids) / wall:.1f} | {1000 * wall / len(ids):.1f} | {each} | "
                     f"{load:.1f} / {os.getloadavg()[0]:.1f} | {outcomes} |")
    return "\n".join(lines)
