"""The officers' web app in a real browser: Debian's chromium driven by Playwright (one browser per test session,
never a downloaded build), the app served by uvicorn in a thread on a free port (one server per session), and
for each test a fresh home whose database is a copy of one seeded once (the demo office's staff with the test
password: hashing six argon2id passwords per test would cost seconds).

Each test gets its own `page` in its own browser context (cookies do not leak between tests); the page's
console errors and uncaught exceptions fail the test (a Content-Security-Policy violation is one), except the
failed-resource lines of statuses the test said it expects (`console.expect(401)`). `screenshot(page, name)`
saves a PNG under tests/browser/screenshots/ (or WASNAKER_SCREENSHOTS) and prints where."""

import os
import re
import socket
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import seed_reference
from tests.web.conftest import PASSWORD, START, Clock

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("WASNAKER_SCREENSHOTS", Path(__file__).parent / "screenshots"))
STAFF = ("dewi", "budi", "sari", "hendra", "kadis", "kiki")
FAILED_RESOURCE = re.compile(r"Failed to load resource: the server responded with a status of (\d{3})")

__all__ = ["PASSWORD", "START", "screenshot"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Site:
    """The running app's address and the test's runtime and clock (the app reads them per request)."""

    url: str
    rt: object = None
    clock: Clock = field(default_factory=lambda: Clock(START))


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """One seeded database file (office, staff, companies, users); each test starts from a copy."""
    from wasnaker.db import init_db
    from wasnaker.runtime import runtime_for
    from wasnaker.services import accounts
    from wasnaker.settings import Settings

    home = tmp_path_factory.mktemp("browser-template")
    rt = runtime_for(Settings(home=home, environment="test"))
    init_db(rt.engine)
    seed_reference(rt.engine)
    with rt.session() as s:
        for name in STAFF:
            accounts.add_user(s, name, PASSWORD, by="admin", now=START)
    rt.engine.dispose()
    return home / "wasnaker.db"


@pytest.fixture(scope="session")
def _server():
    """The app under uvicorn in a daemon thread, for the whole session; each test points it at its own home."""
    import uvicorn

    from wasnaker.web.app import create_app

    port = _free_port()
    site = Site(f"http://127.0.0.1:{port}")
    app = create_app(runtime=lambda: site.rt, now=lambda: site.clock())
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="wasnaker-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield site
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def site(_server, seeded_template, tmp_path) -> Site:
    """The running app over a fresh copy of the seeded database in this test's home, its clock at START."""
    from wasnaker.runtime import runtime_for
    from wasnaker.settings import Settings

    with sqlite3.connect(seeded_template) as source, sqlite3.connect(tmp_path / "wasnaker.db") as target:
        source.backup(target)
    rt = runtime_for(Settings(home=tmp_path, environment="test"))
    _server.rt, _server.clock = rt, Clock(START)
    yield _server
    _server.rt = None
    rt.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    """One chromium per module: Playwright's sync API keeps an event loop marked running in this thread while it
    lives, and code that later asks "am I in async code?" (Prefect's sync clients) would be misled after the
    browser modules if it outlived them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Console:
    """What the page said on its console: errors (CSP violations among them) and uncaught exceptions."""

    def __init__(self):
        self.errors: list[str] = []
        self.expected: set[int] = set()
        self.responses: list[str] = []  # every answer >= 400, to say which resource a console line was about

    def expect(self, *statuses: int) -> None:
        """The test navigates to pages answered with these statuses on purpose (401 wrong password, 404 ...)."""
        self.expected.update(statuses)

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not ((m := FAILED_RESOURCE.search(e)) and int(m[1]) in self.expected)]


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(browser, site, console):
    context = browser.new_context(base_url=site.url, locale="id-ID", viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda msg: msg.type == "error" and console.errors.append(msg.text))
    page.on("pageerror", lambda exc: console.errors.append(f"uncaught: {exc}"))
    page.on("response", lambda r: r.status >= 400 and console.responses.append(f"{r.status} {r.url}"))
    yield page
    context.close()
    assert console.unexpected() == [], f"the page logged errors (a CSP violation?); answers: {console.responses}"


def screenshot(page, name: str) -> Path:
    """The whole page as `<name>.png` in the screenshots folder; its path is printed (pytest -s shows it)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def sign_in(page, username: str, password: str = PASSWORD, then: str | None = None) -> None:
    """Through the sign-in form; `then`: the page to land on (the app's `next`), else the worklist."""
    page.goto(f"/masuk?next={then}" if then else "/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
