from datetime import datetime

from sqlmodel import Field, SQLModel

from models._types import utc_column


class Notice(SQLModel, table=True):
    """Outbox row, queued in the transaction that caused it; `key` makes every outward act idempotent."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    audience: str  # internal | company | complainant | prosecutor | licensing | court
    recipient: str
    subject: str
    body: str = ""
    document_id: int | None = Field(default=None, foreign_key="document.id")
    status: str = "queued"
    created_at: datetime = Field(sa_column=utc_column())
