"""Documents: numbers reserved in the transition's transaction, rendered after it commits, never re-rendered."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, func, select

from models import Case, Document
from wasnaker.domain import contexts as document_context
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.numbering import format_number
from wasnaker.domain.policy import DEFAULT_POLICY, Policy
from wasnaker.domain.vocabulary import DocKind, DocStatus
from wasnaker.services import chain, repo
from wasnaker.services.sequences import next_seq
from wasnaker.services.snapshot import metadata, snapshot


def _number(session, case: Case, kind: DocKind, on: date, policy: Policy,
            late_reason: str | None = None) -> tuple[int, str]:
    seq = next_seq(session, case.office_id, kind.value, on.year)  # the series is locked from here
    if not late_reason:
        _check_date_order(session, case.office_id, kind, on)
    return seq, format_doc_number(session, case, kind, on, seq, policy)


def _check_date_order(session, office_id: int, kind: DocKind, on: date) -> None:
    """The numbers of a series follow the dates of its letters: a higher number dated earlier reads, to a records
    officer or a court, as a backdated letter. An act recorded late is refused, naming the letter it would precede,
    unless the officer gives the reason it is late (`late_reason`, kept with the act's event)."""
    query = (select(Document.number, Document.doc_date)
             .where(Document.office_id == office_id, Document.kind == kind.value, Document.year == on.year,
                    Document.seq.is_not(None), Document.doc_date > on)
             .order_by(Document.doc_date.desc()))
    if later := session.exec(query).first():
        raise InvalidData(f"a {kind.value} dated {on} would be numbered after {later[0]}, dated {later[1]}: the "
                          "letters of a series are numbered in date order; record the acts in the order they "
                          "happened, or give the reason it is recorded late (--late-reason)")


def format_doc_number(session, case: Case, kind: DocKind, on: date, seq: int, policy: Policy) -> str:
    unit = repo.office(session, case.office_id).code
    return format_number(policy.pattern_for(kind), seq=seq, unit=unit, on=on, classification=policy.classification,
                         confidential=kind in policy.confidential_kinds, code=policy.kind_codes[kind],
                         ppns_unit=policy.ppns_unit or "")


def _context(session, case, kind, on, actor, payload, trigger, policy, number) -> dict:
    snap = snapshot(session, case, on=on, actor=actor, payload=payload, trigger=trigger, policy=policy)
    snap["number"] = number
    return document_context.build(kind, snap, metadata(kind.value))


def reserve_for_row(act) -> list[int]:
    """Reserve gap-free numbers for the row's documents; a prepared draft of the same kind is promoted."""
    return [reserve(act.session, act.case, kind, act.on, actor=act.actor, payload=act.payload.model_dump(mode="json"),
                    trigger=act.row.trigger, policy=act.policy, event_id=act.event.id, late_reason=act.late_reason).id
            for kind in act.row.documents]


def reserve(session: Session, case: Case, kind: DocKind, on: date, *, actor, payload: dict, trigger: str,
            policy: Policy = DEFAULT_POLICY, event_id: int | None = None, late_reason: str | None = None) -> Document:
    """`late_reason`: the act's reason for a letter dated before a later one of its series (else refused)."""
    policy = policy.for_office(repo.office(session, case.office_id).settings)
    seq, number = _number(session, case, kind, on, policy, late_reason)
    replaces = _replaced(session, case.id, kind, trigger)
    doc = _draft_of(session, case.id, kind) or Document(case_id=case.id, office_id=case.office_id, kind=kind.value,
                                                        status=DocStatus.draft, doc_date=on)
    doc.status, doc.seq, doc.year, doc.number, doc.doc_date = DocStatus.reserved, seq, on.year, number, on
    doc.sha256 = doc.file_path = doc.rendered_at = None  # a promoted draft's preview is not the issued letter
    doc.event_id = event_id
    doc.replaces_id = replaces
    doc.signed_by = actor.username if actor else ""
    doc.context = _context(session, case, kind, on, actor, payload, trigger, policy, number)
    session.add(doc)
    session.flush()
    return doc


def _replaced(session, case_id: int, kind: DocKind, trigger: str) -> int | None:
    """A re-determination is a new Penetapan that references the one it replaces."""
    if trigger != "record_redetermination":
        return None
    query = select(Document.id).where(Document.case_id == case_id, Document.kind == kind.value,
                                      Document.status != DocStatus.draft).order_by(Document.id.desc())
    return session.exec(query).first()


def _draft_of(session, case_id: int, kind: DocKind) -> Document | None:
    query = select(Document).where(Document.case_id == case_id, Document.kind == kind.value,
                                 Document.status == DocStatus.draft)
    return session.exec(query).first()


def prepare_draft(session: Session, case: Case, kind: DocKind, on: date, now: datetime,
                  policy: Policy = DEFAULT_POLICY) -> Document | None:
    """A draft (no number) the officer can review; one per kind and case at a time. None when the records do not
    yet hold what the kind states (a Laporan Kejadian before the officer recorded the suspect and witnesses): the
    officer, told of the expiry, records it with the act that issues it."""
    if _draft_of(session, case.id, kind):
        return None
    policy = policy.for_office(repo.office(session, case.office_id).settings)
    try:
        context = _context(session, case, kind, on, None, {}, "timer_expiry", policy, None)
    except InvalidData:
        return None
    doc = Document(case_id=case.id, office_id=case.office_id, kind=kind.value, status=DocStatus.draft, doc_date=on,
                   context=context)
    session.add(doc)
    session.flush()
    return doc


def _pending():
    return (Document.status == DocStatus.reserved) | ((Document.status == DocStatus.draft)
                                                      & Document.file_path.is_(None))


def pending_ids(session: Session, case_id: int | None = None) -> list[int]:
    """Reserved documents not rendered yet, and drafts without their preview PDF."""
    query = select(Document.id).where(_pending())
    if case_id is not None:
        query = query.where(Document.case_id == case_id)
    return list(session.exec(query.order_by(Document.id)))


def claim_pending(session: Session, now: datetime, limit: int, lease: timedelta, share: int = 1) -> list[int]:
    """Up to `limit` pending documents (oldest first) that no live claim holds, and no more than 1/`share` of
    them (at least one), claimed until `now + lease`: a drain renders them outside any transaction, and no other
    drain takes them meanwhile. The shrinking batches near the end keep drains running at once finishing within a
    letter or two of each other. PostgreSQL: rows another claimant holds locked are skipped, and one that claimed
    them first is seen at once (its commit re-checks the row); SQLite: the write transaction (BEGIN IMMEDIATE)
    serialises claimants. Whoever renders a document, only one PDF is ever stored and sealed (`store_rendered`);
    a claim left by a dead drain simply runs out."""
    free = Document.claimed_until.is_(None) | (Document.claimed_until < now)
    if share > 1:
        unclaimed = session.exec(select(func.count()).select_from(Document).where(_pending(), free)).one()
        limit = min(limit, max(1, -(-unclaimed // share)))
    query = (select(Document.id).where(_pending(), free).order_by(Document.id).limit(limit)
             .with_for_update(skip_locked=True))
    ids = list(session.exec(query))
    if ids:
        session.execute(update(Document).where(Document.id.in_(ids)).values(claimed_until=now + lease))
    return ids


@dataclass(frozen=True)
class RenderJob:
    """What a PDF is rendered from, read in one short transaction: rendering runs outside any (on SQLite every
    transaction holds the write lock, and officers' acts must not wait for WeasyPrint)."""

    doc_id: int
    kind: str
    status: str
    context: dict


def render_job(session: Session, doc_id: int) -> RenderJob | None:
    """None when there is nothing to render: issued, or a draft that has its preview."""
    doc = session.get(Document, doc_id)
    return None if _has_pdf(doc) else RenderJob(doc.id, doc.kind, doc.status, doc.context)


def store_rendered(session: Session, job: RenderJob, rendered, store, now: datetime) -> Document:
    """Store the PDF and issue a reserved document; a draft gets its preview PDF marked DRAFT and stays a draft.
    When another renderer stored it meanwhile, or the draft was reserved with a new context, this PDF is dropped
    (an issued document is never rendered again; a newly reserved one waits for its own render)."""
    doc = session.get(Document, job.doc_id, with_for_update=True, populate_existing=True)
    if _has_pdf(doc) or (doc.status, doc.context) != (job.status, job.context):
        return doc
    folder = session.get(Case, doc.case_id).number.replace("/", "_")
    draft = doc.status == DocStatus.draft
    name = f"draft_{doc.kind}_{doc.id}.pdf" if draft else f"{doc.kind}_{doc.seq:04d}_{doc.year}.pdf"
    path = store.put(f"{folder}/{name}", rendered.pdf)
    doc.sha256, doc.file_path, doc.template_version = rendered.sha256, str(path), rendered.template_version
    doc.rendered_at = now
    session.add(doc)
    if doc.status == DocStatus.reserved:
        doc.status = DocStatus.issued
        chain.seal(session, doc, now)
    session.flush()
    return doc


def _has_pdf(doc: Document) -> bool:
    return doc.status == DocStatus.issued or (doc.status == DocStatus.draft and bool(doc.file_path))
