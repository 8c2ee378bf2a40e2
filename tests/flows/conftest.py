"""Flows run through a real Prefect server: the session's one (tests/prefect_server.py), shared with the
integration tests."""

import os

import pytest

from tests.conftest import seed_reference
from tests.prefect_server import drain_workers


@pytest.fixture(scope="session")
def prefect_server(prefect_api):
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings({PREFECT_API_URL: prefect_api, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
        drain_workers()


@pytest.fixture
def runtime(prefect_server, tmp_path, monkeypatch):
    """The process runtime the flows' tasks use, pointed at a fresh seeded SQLite database."""
    from wasnaker.db import init_db
    from wasnaker.runtime import get_runtime, reset_caches

    monkeypatch.setenv("WASNAKER_HOME", str(tmp_path))
    monkeypatch.delenv("WASNAKER_DATABASE_URL", raising=False)
    reset_caches()
    rt = get_runtime()
    init_db(rt.engine)
    seed_reference(rt.engine)
    yield rt
    rt.engine.dispose()
    reset_caches()
