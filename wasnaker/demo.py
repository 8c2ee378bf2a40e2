"""`wasnaker demo`: a fresh home, the default office, three companies, and three cases driven through the
stage flows by Prefect itself (local ephemeral mode, telemetry off), with the timer sweep moving time."""

import os
import shutil
import time
from datetime import date
from pathlib import Path

import typer

from wasnaker.demo_story import COMPANIES, EXPECTED, STORY, live_cases


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
    from wasnaker.db import init_db
    from wasnaker.runtime import get_runtime
    from wasnaker.seed import seed_defaults
    from wasnaker.services.registry import add_company

    rt = get_runtime()
    init_db(rt.engine)
    with rt.session() as session:
        seed_defaults(session)
        for company in COMPANIES:
            add_company(session, **company)


def _step(case_number, trigger, actor, on, data):
    from flows.stages import flow_for
    from flows.timers import timer_sweep
    from wasnaker import clock
    from wasnaker.runtime import get_runtime
    from wasnaker.services import repo

    day = date.fromisoformat(on)
    if trigger == "timers":
        tz = get_runtime().settings.timezone
        result = timer_sweep(as_of=clock.start_of_day(day, tz))
        for h in result["handled"]:
            typer.echo(f"    {on} sweep: {h['timer']} (due {h['due']}) -> {h['action']}; drafts {h['drafts']}")
        return case_number
    state = None
    if case_number:
        with get_runtime().session() as session:
            state = repo.case(session, case_number).state
    from prefect import tags

    flow = flow_for(trigger, state)
    with tags("office:UPTD-WIL.I", f"stage:{flow.name}", f"case:{case_number or 'new'}"):
        out = flow(trigger=trigger, actor=actor, on=day, case_number=case_number, data=data)
    docs = ", ".join(d["number"] for d in out["documents"])
    typer.echo(f"    {on} {actor:7} {trigger:26} -> {out['to_state']}" + (f"  [{docs}]" if docs else ""))
    return out["case_number"]


def run_demo(home: str | None = None) -> dict:
    from wasnaker.settings import get_settings

    target = Path(home) if home else get_settings().home / "demo"
    _prepare_environment(target.resolve())
    started = time.perf_counter()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    _seed()
    numbers = {}
    # A sync flow joins its heartbeat thread at exit (~1.1 s per run); the demo's runs are short.
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        for name, steps in STORY.items():
            typer.echo(f"Case {name}:")
            number = None
            for trigger, actor, on, data in steps:
                number = _step(number, trigger, actor, on, data)
            numbers[name] = number
    return _report(numbers, target, time.perf_counter() - started)


def _report(numbers: dict, home: Path, seconds: float) -> dict:
    from wasnaker.runtime import get_runtime
    from wasnaker.services.queries import show_case

    summary, failures = {}, []
    with get_runtime().session() as session:
        for name, number in numbers.items():
            case = show_case(session, number)
            summary[name] = case
            if (case["state"], case["close_reason"]) != EXPECTED[name]:
                failures.append(f"case {name} ended {case['state']}/{case['close_reason']}, expected {EXPECTED[name]}")
    typer.echo("\nResult:")
    for name, case in summary.items():
        files = [d for d in case["documents"] if d["path"]]
        typer.echo(f"  {name} {case['number']}: {case['state']}/{case['close_reason']} — {len(files)} PDFs")
    typer.echo(f"\nPDFs under {home / 'documents'}\nDatabase {home / 'wasnaker.db'}\nDone in {seconds:.1f} s")
    if failures:
        typer.echo("\n".join(failures), err=True)
        raise typer.Exit(1)
    return summary


def load_demo_data(rt, today: date) -> list[str]:
    """The demo's story and today's live cases, recorded through the services (no Prefect needed)."""
    from wasnaker import clock
    from wasnaker.services import workflow
    from wasnaker.services.registry import add_company

    with rt.session() as session:
        for company in COMPANIES:
            add_company(session, **company)
    numbers = []
    for steps in [*STORY.values(), *live_cases(today)]:
        number = None
        for trigger, actor, on, data in steps:
            day = date.fromisoformat(on)
            if trigger == "timers":
                workflow.run_timers(rt, clock.start_of_day(day, rt.settings.timezone))
                continue
            number = workflow.record(rt, trigger=trigger, actor=actor, on=day, now=clock.now(),
                                     case_number=number, data=data).case_number
        numbers.append(number)
    for doc_id in workflow.pending_documents(rt):
        workflow.render_document(rt, doc_id, clock.now())
    return numbers
