"""A real Prefect server and the served deployments, as `wasnaker up` starts them, on a free local port.

One server per test session (`prefect_api`) serves every integration test that can share it: each module (or test)
still has its own wasnaker home and database, and its own runner process (`deployments.serve`) serving the
deployments from that home while it runs. The runners of two modules never overlap, so the one runner alive is
the one that takes the runs. The runs a module leaves behind stay on the server: each database is an installation
of its own (models.Installation), whose key is in the idempotency keys of its runs, so the next module's timer and
event ids (counting from 1 again) name other runs; and what a module leaves scheduled is a Nota's deadline days
ahead, which no later runner of the session reaches. Tests of the server itself (`wasnaker up`, the Prefect
database on PostgreSQL) start their own."""

import time
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from tests.conftest import seed_reference
from tests.prefect_server import free_port

DEPLOYMENTS = ("deadline/deadline", "timer-sweep/timer-sweep")


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
                   api_url: str | None = None, serve: bool = True):
    """`deployments.serve` (or `extra` commands instead) on the server at `api_url` (the session's), or on a
    server of its own when None; the wasnaker database seeded. Yields the runtime the test drives, with
    Prefect's client pointed at the server. `serve=False` on the session's server: no runner at all, the system
    down while the server stays."""
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
        processes = serve_on(api_url, env, home / "logs", extra, before, wait_for) if serve else []
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
