"""Officers at work in a real browser (issue #11, "Must show"): each step of a case taken by the officer whose role
it is, clicking the case page's act buttons and filling the generated forms by their labels; a PPNS from the
incident report to the SPDP; what a desk officer, another office, a forged or stale request and hostile input
are refused. Screenshots of the sign-in page, the worklist, a case page and an act form with errors."""

import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, START, screenshot, sign_in
from tests.helpers import act, fingerprint, to_inspecting
from wasnaker.application import documents, reference
from wasnaker.services import accounts

PDF_WAIT = 30_000  # ms: the background worker renders after the answer (WeasyPrint's first import is slow)
OTHER_OFFICE = "UPTD-WIL.II"
HOSTILE = "<script>alert(1)</script><b>x</b>"
TODAY = "23 11 2026"  # START in Asia/Jakarta
REPEAT_OFFENCE_EARLIER = ("Nota Pemeriksaan I", "R.560/0099/NP-I/UPTD-WIL.I/IX/2025", "15 9 2025")


# --- officers, each in a browser context of their own ------------------------------------------------------

@pytest.fixture
def officer(browser, site, console):
    """`officer("budi")`: a page of budi's own browser context, signed in through the form (one per officer per
    test; asking again gives the same page). Console errors of any of them fail the test."""
    pages = {}

    def open_as(username: str, *, signed_in: bool = True):
        if username not in pages:
            context = browser.new_context(base_url=site.url, locale="id-ID", viewport={"width": 1280, "height": 860})
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.on("console", lambda msg: msg.type == "error" and console.errors.append(f"{username}: {msg.text}"))
            page.on("pageerror", lambda exc: console.errors.append(f"{username} uncaught: {exc}"))
            page.on("response", lambda r: r.status >= 400 and console.responses.append(f"{r.status} {r.url}"))
            if signed_in:
                sign_in(page, username)
                page.wait_for_url("**/perkara")
            pages[username] = page
        return pages[username]

    yield open_as
    for page in pages.values():
        page.context.close()
    assert console.unexpected() == [], f"a page logged errors (a CSP violation?); answers: {console.responses}"


def case_url(number: str) -> str:
    return f"/perkara/{number}"


def take(page, description: str) -> None:
    """Click the case page's act button (a link styled as a button) and wait for its form."""
    page.get_by_role("button", name=description).click()
    page.wait_for_url(re.compile(r"/aksi/\w+$"))


def save(page) -> None:
    """Submit the act form and land back on the case page."""
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url(re.compile(r"/perkara/[^?]+/\d{4}$"))


def part(scope, name: str):
    """A part of a form: the fieldset whose legend is `name` (optional parts say so after the name)."""
    return scope.get_by_role("group", name=re.compile(rf"^{re.escape(name)}( \(tidak wajib\))?$"))


def fill_date(scope, label: str, day_month_year: str) -> None:
    """A GOV.UK date: three inputs labelled Tanggal, Bulan, Tahun inside the part named `label`."""
    group = part(scope, label)
    for box, value in zip(("Tanggal", "Bulan", "Tahun"), day_month_year.split(), strict=True):
        group.get_by_label(box, exact=True).fill(value)


def fill_row(scope, list_label: str, row: int, value: str) -> None:
    part(scope, list_label).get_by_label(f"Baris {row}", exact=True).fill(value)


def documents_row(page, title: str):
    return page.locator("#bagian-dokumen").get_by_role("row").filter(has_text=title)


def pdf_link(page, title: str):
    """The document's "Buka PDF" link, waited for: the section refreshes itself (htmx) until the PDF is there."""
    link = documents_row(page, title).get_by_role("link", name="Buka PDF")
    expect(link).to_be_visible(timeout=PDF_WAIT)
    return link


