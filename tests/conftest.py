"""Shared fixtures: a real database (SQLite file and the machine's PostgreSQL), seeded reference data."""

import os
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.prefect_server import boot, prefect_api, stop_booted  # noqa: F401 - prefect_api: one server per session
from wasnaker.db import init_db, make_engine, session_scope
from wasnaker.services import registry

# Every test under these folders runs a real Prefect server (harness or `prefect server start`), a real browser or
# processes killed at random (tests/crash):
# slow by default, so `pytest -m "not slow"` is the inner loop and plain `pytest` (CI) runs them too.
SLOW_DIRS = tuple(Path(__file__).resolve().parent / name for name in ("integration", "flows", "browser", "crash"))

PG_ADMIN = os.environ.get("WASNAKER_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def pytest_collection_modifyitems(items):
    for item in items:
        if any(item.path.resolve().is_relative_to(folder) for folder in SLOW_DIRS):
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session):
    """The session's Prefect server starts booting now if a selected test needs it (the first such test then waits
    only for what is left of its 10-25 s start), not when that test asks for it."""
    if any("prefect_api" in getattr(item, "fixturenames", ()) for item in session.items):
        boot(session.config._tmp_path_factory.mktemp("prefect-server"))


# A database at the head revision, made once per session, that `engine` copies (the copies share its installation
# key: none of them schedules runs on a Prefect server).
_MIGRATED: list[str] = []


def _pg_database(migrated: bool = False):
    """A fresh database on the local server (empty, or a copy of one at the head revision: copying is cheaper than
    migrating each time); under CI=true (and always here) an unreachable server fails."""
    name = f"wasnaker_test_{uuid.uuid4().hex[:10]}"
    template = f' TEMPLATE "{_migrated_template()}"' if migrated else ""
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{template}')
    return name, _pg_url(name)


def _pg_url(name: str) -> str:
    return f"{PG_ADMIN.rsplit('/', 1)[0].replace('postgresql://', 'postgresql+psycopg://')}/{name}"


def _migrated_template() -> str:
    if not _MIGRATED:
        name, url = _pg_database()
        eng = make_engine(url)
        init_db(eng)
        eng.dispose()  # a template must have no connection open when it is copied
        _MIGRATED.append(name)
    return _MIGRATED[0]


def pytest_sessionfinish(session):
    stop_booted()  # booted for a test that never ran (-x, a failure before it)
    for name in _MIGRATED:
        _drop_pg(name)


def _drop_pg(name):
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'wasnaker.db'}")
        init_db(eng)
        yield eng
        eng.dispose()
        return
    name, url = _pg_database(migrated=True)
    eng = make_engine(url)
    init_db(eng)  # already at the head revision: only checked
    yield eng
    eng.dispose()
    _drop_pg(name)


@pytest.fixture
def sqlite_engine(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'wasnaker.db'}")
    init_db(eng)
    yield eng
    eng.dispose()


def seed_reference(eng):
    """One office (WIB), its staff, two companies."""
    with session_scope(eng) as s:
        office = registry.add_office(
            s, code="UPTD-WIL.I", name="UPTD Pengawasan Ketenagakerjaan Wilayah I", province="Jawa Barat",
            parent="Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat", city="Bandung",
            address="Jl. Soekarno-Hatta No. 532, Bandung", timezone="Asia/Jakarta")
        staff = [("dewi", "Dewi Lestari", "desk", False), ("budi", "Budi Santoso", "inspector", False),
                 ("sari", "Sari Wulandari", "ppns", True), ("hendra", "Hendra Gunawan", "head", False),
                 ("kadis", "Ir. Rahmat Hidayat", "kadis", False), ("kiki", "Kiki Amalia", "coordinator", False)]
        for i, (user, name, role, ppns) in enumerate(staff):
            registry.add_officer(s, office=office, username=user, name=name, nip=f"19800101200501100{i}",
                                 role=role, rank="Penata Tk. I (III/d)", is_ppns=ppns)
        registry.add_company(s, name="PT Sinar Tekstil Nusantara", nib="9120001234567", npwp="012345678901000",
                             address="Jl. Industri No. 5, Cimahi", head_name="Andi Wijaya",
                             head_title="Direktur Utama", workforce=250)
        registry.add_company(s, name="CV Maju Jaya", nib="9120007654321", address="Jl. Raya Dayeuhkolot 12")


@pytest.fixture
def seeded(engine):
    seed_reference(engine)
    return engine
