"""The embedded defaults of `wasnaker init`: one UPTD office with its staff, so a fresh install can record cases
at once."""

from sqlmodel import Session, select

from models import Office
from wasnaker.services import registry
from wasnaker.services.repo import office_officers

DEFAULT_OFFICE = dict(
    code="UPTD-WIL.I", name="UPTD Pengawasan Ketenagakerjaan Wilayah I", province="Jawa Barat",
    parent="Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat", city="Bandung",
    address="Jl. Soekarno-Hatta No. 532, Bandung 40266", phone="(022) 7564073",
    email="uptd1.wasnaker@jabarprov.go.id", timezone="Asia/Jakarta",
)

DEFAULT_STAFF = [
    # username, name, NIP, role, rank, PPNS
    ("dewi", "Dewi Lestari, S.H.", "198703122010012007", "desk", "Penata Muda Tk. I (III/b)", False),
    ("budi", "Budi Santoso, S.T.", "198105172006041003", "inspector", "Penata Tk. I (III/d)", False),
    ("sari", "Sari Wulandari, S.H., M.H.", "198209232008012011", "ppns", "Pembina (IV/a)", True),
    ("hendra", "Drs. Hendra Gunawan, M.Si.", "197206081998031004", "head", "Pembina Tk. I (IV/b)", False),
    ("rahmat", "Ir. Rahmat Hidayat, M.M.", "196911121995031002", "kadis", "Pembina Utama Muda (IV/c)", False),
    ("kiki", "Kiki Amalia, S.E.", "199001052015032004", "coordinator", "Penata (III/c)", False),
]


def seed_defaults(session: Session) -> list[str]:
    """Idempotent: creates what is missing and names it."""
    created = []
    office = session.exec(select(Office).where(Office.code == DEFAULT_OFFICE["code"])).first()
    if office is None:
        office = registry.add_office(session, **DEFAULT_OFFICE)
        created.append(f"office {office.code}")
    present = {o.username for o in office_officers(session, office.id)}
    for username, name, nip, role, rank, ppns in DEFAULT_STAFF:
        if username not in present:
            registry.add_officer(session, office=office, username=username, name=name, nip=nip, role=role,
                                 rank=rank, is_ppns=ppns, added_by="wasnaker init")
            created.append(username)
    return created
