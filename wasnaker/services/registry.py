"""Reference data: offices, officers, companies (with NIB/NPWP validation and CSV import)."""

import csv
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models import Company, Office, Officer
from wasnaker.domain import validation
from wasnaker.domain.errors import Conflict, InvalidData
from wasnaker.domain.vocabulary import Role


def add_office(session: Session, **fields) -> Office:
    if session.exec(select(Office).where(Office.code == fields["code"])).first():
        raise Conflict(f"office {fields['code']!r} exists")
    office = Office(**fields)
    session.add(office)
    session.flush()
    return office


def add_officer(session: Session, *, office: Office, username: str, name: str, nip: str, role: str,
                rank: str = "", is_ppns: bool = False, email: str = "") -> Officer:
    try:
        role_value = Role(role)
    except ValueError:
        raise InvalidData(f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}") from None
    if role_value == Role.system:
        raise InvalidData("the system role is not given to people")
    if session.exec(select(Officer).where(Officer.username == username)).first():
        raise Conflict(f"officer {username!r} exists")
    officer = Officer(office_id=office.id, username=username, name=name, nip=validation.nip(nip), role=role_value,
                      rank=rank, is_ppns=is_ppns or role_value == Role.ppns,
                      email=validation.email(email) if email else "")
    session.add(officer)
    session.flush()
    return officer


COMPANY_FIELDS = ("name", "nib", "npwp", "address", "province", "email", "kbli", "workforce", "head_name",
                  "head_title")


def add_company(session: Session, *, name: str, nib: str, npwp: str = "", workforce: int | str = 0,
                **fields) -> Company:
    nib = validation.nib(nib)
    if session.exec(select(Company).where(Company.nib == nib)).first():
        raise Conflict(f"a company with NIB {nib} exists")
    if not name.strip():
        raise InvalidData("company name is empty")
    try:
        workforce = int(workforce or 0)
    except ValueError:
        raise InvalidData(f"workforce {workforce!r} is not a number") from None
    fields = {k: v for k, v in fields.items() if k in COMPANY_FIELDS and v not in (None, "")}
    if "email" in fields:
        fields["email"] = validation.email(fields["email"])
    company = Company(name=name.strip(), nib=nib, npwp=validation.npwp(npwp) if npwp else "", workforce=workforce,
                      **fields)
    session.add(company)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"a company with NIB {nib} exists") from None
    return company


def import_companies(session: Session, path: Path) -> list[Company]:
    """All rows or none: the first bad row aborts the import with its line number."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    added = []
    for line, row in enumerate(rows, start=2):
        try:
            added.append(add_company(session, **{k: (v or "").strip() for k, v in row.items() if k}))
        except (InvalidData, Conflict, TypeError) as exc:
            raise InvalidData(f"{path.name}, line {line}: {exc}") from None
    return added
