"""Documents after their number is reserved: rendered once (never again once issued), issued on request
(chronology, correction), verified against their sha256, previewed from a kind's example data."""

import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from wasnaker.application.runner import Runner, direct
from wasnaker.application.steps import CLAIM_DOCUMENTS, FIND_PENDING, RENDER, RENDER_BATCH
from wasnaker.domain.errors import NotFound
from wasnaker.services import integrity, issuance, queries

log = logging.getLogger(__name__)

DRAIN_BATCH = 16  # documents per task: ~2-3 s of rendering, so two drains end within a batch of each other
DRAIN_LEASE_SECONDS = 600  # a claim outlives any batch by far; one left by a dead drain runs out in 10 minutes
DRAIN_SHARE = 4  # a batch takes at most a quarter of what is unclaimed: drains at once end together


def render_pending(rt, now: datetime, case_number: str | None = None, runner: Runner = direct) -> list[dict]:
    """Render every reserved document not rendered yet (of one case, or all), one step per document."""
    return [runner(rt, RENDER, doc_id, now) for doc_id in runner(rt, FIND_PENDING, case_number)]


def drain(rt, now: Callable[[], datetime], batch: int = DRAIN_BATCH, runner: Runner = direct) -> dict:
    """Render pending documents batch by batch until none is left unclaimed: each batch claimed first (two drains
    at once never render the same document), then rendered in one step with this process's warm renderer. A
    batch that fails stays claimed (its lease runs out; the next drain or `documents render` takes it) and the
    drain goes on with the next. `now` is read per batch: a drain of thousands runs for minutes."""
    issued, failed = [], []  # failed: the ids of batches that raised (some of them may be issued)
    while ids := runner(rt, CLAIM_DOCUMENTS, now(), batch, DRAIN_LEASE_SECONDS, DRAIN_SHARE):
        try:
            issued += runner(rt, RENDER_BATCH, ids, now())
        except Exception as exc:  # noqa: BLE001 - the rest of the queue still goes out
            log.warning("a batch of %d documents failed: %r", len(ids), exc)
            failed += ids
    return {"issued": len(issued), "failed": failed}


def issue_chronology(rt, case_number: str, *, actor: str, on: date, now: datetime) -> dict:
    """Issue the court-ready chronology of a case (every event, document and timer) as a numbered PDF."""
    with rt.session() as session:
        doc_id = issuance.issue_chronology(session, case_number, actor=actor, on=on, now=now, policy=rt.policy).id
    return direct(rt, RENDER, doc_id, now)


def correct(rt, number: str, *, actor: str, on: date, now: datetime, changes: dict, reason: str) -> dict:
    """Issue a corrected letter under a new number, citing the one it replaces (which stays as issued)."""
    with rt.session() as session:
        doc_id = issuance.correct(session, number, actor=actor, on=on, now=now, changes=changes, reason=reason,
                                  policy=rt.policy).id
    return direct(rt, RENDER, doc_id, now)


def list_documents(rt, case_number: str | None = None) -> list[dict]:
    with rt.session() as session:
        return queries.list_documents(session, case_number)


def verify(rt) -> list[dict]:
    """Every issued PDF re-checked against its recorded sha256: ok, missing or tampered."""
    with rt.session() as session:
        return integrity.verify_all(session)


def preview(rt, kind: str, folder: Path, dpi: int) -> list[Path]:
    """A kind rendered from its example data (document_templates/KIND/example.json): the PDF, then PNG pages."""
    from wasnaker.adapters.preview import pdf_to_pngs

    example = rt.settings.templates_dir / kind / "example.json"
    if not example.is_file():
        raise NotFound(f"no document kind {kind!r} (see document_templates/)")
    rendered = rt.renderer.render(kind, json.loads(example.read_text(encoding="utf-8")))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}.pdf").write_bytes(rendered.pdf)
    return [folder / f"{kind}.pdf", *pdf_to_pngs(rendered.pdf, folder / kind, dpi)]


def pending(rt, case_number: str | None = None) -> list[int]:
    """Reserved documents not rendered yet (a failure left them so), of one case or all."""
    return direct(rt, FIND_PENDING, case_number)


def render(rt, doc_id: int, now: datetime) -> dict:
    """Render one reserved document; an issued one is returned as it is (never rendered again)."""
    return direct(rt, RENDER, doc_id, now)
