"""Due timers in batches, and one deadline run per expiry moment: batches keep the due order, one failing timer
does not stop (or undo) its batch, two batches racing over the same timers handle each once (PostgreSQL), the
sync points every timer of a moment at one run and cancels a run only when no running timer is left on it, and
a moment with more than one batch hands them to `expire-timers` runs when there is a server."""

import hashlib
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from models import Case, CaseEvent, Timer
from tests.conftest import seed_reference
from tests.helpers import act, to_inspecting
from wasnaker.adapters import scheduling
from wasnaker.adapters.rendering import RenderedDocument
from wasnaker.application import sweep
from wasnaker.db import session_scope
from wasnaker.runtime import Runtime
from wasnaker.services import deadlines
from wasnaker.services import sweep as sweep_service
from wasnaker.settings import Settings

DUE = datetime(2026, 6, 9, 17, 0, tzinfo=UTC)  # Nota I received 2 June + 7 days: due 9 June, ends at midnight WIB
NEXT = DUE + timedelta(days=1)


def nota_cases(engine, n: int) -> list[str]:
    """`n` cases whose Nota I deadline runs, all due at DUE."""
    numbers = []
    for _ in range(n):
        number = to_inspecting(engine, start="2026-06-01")
        act(engine, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=7, received_on="2026-06-02")
        numbers.append(number)
    return numbers


def timer_ids(engine, numbers: list[str]) -> list[int]:
    with session_scope(engine) as s:
        return [s.exec(select(Timer.id).join(Case).where(Case.number == n)).one() for n in numbers]


def set_expiry(engine, moments: dict[int, datetime]) -> None:
    with session_scope(engine) as s:
        for timer_id, moment in moments.items():
            timer = s.get(Timer, timer_id)
            timer.expires_at = moment
            s.add(timer)


def expired_in_order(engine) -> list[int]:
    with session_scope(engine) as s:
        events = s.exec(select(CaseEvent).where(CaseEvent.trigger.startswith("timer_expired:"))
                        .order_by(CaseEvent.id)).all()
        return [e.data["timer_id"] for e in events]


class Scheduler:
    """The Prefect server stood in for: one run per key, with the name it was last given."""

    def __init__(self):
        self.runs, self.names, self.cancelled = {}, {}, []

    def schedule(self, run):
        run_id = self.runs.setdefault(run.key, f"run-{len(self.runs) + 1}")
        self.names[run_id] = run.name
        return run_id

    def rename(self, run_id, run):
        self.names[run_id] = run.name

    def cancel(self, run_id):
        self.cancelled.append(run_id)


class Renderer:
    def render(self, kind, context):
        pdf = f"%PDF-1.7 {kind}".encode()
        return RenderedDocument(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), template_version="1")


@pytest.fixture
def four(sqlite_engine):
    seed_reference(sqlite_engine)
    return sqlite_engine, timer_ids(sqlite_engine, nota_cases(sqlite_engine, 4))


def runtime(engine, tmp_path, server: bool = False, batch: int = 2) -> Runtime:
    settings = Settings(home=tmp_path, expiry_batch=batch,
                        prefect_api_url="http://127.0.0.1:9/api" if server else None)
    rt = Runtime(settings, engine)
    rt.__dict__.update(renderer=Renderer(), scheduler=Scheduler())
    return rt


def test_batches_are_consecutive_slices_and_the_timers_are_handled_in_due_order(four, tmp_path):
    engine, ids = four
    assert sweep.in_batches(list(range(1, 8)), 3) == [[1, 2, 3], [4, 5, 6], [7]]
    assert sweep.in_batches([], 3) == []
    set_expiry(engine, {timer_id: DUE - timedelta(minutes=i) for i, timer_id in enumerate(ids)})  # last due first
    report = sweep.handle_due(runtime(engine, tmp_path, batch=3), DUE)
    assert [h["timer_id"] for h in report["handled"]] == expired_in_order(engine) == ids[::-1]
    assert report["failed"] == []


