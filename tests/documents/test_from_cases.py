"""Every document kind rendered from a real case (the demo's story plus side tracks), with its
kind-specific content found in the text extracted from the PDF."""

from datetime import date

import pytest
from sqlmodel import select

from models import Case, Document
from tests.conftest import seed_reference
from tests.documents.reading import letter_defects, missing_parts
from tests.helpers import NOW, WORKER_FINDING, act, to_inspecting
from wasnaker.adapters.rendering import pdf_text
from wasnaker.application import acts, documents, sweep
from wasnaker.clock import start_of_day
from wasnaker.db import init_db
from wasnaker.demo.load import play
from wasnaker.demo.story import COMPANIES, STORY, UJANG
from wasnaker.domain.vocabulary import DocKind
from wasnaker.runtime import runtime_for
from wasnaker.services.registry import add_company
from wasnaker.services.snapshot import metadata as snapshot_metadata
from wasnaker.settings import Settings

# plays the demo's whole story and the side tracks once (~18 s) before the first test
pytestmark = pytest.mark.slow

SIDE_TRACKS = {
    "penetapan": [("issue_penetapan", "budi", "2026-07-02", dict(received_on="2026-07-03")),
                  ("timers", None, "2026-07-20", None),
                  ("recommend_sanction", "rahmat", "2026-07-20", dict(
                      licensing_official="Kepala Dinas Penanaman Modal dan PTSP Provinsi Jawa Barat",
                      recommended_sanction="pembatasan kegiatan usaha"))],
    # a fast track from the Laporan Kejadian (no Sprindik, no SPDP): the LK names the suspect, witnesses, evidence
    "tipiring": [("report_incident", "budi", "2026-07-02", dict(
        ground="obstruction",
        account="Pengusaha menolak Pengawas Ketenagakerjaan memasuki tempat kerja pada saat pemeriksaan berdasarkan "
                "Surat Perintah Tugas",
        offence=dict(date="2026-06-29", time="10.15", place="PT Sinar Tekstil Nusantara, Jl. Industri Raya No. 5",
                     district="Kota Cimahi"),
        suspect=dict(person=dict(name="Andi Wijaya", sex="laki-laki", birth_place="Jakarta", birth_date="1975-07-21",
                                 occupation="Direktur Utama PT Sinar Tekstil Nusantara",
                                 address="Jl. Pasteur No. 30, Kota Bandung", nik="3273012107750006")),
        articles=["Pasal 3 ayat (1) jo Pasal 8 Undang-Undang Nomor 3 Tahun 1951 jo Undang-Undang Nomor 23 Tahun 1948"],
        witnesses=[dict(person=UJANG, statement="Melihat pengusaha menutup pintu gerbang dan menolak pengawas masuk")],
        evidence=["Berita acara penolakan pemeriksaan tanggal 29 Juni 2026"])),
        ("open_tipiring", "sari", "2026-07-06", dict(bap_date="2026-07-06", court="Pengadilan Negeri Bale Bandung")),
        ("file_tipiring_to_court", "sari", "2026-07-08", {})],
}


def _act(rt, number, trigger, actor, day, data):
    """An act and its letters rendered, as an office lives it (a later letter, such as the chronology, sees the
    earlier ones issued)."""
    number = acts.record(rt, trigger=trigger, actor=actor, on=day, now=NOW, case_number=number,
                         data=data)["case_number"]
    documents.render_pending(rt, NOW)
    return number


