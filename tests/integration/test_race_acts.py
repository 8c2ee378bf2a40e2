"""Two officers act on one case at the same moment: exactly one act wins, on SQLite as on PostgreSQL.

Two long-lived racer processes (tests/integration/race_worker.py) are released together by a barrier and run the
real CLI entry point, so every round checks what a user sees: the winner's line, and the loser's single `error:`
line with exit code 2. Afterwards the database holds the winner's act only: one Nota I number per case with no gap
in the series, one compliance timer, notices only for the winner's letter. Two rounds per database race two real
`wasnaker apply` processes, queued behind a held lock and released together.

`record_compliance` is allowed from nota_1 as well (the company complied after the Nota), so after an
`issue_nota_1` it is a legal next act: only the version the officer decided on (`--expected-version`, as a form
carries it) says it was meant for the case still in `inspecting`. That pair always races with it; the same-trigger
pair alternates between the plain command and the form's version."""

import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlmodel import select

from models import Document, Notice, NumberCounter, Timer
from tests.helpers import to_inspecting
from tests.integration.race_worker import Racers, Result
from wasnaker.db import session_scope
from wasnaker.services import repo

ROUNDS = int(os.environ.get("WASNAKER_RACE_ROUNDS", "50"))
WASNAKER = str(Path(sys.executable).parent / "wasnaker")
ON = "2026-03-03"
TARGET = {"issue_nota_1": "nota_1", "record_compliance": "closed"}
DATA = {"issue_nota_1": ["--data", "deadline_days=14"], "record_compliance": []}
PAIRS = {"same_trigger": (("issue_nota_1", "issue_nota_1"), ("plain", "form")),
         "compliance_vs_nota": (("record_compliance", "issue_nota_1"), ("form",))}
