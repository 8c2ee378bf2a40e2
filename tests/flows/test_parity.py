"""Parity of the front ends: one story — complaint → verify → assign → SPT → finding → inspection → Nota I →
receipt → reminder and expiry by the sweep → re-check → Nota II → its receipt deemed by the sweep — told once
in-process through the application layer (as the CLI tells it) and once through the stage flows and the
`timer-sweep` flow (Prefect test server), each on its own fresh seeded SQLite database, with the same `now`
values and a real local SMTP server each, so notices are really sent in both. The two databases end equal row for
row, wall-clock and random columns aside; the mail that went out is the same; and the flow runs' task runs are the
steps the in-process run took, in the same order.
"""

import asyncio
import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from tests.conftest import seed_reference
from tests.helpers import COMPLAINT, FINDING
from tests.notices.conftest import give_emails
from tests.smtp_sink import SmtpSink
from wasnaker.application import acts, cases, sweep
from wasnaker.application.runner import direct
from wasnaker.application.steps import ALL
from wasnaker.clock import start_of_day
from wasnaker.db import init_db
from wasnaker.runtime import get_runtime, reset_caches, runtime_for
from wasnaker.settings import Settings

SWEEP = "sweep"
TZ = "Asia/Jakarta"
STORY = [  # received Thursday 4 June + 7 days: due Thursday 11 June; reminded 3 working days before (8 June)
    ("file_complaint", "dewi", "2026-06-01", COMPLAINT),
    ("verify_complaint", "dewi", "2026-06-01", {}),
    ("assign_inspectors", "hendra", "2026-06-01", {"inspectors": ["budi"]}),
    ("sign_spt", "kadis", "2026-06-02", {"period_start": "2026-06-02", "period_end": "2026-06-02"}),
    ("record_finding", "budi", "2026-06-02", FINDING),
    ("record_inspection", "budi", "2026-06-02", {"inspection_date": "2026-06-02"}),
    ("issue_nota_1", "budi", "2026-06-03", {"deadline_days": 7}),
    ("record_receipt", "budi", "2026-06-04", {"received_on": "2026-06-04", "method": "hand"}),
    (SWEEP, None, "2026-06-08", None),  # the Surat Pengingat
    (SWEEP, None, "2026-06-12", None),  # Nota I expired at the end of 11 June: draft Nota II, officers told
    ("sign_spt", "kadis", "2026-06-12", {"period_start": "2026-06-12", "period_end": "2026-06-12"}),  # re-check
    ("record_recheck", "budi", "2026-06-12", {"note": "Upah tetap di bawah UMK"}),
    ("issue_nota_2", "budi", "2026-06-12", {"deadline_days": 7}),  # e-mailed; nobody confirms it
    (SWEEP, None, "2026-06-17", None),  # deemed received 3 days after sending: its clock starts
]
# Columns that differ between two databases however faithfully the steps ran: the wall clock (when a row was
# written, a PDF rendered, a mail handed over, a lease taken) and randomness (claim tokens, link nonces, the
# installation key each database is made with, its reference version).
UNCOMPARED = {"created_at", "rendered_at", "sent_at", "lease_until", "claim", "ack_nonce", "installation.key",
              "installation.reference_version"}
STEP_NAMES = {step.name for step in ALL}


def moment(on: str, hour: int = 10) -> datetime:
    """10:00 in the office for an act; the start of the day for a sweep (as `--as-of` reads it)."""
    return start_of_day(date.fromisoformat(on), TZ) + timedelta(hours=hour)


def seeded_runtime(rt):
    init_db(rt.engine)
    seed_reference(rt.engine)
    give_emails(rt.engine)
    return rt


def tell_in_process(rt) -> list[str]:
    """The story through the application layer with the in-process runner; the names of the steps it ran."""
    ran, number = [], None

    def recording(rt, step, *args):
        ran.append(step.name)
        return direct(rt, step, *args)

    for trigger, actor, on, data in STORY:
        if trigger == SWEEP:
            sweep.sweep(rt, moment(on, 0), runner=recording)
            continue
        number = acts.perform(rt, trigger=trigger, actor=actor, on=date.fromisoformat(on), now=moment(on),
                              case_number=number, data=data, runner=recording)["case_number"]
    return ran


