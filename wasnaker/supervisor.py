"""The process supervisor of `wasnaker up`: the running system on one machine. A Prefect server on 127.0.0.1
(its own SQLite under WASNAKER_HOME unless PREFECT_API_DATABASE_CONNECTION_URL says otherwise, telemetry off),
every deployment served, the web pages and (without an SMTP server) a local mail catcher, the wasnaker database
created, missed deadlines caught up and upcoming ones scheduled. Ctrl-C stops it all."""

import contextlib
import itertools
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import typer

from wasnaker.settings import Settings


def server_env(settings: Settings) -> dict[str, str]:
    """The environment of the server, the served flows and this process's Prefect client."""
    port = settings.prefect_port
    return {
        "WASNAKER_HOME": str(settings.home), "PREFECT_HOME": str(settings.prefect_home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api", "PREFECT_UI_URL": f"http://127.0.0.1:{port}",
        "PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "WARNING",
        "WASNAKER_TIMEZONE": settings.timezone,
        # Runners and workers prefetch runs due within 10 s; polling every 2 s lets a run scheduled only
        # seconds ahead still start on time (measured in bench/deadline_latency.py).
        "PREFECT_RUNNER_POLL_FREQUENCY": "2", "PREFECT_WORKER_QUERY_SECONDS": "2",
        # Keep Runs > Upcoming readable: the per-deadline runs, not a hundred future runs of every schedule.
        "PREFECT_SERVER_SERVICES_SCHEDULER_MAX_RUNS": "3",
        "PREFECT_SERVER_SERVICES_SCHEDULER_MIN_SCHEDULED_TIME": "PT10M",
    }


def wait_healthy(api_url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the Prefect server at {api_url} did not become healthy within {timeout:.0f} s")


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


def wait_deployments(api_url: str, names: list[str], timeout: float = 90) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    deadline = time.monotonic() + timeout
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            try:
                for name in names:
                    client.read_deployment_by_name(name)
                return
            except Exception:  # not registered yet
                time.sleep(0.5)
    raise RuntimeError(f"deployments not served within {timeout:.0f} s: {', '.join(names)}")


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(args, env={**os.environ, **env}, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def _is_worker(proc: subprocess.Popen) -> bool:
    return list(proc.args[1:4]) == ["-m", "prefect", "worker"]


def _second_term(proc: subprocess.Popen) -> None:
    try:
        proc.wait(timeout=1)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
            os.killpg(proc.pid, signal.SIGTERM)


def stop(processes: list[subprocess.Popen], grace: float = 15) -> None:
    """One after the other, in the order given: SIGTERM (twice for a Prefect worker, which only begins to stop at
    the first), then SIGKILL after the grace period. Callers give the served flows before the server: a runner
    that still reports a run's end when it stops needs the server up (stopped together, it retried against a
    server already gone until the grace period killed it)."""
    for proc in processes:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            if _is_worker(proc):
                _second_term(proc)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


SERVE = [sys.executable, "-m", "deployments.serve"]


def start_server(settings: Settings, log_dir: Path, env_extra: dict | None = None) -> subprocess.Popen:
    """The Prefect server process, started; healthy some seconds later (`bring_up` waits for it)."""
    env = {**server_env(settings), **(env_extra or {})}
    return start([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port",
                  str(settings.prefect_port)], env, log_dir / "prefect-server.log")


def bytecode_env(settings: Settings) -> dict[str, str]:
    """Every flow run is a new Python process importing Prefect, SQLAlchemy and WeasyPrint. Where the install has
    no compiled bytecode (uv installs without it unless told `--compile-bytecode`) or PYTHONDONTWRITEBYTECODE is
    set, each run compiles them all again: ~15 s before the first letter on this busy machine, ~6 s with the
    bytecode kept. Kept under the home (PYTHONPYCACHEPREFIX), the install itself is left as it is."""
    return {"PYTHONPYCACHEPREFIX": str(settings.home / "pycache"), "PYTHONDONTWRITEBYTECODE": ""}


def run_limit() -> int:
    return int(os.environ.get("WASNAKER_RUN_LIMIT", "4"))


def worker_names(settings: Settings) -> list[str]:
    return [f"{socket.gethostname()}-{i}" for i in range(settings.workers)]


def wait_workers(api_url: str, pool: str, names: list[str], since: datetime, timeout: float = 120) -> None:
    """Until every worker named has sent the server a heartbeat since `since`: it polls for runs from then on (a
    run created before a worker is up waits for its first poll)."""
    from prefect.client.orchestration import get_client

    from wasnaker.adapters.scheduling import on_server

    deadline = time.monotonic() + timeout
    with on_server(api_url), get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            try:
                beating = {w.name for w in client.read_workers_for_work_pool(pool)
                           if w.last_heartbeat_time and w.last_heartbeat_time >= since}
            except Exception:  # noqa: BLE001 - the pool is being created
                beating = set()
            if beating >= set(names):
                return
            time.sleep(0.5)
    raise RuntimeError(f"workers of pool {pool!r} not polling within {timeout:.0f} s: {', '.join(names)}")


def start_runners(settings: Settings, env: dict, log_dir: Path, runners: list[list[str]] | None = None,
                  wait_for: tuple[str, ...] = ()) -> list[subprocess.Popen]:
    """On a server already healthy: the runners (by default one process serving every deployment), or with
    `settings.workers` that many workers of the work pool, every deployment registered to the pool while they
    boot; returned once the deployments named exist and every worker has sent its first heartbeat."""
    from deployments import pool
    from wasnaker.adapters.scheduling import on_server

    pooled = bool(settings.workers and not runners)
    commands = ([pool.worker_command(settings.work_pool, name, run_limit()) for name in worker_names(settings)]
                if pooled else runners or [SERVE])
    run_env = {**bytecode_env(settings), **env, **(pool.worker_env() if pooled else {})}
    since, api_url = datetime.now(UTC), env["PREFECT_API_URL"]
    processes = [start(command, run_env, log_dir / f"runner-{i}.log") for i, command in enumerate(commands)]
    try:
        if pooled:
            with on_server(api_url):
                pool.register(settings.work_pool, settings.timezone)
        if wait_for:
            wait_deployments(api_url, list(wait_for))
        if pooled:
            wait_workers(api_url, settings.work_pool, worker_names(settings), since)
    except BaseException:
        stop(processes)
        raise
    return processes


def bring_up(settings: Settings, log_dir: Path, env_extra: dict | None = None,
             runners: list[list[str]] | None = None, before_runners=None,
             wait_for: tuple[str, ...] = ("deadline/deadline", "timer-sweep/timer-sweep"),
             server: subprocess.Popen | None = None) -> list[subprocess.Popen]:
    """Start the server (unless `server` is one already starting); call `before_runners` (the catch-up: missed
    deadlines handled in due order before any late run can start); start the runners (`start_runners`); return
    them all. This process's environment is left as it is."""
    env = {**server_env(settings), **(env_extra or {})}
    processes = [server or start_server(settings, log_dir, env_extra)]
    try:
        wait_healthy(env["PREFECT_API_URL"])
        if before_runners:
            before_runners()
        processes += start_runners(settings, env, log_dir, runners, wait_for)
    except BaseException:
        stop(list(reversed(processes)))
        raise
    return processes


def run_worker(name: str | None = None) -> None:
    """`wasnaker worker`: this process becomes a worker of the pool, on the server PREFECT_API_URL names."""
    from deployments import pool
    from wasnaker.settings import get_settings

    settings = get_settings()
    if not os.environ.get("PREFECT_API_URL"):
        raise typer.BadParameter("set PREFECT_API_URL to the server of `wasnaker up` (http://HOST:4200/api)")
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_WORKER_QUERY_SECONDS": "2", **bytecode_env(settings), **pool.worker_env()}
    command = pool.worker_command(settings.work_pool, name or socket.gethostname(), run_limit())
    os.execve(command[0], command, env)


def start_outward(settings: Settings, log_dir: Path) -> tuple[list[subprocess.Popen], dict[str, str]]:
    """The web pages companies open from their e-mail and, when no SMTP server is configured, the local mail
    catcher; with the environment every other process needs to reach them."""
    env = {"WASNAKER_HOME": str(settings.home)}
    if "WASNAKER_PUBLIC_URL" not in os.environ:
        env["WASNAKER_PUBLIC_URL"] = f"http://127.0.0.1:{settings.web_port}"
    ports = [settings.web_port]
    # the web pages schedule the deadline run a receipt starts, on the server `up` is about to start
    web_env = {**env, "PREFECT_API_URL": server_env(settings)["PREFECT_API_URL"]}
    processes = [start([sys.executable, "-m", "uvicorn", "wasnaker.web.app:app", "--host", "127.0.0.1", "--port",
                        str(settings.web_port), "--log-level", "warning"], web_env, log_dir / "web.log")]
    if not settings.smtp_host:
        processes.append(start([sys.executable, "-m", "wasnaker.adapters.mailbox", "--port",
                                str(settings.mailbox_port), "--dir", str(settings.mailbox_dir),
                                "--keep-messages", str(settings.mailbox_keep_messages),
                                "--keep-days", str(settings.mailbox_keep_days)], env, log_dir / "mailbox.log"))
        env.update({"WASNAKER_SMTP_HOST": "127.0.0.1", "WASNAKER_SMTP_PORT": str(settings.mailbox_port),
                    "WASNAKER_SMTP_SECURITY": "none"})
        ports.append(settings.mailbox_port)
    try:
        for port in ports:
            wait_port(port)
    except BaseException:
        stop(processes)
        raise
    return processes, env


def catch_up(rt) -> dict:
    """Every timer whose due moment passed while nothing ran, handled once in due order (their late runs then
    find nothing to do); reminders due meanwhile sent; documents rendered."""
    from wasnaker import clock
    from wasnaker.application.sweep import sweep

    return sweep(rt, clock.now())


def publish_overview(api_url: str) -> None:
    """The radar, the funnel and the letters needing an officer on the Artifacts page from the start, not only
    after the nightly sweep: one short flow run in this process. Best effort: `up` runs on without them (the next
    sweep or stage run publishes)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.artifacts import publish_overview as publish
    from wasnaker import clock
    from wasnaker.adapters.scheduling import on_server

    try:  # no heartbeat: a sync flow would wait about a second at its end to join that thread
        with on_server(api_url), temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            publish(clock.now())
    except Exception as exc:  # noqa: BLE001 - a missing artifact must not stop the system
        typer.echo(f"warning: radar and funnel not published yet ({exc})", err=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


HOUSEKEEPING_EVERY_SECONDS = 60


def log_rotation(settings: Settings):
    """The logs of `up` kept bounded (rotated past `log_max_bytes`, `log_backups` copies): once before the
    children start, then every minute while they run. A failure is said, never fatal."""
    from wasnaker.adapters.logfiles import rotate_all

    def rotate() -> None:
        try:
            rotate_all(settings.home / "logs", settings.log_max_bytes, settings.log_backups)
        except OSError as exc:
            typer.echo(f"warning: logs not rotated ({exc})", err=True)

    return rotate


def run_forever(processes: list[subprocess.Popen], housekeeping=None) -> None:
    """Until Ctrl-C (or SIGTERM) or a child dies, calling `housekeeping` every minute; then stop every child, the
    served flows first."""
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)  # even when started from a shell that ignores SIGINT (`&`)
    try:
        for second in itertools.count(1):
            if not all(p.poll() is None for p in processes):
                break
            time.sleep(1)
            if housekeeping and second % HOUSEKEEPING_EVERY_SECONDS == 0:
                housekeeping()
        typer.echo("a service process ended; stopping", err=True)
    except KeyboardInterrupt:
        typer.echo("\nstopping ...")
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not orphan the children
            signal.signal(sig, signal.SIG_IGN)
        stop(list(reversed(processes)))
        typer.echo("stopped")


def run_system(demo: bool = False, port: int | None = None) -> None:
    """`wasnaker up`: database, web pages and mail, optional demo data, server, catch-up, runners, deadline runs;
    until Ctrl-C."""
    from wasnaker.application.reference import init_database
    from wasnaker.runtime import get_runtime, reset_caches

    for name in ("PREFECT_API_URL", "WASNAKER_PREFECT_API_URL"):
        os.environ.pop(name, None)  # this process records offline until the server it starts is up
    if port:
        os.environ["WASNAKER_PREFECT_PORT"] = str(port)
    reset_caches()
    rt = get_runtime()
    upgraded, _ = init_database(rt)
    if upgraded.changed:
        typer.echo(upgraded.summary())
    rotate_logs = log_rotation(rt.settings)
    rotate_logs()
    outward, outward_env = start_outward(rt.settings, rt.settings.home / "logs")
    try:
        os.environ.update(outward_env)
        reset_caches()
        inward = _bring_up_system(get_runtime(), demo, outward_env)  # stops what it started when it fails
    except BaseException:
        stop(list(reversed(outward)))
        raise
    run_forever(outward + inward, housekeeping=rotate_logs)


def _bring_up_system(rt, demo: bool, outward_env: dict) -> list[subprocess.Popen]:
    from deployments.serve import names as served
    from wasnaker import clock

    server = start_server(rt.settings, rt.settings.home / "logs", outward_env)  # it boots while the demo loads
    try:
        if demo:
            _load_demo_once(rt, clock.today(rt.settings.timezone))
    except BaseException:
        stop([server])
        raise
    caught: dict = {}
    processes = bring_up(rt.settings, rt.settings.home / "logs", env_extra=outward_env,
                         before_runners=lambda: caught.update(catch_up(rt)), wait_for=served(), server=server)
    try:  # a Ctrl-C from here until run_forever takes over stops the server and the runners too
        _announce(rt, demo, outward_env, caught)
    except BaseException:
        stop(list(reversed(processes)))
        raise
    return processes


def _announce(rt, demo: bool, outward_env: dict, caught: dict) -> None:
    """Point this process at the server, schedule the deadline runs, say where everything is, publish."""
    from wasnaker.application.sweep import schedule_deadline_runs
    from wasnaker.demo.logins import sign_in_text
    from wasnaker.runtime import get_runtime, reset_caches

    env = server_env(rt.settings)
    os.environ.update(env)  # from here on this process talks to the server
    reset_caches()
    schedule_deadline_runs(get_runtime())  # a run for every running timer not scheduled at its due moment
    mail = (f"e-mail via {rt.settings.smtp_host}:{rt.settings.smtp_port}" if "WASNAKER_SMTP_HOST" not in outward_env
            else f"no SMTP server configured (WASNAKER_SMTP_HOST): e-mail lands in {rt.settings.mailbox_dir}")
    typer.echo(f"wasnaker is up. Prefect UI: {env['PREFECT_UI_URL']}  (API {env['PREFECT_API_URL']})\n"
               f"Web pages (acknowledgements): {os.environ['WASNAKER_PUBLIC_URL']}; {mail}.\n"
               f"caught up {len(caught.get('handled', []))} expired timer(s), sent {len(caught.get('notices', []))} "
               f"notice(s); deadline runs are under Runs > Upcoming.\n"
               + (f"Work pool {rt.settings.work_pool!r}: {rt.settings.workers} worker(s) here; another machine joins "
                  f"with `wasnaker worker` (README).\n" if rt.settings.workers else "")
               + f"Logs: {rt.settings.home / 'logs'}. Ctrl-C stops.\n"
               f"Officers' CLI in another terminal: export PREFECT_API_URL={env['PREFECT_API_URL']}")
    typer.echo(sign_in_text(rt, demo))
    # beside the system, not before it: a first flow run in a process takes a second or two
    threading.Thread(target=publish_overview, args=(env["PREFECT_API_URL"],), name="publish-overview",
                     daemon=True).start()


def _load_demo_once(rt, today) -> None:
    from wasnaker import clock
    from wasnaker.application.cases import list_cases
    from wasnaker.demo.load import load_demo_data
    from wasnaker.demo.logins import create_logins

    if list_cases(rt):
        return
    typer.echo(f"demo data: {', '.join(load_demo_data(rt, today))}")
    create_logins(rt, clock.now())
