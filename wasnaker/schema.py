"""Schema revisions (Alembic, `models/migrations/`): bring a database to the head revision in one transaction,
adopt a database that release 0.1.0 built with `create_all`, refuse one this code does not know.

`wasnaker db upgrade` runs `upgrade`; so do `init` and `up`, and every test database is built by it. The check
every process makes before its first unit of work is `schema_guard.require_current`.
"""

import sqlite3
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
from sqlalchemy.exc import DBAPIError

from wasnaker.db import make_engine
from wasnaker.schema_guard import VERSIONS, SchemaError

MIGRATIONS = VERSIONS.parent  # models/migrations
BASELINE = "0001"  # release 0.1.0's schema
LEGACY_MARK = "case"  # a table every wasnaker database has: present without a revision = made by create_all
_UPGRADE_LOCK = 731_0001  # PostgreSQL advisory lock: two processes upgrading at once take turns


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
    rolls everything back: the database is left as it was. An SQLite database that holds data is copied first,
    under the same lock, so the copy is the database exactly as the upgrade found it."""
    with _migration_connection(engine) as conn:
        found = _status(conn)
        applied, backup = found.pending, None
        if found.legacy:
            _check_legacy(conn)
            applied = applied[1:]
        if found.pending and (found.current or found.legacy):
            backup = _backup(conn, found.head)
        try:
            if found.legacy:
                command.stamp(config(conn), BASELINE)
            if applied:
                command.upgrade(config(conn), "head")
        except DBAPIError as exc:
            raise SchemaError(f"the upgrade failed and was rolled back, nothing was changed: {exc.orig}") from exc
        _check_foreign_keys(conn)
        return Upgrade(found.current, found.head, applied, found.legacy, backup)


def _backup(conn: Connection, head_revision: str) -> Path | None:
    """SQLite: `VACUUM INTO` a copy beside the file. Through a connection of its own, outside SQLAlchemy (whose
    transactions would wait for the write lock this upgrade holds); WAL lets it read meanwhile."""
    name = conn.engine.url.database
    if conn.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    source = Path(name)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = source.with_name(f"{source.stem}.before-{head_revision}-{stamp}{source.suffix}")
    copier = sqlite3.connect(source)
    try:
        copier.execute("VACUUM INTO ?", (str(target),))
    finally:
        copier.close()
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
        engine = make_engine(f"sqlite:///{scratch}/head.db")
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
    found = inspect(conn)
    has_tables, has_record = found.has_table(LEGACY_MARK), found.has_table("alembic_version")
    if current is None and has_tables and has_record:
        raise SchemaError("the database has wasnaker's tables but its revision record (table alembic_version) is "
                          "empty, so which revision it is at cannot be told; restore the backup taken before the "
                          "last upgrade, or have an administrator record the revision")
    return Status(current, head(), tuple(reversed(pending)), current is None and has_tables)


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
            if sqlite:  # the pool must not hand out a connection with foreign keys off
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def _lock(conn: Connection, sqlite: bool) -> None:
    if not sqlite:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _UPGRADE_LOCK})
    elif not conn.connection.driver_connection.in_transaction:  # db.make_engine's engines BEGIN IMMEDIATE
        raise SchemaError("an SQLite engine not made by wasnaker.db.make_engine: its DDL would not be transactional")


def _check_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name == "sqlite" and (broken := conn.exec_driver_sql("PRAGMA foreign_key_check").all()):
        raise SchemaError(f"the upgrade would break {len(broken)} foreign key(s), first in table {broken[0][0]}; "
                          "nothing was changed")


def _check_legacy(conn: Connection) -> None:
    """A database without a revision is adopted only when its tables are release 0.1.0's: one older still lacks
    columns, one from a later release (its revision record lost) has columns 0.1.0 did not make."""
    expected = _baseline_columns()
    found = inspect(conn)
    present = {table: {c["name"] for c in _columns(found, table)} for table in expected}
    missing = [f"{t}.{c}" for t, columns in expected.items() for c in columns if c not in present[t]]
    extra = sorted(f"{t}.{c}" for t, columns in present.items() for c in columns - set(expected[t]))
    if extra:
        raise SchemaError(f"the database has no revision record but columns release 0.1.0 did not make "
                          f"({', '.join(extra)}): it is not a 0.1.0 database and is not adopted; restore the backup "
                          "taken before the last upgrade")
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
