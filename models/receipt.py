"""Nothing but the owner of receipts (wasnaker.services.receipts) writes the day a letter was received
(`Document.received_on`) or a notice's proof of service (`Notice.served_on`, `Notice.service_method`): the
owner opens this gate for each write, as the door opens `STATE_DOOR` for `Case.state`."""

from contextvars import ContextVar

from sqlalchemy import event, inspect

from models.document import Document
from models.notice import Notice

RECEIPT_GATE: ContextVar[bool] = ContextVar("wasnaker_receipt_gate", default=False)


class ReceiptWriteOutsideOwner(RuntimeError):
    pass


def _only_the_owner_writes_receipts(target, value, oldvalue, initiator):
    """A new row's empty default (None, "") is no receipt; any other write needs the open gate."""
    if RECEIPT_GATE.get() or (value in (None, "") and inspect(target).transient):
        return
    raise ReceiptWriteOutsideOwner(f"{type(target).__name__}.{initiator.impl.key} is written only by "
                                   "wasnaker.services.receipts")


for _attribute in (Document.received_on, Notice.served_on, Notice.service_method):
    event.listen(_attribute, "set", _only_the_owner_writes_receipts)
