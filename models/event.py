from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models._types import json_column, utc_column


class CaseEvent(SQLModel, table=True):
    """Append-only audit trail: who did what, when, from which state to which, with what data."""

    # the figures read acts by trigger and date (funnel rungs, inspections per month, lead times): an index-only
    # scan of the few triggers they count instead of a pass over the whole trail (bench/results/figures.md)
    __table_args__ = (Index("ix_caseevent_trigger_on_date_case_id", "trigger", "on_date", "case_id"),)

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
    prev_hash: str = Field(description="the hash of the link before it in its case's chain (wasnaker.domain."
                                       "audit_chain; GENESIS for the first)")
    hash: str = Field(description="sha256 of its canonical content and prev_hash (wasnaker.domain.audit_chain)")


class DocumentSeal(SQLModel, table=True):
    """An issued PDF's sha256, chained into its case's audit trail when it is rendered (wasnaker.domain.
    audit_chain): the event that reserved the number was written before the PDF existed."""

    __tablename__ = "document_seal"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    # no foreign key: a seal keeps its place even when the event row is deleted (verify then names the gap)
    after_event_id: int = Field(description="the case's latest event when the PDF was sealed: its place in the chain")
    sealed_at: datetime = Field(sa_column=utc_column())
    sha256: str
    prev_hash: str
    hash: str


class AppendOnly(RuntimeError):
    pass


from sqlalchemy import event  # noqa: E402


@event.listens_for(CaseEvent, "before_update")
@event.listens_for(CaseEvent, "before_delete")
@event.listens_for(DocumentSeal, "before_update")
@event.listens_for(DocumentSeal, "before_delete")
def _append_only(mapper, connection, target):
    raise AppendOnly("the case event log is append-only")
