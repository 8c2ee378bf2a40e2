"""The audit chain on the database: every case event and every issued PDF's seal is appended here, hashed by
wasnaker.domain.audit_chain in the transaction that writes it; `verify` re-computes the chains."""

import hashlib
from datetime import UTC
from pathlib import Path

from sqlalchemy import true
from sqlmodel import Session, select

from models import Case, CaseEvent, Document, DocumentSeal
from wasnaker.domain import audit_chain as chain
from wasnaker.domain.audit_chain import Link
from wasnaker.domain.vocabulary import DocStatus

EVENT_FIELDS = ("at", "on_date", "actor", "role", "trigger", "from_state", "to_state", "data", "channel")  # hashed


def _head(session: Session, case_id: int) -> tuple[int, str]:
    """(latest event id, head hash) of a case, in one statement; its row locked first so two writers cannot fork
    the chain (SQLite: every transaction already holds the write lock, BEGIN IMMEDIATE)."""
    session.exec(select(Case.id).where(Case.id == case_id).with_for_update()).first()
    event = (select(CaseEvent.id.label("event_id"), CaseEvent.hash.label("event_hash"))
             .where(CaseEvent.case_id == case_id).order_by(CaseEvent.id.desc()).limit(1).subquery())
    seal = (select(DocumentSeal.after_event_id, DocumentSeal.hash.label("seal_hash"))
            .where(DocumentSeal.case_id == case_id).order_by(DocumentSeal.id.desc()).limit(1).subquery())
    found = session.execute(select(event.c.event_id, event.c.event_hash, seal.c.after_event_id, seal.c.seal_hash)
                            .select_from(event).outerjoin(seal, true())).first()
    if found is None:
        return 0, chain.GENESIS
    event_id, event_hash, sealed_after, seal_hash = found
    return event_id, seal_hash if seal_hash is not None and sealed_after >= event_id else event_hash


def event_content(event: CaseEvent, case_number: str) -> dict:
    return chain.event_content(case=case_number, **{name: getattr(event, name) for name in EVENT_FIELDS})


def append_event(session: Session, case: Case, event: CaseEvent) -> CaseEvent:
    """Chain `event` to its case's head, read here under the case's row lock, and write it (with `write_event`, the
    door's, the only writers of case events)."""
    _, event.prev_hash = _head(session, case.id)
    event.at = event.at.astimezone(UTC)  # stored as hashed (SQLite keeps the wall time and drops the zone)
    event.hash = chain.link_hash(event_content(event, case.number), event.prev_hash)
    session.add(event)
    session.flush()
    return event


EVENT_INSERT = CaseEvent.__table__.insert()


def write_event(session: Session, case_number: str, values: dict, head: tuple[int, str]) -> int:
    """The door's event: `values` (CaseEvent's columns but its hashes) chained to `head`, read under the case's row
    lock, and written by one INSERT outside the ORM's unit of work; returns its id."""
    values = {**values, "at": values["at"].astimezone(UTC), "prev_hash": head[1]}
    content = chain.event_content(case=case_number, **{k: values[k] for k in EVENT_FIELDS})
    values["hash"] = chain.link_hash(content, head[1])
    return session.connection().execute(EVENT_INSERT, values).inserted_primary_key[0]  # Core: no ORM layer


def seal(session: Session, doc: Document, now) -> DocumentSeal:
    """Chain an issued PDF's sha256 into its case's trail, in the transaction that issues it."""
    case = session.get(Case, doc.case_id)
    after, prev = _head(session, case.id)
    content = chain.seal_content(case=case.number, document=doc.number, kind=doc.kind, sha256=doc.sha256)
    row = DocumentSeal(case_id=case.id, document_id=doc.id, after_event_id=after, sealed_at=now, sha256=doc.sha256,
                       prev_hash=prev, hash=chain.link_hash(content, prev))
    session.add(row)
    session.flush()
    return row


def _file_sha(path: str | None) -> str:
    file = Path(path or "")
    return hashlib.sha256(file.read_bytes()).hexdigest() if path and file.is_file() else "(missing)"


def _seal_link(row: DocumentSeal, doc: Document, case_number: str) -> Link:
    content = chain.seal_content(case=case_number, document=doc.number, kind=doc.kind, sha256=row.sha256)
    return Link("seal", row.id, doc.number, row.after_event_id, content, row.prev_hash, row.hash,
                {"document.sha256": doc.sha256, "file": _file_sha(doc.file_path)})


def links(session: Session, case: Case) -> list[Link]:
    """A case's chain as stored, each link with what it should hash (and, for a seal, what its document says)."""
    events = session.exec(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    seals = session.exec(select(DocumentSeal, Document).join(Document, Document.id == DocumentSeal.document_id)
                         .where(DocumentSeal.case_id == case.id)).all()
    return ([Link("event", e.id, e.trigger, e.id, event_content(e, case.number), e.prev_hash, e.hash)
             for e in events] + [_seal_link(row, doc, case.number) for row, doc in seals])


def head(session: Session, case: Case) -> str:
    """The hash of the case's latest link: it stands for the whole trail before it."""
    return chain.head_hash(links(session, case))


def _truncated(case: Case, found: list[Link]) -> chain.Break | None:
    """Deleting the latest events leaves an intact shorter chain: the case's state then is not its last event's."""
    events = [link for link in found if link.kind == "event"]
    last = max(events, key=lambda link: link.id) if events else None
    if last is None or last.content["to_state"] == case.state:
        return None
    return chain.Break("event", last.id, last.label, f"the case is {case.state} but its last event leaves it "
                       f"{last.content['to_state']}: a later event was deleted")


def _unsealed(session: Session, case: Case) -> chain.Break | None:
    sealed = select(DocumentSeal.document_id).where(DocumentSeal.case_id == case.id)
    doc = session.exec(select(Document).where(Document.case_id == case.id, Document.status == DocStatus.issued,
                                              Document.id.not_in(sealed)).order_by(Document.id)).first()
    return doc and chain.Break("document", doc.id, doc.number, "issued but not sealed: its seal was deleted")


def verify_case(session: Session, case: Case) -> dict:
    found = links(session, case)
    broken = chain.first_break(found) or _truncated(case, found) or _unsealed(session, case)
    return {"case": case.number, "events": sum(link.kind == "event" for link in found),
            "seals": sum(link.kind == "seal" for link in found), "intact": broken is None,
            "broken": None if broken is None else {"link": broken.kind, "id": broken.id, "trigger": broken.label,
                                                   "what": broken.what}}


def verify(session: Session, case_number: str | None = None) -> list[dict]:
    """One row per case (or the one named): its events and seals counted, and the first broken link if any."""
    query = select(Case).order_by(Case.id)
    if case_number is not None:
        query = query.where(Case.number == case_number)
    return [verify_case(session, case) for case in session.exec(query).all()]
