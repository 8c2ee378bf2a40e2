"""Pantauan pages (issue #13) on the known history of tests/services/test_figures.py: the radar, the funnel, workload
and time per stage show exactly its figures, the chart's table equals the figures, every count links to the cases
it counts, the head sees only their office (another office's figures are a 404), other roles get the 403 page, and
a date the filter cannot read is told beside its field with no figure shown; the Rakornas report downloads with
the page's period and offices, in the officer's scope.

The history is built once for this module (SQLite; the figures themselves are checked on both databases in
tests/services/test_figures.py); every test only reads it."""

import html as html_
import re
from datetime import date
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.services.test_figures import RADAR_NOW, build, officer
from tests.web.conftest import PASSWORD, START, Clock, sign_in
from wasnaker.adapters.rendering import pdf_text
from wasnaker.application import figures
from wasnaker.db import init_db
from wasnaker.runtime import runtime_for
from wasnaker.services import accounts
from wasnaker.settings import Settings
from wasnaker.web.app import create_app

MARCH = "dari=2026-03-01&sampai=2026-03-31"


class Tables(HTMLParser):
    """Every table with an id: its body rows as (cell texts, link targets); also every <svg>'s text."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self.svg_texts, self._table, self._row, self._cell = {}, [], None, None, None
        self._in_svg_text = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self._table is not None:
            self._row = ([], [])
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "a" and self._row is not None and "href" in attrs:
            self._row[1].append(attrs["href"])
        self._in_svg_text = tag == "text"

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row[0].append(" ".join(" ".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row[0]:
                self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "text":
            self._in_svg_text = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_svg_text:
            self.svg_texts.append(data)

    def body(self, ident: str) -> list[tuple[list[str], list[str]]]:
        """The table's rows after its header row (none when the page has no such table: an empty list)."""
        return self.tables.get(ident, [])[1:]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(runtime, app, case numbers by letter): the story's five cases in two offices, the clock on 3 April 2026."""
    rt = runtime_for(Settings(home=tmp_path_factory.mktemp("pantauan"), environment="test"))
    init_db(rt.engine)
    cases = build(rt.engine)
    with rt.session() as s:
        for name in ("kiki", "hendra", "kadis", "hesti", "budi"):
            accounts.add_user(s, name, PASSWORD, by="admin", now=START)
    yield rt, create_app(runtime=lambda: rt, now=Clock(RADAR_NOW)), cases
    rt.engine.dispose()


@pytest.fixture(scope="module")
def clients(site):
    _, app, _ = site
    return {name: sign_in(app, name) for name in ("kiki", "hendra", "hesti", "budi")}


def _page(client: TestClient, url: str, status: int = 200) -> Tables:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    return Tables(response.text)


def _drill(client: TestClient, href: str) -> list[str]:
    """The case numbers a drill-down link lists."""
    return [cells[0] for cells, _ in _page(client, href).body(_list_id(href))]


def _list_id(href: str) -> str:
    return "perkara-corong" if href.startswith("/pantauan/corong/") else "daftar-tenggat"


FUNNEL_MARCH = [  # (label, cases, base, rate) as the page prints them: tests/services/test_figures.py's figures
    ["Pemeriksaan", "5", "—", "—"], ["Nota Pemeriksaan I", "3", "Pemeriksaan", "60%"],
    ["Nota Pemeriksaan II", "1", "Nota Pemeriksaan I", "33,3%"]]


def test_the_funnel_page_shows_the_periods_figures_chart_and_table_alike(site, clients):
    rt, _, cases = site
    seen = _page(clients["kiki"], f"/pantauan/corong?{MARCH}")
    rows = seen.body("tahap-corong")
    assert [cells for cells, _ in rows[:3]] == FUNNEL_MARCH
    expected = figures.funnel(rt, officer(rt, "kiki"), date(2026, 3, 1), date(2026, 3, 31))
    assert [int(cells[1]) for cells, _ in rows] == [r["cases"] for r in expected["rungs"]]
    assert dict((cells[0], cells[1]) for cells, _ in rows)["Laporan Kejadian"] == "2"
    assert [cells[3] for cells, _ in rows][3:] == ["0%", "200%", "50%", "100%", "50%", "0%", "0%"]
    chart = seen.svg_texts
    assert chart[0::2] == [r["label"] for r in expected["rungs"]] and chart[1::2] == [c[1] for c, _ in rows]
    assert [cells for cells, _ in seen.body("kepatuhan")] == [
        [expected["compliance"][0]["label"], "1", "Nota Pemeriksaan I", "33,3%"],
        [expected["compliance"][1]["label"], "1", "Nota Pemeriksaan II", "100%"]]


