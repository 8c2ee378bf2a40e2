from datetime import date

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class CaseSpan(SQLModel, table=True):
    """A stay of a case in one state: from the act that moved it in to the act that moved it out (None while it
    is still there). Written by the audit trail's one writer (wasnaker.services.chain) in the transaction of the
    act, so time per stage reads a row per stay instead of windowing the whole trail."""

    __tablename__ = "case_span"
    __table_args__ = (Index("ix_case_span_left_on_state", "left_on", "state"),
                      Index("ix_case_span_state_entered_on", "state", "entered_on"))

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    office_id: int = Field(foreign_key="office.id", index=True)
    state: str
    entered_on: date = Field(description="on_date of the event that moved the case into the state")
    # no foreign keys to the events: a tampered trail (an event row deleted) is for `audit verify` to name, and
    # must not be refused by a table that only speeds up the figures
    entered_event_id: int
    left_on: date | None = Field(default=None, description="on_date of the next event that moved it out")
    left_by: str | None = Field(default=None, description="that event's trigger")
    left_event_id: int | None = None
