"""The README's first command as a user runs it: `wasnaker up --demo` brings up the server with every deployment,
schedules a deadline run named after each open deadline, and stops cleanly on Ctrl-C (SIGINT)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
from prefect.client.schemas.objects import StateType
from prefect.settings import PREFECT_API_URL, temporary_settings

from tests.integration.conftest import free_port

WASNAKER = Path(sys.executable).with_name("wasnaker")


def test_up_with_demo_data_serves_everything_and_schedules_named_deadline_runs(tmp_path):
    port = free_port()
    env = {**os.environ, "WASNAKER_HOME": str(tmp_path), "WASNAKER_PREFECT_PORT": str(port)}
    for name in ("WASNAKER_DATABASE_URL", "PREFECT_API_URL"):
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
        with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{port}/api"}), \
                get_client(sync_client=True) as client:
            deployments = {f"{d.name}" for d in client.read_deployments()}
            scheduled = client.read_flow_runs(flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))))
        assert {"deadline", "timer-sweep", "intake", "warning-letters", "prosecution"} <= deployments
        names = sorted(r.name for r in scheduled if r.name.startswith("WAS/"))
        assert any("nota_1_compliance · jatuh tempo" in n for n in names)
        assert any("prosecutor_review" in n for n in names) and len(names) == 4
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "stopped" in out
