"""Long-lived racers for the act race test: each imports wasnaker once (a CLI process costs ~1.7 s of imports),
then per round waits on a shared barrier and acts as an officer would, so both acts start together and what the
officer sees is checked: through the real CLI entry point in-process (exit code, output), or through the web app
(FastAPI TestClient over `create_app`, signed in as the officer: the act form's POST, its status and message)."""

import html
import multiprocessing
import os
import re
from dataclasses import dataclass

ROUND_TIMEOUT = 120  # seconds; a racer stuck on a lock fails the test instead of hanging CI


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    crash: str = ""  # an exception the CLI did not turn into an `error:` line (or the web app into a page)


@dataclass(frozen=True)
class WebAct:
    """An act through the web app: `officer` POSTs the act form at `path` with `fields`. A `form` act first GETs
    the form (before the barrier) and sends the case version it shows, as a browser does; otherwise the POST
    carries no version (a client that never read the case). `session`: the officer's signed-in session (cookie
    token, CSRF token), opened by the test."""
    officer: str
    path: str
    fields: dict
    form: bool
    session: tuple[str, str]


_VERSION = re.compile(r'name="expected_version" value="(\d*)"')
_MESSAGES = re.compile(r'<div class="error-summary".*?<ul>(.*?)</ul>|<h1>Permintaan ditolak</h1>\s*<p>(.*?)</p>', re.S)


class Web:
    """The web app of one test database in this racer, with a client per officer's session."""

    def __init__(self):
        from wasnaker.web.app import create_app

        self.app = create_app()
        self.app.state.background = lambda fn, *args: None  # letters stay reserved, as the CLI's --no-render
        self.clients: dict = {}

    def prepare(self, act: WebAct):
        """(client, form data): what the officer's browser holds just before pressing Simpan."""
        client = self._client(act.session[0])
        data = {"csrf_token": act.session[1], **act.fields}
        if act.form:
            shown = client.get(act.path)
            assert shown.status_code == 200, (act, shown.status_code, shown.text[-2000:])
            data["expected_version"] = _VERSION.search(shown.text)[1]
        return client, data

    @staticmethod
    def submit(client, path: str, data: dict) -> Result:
        """code 0 for the act recorded (303 to the case page, its location on stdout), else the HTTP status with
        the page's messages on stderr, one a line."""
        try:
            response = client.post(path, data=data)
        except Exception as exc:  # noqa: BLE001 - a 500 the app raised: the test reports it as a crash
            return Result(500, "", "", repr(exc))
        if response.status_code == 303:
            return Result(0, response.headers["location"], "")
        found = _MESSAGES.search(response.text)
        lines = re.findall(r"<li>(.*?)</li>", found[1], re.S) if found and found[1] else [found[2]] if found else []
        return Result(response.status_code, "", "\n".join(html.unescape(" ".join(t.split())) for t in lines))

    def _client(self, token: str):
        if token not in self.clients:
            from fastapi.testclient import TestClient

            from wasnaker.web.auth import COOKIE

            self.clients[token] = TestClient(self.app, follow_redirects=False, cookies={COOKIE: token})
        return self.clients[token]


def serve(conn, barrier) -> None:
    """Child process body: read (environment, CLI arguments) from the pipe until None; answer each with a Result."""
    for name in ("PREFECT_API_URL", "WASNAKER_PREFECT_API_URL", "WASNAKER_SMTP_HOST"):
        os.environ.pop(name, None)  # embedded mode: no Prefect server, notices wait in the outbox
    from functools import cache

    from typer import testing
    from typer.testing import CliRunner

    from wasnaker.cli.main import app

    testing._get_command = cache(testing._get_command)  # built once per process, as `wasnaker` builds it

    runner, env, web = CliRunner(), None, None
    conn.send("ready")
    while (job := conn.recv()) is not None:
        if job[0] != env:
            env, web = _switch(job[0]), None
        if isinstance(job[1], WebAct):
            web = web or Web()
            client, data = web.prepare(job[1])
            barrier.wait(ROUND_TIMEOUT)
            conn.send(web.submit(client, job[1].path, data))
            continue
        barrier.wait(ROUND_TIMEOUT)
        result = runner.invoke(app, job[1])
        crash = "" if result.exception is None or isinstance(result.exception, SystemExit) else repr(result.exception)
        conn.send(Result(result.exit_code, result.stdout, result.stderr, crash))


def _switch(env: dict) -> dict:
    """Point the CLI at another test database: settings and engine are cached once per process."""
    from wasnaker.db import get_engine
    from wasnaker.runtime import reset_caches

    if get_engine.cache_info().currsize:
        get_engine().dispose()  # close the pooled connections to the previous test's database
    os.environ.update(env)
    reset_caches()
    return env


class Racers:
    """Two spawned racers sharing a barrier; `race(env, a, b)` runs acts a and b at the same moment (each CLI
    arguments or a WebAct), against the database that `env` (WASNAKER_HOME, WASNAKER_DATABASE_URL) names."""

    def __init__(self):
        ctx = multiprocessing.get_context("spawn")
        self.barrier = ctx.Barrier(2)
        self.pipes, self.procs = [], []
        for _ in range(2):
            ours, theirs = ctx.Pipe()
            proc = ctx.Process(target=serve, args=(theirs, self.barrier), daemon=True)
            proc.start()
            self.pipes.append(ours)
            self.procs.append(proc)
        assert [self._receive(p) for p in self.pipes] == ["ready", "ready"]

    def race(self, env: dict, first, second) -> tuple[Result, Result]:
        for pipe, args in zip(self.pipes, (first, second)):
            pipe.send((env, args))
        return tuple(self._receive(p) for p in self.pipes)

    @staticmethod
    def _receive(pipe):
        if not pipe.poll(ROUND_TIMEOUT):
            raise TimeoutError(f"a racer gave no answer within {ROUND_TIMEOUT} s")
        return pipe.recv()

    def close(self) -> None:
        for pipe in self.pipes:
            pipe.send(None)
        for proc in self.procs:
            proc.join(10)
            if proc.is_alive():
                proc.kill()
