"""A number once reserved is never lost: a failed render leaves the document reserved, a retry issues it
under the same number, and an issued document is never rendered again."""

from datetime import date

import pytest

from tests.helpers import NOW, to_inspecting
from wasnaker.application import acts, documents
from wasnaker.runtime import Runtime
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
    out = acts.record(rt, trigger="issue_nota_1", actor="budi", on=date(2026, 3, 3), now=NOW, case_number=number)
    [doc_id] = out["documents"]
    with pytest.raises(OSError):
        documents.render(rt, doc_id, NOW)
    assert doc_id in documents.pending(rt)
    first = documents.render(rt, doc_id, NOW)
    again = documents.render(rt, doc_id, NOW)
    assert first == again and first["number"] == "R.560/0001/NP-I/UPTD-WIL.I/III/2026"
    assert flaky.calls == 2 and doc_id not in documents.pending(rt)
