"""Benchmark: the Rakornas report (issue #13) at 100,000 cases on PostgreSQL, all offices, a whole year.

The workload: the five cases of tests/services/test_figures.py (a Nota I complied with across a month end, a Nota II
complied with, an investigation to P-21, a tipiring, a Nota I running) acted through the service door, then each
copied 20,000 times by SQL (its events, officers and dates shifted by 0–269 days, spread over 30 offices in 10
provinces): 100,000 cases and about 1.4 million events whose figures are known multiples of the five. Timed: the
report's tables (every SQL aggregate), then the PDF and the XLSX drawn from them, each the best of `--runs`.

    .venv/bin/python -m bench.rakornas_report [--copies 20000] [--runs 3]

Needs the local PostgreSQL of the tests (127.0.0.1:5432, trust); the database is dropped afterwards."""

import argparse
import time
from datetime import UTC, date, datetime

from sqlalchemy import text

from tests.conftest import _drop_pg, _pg_database
from tests.services.test_figures import build, officer
from wasnaker.application import reports
from wasnaker.db import init_db, make_engine
from wasnaker.runtime import Runtime
from wasnaker.settings import Settings

OFFICES = """INSERT INTO office (code, name, province, parent, city, address, phone, email, timezone, closures,
                    settings)
SELECT 'UPTD-B.' || g, 'UPTD Pengawasan Ketenagakerjaan Bench ' || g, 'Provinsi ' || (g % 10), '', '', '', '', '',
       'Asia/Jakarta', '[]', '{}' FROM generate_series(1, 28) g"""
CASES = """INSERT INTO "case" (number, office_id, company_id, state, close_reason, regime, origin, opened_on, closed_on,
                    details, created_at, version)
SELECT c.number || '#' || g, (ARRAY(SELECT id FROM office ORDER BY id))[1 + g % 30], c.company_id, c.state,
       c.close_reason, c.regime, c.origin, c.opened_on + g % 270, c.closed_on + g % 270, c.details, c.created_at,
       c.version
FROM "case" c CROSS JOIN generate_series(1, :copies) g WHERE c.number NOT LIKE '%#%'"""
EVENTS = """INSERT INTO caseevent (case_id, at, on_date, actor, role, trigger, from_state, to_state, data, channel,
                       prev_hash, hash)
SELECT n.id, e.at, e.on_date + g % 270, e.actor, e.role, e.trigger, e.from_state, e.to_state, e.data, e.channel,
       e.prev_hash, e.hash
FROM caseevent e JOIN "case" c ON c.id = e.case_id CROSS JOIN generate_series(1, :copies) g
JOIN "case" n ON n.number = c.number || '#' || g
WHERE c.number NOT LIKE '%#%' ORDER BY n.id, e.id"""
OFFICERS = """INSERT INTO caseofficer (case_id, officer_id)
SELECT n.id, o.officer_id FROM caseofficer o JOIN "case" c ON c.id = o.case_id CROSS JOIN generate_series(1, :copies) g
JOIN "case" n ON n.number = c.number || '#' || g WHERE c.number NOT LIKE '%#%'"""


def _grow(engine, copies: int) -> dict:
    with engine.begin() as conn:
        for sql in (OFFICES, CASES, EVENTS, OFFICERS):
            conn.execute(text(sql), {"copies": copies})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in ("case", "caseevent")}


def _best(runs: int, call) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    name, url = _pg_database(migrated=True)
    engine = make_engine(url)
    try:
        init_db(engine)
        build(engine)
        started = time.perf_counter()
        sizes = _grow(engine, args.copies)
        print(f"grown to {sizes['case']} cases, {sizes['caseevent']} events in {time.perf_counter() - started:.1f} s")
        rt = Runtime(Settings(), engine)
        kiki, now = officer(rt, "kiki"), datetime(2027, 1, 4, 2, 0, tzinfo=UTC)
        year = (date(2026, 1, 1), date(2026, 12, 31))
        for label, call in (("tables", lambda: reports.rakornas(rt, kiki, *year, now=now)),
                            ("pdf", lambda: reports.rakornas_file(rt, kiki, *year, fmt="pdf", now=now)),
                            ("xlsx", lambda: reports.rakornas_file(rt, kiki, *year, fmt="xlsx", now=now))):
            best, result = _best(args.runs, call)
            size = f", {len(result)} bytes" if isinstance(result, bytes) else ""
            print(f"{label:6} best of {args.runs}: {best:.2f} s{size}")
        inspections = reports.rakornas(rt, kiki, *year, now=now)["tables"][0]["rows"][0]["cases"]
        print(f"inspections in the funnel: {inspections}")
    finally:
        engine.dispose()
        _drop_pg(name)


if __name__ == "__main__":
    main()