def tell_through_flows(rt) -> list:
    """The story through the stage flows and the timer-sweep flow; the flow runs' ids, in order."""
    from flows.stages import flow_for
    from flows.timers import timer_sweep

    runs, number = [], None
    for trigger, actor, on, data in STORY:
        if trigger == SWEEP:
            state = timer_sweep(as_of=moment(on, 0), return_state=True)
        else:
            flow = flow_for(trigger, cases.show_case(rt, number)["state"] if number else None)
            state = flow(trigger=trigger, actor=actor, on=date.fromisoformat(on), case_number=number, data=data,
                         now=moment(on), return_state=True)
            number = state.result()["case_number"]
        assert state.is_completed(), state
        runs.append(state.state_details.flow_run_id)
    return runs


def rows(rt) -> dict[str, list[dict]]:
    """Every row of every table, by primary key; a PDF's path relative to its own documents folder."""
    home = str(rt.settings.documents_dir)
    out = {}
    with rt.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            out[table.name] = [{k: (v.replace(home, "<documents>") if k == "file_path" and v else v)
                                for k, v in row._mapping.items() if not {k, f"{table.name}.{k}"} & UNCOMPARED}
                               for row in conn.execute(query)]
    return out


def mail(sink: SmtpSink) -> list[tuple[str, str, int]]:
    return [(str(m["X-Envelope-To"]), str(m["Subject"]), len(list(m.iter_attachments()))) for m in sink.received]


def task_runs(flow_run_ids: list, expected: int, timeout: float = 60) -> list[str]:
    """The task runs of the flow runs, in order, as the server recorded them: it writes them from events, a
    moment after the runs end, so wait until as many as expected are there (or the time is up)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    async def read() -> list[str]:
        names = []
        async with get_client() as client:
            for run_id in flow_run_ids:
                runs = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run_id])),
                                                   sort=TaskRunSort.EXPECTED_START_TIME_ASC, limit=200)
                names += [r.name.rsplit("-", 1)[0] for r in runs]
        return [n for n in names if n in STEP_NAMES]

    give_up = time.monotonic() + timeout
    names = asyncio.run(read())
    while len(names) < expected and time.monotonic() < give_up:
        time.sleep(1)
        names = asyncio.run(read())
    return names


@pytest.fixture
def sinks():
    servers = SmtpSink().start(), SmtpSink().start()
    yield servers
    for server in servers:
        server.stop()


def test_the_story_ends_the_same_in_process_and_through_the_flows(prefect_server, tmp_path, monkeypatch, sinks):
    in_process_sink, flows_sink = sinks
    in_process = seeded_runtime(runtime_for(Settings(home=tmp_path / "in-process", smtp_host="127.0.0.1",
                                                     smtp_port=in_process_sink.port, database_url=None)))
    for name, value in {"WASNAKER_HOME": str(tmp_path / "flows"), "WASNAKER_SMTP_HOST": "127.0.0.1",
                        "WASNAKER_SMTP_PORT": str(flows_sink.port)}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("WASNAKER_DATABASE_URL", raising=False)
    reset_caches()
    through_flows = seeded_runtime(get_runtime())
    try:
        steps = tell_in_process(in_process)
        runs = tell_through_flows(through_flows)
        expected, got = rows(in_process), rows(through_flows)
        tasks = task_runs(runs, len(steps))
    finally:
        in_process.engine.dispose()
        through_flows.engine.dispose()
        reset_caches()

    assert [c["state"] for c in expected["case"]] == ["nota_2"]  # the story went where it should
    assert {"nota_1", "reminder", "nota_2"} <= {d["kind"] for d in expected["document"] if d["status"] == "issued"}
    assert any(n["service_method"] == "email_deemed" for n in expected["notice"])
    for table in expected:
        assert got[table] == expected[table], f"table {table} differs"
    assert mail(flows_sink) == mail(in_process_sink) and len(mail(in_process_sink)) >= 5
    assert tasks == steps  # every step a task run of its flow run, in the order the application layer ran them
