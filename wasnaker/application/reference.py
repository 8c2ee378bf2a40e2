"""Reference data: the database at this version's schema with the embedded defaults (`wasnaker init`), offices
and their configuration files, officers, companies. Each call one transaction; all or nothing."""

from pathlib import Path

from wasnaker.db import init_db
from wasnaker.defaults import seed_defaults
from wasnaker.domain.errors import InvalidData
from wasnaker.services import office_setup, registry, repo


def upgrade_database(rt):
    """Bring the database to this version's schema: created when empty, a 0.1.0 database adopted, pending revisions
    applied in one transaction; what was done (`schema.Upgrade`). A database this version does not know is
    refused (`schema.SchemaError`)."""
    return init_db(rt.engine)


def init_database(rt, with_defaults: bool = True) -> tuple:
    """`upgrade_database`, then (by default) the embedded default office and staff: what the upgrade did, and the
    defaults it created (named)."""
    upgraded = upgrade_database(rt)
    if not with_defaults:
        return upgraded, []
    with rt.session() as session:
        return upgraded, seed_defaults(session)


def configure_office(rt, path: Path) -> str:
    """Apply an office's TOML file (letterhead, closures, numbering, copy lists, signatories, logo); its code."""
    with rt.session() as session:
        return office_setup.configure(session, path, rt.settings.home / "assets").code


def add_office(rt, **fields) -> None:
    """An office; `code` is the unit code in letter numbers."""
    with rt.session() as session:
        registry.add_office(session, **fields)


# Who signs, assigns and investigates: giving these is an administrator's act, recorded with who did it.
PRIVILEGED_ROLES = ("head", "kadis", "ppns")


def add_officer(rt, *, office: str, username: str, name: str, nip: str, role: str, rank: str = "",
                is_ppns: bool = False, email: str = "", by: str = "") -> None:
    """An officer of the office with code `office`, with a role (desk, inspector, ppns, head, kadis, coordinator),
    added by `by` (the administrator), who must be named for the head, the kadis or a PPNS."""
    by = by.strip()
    if not by and (role in PRIVILEGED_ROLES or is_ppns):
        raise InvalidData(f"adding a {'PPNS' if is_ppns or role == 'ppns' else role} is an administrator's act: "
                          "name yourself with --by")
    with rt.session() as session:
        registry.add_officer(session, office=repo.office_by_code(session, office), username=username, name=name,
                             nip=nip, role=role, rank=rank, is_ppns=is_ppns, email=email, added_by=by)


def list_officers(rt, office: str | None = None) -> list[dict]:
    """Every officer (of the office with code `office`, if given): username, name, role, office, PPNS, who added
    them."""
    with rt.session() as session:
        return registry.list_officers(session, repo.office_by_code(session, office) if office else None)


def list_companies(rt) -> list[dict]:
    """Every registered company, by name."""
    with rt.session() as session:
        return registry.list_companies(session)


def add_company(rt, **fields) -> dict:
    """A company (NIB and NPWP validated); its name, NIB and NPWP as stored."""
    with rt.session() as session:
        company = registry.add_company(session, **fields)
        return {"name": company.name, "nib": company.nib, "npwp": company.npwp}


def import_companies(rt, path: Path) -> int:
    """Companies from CSV, all rows or none; how many were added."""
    with rt.session() as session:
        return len(registry.import_companies(session, path))


def import_companies_csv(rt, data: bytes, name: str) -> int:
    """Companies from an uploaded CSV file's bytes, all rows or none; how many were added."""
    with rt.session() as session:
        return len(registry.import_companies_csv(session, data, name))


def search_companies(rt, query: str = "", limit: int = 50) -> list[dict]:
    """The company register, searched by NIB or name."""
    with rt.session() as session:
        return [{k: getattr(c, k) for k in registry.COMPANY_FIELDS}
                for c in registry.search_companies(session, query, limit)]
