"""One Prefect server per test session, started as `wasnaker up` starts its own (`prefect server start` on a free
local port, its SQLite in a session folder, telemetry off): the flow tests run their flows against it and the
integration tests serve their deployments on it. Starting a server costs 10-25 s on 2 busy cores; once is enough."""

import socket
import sys

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory):
    """The session's Prefect server (its own SQLite under a session folder, `wasnaker up`'s settings); its API URL."""
    from wasnaker import supervisor
    from wasnaker.settings import Settings

    home = tmp_path_factory.mktemp("prefect-server")
    settings = Settings(home=home, prefect_port=free_port())
    env = supervisor.server_env(settings)
    server = supervisor.start([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port",
                               str(settings.prefect_port)], env, home / "logs" / "prefect-server.log")
    try:
        supervisor.wait_healthy(env["PREFECT_API_URL"])
        yield env["PREFECT_API_URL"]
    finally:
        supervisor.stop([server])


def drain_workers() -> None:
    """Send what this process's flow runs still hold (logs, events) while the server is up, as
    `prefect_test_harness` does before it stops its server: otherwise they fail loudly at exit."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    try:
        APILogWorker.instance().drain()
    except RuntimeError:  # never started
        pass
    EventsWorker.drain_all()
