"""The one writer of receipts: the day a letter reached its addressee (`Document.received_on`, the day its
deadlines run from) and each notice's proof of service (`Notice.served_on`, `Notice.service_method`). The
models refuse those writes anywhere else (models/receipt.py), as they refuse `Case.state` outside the door."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import update
from sqlmodel import Session

from models import Document, Notice
from models.receipt import RECEIPT_GATE
from wasnaker.domain.notices import NoticeChannel, NoticeStatus, ServiceMethod


@contextmanager
def _gate() -> Iterator[None]:
    token = RECEIPT_GATE.set(True)
    try:
        yield
    finally:
        RECEIPT_GATE.reset(token)


def stamp_letter(session: Session, letter: Document, received: date) -> None:
    """The letter reached its addressee on `received`."""
    with _gate():
        letter.received_on = received
    session.add(letter)


def serve(notice: Notice, received: date, method: ServiceMethod) -> None:
    """This party's copy was received; an e-mail not sent yet need not be sent any more."""
    with _gate():
        notice.served_on, notice.service_method = received, method
    if notice.status not in (NoticeStatus.sent, NoticeStatus.sending, NoticeStatus.handed):
        notice.status = NoticeStatus.served


def served_at_issue(notice: Notice, received: date) -> None:
    """A letter whose receipt was given when it was issued was handed over then, by hand."""
    notice.channel = NoticeChannel.hand
    serve(notice, received, ServiceMethod.hand)


def claim(session: Session, notice: Notice, received: date, method: ServiceMethod) -> bool:
    """Two recorders at once (a double click, the page and the sweep's deemed receipt): one wins, in one UPDATE."""
    won = session.exec(update(Notice).where(Notice.id == notice.id, Notice.served_on.is_(None))
                       .values(served_on=received, service_method=method)).rowcount == 1
    session.refresh(notice)
    return won
