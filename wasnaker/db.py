"""Engine and sessions. SQLite file by default; any SQLAlchemy URL through WASNAKER_DATABASE_URL."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, event
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session, create_engine

import models  # noqa: F401  (registers the tables)
from wasnaker.domain.errors import DatabaseUnavailable
from wasnaker.settings import get_settings


def make_engine(url: str, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_connect(dbapi_conn, _record):
    # the driver would BEGIN only before the first write, after the act had read the case and decided: two acts
    # could then both decide from the same state (SQLite ignores SELECT ... FOR UPDATE); we BEGIN ourselves
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _begin_immediate(conn):
    """Every transaction takes the write lock before its first read, so a second one waits (up to busy_timeout)
    for the first to commit and then reads what it wrote. Read-only sessions wait their turn too (WAL lets other
    tools read meanwhile): keep sessions short, never open across rendering or SMTP."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    if settings.db_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    return make_engine(settings.db_url, settings.echo_sql)


def init_db(engine: Engine | None = None):
    """Bring the database to the newest schema revision (creating it when empty, adopting one release 0.1.0
    made); returns a schema.Upgrade. A database this version does not know is refused (schema.SchemaError)."""
    from wasnaker import schema  # Alembic loads only where the schema is touched

    return schema.upgrade(engine or get_engine())


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error. A database that cannot be reached (a
    PostgreSQL restart, a dropped connection) or stays locked past the busy timeout ends the unit with
    DatabaseUnavailable — one clear line for the officer, never a driver traceback; nothing was written."""
    with unavailable_as_error(), Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def unavailable_as_error() -> Iterator[None]:
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip()
        reason = detail.splitlines()[0] if detail else type(exc).__name__
        raise DatabaseUnavailable(f"the database cannot be reached or is busy ({reason}); nothing was written: "
                                  "try again in a moment") from exc