OFFICERS = ("budi", "sari")  # both assigned to every prepared case
EMBEDDED_OFF = ("PREFECT_API_URL", "WASNAKER_PREFECT_API_URL", "WASNAKER_SMTP_HOST")  # no server, no mail
REFUSALS = {"changed meanwhile by": "conflict", "is not allowed in state": "not allowed in state"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def racers():
    racers = Racers()
    yield racers
    racers.close()


def cli_env(engine, home) -> dict:
    return {"WASNAKER_HOME": str(home), "WASNAKER_DATABASE_URL": engine.url.render_as_string(hide_password=False)}


def apply_args(trigger: str, number: str, officer: str, version: int | None) -> list[str]:
    seen = ["--expected-version", str(version)] if version is not None else []
    return ["apply", trigger, "--case", number, "--by", officer, "--on", ON, *DATA[trigger], *seen]


def version_of(engine, number: str) -> int:
    with session_scope(engine) as s:
        return repo.case(s, number).version


@pytest.mark.parametrize("pair", PAIRS)
def test_exactly_one_of_two_simultaneous_acts_wins(seeded, racers, tmp_path, pair):
    env, tally, (triggers, modes) = cli_env(seeded, tmp_path), Counter(), PAIRS[pair]
    for i in range(ROUNDS):
        number = to_inspecting(seeded)
        mode, order = modes[(i // 2) % len(modes)], triggers if i % 2 == 0 else triggers[::-1]
        version = version_of(seeded, number) if mode == "form" else None
        args = [[*apply_args(t, number, o, version), "--no-render"] for t, o in zip(order, OFFICERS)]
        tally.update(settle(seeded, number, order, racers.race(env, *args), mode))
    assert_numbers_gap_free(seeded)
    print(f"\n{seeded.dialect.name} {pair}: {ROUNDS} rounds, {dict(sorted(tally.items()))}")


def test_two_real_cli_processes_released_together(seeded, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in EMBEDDED_OFF} | cli_env(seeded, tmp_path)
    tally = Counter()
    for triggers, mode in ((PAIRS["same_trigger"][0], "plain"), (PAIRS["compliance_vs_nota"][0], "form")):
        number = to_inspecting(seeded)
        version = version_of(seeded, number) if mode == "form" else None
        commands = [[WASNAKER, *apply_args(t, number, o, version)] for t, o in zip(triggers, OFFICERS)]
        tally.update(settle(seeded, number, triggers, race_processes(seeded, number, commands, env), mode))
    assert_numbers_gap_free(seeded)
    print(f"\n{seeded.dialect.name} real processes: {dict(sorted(tally.items()))}")


def settle(engine, number: str, triggers, results, mode: str) -> list[str]:
    """Check one round: one winner, one clean refusal, and only the winner's act in the database."""
    assert not any(r.crash for r in results), results
    assert sorted(r.code for r in results) == [0, 2], results
    won = [r.code for r in results].index(0)
    winner, loser, trigger = results[won], results[1 - won], triggers[won]
    assert winner.stdout.splitlines()[0] == f"{number}: inspecting -> {TARGET[trigger]} ({trigger})"
    assert_acted_once(engine, number, trigger)
    return [f"won: racer {won} {trigger}", f"refused ({mode}): {refusal(loser, OFFICERS[won], trigger)}"]


def refusal(loser, winner: str, trigger: str) -> str:
    """The kind of a loser's refusal: one `error:` line on stderr naming who acted and how, nothing on stdout."""
    lines = loser.stderr.splitlines()
    assert loser.stdout == "" and len(lines) == 1 and lines[0].startswith("error: "), loser
    assert f" by {winner} ({trigger} at " in lines[0], lines[0]
    kinds = [kind for text, kind in REFUSALS.items() if text in lines[0]]
    assert kinds, lines[0]
    return kinds[0]


def assert_acted_once(engine, number: str, trigger: str) -> None:
    with session_scope(engine) as s:
        case = repo.case(s, number)
        acts = [e for e in repo.events(s, case.id) if e.trigger in TARGET]
        notas = [d for d in repo.documents(s, case.id) if d.kind == "nota_1"]
        timers = [t for t in repo.timers(s, case.id) if t.kind == "nota_1_compliance"]
        told = [n.audience for n in s.exec(select(Notice).where(Notice.case_id == case.id))
                if n.document_id in {d.id for d in notas}]
    assert case.state == TARGET[trigger] and [e.trigger for e in acts] == [trigger]
    assert len(notas) == len(timers) == (trigger == "issue_nota_1")
    assert all(d.event_id == acts[0].id for d in notas)
    assert len(told) == len(set(told)) and bool(told) == bool(notas)  # each party told once, of one letter


def assert_numbers_gap_free(engine) -> None:
    with session_scope(engine) as s:
        seqs = sorted(s.exec(select(Document.seq).where(Document.kind == "nota_1")))
        last = s.exec(select(NumberCounter.last).where(NumberCounter.kind == "nota_1")).first() or 0
        timers = s.exec(select(Timer.case_id).where(Timer.kind == "nota_1_compliance")).all()
    assert seqs == list(range(1, len(seqs) + 1)) and last == len(seqs)
    assert len(timers) == len(set(timers)) == len(seqs)


def race_processes(engine, number: str, commands: list[list[str]], env: dict) -> list[Result]:
    procs = []
    try:
        with held(engine, number):
            procs += [subprocess.Popen(c, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                      for c in commands]
            wait_until_blocked(procs)
        outputs = [p.communicate(timeout=120) for p in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()  # only on failure: a process that never got past the lock
    return [Result(p.returncode, out, err) for p, (out, err) in zip(procs, outputs)]


@contextmanager
def held(engine, number: str):
    """Hold what an act takes first (SQLite's write lock; the case row on PostgreSQL) so that both processes
    queue behind it, then let them go at once."""
    if engine.dialect.name == "sqlite":
        conn = sqlite3.connect(engine.url.database, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
    else:
        conn = psycopg.connect(engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
        conn.execute('SELECT id FROM "case" WHERE number = %s FOR UPDATE', (number,))
    try:
        yield
    finally:
        conn.rollback()
        conn.close()


def wait_until_blocked(procs, timeout: float = 90) -> None:
    """Both processes are past their imports (~1.7 s of CPU) and asleep on the lock: no CPU used for 0.3 s."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline and all(p.poll() is None for p in procs):
        sample = [_cpu(p.pid) for p in procs]
        if sample == last and all(state == "S" and ticks > 30 for state, ticks in sample):
            return
        last = sample
        time.sleep(0.3)
    raise AssertionError(f"the CLI processes never waited on the lock: {[p.poll() for p in procs]}")


def _cpu(pid: int) -> tuple[str, int]:
    """(state, user+system clock ticks) from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return fields[0], int(fields[11]) + int(fields[12])
