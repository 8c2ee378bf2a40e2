"""`wasnaker` command line. Every command goes through the service layer; nothing here holds rules."""

import typer

from wasnaker.cli import audit, cases, database, index, notices, reference, reports, users
from wasnaker.cli.common import as_of_moment, emit, fail, guarded, parse_choice, parse_date
from wasnaker.domain import validation
from wasnaker.domain.lifecycle_render import RENDERERS
from wasnaker.domain.vocabulary import TimerStatus

app = typer.Typer(help="wasnaker — labour-law enforcement cases (Pengawasan Ketenagakerjaan & PPNS)",
                  no_args_is_help=True, add_completion=False)
lifecycle_app = typer.Typer(help="The lifecycle table", no_args_is_help=True)
timers_app = typer.Typer(help="Deadline timers", no_args_is_help=True)
documents_app = typer.Typer(help="Issued documents", no_args_is_help=True)

app.add_typer(reference.company_app, name="company")
app.add_typer(reference.office_app, name="office")
app.add_typer(reference.officer_app, name="officer")
app.add_typer(cases.case_app, name="case")
app.add_typer(cases.complaint_app, name="complaint")
app.add_typer(lifecycle_app, name="lifecycle")
app.add_typer(timers_app, name="timers")
app.add_typer(documents_app, name="documents")
app.add_typer(notices.notices_app, name="notices")
app.add_typer(database.db_app, name="db")
app.add_typer(users.user_app, name="user")
app.add_typer(audit.audit_app, name="audit")
app.add_typer(index.index_app, name="index")
app.add_typer(reports.report_app, name="report")
app.command("apply")(cases.apply)
app.command("init")(reference.init)


@app.command()
def demo(home: str = typer.Option(None, help="Folder for the demo's database and PDFs (default: a fresh one "
                                                 "under WASNAKER_HOME/demo)")):
    """Seed an office and drive three cases through the ladder with Prefect flows; print where the PDFs are."""
    from wasnaker.demo.narrated import run_demo

    run_demo(home)


@app.command()
@guarded
def up(demo: bool = typer.Option(False, "--demo", help="First load the demo data: the story of early 2026 and "
                                                       "cases still running today"),
       port: int = typer.Option(None, help="Prefect server port (default 4200, WASNAKER_PREFECT_PORT)")):
    """Start the system: database, Prefect server (UI) on 127.0.0.1, every deployment served, missed deadlines
    caught up and upcoming ones scheduled. Ctrl-C stops everything."""
    from wasnaker.supervisor import run_system

    run_system(demo=demo, port=port)


@app.command()
@guarded
def worker(name: str = typer.Option(None, help="Worker name (default: this host's name)")):
    """Join the work pool of a `wasnaker up` started with WASNAKER_WORKERS (on another machine): a Prefect process
    worker taking its runs. Needs PREFECT_API_URL (the server), WASNAKER_DATABASE_URL (the shared database) and
    WASNAKER_HOME on storage every worker shares (the PDFs). Ctrl-C stops it."""
    from wasnaker.supervisor import run_worker

    run_worker(name)


@app.command()
def web(port: int = typer.Option(None, help="Port (default 8000, WASNAKER_WEB_PORT)"),
        host: str = typer.Option("127.0.0.1", help="Address to listen on (put a TLS proxy in front in production)")):
    """Serve the officers' web app (sign in at /masuk) and the pages companies open from their e-mail, alone in
    embedded mode: an act's letters are rendered by the app's background worker."""
    import uvicorn

    from wasnaker.runtime import get_runtime

    chosen = port or get_runtime().settings.web_port
    typer.echo(f"wasnaker web: http://{host}:{chosen}/masuk (Ctrl-C to stop)")
    uvicorn.run("wasnaker.web.app:app", host=host, port=chosen, log_level="warning")


@lifecycle_app.command("show")
def lifecycle_show(format: str = typer.Option("md", "--format", "-f", help="md | mermaid | json")):
    """Print the lifecycle table (the README's table and diagram are generated from it)."""
    if format not in RENDERERS:
        typer.echo(f"error: unknown format {format!r}; use md, mermaid or json", err=True)
        raise typer.Exit(2)
    typer.echo(RENDERERS[format](), nl=False)


@lifecycle_app.command("readme")
def lifecycle_readme(path: str = typer.Argument("README.md")):
    """Regenerate the README's lifecycle table, diagram and timer table from the code."""
    from pathlib import Path

    from wasnaker.readme import update

    try:
        typer.echo(f"{path}: {'updated' if update(Path(path)) else 'already in sync'}")
    except OSError as exc:
        fail(f"{path}: cannot read or write it ({exc.strerror})")


@timers_app.command("run")
@guarded
def timers_run(as_of: str = typer.Option(None, "--as-of", help="Run as of the start of this date (YYYY-MM-DD) "
                                                                 "in the office time zone; default: now"),
               json_out: bool = typer.Option(False, "--json")):
    """Handle every expired timer exactly once (twice running changes nothing)."""
    from wasnaker.application.sweep import sweep
    from wasnaker.runtime import get_runtime

    rt = get_runtime()
    result = sweep(rt, as_of_moment(as_of, rt.settings.timezone))
    emit(result, json_out, lambda r: "\n".join(
        [f"{h['case']}: {h['timer']} due {h['due']} -> {h['action']}" for h in r["handled"]]
        + [f"timer {f['timer_id']}: not recorded ({f['failed']})" for f in r["failed"]]
        + ([f"{r['due']} due timers handled by expire-timers runs: {r['batch_runs']}"] if r.get("batch_runs") else [])
        or ["no timer expired"]))


