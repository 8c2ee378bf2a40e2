"""The Rakornas report (issue #13) on the known history of tests/services/test_figures.py (five cases in two offices
of Jawa Barat, March 2026): its tables hold exactly those figures on SQLite and PostgreSQL, each officer gets the
scope the figures give them, and the files are read back — the PDF's text with pypdf (the rows of a province and
of an office, the period in Indonesian, page numbers), the XLSX's cells with openpyxl (numbers as numbers, rates
in percent format, the header frozen)."""

from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.services.test_figures import MARCH, history, kiki, officer  # noqa: F401 - fixtures
from wasnaker.adapters import reports as drawn
from wasnaker.adapters.rendering import pdf_text
from wasnaker.application import reports
from wasnaker.domain.errors import InvalidData, NotFound, RoleNotAllowed

NOW = datetime(2026, 4, 3, 6, 30, tzinfo=UTC)  # 13.30 in Jakarta
#  inspection, Nota I, Nota II, sanction rec., incident report, investigation, P-21, tipiring, SP3, RJ
WIL_I, WIL_II = [4, 2, 1, 0, 2, 1, 1, 1, 0, 0], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]
# SQLite only: the tables' figures are checked on PostgreSQL too in tests/services/test_figures.py (the funnel per
# office and province); the files are drawn from the tables alike on both.
pytestmark = pytest.mark.parametrize("history", ["sqlite"], indirect=True)
RUNGS = ["inspection", "nota_1", "nota_2", "sanction_recommendation", "incident_report", "investigation", "p21",
         "tipiring", "sp3", "restorative_justice"]


def _tables(report: dict) -> dict:
    return {t["key"]: t for t in report["tables"]}


def _counts(row: dict) -> list[int]:
    return [row[k] for k in RUNGS]


def test_the_reports_tables_hold_the_periods_figures_per_province_and_office(history, kiki):  # noqa: F811
    rt, _ = history
    report = reports.rakornas(rt, kiki, *MARCH, now=NOW)
    tables = _tables(report)
    assert list(tables) == ["Corong", "Per provinsi", "Per kantor", "Kepatuhan", "Waktu per tahap", "Beban kerja",
                            "Indeks kinerja", "Rekam jejak PPNS"]
    assert [(r["cases"], r["rate"]) for r in tables["Corong"]["rows"][:3]] == [(5, None), (3, 3 / 5), (1, 1 / 3)]
    [java] = tables["Per provinsi"]["rows"]
    both = [a + b for a, b in zip(WIL_I, WIL_II)]
    assert (java["province"], java["offices"], _counts(java)) == ("Jawa Barat", 2, both)
    assert [(r["office"], _counts(r)) for r in tables["Per kantor"]["rows"]] == [("UPTD-WIL.I", WIL_I),
                                                                                ("UPTD-WIL.II", WIL_II)]
    assert _counts(tables["Per kantor"]["total"]) == _counts(java)
    complied = [(r["office"], r["nota_1"], r["complied_after_nota_1"], r["complied_after_nota_1_rate"],
                 r["nota_2"], r["complied_after_nota_2"], r["complied_after_nota_2_rate"])
                for r in tables["Kepatuhan"]["rows"] + [tables["Kepatuhan"]["total"]]]
    assert complied == [("UPTD-WIL.I", 2, 1, 0.5, 1, 1, 1.0), ("UPTD-WIL.II", 1, 0, 0.0, 0, 0, None),
                        ("Jumlah", 3, 1, 1 / 3, 1, 1, 1.0)]
    stages = {r["label"]: (r["spans"], r["median"], r["p90"], r["open"]) for r in tables["Waktu per tahap"]["rows"]}
    assert stages["Pemeriksaan"] == (5, 10.0, 26.6, 0) and stages["Sprindik sampai P-21"] == (1, 15.0, 15.0, None)
    load = [(r["office"], r["officers"], r["inspections"], r["quota"], r["share"], r["met"], r["open_cases"])
            for r in tables["Beban kerja"]["rows"]]
    assert load == [("UPTD-WIL.I", 2, 9, 10, 0.9, 1, 3), ("UPTD-WIL.II", 1, 1, 5, 0.2, 0, 1)]
    index = [(r["office"], r["inspection_quota"], r["complied_after_nota_1"], r["office_deadlines_kept"],
              r["sprindik_to_p21"], r["index"]) for r in tables["Indeks kinerja"]["rows"]]
    assert index == [("UPTD-WIL.I", 0.9, 0.5, 0.5, 15.0, pytest.approx(83.0)),
                     ("UPTD-WIL.II", 0.2, 0.0, None, None, pytest.approx(1900 / 55))]
    [sari] = tables["Rekam jejak PPNS"]["rows"]
    assert [sari[k] for k in ("investigations", "p21", "tipiring", "sp3", "restorative_justice", "sprindik_to_p21")] \
        == [1, 1, 1, 0, 0, 15.0]
    assert report["scope_text"] == "Semua kantor (2 kantor)"
    assert report["generated_at"] == "3 April 2026 pukul 13.30 WIB"


