"""Databases as wasnaker 0.1.0 left them (tests/fixtures/release_0_1_0: its `create_all` and the demo's rows),
on SQLite and on PostgreSQL, with the PDFs it issued under a fresh home."""

import sqlite3
import tarfile
from pathlib import Path

import psycopg
import pytest

from tests.conftest import PG_ADMIN, _drop_pg, _pg_database

SNAPSHOT = Path(__file__).resolve().parents[1] / "fixtures" / "release_0_1_0"


def _sql(name: str, home: Path) -> str:
    text = (SNAPSHOT / name).read_text().replace("@@HOME@@", str(home))
    return "\n".join(line for line in text.splitlines() if not line.startswith("\\"))  # psql meta-commands


def load_sqlite(home: Path) -> str:
    home.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(home / "wasnaker.db")
    conn.executescript(_sql("sqlite.sql", home))
    conn.close()
    return f"sqlite:///{home / 'wasnaker.db'}"


def load_postgres(home: Path) -> tuple[str, str]:
    name, url = _pg_database()
    with psycopg.connect(f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}", autocommit=True) as conn:
        conn.execute(_sql("postgresql.sql", home))
        conn.execute("SELECT pg_catalog.set_config('search_path', 'public', false)")
    return name, url


def unpack_documents(home: Path) -> None:
    with tarfile.open(SNAPSHOT / "documents.tar.gz") as tar:
        tar.extractall(home, filter="data")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def kind(request) -> str:
    return request.param


@pytest.fixture
def release_0_1_0(kind, tmp_path):
    """(database URL, home): the 0.1.0 database and its PDFs."""
    home = tmp_path / "home"
    home.mkdir()
    unpack_documents(home)
    if kind == "sqlite":
        yield load_sqlite(home), home
        return
    name, url = load_postgres(home)
    yield url, home
    _drop_pg(name)


@pytest.fixture
def empty_url(kind, tmp_path):
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name, url = _pg_database()
    yield url
    _drop_pg(name)
