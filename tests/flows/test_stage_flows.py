"""Stage flows and the timer sweep run through Prefect: the run's final state as the server recorded it,
and the effects in the database."""

import asyncio
import json
from datetime import date

from prefect.client.orchestration import get_client
from sqlmodel import select

from flows.stages import flow_for, intake, warning_letters
from flows.timers import timer_sweep
from models import Case, Document
from tests.helpers import COMPLAINT, FINDING, NOW
from wasnaker.adapters.rendering import pdf_text
from wasnaker.clock import start_of_day


def recorded(state):
    """The flow run as the Prefect server has it."""
    async def read():
        async with get_client() as client:
            return await client.read_flow_run(state.state_details.flow_run_id)
    return asyncio.run(read())


def run(trigger, actor, on, case=None, **data):
    state_now = None
    if case:
        from wasnaker.runtime import get_runtime
        with get_runtime().session() as s:
            state_now = s.exec(select(Case).where(Case.number == case)).one().state
    flow = flow_for(trigger, state_now)
    return flow(trigger=trigger, actor=actor, on=date.fromisoformat(on), case_number=case, data=data, now=NOW,
                return_state=True)


def test_intake_flow_records_the_complaint_and_issues_the_receipt_pdf(runtime):
    state = intake(trigger="file_complaint", actor="dewi", on=date(2026, 3, 2), data=COMPLAINT, now=NOW,
                   return_state=True)
    run_ = recorded(state)
    assert run_.state.is_completed() and run_.name == "file_complaint (new case) 2026-03-02"
    result = state.result()
    assert result["to_state"] == "complaint_received"
    [doc] = result["documents"]
    assert doc["number"] == "560/0001/TTP/UPTD-WIL.I/III/2026"
    with runtime.session() as s:
        stored = s.exec(select(Document)).one()
    assert stored.status == "issued" and stored.sha256 == doc["sha256"]
    assert open(stored.file_path, "rb").read().startswith(b"%PDF")


def test_a_trigger_of_another_stage_fails_the_run_and_writes_nothing(runtime):
    state = warning_letters(trigger="file_complaint", actor="dewi", on=date(2026, 3, 2), data=COMPLAINT, now=NOW,
                            return_state=True)
    assert recorded(state).state.is_failed()
    with runtime.session() as s:
        assert s.exec(select(Case)).all() == []


def test_nota_1_through_the_flows_then_the_sweep_flow_expires_it_once(runtime):
    number = run("file_complaint", "dewi", "2026-06-01", **COMPLAINT).result()["case_number"]
    run("verify_complaint", "dewi", "2026-06-01", number)
    run("assign_inspectors", "hendra", "2026-06-01", number, inspectors=["budi"])
    run("sign_spt", "kadis", "2026-06-01", number, period_start="2026-06-02", period_end="2026-06-02")
    run("record_finding", "budi", "2026-06-02", number, **FINDING)
    run("record_inspection", "budi", "2026-06-02", number, inspection_date="2026-06-02")
    issued = run("issue_nota_1", "budi", "2026-06-03", number, deadline_days=7, received_on="2026-06-03")
    assert recorded(issued).state.is_completed()
    assert issued.result()["documents"][0]["number"].startswith("R.560/0001/NP-I/")

    first = timer_sweep(as_of=start_of_day(date(2026, 6, 11), "Asia/Jakarta"), return_state=True)
    assert recorded(first).state.is_completed()
    assert [h["timer"] for h in first.result()["handled"]] == ["nota_1_compliance"]
    again = timer_sweep(as_of=start_of_day(date(2026, 6, 12), "Asia/Jakarta"), return_state=True)
    assert again.result()["handled"] == []
    with runtime.session() as s:
        [draft] = s.exec(select(Document).where(Document.kind == "nota_2")).all()
    assert draft.status == "draft" and draft.number is None
    text = pdf_text(open(draft.file_path, "rb").read())
    assert "DRAFT" in text and "Pasal 88E ayat (2)" in text  # a preview for the officer, not yet a letter


