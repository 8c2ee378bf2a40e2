"""One Prefect server per test session, started as `wasnaker up` starts its own (`prefect server start` on a free
local port, its SQLite in a session folder, telemetry off): the flow tests run their flows against it and the
integration tests serve their deployments on it. Starting a server costs 10-25 s on 2 busy cores: once is enough,
and it boots as soon as the collected tests show that one of them needs it, while the tests before that one run."""

import socket
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_BOOTED: list = []  # (settings, process): the server started when the collected tests showed one is needed


def boot(home: Path) -> None:
    """Start the session's server without waiting for it: booting costs 10-25 s of a core, spent while the tests
    before the first one that needs it run (`pytest_collection_finish` in tests/conftest.py)."""
    from wasnaker import supervisor
    from wasnaker.settings import Settings

    settings = Settings(home=home, prefect_port=free_port())
    _BOOTED.append((settings, supervisor.start_server(settings, home / "logs")))


def stop_booted() -> None:
    from wasnaker import supervisor

    supervisor.stop([process for _, process in _BOOTED])
    _BOOTED.clear()


@pytest.fixture(scope="session")
def prefect_api(tmp_path_factory):
    """The session's Prefect server (its own SQLite under a session folder, `wasnaker up`'s settings); its API URL."""
    from wasnaker import supervisor

    if not _BOOTED:
        boot(tmp_path_factory.mktemp("prefect-server"))
    settings, _ = _BOOTED[0]
    env = supervisor.server_env(settings)
    try:
        supervisor.wait_healthy(env["PREFECT_API_URL"])
        yield env["PREFECT_API_URL"]
    finally:
        stop_booted()


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
