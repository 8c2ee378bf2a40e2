"""Flows run through a real (temporary) Prefect server, once per test session."""

import os

import pytest

from tests.conftest import seed_reference


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120), \
            temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


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