def test_coordinators_see_the_case_timeline_and_the_deadline_radar_as_artifacts(runtime):
    from prefect.artifacts import Artifact

    number = run("file_complaint", "dewi", "2026-06-01", **COMPLAINT).result()["case_number"]
    radar_after_filing = Artifact.get(key="deadline-radar").id
    run("verify_complaint", "dewi", "2026-06-01", number)
    timeline = Artifact.get(key="case-was-uptd-wil-i-2026-0001")
    assert number in timeline.data and "560/0001/TTP/" in timeline.data
    assert "Pemeriksaan kelengkapan dan kewenangan pengaduan" in timeline.data  # verify_complaint's label
    assert "verify_complaint" not in timeline.data and "file://" not in timeline.data
    assert "[PDF](http://127.0.0.1:8000/dokumen/1.pdf)" in timeline.data  # the web app's address (settings)
    assert Artifact.get(key="deadline-radar").id != radar_after_filing  # every stage run publishes the radar
    run("assign_inspectors", "hendra", "2026-06-01", number, inspectors=["budi"])
    run("sign_spt", "kadis", "2026-06-01", number, period_start="2026-06-02", period_end="2026-06-02")
    run("record_finding", "budi", "2026-06-02", number, **FINDING)
    run("record_inspection", "budi", "2026-06-02", number, inspection_date="2026-06-02")
    run("issue_nota_1", "budi", "2026-06-03", number, deadline_days=7, received_on="2026-06-03")
    timer_sweep(as_of=start_of_day(date(2026, 6, 8), "Asia/Jakarta"))  # due 10 June: soon
    radar = Artifact.get(key="deadline-radar")
    assert number in radar.data and "segera" in radar.data and "UPTD-WIL.I" in radar.data
    funnel = {row["tahap"]: row["perkara"] for row in json.loads(Artifact.get(key="enforcement-funnel").data)}
    assert funnel["Pemeriksaan"] == 1 and funnel["Nota Pemeriksaan I"] == 1 and funnel["Nota Pemeriksaan II"] == 0
    # neither the complainant nor the company has an e-mail address: both letters wait to be carried
    waiting = json.loads(Artifact.get(key="notices-attention").data)
    assert [(r["perkara"], r["status"], r["surat"].split(" Nomor")[0]) for r in waiting] == [
        (number, "Menunggu diserahkan", "Tanda Terima Pengaduan"), (number, "Menunggu diserahkan", "Surat Pengingat")]


def test_up_publishes_the_radar_and_the_funnel_as_soon_as_its_server_is_healthy(runtime, prefect_api):
    """One short run from the supervisor's process, through the server it names, whatever Prefect read at import."""
    from prefect.artifacts import Artifact

    from wasnaker.supervisor import publish_overview

    before = {key: getattr(Artifact.get(key=key), "id", None) for key in KEYS}
    publish_overview(prefect_api)
    after = {key: Artifact.get(key=key) for key in KEYS}
    assert all(after[key].id != before[key] for key in KEYS)
    assert len({after[key].flow_run_id for key in KEYS}) == 1 and after["deadline-radar"].flow_run_id is not None
    assert json.loads(after["deadline-radar"].data)[0]["jangka waktu"] == "tidak ada"  # a fresh, empty database
    assert {row["perkara"] for row in json.loads(after["enforcement-funnel"].data)} == {0}


def test_up_starts_even_when_the_radar_cannot_be_published(runtime, capsys):
    from wasnaker.supervisor import publish_overview

    publish_overview("http://127.0.0.1:9/api")  # nothing listens: a warning, not a failed start
    assert "warning: radar and funnel not published yet" in capsys.readouterr().err


KEYS = ("deadline-radar", "enforcement-funnel", "notices-attention")


def test_publishing_waits_out_a_database_away_and_nothing_else(runtime, monkeypatch):
    """A stage run whose letters already went does not fail on a database restart while it publishes."""
    from prefect import flow

    import flows.artifacts as artifacts
    from wasnaker.domain.errors import DatabaseUnavailable

    calls = []

    def away_once(rt, now):
        calls.append(now)
        if len(calls) == 1:
            raise failure
        return {"radar": [], "funnel": [{"tahap": "Pemeriksaan", "perkara": 0}], "notices": []}

    @flow
    def publish():
        return artifacts.publish_radar_and_funnel.with_options(retry_delay_seconds=0)(NOW, return_state=True)

    monkeypatch.setattr(artifacts, "overview", away_once)
    failure = DatabaseUnavailable("the database cannot be reached")
    assert publish().is_completed() and len(calls) == 2
    calls.clear()
    failure = ValueError("a defect is not retried")
    assert publish(return_state=True).is_failed() and len(calls) == 1
