"""The closing letters of the criminal track (Tahap I cover and its resubmission, Tahap II record, tipiring
referral, Kesepakatan Perdamaian, SP3) from real acts: the demo's CASE_B and CASE_C and a tipiring case, each
letter rendered from its stored context and read back as a reader would (metadata "parts", letter defects)."""

from datetime import date

import pytest
from sqlmodel import select

from models import Case, Document
from tests.conftest import seed_reference
from tests.documents.reading import letter_defects, missing_parts
from tests.helpers import NOW, WORKER_FINDING, to_inspecting
from wasnaker.adapters.rendering import PdfRenderer, RenderedDocument, pdf_text
from wasnaker.application import acts, sweep
from wasnaker.clock import start_of_day
from wasnaker.db import init_db
from wasnaker.demo.load import play
from wasnaker.demo.story import CASE_B, CASE_C, COMPANIES, EUIS, UJANG
from wasnaker.domain.contexts.prosecution import tahap_1_cover
from wasnaker.domain.errors import InvalidData
from wasnaker.runtime import runtime_for
from wasnaker.services.snapshot import metadata
from wasnaker.settings import Settings

ANDI = dict(name="Andi Wijaya", sex="laki-laki", birth_place="Jakarta", birth_date="1975-07-21",
            nationality="Indonesia", occupation="Direktur Utama PT Sinar Tekstil Nusantara",
            address="Jl. Pasteur No. 30, Kota Bandung", nik="3273012107750006")
KINDS = ("tahap_1_cover", "tahap_2_record", "tipiring_referral", "rj_agreement", "sp3")
OBSTRUCTION = "Pasal 3 ayat (1) jo Pasal 8 Undang-Undang Nomor 3 Tahun 1951 jo Undang-Undang Nomor 23 Tahun 1948"
TIPIRING = [
    ("report_incident", "budi", "2026-07-02", dict(
        ground="obstruction",
        account="Pengusaha menolak Pengawas Ketenagakerjaan memasuki tempat kerja pada saat pemeriksaan berdasarkan "
                "Surat Perintah Tugas",
        offence=dict(date="2026-06-29", time="10.15", place="PT Sinar Tekstil Nusantara, Jl. Industri Raya No. 5",
                     district="Kota Cimahi"),
        suspect=dict(person=ANDI), articles=[OBSTRUCTION],
        witnesses=[dict(person=UJANG, statement="Melihat pengusaha menutup pintu gerbang dan menolak pengawas masuk"),
                   dict(person=EUIS, statement="Mendengar perintah pimpinan agar pengawas tidak diizinkan masuk")],
        evidence=["Berita acara penolakan pemeriksaan tanggal 29 Juni 2026"])),
    ("open_tipiring", "sari", "2026-07-06", dict(bap_date="2026-07-06", court="Pengadilan Negeri Bale Bandung")),
    ("file_tipiring_to_court", "sari", "2026-07-08", {}),
]


def _record(rt, number, trigger, actor, day, data):
    return acts.record(rt, trigger=trigger, actor="kadis" if actor == "rahmat" else actor, on=day, now=NOW,
                       case_number=number, data=data)["case_number"]


class OwnKindsRenderer(PdfRenderer):
    """Renders every kind; a letter of another kind that cannot render yet (the Laporan Kejadian, Sprindik, SPDP
    and summons are being rewritten for the new criminal payloads in parallel) gets a stub, so this test reads
    its own kinds from real acts. Once those templates render, nothing here is stubbed."""

    def render(self, kind, context):
        try:
            return super().render(kind, context)
        except ValueError:
            if kind in KINDS:
                raise
            return RenderedDocument(b"%PDF-stub", "0" * 64, "0")


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    rt = runtime_for(Settings(home=tmp_path_factory.mktemp("prosecution")))
    rt.renderer = OwnKindsRenderer(rt.settings.templates_dir)
    init_db(rt.engine)
    seed_reference(rt.engine)
    from wasnaker.services.registry import add_company
    with rt.session() as s:
        add_company(s, **COMPANIES[2])
    return rt


@pytest.fixture(scope="module")
def letters(rt):
    """{kind: [(context, text), ...]} in issue order, rendered from the context stored when each act was recorded."""
    cases = play({"B": CASE_B, "C": CASE_C}, lambda _label, *step: _record(rt, *step),
                 lambda day: sweep.sweep(rt, start_of_day(day, "Asia/Jakarta")))
    number = to_inspecting(rt.engine, start="2026-06-29", finding=WORKER_FINDING)
    for trigger, actor, on, data in TIPIRING:
        _record(rt, number, trigger, actor, date.fromisoformat(on), data)
    renderer, out = PdfRenderer(), {}
    with rt.session() as s:
        docs = s.exec(select(Document).join(Case, Case.id == Document.case_id)
                      .where(Document.kind.in_(KINDS)).order_by(Document.id)).all()
        for doc in docs:
            out.setdefault(doc.kind, []).append((doc.context, pdf_text(renderer.render(doc.kind, doc.context).pdf)))
    assert set(cases) == {"B", "C"}
    return out


