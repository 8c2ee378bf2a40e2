"""`wasnaker audit`: the tamper-evident audit trail of every case."""

import typer

from wasnaker.cli.common import emit, guarded

audit_app = typer.Typer(help="The tamper-evident audit trail (hash-chained events and document seals)",
                        no_args_is_help=True)


def _human(rows: list[dict]) -> str:
    broken = [r for r in rows if not r["intact"]]
    lines = [f"broken   {r['case']}: {r['broken']['link']} {r['broken']['id']} ({r['broken']['trigger']}): "
             f"{r['broken']['what']}" for r in broken]
    events = sum(r["events"] for r in rows)
    return "\n".join([*lines, f"{len(rows) - len(broken)} of {len(rows)} cases intact ({events} events, "
                               f"{sum(r['seals'] for r in rows)} document seals checked)"])


@audit_app.command("verify")
@guarded
def audit_verify(case: str = typer.Option(None, "--case", help="one case number (default: every case)"),
                 json_out: bool = typer.Option(False, "--json")):
    """Re-compute every case's hash chain; name the first broken link of each; exit 1 when any is broken."""
    from wasnaker.application.audit import verify
    from wasnaker.runtime import get_runtime

    rows = verify(get_runtime(), case)
    emit(rows, json_out, _human)
    if not all(r["intact"] for r in rows):
        raise typer.Exit(1)