def test_every_funnel_count_links_to_exactly_the_cases_it_counts(site, clients):
    rt, _, cases = site
    seen = _page(clients["kiki"], f"/pantauan/corong?{MARCH}")
    for cells, links in seen.body("tahap-corong") + seen.body("kepatuhan"):
        [href] = links
        assert parse_qs(urlsplit(href).query) == {"dari": ["2026-03-01"], "sampai": ["2026-03-31"]}
        listed = _drill(clients["kiki"], href)
        assert len(listed) == int(cells[1]), href
    nota_1 = _drill(clients["kiki"], f"/pantauan/corong/nota_1?{MARCH}")
    assert nota_1 == [cases["B"], cases["E"], cases["A"]]
    assert _drill(clients["kiki"], f"/pantauan/corong/incident_report?{MARCH}") == [cases["C"], cases["D"]]
    listed = _page(clients["kiki"], f"/pantauan/corong/nota_1?{MARCH}").body("perkara-corong")
    assert listed[0][1] == [f"/perkara/{cases['B']}"]
    _page(clients["kiki"], f"/pantauan/corong/nota_3?{MARCH}", 404)


def test_a_drill_down_lists_its_first_rows_and_says_how_many_it_counts(site, clients, monkeypatch):
    """A page lists at most `page_rows` rows (100,000 cases put tens of thousands behind a count: bench/results/
    figures.md); its count and the note give the whole number."""
    from wasnaker.web.templating import templates

    monkeypatch.setitem(templates.env.globals, "page_rows", 2)
    for url, table, total in ((f"/pantauan/corong/nota_1?{MARCH}", "perkara-corong", 3),
                              (f"/pantauan/waktu-tahap/inspecting?{MARCH}", "perkara-waktu", 5)):
        response = clients["kiki"].get(url)
        assert len(Tables(response.text).body(table)) == 2, url
        assert f"Ditampilkan 2 baris pertama dari {total};" in response.text, url
    monkeypatch.setitem(templates.env.globals, "page_rows", 1)  # deadlines: only the shown ones are read
    deadlines = clients["kiki"].get("/pantauan/tenggat")
    assert len(Tables(deadlines.text).body("daftar-tenggat")) == 1
    assert "Lebih dari 1 tenggat; ditampilkan 1 yang paling mendesak" in deadlines.text
    monkeypatch.setitem(templates.env.globals, "page_rows", 3)
    assert "terpotong" not in clients["kiki"].get(f"/pantauan/corong/nota_1?{MARCH}").text


def test_the_period_defaults_to_this_year_until_today(site, clients):
    """The clock stands on 3 April 2026: 1 January to 3 April holds March and April. April alone has nothing: A's
    compliance of 2 April answers a Nota of 31 March, and counts in March (the case across the period boundary)."""
    seen = _page(clients["kiki"], "/pantauan/corong")
    assert [cells[1] for cells, _ in seen.body("tahap-corong")][:3] == ["5", "3", "1"]
    assert 'value="2026-01-01"' in clients["kiki"].get("/pantauan/corong").text
    assert 'value="2026-04-03"' in clients["kiki"].get("/pantauan/corong").text
    april = _page(clients["kiki"], "/pantauan/corong?dari=2026-04-01&sampai=2026-04-30")  # A complied 2 April
    assert {cells[1] for cells, _ in april.body("tahap-corong") + april.body("kepatuhan")} == {"0"}
    assert {cells[3] for cells, _ in april.body("kepatuhan")} == {"—"}  # no rate over an empty base


