"""PostgreSQL restarted while `wasnaker up` runs. A PostgreSQL server of the test's own (initdb on a free port, so
stopping it disturbs nothing else) holds the wasnaker database of `wasnaker up` (an office, its staff and a case at
its inspection, made before; no demo, whose letters would only cost time); the test stops it under the running
system and starts it again:

- during the outage an officer's pages and acts answer 503 with the Indonesian "coba lagi" page, and the act
  posted then is not written;
- a flow run started during the outage waits it out (its steps are repeated while the database is away) and
  completes once PostgreSQL is back, with nothing restarted by hand;
- afterwards the same session, the same form and the same `up` carry on (the pool's pre-ping replaces the dead
  connections): the act goes through once, and the audit chain verifies."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest
from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL, temporary_settings
from sqlmodel import func, select

from models import CaseEvent
from tests.conftest import seed_reference
from tests.helpers import to_inspecting
from tests.integration.conftest import free_port
from tests.integration.test_up import WASNAKER
from tests.web.conftest import PASSWORD
from wasnaker import clock
from wasnaker.application import audit
from wasnaker.db import init_db
from wasnaker.runtime import runtime_for
from wasnaker.services import accounts
from wasnaker.settings import Settings

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
AWAY = "Basis data sedang tidak dapat dihubungi"


class OwnPostgres:
    """A throwaway PostgreSQL cluster (trust auth, no fsync) that the test may stop and start at will."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="wasnaker-pg-"))
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/wasnaker"
        as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if as_user:
            shutil.chown(self.root, "postgres")
        self.as_user = as_user
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        self.start()
        subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        "wasnaker"], check=True)

    @property
    def data(self) -> str:
        return str(self.root / "data")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(PG_BIN / program), *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run([*self.as_user, str(PG_BIN / "pg_ctl"), "-D", self.data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def own_postgres():
    if PG_BIN is None:
        pytest.fail("PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin)")
    pg = OwnPostgres()
    yield pg
    pg.remove()


def prepared(rt) -> str:
    """The office and its staff, budi's sign-in, and a case at its inspection (where compliance may be recorded)."""
    init_db(rt.engine)
    seed_reference(rt.engine)
    with rt.session() as s:
        accounts.add_user(s, "budi", PASSWORD, by="admin", now=clock.now())
    return to_inspecting(rt.engine)


def start_up(home: Path, database_url: str) -> tuple[subprocess.Popen, int, int]:
    port, web = free_port(), free_port()
    env = {**os.environ, "WASNAKER_HOME": str(home), "WASNAKER_PREFECT_PORT": str(port), "WASNAKER_WEB_PORT": str(web),
           "WASNAKER_MAILBOX_PORT": str(free_port()), "WASNAKER_DATABASE_URL": database_url}
    for name in ("PREFECT_API_URL", "WASNAKER_SMTP_HOST", "WASNAKER_PUBLIC_URL"):
        env.pop(name, None)
    proc = subprocess.Popen([str(WASNAKER), "up"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    watchdog = threading.Timer(240, proc.kill)  # a silent, stuck `up` fails the test instead of hanging CI
    watchdog.start()
    lines: list[str] = []
    try:
        while not any(f"127.0.0.1:{web}/masuk" in ln for ln in lines):
            lines.append(proc.stdout.readline())
            assert proc.poll() is None, "".join(lines)
    finally:
        watchdog.cancel()
    return proc, port, web


def signed_in(web: int) -> httpx.Client:
    client = httpx.Client(base_url=f"http://127.0.0.1:{web}", timeout=30)
    assert client.post("/masuk", data={"username": "budi", "password": PASSWORD}).status_code == 303
    return client


def compliance_form(client: httpx.Client, case: str) -> dict:
    """The record-compliance form of the case as the page filled it: its token, the case version, today."""
    page = client.get(f"{case}/aksi/record_compliance")
    assert page.status_code == 200, page.text
    fields = dict(re.findall(r'name="([^"]+)"[^>]*?value="([^"]*)"', page.text))
    return {name: fields[name] for name in ("csrf_token", "expected_version", "_on.tanggal", "_on.bulan", "_on.tahun")}


def compliance_events(rt, number: str) -> int:
    with rt.session() as s:
        from models import Case

        case = s.exec(select(Case).where(Case.number == number)).one()
        return s.exec(select(func.count()).where(CaseEvent.case_id == case.id,
                                                 CaseEvent.trigger == "record_compliance")).one()


def sweep_run(port: int) -> str:
    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}), get_client(sync_client=True) as c:
        deployment = c.read_deployment_by_name("timer-sweep/timer-sweep")
        return str(c.create_flow_run_from_deployment(deployment.id).id)


def wait_for(port: int, run_id: str, done, timeout: float) -> tuple[str, list[str]]:
    """Poll the run and its task runs until `done(run state, task states)`; bounded."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

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


def test_postgresql_restarted_under_a_running_system(tmp_path, own_postgres):
    rt = runtime_for(Settings(home=tmp_path, environment="test", database_url=own_postgres.url))
    number = prepared(rt)
    case = f"/perkara/{number}"
    proc, port, web = start_up(tmp_path, own_postgres.url)
    try:
        client = signed_in(web)
        form = compliance_form(client, case)

        own_postgres.stop()
        for page in (client.get("/perkara"), client.get(case), client.post(f"{case}/aksi/record_compliance",
                                                                          data=form)):
            assert page.status_code == 503 and AWAY in page.text and "Coba lagi" in page.text
        run_id = sweep_run(port)
        wait_for(port, run_id, lambda run, tasks: "AwaitingRetry" in tasks or "Retrying" in tasks, 120)
        assert proc.poll() is None, "wasnaker up stopped during the outage"

        own_postgres.start()
        state, tasks = wait_for(port, run_id, lambda run, tasks: run in ("Completed", "Failed", "Crashed"), 120)
        assert state == "Completed", tasks
        assert compliance_events(rt, number) == 0  # the act posted during the outage wrote nothing
        acted = client.post(f"{case}/aksi/record_compliance", data=form)
        assert acted.status_code == 303, acted.text
        assert compliance_events(rt, number) == 1
        assert client.get(case).status_code == 200
        assert [row for row in audit.verify(rt) if row["broken"]] == []
    finally:
        rt.engine.dispose()
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "stopped" in out, out[-2000:]


if __name__ == "__main__":  # pragma: no cover - a manual run: python -m tests.integration.test_database_restart
    sys.exit(pytest.main([__file__, "-s"]))
