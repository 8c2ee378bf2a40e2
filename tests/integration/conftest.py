"""A real Prefect server and the served deployments, as `wasnaker up` starts them, on a free local port.

One server per test session (`prefect_api`) serves every integration test that can share it: each module (or test)
still has its own wasnaker home and database, and its own runner process (`deployments.serve`) serving the
deployments from that home while it runs. The runners of two modules never overlap, so the one runner alive is
the one that takes the runs; and a user of the shared server deletes its flow runs when it is done (`forget_runs`),
since its ids restart in the next database (the runs' idempotency keys name timer and event ids) and a run it left
scheduled must not reach the next module's runner. Tests of the server itself (`wasnaker up`, the Prefect
database on PostgreSQL) start their own."""

import time
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from tests.conftest import seed_reference
from tests.prefect_server import free_port

DEPLOYMENTS = ("deadline/deadline", "timer-sweep/timer-sweep")


def forget_runs(api_url: str) -> None:
    """Every run of a deployment deleted: the next user of the shared server starts from none. Only those can reach
    a runner or carry an idempotency key naming this database's ids; the flows the flow tests called directly stay
    (deleting each of them cost a minute of CI)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    of_deployments = FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(is_null_=False))
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        while runs := client.read_flow_runs(flow_run_filter=of_deployments, limit=200):
            for run in runs:
                client.delete_flow_run(run.id)


@pytest.fixture
def shared_server(prefect_api):
    """The session's server for one test, its runs forgotten afterwards."""
    yield prefect_api
    forget_runs(prefect_api)


def wait_served(api_url: str, names, since: datetime, timeout: float = 120) -> None:
    """Until a runner started at `since` polls for the runs of every deployment named: on a shared server the
    deployments already exist (an earlier module's runner registered them), so existing proves nothing."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    deadline = time.monotonic() + timeout
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            try:
                polled = [client.read_deployment_by_name(name).last_polled for name in names]
            except Exception:  # not registered yet
                polled = [None]
            if all(p and p >= since for p in polled):
                return
            time.sleep(0.5)
    raise RuntimeError(f"no runner polled for {', '.join(names)} within {timeout:.0f} s")


def serve_on(api_url: str, env: dict, log_dir, runners=None, before_runners=None, wait_for=DEPLOYMENTS) -> list:
    """The runners only, on a server already up (`supervisor.bring_up` without its server)."""
    from wasnaker import supervisor

    if before_runners:
        before_runners()
    since = datetime.now(UTC)
    processes = [supervisor.start(command, env, log_dir / f"runner-{i}.log")
                 for i, command in enumerate(runners or [supervisor.SERVE])]
    try:
        if wait_for:
            wait_served(api_url, wait_for, since)
    except BaseException:
        supervisor.stop(processes)
        raise
    return processes


@contextmanager
def running_system(home, database_url: str | None = None, extra: list[list[str]] | None = None,
                   seed: bool = True, before_runners=None, wait_for=DEPLOYMENTS, env_extra: dict | None = None,
                   api_url: str | None = None):
    """`deployments.serve` (or `extra` commands instead) on the server at `api_url` (the session's), or on a
    server of its own when None; the wasnaker database seeded. Yields the runtime the test drives, with
    Prefect's client pointed at the server."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from wasnaker import supervisor
    from wasnaker.db import init_db
    from wasnaker.runtime import runtime_for
    from wasnaker.settings import Settings

    port = urlsplit(api_url).port if api_url else free_port()
    settings = Settings(home=home, prefect_port=port, database_url=database_url)
    env = supervisor.server_env(settings)
    settings.prefect_api_url = env["PREFECT_API_URL"]
    rt = runtime_for(settings)
    init_db(rt.engine)
    if seed:
        seed_reference(rt.engine)
    env.update(env_extra or {})
    if database_url:
        env["WASNAKER_DATABASE_URL"] = database_url
    before = before_runners and (lambda: before_runners(rt))
    if api_url:
        processes = serve_on(api_url, env, home / "logs", extra, before, wait_for)
    else:
        processes = supervisor.bring_up(settings, home / "logs", env_extra=env, runners=extra, wait_for=wait_for,
                                        before_runners=before)
    try:
        with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}):
            yield rt
    finally:
        supervisor.stop(list(reversed(processes)))
        rt.engine.dispose()


@pytest.fixture(scope="module")
def live(tmp_path_factory, prefect_api):
    """The module's own home and runner, on the session's server."""
    with running_system(tmp_path_factory.mktemp("live"), api_url=prefect_api) as rt:
        yield rt
    forget_runs(prefect_api)