@pytest.mark.parametrize(("query", "field", "message"), [
    ("dari=2026-13-01&sampai=2026-03-31", "dari", "Tanggal tidak dapat dibaca"),
    ("dari=kemarin", "dari", "Tanggal tidak dapat dibaca"),
    ("dari=2026-03-01&sampai=0999-01-01", "sampai", "Tahun harus antara 1900 dan 2100"),
    ("dari=2026-04-01&sampai=2026-03-01", "sampai", "Tanggal akhir tidak boleh sebelum tanggal awal")])
def test_a_date_the_filter_cannot_read_is_told_beside_its_field_and_nothing_else(clients, query, field, message):
    response = clients["kiki"].get(f"/pantauan/corong?{query}")
    assert response.status_code == 400
    assert f'<span class="error-message" id="{field}-error">{message}' in response.text
    assert f'href="#{field}"' in response.text  # the error summary links to the field
    assert "tahap-corong" not in response.text and "<svg" not in response.text
    assert clients["kiki"].get(f"/pantauan/corong/nota_1?{query}").status_code == 400


def test_the_radar_lists_its_deadlines_and_each_count_links_to_them(site, clients):
    _, _, cases = site
    seen = _page(clients["kiki"], "/pantauan")
    assert [cells[0] for cells, _ in seen.body("daftar-tenggat")] == [f"{cases['D']} CV Maju Jaya",
                                                                      f"{cases['E']} PT Sinar Tekstil Nusantara"]
    deadlines = [(cells[1], cells[4], links) for cells, links in seen.body("daftar-tenggat")]
    assert deadlines == [("UPTD-WIL.I", "lewat 18 hari", [f"/perkara/{cases['D']}"]),
                         ("UPTD-WIL.II", "5 hari lagi", [f"/perkara/{cases['E']}"])]
    per_office = seen.body("tenggat-per-kantor")
    assert [cells[1:] for cells, _ in per_office] == [["1", "0"], ["0", "1"]]
    assert seen.svg_texts == ["UPTD-WIL.I", "1", "UPTD-WIL.II", "0"]  # the chart: overdue per office
    for table in ("tenggat-per-kantor", "tenggat-per-petugas", "tenggat-per-jenis"):
        for cells, links in seen.body(table):
            for count, href in zip(cells[-2:], links, strict=True):
                listed = _page(clients["kiki"], href).body("daftar-tenggat")
                assert len(listed) == int(count), href
    late = per_office[0][1][0]
    assert parse_qs(urlsplit(late).query) == {"kantor": ["UPTD-WIL.I"], "urgensi": ["overdue"]}
    assert [cells[0].split()[0] for cells, _ in _page(clients["kiki"], late).body("daftar-tenggat")] == [cases["D"]]
    assert seen.body("surat-belum-diterima") and "pemberitahuan-gagal" not in seen.tables


def test_a_head_sees_only_their_office_and_another_office_is_a_404(site, clients):
    _, _, cases = site
    hesti = clients["hesti"]
    assert [cells[0].split()[0] for cells, _ in _page(hesti, "/pantauan").body("daftar-tenggat")] == [cases["E"]]
    funnel = _page(hesti, f"/pantauan/corong?{MARCH}")
    assert [cells[1] for cells, _ in funnel.body("tahap-corong")][:2] == ["1", "1"]
    assert _drill(hesti, f"/pantauan/corong/nota_1?{MARCH}") == [cases["E"]]
    own = _page(hesti, f"/pantauan/corong?{MARCH}&kantor=UPTD-WIL.II").body("tahap-corong")
    assert [cells for cells, _ in own] == [cells for cells, _ in funnel.body("tahap-corong")]
    for url in (f"/pantauan/corong?{MARCH}&kantor=UPTD-WIL.I", "/pantauan?kantor=UPTD-WIL.I",
                f"/pantauan/corong/nota_1?{MARCH}&kantor=UPTD-WIL.I", "/pantauan/tenggat?kantor=UPTD-WIL.I",
                "/pantauan?kantor=UPTD-X"):
        response = hesti.get(url)
        assert response.status_code == 404 and "Halaman tidak ditemukan" in response.text, url
    assert _drill(clients["hendra"], "/pantauan/tenggat?petugas=wati") == []  # another office's officer: nothing


