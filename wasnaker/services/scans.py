"""Signed scans of issued letters: what the bytes are is read from the bytes, never taken from the file's name or
the browser's word; a file that is not what it claims to be is refused whole."""

import hashlib
from datetime import datetime
from io import BytesIO

from sqlmodel import Session, select

from models import Case, Document, DocumentScan
from wasnaker.domain.errors import InvalidData, NotFound
from wasnaker.domain.vocabulary import DocStatus, Role

KINDS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
_CLAIMS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


def sniff(data: bytes) -> str | None:
    """The media type the bytes themselves declare (magic numbers), or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def _check_whole(data: bytes, media_type: str) -> None:
    """The file reads as what it is from beginning to end (a PNG header on other bytes is refused)."""
    try:
        if media_type == "application/pdf":
            from pypdf import PdfReader

            if not PdfReader(BytesIO(data)).pages:
                raise ValueError("no page")
        else:
            from PIL import Image

            with Image.open(BytesIO(data)) as image:
                image.verify()
    except Exception as exc:  # any parser failure means the file is not a readable PDF/JPEG/PNG
        kind = KINDS[media_type][1:].upper()
        raise InvalidData(f"the file is not a readable {kind} ({type(exc).__name__})") from None


def check(data: bytes, filename: str, declared: str | None, max_bytes: int) -> str:
    """The scan's media type; InvalidData when it is empty, too large, of another kind, or not what it claims."""
    if not data:
        raise InvalidData("the file is empty")
    if len(data) > max_bytes:
        raise InvalidData(f"the file is larger than {max_bytes // (1024 * 1024)} MB")
    actual = sniff(data)
    if actual is None:
        raise InvalidData("a signed scan is a PDF, JPEG or PNG file")
    suffix = ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""
    claimed = {_CLAIMS.get(suffix), declared if declared in KINDS else None} - {None}
    if claimed and claimed != {actual}:
        raise InvalidData(f"the file is not what it claims to be: its name or type says {', '.join(sorted(claimed))}"
                          f" but its content is {actual}")
    _check_whole(data, actual)
    return actual


def attach(session: Session, store, who, doc_id: int, data: bytes, filename: str, declared: str | None, *,
           max_bytes: int, now: datetime) -> DocumentScan:
    """Keep the scan of an issued letter of the officer's office beside its PDF."""
    found = session.exec(select(Document, Case.office_id).join(Case, Case.id == Document.case_id)
                         .where(Document.id == doc_id)).first()
    if found is None or found[1] != who.office_id:
        raise NotFound(f"unknown document {doc_id}")
    doc = found[0]
    if who.role == Role.coordinator:
        raise InvalidData("the coordinator reads cases and changes nothing")
    if doc.status != DocStatus.issued or not doc.file_path:
        raise InvalidData("only an issued letter with its PDF can have a signed scan")
    media_type = check(data, filename, declared, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    count = len(session.exec(select(DocumentScan.id).where(DocumentScan.document_id == doc.id)).all())
    relative = doc.file_path.rsplit(".", 1)[0] + f".pindaian-{count + 1}{KINDS[media_type]}"
    store.put(relative, data)
    scan = DocumentScan(document_id=doc.id, file_path=relative, media_type=media_type, sha256=digest,
                        size=len(data), original_name=filename[:200], uploaded_at=now, uploaded_by=who.username)
    session.add(scan)
    session.flush()
    return scan


def scan_file(session: Session, who, scan_id: int) -> DocumentScan:
    found = session.exec(select(DocumentScan, Case.office_id).join(Document, Document.id == DocumentScan.document_id)
                         .join(Case, Case.id == Document.case_id).where(DocumentScan.id == scan_id)).first()
    if found is None or not (who.role == Role.coordinator or found[1] == who.office_id):
        raise NotFound(f"unknown scan {scan_id}")
    return found[0]


def scans_of(session: Session, doc_ids: list[int]) -> dict[int, list[dict]]:
    rows = session.exec(select(DocumentScan).where(DocumentScan.document_id.in_(doc_ids))
                        .order_by(DocumentScan.id)).all() if doc_ids else []
    out: dict[int, list[dict]] = {}
    for s in rows:
        out.setdefault(s.document_id, []).append({"id": s.id, "media_type": s.media_type, "sha256": s.sha256,
                                                  "size": s.size, "uploaded_by": s.uploaded_by,
                                                  "uploaded_at": s.uploaded_at.isoformat()})
    return out
