"""`wasnaker worker`: another machine joins the work pool of a `wasnaker up` started with WASNAKER_WORKERS."""

import sys

from typer.testing import CliRunner

from deployments.pool import SOURCE
from wasnaker.cli.main import app

runner = CliRunner()


def test_worker_needs_the_server_it_joins(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    result = runner.invoke(app, ["worker"])
    assert result.exit_code == 2 and "PREFECT_API_URL" in result.output


def test_worker_becomes_a_process_worker_of_the_pool(monkeypatch, tmp_path):
    import wasnaker.supervisor as supervisor
    from wasnaker.runtime import reset_caches

    started = []
    monkeypatch.setattr(supervisor.os, "execve", lambda path, args, env: started.append((path, args, env)))
    monkeypatch.setenv("PREFECT_API_URL", "http://10.0.0.5:4200/api")
    monkeypatch.setenv("WASNAKER_HOME", str(tmp_path))
    monkeypatch.setenv("WASNAKER_WORK_POOL", "kanwil")
    monkeypatch.delenv("WASNAKER_RUN_LIMIT", raising=False)
    reset_caches()
    result = runner.invoke(app, ["worker", "--name", "pc-2"])
    reset_caches()
    assert result.exit_code == 0, result.output
    [(path, args, env)] = started
    assert path == sys.executable and args[1:] == ["-m", "prefect", "worker", "start", "--pool", "kanwil", "--type",
                                                   "process", "--name", "pc-2", "--limit", "4"]
    assert env["PREFECT_API_URL"] == "http://10.0.0.5:4200/api"
    assert env["PYTHONPATH"] == env["WASNAKER_SRC"] == str(SOURCE)  # its runs start in this machine's tree
    assert env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache") and env["DO_NOT_TRACK"] == "1"
