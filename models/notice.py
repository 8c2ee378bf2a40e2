from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models._types import utc_column
from wasnaker.domain.notices import NoticeChannel, NoticeStatus


class Notice(SQLModel, table=True):
    """Outbox row, queued in the transaction that caused it; `key` makes every outward act idempotent.

    Delivery (`status`) and service (`served_on`) are separate facts: an e-mail can be sent and not yet
    acknowledged; a letter carried by hand is never e-mailed and is served when its tanda terima is recorded.

    A sent e-mail stays `sent` once served, so the sweep's deemed receipts (sent, not served) need the index by
    status and served_on: `sent` alone grows with every letter ever e-mailed. It serves every question by status
    alone too (the notices due for delivery, the interrupted sends).
    """

    __table_args__ = (Index("ix_notice_status_served_on", "status", "served_on"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    audience: str  # internal | company | complainant | prosecutor | licensing | court
    recipient: str = Field(description="e-mail address, or the username of an officer for the inbox")
    recipient_name: str = ""
    channel: str = Field(NoticeChannel.email, description="wasnaker.domain.notices.NoticeChannel value")
    subject: str
    body: str = ""
    document_id: int | None = Field(default=None, foreign_key="document.id")
    status: str = Field(NoticeStatus.queued, description="wasnaker.domain.notices.NoticeStatus value")
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    lease_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    claim: str = Field("", description="the deliverer holding the notice; only it records the attempt")
    last_error: str = ""
    sent_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    message_id: str = ""
    ack_nonce: str = Field("", description="random per notice; the acknowledgement link is signed over it")
    served_on: date | None = Field(default=None, description="the day the recipient received it (proof of service); "
                                                           "written only by wasnaker.services.receipts")
    service_method: str = Field("", description="wasnaker.domain.notices.ServiceMethod value, \"\" until served")
    created_at: datetime = Field(sa_column=utc_column())


class NoticeAttempt(SQLModel, table=True):
    """Every delivery attempt, successful or not: what the case shows when a company says it got nothing."""

    id: int | None = Field(default=None, primary_key=True)
    notice_id: int = Field(foreign_key="notice.id", index=True)
    at: datetime = Field(sa_column=utc_column())
    outcome: str = Field(description="wasnaker.domain.notices.AttemptOutcome value")
    code: int | None = None
    detail: str = ""
