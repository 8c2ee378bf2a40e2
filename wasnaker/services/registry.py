"""Reference data: offices, officers, companies (with NIB/NPWP validation and CSV import)."""

import csv
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models import Company, Office, Officer
from wasnaker.domain import validation
from wasnaker.domain.errors import Conflict, InvalidData
from wasnaker.domain.vocabulary import Role

OFFICE_TEXT = ("code", "name", "province", "parent", "city", "address")
USERNAME = re.compile(r"[A-Za-z0-9._@-]{1,64}")  # a sign-in name: typed, listed, put in audit lines and headers


def add_office(session: Session, **fields) -> Office:
    """An office; its names print on every letterhead (one line each, no control character) and its time zone
    decides every date it records (an IANA name, e.g. Asia/Makassar)."""
    fields |= {k: validation.text(str(fields[k]), f"office {k}") for k in OFFICE_TEXT if fields.get(k)}
    if "timezone" in fields and not _time_zone(fields["timezone"]):
        raise InvalidData(f"unknown time zone {fields['timezone']!r}: use an IANA name, e.g. Asia/Jakarta")
    if session.exec(select(Office).where(Office.code == fields["code"])).first():
        raise Conflict(f"office {fields['code']!r} exists")
    office = Office(**fields)
    session.add(office)
    session.flush()
    return office


def _time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def add_officer(session: Session, *, office: Office, username: str, name: str, nip: str, role: str,
                rank: str = "", is_ppns: bool = False, email: str = "", added_by: str = "") -> Officer:
    try:
        role_value = Role(role)
    except ValueError:
        raise InvalidData(f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}") from None
    if role_value == Role.system:
        raise InvalidData("the system role is not given to people")
    if not USERNAME.fullmatch(username):
        shown = validation.visible(username[:80], keep="")
        raise InvalidData(f"username '{shown}': 1-64 letters, digits and . _ @ - only")
    if session.exec(select(Officer).where(Officer.username == username)).first():
        raise Conflict(f"officer {username!r} exists")
    name, rank = validation.text(name, "officer name"), validation.text(rank, "rank")
    officer = Officer(office_id=office.id, username=username, name=name, nip=validation.nip(nip), role=role_value,
                      rank=rank, is_ppns=is_ppns or role_value == Role.ppns,
                      email=validation.email(email) if email else "", added_by=added_by)
    session.add(officer)
    session.flush()
    return officer


def officer_row(officer: Officer, office_code: str) -> dict:
    return {"username": officer.username, "name": officer.name, "role": officer.role, "office": office_code,
            "ppns": officer.is_ppns, "rank": officer.rank, "email": officer.email, "active": officer.active,
            "added_by": officer.added_by}


def list_officers(session: Session, office: Office | None = None) -> list[dict]:
    """Every officer (of one office, if given), by office and then in the order they were added."""
    query = select(Officer, Office.code).join(Office, Office.id == Officer.office_id)
    if office is not None:
        query = query.where(Officer.office_id == office.id)
    return [officer_row(o, code) for o, code in session.exec(query.order_by(Office.code, Officer.id))]


def list_companies(session: Session) -> list[dict]:
    """Every registered company, by name."""
    return [{"name": c.name, "nib": c.nib, "npwp": c.npwp, "address": c.address, "email": c.email,
             "workforce": c.workforce} for c in session.exec(select(Company).order_by(Company.name, Company.nib))]


COMPANY_FIELDS = ("name", "nib", "npwp", "address", "province", "email", "kbli", "workforce", "head_name",
                  "head_title")


def add_company(session: Session, *, name: str, nib: str, npwp: str = "", workforce: int | str = 0,
                **fields) -> Company:
    nib = validation.nib(nib)
    if session.exec(select(Company).where(Company.nib == nib)).first():
        raise Conflict(f"a company with NIB {nib} exists")
    if not validation.text(name, "company name").strip():
        raise InvalidData("company name is empty")
    try:
        workforce = validation.number(int(workforce or 0), "workforce")
    except ValueError:
        raise InvalidData(f"workforce {workforce!r} is not a number") from None
    if workforce < 0:  # and a number past the column's range was a driver error, not a message
        raise InvalidData(f"workforce {workforce} is negative")
    fields = {k: validation.text(str(v), k.replace("_", " ")) for k, v in fields.items()
              if k in COMPANY_FIELDS and v not in (None, "")}
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
    return import_companies_csv(session, path.read_bytes(), path.name)


MAX_CSV_FIELD = 2000  # no field of the register is longer; a longer one is a wrong file, not a company


def import_companies_csv(session: Session, data: bytes, name: str) -> list[Company]:
    """Companies from the bytes of a CSV file (UTF-8, header name,nib,npwp,…): all rows or none; a file that is not
    UTF-8, is not a CSV or has an oversized field is refused whole, naming the line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidData(f"{name} is not UTF-8 text (byte {exc.start}): save it as \"CSV UTF-8\"") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InvalidData(f"{name}, line {reader.line_num + 1}: not a readable CSV row ({exc})") from None
    if not reader.fieldnames or "nib" not in reader.fieldnames or "name" not in reader.fieldnames:
        raise InvalidData(f"{name}: the first line must name the columns, at least name and nib")
    added = []
    for line, row in enumerate(rows, start=2):
        if too_long := [k for k, v in row.items() if k and len(v or "") > MAX_CSV_FIELD]:
            raise InvalidData(f"{name}, line {line}: {too_long[0]} is longer than {MAX_CSV_FIELD} characters")
        try:
            added.append(add_company(session, **{k: (v or "").strip() for k, v in row.items() if k}))
        except (InvalidData, Conflict, TypeError) as exc:
            raise InvalidData(f"{name}, line {line}: {exc}") from None
    return added


def search_companies(session: Session, query: str = "", limit: int = 50) -> list[Company]:
    """Companies whose NIB starts with, or whose name contains, the query (case-insensitive); by name."""
    statement = select(Company).order_by(Company.name).limit(limit)
    query = query.strip()
    if query:
        digits = validation.digits(query)
        name = Company.name.ilike(f"%{query}%")
        statement = statement.where(or_(Company.nib.startswith(digits), name) if digits.isdigit() else name)
    return list(session.exec(statement).all())
