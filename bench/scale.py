"""The sweep's hot queries at a country's scale (issue #14), on the database bench/figures_load.py made:

    .venv/bin/python bench/figures_load.py --cases 1650000 --companies 1000000 --offices 38 --due 10000 \\
        --db wasnaker_scale
    .venv/bin/python bench/scale.py [--db wasnaker_scale] [--today 2026-11-30] [--runs 3]

For each question the sweep asks (timers due, reminders due, deemed receipts, notices due for delivery,
interrupted sends, the deadline-run sync), the statement the service sends is captured (its service function
called with a listener on the engine) and run under EXPLAIN (ANALYZE, BUFFERS) twice: with the indexes of the head
revision ("after"), and with those of revision 0008 ("before": the new ones dropped and the status-only ones made,
in a transaction rolled back, so the database is left as it was). Where 0009 also changed the statement (reminders,
the sync), "before" runs revision 0008's statement. Then the service functions are timed end to end (`--runs`
times, median), as the sweep's find steps call them, and `--expire` due timers are handled one by one as the
sweep's expire step does (sweep.handle_expiry, each in its own session), every one rolled back: what handling
costs per timer, the database left as it was. Then `--sweep` due timers are handled as the sweep and the deadline
runs handle them now, in batches (`--batch`, WASNAKER_EXPIRY_BATCH's default; sweep.handle_batch, each timer in its
own session and claim, every one rolled back): by one process, then by `--processes` processes in parallel over the
same database (batch i to process i mod P), each a fresh `spawn`ed interpreter reporting its time and peak RSS.
Prints markdown.
"""

import argparse
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from sqlmodel import Session  # noqa: E402

from bench import expiry_batches  # noqa: E402
from wasnaker.db import make_engine  # noqa: E402
from wasnaker.domain.policy import DEFAULT_POLICY  # noqa: E402
from wasnaker.services import deadlines, delivery, reminders, serving, sweep  # noqa: E402
from wasnaker.settings import Settings  # noqa: E402

KINDS = [k.value for k, rule in DEFAULT_POLICY.timer_rules.items() if rule.remind]
HEAD = ("CREATE INDEX ix_timer_status ON timer (status)", "CREATE INDEX ix_notice_status ON notice (status)",
        "DROP INDEX ix_timer_status_expires_at", "DROP INDEX ix_timer_status_scheduled_run_id",
        "DROP INDEX ix_notice_status_served_on")


def old_statements(now: datetime) -> dict:
    """Revision 0008's statements where 0009 changed them."""
    return {
        "reminders due": ("SELECT * FROM timer WHERE status = 'running' AND reminded_on IS NULL"
                          " AND kind = ANY(%(kinds)s) AND expires_at > %(now)s ORDER BY due_date, id",
                          {"kinds": KINDS, "now": now}),
        "deadline-run sync (every case)": ("SELECT * FROM timer ORDER BY expires_at, id", {}),
    }


def questions(now: datetime) -> dict:
    """name -> (the service call, a marker of its statement, whether to stop it at that statement)."""
    return {
        "timers due (expiries)": (lambda s: sweep.due_timer_ids(s, now), "FROM timer", False),
        "reminders due": (lambda s: reminders.due_reminder_ids(s, now, DEFAULT_POLICY), "FROM timer", False),
        "deemed receipts": (lambda s: serving.deemed_due(s, now, DEFAULT_POLICY), "FROM notice", False),
        "notices due for delivery": (lambda s: delivery.due_ids(s, now), "FROM notice", False),
        "interrupted sends": (lambda s: delivery.interrupted_ids(s), "FROM notice", False),
        # a full sync asks the scheduler for every timer it returns: only its query is run here
        "deadline-run sync (every case)": (lambda s: deadlines.plan(s), "FROM timer", True),
    }


class Captured(Exception):
    pass


def capture(engine, call, marker: str, stop: bool) -> tuple[str, dict]:
    sent = []

    def listen(conn, cursor, statement, parameters, context, executemany):
        if marker in statement:
            sent.append((statement, parameters))
            if stop:
                raise Captured

    event.listen(engine, "before_cursor_execute", listen)
    try:
        with Session(engine) as session:
            call(session)
    except Captured:
        pass
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    return sent[0]


def explain(conn, statement: str, parameters: dict) -> str:
    rows = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters).all()
    return "\n".join(r[0] for r in rows)


