"""`wasnaker db`: the schema revision of the database — upgrade it, show where it stands, list the revisions."""

import typer

from wasnaker.cli.common import emit, guarded

db_app = typer.Typer(help="Database schema revisions (migrations)", no_args_is_help=True)


def _engine():
    from wasnaker.runtime import get_runtime

    return get_runtime().engine


@db_app.command("upgrade")
@guarded
def upgrade():
    """Apply every pending revision in one transaction (adopting a 0.1.0 database first); an SQLite database
    is copied beside itself before it changes. `init` and `up` do this by themselves."""
    from wasnaker.application.reference import upgrade_database
    from wasnaker.runtime import get_runtime

    typer.echo(upgrade_database(get_runtime()).summary())


@db_app.command("current")
@guarded
def current(json_out: bool = typer.Option(False, "--json")):
    """The database's revision, and what an upgrade would apply."""
    from wasnaker import schema

    found = schema.status(_engine())
    value = {"current": found.current, "head": found.head, "pending": list(found.pending), "legacy": found.legacy}
    emit(value, json_out, lambda v: _current_text(found))


def _current_text(found) -> str:
    if found.up_to_date:
        return f"{found.current} (head)"
    if found.legacy:
        return "none: made by wasnaker 0.1.0; `wasnaker db upgrade` adopts it"
    where = found.current or "none (empty database)"
    return f"{where}; pending: {', '.join(found.pending)}; run `wasnaker db upgrade`"


@db_app.command("history")
@guarded
def history(json_out: bool = typer.Option(False, "--json")):
    """Every revision, oldest first; the database's own is marked."""
    from wasnaker import schema

    current = schema.status(_engine()).current
    rows = [{**r, "current": r["revision"] == current} for r in schema.history()]
    emit(rows, json_out, lambda rs: "\n".join(
        f"{'*' if r['current'] else ' '} {r['revision']}  {r['message']}" for r in rs))


@db_app.command("revision")
@guarded
def revision(message: str = typer.Option(..., "--message", "-m", help="What the change does, in a few words")):
    """For developers: write the next revision from the models' difference with the head, to read and complete.
    Every model change ships one (a test compares the models with the head revision)."""
    from wasnaker import schema

    typer.echo(f"wrote {schema.new_revision(message)}: read it, complete any data migration, run the tests")
