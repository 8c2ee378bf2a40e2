"""`wasnaker demo`: a fresh home, the default office, three companies, and three cases driven through the
stage flows by Prefect itself (local ephemeral mode, telemetry off), with the timer sweep moving time."""

import os
import shutil
import time
from datetime import date
from pathlib import Path

import typer

from wasnaker.demo.story import EXPECTED, STORY


def _prepare_environment(home: Path) -> None:
    """Before Prefect is imported: its state under the demo home, no telemetry, no server configured."""
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    os.environ.update({
        "WASNAKER_HOME": str(home), "PREFECT_HOME": str(home / "prefect"), "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    })
    os.environ.pop("WASNAKER_DATABASE_URL", None)
    os.environ.pop("PREFECT_API_URL", None)
    from wasnaker.runtime import reset_caches

    reset_caches()


def _seed() -> None:
    from wasnaker import clock
    from wasnaker.application.reference import init_database
    from wasnaker.demo.load import add_companies
    from wasnaker.demo.logins import create_logins
    from wasnaker.runtime import get_runtime

    rt = get_runtime()
    init_database(rt)
    add_companies(rt)
    create_logins(rt, clock.now())


def _act(label: str, case_number: str | None, trigger: str, actor: str, day: date, data: dict) -> str:
    """One act through its stage flow, printed with the numbers of the documents it issued."""
    from prefect import tags

    from flows.stages import flow_for
    from wasnaker.application.cases import show_case
    from wasnaker.runtime import get_runtime

    state = show_case(get_runtime(), case_number)["state"] if case_number else None
    flow = flow_for(trigger, state)
    with tags("office:UPTD-WIL.I", f"stage:{flow.name}", f"case:{case_number or 'new'}"):
        out = flow(trigger=trigger, actor=actor, on=day, case_number=case_number, data=data)
    docs = ", ".join(d["number"] for d in out["documents"])
    typer.echo(f"  {label} {day} {actor:7} {trigger:26} -> {out['to_state']}" + (f"  [{docs}]" if docs else ""))
    return out["case_number"]


def _sweep(day: date) -> None:
    """The timer sweep flow as of the start of `day`, printed with what it handled."""
    from flows.timers import timer_sweep
    from wasnaker import clock
    from wasnaker.runtime import get_runtime

    result = timer_sweep(as_of=clock.start_of_day(day, get_runtime().settings.timezone))
    for h in result["handled"]:
        typer.echo(f"    {day} sweep: {h['case']} {h['timer']} (due {h['due']}) -> {h['action']}; drafts {h['drafts']}")


def run_demo(home: str | None = None) -> dict:
    from wasnaker.demo.load import play
    from wasnaker.settings import get_settings

    target = Path(home) if home else get_settings().home / "demo"
    _prepare_environment(target.resolve())
    started = time.perf_counter()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    _seed()
    # A sync flow joins its heartbeat thread at exit (~1.1 s per run); the demo's runs are short.
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        typer.echo("Cases A, B and C, act by act in date order:")
        numbers = play(STORY, _act, _sweep)
    return _report(numbers, target, time.perf_counter() - started)


def _report(numbers: dict, home: Path, seconds: float) -> dict:
    from wasnaker.application.cases import show_case
    from wasnaker.runtime import get_runtime

    summary = {name: show_case(get_runtime(), number) for name, number in numbers.items()}
    failures = [f"case {name} ended {case['state']}/{case['close_reason']}, expected {EXPECTED[name]}"
                for name, case in summary.items() if (case["state"], case["close_reason"]) != EXPECTED[name]]
    typer.echo("\nResult:")
    for name, case in summary.items():
        files = [d for d in case["documents"] if d["path"]]
        typer.echo(f"  {name} {case['number']}: {case['state']}/{case['close_reason']} — {len(files)} PDFs")
    typer.echo(f"\nPDFs under {home / 'documents'}\nDatabase {home / 'wasnaker.db'}\n"
               f"Web sign-ins of the demo's officers: {home / 'demo-logins.txt'} (WASNAKER_HOME={home} wasnaker web)"
               f"\nDone in {seconds:.1f} s")
    if failures:
        typer.echo("\n".join(failures), err=True)
        raise typer.Exit(1)
    return summary
