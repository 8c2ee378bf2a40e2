"""The signed scan of an issued letter: kept beside its PDF with its own sha256, never replacing it; a file that
is not what it claims to be, too large, or of another office's letter is refused and nothing is kept."""

import hashlib
from io import BytesIO

import pytest
from PIL import Image
from sqlmodel import select

from models import Document, DocumentScan
from tests.helpers import act, to_inspecting
from tests.web.conftest import csrf, sign_in
from wasnaker.application import documents


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def nota(web):
    rt, app, clock = web
    number = to_inspecting(rt.engine, start="2026-11-20")
    act(rt.engine, "issue_nota_1", "budi", "2026-11-21", number, deadline_days=14)
    documents.render_pending(rt, clock())
    with rt.session() as s:
        doc = s.exec(select(Document).where(Document.kind == "nota_1")).one()
        return number, doc.id, doc.sha256, open(doc.file_path, "rb").read()


def _upload(rt, client, doc_id, name, data, kind):
    return client.post(f"/dokumen/{doc_id}/pindaian", data={"csrf_token": csrf(rt, client)},
                       files={"berkas": (name, data, kind)})


def test_a_scan_is_kept_beside_the_pdf_with_its_own_hash_and_the_pdf_is_untouched(web, nota):
    rt, app, _clock = web
    number, doc_id, pdf_sha, pdf = nota
    client = sign_in(app, "budi")
    png = _png()
    answer = _upload(rt, client, doc_id, "nota-ttd.png", png, "image/png")
    assert answer.status_code == 303 and answer.headers["location"].startswith(f"/perkara/{number}")
    with rt.session() as s:
        scan = s.exec(select(DocumentScan)).one()
        doc = s.get(Document, doc_id)
    assert scan.sha256 == hashlib.sha256(png).hexdigest() and scan.media_type == "image/png"
    assert doc.sha256 == pdf_sha and open(doc.file_path, "rb").read() == pdf
    assert scan.file_path != doc.file_path and scan.uploaded_by == "budi"
    shown = client.get(f"/pindaian/{scan.id}")
    assert shown.content == png and shown.headers["content-type"] == "image/png"
    assert scan.sha256 in client.get(f"/perkara/{number}").text


@pytest.mark.parametrize("name, data, kind, message", [
    ("surat.pdf", _png(), "application/pdf", "tidak sesuai dengan nama atau jenisnya"),
    ("surat.png", b"%PDF-1.7 not really a pdf", "image/png", "tidak sesuai"),
    ("surat.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", "rusak"),
    ("surat.html", b"<script>alert(1)</script>", "text/html", "PDF, JPEG, atau PNG"),
    ("kosong.pdf", b"", "application/pdf", "kosong"),
])
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_kept(web, nota, name, data, kind, message):
    rt, app, _clock = web
    _number, doc_id, _sha, _pdf = nota
    client = sign_in(app, "budi")
    answer = _upload(rt, client, doc_id, name, data, kind)
    assert answer.status_code == 422 and message in answer.text
    with rt.session() as s:
        assert s.exec(select(DocumentScan)).all() == []


def test_a_scan_over_the_size_limit_is_refused(web, nota):
    rt, app, _clock = web
    rt.settings.upload_max_bytes = 1000
    client = sign_in(app, "budi")
    answer = _upload(rt, client, nota[1], "besar.png", _png() + b"\x00" * 2000, "image/png")
    assert answer.status_code == 422 and "terlalu besar" in answer.text


def test_another_office_and_the_coordinator_keep_nothing_and_a_scan_needs_the_token(web, nota):
    rt, app, _clock = web
    from wasnaker.application import reference

    reference.add_office(rt, code="UPTD-WIL.II", name="UPTD Pengawasan Ketenagakerjaan Wilayah II",
                         province="Jawa Barat")
    reference.add_officer(rt, office="UPTD-WIL.II", username="tono", name="Tono", nip="198001012005011009",
                          role="inspector")
    from tests.web.conftest import PASSWORD, START
    from wasnaker.application import accounts

    accounts.add_user(rt, "tono", PASSWORD, by="admin", now=START)
    other = sign_in(app, "tono")
    assert _upload(rt, other, nota[1], "a.png", _png(), "image/png").status_code == 404
    coordinator = sign_in(app, "kiki")
    assert _upload(rt, coordinator, nota[1], "a.png", _png(), "image/png").status_code == 422
    budi = sign_in(app, "budi")
    unsigned = budi.post(f"/dokumen/{nota[1]}/pindaian", files={"berkas": ("a.png", _png(), "image/png")})
    assert unsigned.status_code == 403
    with rt.session() as s:
        assert s.exec(select(DocumentScan)).all() == []
