"""The outbox: every notice is a row written in the transaction of the act that caused it, under a unique key,
so an act that rolls back sends nothing and an act's notice is never queued twice."""

import re
import secrets
from datetime import datetime

from sqlmodel import Session, select

from models import Case, Company, Complaint, Document, Notice, Officer
from wasnaker.domain import validation
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.notices import (
    AUDIENCE_LABELS,
    Audience,
    Letter,
    NoticeChannel,
    NoticeStatus,
    ServiceMethod,
    subject,
)
from wasnaker.domain.policy import Policy
from wasnaker.domain.vocabulary import DocKind, Role
from wasnaker.services import receipts, repo


def _looks_like_email(text: str) -> bool:
    try:
        validation.email(text)
    except InvalidData:
        return False
    return True


def _address(session: Session, case: Case, audience: Audience) -> tuple[str, str, NoticeChannel | None]:
    """(recipient, name, channel): e-mail when the party has an address, otherwise by hand or by post."""
    if audience == Audience.company:
        company = session.get(Company, case.company_id)
        addressee = f"{company.head_title} {company.name}".strip()  # as the letters address it
        return (company.email, addressee, NoticeChannel.email) if company.email else (company.name, addressee,
                                                                                     NoticeChannel.hand)
    if audience == Audience.complainant:
        complaint = session.exec(select(Complaint).where(Complaint.case_id == case.id)).first()
        if complaint is None:
            return "", "", None
        contact = complaint.complainant_contact or ""
        channel = NoticeChannel.email if _looks_like_email(contact) else NoticeChannel.hand
        return (contact.strip() if channel == NoticeChannel.email else complaint.complainant_name), \
            complaint.complainant_name, channel
    contact = repo.office(session, case.office_id).settings.get("contacts", {}).get(audience.value, {})
    name = contact.get("name") or AUDIENCE_LABELS[audience]
    return (contact["email"], name, NoticeChannel.email) if contact.get("email") else \
        (contact.get("address") or name, name, NoticeChannel.post)


def queue_letter(session: Session, case: Case, doc: Document, now: datetime, policy: Policy) -> list[Notice]:
    """One notice per party the letter goes to; a letter already served by hand at issue is recorded so."""
    queued = []
    for audience in policy.notice_audiences.get(DocKind(doc.kind), ()):
        recipient, name, channel = _address(session, case, audience)
        key = f"doc:{doc.id}:{audience.value}"
        if not channel or session.exec(select(Notice.id).where(Notice.key == key)).first() is not None:
            continue
        notice = Notice(key=key, case_id=case.id, audience=audience.value, recipient=recipient, recipient_name=name,
                        channel=channel, subject=subject(letter_of(doc), case.number), document_id=doc.id,
                        status=NoticeStatus.queued if channel == NoticeChannel.email else NoticeStatus.awaiting_service,
                        ack_nonce=secrets.token_urlsafe(12), created_at=now)
        if doc.received_on and audience == addressee(policy, doc.kind):  # its receipt was given at issue
            receipts.served_at_issue(notice, doc.received_on)
        session.add(notice)
        queued.append(notice)
    session.flush()
    return queued


def addressee(policy: Policy, kind: str) -> Audience | None:
    """The party a letter is addressed to (its receipt starts the letter's deadlines); the others get copies."""
    audiences = policy.notice_audiences.get(DocKind(kind), ())
    return audiences[0] if audiences else None


def mark_served(session: Session, doc: Document, policy: Policy, received_on, method: ServiceMethod) -> None:
    """The addressee's notice of a letter whose receipt was recorded through the door is served that day; the
    copies to other parties keep their own proof of service."""
    party = addressee(policy, doc.kind)
    query = select(Notice).where(Notice.document_id == doc.id, Notice.audience == (party.value if party else ""))
    for notice in session.exec(query):
        receipts.serve(notice, received_on, method)
        session.add(notice)


def queue_for_act(act, doc_ids: list[int]) -> None:
    for doc_id in doc_ids:
        queue_letter(act.session, act.case, act.session.get(Document, doc_id), act.now, act.policy)


def letter_of(doc: Document) -> Letter:
    return Letter(DocKind(doc.kind), doc.number or "", doc.doc_date, doc.sha256 or "")


def file_name(doc: Document) -> str:
    """The letter's PDF as the recipient saves it: `nota_1-R.560_0001_NP-I_UPTD-WIL.I_V_2026.pdf`."""
    return f"{doc.kind}-{re.sub(r'[^A-Za-z0-9.-]+', '_', doc.number or str(doc.id))}.pdf"


def tell_officers(session: Session, case: Case | None, officers: list[Officer], *, key: str, subject: str,
                  body: str, now: datetime) -> list[Notice]:
    """Internal notices: by e-mail to officers who have an address, otherwise to their inbox (`notices list`)."""
    told = []
    for officer in officers:
        officer_key = f"{key}:{officer.username}"
        if session.exec(select(Notice.id).where(Notice.key == officer_key)).first() is not None:
            continue
        channel = NoticeChannel.email if officer.email else NoticeChannel.inbox
        notice = Notice(key=officer_key, case_id=case.id if case else None, audience=Audience.internal.value,
                        recipient=officer.email or officer.username, recipient_name=officer.name, channel=channel,
                        subject=subject, body=body, created_at=now,
                        status=NoticeStatus.queued if channel == NoticeChannel.email else NoticeStatus.posted)
        session.add(notice)
        told.append(notice)
    session.flush()
    return told


def responsible(session: Session, case: Case, roles) -> list[Officer]:
    """The officers assigned to the case in the given roles, and the office's staff in the others (head, ...)."""
    assigned = repo.case_officers(session, case.id)
    staff = [o for o in repo.office_officers(session, case.office_id) if o.role not in (Role.inspector, Role.ppns)]
    people = {o.username: o for o in assigned + staff if o.role in roles}
    return list(people.values())
