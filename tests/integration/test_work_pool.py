"""`wasnaker up`'s work-pool mode (WASNAKER_WORKERS=2) on the session's Prefect server: `supervisor.start_runners`
starts two `prefect worker start` processes, as `up` does after its server is healthy, and registers every
deployment to a process work pool of the test's own from this source tree while they boot. Two render-documents
runs created at once are taken by the workers, run to completion in their subprocesses and issue the pending
letters between them, each once; then the workers stop at the supervisor's stop (a worker needs two SIGTERMs).
The runners of other modules still take their runs: a runner polls its deployments by id, whatever their pool."""

import signal
import time
import uuid
from urllib.parse import urlsplit

from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_URL, temporary_settings
from sqlmodel import select

from models import Document
from tests.conftest import seed_reference
from tests.helpers import COMPLAINT, act
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


def test_two_workers_of_the_pool_run_flow_runs_to_completion(tmp_path, prefect_api):
    pool = f"wasnaker-test-{uuid.uuid4().hex[:6]}"
    settings = Settings(home=tmp_path, prefect_port=urlsplit(prefect_api).port, workers=2, work_pool=pool)
    engine = make_engine(settings.db_url)
    init_db(engine)
    seed_reference(engine)
    for _ in range(3):
        act(engine, "file_complaint", "dewi", "2026-03-02", **COMPLAINT)  # three receipt letters reserved
    env = {**supervisor.server_env(settings), "WASNAKER_HOME": str(tmp_path)}
    workers = supervisor.start_runners(settings, env, tmp_path / "logs", wait_for=(DRAIN,))
    try:
        assert len(workers) == 2 and all(supervisor._is_worker(p) for p in workers)
        with temporary_settings({PREFECT_API_URL: prefect_api}):
            runs = [run_deployment(DRAIN, parameters={"batch": 1}, timeout=0).id for _ in range(2)]
        finished = _finished(prefect_api, runs)
    finally:
        supervisor.stop(workers)
    assert [r.state.name for r in finished] == ["Completed", "Completed"]
    assert {r.work_pool_name for r in finished} == {pool}
    with session_scope(engine) as s:
        issued = s.exec(select(Document).where(Document.status == "issued")).all()
    assert len(issued) == 3 and all(d.file_path and d.sha256 for d in issued)
    assert [p.returncode == -signal.SIGKILL for p in workers] == [False, False]  # stopped, not killed after the grace
    engine.dispose()