def test_a_coordinator_chooses_offices(site, clients):
    _, _, cases = site
    kiki = clients["kiki"]
    second = _page(kiki, f"/pantauan/corong?{MARCH}&kantor=UPTD-WIL.II")
    assert [cells[1] for cells, _ in second.body("tahap-corong")][:2] == ["1", "1"]
    [(_, [href])] = second.body("tahap-corong")[1:2]
    assert parse_qs(urlsplit(href).query)["kantor"] == ["UPTD-WIL.II"]
    assert _drill(kiki, href) == [cases["E"]]
    both = _page(kiki, f"/pantauan/corong?{MARCH}&kantor=UPTD-WIL.I&kantor=UPTD-WIL.II")
    assert both.body("tahap-corong") != second.body("tahap-corong")
    assert [cells[1] for cells, _ in both.body("tahap-corong")][:2] == ["5", "3"]
    assert kiki.get("/pantauan?kantor=UPTD-X").status_code == 404


def test_other_roles_get_the_403_page_and_no_link(clients):
    budi = clients["budi"]
    for url in ("/pantauan", f"/pantauan/corong?{MARCH}", f"/pantauan/corong/nota_1?{MARCH}", "/pantauan/tenggat"):
        response = budi.get(url)
        assert response.status_code == 403 and "Halaman pantauan hanya untuk kepala UPTD" in response.text, url
    assert 'href="/pantauan"' not in budi.get("/perkara").text
    for name in ("kiki", "hendra", "hesti"):
        assert 'href="/pantauan"' in clients[name].get("/perkara").text


def test_signed_out_visitors_go_to_sign_in(site):
    _, app, _ = site
    response = TestClient(app, follow_redirects=False).get(f"/pantauan/corong?{MARCH}")
    assert response.status_code == 303 and response.headers["location"].startswith("/masuk?next=/pantauan/corong")


SPRING = "dari=2026-03-01&sampai=2026-04-30"


def test_workload_per_officer_and_month_against_the_quota_with_its_trend(site, clients):
    _, _, cases = site
    seen = _page(clients["kiki"], f"/pantauan/beban-kerja?{SPRING}")
    rows = [(cells[0].split()[0], *cells[1:]) for cells, _ in seen.body("pemeriksaan-per-petugas")]
    assert rows == [("Budi", "UPTD-WIL.I", "2026-03", "4", "1", "5", "kuota terpenuhi"),
                    ("Budi", "UPTD-WIL.I", "2026-04", "0", "0", "0", "5"),
                    ("Sari", "UPTD-WIL.I", "2026-03", "3", "1", "4", "1"),
                    ("Sari", "UPTD-WIL.I", "2026-04", "0", "0", "0", "5"),
                    ("Wati", "UPTD-WIL.II", "2026-03", "1", "0", "1", "4"),
                    ("Wati", "UPTD-WIL.II", "2026-04", "0", "0", "0", "5")]
    assert [cells for cells, _ in seen.body("pemeriksaan-bulanan")] == [["2026-03", "10"], ["2026-04", "0"]]
    assert seen.svg_texts == ["10", "2026-03", "0", "2026-04"]  # the column chart: the table's figures
    [_, _, (_, [sari_march]), *_] = seen.body("pemeriksaan-per-petugas")
    listed = _page(clients["kiki"], sari_march).body("perkara-beban")
    assert [(cells[0], cells[3], cells[4]) for cells, _ in listed] == [
        (cases["C"], "3 Maret 2026", "pemeriksaan"), (cases["B"], "5 Maret 2026", "pemeriksaan"),
        (cases["A"], "10 Maret 2026", "pemeriksaan"), (cases["B"], "16 Maret 2026", "pemeriksaan ulang")]
    open_cases = seen.body("perkara-terbuka")
    assert [(cells[0].split()[0], cells[2]) for cells, _ in open_cases] == [("Budi", "2"), ("Sari", "1"),
                                                                            ("Wati", "1")]
    assert sorted(c[0] for c, _ in _page(clients["kiki"], open_cases[0][1][0]).body("perkara-beban")) == [
        cases["C"], cases["D"]]
    assert [c[0].split()[0] for c, _ in _page(clients["hesti"], f"/pantauan/beban-kerja?{SPRING}").body(
        "perkara-terbuka")] == ["Wati"]
    _page(clients["kiki"], f"/pantauan/beban-kerja/pemeriksaan/nobody?{SPRING}", 404)


