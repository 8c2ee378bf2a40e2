"""Every process checks, before its first unit of work, that the database is at this version's head revision.
Importing Alembic costs about 0.4 s, a quarter of a CLI command: the usual answer (yes, at the head) is found
without it — the head read from the revision files' own assignments, the database's revision by one query.
Only a database that is not at the head pays for Alembic (wasnaker.schema), to say why and what to run."""

import ast
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, inspect, text

import models
from wasnaker.domain.errors import WasnakerError

VERSIONS = Path(models.__file__).resolve().parent / "migrations" / "versions"


class SchemaError(WasnakerError):
    """The database cannot be used by this version: behind, unknown revision, or older than release 0.1.0."""


@lru_cache
def head_revision(versions: Path = VERSIONS) -> str | None:
    """The one revision no other revision revises (what Alembic calls the head)."""
    revisions, revised = set(), set()
    for path in versions.glob("*.py"):
        found = _assignments(path)
        if "revision" in found:
            revisions.add(found["revision"])
            down = found.get("down_revision") or ()
            revised.update((down,) if isinstance(down, str) else down)
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None  # none or several: let Alembic say what is wrong


def _assignments(path: Path) -> dict:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {target.id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)
            and target.id in ("revision", "down_revision")}


def recorded_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def require_current(engine: Engine) -> None:
    """Refuse to work on a database that is not at this version's head revision, saying what to run."""
    head = head_revision()
    if head is not None and recorded_revision(engine) == head:
        return
    from wasnaker import schema

    found = schema.status(engine)  # raises for a revision this version does not know
    if found.up_to_date:
        return
    if found.legacy:
        raise SchemaError("the database was made by wasnaker 0.1.0 and is not upgraded yet: run `wasnaker db upgrade`")
    if found.current is None:
        raise SchemaError("the database has no tables yet: run `wasnaker init`")
    raise SchemaError(f"the database is at schema revision {found.current}, this version needs {found.head}: "
                      "run `wasnaker db upgrade`")
