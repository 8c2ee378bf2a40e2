"""The world the lifecycle machine acts on: a SQLite file database seeded once per process and copied for each
example (two offices, their staff, two companies), the application runtime on it, and what the invariants read:
every table's rows, the case events, the timers, the numbers."""

import atexit
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import text

from tests.conftest import seed_reference
from wasnaker.db import init_db, make_engine, session_scope
from wasnaker.demo.story import COMPANIES
from wasnaker.runtime import Runtime
from wasnaker.services import registry, repo
from wasnaker.settings import Settings

START = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # Monday 2 March 2026, 10.00 WIB
TZ = "Asia/Jakarta"
NIBS = ("9120001234567", "9120007654321", "9120005550001")

# Office A (seed_reference): dewi desk, budi inspector, sari PPNS, hendra head, kadis, kiki coordinator; and tono,
# an inspector who is no PPNS. Office B: its own staff, who may not act on office A's cases.
OFFICE_A_EXTRA = [("tono", "Tono Prasetyo", "inspector")]
OFFICE_B = [("wulan", "Wulan Sari", "inspector"), ("bayu", "Bayu Aji", "ppns"), ("rina", "Rina Marlina", "head"),
            ("yanto", "Yanto Kusuma", "kadis"), ("eka", "Eka Putri", "desk")]
PEOPLE = ("dewi", "budi", "sari", "hendra", "kadis", "kiki", "tono", *(u for u, _, _ in OFFICE_B))
STRANGERS = ("system", "nobody")  # the system is no person; nobody is no officer


def _seed(engine) -> None:
    seed_reference(engine)
    with session_scope(engine) as s:
        office_a = repo.office_by_code(s, "UPTD-WIL.I")
        office_b = registry.add_office(
            s, code="UPTD-WIL.II", name="UPTD Pengawasan Ketenagakerjaan Wilayah II", province="Jawa Barat",
            parent="Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat", city="Bogor",
            address="Jl. Pajajaran No. 10, Bogor", timezone=TZ)
        registry.add_company(s, **COMPANIES[2])  # the demo story's third company (case C)
        staff = [(office_a, *o) for o in OFFICE_A_EXTRA] + [(office_b, *o) for o in OFFICE_B]
        for i, (office, user, name, role) in enumerate(staff):
            registry.add_officer(s, office=office, username=user, name=name, nip=f"19850101201001100{i}",
                                 role=role, rank="Penata (III/c)")


@cache
def template() -> Path:
    """The seeded database, built once per process; each example works on a copy."""
    folder = Path(tempfile.mkdtemp(prefix="wasnaker-stateful-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    init_db(engine)
    _seed(engine)
    engine.dispose()
    return path


@dataclass
class World:
    """One example's database and runtime, and the clock the machine moves."""

    folder: Path
    rt: Runtime
    now: datetime = START
    swept_at: datetime | None = None
    events: list[tuple] = field(default_factory=list)  # every case event seen so far, as stored
    verified: dict[int, tuple] = field(default_factory=dict)  # case id -> what its chain was verified at

    @classmethod
    def fresh(cls) -> "World":
        folder = Path(tempfile.mkdtemp(prefix="wasnaker-example-"))
        shutil.copyfile(template(), folder / "wasnaker.db")
        engine = make_engine(f"sqlite:///{folder / 'wasnaker.db'}")
        return cls(folder, Runtime(Settings(home=folder), engine))

    def close(self) -> None:
        self.rt.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    def rows(self, sql: str, **params) -> list:
        with self.rt.engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of every table, in storage order: equal before and after means nothing was written."""
        with self.rt.engine.connect() as conn:
            names = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))]
            return {name: [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}" ORDER BY rowid'))]
                    for name in sorted(names)}

    def case_numbers(self) -> list[str]:
        return [r[0] for r in self.rows("SELECT number FROM \"case\" ORDER BY id")]

    def state_of(self, number: str) -> str:
        return self.rows('SELECT state FROM "case" WHERE number = :n', n=number)[0][0]

    def assigned(self, number: str) -> list[str]:
        return [r[0] for r in self.rows(
            'SELECT o.username FROM caseofficer c JOIN officer o ON o.id = c.officer_id JOIN "case" k ON '
            "k.id = c.case_id WHERE k.number = :n ORDER BY o.id", n=number)]

    def finding_count(self, number: str) -> int:
        return self.rows('SELECT count(*) FROM finding f JOIN "case" k ON k.id = f.case_id WHERE k.number = :n',
                         n=number)[0][0]

    def outward_notices(self) -> list[int]:
        return [r[0] for r in self.rows("SELECT id FROM notice WHERE audience != 'internal' AND document_id IS NOT "
                                        "NULL ORDER BY id")]