def test_time_per_stage_medians_and_p90_with_the_spans_behind_them(site, clients):
    _, _, cases = site
    seen = _page(clients["kiki"], f"/pantauan/waktu-tahap?{MARCH}")
    states = {cells[0]: cells[1:] for cells, _ in seen.body("waktu-status")}
    assert states["Pemeriksaan"] == ["5", "10", "26,6", "0"]  # 2 4 10 23 29 days
    assert states["Nota Pemeriksaan I"] == ["1", "10", "10", "2"]  # B's; A's and E's still open at March's end
    leads = [cells for cells, _ in seen.body("waktu-tunggu")]
    assert leads == [["Pengaduan sampai pemeriksaan pertama", "4", "5,5", "15"], ["Sprindik sampai P-21", "1", "15",
                                                                                  "15"]]
    [(_, [href]), _] = seen.body("waktu-tunggu")
    listed = _page(clients["kiki"], href).body("perkara-waktu")
    assert [(cells[0], cells[5]) for cells, _ in listed] == [(cases["E"], "18"), (cases["A"], "8"), (cases["B"], "3"),
                                                             (cases["C"], "1")]
    chart = dict(zip(seen.svg_texts[0::2], seen.svg_texts[1::2], strict=True))
    assert chart == {cells[0]: cells[2] for cells, _ in seen.body("waktu-status") if cells[1] != "0"}
    _page(clients["kiki"], f"/pantauan/waktu-tahap/nowhere?{MARCH}", 404)
    assert clients["budi"].get(f"/pantauan/waktu-tahap?{MARCH}").status_code == 403
    assert clients["hesti"].get(f"/pantauan/beban-kerja?{MARCH}&kantor=UPTD-WIL.I").status_code == 404


INDEX_MARCH = {  # office: the value cells of the index table as printed, then the index (test_figures.py's figures)
    "UPTD-WIL.I": ["90% skor 90 · 9 dari 10", "50% skor 62,5 · 1 dari 2", "100% skor 100 · 1 dari 1",
                   "3 hari skor 100 · 3 perkara", "50% skor 50 · 1 dari 2", "100% skor 100 · 1 dari 1",
                   "15 hari skor 100 · 1 perkara", "83"],
    "UPTD-WIL.II": ["20% skor 20 · 1 dari 5", "0% skor 0 · 0 dari 1", "— tanpa data", "18 hari skor 100 · 1 perkara",
                    "— tanpa data", "— tanpa data", "— tanpa data", "34,5"]}


