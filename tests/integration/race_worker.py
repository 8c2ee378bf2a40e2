"""Long-lived racers for the act race test: each imports wasnaker once (a CLI process costs ~1.7 s of imports),
then per round waits on a shared barrier and runs the real CLI entry point in-process, so both acts start
together and the exit code and output of every round are checked as a user would see them."""

import multiprocessing
import os
from dataclasses import dataclass

ROUND_TIMEOUT = 120  # seconds; a racer stuck on a lock fails the test instead of hanging CI


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    crash: str = ""  # an exception the CLI did not turn into an `error:` line


def serve(conn, barrier) -> None:
    """Child process body: read (environment, CLI arguments) from the pipe until None; answer each with a Result."""
    for name in ("PREFECT_API_URL", "WASNAKER_PREFECT_API_URL", "WASNAKER_SMTP_HOST"):
        os.environ.pop(name, None)  # embedded mode: no Prefect server, notices wait in the outbox
    from typer.testing import CliRunner

    from wasnaker.cli.main import app

    runner, env = CliRunner(), None
    conn.send("ready")
    while (job := conn.recv()) is not None:
        if job[0] != env:
            env = _switch(job[0])
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
    """Two spawned racers sharing a barrier; `race(env, a, b)` runs the CLI with arguments a and b at the same
    moment, against the database that `env` (WASNAKER_HOME, WASNAKER_DATABASE_URL) names."""

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

    def race(self, env: dict, first: list[str], second: list[str]) -> tuple[Result, Result]:
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
