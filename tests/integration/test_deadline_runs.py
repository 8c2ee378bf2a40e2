"""Against a real Prefect server with the deployments served: a deadline run is scheduled per expiry moment, fires
on time and prepares its timers' documents; timers of one moment share its run, which is cancelled only when the
last of them closes early; a moment with more than one batch hands them to expire-timers runs, in parallel."""

import time
from datetime import UTC, datetime, timedelta

from prefect.client.orchestration import get_client
from sqlmodel import select

from models import Document, Timer
from tests.helpers import FINDING
from wasnaker import clock
from wasnaker.application import acts, sweep
from wasnaker.application.runner import direct
from wasnaker.runtime import Runtime

TODAY = clock.today("Asia/Jakarta")


def day(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def nota_case(rt, start: int = 3) -> str:
    def rec(trigger, actor, on, case=None, **data):
        return acts.record(rt, trigger=trigger, actor=actor, on=datetime.fromisoformat(on).date(),
                           now=clock.now(), case_number=case, data=data)["case_number"]

    number = rec("plan_inspection", "hendra", day(start), company_nib="9120001234567")
    rec("assign_inspectors", "hendra", day(start), number, inspectors=["budi"])
    rec("sign_spt", "kadis", day(start), number, period_start=day(start), period_end=day(start))
    rec("record_finding", "budi", day(start), number, **FINDING)
    rec("record_inspection", "budi", day(start), number, inspection_date=day(start))
    rec("issue_nota_1", "budi", day(start - 1), number, deadline_days=14, received_on=day(start - 1))
    return number


def timer_of(rt, number) -> Timer:
    from wasnaker.services import repo

    with rt.session() as s:
        return s.exec(select(Timer).where(Timer.case_id == repo.case(s, number).id)).one()


def flow_run(run_id):
    with get_client(sync_client=True) as client:
        return client.read_flow_run(run_id)


def wait_final(run_id, timeout: float = 40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = flow_run(run_id)
        if run.state.is_final():
            return run
        time.sleep(0.2)
    return run


def test_the_deadline_run_is_scheduled_named_after_its_moment_and_fires_within_5_seconds(live):
    number = nota_case(live)
    timer = timer_of(live, number)
    scheduled = flow_run(timer.scheduled_run_id)
    ends = timer.due_date + timedelta(days=1)
    assert scheduled.state.is_scheduled() and scheduled.name == f"berakhir {ends} 00:00 WIB · 1 jangka waktu"
    assert scheduled.expected_start_time == timer.expires_at.replace(tzinfo=UTC)
    assert {"deadline", "tz:Asia/Jakarta"} <= set(scheduled.tags)

    due = clock.now() + timedelta(seconds=6)  # bring the due moment a few seconds ahead
    with live.session() as s:
        row = s.get(Timer, timer.id)
        row.expires_at = due
        s.add(row)
    sweep.schedule_deadline_runs(live, number)
    moved = timer_of(live, number)
    assert flow_run(timer.scheduled_run_id).state.is_cancelled()
    assert moved.scheduled_run_id != timer.scheduled_run_id

    fired = wait_final(moved.scheduled_run_id)
    with live.session() as s:
        draft = s.exec(select(Document).where(Document.kind == "nota_2")).one()
    assert fired.state.is_completed(), fired.state
    assert timer_of(live, number).status == "expired"
    assert fired.start_time - due < timedelta(seconds=5)
    assert draft.file_path and draft.rendered_at.replace(tzinfo=UTC) - due < timedelta(seconds=5)


def test_timers_of_one_moment_share_its_run_until_the_last_closes_early(live):
    numbers = [nota_case(live, start=3) for _ in range(2)]  # the module shares one database: letters dated in order
    run_id = timer_of(live, numbers[0]).scheduled_run_id
    assert timer_of(live, numbers[1]).scheduled_run_id == run_id and flow_run(run_id).name.endswith("· 2 jangka waktu")
    acts.record(live, trigger="record_compliance", actor="budi", on=TODAY, now=clock.now(), case_number=numbers[0])
    assert flow_run(run_id).state.is_scheduled() and flow_run(run_id).name.endswith("· 1 jangka waktu")
    acts.record(live, trigger="record_compliance", actor="budi", on=TODAY, now=clock.now(), case_number=numbers[1])
    assert flow_run(run_id).state.is_cancelled()
    assert [timer_of(live, n).scheduled_run_id for n in numbers] == [None, None]


def test_two_batches_go_out_as_expire_timers_runs_and_the_moment_waits_for_them(live):
    ids = [timer_of(live, nota_case(live, start=3)).id for _ in range(2)]  # before: a session holds SQLite's lock
    due = clock.now() - timedelta(seconds=1)
    with live.session() as s:
        for timer_id in ids:
            row = s.get(Timer, timer_id)
            row.expires_at = due
            s.add(row)
    one_a_batch = Runtime(live.settings.model_copy(update={"expiry_batch": 1, "expiry_batch_wait_seconds": 90}),
                          live.engine)
    report = sweep.expire_due(one_a_batch, due, clock.now(), "test", direct)
    assert report["batch_runs"] == {"COMPLETED": 2} and report["due"] == 2
    with live.session() as s:
        drafts = s.exec(select(Document).where(Document.kind == "nota_2", Document.file_path.is_not(None))).all()
        timers = [s.get(Timer, timer_id) for timer_id in ids]
    assert [t.status for t in timers] == ["expired", "expired"]
    assert {d.case_id for d in drafts} >= {t.case_id for t in timers}  # each batch rendered its draft
