"""Acts per second through the service door against a bare floor measured in the same run (issue #14).

The act: `record_finding` (no letter) on cases at inspection, one act per case, each in its own transaction, as
`wasnaker apply` and the web app record it (`wasnaker.services.transitions.apply_trigger` in `session_scope`). The
floor does the same writes with nothing else, in one transaction per act through the same engine: lock the case
row, bump its version, append the event (its JSON data), insert the finding. The two alternate in rounds (door,
floor, door, …) so a drift of the machine's speed touches both alike; each round takes a fresh set of cases.

    .venv/bin/python bench/door_floor.py [--db postgresql|sqlite] [--acts 400] [--rounds 3]

Needs the local PostgreSQL of the tests for `--db postgresql` (127.0.0.1:5432, trust); its database is dropped
afterwards. Writes bench/results/door_floor.md (the numbers; notes below the marker are kept)."""

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import _drop_pg, _pg_database, seed_reference  # noqa: E402
from tests.helpers import COMPLAINT, FINDING, act  # noqa: E402
from wasnaker.db import init_db, make_engine, session_scope  # noqa: E402
from wasnaker.services.transitions import apply_trigger  # noqa: E402

RESULT = ROOT / "bench" / "results" / "door_floor.md"
MARKER = "<!-- notes below are kept when the script rewrites the numbers above -->"
NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
ON = "2026-03-02"


def cases_at_inspection(engine, n: int) -> list[str]:
    """`n` complaint cases taken through the door to a recorded inspection (their SPTs reserved, not rendered)."""
    numbers = []
    for _ in range(n):
        number = act(engine, "file_complaint", "dewi", ON, **COMPLAINT).case_number
        act(engine, "verify_complaint", "dewi", ON, number)
        act(engine, "assign_inspectors", "hendra", ON, number, inspectors=["budi", "sari"])
        act(engine, "sign_spt", "kadis", ON, number, period_start=ON, period_end=ON)
        act(engine, "record_inspection", "budi", ON, number, inspection_date=ON)
        numbers.append(number)
    return numbers


def door(engine, numbers: list[str]) -> float:
    start = time.perf_counter()
    for number in numbers:
        with session_scope(engine) as s:
            apply_trigger(session=s, trigger="record_finding", actor="budi", on=date.fromisoformat(ON), now=NOW,
                          case_number=number, data=dict(FINDING))
    return time.perf_counter() - start


FLOOR = [
    ('SELECT id, version FROM "case" WHERE number = :number FOR UPDATE', "lock"),
    ('UPDATE "case" SET version = version + 1 WHERE id = :case_id', None),
    ("INSERT INTO caseevent (case_id, at, on_date, actor, role, trigger, from_state, to_state, data, channel, "
     "prev_hash, hash) VALUES (:case_id, :at, :on, 'budi', 'inspector', 'record_finding', 'inspecting', "
     "'inspecting', :data, 'cli', 'x', 'y')", None),
    ("INSERT INTO finding (case_id, no, norm, article, facts, corrective_order, workers_affected, workers, status, "
     "recorded_on) VALUES (:case_id, 100, :norm, :article, :facts, :order, 40, '[]', 'open', :on)", None),
]


def floor(engine, numbers: list[str]) -> float:
    sqlite = engine.dialect.name == "sqlite"
    statements = [(text(sql.replace(" FOR UPDATE", "") if sqlite else sql), lock) for sql, lock in FLOOR]
    data = json.dumps(FINDING)
    start = time.perf_counter()
    for number in numbers:
        with engine.begin() as conn:
            values = {"number": number, "at": NOW, "on": date.fromisoformat(ON), "data": data, **FINDING}
            for statement, lock in statements:
                found = conn.execute(statement, values)
                if lock:
                    values["case_id"] = found.one()[0]
    return time.perf_counter() - start


def run(db: str, acts: int, rounds: int) -> dict:
    name = None
    if db == "postgresql":
        name, url = _pg_database()
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'wasnaker.db'}"
    engine = make_engine(url)
    try:
        init_db(engine)
        seed_reference(engine)
        rates = {"door": [], "floor": []}
        for _ in range(rounds):
            for kind, fn in (("door", door), ("floor", floor)):
                numbers = cases_at_inspection(engine, acts)
                rates[kind].append(acts / fn(engine, numbers))
        return rates
    finally:
        engine.dispose()
        if name:
            _drop_pg(name)


def write(results: dict, acts: int, rounds: int) -> None:
    import os
    import platform
    import resource

    lines = ["# Acts per second: the service door against a bare floor (issue #14)", "",
             f"    .venv/bin/python bench/door_floor.py --db <db> --acts {acts} --rounds {rounds}", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()}, {os.cpu_count()} cores, "
             f"load average before: {os.getloadavg()[0]:.1f}. `record_finding` (no letter), one transaction per act, "
             f"{acts} acts per round, {rounds} rounds alternating door and floor. Peak memory of the bench process "
             f"(door and floor in it): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB.", "",
             "| database | door acts/s (median of rounds) | floor acts/s | door / floor | rounds (door; floor) |",
             "|---|---|---|---|---|"]
    for db, rates in results.items():
        d, f = statistics.median(rates["door"]), statistics.median(rates["floor"])
        each = "; ".join(", ".join(f"{r:.0f}" for r in rates[k]) for k in ("door", "floor"))
        lines.append(f"| {db} | {d:.0f} | {f:.0f} | {d / f:.2f} | {each} |")
    kept = RESULT.read_text().split(MARKER, 1)[1] if RESULT.exists() and MARKER in RESULT.read_text() else "\n"
    RESULT.write_text("\n".join(lines) + "\n\n" + MARKER + kept)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", choices=["postgresql", "sqlite", "both"], default="both")
    ap.add_argument("--acts", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    results = {}
    for db in (["postgresql", "sqlite"] if args.db == "both" else [args.db]):
        results[db] = run(db, args.acts, args.rounds)
        d, f = statistics.median(results[db]["door"]), statistics.median(results[db]["floor"])
        print(f"{db}: door {d:.0f} acts/s, floor {f:.0f} acts/s, ratio {d / f:.2f}", flush=True)
    write(results, args.acts, args.rounds)


if __name__ == "__main__":
    main()
