"""The officers' web app on its own database, its clock a parameter, with signed-in clients."""

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.conftest import seed_reference
from wasnaker.db import init_db
from wasnaker.runtime import runtime_for
from wasnaker.services import accounts
from wasnaker.settings import Settings
from wasnaker.web.app import create_app

PASSWORD = "kata-sandi-uji-123"
START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


class Clock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def advance(self, **kw):
        self.moment += timedelta(**kw)


@pytest.fixture
def web(tmp_path):
    """(runtime, app, clock): the demo office's staff, each with the same test password."""
    rt = runtime_for(Settings(home=tmp_path, environment="test"))
    init_db(rt.engine)
    seed_reference(rt.engine)
    with rt.session() as s:
        for name in ("dewi", "budi", "sari", "hendra", "kadis", "kiki"):
            accounts.add_user(s, name, PASSWORD, by="admin", now=START)
    clock = Clock(START)
    return rt, create_app(runtime=lambda: rt, now=clock), clock


def sign_in(app, username: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    response = client.post("/masuk", data={"username": username, "password": password})
    assert response.status_code == 303, response.text
    return client


def csrf(rt, client: TestClient) -> str:
    """The CSRF token of the client's session (the pages carry it in every form)."""
    from wasnaker.web.auth import COOKIE

    with rt.session() as s:
        who = accounts.session_for(s, client.cookies.get(COOKIE), START + timedelta(seconds=1), idle_minutes=10**6,
                                   max_hours=10**6)
    return who.csrf_token
