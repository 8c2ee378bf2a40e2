"""The README's first command as a user runs it, and the database it stands on restarted under it. One `wasnaker up
--demo` serves the module's tests in order (starting one costs half a minute), its wasnaker database on a PostgreSQL
server of the module's own (initdb on a free port, so stopping it disturbs nothing else):

- `up --demo` brings up the server with every deployment, schedules a deadline run named after each open deadline,
  mails the demo's letters into its local mailbox and serves the acknowledgement page (whose button starts the
  Nota's clock and schedules its run);
- then PostgreSQL is stopped under the running system and started again: during the outage an officer's pages and
  acts answer 503 with the Indonesian "coba lagi" page, and the act posted then is not written; a flow run started
  during the outage waits it out (its steps are repeated while the database is away) and completes once PostgreSQL
  is back, with nothing restarted by hand; afterwards the same session, the same form and the same `up` carry on
  (the pool's pre-ping replaces the dead connections): the act goes through once, and the audit chain verifies;
- last, `up` stops cleanly on Ctrl-C (SIGINT)."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import httpx
import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
from prefect.client.schemas.objects import StateType
from prefect.settings import PREFECT_API_URL, temporary_settings
from sqlmodel import func, select

from models import Case, CaseEvent, Company
from tests.integration.conftest import free_port
from tests.integration.own_postgres import PG_BIN, OwnPostgres
from wasnaker.application import audit
from wasnaker.runtime import runtime_for
from wasnaker.settings import Settings

WASNAKER = Path(sys.executable).with_name("wasnaker")


def scheduled_deadline_runs(port: int) -> list[str]:
    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}), get_client(sync_client=True) as client:
        scheduled = client.read_flow_runs(flow_run_filter=FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))))
    return sorted(r.name for r in scheduled if r.name.startswith("berakhir "))  # one run per expiry moment


def timers_on(names: list[str]) -> int:
    """The timers the deadline runs named `names` fire ("berakhir … · 2 jangka waktu")."""
    return sum(int(name.split(" · ")[1].split()[0]) for name in names)


def published_overview(port: int, timeout: float = 30) -> dict[str, list[dict]]:
    """The radar, funnel and notices artifacts `up` publishes beside the system (a short run in its process)."""
    from prefect.artifacts import Artifact

    deadline = time.monotonic() + timeout
    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}):
        while True:
            found = {key: Artifact.get(key=key) for key in ("deadline-radar", "enforcement-funnel",
                                                             "notices-attention")}
            if all(found.values()) or time.monotonic() > deadline:
                return {key: json.loads(a.data) for key, a in found.items() if a}
            time.sleep(0.5)


def ack_link(mailbox: Path, to: str, title: str) -> tuple[str, str]:
    """The acknowledgement link of the e-mail carrying `title` to `to`, and the case number it names."""
    for path in sorted(mailbox.glob("*.eml")):
        mail = message_from_bytes(path.read_bytes(), policy=default)
        subject = str(mail["Subject"])
        if to in str(mail["To"]) and subject.startswith(title):
            link = re.search(r"http://\S+/ack/\S+", mail.get_body(("plain",)).get_content()).group(0)
            return link, subject.rsplit("[", 1)[1].rstrip("]")
    raise AssertionError(f"no e-mail {title!r} to {to} in {sorted(p.name for p in mailbox.iterdir())}")


@dataclass
class Up:
    """The running `wasnaker up --demo` of the module, on its own PostgreSQL."""

    proc: subprocess.Popen
    lines: list[str]  # what it printed up to the demo's sign-ins
    home: Path
    port: int  # the Prefect server's
    web: int
    pg: OwnPostgres

    @property
    def login(self) -> tuple[str, str]:
        """budi's demo sign-in (username, password), as printed."""
        username, _, password = next(ln.split() for ln in self.lines if ln.startswith("budi "))
        return username, password


