"""The sweep's hot queries keep their indexes (issue #14): at a million timers a query that loses its index reads
the whole table on every sweep. Each test calls the service, captures the statement it sends (with its
parameters), and EXPLAINs it on PostgreSQL with sequential scans discouraged: the plan must name the index.
bench/results/scale.md has the same queries at a million timers."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, insert, select

from models import Case, Company, Notice, Office, Timer
from tests.conftest import seed_reference
from wasnaker.db import session_scope
from wasnaker.domain.policy import DEFAULT_POLICY
from wasnaker.services import casefile, deadlines, delivery, reminders, repo, serving, sweep

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
TODAY = NOW.date()
REMIND = [k.value for k, rule in DEFAULT_POLICY.timer_rules.items() if rule.remind]
OTHER = [k.value for k, rule in DEFAULT_POLICY.timer_rules.items() if not rule.remind]


def _timer(case_id: int, n: int) -> dict:
    """Mostly closed, some running (a few due, a few near their due date, most far), some expired or waiting."""
    status = ("closed", "closed", "closed", "closed", "running", "running", "expired", "awaiting_receipt")[n % 8]
    offset = 90 + n % 200 if status != "running" or n % 40 > 5 else (-1 - n % 5 if n % 40 < 3 else 5 + n % 10)
    due = TODAY + timedelta(days=offset if status == "running" else -offset)
    expires = datetime(due.year, due.month, due.day, 17, tzinfo=UTC)
    return {"case_id": case_id, "kind": (REMIND if n % 3 else OTHER)[n % 2], "status": status, "length": 14,
            "unit": "calendar_days", "roll_forward": True, "start_date": due - timedelta(days=14), "due_date": due,
            "expires_at": expires, "opened_on": due - timedelta(days=14), "history": [],
            "scheduled_for": expires if n % 7 else None,
            "scheduled_run_id": f"run-{n}" if status != "closed" or n % 50 == 0 else None}


def _notice(case_id: int, n: int) -> dict:
    status = ("sent",) * 12 + ("served", "queued", "retrying", "sending", "handed", "bounced")
    status = status[n % len(status)]
    served = TODAY - timedelta(days=5 + n % 300) if status == "served" or (status == "sent" and n % 50) else None
    return {"key": f"n:{n}", "case_id": case_id, "audience": "company", "recipient": f"c{n}@contoh.example",
            "channel": "email", "subject": "surat", "status": status, "served_on": served,
            "sent_at": NOW - timedelta(days=n % 300), "lease_until": NOW - timedelta(hours=1),
            "created_at": NOW - timedelta(days=n % 300)}


@pytest.fixture
def loaded(engine):
    """A few thousand timers and notices over 40 cases, analysed."""
    seed_reference(engine)
    with session_scope(engine) as s:
        office, company = s.exec(select(Office.id)).first()[0], s.exec(select(Company.id)).first()[0]
        cases = [{"number": f"WAS/T/{i}", "office_id": office, "company_id": company, "state": "inspecting",
                  "regime": "kuhap_2025", "origin": "planned", "opened_on": date(2026, 1, 1), "details": {},
                  "created_at": NOW, "version": 1} for i in range(40)]
        s.execute(insert(Case), cases)
        ids = list(s.execute(select(Case.id)).scalars())
        s.execute(insert(Timer), [_timer(ids[n % 40], n) for n in range(2000)])
        s.execute(insert(Notice), [_notice(ids[n % 40], n) for n in range(2000)])
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE timer")
        conn.exec_driver_sql("ANALYZE notice")
    return engine


def _captured(engine, call, marker: str) -> tuple[str, dict]:
    """The first statement the service sent that contains `marker`, with its parameters."""
    sent = []

    def listen(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listen)
    try:
        with session_scope(engine) as s:
            call(s)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    return next((st, p) for st, p in sent if marker in st)


def _plan(engine, statement: str, parameters: dict) -> str:
    with engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        rows = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()
    return "\n".join(r[0] for r in rows)


HOT = {
    "due timers (the sweep's expiries)": (lambda s: sweep.due_timer_ids(s, NOW), "FROM timer",
                                          "ix_timer_status_expires_at"),
    "reminders due": (lambda s: reminders.due_reminder_ids(s, NOW, DEFAULT_POLICY), "FROM timer",
                      "ix_timer_status_expires_at"),
    "deadline runs to cancel (server mode's sync)": (lambda s: deadlines.plan(s), "FROM timer",
                                                     "ix_timer_status_scheduled_run_id"),
    "deemed receipts": (lambda s: serving.deemed_due(s, NOW, DEFAULT_POLICY), "FROM notice",
                        "ix_notice_status_served_on"),
    "notices due for delivery": (lambda s: delivery.due_ids(s, NOW), "FROM notice", "ix_notice_status_served_on"),
    "interrupted sends": (lambda s: delivery.interrupted_ids(s), "FROM notice", "ix_notice_status_served_on"),
}


def _missing(engine) -> dict:
    """The questions whose plan does not name their index: name -> plan."""
    missing = {}
    for name, (call, marker, index) in HOT.items():
        plan = _plan(engine, *_captured(engine, call, marker))
        if f" {index} " not in plan.replace("\n", " ") + " " or "Seq Scan on timer" in plan:
            missing[name] = plan
    return missing


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_every_hot_query_of_the_sweep_uses_its_index(loaded):
    assert _missing(loaded) == {}
    # the check can fail: without the due-timers index the plans of the two questions it serves no longer name it
    with loaded.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_timer_status_expires_at")
    assert set(_missing(loaded)) == {"due timers (the sweep's expiries)", "reminders due"}


def _scans(plan: str) -> set[str]:
    """The tables a plan reads whole (a sequential scan even with sequential scans discouraged: no index to use)."""
    return {line.split(" on ")[1].split()[0] for line in plan.splitlines() if "Seq Scan on " in line}


CASE_FILE_INDEXES = ("ix_caseevent_case_id", "ix_document_seal_case_id", "ix_finding_case_id", "ix_timer_case_id",
                     "ix_document_case_id", "caseofficer_pkey")


def _case_file_plan(engine) -> str:
    with session_scope(engine) as s:
        target = s.execute(select(Case.id).where(Case.number == "WAS/T/7")).scalar_one()
    return _plan(engine, *_captured(engine, lambda s: casefile.read(s, target), "UNION ALL"))


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_the_doors_two_reads_go_by_index_whatever_the_tables_size(loaded):
    """Every act reads its case (locked, by its number) and its case file (one UNION ALL over six tables, by the
    case): each branch must find the case's rows by its case_id index, or an act would read every event ever
    recorded."""
    lock = _plan(loaded, *_captured(loaded, lambda s: repo.case_for_act(s, "WAS/T/7"), 'FROM "case"'))
    assert _scans(lock) == {"installation"} and "Index Scan" in lock, lock  # its one row read with the case
    file = _case_file_plan(loaded)
    assert _scans(file) == set() and [i for i in CASE_FILE_INDEXES if i not in file] == [], file
    with loaded.begin() as conn:  # the check can fail: without its index the events are read another way
        conn.exec_driver_sql("DROP INDEX ix_caseevent_case_id")
    assert [i for i in CASE_FILE_INDEXES if i not in _case_file_plan(loaded)] == ["ix_caseevent_case_id"]
