"""Scale-out on PostgreSQL: the wasnaker database and the Prefect server both on the local PostgreSQL, two real
process workers on one work pool, and the sweep, all racing for 6 timers due at the same moment (each run is a
process of about 5 s of a core; WASNAKER_RACE_TIMERS=50 races more). The moment's one deadline run hands its
batches (2 timers each) to expire-timers runs that both workers take. Each timer is handled exactly once."""

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from deployments.pool import ensure_pool
from models import CaseEvent, Document, Timer
from tests.conftest import _drop_pg, _pg_database
from tests.integration.conftest import running_system
from tests.integration.test_catch_up import _offline
from tests.integration.test_deadline_runs import nota_case, wait_final
from wasnaker import clock
from wasnaker.application.sweep import handle_due, schedule_deadline_runs

ROOT = Path(__file__).resolve().parents[2]
TIMERS = int(os.environ.get("WASNAKER_RACE_TIMERS", "6"))
WORKER = [sys.executable, "-m", "prefect", "worker", "start", "--pool", "wasnaker", "--type", "process",
          "--limit", "2"]
WORKERS = 2


@pytest.fixture
def pg_databases():
    app_name, app_url = _pg_database()
    prefect_name, prefect_url = _pg_database()
    yield app_url, prefect_url.replace("postgresql+psycopg://", "postgresql+asyncpg://")
    _drop_pg(app_name)
    _drop_pg(prefect_name)


def deploy(rt) -> None:
    """prefect.yaml's deployments on the pool, made first: the workers starting beside may not have made it yet."""
    ensure_pool("wasnaker")
    env = {**os.environ, "PREFECT_API_URL": rt.settings.prefect_api_url, "WASNAKER_SRC": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "prefect", "--no-prompt", "deploy", "--all", "--prefect-file",
                           "deployments/prefect.yaml"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"prefect deploy failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def wait_polling(workers: int, timeout: float = 120) -> None:
    """Until that many workers of the pool are online (polling for its runs)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import WorkerStatus

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            online = [w for w in client.read_workers_for_work_pool("wasnaker") if w.status == WorkerStatus.ONLINE]
            if len(online) >= workers:
                return
            time.sleep(0.5)
    raise AssertionError(f"fewer than {workers} workers polled the pool within {timeout:.0f} s")


@pytest.mark.postgres
def test_two_workers_and_the_sweep_handle_each_timer_exactly_once(tmp_path, pg_databases):
    app_url, prefect_url = pg_databases
    with running_system(tmp_path, database_url=app_url, extra=[WORKER] * WORKERS, wait_for=(),
                        env_extra={"PREFECT_API_DATABASE_CONNECTION_URL": prefect_url,
                                   "WASNAKER_EXPIRY_BATCH": "2"}) as rt:
        deploy(rt)
        offline = _offline(rt)
        numbers = [nota_case(offline, start=3) for _ in range(TIMERS)]
        wait_polling(WORKERS)
        # due once both workers have polled for it: they take runs due within 10 s (prefetch), and scheduling takes
        # a moment per timer
        due = clock.now() + timedelta(seconds=12 + 0.2 * TIMERS)
        with rt.session() as s:
            for timer in s.exec(select(Timer)).all():
                timer.expires_at = due
                s.add(timer)
        assert schedule_deadline_runs(rt) == {"scheduled": 1, "timers": TIMERS, "cancelled": 0}  # one moment
        with rt.session() as s:
            runs = sorted(set(s.exec(select(Timer.scheduled_run_id)).all()))
        sweep = threading.Timer(max(0.0, (due - clock.now()).total_seconds()) + 0.3,
                                lambda: handle_due(rt, clock.now()))
        sweep.start()
        give_up = clock.now() + timedelta(seconds=480)  # bounded: a stuck run fails the test, not CI's clock
        finished = [wait_final(run_id, timeout=max(1.0, (give_up - clock.now()).total_seconds())) for run_id in runs]
        sweep.join()
        with rt.session() as s:
            expired = CaseEvent.trigger == "timer_expired:nota_1_compliance"
            expiries = s.exec(select(CaseEvent.data).where(expired)).all()
            drafts = s.exec(select(func.count()).select_from(Document).where(Document.kind == "nota_2")).one()
            statuses = set(s.exec(select(Timer.status)).all())
    assert len(numbers) == len(set(numbers)) == TIMERS and len(runs) == 1
    assert all(run.state.is_completed() for run in finished), [r.state for r in finished]
    assert sorted(e["timer_id"] for e in expiries) == list(range(1, TIMERS + 1))  # each timer once
    assert drafts == TIMERS and statuses == {"expired"}
    print(f"\n{TIMERS} timers: last run started {max(r.start_time for r in finished) - due} after the due moment")