def before(engine, statements: dict, now: datetime) -> dict:
    with engine.connect() as conn:
        for ddl in HEAD:
            conn.exec_driver_sql(ddl)
        conn.exec_driver_sql("ANALYZE timer")
        conn.exec_driver_sql("ANALYZE notice")
        plans = {name: explain(conn, *old_statements(now).get(name, st)) for name, st in statements.items()}
        conn.rollback()
    return plans


def timed(engine, call, runs: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(runs):
        with Session(engine) as session:
            started = time.perf_counter()
            n = len(call(session))
            times.append(time.perf_counter() - started)
    return statistics.median(times), n


def _counts(engine, now: datetime) -> dict:
    with engine.connect() as conn:
        one = conn.exec_driver_sql
        return {"timers": one("SELECT count(*) FROM timer").scalar(),
                "running": one("SELECT count(*) FROM timer WHERE status = 'running'").scalar(),
                "due": one("SELECT count(*) FROM timer WHERE status = 'running' AND expires_at <= %(now)s",
                           {"now": now}).scalar(),
                "notices": one("SELECT count(*) FROM notice").scalar(),
                "cases": one('SELECT count(*) FROM "case"').scalar()}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="wasnaker_scale")
    ap.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 30))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--expire", type=int, default=200, help="due timers handled (and rolled back) for the cost of one")
    ap.add_argument("--sweep", type=int, default=0, help="due timers handled in batches (rolled back); 0: skipped")
    ap.add_argument("--batch", type=int, default=Settings.model_fields["expiry_batch"].default)
    ap.add_argument("--processes", type=int, default=2, help="processes handling the batches in parallel")
    ap.add_argument("--no-queries", action="store_true", help="only the batches (--sweep)")
    args = ap.parse_args(argv)
    now = datetime(args.today.year, args.today.month, args.today.day, tzinfo=UTC)  # figures_load's bench clock
    engine = make_engine(_url(args.db))
    print(f"Database {args.db}, clock {now.isoformat()}: {_counts(engine, now)}\n")
    if not args.no_queries:
        _queries(engine, now, args)
    if args.sweep:
        print(expiry_batches.moments(engine))
        print(expiry_batches.batched(_url(args.db), engine, now, args.sweep, args.batch, args.processes))


def _url(db: str) -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}"


def _queries(engine, now: datetime, args) -> None:
    asked = questions(now)
    statements = {name: capture(engine, call, marker, stop) for name, (call, marker, stop) in asked.items()}
    old = before(engine, statements, now)
    with engine.connect() as conn:
        new = {name: explain(conn, *st) for name, st in statements.items()}
    print("| question | service call, median s | rows | query before (0008), ms | query after (0009), ms |")
    print("|---|---|---|---|---|")
    for name, (call, _, stop) in asked.items():
        seconds, n = (None, None) if stop else timed(engine, call, args.runs)
        print(f"| {name} | {'-' if stop else f'{seconds:.3f}'} | {'-' if stop else n} | {_ms(old[name])} | "
              f"{_ms(new[name])} |")
    print("\nHandling due timers one by one (sweep.handle_expiry, own session, rolled back): "
          f"{_expiries(engine, now, args.expire)}")
    for name in asked:
        print(f"\n### {name}\n\nBefore (revision 0008):\n\n{_indent(old[name])}\n\nAfter (0009):\n\n"
              f"{_indent(new[name])}")


def _expiries(engine, now: datetime, n: int) -> str:
    with Session(engine) as session:
        ids = sweep.due_timer_ids(session, now)[:n]
    outcomes: dict[str, int] = {}
    started = time.perf_counter()
    for timer_id in ids:
        with Session(engine) as session:
            result = sweep.handle_expiry(session, timer_id, now, DEFAULT_POLICY)
            action = result["action"] if result else "none"
            outcomes[action] = outcomes.get(action, 0) + 1
            session.rollback()
    seconds = time.perf_counter() - started
    return f"{len(ids)} timers in {seconds:.2f} s, {1000 * seconds / max(len(ids), 1):.1f} ms each; {outcomes}"


def _ms(plan: str) -> str:
    line = next(x for x in plan.splitlines() if x.startswith("Execution Time"))
    return line.split(":")[1].strip().removesuffix(" ms")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


if __name__ == "__main__":
    main()