def test_each_kind_was_issued(letters):
    assert {k: len(v) for k, v in letters.items()} == {"tahap_1_cover": 2, "tahap_2_record": 1,
                                                       "tipiring_referral": 1, "rj_agreement": 1, "sp3": 1}


@pytest.mark.parametrize("kind", KINDS)
def test_every_letter_has_the_parts_of_its_kind(letters, kind):
    meta = metadata(kind)
    assert meta.get("parts"), kind
    for context, text in letters[kind]:
        assert not missing_parts(meta, context, text), missing_parts(meta, context, text)


@pytest.mark.parametrize("kind", KINDS)
def test_no_letter_has_a_hole_a_code_or_pasted_input(letters, kind):
    for context, text in letters[kind]:
        assert not letter_defects(text), (context["doc"]["number"], letter_defects(text))


def _flat(text):
    return " ".join(text.split())


def test_tahap_1_goes_to_the_district_prosecutor_through_the_korwas(letters):
    ctx, text = letters["tahap_1_cover"][0]
    text = _flat(text)
    assert "Kepala Kejaksaan Negeri Kabupaten Bandung" in text and "melalui Korwas PPNS" in text
    assert "Lampiran : 1 (satu) berkas" in text and ctx["resubmission"] is None and "P-19" not in text


def test_the_resubmission_cites_the_p19_its_instructions_and_what_was_completed(letters):
    first, _ = letters["tahap_1_cover"][0]
    ctx, text = letters["tahap_1_cover"][1]
    text = _flat(text)
    assert "P-19) Nomor B-412/M.2.24/Eku.1/03/2026 yang diterima pada tanggal 10 Maret 2026" in text
    assert "“Lengkapi keterangan ahli ketenagakerjaan”" in text and "BAP Ahli" in text
    assert f"surat Nomor {first['doc']['number']} tanggal 2 Maret 2026" in text


def test_tahap_2_names_the_prosecutor_the_p21_and_the_suspect(letters):
    ctx, text = letters["tahap_2_record"][0]
    text = _flat(text)
    assert "Pada hari ini Selasa, 14 April 2026" in text and "NIP 19800101 200501 1 001" in text
    assert "(P-21) Nomor B-530/M.2.24/Eku.1/03/2026 tanggal 30 Maret 2026" in text and "3204051405720003" in text


def test_tipiring_brings_the_reports_witnesses_with_their_identities(letters):
    ctx, text = letters["tipiring_referral"][0]
    text = _flat(text)
    assert "Kepada Yth. Ketua Pengadilan Negeri Bale Bandung" in text and "atas kuasa Penuntut Umum" in text
    assert "3204050208900011" in text and "3205026011880002" in text and "Ketua Ketua" not in text
    assert "Surat Perintah Penyidikan" not in text and "Pemberitahuan Dimulainya" not in text


def test_the_rj_agreement_has_the_schedule_its_total_the_meterai_and_witness_slots(letters):
    ctx, text = letters["rj_agreement"][0]
    text = _flat(text)
    assert len(ctx["schedule"]) == 12 and ctx["schedule_total"] == 14_250_000
    assert "Rp 14.250.000 (empat belas juta dua ratus lima puluh ribu rupiah)" in text
    assert "Meterai Rp10.000" in text and "Saksi-saksi" in text and text.count("Nama ....") == 2
    assert "dibuat dengan sadar, tanpa paksaan" in text and "Mengetahui, Penyidik Pegawai Negeri Sipil" in text


def test_the_sp3_of_an_rj_case_cites_the_agreement_and_quotes_the_note(letters):
    agreement, _ = letters["rj_agreement"][0]
    ctx, text = letters["sp3"][0]
    text = _flat(text)
    number, day = agreement["doc"]["number"], "16 Maret 2026"
    assert f"Kesepakatan Perdamaian Nomor {number} tanggal {day} telah dipenuhi seluruhnya pada tanggal 9 April 2026" \
        in text
    assert "Keterangan penyidik: “Bukti transfer upah lembur" in text and "bahwa Bukti" not in text
    assert ctx["tembusan"][:2] == ["Kepala Kejaksaan Negeri Kabupaten Bandung Barat",
                                   "Tersangka PT Karya Logam Presisi, diwakili oleh Hadi Prasetyo selaku Direktur"]
    assert "Pelapor Serikat Pekerja Logam PT Karya Logam Presisi" in text and "PENGHENTIAN PENYIDIKAN" in text
    assert "berlaku sejak tanggal ditetapkan" in text and "paling lambat 1 (satu) hari" in text


def test_a_resubmission_that_lists_nothing_completed_is_refused():
    with pytest.raises(InvalidData, match="file_contents"):
        tahap_1_cover({"trigger": "resubmit_file", "payload": {"file_contents": []}, "details": {}})

