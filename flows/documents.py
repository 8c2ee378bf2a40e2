"""Documents issued in bulk: `render-documents` drains the pending documents, batch by batch, each batch one task
rendered with the run's warm renderer. Several runs at once (one per worker of the work pool, or more) share the
queue through claims (`services.documents.claim_pending`): none renders a document another claimed, and every
document is issued and sealed once. An act's own stage run still renders that act's letters itself."""

from prefect import flow

from flows.tasks import as_tasks
from wasnaker import clock
from wasnaker.application import documents
from wasnaker.runtime import get_runtime


@flow(name="render-documents")
def render_documents(batch: int = documents.DRAIN_BATCH) -> dict:
    """Every pending document not claimed by another run, `batch` at a time; returns how many it issued."""
    return documents.drain(get_runtime(), clock.now, batch, runner=as_tasks)
