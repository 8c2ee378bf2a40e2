"""Every document kind renders its example to a PDF that says what the law needs it to say.

One renderer for the module; each example is rendered once (plus one hostile draft), so the file
stays fast. Text is read back from the PDF with `pdf_text`, the way a caller verifies output.
"""

import copy
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache

import pytest

from tests.documents.reading import fetches, letter_defects, missing_parts
from wasnaker.adapters.rendering import TEMPLATES_DIR, PdfRenderer, pdf_text, resolve_local
from wasnaker.domain.formatting import (
    bulan_romawi,
    hari_tanggal,
    jangka_waktu,
    nip,
    rupiah,
    rupiah_terbilang,
    tanggal,
    terbilang,
)
from wasnaker.domain.vocabulary import DOC_TITLES, DocKind

KINDS = [kind.value for kind in DocKind]
COMMON_KEYS = ["doc", "office", "case", "company", "addressee", "legal_bases", "signatories", "tembusan", "findings"]
LETTERS = {"nota_1", "nota_2", "sanction_recommendation", "spdp", "summons", "tahap_1_cover",
           "tipiring_referral", "reminder"}
HOSTILE = '<b>x</b> <img src="file:///etc/passwd"> <link href="http://example.com/x.css">'


@cache
def example(kind: str) -> dict:
    return json.loads((TEMPLATES_DIR / kind / "example.json").read_text(encoding="utf-8"))


