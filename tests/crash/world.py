"""The world the crash runs act in: one database (SQLite file or a fresh PostgreSQL database), its home (the PDF
store), a real SMTP server on localhost (tests/smtp_sink.py, in this process) and, per kind of operation, what the
parent prepares and what a forked child performs.

The operations are the product's own entry points: the CLI's `apply` (in-process, through Typer), the web app's
act form (POSTed through FastAPI's TestClient as a signed-in officer, the app's background worker rendering and
sending after the answer), the sweep (`application.sweep.sweep`) and notice delivery (`application.notices.
deliver`). Recovery is what the running system does next: the deliver-notices run (render what is reserved,
settle interrupted sends, send what is due) and, for the sweep, the next sweep."""

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from models import Officer, User
from tests.conftest import seed_reference
from tests.helpers import act, to_inspecting
from tests.notices.conftest import give_emails
from wasnaker.adapters.rendering import PdfRenderer, RenderedDocument
from wasnaker.db import init_db, make_engine
from wasnaker.runtime import Runtime
from wasnaker.services import accounts
from wasnaker.settings import Settings

ON = "2026-11-23"  # every act's date: one date keeps every series in date order
SWEEP_AT = datetime(2027, 3, 1, 3, 0, tzinfo=UTC)  # past every Nota I deadline
PASSWORD = "kata-sandi-uji-crash"
EMBEDDED_OFF = ("PREFECT_API_URL", "WASNAKER_PREFECT_API_URL")  # embedded mode: no Prefect server


def fast_render(self, kind: str, context: dict) -> RenderedDocument:
    """The real template filled (the context check, sandbox and autoescape as in production) and a small valid
    PDF carrying the HTML's hash instead of WeasyPrint's layout: layout is pure computation inside the process and
    holds no state a kill can damage, and at ~0.5 s a letter it would spend the CI budget. `--renderer weasyprint`
    in bench/crash.py kills real layouts."""
    html = self.render_html(kind, context)
    digest = hashlib.sha256(html.encode()).hexdigest()
    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%% html "
           + digest.encode() + b"\n%%EOF\n")
    return RenderedDocument(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(),
                            template_version=str(self.metadata(kind)["version"]))


_SHARED = {}


def _shared_templates(init):
    """Every renderer of the process shares the first one's Jinja environment: the templates compiled once in the
    parent (~0.2 s for three letters) serve every child instead of being compiled again after each fork."""
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.env = _SHARED.setdefault("env", self.env)
    return __init__


def use_renderer(name: str) -> dict:
    """Process-wide, before any fork: every runtime (the CLI's, the web app's) renders this way. Returns what to
    put back (`restore`)."""
    saved = dict(vars(PdfRenderer))
    PdfRenderer.__init__ = _shared_templates(PdfRenderer.__init__)
    if name == "fast":
        PdfRenderer.render = fast_render
    else:
        from weasyprint import HTML  # noqa: F401 - imported once in the parent, not in every child

        PdfRenderer(None).render("complaint_receipt", _example())  # fonts and layout caches warm before forking
    return saved


def restore(saved: dict) -> None:
    PdfRenderer.__init__, PdfRenderer.render = saved["__init__"], saved["render"]
    _SHARED.clear()


def _example() -> dict:
    import json

    return json.loads((Settings().templates_dir / "complaint_receipt" / "example.json").read_text())


@dataclass
class World:
    url: str
    home: Path
    smtp_port: int

    @property
    def env(self) -> dict:
        """The environment a CLI process of this world runs with."""
        return {"WASNAKER_HOME": str(self.home), "WASNAKER_DATABASE_URL": self.url, "WASNAKER_SMTP_HOST": "127.0.0.1",
                "WASNAKER_SMTP_PORT": str(self.smtp_port), "WASNAKER_SMTP_TIMEOUT": "10",
                "WASNAKER_ENVIRONMENT": "test", "WASNAKER_SECRET_KEY": "crash-test-secret-key-0123456789",
                "WASNAKER_MAIL_FROM": "UPTD Wilayah I <noreply@disnaker.example.go.id>"}

    def settings(self) -> Settings:
        return Settings(home=self.home, database_url=self.url, smtp_host="127.0.0.1", smtp_port=self.smtp_port,
                        smtp_timeout=10, environment="test", secret_key="crash-test-secret-key-0123456789",
                        mail_from="UPTD Wilayah I <noreply@disnaker.example.go.id>")

    def runtime(self) -> Runtime:
        """The world's runtime, one per parent: a child inherits it with an empty pool (the parent disposes it
        before every fork, `dispose_all`), so the child opens its own connections and keeps only the compiled
        statements (SQLAlchemy's "dispose before fork" pattern)."""
        if self.url not in _RUNTIMES:
            _RUNTIMES[self.url] = Runtime(self.settings(), make_engine(self.url))
        return _RUNTIMES[self.url]


_RUNTIMES: dict[str, Runtime] = {}


def dispose_all() -> None:
    """No pooled connection may cross a fork: the CLI's engine and the world's, closed (they reconnect)."""
    from wasnaker.db import get_engine

    if get_engine.cache_info().currsize:
        get_engine().dispose()
    for rt in _RUNTIMES.values():
        rt.engine.dispose()


def forget() -> None:
    dispose_all()
    _RUNTIMES.clear()


def build(url: str, home: Path, smtp_port: int) -> World:
    """A seeded database whose company, complainants and officers have e-mail addresses; the desk officer has a
    password for the web app."""
    world = World(url, home, smtp_port)
    rt = world.runtime()
    init_db(rt.engine)
    seed_reference(rt.engine)
    now = datetime.now(UTC)
    give_emails(rt.engine)
    with rt.session() as s:
        accounts.add_user(s, "dewi", PASSWORD, by="admin", now=now)
    rt.engine.dispose()
    return world