def test_the_index_page_shows_each_offices_indicators_and_links_to_what_each_counts(site, clients):
    _, _, cases = site
    seen = _page(clients["kiki"], f"/pantauan/indeks?{MARCH}")
    assert {cells[0]: cells[1:] for cells, _ in seen.body("indeks-rincian")} == INDEX_MARCH
    assert [cells for cells, _ in seen.body("indeks-kantor")] == [
        ["UPTD-WIL.I UPTD Pengawasan Ketenagakerjaan Wilayah I", "83"],
        ["UPTD-WIL.II UPTD Pengawasan Ketenagakerjaan Wilayah II", "34,5"]]
    assert seen.svg_texts == ["UPTD-WIL.I", "83", "UPTD-WIL.II", "34,5"]
    assert [cells[2:] for cells, _ in seen.body("indikator")][:2] == [["100%", "20"], ["80%", "20"]]
    links = dict(seen.body("indeks-rincian")[0][1][i].rsplit("/", 1)[1].split("?") for i in range(7))
    assert parse_qs(links["office_deadlines_kept"]) == {"dari": ["2026-03-01"], "sampai": ["2026-03-31"]}
    deadlines = _page(clients["kiki"], f"/pantauan/indeks/UPTD-WIL.I/office_deadlines_kept?{MARCH}")
    assert [(cells[0], cells[2], cells[5]) for cells, _ in deadlines.body("rincian")] == [
        (cases["C"], "Pengiriman SPDP", "ya"), (cases["D"], "Pelimpahan tipiring ke pengadilan", "tidak")]
    nota_1 = _page(clients["kiki"], f"/pantauan/indeks/UPTD-WIL.I/complied_after_nota_1?{MARCH}").body("rincian")
    assert [(cells[0], cells[-1]) for cells, _ in nota_1] == [(cases["B"], "tidak"), (cases["A"], "ya")]
    quota = _page(clients["kiki"], f"/pantauan/indeks/UPTD-WIL.I/inspection_quota?{MARCH}").body("rincian")
    assert [cells for cells, _ in quota] == [["Budi Santoso", "2026-03", "5", "5"],
                                             ["Sari Wulandari", "2026-03", "4", "5"]]
    days = _page(clients["kiki"], f"/pantauan/indeks/UPTD-WIL.I/sprindik_to_p21?{MARCH}").body("rincian")
    assert [(cells[0], cells[-1]) for cells, _ in days] == [(cases["C"], "15")]
    assert clients["kiki"].get(f"/pantauan/indeks/UPTD-WIL.I/happiness?{MARCH}").status_code == 404


def test_a_head_gets_their_offices_index_only(site, clients):
    hesti = clients["hesti"]
    seen = _page(hesti, f"/pantauan/indeks?{MARCH}")
    assert {cells[0]: cells[1:] for cells, _ in seen.body("indeks-rincian")} == {
        "UPTD-WIL.II": INDEX_MARCH["UPTD-WIL.II"]}
    for url in (f"/pantauan/indeks/UPTD-WIL.I/inspection_quota?{MARCH}", f"/pantauan/indeks?{MARCH}&kantor=UPTD-WIL.I",
                f"/pantauan/ppns/sari/p21?{MARCH}"):
        assert hesti.get(url).status_code == 404, url
    assert clients["budi"].get(f"/pantauan/indeks?{MARCH}").status_code == 403
    assert clients["budi"].get(f"/pantauan/ppns?{MARCH}").status_code == 403


def test_the_ppns_record_page_with_the_cases_behind_each_count(site, clients):
    _, _, cases = site
    seen = _page(clients["kiki"], f"/pantauan/ppns?{MARCH}")
    [(cells, links)] = seen.body("rekam-ppns")
    assert cells == ["Sari Wulandari", "UPTD-WIL.I", "1", "1", "1", "0", "0", "15 (1 berkas)"]
    assert [urlsplit(h).path for h in links] == ["/pantauan/ppns/sari/investigations", "/pantauan/ppns/sari/p21",
                                                 "/pantauan/ppns/sari/tipiring"]
    listed = _page(clients["kiki"], links[1]).body("perkara-ppns")
    assert [cells[:2] for cells, _ in listed] == [[cases["C"], "PT Sinar Tekstil Nusantara"]]
    assert "Tidak ada PPNS aktif" in clients["hesti"].get(f"/pantauan/ppns?{MARCH}").text
    assert clients["kiki"].get(f"/pantauan/ppns/sari/happiness?{MARCH}").status_code == 404


def test_an_index_file_that_does_not_validate_is_told_on_the_page(site, clients, tmp_path, monkeypatch):
    rt, _, _ = site
    broken = tmp_path / "indeks.toml"
    broken.write_text('[[indicators]]\nmeasure = "happiness"\nweight = 1\ntarget = 1\n')
    monkeypatch.setattr(rt.settings, "index_file", broken)
    monkeypatch.delitem(rt.__dict__, "index", raising=False)
    response = clients["kiki"].get(f"/pantauan/indeks?{MARCH}")
    assert response.status_code == 500 and "Berkas indeks kinerja tidak valid" in response.text
    assert "unknown measure &#39;happiness&#39;" in response.text
    monkeypatch.delitem(rt.__dict__, "index", raising=False)