def test_each_officer_gets_the_scope_of_the_figures(history):  # noqa: F811
    rt, _ = history
    head = officer(rt, "hesti")  # head of UPTD-WIL.II
    tables = _tables(reports.rakornas(rt, head, *MARCH, now=NOW))
    assert [(r["office"], _counts(r)) for r in tables["Per kantor"]["rows"]] == [("UPTD-WIL.II", WIL_II)]
    assert _counts(tables["Per provinsi"]["rows"][0]) == WIL_II
    chosen = reports.rakornas(rt, officer(rt, "kiki"), *MARCH, offices=["UPTD-WIL.I"], now=NOW)
    assert [r["office"] for r in _tables(chosen)["Beban kerja"]["rows"]] == ["UPTD-WIL.I"]
    assert chosen["scope_text"] == "UPTD Pengawasan Ketenagakerjaan Wilayah I (UPTD-WIL.I), Jawa Barat"
    with pytest.raises(RoleNotAllowed):
        reports.rakornas(rt, head, *MARCH, offices=["UPTD-WIL.I"], now=NOW)
    with pytest.raises(RoleNotAllowed):
        reports.rakornas(rt, officer(rt, "budi"), *MARCH, now=NOW)
    with pytest.raises(NotFound):
        reports.rakornas(rt, officer(rt, "kiki"), *MARCH, offices=["UPTD-WIL.IX"], now=NOW)
    with pytest.raises(InvalidData):
        reports.rakornas(rt, officer(rt, "kiki"), date(2026, 3, 31), date(2026, 3, 1), now=NOW)
    with pytest.raises(InvalidData, match="unknown report format"):
        reports.rakornas_file(rt, officer(rt, "kiki"), *MARCH, fmt="docx", now=NOW)


def test_the_pdf_reads_as_the_tables_with_charts_and_page_numbers(history, kiki):  # noqa: F811
    rt, _ = history
    pdf = reports.rakornas_file(rt, kiki, *MARCH, fmt="pdf", now=NOW)
    text = pdf_text(pdf)
    assert text.startswith("Laporan Rakornas Pengawasan Ketenagakerjaan Periode 1 Maret 2026 s.d. 31 Maret 2026 "
                           "Cakupan Semua kantor (2 kantor) Dibuat 3 April 2026 pukul 13.30 WIB")
    assert f"Jawa Barat 2 {' '.join(str(a + b) for a, b in zip(WIL_I, WIL_II))} " in text
    assert f"UPTD-WIL.I UPTD Pengawasan Ketenagakerjaan Wilayah I Jawa Barat {' '.join(map(str, WIL_I))} " in text
    assert f"UPTD-WIL.II UPTD Pengawasan Ketenagakerjaan Wilayah II Jawa Barat {' '.join(map(str, WIL_II))} " in text
    assert "UPTD-WIL.I UPTD Pengawasan Ketenagakerjaan Wilayah I 2 1 50% 1 1 100%" in text
    assert "Pemeriksaan 5 10 26,6 0" in text and "Jumlah 3 1 33,3% 1 1 100%" in text
    assert "Halaman 1 dari " in text
    assert "UPTD-WIL.I UPTD Pengawasan Ketenagakerjaan Wilayah I 90% 50% 100% 3 50% 100% 15 83 " in text
    assert "UPTD-WIL.II UPTD Pengawasan Ketenagakerjaan Wilayah II 20% 0% — 18 — — — 34,5 " in text
    assert "Sari Wulandari UPTD-WIL.I 1 1 1 0 0 15 " in text
    html = drawn._renderer().render_html("rakornas", drawn._context(reports.rakornas(rt, kiki, *MARCH, now=NOW)))
    assert html.count("<svg") == 5 and "<script" not in html


def test_the_xlsx_has_one_sheet_per_table_numbers_as_numbers_and_rates_as_percent(history, kiki):  # noqa: F811
    rt, _ = history
    book = load_workbook(BytesIO(reports.rakornas_file(rt, kiki, *MARCH, fmt="xlsx", now=NOW)))
    assert book.sheetnames == ["Keterangan", "Corong", "Per provinsi", "Per kantor", "Kepatuhan", "Waktu per tahap",
                               "Beban kerja", "Indeks kinerja", "Rekam jejak PPNS"]
    assert [c.value for c in book["Keterangan"]["B"]][:2] == ["Laporan Rakornas Pengawasan Ketenagakerjaan",
                                                             "1 Maret 2026 s.d. 31 Maret 2026"]
    offices = book["Per kantor"]
    assert [c.value for c in offices[1]][:4] == ["Kode", "Kantor", "Provinsi", "Pemeriksaan"]
    assert [c.value for c in offices[2]] == ["UPTD-WIL.I", "UPTD Pengawasan Ketenagakerjaan Wilayah I", "Jawa Barat",
                                             *WIL_I]
    assert [c.value for c in offices[4]][3:] == [a + b for a, b in zip(WIL_I, WIL_II)]
    assert offices[4][0].value == "Jumlah" and offices[4][0].font.bold
    assert offices.freeze_panes == "A2" and offices[1][0].font.bold
    assert offices.column_dimensions["B"].width > offices.column_dimensions["D"].width
    province = book["Per provinsi"]
    assert [c.value for c in province[2]] == ["Jawa Barat", 2, *[a + b for a, b in zip(WIL_I, WIL_II)]]
    rate = book["Kepatuhan"]["E2"]
    assert (rate.value, rate.number_format) == (0.5, "0.0%")
    assert book["Corong"]["B2"].number_format == "#,##0" and isinstance(book["Corong"]["B2"].value, int)
    assert (book["Waktu per tahap"]["D6"].value, book["Waktu per tahap"]["A6"].value) == (26.6, "Pemeriksaan")
    assert [c.value for c in book["Beban kerja"][2]][2:7] == [2, 9, 10, 0.9, 1]
    index = book["Indeks kinerja"]
    assert [c.value for c in index[2]][:4] == ["UPTD-WIL.I", "UPTD Pengawasan Ketenagakerjaan Wilayah I", 0.9, 0.5]
    assert index["C2"].number_format == "0.0%" and index[2][-1].value == pytest.approx(83.0)
    assert [c.value for c in book["Rekam jejak PPNS"][2]] == ["Sari Wulandari", "UPTD-WIL.I", 1, 1, 1, 0, 0, 15.0]
