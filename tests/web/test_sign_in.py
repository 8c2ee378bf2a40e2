"""Signing in and out: argon2id hashes, server-side sessions with idle and absolute timeouts, the CSRF token on
every state-changing request, cookies the browser keeps to this app, and the throttle."""

from sqlmodel import select

from models import SignInAttempt, User, WebSession
from tests.web.conftest import PASSWORD, csrf, sign_in
from wasnaker.web.auth import COOKIE


def test_a_password_is_stored_as_an_argon2id_hash_never_as_text(web):
    rt, _app, _clock = web
    with rt.session() as s:
        hashes = [u.password_hash for u in s.exec(select(User)).all()]
    assert hashes and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_signing_in_sets_an_httponly_lax_session_cookie_and_stores_only_its_hash(web):
    rt, app, _clock = web
    client = sign_in(app, "budi")
    cookie = next(c for c in client.cookies.jar if c.name == COOKIE)
    assert cookie.has_nonstandard_attr("HttpOnly") and cookie.get_nonstandard_attr("SameSite").lower() == "lax"
    assert not cookie.secure  # test environment: plain HTTP; elsewhere Secure
    with rt.session() as s:
        ids = [w.id for w in s.exec(select(WebSession)).all()]
    assert ids and cookie.value not in ids


def test_a_wrong_password_is_refused_in_indonesian_and_recorded(web):
    rt, app, _clock = web
    from fastapi.testclient import TestClient

    response = TestClient(app).post("/masuk", data={"username": "budi", "password": "salah-sekali-123"})
    assert response.status_code == 401 and "Nama pengguna atau kata sandi salah" in response.text
    assert COOKIE not in response.cookies
    with rt.session() as s:
        attempts = s.exec(select(SignInAttempt)).all()
    assert [(a.username, a.succeeded) for a in attempts] == [("budi", False)]


def test_five_failures_lock_the_user_for_fifteen_minutes_even_with_the_right_password(web):
    _rt, app, clock = web
    from fastapi.testclient import TestClient

    client = TestClient(app)
    for _ in range(5):
        assert client.post("/masuk", data={"username": "budi", "password": "tebak-tebak-123"}).status_code == 401
    locked = client.post("/masuk", data={"username": "budi", "password": PASSWORD})
    assert locked.status_code == 429 and "15 menit" in locked.text
    clock.advance(minutes=16)
    assert client.post("/masuk", data={"username": "budi", "password": PASSWORD},
                       follow_redirects=False).status_code == 303


def test_signing_out_needs_the_csrf_token_and_ends_the_session(web):
    rt, app, _clock = web
    client = sign_in(app, "budi")
    assert client.post("/keluar").status_code == 403
    assert client.post("/keluar", data={"csrf_token": "palsu"}).status_code == 403
    assert client.post("/keluar", data={"csrf_token": "palsu-\u00e9"}).status_code == 403  # a 403, not a 500
    token = client.cookies.get(COOKIE)
    out = client.post("/keluar", data={"csrf_token": csrf(rt, client)})
    assert out.status_code == 303 and out.headers["location"] == "/masuk"
    client.cookies.set(COOKIE, token)  # the old cookie, replayed
    again = client.post("/keluar", data={"csrf_token": "x"})
    assert again.status_code == 303 and again.headers["location"].startswith("/masuk")


def test_an_idle_session_ends_after_30_minutes_and_any_after_12_hours(web):
    from wasnaker.services import accounts

    rt, app, clock = web
    client = sign_in(app, "budi")
    token = csrf(rt, client)
    clock.advance(minutes=31)
    assert client.post("/keluar", data={"csrf_token": token}).headers["location"].startswith("/masuk")

    client = sign_in(app, "budi")

    def alive():
        with rt.session() as s:
            return accounts.session_for(s, client.cookies.get(COOKIE), clock(), idle_minutes=30, max_hours=12)

    for _ in range(24):  # used every 29 minutes: alive for 11 h 36 min
        clock.advance(minutes=29)
        assert alive()
    clock.advance(minutes=29)  # 12 h 5 min after sign-in
    assert alive() is None


def test_a_redirect_after_sign_in_stays_on_this_site(web):
    _rt, app, _clock = web
    from fastapi.testclient import TestClient

    for target in ("//evil.example/x", "https://evil.example/", "/\\evil"):
        response = TestClient(app, follow_redirects=False).post(
            "/masuk", data={"username": "budi", "password": PASSWORD, "next": target})
        assert response.headers["location"] == "/perkara"