def test_a_failing_timer_is_reported_and_its_batch_goes_on(four, monkeypatch):
    engine, ids = four
    real = sweep_service.handle_expiry

    def failing(session, timer_id, now, policy):
        result = real(session, timer_id, now, policy)  # its work done, then a failure: all of it rolled back
        if timer_id == ids[1]:
            raise RuntimeError("a defect")
        return result

    monkeypatch.setattr(sweep_service, "handle_expiry", failing)
    results = sweep_service.handle_batch(lambda: session_scope(engine), ids, DUE)
    assert [r["timer_id"] for r in results] == ids and results[1]["failed"] == "RuntimeError: a defect"
    assert expired_in_order(engine) == [ids[0], *ids[2:]]
    with session_scope(engine) as s:
        assert s.get(Timer, ids[1]).status == "running"  # the next sweep tries it again


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_batches_racing_over_the_same_timers_handle_each_once(seeded):
    ids = timer_ids(seeded, nota_cases(seeded, 4))
    start, results = threading.Barrier(2), []

    def batch():
        start.wait()
        results.append(sweep_service.handle_batch(lambda: session_scope(seeded), ids, DUE))

    racers = [threading.Thread(target=batch) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
    handled = [r["timer_id"] for batch_results in results for r in batch_results]
    assert len(results) == 2 and sorted(handled) == sorted(ids) and sorted(expired_in_order(seeded)) == sorted(ids)


def sync(engine, scheduler, numbers=None) -> dict:
    return deadlines.sync(lambda: session_scope(engine), scheduler, numbers)


def runs_of(engine, ids) -> list[str | None]:
    with session_scope(engine) as s:
        return [s.get(Timer, timer_id).scheduled_run_id for timer_id in ids]


def test_one_run_per_moment_cancelled_only_when_no_running_timer_is_left_on_it(four):
    engine, ids = four
    with session_scope(engine) as s:
        numbers = [s.get(Case, s.get(Timer, t).case_id).number for t in ids]
    set_expiry(engine, {ids[3]: NEXT})
    scheduler = Scheduler()
    assert sync(engine, scheduler) == {"scheduled": 2, "timers": 4, "cancelled": 0}
    assert runs_of(engine, ids) == ["run-1", "run-1", "run-1", "run-2"]
    assert scheduler.names == {"run-1": "berakhir 2026-06-10 00:00 WIB · 3 jangka waktu",
                               "run-2": "berakhir 2026-06-11 00:00 WIB · 1 jangka waktu"}
    assert all(k.endswith(f"-deadline-{DUE.isoformat()}") or k.endswith(f"-deadline-{NEXT.isoformat()}")
               for k in scheduler.runs)
    assert sync(engine, scheduler) == {"scheduled": 0, "timers": 0, "cancelled": 0}  # nothing left to do

    act(engine, "record_compliance", "budi", "2026-06-05", numbers[0])  # closed early: the others still need run-1
    assert sync(engine, scheduler, [numbers[0]]) == {"scheduled": 0, "timers": 0, "cancelled": 0}
    assert runs_of(engine, ids)[0] is None and scheduler.names["run-1"].endswith("· 2 jangka waktu")

    set_expiry(engine, {ids[1]: NEXT})  # a moved due date lands on its new moment's run
    assert sync(engine, scheduler)["timers"] == 1 and runs_of(engine, ids)[1] == "run-2"
    assert scheduler.names == {"run-1": "berakhir 2026-06-10 00:00 WIB · 1 jangka waktu",
                               "run-2": "berakhir 2026-06-11 00:00 WIB · 2 jangka waktu"}
    act(engine, "record_compliance", "budi", "2026-06-05", numbers[2])  # the moment's last timer closes
    assert sync(engine, scheduler)["cancelled"] == 1 and scheduler.cancelled == ["run-1"]


def test_a_moment_handles_what_is_due_by_then_in_process_without_a_server(four, tmp_path):
    engine, ids = four
    set_expiry(engine, {ids[3]: NEXT})
    report = sweep.expire_moment(runtime(engine, tmp_path), DUE, DUE + timedelta(seconds=1))
    assert [h["timer_id"] for h in report["handled"]] == ids[:3]  # two batches, one after another
    assert [d["kind"] for d in report["documents"]] == ["nota_2"] * 3  # the drafts they prepared, rendered
    assert sweep.expire_moment(runtime(engine, tmp_path), DUE, DUE)["action"] == "nothing to do"


def test_with_a_server_the_batches_go_out_as_runs_and_the_moment_waits_for_them(four, tmp_path, monkeypatch):
    engine, ids = four
    started = []

    def start(api_url, batches, now, installation, label):
        started.append((batches, label))
        return [f"batch-{n}" for n in range(len(batches))]

    monkeypatch.setattr(scheduling, "start_expiry_runs", start)
    monkeypatch.setattr(scheduling, "await_runs", lambda api_url, run_ids, timeout: dict.fromkeys(run_ids,
                                                                                                "COMPLETED"))
    report = sweep.expire_moment(runtime(engine, tmp_path, server=True, batch=3), DUE, DUE)
    assert started == [([ids[:3], ids[3:]], f"deadline {DUE.isoformat()}")]
    assert report["batch_runs"] == {"COMPLETED": 2} and report["due"] == 4 and expired_in_order(engine) == []

    monkeypatch.setattr(scheduling, "start_expiry_runs", lambda *args: None)  # no such deployment: in process
    report = sweep.expire_moment(runtime(engine, tmp_path, server=True, batch=3), DUE, DUE)
    assert [h["timer_id"] for h in report["handled"]] == ids and "batch_runs" not in report