def start_up(home: Path, pg: OwnPostgres) -> Up:
    port, web = free_port(), free_port()
    env = {**os.environ, "WASNAKER_HOME": str(home), "WASNAKER_PREFECT_PORT": str(port),
           "WASNAKER_WEB_PORT": str(web), "WASNAKER_MAILBOX_PORT": str(free_port()), "WASNAKER_DATABASE_URL": pg.url}
    for name in ("PREFECT_API_URL", "WASNAKER_SMTP_HOST", "WASNAKER_PUBLIC_URL"):
        env.pop(name, None)
    proc = subprocess.Popen([str(WASNAKER), "up", "--demo"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    watchdog = threading.Timer(240, proc.kill)  # a silent, stuck `up` fails the test instead of hanging CI
    watchdog.start()
    lines: list[str] = []
    try:  # up to the demo's sign-ins, the end of what `up` prints
        while not any(ln.startswith("kiki ") for ln in lines):
            lines.append(proc.stdout.readline())
            assert proc.poll() is None, "".join(lines)
    finally:
        watchdog.cancel()
    return Up(proc, lines, home, port, web, pg)


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    if PG_BIN is None:
        pytest.fail("PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin)")
    pg = OwnPostgres()
    try:
        system = start_up(tmp_path_factory.mktemp("up"), pg)
        yield system
        if system.proc.poll() is None:  # a test failed before the last one stopped it
            system.proc.send_signal(signal.SIGINT)
            system.proc.communicate(timeout=60)
    finally:
        pg.remove()


def sign_in_with_a_printed_demo_login(up: Up) -> None:
    """The end of `up --demo`: the officers' address and the demo's sign-ins, whose passwords were made at load
    (also in demo-logins.txt, mode 0600); one of them signs in on the web app."""
    assert f"Officers' web app: http://127.0.0.1:{up.web}/masuk" in "".join(up.lines)
    username, role, password = next(ln.split() for ln in up.lines if ln.startswith("budi "))
    assert role == "inspector" and password in (up.home / "demo-logins.txt").read_text()
    assert (up.home / "demo-logins.txt").stat().st_mode & 0o077 == 0
    form = urllib.parse.urlencode({"username": username, "password": password}).encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(f"http://127.0.0.1:{up.web}/masuk", form, timeout=10)
        raise AssertionError("the sign-in did not redirect")
    except urllib.error.HTTPError as answer:
        assert answer.code == 303 and "wasnaker_sesi=" in answer.headers["set-cookie"]


def test_up_with_demo_data_serves_everything_and_schedules_named_deadline_runs(up):
    port, web = up.port, up.web
    assert any("wasnaker is up" in ln for ln in up.lines)
    assert f"Prefect UI: http://127.0.0.1:{port}" in "".join(up.lines)
    sign_in_with_a_printed_demo_login(up)
    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}), \
            get_client(sync_client=True) as client:
        deployments = {f"{d.name}" for d in client.read_deployments()}
    assert {"deadline", "timer-sweep", "intake", "warning-letters", "prosecution", "deliver-notices",
            "daily-digest"} <= deployments
    overview = published_overview(port)  # on the Artifacts page from the start, not after the nightly sweep
    assert {row["tahap"]: row["perkara"] for row in overview["enforcement-funnel"]}["Pemeriksaan"] > 0
    assert overview["deadline-radar"] and overview["notices-attention"]
    names = scheduled_deadline_runs(port)  # one run per expiry moment, named after it and its timers' count
    moment = r"berakhir \d{4}-\d\d-\d\d 00:00 WIB · \d+ jangka waktu"
    assert names and all(re.fullmatch(moment, n) for n in names), names
    assert timers_on(names) == 4, names  # the demo's four running deadlines

    # the Nota e-mailed yesterday to PT Karya Logam Presisi waits for its receipt: confirm it on the page
    link, case = ack_link(up.home / "mailbox", "legal@karyalogam.co.id", "Nota Pemeriksaan I Nomor")
    assert link.startswith(f"http://127.0.0.1:{web}/ack/")
    with urllib.request.urlopen(link, timeout=10) as page:
        assert "Konfirmasi Penerimaan" in page.read().decode()
    assert scheduled_deadline_runs(port) == names  # opening the page started nothing
    request = urllib.request.Request(link, method="POST")
    with urllib.request.urlopen(request, timeout=30) as page:
        assert "Penerimaan surat dicatat" in page.read().decode()
    assert timers_on(scheduled_deadline_runs(port)) == 5  # the receipt started the Nota's deadline: on its moment


