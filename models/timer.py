from datetime import date, datetime

from sqlmodel import Field, SQLModel

from models._types import json_list_column, utc_column


class Timer(SQLModel, table=True):
    """A legal deadline as a row: its rule, start, due date, calendar and history."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    kind: str = Field(index=True)
    status: str = Field(index=True, description="wasnaker.domain.vocabulary.TimerStatus value")
    length: int
    unit: str
    roll_forward: bool
    calendar: str = ""
    rule_text: str = ""
    start_date: date | None = None
    due_date: date | None = None
    expires_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    document_id: int | None = Field(default=None, foreign_key="document.id")
    opened_on: date
    closed_on: date | None = None
    reminded_on: date | None = None
    scheduled_for: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    scheduled_run_id: str | None = Field(default=None, description="Prefect flow run firing this deadline")
    expired_handled_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    history: list = Field(default_factory=list, sa_column=json_list_column())
