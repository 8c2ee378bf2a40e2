from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models._types import json_list_column, utc_column


class Timer(SQLModel, table=True):
    """A legal deadline as a row: its rule, start, due date, calendar and history.

    The sweep's questions have indexes led by the status (an equality, so they also serve PostgreSQL's generic
    plans of prepared statements, where a partial index on `status = 'running'` could not be proven to apply):
    running timers due, and those near their due date (reminders), by expires_at; closed timers still holding a
    deadline run (server mode's sync). They serve every question by status alone too. Checked by
    tests/services/test_hot_query_plans.py.
    """

    __table_args__ = (Index("ix_timer_status_expires_at", "status", "expires_at"),
                      Index("ix_timer_status_scheduled_run_id", "status", "scheduled_run_id"))

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    kind: str = Field(index=True)
    status: str = Field(description="wasnaker.domain.vocabulary.TimerStatus value")
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
