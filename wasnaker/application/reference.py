"""Reference data: the database with the embedded defaults (`wasnaker init`), offices and their configuration
files, officers, companies. Each call one transaction; all or nothing."""

from pathlib import Path

from wasnaker.db import init_db
from wasnaker.defaults import seed_defaults
from wasnaker.services import office_setup, registry, repo


def init_database(rt, with_defaults: bool = True) -> list[str]:
    """Create the tables (idempotent) and, by default, the default office and staff; names what it created."""
    init_db(rt.engine)
    if not with_defaults:
        return []
    with rt.session() as session:
        return seed_defaults(session)


def configure_office(rt, path: Path) -> str:
    """Apply an office's TOML file (letterhead, closures, numbering, copy lists, signatories, logo); its code."""
    with rt.session() as session:
        return office_setup.configure(session, path, rt.settings.home / "assets").code


def add_office(rt, **fields) -> None:
    """An office; `code` is the unit code in letter numbers."""
    with rt.session() as session:
        registry.add_office(session, **fields)


def add_officer(rt, *, office: str, username: str, name: str, nip: str, role: str, rank: str = "",
                is_ppns: bool = False, email: str = "") -> None:
    """An officer of the office with code `office`, with a role (desk, inspector, ppns, head, kadis, coordinator)."""
    with rt.session() as session:
        registry.add_officer(session, office=repo.office_by_code(session, office), username=username, name=name,
                             nip=nip, role=role, rank=rank, is_ppns=is_ppns, email=email)


def add_company(rt, **fields) -> dict:
    """A company (NIB and NPWP validated); its name, NIB and NPWP as stored."""
    with rt.session() as session:
        company = registry.add_company(session, **fields)
        return {"name": company.name, "nib": company.nib, "npwp": company.npwp}


def import_companies(rt, path: Path) -> int:
    """Companies from CSV, all rows or none; how many were added."""
    with rt.session() as session:
        return len(registry.import_companies(session, path))
