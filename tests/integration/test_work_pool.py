"""`wasnaker up` in work-pool mode (WASNAKER_WORKERS=2), as `supervisor.bring_up` runs it: a Prefect server of its
own (the session's server keeps its deployments served, not pooled), every deployment registered to a process
work pool from this source tree, two `prefect worker start` processes. Two render-documents runs created at once
are taken by the workers, run to completion in their subprocesses and issue the pending letters between them,
each once; then the workers stop at the supervisor's stop (a worker needs two SIGTERMs)."""

import signal
import time
import uuid

from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL, temporary_settings
from sqlmodel import select

from models import Document
from tests.conftest import seed_reference
from tests.helpers import COMPLAINT, act
from tests.prefect_server import free_port
from wasnaker import supervisor
from wasnaker.db import init_db, make_engine, session_scope
from wasnaker.settings import Settings

DRAIN = "render-documents/render-documents"


def _finished(api_url: str, run_ids: list, timeout: float = 180) -> list:
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            runs = [client.read_flow_run(run_id) for run_id in run_ids]
            if all(r.state.is_final() for r in runs):
                return runs
            time.sleep(0.5)
    raise AssertionError(f"runs not finished within {timeout} s: {[r.state.name for r in runs]}")


def test_up_with_two_workers_runs_flow_runs_on_the_pool(tmp_path):
    home, pool = tmp_path / "home", f"wasnaker-test-{uuid.uuid4().hex[:6]}"
    settings = Settings(home=home, prefect_port=free_port(), workers=2, work_pool=pool)
    engine = make_engine(settings.db_url)
    init_db(engine)
    seed_reference(engine)
    for _ in range(3):
        act(engine, "file_complaint", "dewi", "2026-03-02", **COMPLAINT)  # three receipt letters reserved
    api_url = supervisor.server_env(settings)["PREFECT_API_URL"]
    processes = supervisor.bring_up(settings, home / "logs", env_extra={"WASNAKER_HOME": str(home)},
                                    wait_for=(DRAIN, "deadline/deadline"))
    try:
        assert [supervisor._is_worker(p) for p in processes] == [False, True, True]
        with temporary_settings({PREFECT_API_URL: api_url}):
            runs = [run_deployment(DRAIN, parameters={"batch": 1}, timeout=0).id for _ in range(2)]
        finished = _finished(api_url, runs)
    finally:
        supervisor.stop(list(reversed(processes)))
    assert [r.state.name for r in finished] == ["Completed", "Completed"]
    assert {r.work_pool_name for r in finished} == {pool}
    with session_scope(engine) as s:
        issued = s.exec(select(Document).where(Document.status == "issued")).all()
    assert len(issued) == 3 and all(d.file_path and d.sha256 for d in issued)
    assert [p.returncode == -signal.SIGKILL for p in processes] == [False] * 3  # stopped, not killed after the grace
    engine.dispose()
