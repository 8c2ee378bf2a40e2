"""Small lookups shared by the services. Raise NotFound with a clear message."""

from sqlalchemy import bindparam, true
from sqlmodel import Session, select

from models import Case, CaseEvent, CaseOfficer, Company, Document, Finding, Installation, Office, Officer, Timer
from wasnaker.domain.errors import NotFound
from wasnaker.domain.vocabulary import Role

SYSTEM = Officer(id=None, office_id=0, username="system", name="Sistem wasnaker", nip="", role=Role.system)


def officer(session: Session, username: str) -> Officer:
    """A person; the `system` actor is not one (only the timer sweep acts as the system)."""
    found = session.exec(select(Officer).where(Officer.username == username)).first()
    if not found or not found.active:
        raise NotFound(f"unknown officer {username!r}")
    return found


def installation_key(session: Session) -> str:
    """This database's installation key (models.Installation): what names its runs on a shared Prefect server."""
    return session.exec(select(Installation.key)).one()


def officers(session: Session, usernames: list[str]) -> list[Officer]:
    return [officer(session, u) for u in usernames]


def case(session: Session, number: str) -> Case:
    found = session.exec(select(Case).where(Case.number == number)).first()
    if not found:
        raise NotFound(f"unknown case {number!r}")
    return found


_CASE_FOR_ACT = (select(Case, Installation.key, Installation.reference_version)
                 .join(Installation, true()).where(Case.number == bindparam("number")))  # one row: the installation's
CASE_FOR_ACT = {True: _CASE_FOR_ACT.with_for_update(of=Case).execution_options(populate_existing=True),
                False: _CASE_FOR_ACT}  # built once: an act's first statement


def case_for_act(session: Session, number: str, *, lock: bool = True) -> tuple[Case, tuple[str, int]]:
    """The case, locked and read afresh (even when this session loaded it before: the act decides on it and its UPDATE
    checks this version), with the installation's (key, reference version) read in the same
    statement: what an act checks its copy of the officers and offices against (wasnaker.services.reference)."""
    found = session.exec(CASE_FOR_ACT[lock], params={"number": number}).first()
    if not found:
        raise NotFound(f"unknown case {number!r}")
    case, key, version = found
    return case, (key, version)


def company_by_nib(session: Session, nib: str) -> Company:
    found = session.exec(select(Company).where(Company.nib == nib)).first()
    if not found:
        raise NotFound(f"unknown company with NIB {nib!r}")
    return found


def office(session: Session, office_id: int) -> Office:
    return session.get(Office, office_id)


def office_by_code(session: Session, code: str) -> Office:
    found = session.exec(select(Office).where(Office.code == code)).first()
    if not found:
        raise NotFound(f"unknown office {code!r}")
    return found


def findings(session: Session, case_id: int) -> list[Finding]:
    return list(session.exec(select(Finding).where(Finding.case_id == case_id).order_by(Finding.no)))


def timers(session: Session, case_id: int) -> list[Timer]:
    return list(session.exec(select(Timer).where(Timer.case_id == case_id).order_by(Timer.id)))


def documents(session: Session, case_id: int) -> list[Document]:
    return list(session.exec(select(Document).where(Document.case_id == case_id).order_by(Document.id)))


def events(session: Session, case_id: int) -> list[CaseEvent]:
    return list(session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)))


def case_officers(session: Session, case_id: int) -> list[Officer]:
    query = select(Officer).join(CaseOfficer, CaseOfficer.officer_id == Officer.id)
    return list(session.exec(query.where(CaseOfficer.case_id == case_id).order_by(Officer.id)))


def office_officers(session: Session, office_id: int, role: Role | None = None) -> list[Officer]:
    query = select(Officer).where(Officer.office_id == office_id, Officer.active)
    if role:
        query = query.where(Officer.role == role)
    return list(session.exec(query.order_by(Officer.id)))
