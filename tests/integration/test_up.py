"""The README's first command as a user runs it: `wasnaker up --demo` brings up the server with every deployment,
schedules a deadline run named after each open deadline, mails the demo's letters into its local mailbox,
serves the acknowledgement page (whose button starts the Nota's clock and schedules its run), and stops cleanly
on Ctrl-C (SIGINT)."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from email import message_from_bytes
from email.policy import default
from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
from prefect.client.schemas.objects import StateType
from prefect.settings import PREFECT_API_URL, temporary_settings

from tests.integration.conftest import free_port

WASNAKER = Path(sys.executable).with_name("wasnaker")


def scheduled_deadline_runs(port: int) -> list[str]:
    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}), get_client(sync_client=True) as client:
        scheduled = client.read_flow_runs(flow_run_filter=FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))))
    return sorted(r.name for r in scheduled if r.name.startswith("WAS/"))


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


def sign_in_with_a_printed_demo_login(proc, lines: list[str], web: int, home: Path) -> None:
    """The end of `up --demo`: the officers' address and the demo's sign-ins, whose passwords were made at load
    (also in demo-logins.txt, mode 0600); one of them signs in on the web app."""
    while not any(ln.startswith("kiki ") for ln in lines):
        lines.append(proc.stdout.readline())
        assert proc.poll() is None, "".join(lines)
    assert f"Officers' web app: http://127.0.0.1:{web}/masuk" in "".join(lines)
    username, role, password = next(ln.split() for ln in lines if ln.startswith("budi "))
    assert role == "inspector" and password in (home / "demo-logins.txt").read_text()
    assert (home / "demo-logins.txt").stat().st_mode & 0o077 == 0
    form = urllib.parse.urlencode({"username": username, "password": password}).encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(f"http://127.0.0.1:{web}/masuk", form, timeout=10)
        raise AssertionError("the sign-in did not redirect")
    except urllib.error.HTTPError as answer:
        assert answer.code == 303 and "wasnaker_sesi=" in answer.headers["set-cookie"]


def test_up_with_demo_data_serves_everything_and_schedules_named_deadline_runs(tmp_path):
    port, web = free_port(), free_port()
    env = {**os.environ, "WASNAKER_HOME": str(tmp_path), "WASNAKER_PREFECT_PORT": str(port),
           "WASNAKER_WEB_PORT": str(web), "WASNAKER_MAILBOX_PORT": str(free_port())}
    for name in ("WASNAKER_DATABASE_URL", "PREFECT_API_URL", "WASNAKER_SMTP_HOST", "WASNAKER_PUBLIC_URL"):
        env.pop(name, None)
    proc = subprocess.Popen([str(WASNAKER), "up", "--demo"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not any("wasnaker is up" in ln for ln in lines):
            lines.append(proc.stdout.readline())
            assert proc.poll() is None, "".join(lines)
        assert f"Prefect UI: http://127.0.0.1:{port}" in "".join(lines)
        sign_in_with_a_printed_demo_login(proc, lines, web, tmp_path)
        with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}), \
                get_client(sync_client=True) as client:
            deployments = {f"{d.name}" for d in client.read_deployments()}
        assert {"deadline", "timer-sweep", "intake", "warning-letters", "prosecution", "deliver-notices",
                "daily-digest"} <= deployments
        overview = published_overview(port)  # on the Artifacts page from the start, not after the nightly sweep
        assert {row["tahap"]: row["perkara"] for row in overview["enforcement-funnel"]}["Pemeriksaan"] > 0
        assert overview["deadline-radar"] and overview["notices-attention"]
        names = scheduled_deadline_runs(port)
        assert any("nota_1_compliance · jatuh tempo" in n for n in names)
        assert any("prosecutor_review" in n for n in names) and len(names) == 4

        # the Nota e-mailed yesterday to PT Karya Logam Presisi waits for its receipt: confirm it on the page
        link, case = ack_link(tmp_path / "mailbox", "legal@karyalogam.co.id", "Nota Pemeriksaan I Nomor")
        assert link.startswith(f"http://127.0.0.1:{web}/ack/")
        with urllib.request.urlopen(link, timeout=10) as page:
            assert "Konfirmasi Penerimaan" in page.read().decode()
        assert len(scheduled_deadline_runs(port)) == 4  # opening the page started nothing
        request = urllib.request.Request(link, method="POST")
        with urllib.request.urlopen(request, timeout=30) as page:
            assert "Penerimaan surat dicatat" in page.read().decode()
        names = scheduled_deadline_runs(port)
        assert len(names) == 5 and any(n.startswith(f"{case} · nota_1_compliance") for n in names)
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "stopped" in out
