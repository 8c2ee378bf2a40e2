"""Single sign-on against a real OpenID Connect provider running locally (oidc-provider-mock, in a thread on a
free port): the officer's browser goes through the real redirects — to the provider's authorization endpoint,
where the mock lets us submit a subject, and back — and the app exchanges the code, verifies the ID token and
opens the same server-side session a password gives. An unknown subject is refused and nothing is created."""

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from oidc_provider_mock import run_server_in_thread

from tests.conftest import seed_reference
from tests.web.conftest import START, Clock
from wasnaker.application import accounts
from wasnaker.db import init_db
from wasnaker.runtime import runtime_for
from wasnaker.settings import Settings
from wasnaker.web.app import create_app
from wasnaker.web.auth import COOKIE
from wasnaker.web.routes.sso import ATTEMPT_COOKIE

SUBJECT = "budi.santoso@disnaker.jabarprov.go.id"


@pytest.fixture(scope="module")
def provider():
    """The provider's issuer URL. Authlib (inside the mock) refuses plain HTTP unless told this is a test."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
        with run_server_in_thread() as server:
            yield f"http://localhost:{server.server_port}"


def _app(tmp_path, **oidc):
    rt = runtime_for(Settings(home=tmp_path, environment="test", **oidc))
    init_db(rt.engine)
    seed_reference(rt.engine)
    accounts.add_user(rt, "budi", None, by="admin", now=START, oidc_subject=SUBJECT)
    accounts.add_user(rt, "dewi", "kata-sandi-uji-123", by="admin", now=START)
    clock = Clock(START)
    return rt, create_app(runtime=lambda: rt, now=clock), clock


@pytest.fixture
def sso(tmp_path, provider):
    return _app(tmp_path, oidc_issuer=provider, oidc_client_id="wasnaker-uptd-1", oidc_client_secret="rahasia-klien")


def through_provider(client: TestClient, subject: str, next_path: str = "/perkara") -> httpx.Response:
    """The browser's round trip: the app's redirect to the provider, the provider's form submitted with `subject`,
    the provider's redirect back to the app; the app's last answer."""
    leaving = client.get("/masuk/sso", params={"next": next_path})
    assert leaving.status_code == 303, leaving.text
    authorize = leaving.headers["location"]
    asked = parse_qs(urlsplit(authorize).query)
    assert asked["response_type"] == ["code"] and asked["code_challenge_method"] == ["S256"]
    assert asked["redirect_uri"] == ["http://testserver/masuk/sso/kembali"]
    assert {"state", "nonce", "code_challenge"} <= asked.keys() and "openid" in asked["scope"][0].split()
    with httpx.Client(follow_redirects=False, timeout=10) as browser:
        assert browser.get(authorize).status_code == 200  # the provider's sign-in form
        back = browser.post(authorize, data={"sub": subject})
    assert back.status_code == 302, back.text
    assert back.headers["location"].startswith("http://testserver/masuk/sso/kembali?")
    return client.get(back.headers["location"])


def test_an_officer_signs_in_through_the_provider_and_gets_a_session(sso):
    rt, app, clock = sso
    client = TestClient(app, follow_redirects=False)
    done = through_provider(client, SUBJECT, next_path="/perkara/WAS%2F1")
    assert done.status_code == 303 and done.headers["location"] == "/perkara/WAS%2F1"
    who = accounts.current(rt, client.cookies.get(COOKIE), clock())
    assert (who.username, who.role) == ("budi", "inspector")
    assert ATTEMPT_COOKIE not in client.cookies  # the attempt is spent
    cookie = done.headers.get_list("set-cookie")
    assert any(c.startswith(f"{COOKIE}=") and "HttpOnly" in c and "samesite=lax" in c.lower() for c in cookie)


def test_an_unknown_subject_is_refused_in_indonesian_and_nothing_is_created(sso):
    rt, app, clock = sso
    before = accounts.list_users(rt)
    client = TestClient(app, follow_redirects=False)
    refused = through_provider(client, "orang.asing@contoh.go.id")
    assert refused.status_code == 403
    assert "belum terhubung dengan pengguna wasnaker" in refused.text and "orang.asing@contoh.go.id" in refused.text
    assert COOKIE not in client.cookies
    assert accounts.list_users(rt) == before


def test_a_return_without_this_browsers_attempt_or_with_another_state_is_refused(sso, provider):
    rt, app, clock = sso
    client = TestClient(app, follow_redirects=False)
    client.get("/masuk/sso")
    forged = client.get("/masuk/sso/kembali", params={"code": "x", "state": "not-the-state"})
    assert forged.status_code == 400 and "kedaluwarsa" in forged.text
    stranger = TestClient(app, follow_redirects=False)  # a link someone else started, opened here
    assert stranger.get("/masuk/sso/kembali", params={"code": "x", "state": "y"}).status_code == 400
    assert COOKIE not in client.cookies and COOKIE not in stranger.cookies


def test_the_attempt_expires_after_ten_minutes(sso):
    rt, app, clock = sso
    client = TestClient(app, follow_redirects=False)
    leaving = client.get("/masuk/sso")
    state = parse_qs(urlsplit(leaving.headers["location"]).query)["state"][0]
    clock.advance(seconds=accounts.SSO_MAX_SECONDS + 1)
    late = client.get("/masuk/sso/kembali", params={"code": "x", "state": state})
    assert late.status_code == 400


def test_a_denial_at_the_provider_signs_nobody_in(sso):
    rt, app, clock = sso
    client = TestClient(app, follow_redirects=False)
    authorize = client.get("/masuk/sso").headers["location"]
    with httpx.Client(follow_redirects=False, timeout=10) as browser:
        back = browser.post(authorize, data={"action": "deny"})
    answer = client.get(back.headers["location"])
    assert answer.status_code == 401 and "dibatalkan atau ditolak" in answer.text and COOKIE not in client.cookies


def test_a_disabled_user_cannot_sign_in_through_the_provider(sso):
    rt, app, clock = sso
    accounts.disable(rt, "budi", now=START)
    client = TestClient(app, follow_redirects=False)
    assert through_provider(client, SUBJECT).status_code == 403 and COOKIE not in client.cookies


def test_the_button_and_the_routes_exist_only_when_configured(sso, tmp_path):
    _, app, _ = sso
    assert 'href="/masuk/sso?next=' in TestClient(app).get("/masuk").text
    _, plain, _ = _app(tmp_path / "plain")
    client = TestClient(plain, follow_redirects=False)
    assert "/masuk/sso" not in client.get("/masuk").text
    assert client.get("/masuk/sso").status_code == 404
    assert client.get("/masuk/sso/kembali", params={"code": "x", "state": "y"}).status_code == 404


def test_the_id_token_must_carry_this_attempts_nonce_and_a_code_works_once(provider, monkeypatch):
    """The relying party's checks on their own: a code exchanged with another attempt's nonce does not verify; a
    code already spent is refused by the provider; a discovery document naming another issuer is refused (the
    mock names whatever host it is asked by, so that document is the provider's own with its issuer changed)."""
    from dataclasses import replace

    from wasnaker.adapters import oidc

    rp = oidc.Provider(provider, "wasnaker-uptd-1", "rahasia-klien")
    back_to = "http://testserver/masuk/sso/kembali"

    def code_for(attempt_url):
        with httpx.Client(follow_redirects=False, timeout=10) as browser:
            back = browser.post(attempt_url, data={"sub": SUBJECT})
        return parse_qs(urlsplit(back.headers["location"]).query)["code"][0]

    url, attempt = oidc.start(rp, back_to, "/perkara")
    with pytest.raises(oidc.SsoFailed, match="nonce"):
        oidc.finish(rp, back_to, replace(attempt, nonce="another-attempts-nonce"), code_for(url))
    url, attempt = oidc.start(rp, back_to, "/perkara")
    code = code_for(url)
    assert oidc.finish(rp, back_to, attempt, code)["sub"] == SUBJECT
    with pytest.raises(oidc.SsoFailed, match="refused the code"):
        oidc.finish(rp, back_to, attempt, code)
    real = oidc.metadata(rp)
    monkeypatch.setattr(oidc, "_get_json", lambda url: {**real, "issuer": "https://idp.contoh.go.id"})
    with pytest.raises(oidc.SsoFailed, match="names issuer"):
        oidc.start(rp, back_to, "/perkara")