@cache
def metadata(kind: str) -> dict:
    return json.loads((TEMPLATES_DIR / kind / "metadata.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def renderer():
    return PdfRenderer()


@pytest.fixture(scope="module")
def rendered(renderer):
    return cache(lambda kind: renderer.render(kind, example(kind)))


@pytest.fixture(scope="module")
def text(rendered):
    return cache(lambda kind: pdf_text(rendered(kind).pdf))


def findings_text(ctx, with_order=True):
    for f in ctx["findings"]:
        yield from (f["norm"], f["facts"], f["article"])
        if with_order:
            yield f["order"]
        if f["amount"]:
            yield rupiah_terbilang(f["amount"])


def people(items):
    for p in items:
        yield from (p["name"], nip(p["nip"]), p["rank"])


# What each kind must say, beyond the parts every document has.
def complaint_receipt(c):
    k = c["complaint"]
    return ["telah menerima pengaduan", "Nomor Perkara", c["case"]["number"], hari_tanggal(k["received_on"]),
            k["complainant_name"], k["summary"], *k["norms"], *k["evidence"]]


def spt(c):
    a = c["assignment"]
    return ["MEMERINTAHKAN", "Kepada", "Untuk", a["purpose"], *people(a["inspectors"]),
            tanggal(a["period_start"]), tanggal(a["period_end"]), "Dikeluarkan di"]


def lhp(c):
    i = c["inspection"]
    return [i["spt_number"], tanggal(i["spt_date"]), hari_tanggal(i["date"]), c["recommendation"],
            c["company"]["nib"], *findings_text(c)]


def nota_1(c):
    i, d = c["inspection"], c["deadline"]
    return [f"Surat Perintah Tugas Nomor {i['spt_number']} tanggal {tanggal(i['spt_date'])}",
            f"pada tanggal {tanggal(i['date'])}", *findings_text(c),
            f"dalam waktu {jangka_waktu(d['length'], d['unit'])} sejak diterimanya Nota Pemeriksaan ini",
            f"yaitu paling lambat tanggal {tanggal(d['due_date'])}", "laporan tertulis", "Rahasia", "Mengetahui",
            "peringatan pertama"]


def nota_2(c):
    n, d = c["nota_1"], c["deadline"]
    return [f"Nota Pemeriksaan I Nomor {n['number']} tanggal {tanggal(n['date'])}", tanggal(n["received_on"]),
            "PERINGATAN TERAKHIR", *findings_text(c), "laporan tertulis",
            f"dalam waktu {jangka_waktu(d['length'], d['unit'])} sejak diterimanya Nota Pemeriksaan ini",
            "proses hukum lebih lanjut sesuai ketentuan peraturan perundang-undangan", "Mengetahui"]


def penetapan(c):
    workers = [w["name"] for w in c["workers"]] + [rupiah(w["total"]) for w in c["workers"]]
    basis = [x for w in c["workers"] for i in w["items"] for x in (i["period"], rupiah(i["due"]), rupiah(i["paid"]))]
    return ["Menimbang", "Mengingat", "Menetapkan", "KESATU", "KEDUA", "KETIGA", *basis, *c["rights"],
            "PERHITUNGAN DAN PENETAPAN HAK", "Lembaran Negara Republik Indonesia Tahun 2003 Nomor 39",
            rupiah_terbilang(c["total_amount"]), "bagian tidak terpisahkan", "LAMPIRAN",
            "dalam waktu 14 (empat belas) hari sejak diterimanya Penetapan ini",
            f"penetapan ulang secara tertulis kepada Pengawas Ketenagakerjaan pada Kementerian Ketenagakerjaan "
            f"dalam waktu {jangka_waktu(c['redetermination_days'])}", *workers, "Ditetapkan di"]


def sanction_recommendation(c):
    history = [x for h in c["history"] for x in (h["title"], h["number"], tanggal(h["received_on"]))]
    return ["LAPORAN KETIDAKPATUHAN", "REKOMENDASI SANKSI ADMINISTRATIF", *history, c["recommended_sanction"],
            "Pasal 47 Peraturan Pemerintah Nomor 37 Tahun 2021", "Kami hanya menyampaikan rekomendasi",
            "menjadi kewenangan Saudara selaku pejabat pemberi izin", *findings_text(c)]


def incident_report(c):
    o, s = c["offence"], c["suspect"]
    return ["LAPORAN KEJADIAN", "PELAPOR", c["reporter"]["name"], nip(c["reporter"]["nip"]), hari_tanggal(o["date"]),
            o["time"], s["person"]["name"], s["person"]["nik"], *c["articles"], *c["evidence"],
            *(w["nik"] for w in c["witnesses"] + c["experts"]), *(n["number"] for n in c["notas"]),
            c["spt"]["number"], "atas kekuatan sumpah jabatan", "ditutup dan ditandatangani"]


def sprindik(c):
    return ["PRO JUSTITIA", "Pertimbangan", "DIPERINTAHKAN", c["incident_report"]["number"],
            *people(c["investigators"]),
            c["suspect"]["person"]["name"], c["suspect"]["person"]["nik"], "sampai dengan selesainya penyidikan",
            "Dikeluarkan di"]


def spdp(c):
    return ["PRO JUSTITIA", c["sprindik"]["number"], c["incident_report"]["number"], hari_tanggal(c["sprindik"]["date"])
            .split(", ")[1], c["suspect"]["person"]["name"], *people(c["investigators"]), "1 (satu) berkas", "salinan"]


def summons(c):
    p, a = c["person"], c["appointment"]
    return ["PRO JUSTITIA", "MEMANGGIL", p["name"], p["nik"], c["status_label"], tanggal(a["date"]), a["time"],
            c["sprindik"]["number"], c["incident_report"]["number"], c["investigator"]["name"], "Mengetahui",
            "Pada hari ini"]


def _refs(c):
    for label, key in (("Laporan Kejadian", "incident_report"), ("Surat Perintah Penyidikan", "sprindik"),
                       ("Surat Pemberitahuan Dimulainya Penyidikan", "spdp")):
        if c.get(key):
            yield f"{label} Nomor {c[key]['number']} tanggal {tanggal(c[key]['date'])}"


def suspect_text(s):
    p = s["person"]
    yield from (s["name"], p["name"], p["nik"], p["address"], f"{p['birth_place']}, {tanggal(p['birth_date'])}")
    if s["corporation"]:
        yield from (s["corporation"]["nib"], s["corporation"]["address"])


def tahap_1_cover(c):
    r, p = c["resubmission"], c["prosecutor"]
    return [p["head"], f"melalui {p['via']}", "1 (satu) berkas", *suspect_text(c["suspect"]), *c["articles"],
            *c["file_contents"], *_refs(c), "Penyerahan kembali setelah P-19",
            f"(P-19) Nomor {r['p19']['number']} yang diterima pada tanggal {tanggal(r['p19']['received_on'])}",
            r["p19"]["instructions"], *r["completed"], r["first_cover"]["number"], "selaku Atasan Penyidik"]


def tahap_2_record(c):
    h, p = c["handover"], c["p21"]
    return ["PRO JUSTITIA", f"Pada hari ini {hari_tanggal(h['date'])}", h["place"],
            "telah diserahkan tersangka dan barang bukti", f"(P-21) Nomor {p['number']} tanggal {tanggal(p['date'])}",
            c["prosecutor"]["name"], nip(c["prosecutor"]["nip"]), f"Penuntut Umum pada {c['prosecutor']['office']}",
            *suspect_text(c["suspect"]), *c["evidence"], *c["articles"], *_refs(c),
            *(x["number"] for x in c["covers"])]


def tipiring_referral(c):
    witnesses = [x for w in c["witnesses"] for x in (w["name"], w["nik"], w["statement"])]
    return ["atas kuasa Penuntut Umum", f"Ketua {c['court']}", tanggal(c["bap_date"]), *c["articles"],
            *c["evidence"], *witnesses, *suspect_text(c["defendant"]), hari_tanggal(c["offence"]["date"]),
            c["offence"]["place"], c["account"], *_refs(c), c["case"]["regime_label"]]


def rj_agreement(c):
    obligations = [x for o in c["obligations"] for x in (o["description"], o["method"], tanggal(o["due_date"]))]
    amounts = [rupiah_terbilang(o["amount"]) for o in c["obligations"] if o["amount"] is not None]
    parties = [x for r in (c["employer"], c["workers"]) for x in (r["person"]["name"], r["person"]["nik"],
                                                                   r["capacity"], r["authority"])]
    return ["KESEPAKATAN PERDAMAIAN", hari_tanggal(c["agreement"]["date"]), c["agreement"]["place"], *parties,
            *(w["name"] for w in c["schedule"]), rupiah_terbilang(c["schedule_total"]), *obligations, *amounts,
            *c["articles"], *_refs(c), "keadilan restoratif", "dibuat dengan sadar, tanpa paksaan", "Meterai",
            "Rp10.000", "Saksi-saksi", "Mengetahui,"]


def sp3(c):
    g, n = c["ground"], c["notification"]
    rj = g["rj"]["agreement"]
    return ["PRO JUSTITIA", "SURAT KETETAPAN", "PENGHENTIAN PENYIDIKAN", f"bahwa {g['clause']}", g["label"],
            g["note"], *suspect_text(c["suspect"]), *c["articles"], *_refs(c),
            f"Kesepakatan Perdamaian Nomor {rj['number']} tanggal {tanggal(rj['date'])}",
            f"paling lambat {jangka_waktu(n['length'], n['unit'])} sejak ditetapkan sesuai {n['basis']}",
            "berlaku sejak tanggal ditetapkan", c["complainant"]["name"], c["prosecutor"]["office"]]


def reminder(c):
    r, d = c["regarding"], c["deadline"]
    return [f"{r['title']} Nomor {r['number']} tanggal {tanggal(r['date'])}", tanggal(r["received_on"]),
            f"paling lambat tanggal {tanggal(d['due_date'])}", f"{c['days_left']} ({terbilang(c['days_left'])}) hari",
            "laporan tertulis", *findings_text(c)]


def chronology(c):
    findings = [x for f in c["findings"] for x in (f["norm"], f["article"], f"Status pemenuhan : {f['status']}")]
    events = [x for e in c["events"] for x in (tanggal(e["date"]), e["description"], e["state_label"])]
    docs = [x for d in c["documents"] for x in (d["number"], d["sha256"][:16], d["status"])]
    docs += [f"diterima {tanggal(d['received_on'])}" for d in c["documents"] if d["received_on"]]
    timers = [x for t in c["timers"] for x in (f"{t['label']}, {jangka_waktu(t['length'], t['unit'])}",
                                               tanggal(t["due_date"]), f"{t['status']} {tanggal(t['closed_on'])}")]
    head = f"Kode integritas jejak audit: {c['audit_head'][:16]}…"  # the case's audit chain as of the chronology
    return ["KRONOLOGI PERKARA", "POKOK PELANGGARAN", *findings, *events, *docs, *timers, head]


EXPECTED = {f.__name__: f for f in (complaint_receipt, spt, lhp, nota_1, nota_2, penetapan,
                                    sanction_recommendation, incident_report, sprindik, spdp, summons,
                                    tahap_1_cover, tahap_2_record, tipiring_referral, rj_agreement, sp3,
                                    reminder, chronology)}


def common_parts(kind, c):
    doc, office = c["doc"], c["office"]
    parts = [doc["number"], tanggal(doc["date"]), f"PEMERINTAH PROVINSI {office['province'].upper()}",
             office["name"].upper(), "Halaman 1 dari", *c["legal_bases"], *c["tembusan"], *c["addressee"]]
    parts += [x for s in c["signatories"] for x in (s["name"], nip(s["nip"]) if s["nip"] else s["name"])]
    if kind in LETTERS:
        parts += ["Sifat", doc["sifat"], "Lampiran", "Perihal", doc["perihal"], "Kepada Yth."]
    if metadata(kind)["served_by_hand"]:
        parts += ["TANDA TERIMA", "gunting di sini", "telah diterima 1 (satu) lembar", "oleh yang bersangkutan",
                  "Yang Menerima,", "Yang Menyerahkan,"]
    return parts + [c["company"]["name"]]


def test_every_kind_has_a_folder_with_metadata_and_example():
    for kind in KINDS:
        meta, ctx = metadata(kind), example(kind)
        assert (meta["kind"], meta["title"]) == (kind, DOC_TITLES[DocKind(kind)]) and meta["version"].isdigit()
        assert meta["required"][: len(COMMON_KEYS)] == COMMON_KEYS
        assert set(meta["required"]) == set(ctx), kind
        assert ctx["doc"]["kind"] == kind and ctx["doc"]["title"] == meta["title"]


@pytest.mark.parametrize("kind", KINDS)
def test_example_renders_what_the_kind_must_say(kind, text):
    ctx = example(kind)
    missing = [part for part in common_parts(kind, ctx) + EXPECTED[kind](ctx) if part not in text(kind)]
    assert not missing, f"{kind} lacks {missing}"


@pytest.mark.parametrize("kind", [k for k in KINDS if metadata(k).get("parts")])
def test_example_has_the_parts_of_its_kind_and_no_defect(kind, text):
    """The parts a reader looks for (metadata.json "parts") and none of the defects, in the example's PDF."""
    assert not missing_parts(metadata(kind), example(kind), text(kind))
    assert not letter_defects(text(kind))


@pytest.mark.parametrize("kind", KINDS)
def test_rendered_document_carries_hash_and_template_version(kind, rendered):
    document = rendered(kind)
    assert document.pdf.startswith(b"%PDF")
    assert document.sha256 == hashlib.sha256(document.pdf).hexdigest()
    assert document.template_version == metadata(kind)["version"]


def test_chronology_example_has_its_parts_and_no_defect(text):
    assert not missing_parts(metadata("chronology"), example("chronology"), text("chronology"))
    assert not letter_defects(text("chronology"))


def test_nota_2_lists_only_the_unfulfilled_findings(text):
    listed = {f["norm"] for f in example("nota_2")["findings"]}
    dropped = {f["norm"] for f in example("nota_1")["findings"]} - listed
    assert dropped and not any(norm in text("nota_2") for norm in dropped)


def test_penetapan_has_exactly_three_diktums(text):
    assert all(d in text("penetapan") for d in ("KESATU", "KEDUA", "KETIGA"))
    assert "KEEMPAT" not in text("penetapan") and "pengadu" not in text("penetapan")


def test_nota_without_due_date_gives_only_the_period(text):
    assert example("nota_2")["deadline"]["due_date"] is None
    assert "paling lambat" not in text("nota_2")


# --- a hostile draft: officer-typed text is escaped, nothing is fetched, drafts say so ---

@pytest.fixture(scope="module")
def hostile_draft(renderer):
    ctx = copy.deepcopy(example("penetapan"))
    ctx["doc"]["number"] = None
    ctx["findings"][0]["facts"] = HOSTILE
    worker = ctx["workers"][0]
    ctx["workers"] = [{**worker, "name": f"Pekerja Nomor {i}"} for i in range(1, 61)]
    ctx["total_amount"] = worker["total"] * 60
    (html, document), asked = fetches(lambda: (renderer.render_html("penetapan", ctx),
                                               renderer.render("penetapan", ctx)))
    return html, pdf_text(document.pdf), asked


def test_officer_text_is_escaped_and_printed_as_plain_text(hostile_draft):
    html, text, _ = hostile_draft
    assert "<b>x</b>" not in html and "<img" not in html and "<link href" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert '<b>x</b> <img src="file:///etc/passwd"> <link href="http://example.com/x.css">' in text


def test_url_fetcher_is_never_asked_for_hostile_urls(hostile_draft):
    _, _, asked = hostile_draft
    assert asked and all(url.endswith("/document_templates/style.css") for url in asked)


def test_draft_is_marked_prominently(hostile_draft):
    _, text, _ = hostile_draft
    assert "DRAFT — belum bernomor" in text


def test_long_annex_repeats_its_table_header_on_every_page(hostile_draft):
    _, text, _ = hostile_draft
    annex = text[text.index("PERHITUNGAN HAK PEKERJA"):]
    assert annex.count("No. Hak Periode Seharusnya Diterima Telah Dibayar Kekurangan") >= 2
    assert "Pekerja Nomor 60" in annex


@pytest.mark.parametrize("url", [
    "http://example.com/x.css", "https://example.com/logo.png", "file:///etc/passwd",
    (TEMPLATES_DIR / ".." / "pyproject.toml").as_uri(), "ftp://example.com/x",
    (TEMPLATES_DIR / "missing.css").as_uri(),
])
def test_resolve_local_refuses_anything_outside_the_templates(url):
    with pytest.raises(ValueError):
        resolve_local(url, (TEMPLATES_DIR.resolve(),))


def test_resolve_local_serves_template_files_and_leaves_data_urls_alone():
    css = TEMPLATES_DIR.resolve() / "style.css"
    assert resolve_local(css.as_uri(), (TEMPLATES_DIR.resolve(),)) == css
    assert resolve_local("data:text/plain,hi", (TEMPLATES_DIR.resolve(),)) is None


# --- missing data ---

def test_missing_required_key_raises_before_rendering(renderer):
    ctx = {k: v for k, v in example("nota_1").items() if k not in ("deadline", "company")}
    with pytest.raises(ValueError, match=r"missing data for nota_1: company, deadline"):
        renderer.render("nota_1", ctx)


def test_missing_nested_value_raises_value_error(renderer):
    ctx = copy.deepcopy(example("nota_1"))
    del ctx["inspection"]["spt_number"]
    with pytest.raises(ValueError, match="missing data for nota_1"):
        renderer.render_html("nota_1", ctx)


def test_unknown_kind_is_refused(renderer):
    for kind in ("surat_cinta", "../base", "nota_1/../spt"):
        with pytest.raises(ValueError, match="unknown document kind"):
            renderer.render_html(kind, {})


# --- formatting ---

def test_tanggal_accepts_dates_datetimes_and_iso_strings():
    assert tanggal(date(2023, 9, 25)) == "25 September 2023"
    assert tanggal("2026-09-25") == "25 September 2026"
    assert tanggal(datetime(2026, 3, 1, 10, 30)) == "1 Maret 2026"
    assert tanggal("2026-08-17T10:00:00+07:00") == "17 Agustus 2026"
    assert tanggal(None) == "" and hari_tanggal(None) == ""


def test_hari_tanggal_names_the_day():
    assert hari_tanggal("2023-09-25") == "Senin, 25 September 2023"
    assert hari_tanggal(date(2026, 12, 1)) == "Selasa, 1 Desember 2026"


def test_rupiah_uses_dots_and_no_cents_for_whole_amounts():
    assert rupiah(4750000) == "Rp 4.750.000"
    assert rupiah(Decimal("4750000.00")) == "Rp 4.750.000"
    assert rupiah(Decimal("1500.5")) == "Rp 1.500,50"
    assert rupiah(0) == "Rp 0" and rupiah(None) == ""


def test_terbilang_writes_amounts_in_indonesian_words():
    assert terbilang(4750000) == "empat juta tujuh ratus lima puluh ribu"
    assert terbilang(1000) == "seribu"
    assert terbilang(1001000) == "satu juta seribu"
    assert terbilang(21000) == "dua puluh satu ribu"
    assert terbilang(14) == "empat belas"
    assert rupiah_terbilang(4750000) == "Rp 4.750.000 (empat juta tujuh ratus lima puluh ribu rupiah)"


def test_jangka_waktu_gives_figures_and_words():
    assert jangka_waktu(14) == "14 (empat belas) hari"
    assert jangka_waktu(3, "working_days") == "3 (tiga) hari kerja"
    with pytest.raises(ValueError):
        jangka_waktu(3, "weeks")


def test_bulan_romawi_and_nip():
    assert [bulan_romawi(m) for m in (1, 4, 9, 12)] == ["I", "IV", "IX", "XII"]
    with pytest.raises(ValueError):
        bulan_romawi(13)
    assert nip("198503122010012004") == "19850312 201001 2 004"
    assert nip("12345") == "12345"


def test_office_logo_comes_from_the_asset_folder(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    html = PdfRenderer(asset_dir=tmp_path).render_html("spt", example("spt"))
    assert f'src="{(tmp_path / "logo.png").resolve().as_uri()}"' in html
    assert resolve_local((tmp_path / "logo.png").as_uri(), (TEMPLATES_DIR.resolve(), tmp_path.resolve()))


NULLABLE = {"nota_2": ("nota_1", "received_on"), "reminder": ("regarding", "received_on"),
            "sp3": ("notification",), "tahap_1_cover": ("resubmission",), "penetapan": ("replaces",),
            "rj_agreement": ("spdp",)}


@pytest.mark.parametrize("kind", KINDS)
def test_sparse_draft_context_renders(kind, renderer):
    ctx = copy.deepcopy(example(kind))
    ctx["doc"]["number"] = None
    ctx.update(addressee=[], legal_bases=[], tembusan=[])
    if kind in NULLABLE:
        *path, key = NULLABLE[kind]
        target = ctx
        for part in path:
            target = target[part]
        target[key] = None
    html = renderer.render_html(kind, ctx)
    assert "DRAFT — belum bernomor" in html and "Tembusan" not in html


def test_importing_the_renderer_does_not_import_weasyprint():
    import subprocess
    import sys

    code = "import sys, wasnaker.adapters.rendering; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"



def test_a_number_in_running_text_breaks_only_after_a_slash_and_is_escaped():
    from wasnaker.adapters.rendering import nomor

    assert str(nomor("R.560/0003/NP-I")) == ('<span class="nowrap">R.560/</span><span class="nowrap">0003/</span>'
                                            '<span class="nowrap">NP-I</span>')
    assert "&lt;b&gt;" in str(nomor("<b>1</b>/2"))