def _play(rt, steps, number=None):
    for trigger, actor, on, data in steps:
        day = date.fromisoformat(on)
        if trigger == "timers":
            sweep.sweep(rt, start_of_day(day, "Asia/Jakarta"))
            continue
        number = acts.record(rt, trigger=trigger, actor=actor, on=day, now=NOW, case_number=number,
                             data=data)["case_number"]
    return number


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """{kind: [(context, text), ...]} for every document the cases issued, rendered from the stored context."""
    rt = runtime_for(Settings(home=tmp_path_factory.mktemp("cases")))
    init_db(rt.engine)
    seed_reference(rt.engine)
    with rt.session() as s:
        for company in COMPANIES[2:]:
            add_company(s, **company)
    story = play({name: [(t, "kadis" if a == "rahmat" else a, on, d) for t, a, on, d in steps]
                  for name, steps in STORY.items()}, lambda _label, *step: _act(rt, *step),
                 lambda day: sweep.sweep(rt, start_of_day(day, "Asia/Jakarta")))
    for name, steps in SIDE_TRACKS.items():
        start = "2026-06-29"
        number = to_inspecting(rt.engine, start=start, finding=WORKER_FINDING)
        _play(rt, [(t, "kadis" if a == "rahmat" else a, on, d) for t, a, on, d in steps], number)
    reminder_case = to_inspecting(rt.engine, start="2026-08-03")
    act(rt.engine, "issue_nota_1", "budi", "2026-08-04", reminder_case, deadline_days=14, received_on="2026-08-05")
    sweep.sweep(rt, start_of_day(date(2026, 8, 14), "Asia/Jakarta"))
    documents.render_pending(rt, NOW)
    out: dict[str, list] = {}
    rank = {number: i for i, number in enumerate(story.values())}  # case A's letters first, then B's, C's, the rest
    with rt.session() as s:
        issued = s.exec(select(Document, Case.number).join(Case, Case.id == Document.case_id)
                        .where(Document.status == "issued")).all()
        for doc, _number in sorted(issued, key=lambda row: (rank.get(row[1], len(rank)), row[0].id)):
            out.setdefault(doc.kind, []).append((doc.context, pdf_text(open(doc.file_path, "rb").read())))
    return out


def _one(rendered, kind, index=0):
    context, text = rendered[kind][index]
    assert context["doc"]["number"] and context["doc"]["number"] in text
    return context, text


def test_every_kind_was_issued_from_a_case(rendered):
    assert set(rendered) == {k.value for k in DocKind}


def test_complaint_receipt(rendered):
    ctx, text = _one(rendered, "complaint_receipt")
    assert "TANDA TERIMA PENGADUAN" in text.upper() and ctx["case"]["number"] in text
    assert "2 Februari 2026" in text and "PUK SPTSK SPSI" in text


def test_spt_names_the_inspectors_and_the_company(rendered):
    ctx, text = _one(rendered, "spt")
    assert "Budi Santoso" in text and "PT Sinar Tekstil Nusantara" in text and "4 Februari 2026" in text


def test_nota_1(rendered):
    ctx, text = _one(rendered, "nota_1")
    assert "PT Sinar Tekstil Nusantara" in text and "Pasal 88E ayat (2)" in text
    assert "14 (empat belas) hari" in text and "laporan tertulis" in text.lower() and "Mengetahui" in text
    assert "Rahasia" in text and "5 Februari 2026" in text  # the inspection it cites


def test_nota_2_cites_nota_1_and_lists_the_unfulfilled_finding(rendered):
    ctx, text = _one(rendered, "nota_2")
    assert ctx["nota_1"]["number"] and ctx["nota_1"]["number"] in text and "PERINGATAN TERAKHIR" in text.upper()
    assert "pemeriksaan ulang pada tanggal 26 Januari 2026" in text  # the re-check, not the inspection
    assert "Pasal 88A ayat (3)" in text and "7 (tujuh) hari" in text and "CV Maju Jaya" in text


def test_penetapan_has_the_workers_annex_and_totals_in_words(rendered):
    ctx, text = _one(rendered, "penetapan")
    assert "Siti Aminah" in text and "Joko Susilo" in text
    assert "Rp 2.500.000" in text and "dua juta lima ratus ribu rupiah" in text
    assert "14 (empat belas) hari" in text


def test_sanction_recommendation_cites_the_history_and_pp_37(rendered):
    ctx, text = _one(rendered, "sanction_recommendation")
    assert "PP 37/2021" in text or "Peraturan Pemerintah Nomor 37 Tahun 2021" in text
    assert "Kepala Dinas Penanaman Modal" in text and ctx["history"][0]["number"] in text


def test_incident_report_names_suspect_and_article(rendered):
    ctx, text = _one(rendered, "incident_report")
    assert "Rudi Hartono" in text and "Pasal 185 ayat (1)" in text


def test_sprindik_and_spdp(rendered):
    sprindik, text = _one(rendered, "sprindik")
    assert "Sari Wulandari" in text and "Rudi Hartono" in text
    spdp, text = _one(rendered, "spdp")
    assert sprindik["doc"]["number"] in text and "Kejaksaan Negeri Kabupaten Bandung" in text


def test_summons(rendered):
    ctx, text = _one(rendered, "summons")
    assert "Rudi Hartono" in text and "18 Februari 2026" in text and "tersangka" in text.lower()


def test_tahap_1_cover_lists_the_file_and_the_resubmission_cites_p19(rendered):
    first, text = _one(rendered, "tahap_1_cover", 0)
    assert "BAP Tersangka" in text and "Korwas PPNS" in text
    again, text = _one(rendered, "tahap_1_cover", 1)
    assert "B-412/M.2.24/Eku.1/03/2026" in text and "BAP Ahli" in text


