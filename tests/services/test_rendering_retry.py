"""A number once reserved is never lost: a failed render leaves the document reserved, a retry issues it
under the same number, and an issued document is never rendered again."""

from datetime import date

import pytest

from tests.helpers import NOW, to_inspecting
from wasnaker.runtime import Runtime
from wasnaker.services import workflow
from wasnaker.settings import Settings


class FlakyRenderer:
    def __init__(self, real, failures: int):
        self.real, self.failures, self.calls = real, failures, 0

    def render(self, kind, context):
        self.calls += 1
        if self.calls <= self.failures:
            raise OSError("disk full")
        return self.real.render(kind, context)


def test_failed_render_keeps_the_number_and_a_retry_issues_it_once(seeded, tmp_path):
    from wasnaker.adapters.rendering import PdfRenderer

    rt = Runtime(Settings(home=tmp_path), seeded)
    flaky = FlakyRenderer(PdfRenderer(), failures=1)
    rt.__dict__["renderer"] = flaky
    number = to_inspecting(seeded)
    out = workflow.record(rt, trigger="issue_nota_1", actor="budi", on=date(2026, 3, 3),
                          now=NOW, case_number=number)
    [doc_id] = out.documents
    with pytest.raises(OSError):
        workflow.render_document(rt, doc_id, NOW)
    assert doc_id in workflow.pending_documents(rt)
    first = workflow.render_document(rt, doc_id, NOW)
    again = workflow.render_document(rt, doc_id, NOW)
    assert first == again and first["number"] == "R.560/0001/NP-I/UPTD-WIL.I/III/2026"
    assert flaky.calls == 2 and doc_id not in workflow.pending_documents(rt)
