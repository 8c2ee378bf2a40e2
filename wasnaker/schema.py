"""Schema revisions (Alembic, `models/migrations/`): bring a database to the head revision in one transaction,
adopt a database that release 0.1.0 built with `create_all`, refuse one this code does not know.

`wasnaker db upgrade` runs `upgrade`; so do `init` and `up`, and every test database is built by it.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, inspect, text

import models
from wasnaker.domain.errors import WasnakerError

MIGRATIONS = Path(models.__file__).resolve().parent / "migrations"
BASELINE = "0001"  # release 0.1.0's schema
LEGACY_MARK = "case"  # a table every wasnaker database has: present without a revision = made by create_all
_UPGRADE_LOCK = 731_0001  # PostgreSQL advisory lock: two processes upgrading at once take turns


class SchemaError(WasnakerError):
    """The database cannot be used by this version: unknown revision, or older than release 0.1.0."""


@dataclass(frozen=True)
class Status:
    current: str | None  # None: no revision recorded
    head: str
    pending: tuple[str, ...]  # revisions an upgrade would apply, oldest first
    legacy: bool  # made by release 0.1.0 (tables, no revision): an upgrade adopts it

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


@lru_cache
def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    return scripts().get_current_head()


def status(engine: Engine) -> Status:
    """Where the database stands; raises SchemaError for a revision this code does not know."""
    with engine.connect() as conn:
        return _status(conn)


@dataclass(frozen=True)
class Upgrade:
    before: str | None
    after: str
    applied: tuple[str, ...]  # revisions run, oldest first
    adopted: bool  # a release-0.1.0 database was stamped with the baseline, unchanged
    backup: Path | None = None  # SQLite: a copy of the database as it was, taken before changing it

    @property
    def changed(self) -> bool:
        return self.adopted or bool(self.applied)

    def summary(self) -> str:
        lines = [f"backup of the database as it was: {self.backup}"] if self.backup else []
        if self.adopted:
            lines.append("adopted the database of wasnaker 0.1.0 as revision 0001 (its tables unchanged)")
        if self.applied:
            lines.append(f"applied {', '.join(self.applied)}: the database is at revision {self.after}")
        return "\n".join(lines) or f"the database is already at revision {self.after}, the newest"


def upgrade(engine: Engine) -> Upgrade:
    """Apply every pending revision in one transaction, adopting a release-0.1.0 database first. Any failure
    rolls everything back: the database is left as it was. An SQLite database that holds data is copied first."""
    backup = _backup(engine)
    with _migration_connection(engine) as conn:
        found = _status(conn)
        applied = found.pending
        if found.legacy:
            _check_legacy(conn)
            command.stamp(config(conn), BASELINE)
            applied = applied[1:]
        if applied:
            command.upgrade(config(conn), "head")
        _check_foreign_keys(conn)
        return Upgrade(found.current, found.head, applied, found.legacy, backup)


def require_current(engine: Engine) -> None:
    """Refuse to work on a database that is not at this version's head revision, saying what to run."""
    found = status(engine)
    if found.up_to_date:
        return
    if found.legacy:
        raise SchemaError("the database was made by wasnaker 0.1.0 and is not upgraded yet: run `wasnaker db upgrade`")
    if found.current is None:
        raise SchemaError("the database has no tables yet: run `wasnaker init`")
    raise SchemaError(f"the database is at schema revision {found.current}, this version needs {found.head}: "
                      "run `wasnaker db upgrade`")


def _backup(engine: Engine) -> Path | None:
    """`VACUUM INTO` a dated copy beside the file, when an SQLite database with tables has revisions pending."""
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        return None
    found = status(engine)
    if not found.pending or (found.current is None and not found.legacy):
        return None
    source = Path(engine.url.database)
    target = source.with_name(f"{source.stem}.before-{found.head}-{datetime.now(UTC):%Y%m%dT%H%M%S}{source.suffix}")
    with engine.connect() as conn:
        conn.connection.driver_connection.execute("VACUUM INTO ?", (str(target),))
    return target


def history() -> list[dict]:
    """Every revision, oldest first."""
    revisions = reversed(list(scripts().walk_revisions()))
    return [{"revision": r.revision, "down_revision": r.down_revision, "message": (r.doc or "").splitlines()[0]}
            for r in revisions]


def new_revision(message: str) -> Path:
    """Write the next revision, autogenerated from what the models have that the head revision lacks (compared on
    a scratch SQLite database brought to the head): for developers, who then read and complete it."""
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{scratch}/head.db")
        upgrade(engine)
        with engine.begin() as conn:
            script = command.revision(config(conn), message=message, autogenerate=True,
                                      rev_id=f"{int(head()) + 1:04d}")
        engine.dispose()
    scripts.cache_clear()
    return Path(script.path)


def _status(conn: Connection) -> Status:
    current = MigrationContext.configure(conn).get_current_revision()
    try:
        pending = [r.revision for r in scripts().iterate_revisions("head", current)]
    except (CommandError, RevisionError):
        raise SchemaError(
            f"the database is at schema revision {current}, which this version of wasnaker does not know "
            f"(its newest is {head()}): a newer wasnaker upgraded it; run that version, or restore the backup "
            "taken before the upgrade") from None
    legacy = current is None and inspect(conn).has_table(LEGACY_MARK)
    return Status(current, head(), tuple(reversed(pending)), legacy)


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    """One connection, one transaction. SQLite: foreign keys off while batch mode copies tables (checked before
    commit instead), the write lock taken at BEGIN; PostgreSQL: an advisory lock serialises upgraders."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # only outside a transaction
        try:
            with conn.begin():
                _lock(conn, sqlite)
                yield conn
        finally:
            if sqlite:
                conn.invalidate()  # the pool must not hand out a connection with foreign keys off


def _lock(conn: Connection, sqlite: bool) -> None:
    if not sqlite:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK})
        return
    raw = conn.connection.driver_connection
    if not raw.in_transaction:  # the driver begins lazily (before DML only): DDL would autocommit
        raw.isolation_level = None
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _check_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name == "sqlite" and (broken := conn.exec_driver_sql("PRAGMA foreign_key_check").all()):
        raise SchemaError(f"the upgrade would break {len(broken)} foreign key(s), first in table {broken[0][0]}; "
                          "nothing was changed")


def _check_legacy(conn: Connection) -> None:
    """A database without a revision must have all of release 0.1.0's columns: one older still is refused."""
    expected = _baseline_columns()
    found = inspect(conn)
    missing = [f"{table}.{column}" for table, columns in expected.items()
               for column in columns if column not in {c["name"] for c in _columns(found, table)}]
    if missing:
        raise SchemaError(
            f"the database at {conn.engine.url.render_as_string(hide_password=True)} was created by a wasnaker "
            f"older than release 0.1.0 and lacks {', '.join(missing)}; it cannot be upgraded: start a fresh "
            "WASNAKER_HOME (or WASNAKER_DATABASE_URL)")


def _columns(found, table: str) -> list[dict]:
    return found.get_columns(table) if found.has_table(table) else []


@lru_cache
def _baseline_columns() -> dict[str, tuple[str, ...]]:
    """The tables and columns the baseline revision creates, read by running it on an in-memory database."""
    scratch = create_engine("sqlite://")
    with scratch.begin() as conn:
        command.upgrade(config(conn), BASELINE)
        found = inspect(conn)
        tables = [t for t in found.get_table_names() if t != "alembic_version"]
        return {t: tuple(c["name"] for c in found.get_columns(t)) for t in tables}
