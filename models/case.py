from datetime import date, datetime

from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from models._types import json_column, json_list_column, utc_column
from wasnaker.domain.vocabulary import FindingStatus


class Case(SQLModel, table=True):
    """A case has one main state, written only by the service door (wasnaker.services.transitions)."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, index=True)
    office_id: int = Field(foreign_key="office.id", index=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    state: str = Field(index=True)
    close_reason: str | None = None
    regime: str
    origin: str = Field(description="complaint | planned")
    opened_on: date
    closed_on: date | None = None
    details: dict = Field(default_factory=dict, sa_column=json_column())
    created_at: datetime = Field(sa_column=utc_column())
    version: int = Field(0, description="bumped by every act; a stale one is refused")

    @declared_attr
    def __mapper_args__(cls):
        # every UPDATE of a case carries `AND version = <the version read>`: of two acts decided on the same
        # reading only the first matches a row. Only the door bumps it (no generator), so other writes keep it.
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


class CaseOfficer(SQLModel, table=True):
    case_id: int = Field(foreign_key="case.id", primary_key=True)
    officer_id: int = Field(foreign_key="officer.id", primary_key=True)


class Complaint(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", unique=True)
    complainant_name: str
    complainant_contact: str = ""
    channel: str = "walk-in"
    summary: str
    norms: list = Field(default_factory=list, sa_column=json_list_column())
    evidence: list = Field(default_factory=list, sa_column=json_list_column())
    received_on: date
    consents: bool = Field(False, description="identity may appear in letters to the company")


class Finding(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    no: int
    norm: str
    article: str
    facts: str
    corrective_order: str
    workers_affected: int = 0
    amount: int | None = None
    workers: list = Field(default_factory=list, sa_column=json_list_column())
    status: str = Field(FindingStatus.open, description="wasnaker.domain.vocabulary.FindingStatus value")
    recorded_on: date


# Nothing but the service door writes Case.state: the door opens this gate for the duration of one trigger.
from contextvars import ContextVar  # noqa: E402

from sqlalchemy import event  # noqa: E402

STATE_DOOR: ContextVar[bool] = ContextVar("wasnaker_state_door", default=False)


class StateWriteOutsideDoor(RuntimeError):
    pass


@event.listens_for(Case.state, "set")
def _only_the_door_writes_state(target, value, oldvalue, initiator):
    if not STATE_DOOR.get():
        raise StateWriteOutsideDoor("Case.state is written only by wasnaker.services.transitions.apply_trigger")
