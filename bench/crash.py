"""Crash safety at length: the harness of tests/crash/ (forked children SIGKILLed at random moments, recovery, every
invariant checked after every run) for many more runs than CI affords.

    .venv/bin/python bench/crash.py [--runs 1000] [--db sqlite|postgresql] [--kind act-cli ...] [--seed S]
                                    [--renderer fast|weasyprint]

`--runs` is the total, shared equally by the kinds; `--renderer weasyprint` lays letters out for real (slow:
~0.5 s a letter) so kills also land inside WeasyPrint. A failing run prints its seed, kind and delay and stops;
`--seed` replays the same preparations and delays.

Writes (replaces) this database's and renderer's section of bench/results/crash.md; the notes below the marker are
kept.
"""

import argparse
import os
import random
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.crash import world  # noqa: E402
from tests.crash.harness import KINDS, Harness  # noqa: E402
from tests.smtp_sink import SmtpSink  # noqa: E402

RESULT = ROOT / "bench" / "results" / "crash.md"
MARKER = "<!-- notes below are kept when the script rewrites the numbers above -->"


def main() -> None:
    args = parse()
    seed = args.seed if args.seed is not None else random.randrange(10**9)
    world.use_renderer(args.renderer)
    sink = SmtpSink().start()
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="wasnaker-crash-") as tmp, database(args.db, Path(tmp)) as url:
            with Harness(world.build(url, Path(tmp) / "home", sink.port), sink, seed) as harness:
                tallies = [harness.run(kind, args.runs // len(args.kind)) for kind in args.kind]
    finally:
        sink.stop()
    seconds = time.perf_counter() - started
    section = report(args, seed, tallies, seconds)
    print(section)
    write(section, f"## {args.db}, {args.renderer} letters")


def parse():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000, help="runs in all, shared equally by the kinds")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--kind", action="append", choices=tuple(KINDS), help="repeat; default: every kind")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--renderer", choices=("fast", "weasyprint"), default="fast")
    args = parser.parse_args()
    args.kind = args.kind or list(KINDS)
    return args


class database:
    """A SQLite file in the temporary folder, or a fresh database on the machine's PostgreSQL (dropped after)."""

    def __init__(self, db: str, folder: Path):
        self.db, self.folder, self.name = db, folder, None

    def __enter__(self) -> str:
        if self.db == "sqlite":
            return f"sqlite:///{self.folder / 'wasnaker.db'}"
        from tests.conftest import _pg_database

        self.name, url = _pg_database()
        return url

    def __exit__(self, *exc):
        if self.name:
            from tests.conftest import _drop_pg

            _drop_pg(self.name)


def report(args, seed: int, tallies, seconds: float) -> str:
    runs, killed = sum(t.runs for t in tallies), sum(t.killed for t in tallies)
    rows = [f"| {t.kind} | {t.runs} | {t.killed} | {t.completed} | {t.duration * 1000:.0f} | {_counts(t.phases)} | "
            f"{_counts(t.recovery)} | {t.lost} | {t.seconds:.1f} | {t.cpu:.1f} |" for t in tallies]
    return "\n".join([
        f"## {args.db}, {args.renderer} letters", "",
        f"Command: `.venv/bin/python bench/crash.py --runs {args.runs} --db {args.db} --renderer {args.renderer} "
        f"{_kinds(args.kind)}--seed {seed}` ({date.today()}, 2 cores shared, load average "
        f"{os.getloadavg()[0]:.1f} at the end; Python {sys.version.split()[0]}).", "",
        f"{runs} runs, {killed} killed, {runs - killed} completed; every invariant held after every run. "
        f"{seconds:.0f} s wall; {sum(t.cpu for t in tallies):.0f} s of CPU (this process and its children: about "
        "the wall time on an idle machine).", "",
        "| kind | runs | killed | completed | operation ms (median) | where the kills left the work | "
        "what recovery did | presumed sent, not received | wall s | CPU s |",
        "|---|---|---|---|---|---|---|---|---|---|", *rows, ""])


def _kinds(kinds: list[str]) -> str:
    return "" if sorted(kinds) == sorted(KINDS) else "".join(f"--kind {k} " for k in kinds)


def _counts(counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: -kv[1]))


def write(section: str, heading: str) -> None:
    text = RESULT.read_text() if RESULT.exists() else f"# Crash safety\n\n{MARKER}\n"
    numbers, _, notes = text.partition(MARKER)
    chunks = re.split(r"(?m)^(?=## )", numbers)
    title, sections = chunks[0].strip(), {c.splitlines()[0]: c.strip() for c in chunks[1:]}
    sections[heading] = section.strip()
    RESULT.write_text("\n\n".join([title, *(sections[k] for k in sorted(sections))]) + f"\n\n{MARKER}{notes}")


if __name__ == "__main__":
    main()
