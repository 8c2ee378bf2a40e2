"""`wasnaker report`: the reports of the coordinators' figures, written to a file."""

import os
import secrets
from datetime import date
from pathlib import Path

import typer

from wasnaker.cli.common import fail, guarded
from wasnaker.domain import validation

report_app = typer.Typer(help="Reports of the coordinators' figures (PDF or XLSX)", no_args_is_help=True)


def _day(text: str, option: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option} {text!r}: use YYYY-MM-DD (a real day, e.g. 2026-12-31)")
    return validation.calendar_date(day, option)


def _opened(out: Path):
    """A temporary file beside `out` (so the rename is atomic), opened before the report is computed so that an
    --out that cannot be written is told at once."""
    try:
        if out.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        return (out.parent / f".{out.name}.{secrets.token_hex(4)}.tmp").open("xb")  # the umask's mode, as `out`
    except OSError as exc:
        fail(f"--out {out}: cannot write it ({exc.strerror or exc})")


def _write(out: Path, make) -> int:
    """Write what `make()` returns to `out` through a temporary file renamed over it: a failure leaves no file."""
    temp = _opened(out)
    try:
        with temp:
            data = make()
            try:
                temp.write(data)
                temp.flush()
                os.fsync(temp.fileno())
                os.replace(temp.name, out)
            except OSError as exc:
                fail(f"--out {out}: cannot write it ({exc.strerror or exc})")
        return len(data)
    finally:
        Path(temp.name).unlink(missing_ok=True)


@report_app.command("rakornas")
@guarded
def rakornas(start: str = typer.Option(..., "--from", help="First day of the period (YYYY-MM-DD)"),
             end: str = typer.Option(..., "--to", help="Last day of the period (YYYY-MM-DD), included"),
             office: list[str] = typer.Option(None, "--office", help="Office code (repeatable; default: every office "
                                                                    "the officer sees)"),
             fmt: str = typer.Option(..., "--format", help="pdf | xlsx"),
             out: Path = typer.Option(..., "--out", help="The file to write"),
             by: str = typer.Option(..., "--by", help="Username of the officer the report is for (coordinator: "
                                                      "any office; head or kadis: their own)")):
    """The Rakornas report of a period: the funnel, stages per province and office, compliance, time per stage
    and workload, as a PDF with charts or an XLSX with one sheet per table."""
    from wasnaker import clock
    from wasnaker.application import reports
    from wasnaker.runtime import get_runtime

    if fmt not in reports.FORMATS:
        fail(f"--format {fmt!r}: use pdf or xlsx")
    first, last = _day(start, "--from"), _day(end, "--to")
    rt = get_runtime()
    who = reports.viewer(rt, by)
    size = _write(out, lambda: reports.rakornas_file(rt, who, first, last, office or None, fmt=fmt,
                                                     now=clock.now()))
    typer.echo(f"{out} ({size} bytes)")
