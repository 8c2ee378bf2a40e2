"""Integrity of issued documents: every stored PDF re-checked against the sha256 recorded when it was issued."""

import hashlib
from pathlib import Path

from sqlmodel import Session, select

from models import Case, Document
from wasnaker.domain.vocabulary import DocStatus


def verify_all(session: Session) -> list[dict]:
    """One row per issued document: ok, missing (file gone) or tampered (hash differs)."""
    query = select(Document, Case.number).join(Case, Case.id == Document.case_id)
    rows = []
    for doc, case in session.exec(query.where(Document.status == DocStatus.issued).order_by(Document.id)).all():
        path = Path(doc.file_path)
        status = "missing" if not path.is_file() else (
            "ok" if hashlib.sha256(path.read_bytes()).hexdigest() == doc.sha256 else "tampered")
        rows.append({"case": case, "number": doc.number, "kind": doc.kind, "path": str(path), "status": status})
    return rows
