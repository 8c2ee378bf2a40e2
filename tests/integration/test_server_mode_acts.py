"""Server mode (issue #11 item 7): an officer's act is recorded and answered at once, and a background stage run is
started only when the act reserved documents (to render, and to send as letters). An act that issues nothing starts
no flow run, yet its deadline runs are kept in step: a receipt that starts the Nota's clock still schedules the
deadline run."""

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from sqlmodel import select

from models import Document
from tests.helpers import FINDING
from tests.integration.test_deadline_runs import flow_run, timer_of, wait_final
from wasnaker import clock
from wasnaker.application import acts
from wasnaker.services import repo

TODAY = clock.today("Asia/Jakarta")


def stage_runs(rt, number: str) -> list:
    """The case's flow runs other than its deadline runs, in this installation (the session's server also holds
    the runs of other test databases, whose case numbers start from 0001 too)."""
    with rt.session() as s:
        ours = f"wasnaker-{repo.installation_key(s)}-"
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[f"case:{number}"])))
    return [r for r in runs if "deadline" not in r.tags and (r.idempotency_key or "").startswith(ours)]


def test_only_an_act_that_issues_documents_starts_a_stage_run(live):
    def perform(trigger, actor, number=None, **data):
        return acts.perform(live, trigger=trigger, actor=actor, on=TODAY, now=clock.now(), case_number=number,
                            data=data)

    planned = perform("plan_inspection", "hendra", company_nib="9120001234567")
    number = planned["case_number"]
    quiet = [planned, perform("assign_inspectors", "hendra", number, inspectors=["budi"])]
    spt = perform("sign_spt", "kadis", number, period_start=TODAY.isoformat(), period_end=TODAY.isoformat())
    quiet.append(perform("record_finding", "budi", number, **FINDING))
    for trigger, data in (("record_inspection", {"inspection_date": TODAY.isoformat()}),
                          ("issue_nota_1", {"deadline_days": 14})):  # letters whose rendering is not the point
        acts.record(live, trigger=trigger, actor="budi", on=TODAY, now=clock.now(), case_number=number, data=data)
    receipt = perform("record_receipt", "budi", number, received_on=TODAY.isoformat(), method="hand")
    quiet.append(receipt)

    assert [(o["stage_run"], o["warnings"]) for o in quiet] == [(None, [])] * 4
    # the receipt opened no timer row but started the Nota's awaiting clock: its deadline run is scheduled all the same
    deadline_run = flow_run(timer_of(live, number).scheduled_run_id)
    assert deadline_run.state.is_scheduled() and "deadline" in deadline_run.tags

    assert spt["stage_run"] and [str(r.id) for r in stage_runs(live, number)] == [spt["stage_run"]]
    assert wait_final(spt["stage_run"], timeout=90).state.is_completed()
    with live.session() as s:
        rendered = s.exec(select(Document).where(Document.kind == "spt", Document.file_path.is_not(None))).all()
    assert len(rendered) == 1