@timers_app.command("list")
@guarded
def timers_list(status: str = typer.Option(None, help=" | ".join(TimerStatus)),
                json_out: bool = typer.Option(False, "--json")):
    """Deadlines, soonest first."""
    from wasnaker.application.sweep import list_timers
    from wasnaker.runtime import get_runtime

    rows = list_timers(get_runtime(), parse_choice(status, TimerStatus, "--status"))
    emit(rows, json_out, lambda rs: "\n".join(
        f"{r['case']:28} {r['kind']:24} {r['status']:16} due {r['due'] or '-'}" for r in rs) or "no timers")


@documents_app.command("list")
@guarded
def documents_list(case: str = typer.Option(None, "--case"), json_out: bool = typer.Option(False, "--json")):
    """Documents with their numbers, hashes and files."""
    from wasnaker.application.documents import list_documents
    from wasnaker.runtime import get_runtime

    rows = list_documents(get_runtime(), case)
    emit(rows, json_out, lambda rs: "\n".join(
        f"{r['case']:28} {r['kind']:24} {r['status']:9} {r['number'] or '(draft)':34} {r['path'] or ''}"
        for r in rs) or "no documents")


@documents_app.command("verify")
@guarded
def documents_verify(json_out: bool = typer.Option(False, "--json")):
    """Re-check every issued PDF against its recorded sha256; exit 1 when any is missing or altered."""
    from wasnaker.application.documents import verify
    from wasnaker.runtime import get_runtime

    rows = verify(get_runtime())
    bad = [r for r in rows if r["status"] != "ok"]
    emit(rows, json_out, lambda rs: "\n".join(f"{r['status']:9} {r['number']:40} {r['path']}" for r in bad)
         + f"\n{len(rs) - len(bad)} of {len(rs)} documents intact")
    if bad:
        raise typer.Exit(1)


@documents_app.command("preview")
@guarded
def documents_preview(kind: str, out: str = typer.Option(".", "--out", help="Folder for the PDF and PNG pages"),
                      dpi: int = typer.Option(100)):
    """Render a kind from its example data (document_templates/KIND/example.json) to PDF and PNG pages."""
    from pathlib import Path

    from wasnaker.application.documents import preview
    from wasnaker.runtime import get_runtime

    if not 10 <= dpi <= 600:
        fail(f"--dpi {dpi}: between 10 and 600")
    typer.echo("\n".join(map(str, preview(get_runtime(), kind, Path(out), dpi))))


@documents_app.command("chronology")
@guarded
def documents_chronology(case: str, by: str = typer.Option(..., "--by"), on: str = typer.Option(None, "--on"),
                         json_out: bool = typer.Option(False, "--json")):
    """Issue the court-ready chronology of a case (every event, document and timer) as a numbered PDF."""
    from wasnaker import clock
    from wasnaker.application.documents import issue_chronology
    from wasnaker.runtime import get_runtime

    rt = get_runtime()
    issued = issue_chronology(rt, case, actor=by, on=parse_date(on, rt.settings.timezone), now=clock.now())
    emit(issued, json_out, lambda r: f"{r['number']}  {r['path']}")


@documents_app.command("correct")
@guarded
def documents_correct(number: str, by: str = typer.Option(..., "--by"), reason: str = typer.Option(..., "--reason"),
                      data_json: str = typer.Option(..., "--data-json", help="Context keys to change, as JSON"),
                      on: str = typer.Option(None, "--on"), json_out: bool = typer.Option(False, "--json")):
    """Issue a corrected letter: a new number, citing the one it replaces; the original stays as issued."""
    from wasnaker import clock
    from wasnaker.application.documents import correct
    from wasnaker.cli.common import parse_data
    from wasnaker.runtime import get_runtime

    rt = get_runtime()
    issued = correct(rt, number, actor=by, on=parse_date(on, rt.settings.timezone), now=clock.now(),
                     changes=parse_data(None, data_json), reason=reason)
    emit(issued, json_out, lambda r: f"{r['number']}  {r['path']}")


@documents_app.command("render")
@guarded
def documents_render(case: str = typer.Option(None, "--case")):
    """Render reserved documents that are not rendered yet (after a failure); issued ones are never re-rendered."""
    from wasnaker import clock
    from wasnaker.application.documents import render_pending
    from wasnaker.runtime import get_runtime

    for r in render_pending(get_runtime(), clock.now(), case):
        typer.echo(f"{r['number']}  {r['path']}")


def main(args: list[str] | None = None) -> None:
    """The `wasnaker` program. A command line that cannot be parsed (an unknown option, a value of the wrong type,
    a missing argument) is refused like any other input: one `error:` line naming the command, exit 2, instead of
    a usage box; `wasnaker` alone, or a group alone, still prints its help."""
    try:
        from typer._click import exceptions as parsing  # Typer >= 0.2x carries its own copy of Click
    except ImportError:  # pragma: no cover - an older Typer uses Click itself
        from click import exceptions as parsing

    try:
        code = app(args=args, prog_name="wasnaker", standalone_mode=False)
    except parsing.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help())
        code = 0
    except parsing.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "wasnaker"
        message = " ".join(exc.format_message().split())
        typer.echo(f"error: {where}: {validation.visible(message, keep='')}", err=True)
        code = 2
    except parsing.Abort:
        typer.echo("aborted", err=True)
        code = 1
    raise SystemExit(code if type(code) is int else 0)  # a command returns None; typer.Exit(n) gives n


if __name__ == "__main__":
    main()