def prepare_web(rt, rng) -> tuple[str, str]:
    """The desk officer signed in (her session's cookie token and CSRF token), as she would be at the form."""
    with rt.session() as s:
        user = s.exec(select(User)).one()
        officer = s.get(Officer, user.officer_id)
        token, who = accounts.open_session(s, user, officer, address="127.0.0.1", user_agent="crash",
                                           now=datetime.now(UTC))
        return token, who.csrf_token


def complaint(i: int) -> dict:
    return {"company_nib": "9120001234567", "complainant_name": f"Serikat Pekerja {i}",
            "summary": "Upah di bawah UMK 2026", "complainant_contact": f"pengadu{i}@example.org"}


# -- what the parent prepares (plain values for the child) ---------------------------------------------------


def prepare_case(rt, rng) -> str | None:
    """Half the act runs issue a Nota I (a numbered letter, a timer, the company's notice) on a case the parent
    brought to `inspecting`; the other half file a complaint (a new case number, a receipt, the complainant's)."""
    if rng.random() < 0.5:
        return None
    return to_inspecting(rt.engine, start=ON)


def prepare_sweep(rt, rng) -> str:
    """A case whose Nota I reached the company (its receipt recorded, the 14 days running) and whose letters wait
    for rendering and sending: at SWEEP_AT the sweep expires the timer (draft Nota II, the officers told) and
    renders and sends what is waiting."""
    number = to_inspecting(rt.engine, start=ON)
    act(rt.engine, "issue_nota_1", "budi", ON, number, deadline_days=14)
    act(rt.engine, "record_receipt", "budi", ON, number, received_on=ON)
    return number


def prepare_outbox(rt, rng) -> int:
    """Letters issued and their notices queued, waiting for a delivery run: two complaints filed (always two, so
    that every delivery takes about as long as the one its kill delay was drawn over)."""
    from wasnaker.application import documents

    count = 2
    for _ in range(count):
        act(rt.engine, "file_complaint", "dewi", ON, **complaint(rng.randrange(10**6)))
    documents.render_pending(rt, datetime.now(UTC))
    return count


# -- what a child performs (after the fork; its own engine) ----------------------------------------------------


def cli_act(world: World, case_number: str | None, i: int) -> None:
    """`wasnaker apply ...` through the CLI's entry point in this process."""
    from typer.testing import CliRunner

    from wasnaker.cli.main import app
    from wasnaker.runtime import reset_caches

    if any(os.environ.get(k) != v for k, v in world.env.items()):  # the first time: the parent's warm-up
        for name in EMBEDDED_OFF:
            os.environ.pop(name, None)
        os.environ.update(world.env)
        reset_caches()
    if case_number:
        args = ["apply", "issue_nota_1", "--case", case_number, "--by", "budi", "--on", ON, "-d", "deadline_days=14"]
    else:
        args = ["apply", "file_complaint", "--by", "dewi", "--on", ON,
                *[x for k, v in complaint(i).items() for x in ("-d", f"{k}={v}")]]
    result = CliRunner().invoke(app, args)
    if result.exit_code != 0:
        raise SystemExit(f"cli exit {result.exit_code}: {result.stderr or result.stdout}")


def web_act(world: World, signed_in: tuple[str, str], ready, i: int) -> None:
    """The desk officer files a complaint on the act form; the app's background worker renders its receipt and
    sends the complainant's e-mail after the answer. `ready()` is called once the app is built, just before the
    POST: the kill's delay counts from there."""
    from fastapi.testclient import TestClient

    from wasnaker.web.app import create_app
    from wasnaker.web.auth import COOKIE

    rt = world.runtime()
    app = create_app(runtime=lambda: rt)
    client = TestClient(app, follow_redirects=False)
    token, csrf = signed_in
    client.cookies.set(COOKIE, token)
    day = date.fromisoformat(ON)
    form = {"csrf_token": csrf, "_on.tanggal": str(day.day), "_on.bulan": str(day.month),
            "_on.tahun": str(day.year), **complaint(i)}
    ready()
    answer = client.post("/aksi/file_complaint", data=form)
    if answer.status_code != 303:
        raise SystemExit(f"web answered {answer.status_code}: {answer.text[:300]}")
    app.state.background.drain()
    app.state.background._pool.shutdown()  # a warm-up in the parent leaves no thread behind to fork with


def sweep(world: World) -> None:
    from wasnaker.application import sweep as sweeping

    sweeping.sweep(world.runtime(), SWEEP_AT)


def deliver(world: World) -> None:
    from wasnaker.application import notices

    notices.deliver(world.runtime(), datetime.now(UTC))


# -- recovery: what the running system does next ---------------------------------------------------------------


def recover(rt, kind: str) -> dict:
    """Run later than any lease (a deliverer's claim runs 5 minutes): the next sweep for the sweep, the next
    deliver-notices run for the rest."""
    from unittest import mock

    from wasnaker import clock
    from wasnaker.application import notices
    from wasnaker.application import sweep as sweeping

    later = clock.now() + timedelta(minutes=6)
    with mock.patch.object(clock, "now", lambda: later):
        if kind == "sweep":
            report = sweeping.sweep(rt, SWEEP_AT)
            return {"rendered": len(report["documents"]), "timers": len(report["handled"]),
                    "reminders": len(report["reminders"]), "deemed": len(report["served"]),
                    **_sent(report["notices"])}
        report = notices.deliver(rt, later)
        return {"rendered": len(report["documents"]), **_sent(report["notices"])}


def _sent(results: list[dict]) -> dict:
    return {"sent": sum(1 for r in results if r["outcome"] == "sent" and not r.get("presumed")),
            "presumed": sum(1 for r in results if r.get("presumed"))}
