"""An act that issues a letter answers at once; its PDF is rendered by the app's background worker (embedded
mode) and the case page links it as soon as it is there, refreshing itself meanwhile."""

import re
import time

from sqlmodel import select

from models import Document
from tests.helpers import to_inspecting
from tests.web.conftest import csrf, sign_in
from wasnaker.application import documents


def test_a_nota_issued_on_the_web_is_rendered_after_the_answer_and_then_linked(web):
    rt, app, clock = web
    number = to_inspecting(rt.engine, start="2026-11-20")
    documents.render_pending(rt, clock())  # the letters before it, as the CLI left them
    client = sign_in(app, "budi")
    form = client.get(f"/perkara/{number}/aksi/issue_nota_1").text
    version = re.search(r'name="expected_version" value="(\d+)"', form).group(1)
    started = time.perf_counter()
    answer = client.post(f"/perkara/{number}/aksi/issue_nota_1", data={
        "csrf_token": csrf(rt, client), "expected_version": version, "deadline_days": "14"})
    answered = time.perf_counter() - started
    assert answer.status_code == 303, answer.text
    app.state.background.drain()
    with rt.session() as s:
        nota = s.exec(select(Document).where(Document.kind == "nota_1")).one()
    assert nota.status == "issued" and open(nota.file_path, "rb").read(4) == b"%PDF"
    page = client.get(f"/perkara/{number}").text
    assert f"/dokumen/{nota.id}.pdf" in page and 'hx-trigger="every 2s"' not in page
    assert answered < 5  # the request did not wait for WeasyPrint's import and layout (seconds on a cold start)


def test_while_a_letter_is_rendered_the_documents_section_refreshes_itself(web):
    rt, app, _clock = web
    number = to_inspecting(rt.engine, start="2026-11-20")
    app.state.background = lambda *job: None  # a worker that never gets to it
    client = sign_in(app, "budi")
    form = client.get(f"/perkara/{number}/aksi/issue_nota_1").text
    version = re.search(r'name="expected_version" value="(\d+)"', form).group(1)
    client.post(f"/perkara/{number}/aksi/issue_nota_1", data={
        "csrf_token": csrf(rt, client), "expected_version": version, "deadline_days": "14"})
    page = client.get(f"/perkara/{number}").text
    assert 'hx-trigger="every 2s"' in page and "sedang disiapkan" in page