# The Rakornas report's download buttons: /pantauan and the funnel page link the report of their period and
# offices; the download is an attachment with the figures of the officer's scope.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _buttons(html: str) -> list[str]:
    """The report links of a page, in order (PDF, XLSX)."""
    return [html_.unescape(href) for href in re.findall(r'href="(/pantauan/laporan-rakornas\.[^"]*)"', html)]


def _offices(client, url: str) -> tuple[list[list], str]:
    """The rows of the downloaded report's office sheet, and its Content-Disposition."""
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == XLSX
    book = load_workbook(BytesIO(response.content))
    rows = [[c.value for c in row] for row in book["Per kantor"].iter_rows(min_row=2)]
    return rows, response.headers["content-disposition"]


def test_the_pages_link_the_report_of_their_period_and_offices(clients):
    funnel = clients["kiki"].get(f"/pantauan/corong?{MARCH}&kantor=UPTD-WIL.II").text
    pdf, xlsx = _buttons(funnel)
    assert urlsplit(pdf).path == "/pantauan/laporan-rakornas.pdf" and urlsplit(xlsx).path.endswith(".xlsx")
    assert parse_qs(urlsplit(pdf).query) == {"dari": ["2026-03-01"], "sampai": ["2026-03-31"],
                                             "kantor": ["UPTD-WIL.II"]}
    radar = _buttons(clients["kiki"].get("/pantauan").text)  # no period of its own: this year to today (3 April)
    assert parse_qs(urlsplit(radar[0]).query) == {"dari": ["2026-01-01"], "sampai": ["2026-04-03"]}
    assert _buttons(clients["kiki"].get("/pantauan/corong?dari=2026-13-01").text) == []


def test_the_coordinator_downloads_every_office_and_the_head_their_own(clients):
    every, attachment = _offices(clients["kiki"], f"/pantauan/laporan-rakornas.xlsx?{MARCH}")
    assert attachment == 'attachment; filename="laporan-rakornas-2026-03-01-2026-03-31.xlsx"'
    assert [(r[0], r[3], r[4]) for r in every] == [("UPTD-WIL.I", 4, 2), ("UPTD-WIL.II", 1, 1), ("Jumlah", 5, 3)]
    own, _ = _offices(clients["hesti"], f"/pantauan/laporan-rakornas.xlsx?{MARCH}")
    assert [(r[0], r[3], r[4]) for r in own] == [("UPTD-WIL.II", 1, 1), ("Jumlah", 1, 1)]
    pdf = clients["hesti"].get(f"/pantauan/laporan-rakornas.pdf?{MARCH}")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("attachment; ")
    text = pdf_text(pdf.content)
    assert "Cakupan UPTD Pengawasan Ketenagakerjaan Wilayah II (UPTD-WIL.II), Jawa Barat" in text
    assert "UPTD-WIL.II UPTD Pengawasan Ketenagakerjaan Wilayah II Jawa Barat 1 1 0 0 0 0 0 0 0 0" in text
    assert "UPTD-WIL.I " not in text


def test_another_office_a_bad_date_or_another_role_get_no_file(clients):
    head = clients["hesti"].get(f"/pantauan/laporan-rakornas.xlsx?{MARCH}&kantor=UPTD-WIL.I")
    assert head.status_code == 404 and "attachment" not in head.headers.get("content-disposition", "")
    assert clients["kiki"].get(f"/pantauan/laporan-rakornas.xlsx?{MARCH}&kantor=UPTD-X").status_code == 404
    assert clients["kiki"].get(f"/pantauan/laporan-rakornas.docx?{MARCH}").status_code == 404
    bad = clients["kiki"].get("/pantauan/laporan-rakornas.pdf?dari=2026-03-31&sampai=2026-03-01")
    assert bad.status_code == 400 and "Tanggal akhir tidak boleh sebelum tanggal awal." in bad.text
    inspector = clients["budi"].get(f"/pantauan/laporan-rakornas.pdf?{MARCH}")
    assert inspector.status_code == 403 and "Halaman pantauan hanya untuk kepala UPTD" in inspector.text