def test_tahap_2_record_and_chronology(rendered):
    ctx, text = _one(rendered, "tahap_2_record")
    assert "Agus Salim" in text and "B-530/M.2.24/Eku.1/03/2026" in text and "14 April 2026" in text
    chrono, text = _one(rendered, "chronology")
    said = _squash(text)
    nota_1 = next(d["number"] for d in chrono["documents"] if d["title"] == "Nota Pemeriksaan I")
    for fact in ["A. POKOK PELANGGARAN", "Pembayaran upah", "Status pemenuhan : belum dipenuhi",
                 "Budi Santoso mencatat temuan 1: Pembayaran upah — Upah bulan Desember 2025 bagi 18 (delapan belas)",
                 f"Nota Pemeriksaan I Nomor {nota_1} diterbitkan dengan jangka waktu 7 (tujuh) hari",
                 f"Nota Pemeriksaan I Nomor {nota_1} diterima perusahaan pada 16 Januari 2026 (diserahkan langsung)",
                 "Pemeriksaan ulang oleh Budi Santoso: temuan 1 belum dipenuhi; catatan: “Upah Desember 2025",
                 "Sistem wasnaker", "Jangka waktu Nota I habis", "penyidik: Sari Wulandari",
                 "P-19 Nomor B-412/M.2.24/Eku.1/03/2026 diterima pada 10 Maret 2026; petunjuk Penuntut Umum: "
                 "“Lengkapi keterangan ahli ketenagakerjaan”", "P-21 Nomor B-530/M.2.24/Eku.1/03/2026 diterima",
                 "Lewat waktu, ditutup 26 Januari 2026", "Diterbitkan; diterima 16 Januari 2026"]:
        assert _squash(fact) in said, fact
    assert chrono["events"] and all(d["number"] in text for d in chrono["documents"])
    assert "Nota Pemeriksaan I dengan jangka waktu" not in text  # the lifecycle table's step, not the fact


def _squash(text: str) -> str:
    """Text without its spaces: a narrow table cell breaks a long number where a reader sees none."""
    return "".join(text.split())


def test_tipiring_referral(rendered):
    ctx, text = _one(rendered, "tipiring_referral")
    assert "Pengadilan Negeri Bale Bandung" in text and "atas kuasa Penuntut Umum" in text
    assert "Andi Wijaya" in text


def test_rj_agreement_lists_obligations_with_due_dates(rendered):
    ctx, text = _one(rendered, "rj_agreement")
    assert "Rp 14.250.000" in text and "empat belas juta dua ratus lima puluh ribu rupiah" in text
    assert "10 April 2026" in text and "Hadi Prasetyo" in text


def test_sp3_states_its_ground(rendered):
    ctx, text = _one(rendered, "sp3")
    assert "keadilan restoratif" in text.lower() and "Hadi Prasetyo" in text


def test_reminder_cites_the_letter_and_its_due_date(rendered):
    ctx, text = _one(rendered, "reminder")
    assert ctx["regarding"]["number"].startswith("R.560/") and ctx["regarding"]["number"] in text
    assert "19 Agustus 2026" in text


def test_lhp(rendered):
    ctx, text = _one(rendered, "lhp")
    assert "Pasal 88E ayat (2)" in text and "PT Sinar Tekstil Nusantara" in text


def test_letters_to_companies_never_name_the_complainant(rendered):
    for kind in ("nota_1", "nota_2", "penetapan", "reminder", "sanction_recommendation"):
        for _, text in rendered[kind]:
            assert "PUK SPTSK SPSI" not in text and "Serikat Pekerja Tekstil" not in text, kind


@pytest.mark.parametrize("kind", [k.value for k in DocKind])
def test_every_letter_has_the_parts_of_its_kind(rendered, kind):
    """metadata.json "parts": what real files of the kind contain, found in the text of every issued one."""
    meta = snapshot_metadata(kind)
    assert meta.get("parts"), f"{kind}: metadata.json lists no parts"
    for context, text in rendered[kind]:
        assert not missing_parts(meta, context, text), (context["doc"]["number"], missing_parts(meta, context, text))


@pytest.mark.parametrize("kind", [k.value for k in DocKind])
def test_no_letter_has_a_hole_a_code_or_pasted_input(rendered, kind):
    for context, text in rendered[kind]:
        assert not letter_defects(text), (context["doc"]["number"], letter_defects(text))