def look(page, name: str) -> None:
    """A screenshot of a page that fits the window's width (a hidden button 100% wide once scrolled act forms
    sideways)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{name} scrolls sideways"
    screenshot(page, name)


# --- 1. a complaint to Nota I and its receipt, each step by its officer -------------------------------------

def test_a_complaint_goes_to_nota_1_and_its_receipt_each_step_by_its_officer(officer, site):
    dewi = officer("dewi", signed_in=False)
    dewi.goto("/masuk")
    look(dewi, "officers_sign_in")
    sign_in(dewi, "dewi")
    dewi.get_by_role("link", name="Pengaduan baru").click()
    expect(dewi.get_by_role("heading", name="Pengaduan baru")).to_be_visible()
    dewi.get_by_label("NIB perusahaan").fill("9120001234567")
    dewi.get_by_label("Nama pengadu").fill("Serikat Pekerja Tekstil")
    dewi.get_by_label("Ringkasan pengaduan").fill("Upah 40 pekerja di bawah UMK 2026 sejak Januari")
    save(dewi)
    number = dewi.locator("h1").inner_text()
    assert re.fullmatch(r"WAS/UPTD-WIL\.I/2026/\d{4}", number)
    take(dewi, "Pemeriksaan kelengkapan dan kewenangan pengaduan")
    save(dewi)
    expect(dewi.locator("dl.case-facts")).to_contain_text("Verifikasi")

    hendra = officer("hendra")
    hendra.get_by_role("link", name=number).click()
    take(hendra, "Kepala UPTD menunjuk pengawas")
    fill_row(hendra, "Pengawas yang ditunjuk", 1, "budi")
    save(hendra)
    hendra.get_by_role("link", name="Perkara saya").first.click()
    expect(hendra.get_by_role("link", name=number)).to_be_visible()
    look(hendra, "officers_worklist")

    kadis = officer("kadis")
    kadis.goto(case_url(number))
    take(kadis, "Kepala Dinas menandatangani Surat Perintah Tugas")
    fill_date(kadis, "Awal masa tugas", TODAY)
    fill_date(kadis, "Akhir masa tugas", "27 11 2026")
    save(kadis)

    budi = officer("budi")
    budi.get_by_role("link", name=number).click()
    take(budi, "Temuan pelanggaran")
    budi.get_by_label("Norma", exact=True).fill("Upah minimum")
    budi.get_by_label("Pasal yang dilanggar").fill("Pasal 88E ayat (2) UU 13/2003 jo UU 6/2023")
    budi.get_by_label("Fakta").fill("40 pekerja dibayar di bawah UMK")
    budi.get_by_label("Perintah").fill("Membayar upah sesuai UMK")
    budi.get_by_label("Jumlah pekerja terdampak").fill("40")
    save(budi)
    take(budi, "Pemeriksaan dilaksanakan")
    fill_date(budi, "Tanggal pemeriksaan", TODAY)
    budi.get_by_label("Tempat pemeriksaan").fill("PT Sinar Tekstil Nusantara, Cimahi")
    save(budi)
    take(budi, "Nota Pemeriksaan I dengan jangka waktu")
    budi.get_by_label("Jangka waktu (hari)").fill("14")
    save(budi)
    expect(budi.locator("dl.case-facts")).to_contain_text("Nota Pemeriksaan I")
    take(budi, "Tanggal diterimanya surat (tanda terima)")
    fill_date(budi, "Tanggal surat diterima", TODAY)
    budi.get_by_label("Cara penyampaian").select_option(label="diserahkan langsung")
    save(budi)

    link = pdf_link(budi, "Nota Pemeriksaan I")
    expect(documents_row(budi, "Nota Pemeriksaan I")).to_contain_text("diterima 23 November 2026")
    with budi.context.expect_event("response", lambda r: "/dokumen/" in r.url) as opened, budi.expect_popup():
        link.click()
    pdf = opened.value
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert budi.context.request.get(link.get_attribute("href")).body()[:5] == b"%PDF-"
    look(budi, "officers_case_page")
    trail = budi.locator("section", has=budi.get_by_role("heading", name="Jejak audit"))
    for who in ("Dewi Lestari", "Hendra Gunawan", "Rahmat Hidayat", "Budi Santoso"):
        expect(trail).to_contain_text(who)


# --- 2. a PPNS: Laporan Kejadian, Sprindik, SPDP -------------------------------------------------------------

def inspecting_case(site, render: bool = True) -> str:
    """A complaint case up to its inspection (budi and sari assigned), its letters so far rendered."""
    number = to_inspecting(site.rt.engine, start="2026-11-20")
    if render:
        documents.render_pending(site.rt, site.clock(), number)
    return number


def fill_identity(scope, who: dict) -> None:
    for label, key in (("Nama lengkap", "name"), ("Tempat lahir", "birth_place"), ("Pekerjaan", "occupation"),
                       ("Alamat", "address"), ("NIK", "nik")):
        scope.get_by_label(label, exact=True).fill(who[key])
    scope.get_by_label("Jenis kelamin").select_option(label=who["sex"].capitalize())
    fill_date(scope, "Tanggal lahir", who["birth_date"])


ANDI = {"name": "Andi Wijaya", "sex": "laki-laki", "birth_place": "Bandung", "birth_date": "2 4 1975",
        "occupation": "Direktur Utama PT Sinar Tekstil Nusantara", "address": "Jl. Setiabudi No. 40, Kota Bandung",
        "nik": "3273010204750001"}
SITI = {"name": "Siti Aminah", "sex": "perempuan", "birth_place": "Cimahi", "birth_date": "17 7 1992",
        "occupation": "Karyawan swasta (operator)", "address": "Jl. Baros No. 3, Kota Cimahi",
        "nik": "3277015707920002"}


def test_a_ppns_goes_from_the_incident_report_to_the_spdp(officer, site):
    number = inspecting_case(site)
    sari = officer("sari")
    sari.get_by_role("link", name=number).click()
    take(sari, "Pelanggaran berat")
    sari.get_by_label("Dasar laporan").select_option(label="Pengulangan pelanggaran")
    earlier = part(sari, "Surat perkara terdahulu")
    title, letter, on = REPEAT_OFFENCE_EARLIER
    earlier.get_by_label("Judul surat").fill(title)
    earlier.get_by_label("Nomor surat").fill(letter)
    fill_date(earlier, "Tanggal surat", on)
    sari.get_by_label("Uraian singkat kejadian").fill("Pengusaha kembali membayar upah di bawah UMK setelah Nota I")
    offence = part(sari, "Waktu dan tempat kejadian")
    fill_date(offence, "Tanggal kejadian", "27 2 2026")
    offence.get_by_label("Tempat kejadian").fill("PT Sinar Tekstil Nusantara, Jl. Industri No. 5")
    offence.get_by_label("Kabupaten/kota").fill("Kota Cimahi")
    fill_identity(part(sari, "Tersangka orang perseorangan"), ANDI)
    witness = part(sari, "Saksi").get_by_role("listitem").first
    fill_identity(part(witness, "Identitas saksi"), SITI)
    witness.get_by_label("Pokok keterangan").fill("Upah bulan Februari 2026 dibayar di bawah UMK")
    fill_row(sari, "Barang bukti", 1, "Daftar upah bulan Februari 2026")
    fill_row(sari, "Pasal yang disangkakan", 1, "UU 13/2003 Pasal 185 ayat (1)")
    save(sari)
    expect(sari.locator("dl.case-facts")).to_contain_text("Laporan Kejadian")

    take(sari, "Surat Perintah Penyidikan diterbitkan")
    fill_row(sari, "Penyidik (PPNS)", 1, "sari")
    save(sari)
    take(sari, "SPDP kepada Penuntut Umum")
    save(sari)

    expect(sari.locator("dl.case-facts")).to_contain_text("Penyidikan")
    letters = {}
    for title in ("Laporan Kejadian", "Surat Perintah Penyidikan", "Surat Pemberitahuan Dimulainya Penyidikan"):
        letters[title] = sari.context.request.get(pdf_link(sari, title).get_attribute("href")).body()
        assert letters[title][:5] == b"%PDF-", title
    report = pdf_text(letters["Laporan Kejadian"])  # the letter carries what was typed in the form
    for typed in ("Andi Wijaya", "3273010204750001", "Siti Aminah", "R.560/0099/NP-I/UPTD-WIL.I/IX/2025",
                  "Daftar upah bulan Februari 2026", "Kota Cimahi"):
        assert typed in report, typed


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


# --- 3. a desk officer and the Nota ---------------------------------------------------------------------------

def test_a_desk_officer_never_sees_the_nota_button_and_a_forged_post_changes_nothing(officer, site, console):
    console.expect(403)
    number = inspecting_case(site, render=False)
    dewi = officer("dewi")
    dewi.goto(case_url(number))
    expect(dewi.get_by_role("heading", name="Tindakan yang dapat Saudara ambil")).to_be_visible()
    assert dewi.locator('[data-trigger="issue_nota_1"]').count() == 0
    expect(dewi.get_by_role("button", name=re.compile("Nota Pemeriksaan I"))).to_have_count(0)
    token = dewi.locator('input[name="csrf_token"]').first.get_attribute("value")
    version = dewi.locator("dl.case-facts div", has_text="Versi").locator("dd").inner_text()
    before = fingerprint(site.rt.engine)
    forged = dewi.request.post(f"{case_url(number)}/aksi/issue_nota_1", max_redirects=0, form={
        "csrf_token": token, "expected_version": version, "deadline_days": "14",
        "_on.tanggal": "23", "_on.bulan": "11", "_on.tahun": "2026"})
    assert forged.status == 403 and "Tindakan ini hanya dapat dilakukan oleh" in forged.text()
    assert fingerprint(site.rt.engine) == before
    dewi.goto(f"{case_url(number)}/aksi/issue_nota_1")  # nor does the form open for her
    expect(dewi.get_by_role("heading", name="Nota Pemeriksaan I")).to_have_count(0)
    expect(dewi.get_by_text("Tindakan ini hanya dapat dilakukan oleh")).to_be_visible()


# --- 4. another office ----------------------------------------------------------------------------------------

@pytest.fixture
def other_office(site) -> str:
    """Office II with its head, wati, who may sign in; returns her username."""
    reference.add_office(site.rt, code=OTHER_OFFICE, name="UPTD Pengawasan Ketenagakerjaan Wilayah II",
                         province="Jawa Barat", city="Bogor", timezone="Asia/Jakarta")
    reference.add_officer(site.rt, office=OTHER_OFFICE, username="wati", name="Wati Purnama",
                          nip="198502022010012000", role="head", by="admin")
    with site.rt.session() as s:
        accounts.add_user(s, "wati", PASSWORD, by="admin", now=START)
    return "wati"


def test_an_officer_of_another_office_gets_404_for_its_case_document_and_notice(officer, site, console,
                                                                                  other_office):
    console.expect(404)
    number = inspecting_case(site, render=False)
    act(site.rt.engine, "issue_nota_1", "budi", "2026-11-21", number, deadline_days=14)
    documents.render_pending(site.rt, site.clock(), number)
    budi = officer("budi")
    budi.goto(case_url(number))
    document = pdf_link(budi, "Nota Pemeriksaan I").get_attribute("href")
    notice = budi.locator("#pemberitahuan ~ div").get_by_role("link").first.get_attribute("href")
    assert re.fullmatch(r"/dokumen/\d+\.pdf", document) and re.fullmatch(r"/pemberitahuan/\d+", notice)
    assert budi.context.request.get(document).status == 200 and budi.context.request.get(notice).status == 200

    wati = officer(other_office)
    assert wati.goto("/perkara/WAS/UPTD-WIL.I/2026/9999").status == 404
    not_found = wati.get_by_role("heading", level=1).inner_text()
    for url in (case_url(number), document, notice):  # the same page as for a number that does not exist
        assert wati.goto(url).status == 404, url
        expect(wati.get_by_role("heading", level=1)).to_have_text(not_found)
        assert number not in wati.content() and "Sinar Tekstil" not in wati.content()
    wati.goto("/perkara")
    expect(wati.get_by_role("link", name=number)).to_have_count(0)

# --- 5. the CSRF token, signing out, session expiry -----------------------------------------------------------

def test_a_post_without_the_csrf_token_is_refused_and_signing_out_or_expiry_ends_access(officer, site, console):
    console.expect(403)
    number = inspecting_case(site, render=False)
    budi = officer("budi")
    budi.goto(case_url(number))
    before = fingerprint(site.rt.engine)
    version = budi.locator("dl.case-facts div", has_text="Versi").locator("dd").inner_text()
    form = {"expected_version": version, "deadline_days": "14", "_on.tanggal": "23", "_on.bulan": "11",
            "_on.tahun": "2026"}
    for forged in (form, {**form, "csrf_token": "bukan-tokennya"}):
        refused = budi.request.post(f"{case_url(number)}/aksi/issue_nota_1", form=forged, max_redirects=0)
        assert refused.status == 403 and "Permintaan ditolak" in refused.text()
    assert fingerprint(site.rt.engine) == before

    budi.get_by_role("button", name="Keluar").click()  # signing out: the case page is behind the sign-in again
    budi.wait_for_url("**/masuk")
    budi.goto(case_url(number))
    assert budi.url.endswith(f"/masuk?next={case_url(number)}")
    sign_in(budi, "budi", then=case_url(number))
    budi.wait_for_url(f"**{case_url(number)}")

    site.clock.advance(minutes=29)  # idle 29 minutes: still signed in, and the visit counts as activity
    budi.reload()
    expect(budi.get_by_role("heading", name=number)).to_be_visible()
    take(budi, "Nota Pemeriksaan I dengan jangka waktu")
    budi.get_by_label("Jangka waktu (hari)").fill("14")
    site.clock.advance(minutes=31)  # the form left open past the idle timeout: its POST records nothing
    before = fingerprint(site.rt.engine)
    budi.get_by_role("button", name="Simpan", exact=True).click()
    budi.wait_for_url(re.compile(r"/masuk\?next="))
    expect(budi.get_by_role("heading", name="Masuk ke wasnaker")).to_be_visible()
    assert fingerprint(site.rt.engine)["cases"] == before["cases"]
    budi.goto(case_url(number))
    assert "/masuk?next=" in budi.url


# --- 6. hostile input -----------------------------------------------------------------------------------------

def test_html_and_script_typed_into_a_form_show_escaped_and_a_megabyte_is_refused_beside_its_field(officer, site,
                                                                                                      console):
    console.expect(422)  # the refused form comes back with 422, which chromium logs
    number = inspecting_case(site, render=False)
    budi = officer("budi")
    dialogs = []
    budi.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    budi.goto(case_url(number))
    take(budi, "Temuan pelanggaran")
    form_url = budi.url
    save_refused(budi)
    expect(budi.get_by_role("alert")).to_contain_text("Ada yang perlu diperbaiki")
    expect(budi.get_by_label("Norma", exact=True)).to_have_accessible_description("Kesalahan: Norma wajib diisi")
    look(budi, "officers_act_form_error")

    budi.get_by_label("Norma", exact=True).fill('"><img src=x onerror=alert(2)>Upah')
    budi.get_by_label("Pasal yang dilanggar").fill("Pasal 88E ayat (2)")
    budi.get_by_label("Fakta").fill(HOSTILE)
    budi.get_by_label("Perintah").fill("Membayar upah sesuai UMK")
    save(budi)
    findings = budi.locator("section", has=budi.get_by_role("heading", name="Temuan"))
    expect(findings.get_by_role("cell", name=HOSTILE)).to_be_visible()  # the text as typed, not markup
    expect(findings.get_by_text('"><img src=x onerror=alert(2)>Upah')).to_be_visible()
    assert findings.locator("b, img, script").count() == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in findings.inner_html()

    budi.goto(form_url)  # a megabyte pasted into a long text field
    budi.context.grant_permissions(["clipboard-read", "clipboard-write"])
    pasted = " ".join(["Pekerja dibayar di bawah UMK."] * 35_000)  # 1,049,999 characters
    budi.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    facts = budi.get_by_label("Fakta")
    facts.focus()
    budi.keyboard.press("Control+V")
    assert facts.input_value() == pasted
    budi.get_by_label("Norma", exact=True).fill("Upah minimum")
    save_refused(budi)
    message = "Fakta terlalu panjang: paling banyak 5.000 karakter, yang dikirim 1.049.999 karakter"
    expect(facts).to_have_accessible_description(f"Kesalahan: {message}")
    expect(budi.get_by_role("alert").get_by_role("link", name=message)).to_be_visible()
    assert budi.locator("section", has=budi.get_by_role("heading", name="Temuan")).count() == 0  # still the form
    assert dialogs == []


def save_refused(page) -> None:
    """Submit an act form that is refused: the same form comes back (422) with its errors."""
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Simpan", exact=True).click()
    assert answer.value.status == 422
