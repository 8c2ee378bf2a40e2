from datetime import date, datetime

from sqlmodel import Field, SQLModel

from models._types import json_column, utc_column


class CaseEvent(SQLModel, table=True):
    """Append-only audit trail: who did what, when, from which state to which, with what data."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    at: datetime = Field(sa_column=utc_column())
    on_date: date = Field(description="date the act happened (office time zone)")
    actor: str
    role: str
    trigger: str
    from_state: str | None = None
    to_state: str
    data: dict = Field(default_factory=dict, sa_column=json_column())
    channel: str = Field(default="cli", sa_column_kwargs={"server_default": "cli"},
                         description="wasnaker.domain.vocabulary.Channel: web, cli or system")


class AppendOnly(RuntimeError):
    pass


from sqlalchemy import event  # noqa: E402


@event.listens_for(CaseEvent, "before_update")
@event.listens_for(CaseEvent, "before_delete")
def _append_only(mapper, connection, target):
    raise AppendOnly("the case event log is append-only")
