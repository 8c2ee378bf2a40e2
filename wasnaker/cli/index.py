"""`wasnaker index`: the performance index's indicators, targets and weights (policy, a TOML file)."""

from pathlib import Path

import typer

from wasnaker.application import figures
from wasnaker.cli.common import fail, guarded

index_app = typer.Typer(help="The performance index of the inspection offices (indicators and weights)",
                        no_args_is_help=True)


@index_app.command("template")
def template():
    """Print the default index as the TOML file to edit (put it in force with WASNAKER_INDEX_FILE)."""
    typer.echo(figures.index_template(), nl=False)


@index_app.command("check")
@guarded
def check(path: Path = typer.Argument(..., help="The index file (TOML)")):
    """Validate an index file: every indicator a known measure, once, with a weight and a fitting target."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})")
    found = figures.check_index(text, str(path))
    total = sum(i["weight"] for i in found["indicators"])
    typer.echo(f"{path}: {found['name']}, {len(found['indicators'])} indicators")
    for i in found["indicators"]:
        typer.echo(f"  {i['measure']:<26} weight {i['weight']:g} ({i['weight'] / total:.0%})  target {i['target']:g}"
                   f"  {i['label']}")
