"""Documents issued in bulk (`documents.drain`, the render-documents flow): drains running at once over the same
pending documents render each one once, issue and seal it once, and a claim keeps it from a second drain until
its lease runs out."""

import hashlib
import json
import threading
from collections import Counter
from datetime import timedelta

from sqlmodel import select

from models import Document, DocumentSeal
from tests.conftest import seed_reference
from tests.helpers import COMPLAINT, NOW, act
from wasnaker.adapters.rendering import RenderedDocument
from wasnaker.application import documents
from wasnaker.db import session_scope
from wasnaker.runtime import Runtime
from wasnaker.services.documents import claim_pending
from wasnaker.settings import Settings


class CountingRenderer:
    """Renders a letter in a few milliseconds and counts each document it renders (by its context: each letter's
    names its own case)."""

    def __init__(self, drains: int = 1):
        self.numbers, self.lock = Counter(), threading.Lock()
        self.together, self.started = threading.Barrier(drains), threading.local()

    def render(self, kind, context):
        if not getattr(self.started, "flag", False):  # each drain's first letter waits until every drain has one
            self.started.flag = True
            self.together.wait(timeout=30)
        key = _key(context)
        with self.lock:
            self.numbers[key] += 1
        pdf = f"%PDF-1.7 {kind} {key}".encode()
        return RenderedDocument(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), template_version="1")


def _key(context: dict) -> str:
    return hashlib.sha256(json.dumps(context, sort_keys=True, default=str).encode()).hexdigest()


def _pending_letters(engine, n: int) -> list[int]:
    seed_reference(engine)
    for _ in range(n):
        act(engine, "file_complaint", "dewi", "2026-03-02", **COMPLAINT)  # reserves its receipt letter
    with session_scope(engine) as s:
        return list(s.exec(select(Document.id).where(Document.status == "reserved")))


def test_two_drains_at_once_issue_and_seal_every_document_once(engine, tmp_path):
    pending = _pending_letters(engine, 24)
    renderer, start, outcomes = CountingRenderer(drains=2), threading.Barrier(2), []

    def drain():
        rt = Runtime(Settings(home=tmp_path), engine)
        rt.__dict__["renderer"] = renderer
        start.wait()
        outcomes.append(documents.drain(rt, lambda: NOW, batch=3))

    drains = [threading.Thread(target=drain) for _ in range(2)]
    for t in drains:
        t.start()
    for t in drains:
        t.join(60)
    with session_scope(engine) as s:
        issued = s.exec(select(Document).where(Document.status == "issued")).all()
        seals = Counter(s.exec(select(DocumentSeal.document_id)).all())
    assert sorted(d.id for d in issued) == sorted(pending) and all(d.sha256 and d.file_path for d in issued)
    assert set(seals) == set(pending) and set(seals.values()) == {1}
    assert len(renderer.numbers) == 24 and set(renderer.numbers.values()) == {1}  # none rendered twice
    assert sum(o["issued"] for o in outcomes) == 24 and all(o["issued"] for o in outcomes)  # both took a share
    assert all(o["failed"] == [] for o in outcomes)


def test_a_claim_holds_a_document_until_its_lease_runs_out(engine):
    pending = _pending_letters(engine, 3)
    lease = timedelta(minutes=10)
    with session_scope(engine) as s:
        first = claim_pending(s, NOW, 2, lease)
    with session_scope(engine) as s:
        second = claim_pending(s, NOW, 2, lease)
    later = NOW + lease + timedelta(seconds=1)
    with session_scope(engine) as s:
        shared = claim_pending(s, later, 5, lease, share=2)
    with session_scope(engine) as s:
        after_lease = claim_pending(s, later, 5, lease)
    assert first == pending[:2] and second == pending[2:]
    assert shared == pending[:2]  # a dead drain's claims run out; half of the 3 unclaimed, rounded up
    assert after_lease == pending[2:]


def test_a_failing_batch_stays_claimed_and_the_drain_goes_on(engine, tmp_path):
    pending = _pending_letters(engine, 8)
    rt = Runtime(Settings(home=tmp_path), engine)
    renderer = CountingRenderer()
    broken = pending[0]

    class FailsOne(CountingRenderer):
        def render(self, kind, context):
            if _key(context) == contexts[broken]:
                raise ValueError("the template lacks data")
            return renderer.render(kind, context)

    with session_scope(engine) as s:
        contexts = {d.id: _key(d.context) for d in s.exec(select(Document))}
    rt.__dict__["renderer"] = FailsOne()
    outcome = documents.drain(rt, lambda: NOW, batch=4)  # batches of 2, 2, then 1 (a quarter of what is left)
    assert outcome == {"issued": 6, "failed": pending[:2]}  # the broken letter's batch-mate is issued all the same
    assert documents.pending(rt) == [broken]
    assert documents.drain(rt, lambda: NOW, batch=2) == {"issued": 0, "failed": []}  # still claimed: not retried
