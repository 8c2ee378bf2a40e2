"""A database that cannot be reached, or stays locked, ends a unit of work with one clear message — never a
driver traceback — and nothing half-written: the officer tries again."""

import sqlite3
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from typer.testing import CliRunner

from tests.conftest import seed_reference
from tests.helpers import COMPLAINT, NOW, fingerprint
from wasnaker.cli.main import app as cli_app
from wasnaker.db import make_engine, session_scope
from wasnaker.domain.errors import DatabaseUnavailable
from wasnaker.runtime import runtime_for
from wasnaker.services.transitions import apply_trigger
from wasnaker.settings import Settings
from wasnaker.web.app import create_app

DOWN = "postgresql+psycopg://wasnaker@127.0.0.1:1/nowhere?connect_timeout=2"  # nothing listens on port 1


def test_the_cli_says_the_database_cannot_be_reached_in_one_line(tmp_path, monkeypatch):
    from wasnaker.runtime import reset_caches

    monkeypatch.setenv("WASNAKER_HOME", str(tmp_path))
    monkeypatch.setenv("WASNAKER_DATABASE_URL", DOWN)
    reset_caches()
    try:
        result = CliRunner().invoke(cli_app, ["case", "list"])
    finally:
        reset_caches()
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the database cannot be reached or is busy")
    assert "try again" in lines[0] and "Traceback" not in result.output


def test_the_web_app_answers_coba_lagi_while_the_database_is_down(tmp_path):
    rt = runtime_for(Settings(home=tmp_path, environment="test", database_url=DOWN))
    client = TestClient(create_app(runtime=lambda: rt), cookies={"wasnaker_sesi": "x"})
    answer = client.get("/perkara")
    assert answer.status_code == 503 and "Coba lagi sebentar lagi" in answer.text


def test_a_database_locked_past_the_busy_timeout_is_refused_whole(sqlite_engine):
    seed_reference(sqlite_engine)
    before = fingerprint(sqlite_engine)
    path = sqlite_engine.url.database
    engine = make_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout=200"))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with pytest.raises(DatabaseUnavailable, match="database is locked"):
            with session_scope(engine) as s:
                apply_trigger(session=s, trigger="file_complaint", actor="dewi", on=date(2026, 3, 2), now=NOW,
                              data=COMPLAINT)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        engine.dispose()
    assert fingerprint(sqlite_engine) == before
