"""A real Prefect server and the served deployments, as `wasnaker up` starts them, on a free local port."""

import socket
from contextlib import contextmanager

import pytest

from tests.conftest import seed_reference


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_system(home, database_url: str | None = None, extra: list[list[str]] | None = None,
                   seed: bool = True, before_runners=None, wait_for=("deadline/deadline", "timer-sweep/timer-sweep"),
                   env_extra: dict | None = None):
    """Server + `deployments.serve` (or `extra` commands instead), the wasnaker database seeded; yields the
    runtime the test drives, with Prefect's client pointed at the server."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from wasnaker import supervisor
    from wasnaker.db import init_db
    from wasnaker.runtime import runtime_for
    from wasnaker.settings import Settings

    settings = Settings(home=home, prefect_port=free_port(), database_url=database_url)
    env = supervisor.server_env(settings)
    settings.prefect_api_url = env["PREFECT_API_URL"]
    rt = runtime_for(settings)
    init_db(rt.engine)
    if seed:
        seed_reference(rt.engine)
    env.update(env_extra or {})
    if database_url:
        env["WASNAKER_DATABASE_URL"] = database_url
    processes = supervisor.bring_up(settings, home / "logs", env_extra=env, runners=extra, wait_for=wait_for,
                                 before_runners=before_runners and (lambda: before_runners(rt)))
    try:
        with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}):
            yield rt
    finally:
        supervisor.stop(list(reversed(processes)))
        rt.engine.dispose()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with running_system(tmp_path_factory.mktemp("live")) as rt:
        yield rt
