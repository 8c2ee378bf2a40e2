from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models._types import json_column, utc_column


class Document(SQLModel, table=True):
    """An issued document keeps its number, the data it was rendered from and the PDF's sha256; it is never
    re-rendered. A draft has no number until it is issued."""

    __table_args__ = (UniqueConstraint("office_id", "kind", "year", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    office_id: int = Field(foreign_key="office.id")
    kind: str = Field(index=True)
    status: str = Field(index=True, description="wasnaker.domain.vocabulary.DocStatus value")
    number: str | None = Field(default=None, unique=True)
    seq: int | None = None
    year: int | None = None
    doc_date: date
    received_on: date | None = Field(None, description="written only by wasnaker.services.receipts")
    context: dict = Field(default_factory=dict, sa_column=json_column())
    sha256: str | None = None
    file_path: str | None = None
    template_version: str | None = None
    rendered_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    event_id: int | None = Field(default=None, foreign_key="caseevent.id")
    replaces_id: int | None = Field(default=None, foreign_key="document.id")
    signed_by: str = ""
    # A drain (flows/rendering.py) claims reserved documents until this moment before rendering them outside any
    # transaction, so two drains never render the same one; a claim left by a dead drain simply runs out.
    claimed_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class NumberCounter(SQLModel, table=True):
    """Gap-free sequence per office, document kind and year; incremented in the transition's transaction."""

    office_id: int = Field(foreign_key="office.id", primary_key=True)
    kind: str = Field(primary_key=True)
    year: int = Field(primary_key=True)
    last: int = 0


class DocumentScan(SQLModel, table=True):
    """The signed scan of an issued letter (wet signature, stamp), kept beside its PDF with its own sha256. It
    never replaces the issued PDF, which stays what the system issued."""

    __tablename__ = "document_scan"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    file_path: str = Field(description="relative to the document store")
    media_type: str = Field(description="application/pdf, image/jpeg or image/png: what the bytes are")
    sha256: str
    size: int
    original_name: str = ""
    uploaded_at: datetime = Field(sa_column=utc_column())
    uploaded_by: str