AWAY = "Basis data sedang tidak dapat dihubungi"


def signed_in(web: int, login: tuple[str, str]) -> httpx.Client:
    client = httpx.Client(base_url=f"http://127.0.0.1:{web}", timeout=30)
    assert client.post("/masuk", data=dict(zip(("username", "password"), login))).status_code == 303
    return client


def compliance_form(client: httpx.Client, case: str) -> dict:
    """The record-compliance form of the case as the page filled it: its token, the case version, today."""
    page = client.get(f"{case}/aksi/record_compliance")
    assert page.status_code == 200, page.text
    fields = dict(re.findall(r'name="([^"]+)"[^>]*?value="([^"]*)"', page.text))
    return {name: fields[name] for name in ("csrf_token", "expected_version", "_on.tanggal", "_on.bulan", "_on.tahun")}


def nota_awaiting_compliance(rt) -> str:
    """The demo's live Nota I to PT Sinar Tekstil Nusantara (received, its clock running; budi its inspector)."""
    with rt.session() as s:
        return s.exec(select(Case.number).join(Company, Company.id == Case.company_id)
                      .where(Case.state == "nota_1", Company.nib == "9120001234567")).one()


def compliance_events(rt, number: str) -> int:
    with rt.session() as s:
        case = s.exec(select(Case).where(Case.number == number)).one()
        return s.exec(select(func.count()).where(CaseEvent.case_id == case.id,
                                                 CaseEvent.trigger == "record_compliance")).one()


def sweep_run(port: int) -> str:
    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}), get_client(sync_client=True) as c:
        deployment = c.read_deployment_by_name("timer-sweep/timer-sweep")
        return str(c.create_flow_run_from_deployment(deployment.id).id)


def wait_for(port: int, run_id: str, done, timeout: float) -> tuple[str, list[str]]:
    """Poll the run and its task runs until `done(run state, task states)`; bounded."""
    from prefect.client.schemas.filters import FlowRunFilterId

    deadline = time.monotonic() + timeout
    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}), get_client(sync_client=True) as c:
        while time.monotonic() < deadline:
            run = c.read_flow_run(run_id)
            tasks = [t.state.name for t in c.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id]))) if t.state]
            state = run.state.name if run.state else ""
            if done(state, tasks):
                return state, tasks
            time.sleep(0.5)
    raise AssertionError(f"flow run {run_id} was {state} with tasks {tasks} after {timeout:.0f} s")


def test_postgresql_restarted_under_a_running_system(up):
    rt = runtime_for(Settings(home=up.home, environment="test", database_url=up.pg.url))
    try:
        number = nota_awaiting_compliance(rt)
        case = f"/perkara/{number}"
        client = signed_in(up.web, up.login)
        form = compliance_form(client, case)

        up.pg.stop()
        for page in (client.get("/perkara"), client.get(case), client.post(f"{case}/aksi/record_compliance",
                                                                          data=form)):
            assert page.status_code == 503 and AWAY in page.text and "Coba lagi" in page.text
        run_id = sweep_run(up.port)
        wait_for(up.port, run_id, lambda run, tasks: "AwaitingRetry" in tasks or "Retrying" in tasks, 120)
        assert up.proc.poll() is None, "wasnaker up stopped during the outage"

        up.pg.start()
        state, tasks = wait_for(up.port, run_id, lambda run, tasks: run in ("Completed", "Failed", "Crashed"), 120)
        assert state == "Completed", tasks
        assert compliance_events(rt, number) == 0  # the act posted during the outage wrote nothing
        acted = client.post(f"{case}/aksi/record_compliance", data=form)
        assert acted.status_code == 303, acted.text
        assert compliance_events(rt, number) == 1
        assert client.get(case).status_code == 200
        assert [row for row in audit.verify(rt) if row["broken"]] == []
    finally:
        rt.engine.dispose()


def test_up_stops_cleanly_on_ctrl_c(up):
    up.proc.send_signal(signal.SIGINT)
    out, _ = up.proc.communicate(timeout=60)
    assert up.proc.returncode == 0 and "stopped" in out, out[-2000:]
