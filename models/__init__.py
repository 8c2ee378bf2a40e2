"""SQLModel tables. Enums are imported from the domain; the domain never imports these."""

from models.account import SignInAttempt, User, WebSession
from models.case import Case, CaseOfficer, Complaint, Finding
from models.document import Document, DocumentScan, NumberCounter
from models.event import CaseEvent, DocumentSeal
from models.installation import Installation
from models.notice import Notice, NoticeAttempt
from models.office import Company, Office, Officer
from models.receipt import RECEIPT_GATE, ReceiptWriteOutsideOwner
from models.span import CaseSpan
from models.timer import Timer

__all__ = [
    "Case", "CaseEvent", "CaseOfficer", "CaseSpan", "Company", "Complaint", "Document", "DocumentScan", "DocumentSeal",
    "Finding", "Installation", "Notice", "NoticeAttempt", "NumberCounter", "Office", "Officer", "RECEIPT_GATE",
    "ReceiptWriteOutsideOwner", "SignInAttempt", "Timer", "User", "WebSession",
]
