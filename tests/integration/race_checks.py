"""What the act races check in the database once all their pairs have run (one query per table, not per pair), and
how the real-process race holds the lock both processes queue behind."""

import sqlite3
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import func
from sqlmodel import select

from models import Case, CaseEvent, Document, Notice, NumberCounter, Timer
from wasnaker.db import session_scope

TABLES = {"event": CaseEvent, "document": Document, "timer": Timer, "notice": Notice}


def snapshot(engine) -> dict[str, int]:
    """The last id of each table an act writes to: what is above it after the race, the race wrote."""
    with session_scope(engine) as s:
        return {name: s.exec(select(func.max(table.id))).one() or 0 for name, table in TABLES.items()}


def written_since(engine, before: dict[str, int], skip=()) -> dict[str, list]:
    """The rows of each table written after `before`, less those in the `skip` windows ((snapshot, snapshot)
    around each preparation of cases)."""
    with session_scope(engine) as s:
        rows = {name: [r for r in s.exec(select(table).where(table.id > before[name]).order_by(table.id))
                       if not any(lo[name] < r.id <= hi[name] for lo, hi in skip)]
                for name, table in TABLES.items()}
        rows["case"] = s.exec(select(Case)).all()
        for row in (r for group in rows.values() for r in group):
            s.expunge(row)
    return rows


def assert_only_winners_written(engine, before: dict[str, int], winners: dict, prepared=()) -> None:
    """`winners`: case number → [(act, channel)] of each pair raced on it, in order. Each raced case holds exactly
    its winners' events and is in the last one's target state; a Nota's winner alone has the letter, its compliance
    timer and its notices (each party told once); nothing else was written; the Nota numbers run without a gap.
    `prepared`: the windows in which the test prepared cases between its races."""
    rows = written_since(engine, before, prepared)
    cases = {c.number: c for c in rows["case"] if c.number in winners}
    assert len(cases) == len(winners)
    events = _by_case(rows["event"])
    notas = {}
    for number, won in winners.items():
        case, acted = cases[number], events.pop(cases[number].id, [])
        assert [(e.trigger, e.actor, e.channel) for e in acted] == [(a.trigger, a.officer, c) for a, c in won], number
        assert case.state == won[-1][0].row.target.value, number
        notas |= {case.id: e.id for e in acted if e.trigger == "issue_nota_1"}
    assert not events  # no other case was touched
    assert sorted((d.case_id, d.kind, d.event_id) for d in rows["document"]) == \
           sorted((case_id, "nota_1", event_id) for case_id, event_id in notas.items())
    assert sorted((t.case_id, t.kind) for t in rows["timer"]) == sorted((c, "nota_1_compliance") for c in notas)
    _assert_told_once(rows["notice"], {d.id for d in rows["document"]})
    _assert_numbers_gap_free(engine, len(notas))


def _by_case(rows) -> dict[int, list]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.case_id].append(row)
    return grouped


def _assert_told_once(notices, letters: set[int]) -> None:
    told = defaultdict(list)
    for notice in notices:
        told[notice.document_id].append(notice.audience)
    assert set(told) == letters  # notices for the winners' letters only, and for each of them
    assert all(len(parties) == len(set(parties)) for parties in told.values())


def _assert_numbers_gap_free(engine, issued: int) -> None:
    with session_scope(engine) as s:
        seqs = sorted(s.exec(select(Document.seq).where(Document.kind == "nota_1")))
        last = s.exec(select(NumberCounter.last).where(NumberCounter.kind == "nota_1")).first() or 0
    assert seqs == list(range(1, issued + 1)) and last == issued


@contextmanager
def held(engine, numbers: list[str]):
    """Hold what an act takes first (SQLite's write lock; the cases' rows on PostgreSQL) so that the processes
    queue behind it, then let them go at once."""
    if engine.dialect.name == "sqlite":
        conn = sqlite3.connect(engine.url.database, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
    else:
        conn = psycopg.connect(engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
        conn.execute('SELECT id FROM "case" WHERE number = ANY(%s) FOR UPDATE', (numbers,))
    try:
        yield
    finally:
        conn.rollback()
        conn.close()


def wait_until_blocked(procs, timeout: float = 90) -> None:
    """The processes are past their imports (~1.7 s of CPU) and asleep on the lock: no CPU used for 0.3 s."""
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
