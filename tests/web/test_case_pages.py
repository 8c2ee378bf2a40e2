"""Perkara saya, the case page, documents and notices: each officer reads what their role and office allow, the
buttons are the lifecycle table's rows for their role, another office's records are 404 like unknown ones."""

import re
from datetime import date

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from models import Notice, NoticeAttempt
from tests.conftest import seed_reference
from tests.helpers import COMPLAINT, FINDING, act, to_inspecting
from tests.web.conftest import PASSWORD, START, Clock, sign_in
from wasnaker.application import acts, cases, documents, reference
from wasnaker.db import init_db
from wasnaker.domain import lifecycle
from wasnaker.domain.notices import AttemptOutcome
from wasnaker.domain.vocabulary import DocKind, Role, State
from wasnaker.runtime import runtime_for
from wasnaker.services import accounts, repo
from wasnaker.services.documents import prepare_draft
from wasnaker.settings import Settings
from wasnaker.web.app import create_app

HOSTILE_COMPANY = '<img src=x onerror="alert(1)"> PT Jahat'
HOSTILE_FACTS = '<script>alert("temuan")</script> 40 pekerja'
OTHER_OFFICE = "UPTD-WIL.II"


def _office_two(rt) -> None:
    reference.add_office(rt, code=OTHER_OFFICE, name="UPTD Pengawasan Ketenagakerjaan Wilayah II",
                         province="Jawa Barat", city="Bogor", timezone="Asia/Jakarta")
    for i, (user, name, role) in enumerate([("wati", "Wati Purnama", "head"), ("yono", "Yono Prasetyo", "desk"),
                                            ("tono", "Tono Sugiarto", "inspector")]):
        reference.add_officer(rt, office=OTHER_OFFICE, username=user, name=name, nip=f"19850202201001200{i}",
                              role=role, by="admin")


def _nota_case(eng, nib: str, start: str, inspectors: list[str], nota_on: str, received_on: str) -> str:
    number = act(eng, "file_complaint", "dewi", start, **{**COMPLAINT, "company_nib": nib})
    number = number.case_number
    act(eng, "verify_complaint", "dewi", start, number)
    act(eng, "assign_inspectors", "hendra", start, number, inspectors=inspectors)
    act(eng, "sign_spt", "kadis", start, number, period_start=start, period_end=start)
    act(eng, "record_finding", inspectors[0], start, number, **FINDING)
    act(eng, "record_inspection", inspectors[0], start, number, inspection_date=start)
    act(eng, "issue_nota_1", inspectors[0], nota_on, number, deadline_days=14)
    act(eng, "record_receipt", inspectors[0], received_on, number, received_on=received_on)
    return number


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Office I: A (Nota I overdue, budi and sari, PDFs rendered), C (Nota I due in 3 days, sari only, hostile
    company), B (under verification, verified on the web), D (withdrawn, closed). Office II: E (a complaint)."""
    rt = runtime_for(Settings(home=tmp_path_factory.mktemp("pages"), environment="test"))
    init_db(rt.engine)
    seed_reference(rt.engine)
    _office_two(rt)
    reference.add_company(rt, name=HOSTILE_COMPANY, nib="9120000000099")
    eng = rt.engine
    a = to_inspecting(eng, "2026-10-01", finding={**FINDING, "facts": HOSTILE_FACTS})
    act(eng, "issue_nota_1", "budi", "2026-10-02", a, deadline_days=14)
    act(eng, "record_receipt", "budi", "2026-10-05", a, received_on="2026-10-05")
    c = _nota_case(eng, "9120000000099", "2026-11-09", ["sari"], "2026-11-10", "2026-11-12")
    b = act(eng, "file_complaint", "dewi", "2026-11-20", **{**COMPLAINT, "company_nib": "9120007654321"}).case_number
    acts.perform(rt, trigger="verify_complaint", actor="dewi", on=date(2026, 11, 20), now=START, case_number=b,
                 channel="web")
    d = act(eng, "file_complaint", "dewi", "2026-11-21", **COMPLAINT).case_number
    act(eng, "withdraw_complaint", "dewi", "2026-11-21", d, reason="Pengadu mencabut pengaduan")
    e = act(eng, "file_complaint", "yono", "2026-11-22", **{**COMPLAINT, "company_nib": "9120007654321"}).case_number
    with rt.session() as s:  # what the sweep prepares when Nota I expires: the Nota II as a draft to review
        draft = prepare_draft(s, repo.case(s, a), DocKind.nota_2, date(2026, 11, 20), START).id
    nota = next(d["id"] for d in cases.show_case(rt, a)["documents"] if d["kind"] == "nota_1")
    for doc_id in (nota, draft):  # the other documents stay reserved: "sedang disiapkan"
        documents.render(rt, doc_id, START)
    hashed = accounts.hash_password(PASSWORD)  # once: argon2 is slow on purpose
    with rt.session() as s:
        for name in ("dewi", "budi", "sari", "hendra", "kadis", "kiki", "wati", "yono", "tono"):
            accounts.add_user(s, name, None, by="admin", now=START, oidc_subject=f"uji-{name}").password_hash = hashed
        notice = s.query(Notice).filter(Notice.document_id.is_not(None)).order_by(Notice.id).first()
        s.add(NoticeAttempt(notice_id=notice.id, at=START, outcome=AttemptOutcome.retry, code=451,
                            detail="4.7.1 coba lagi nanti"))
    app = create_app(runtime=lambda: rt, now=Clock(START))
    return {"rt": rt, "app": app, "A": a, "B": b, "C": c, "D": d, "E": e}


@pytest.fixture(scope="module")
def clients(world):
    made: dict[str, TestClient] = {}

    def client(username: str) -> TestClient:
        if username not in made:
            made[username] = sign_in(world["app"], username)
        return made[username]
    return client


def listed(html: str) -> set[str]:
    return set(re.findall(r'<td><a href="/perkara/([^"]+)">', html))


def shown(world, *keys) -> set[str]:
    return {world[k] for k in keys}


def buttons(html: str) -> set[str]:
    return set(re.findall(r'data-trigger="([a-z0-9_]+)"', html))


def case_state(world, number: str) -> State:
    return State(cases.show_case(world["rt"], number)["state"])


# --- Perkara saya -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("user", "keys"), [
    ("budi", ("A",)),                 # inspector: the cases he is assigned to
    ("sari", ("A", "C")),             # PPNS: hers
    ("dewi", ("B",)),                 # desk: the office's intake
    ("hendra", ("A", "B", "C")),      # head: the whole office (closed ones on request)
    ("kadis", ("A", "B", "C")),
    ("kiki", ("A", "B", "C", "E")),   # coordinator: every office
    ("wati", ("E",)), ("tono", ()),   # the other office's head; an inspector of no case
])
def test_each_role_sees_its_worklist(world, clients, user, keys):
    response = clients(user).get("/perkara")
    assert response.status_code == 200
    assert listed(response.text) == shown(world, *keys)


def test_the_worklist_filters_by_state_and_stage_and_searches_in_sql(world, clients):
    head = clients("hendra")
    assert listed(head.get("/perkara", params={"state": "nota_1"}).text) == shown(world, "A", "C")
    assert listed(head.get("/perkara", params={"stage": "intake"}).text) == shown(world, "B")
    assert listed(head.get("/perkara", params={"state": "closed"}).text) == shown(world, "D")
    assert listed(head.get("/perkara", params={"stage": "intake", "state": "nota_1"}).text) == set()
    assert listed(head.get("/perkara", params={"q": "jahat"}).text) == shown(world, "C")
    assert listed(head.get("/perkara", params={"q": "9120007654321"}).text) == shown(world, "B")
    assert listed(head.get("/perkara", params={"q": world["C"].rsplit("/", 1)[1]}).text) == shown(world, "C")
    assert listed(head.get("/perkara", params={"q": "%"}).text) == set()  # a wildcard is a character
    # a state or stage the table does not know is no filter at all
    assert listed(head.get("/perkara", params={"state": "x' OR 1=1", "stage": "nope"}).text) == shown(
        world, "A", "B", "C")


def test_htmx_refreshes_only_the_table(world, clients):
    response = clients("hendra").get("/perkara", params={"state": "nota_1"}, headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="daftar-perkara">') and "<html" not in response.text
    assert listed(response.text) == shown(world, "A", "C")


def test_the_nearest_deadline_shows_days_left_and_overdue_stands_out(world, clients):
    html = clients("hendra").get("/perkara").text
    rows = {m.group(1): m.group(0) for m in re.finditer(r'<td><a href="/perkara/([^"]+)">.*?</tr>', html, re.S)}
    assert 'class="overdue">lewat 35 hari' in rows[world["A"]]  # received 5 Oct, 14 days: due 19 Oct
    assert 'class="due-soon">3 hari lagi' in rows[world["C"]]    # received 12 Nov: due 26 Nov, today 23 Nov
    assert "overdue" not in rows[world["B"]] and "due-soon" not in rows[world["B"]]
    # the most urgent first
    assert html.index(world["A"]) < html.index(world["C"]) < html.index(world["B"])


def test_the_worklist_offers_the_acts_of_my_role(world, clients):
    html = clients("budi").get("/perkara").text
    assert f'/perkara/{world["A"]}/aksi/issue_nota_2' in html
    assert "/aksi/" not in clients("kiki").get("/perkara").text


# --- the case page ------------------------------------------------------------------------------------------

def test_the_case_page_shows_the_case_whole(world, clients):
    html = clients("budi").get(f"/perkara/{world['A']}").text
    assert world["A"] in html and "PT Sinar Tekstil Nusantara" in html and "Nota Pemeriksaan I" in html
    assert re.search(r"<dt>Versi</dt><dd>\d+</dd>", html)
    assert 'class="current" aria-current="step">Nota Pemeriksaan<' in html  # the ladder
    assert "Pasal 88E ayat (2) UU 13/2003 jo UU 6/2023" in html and "Membayar upah sesuai UMK" in html
    assert "19 Oktober 2026" in html and "lewat 35 hari" in html  # the timer
    assert "R.560/0001/NP-I/UPTD-WIL.I/X/2026" in html and "diterima 5 Oktober 2026" in html
    assert re.search(r'<code class="hash" title="[0-9a-f]{64}">', html)
    assert "Menunggu diserahkan" in html and "diserahkan langsung (tanda terima)" in html  # notices
    assert "Dewi Lestari menerima pengaduan dari Serikat Pekerja Tekstil" in html  # the chronicle's sentence
    assert "Petugas Pengaduan" in html and "baris perintah" in html  # role and channel


def test_the_audit_trail_names_the_channel_of_each_act(world, clients):
    html = clients("hendra").get(f"/perkara/{world['B']}").text
    assert 'channel-cli">baris perintah' in html and 'channel-web">aplikasi web' in html


def test_the_document_link_returns_the_issued_pdf(world, clients):
    budi = clients("budi")
    html = budi.get(f"/perkara/{world['A']}").text
    links = re.findall(r'href="(/dokumen/\d+\.pdf)"', html)
    assert len(links) == 2 and html.count(">sedang disiapkan<") == 3  # Nota I and a draft; the others reserved
    assert re.search(r'R\.560/0001/NP-I/UPTD-WIL\.I/X/2026.*?href="/dokumen/\d+\.pdf"[^>]*>Buka PDF<', html, re.S)
    assert re.search(r'Nota Pemeriksaan II</td><td>—.*?Draf \(belum bernomor\).*?>Pratinjau draf<', html, re.S)
    for link in links:
        response = budi.get(link)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith("inline")


def test_a_document_not_yet_rendered_has_no_link_and_no_pdf(world, clients):
    html = clients("sari").get(f"/perkara/{world['C']}").text
    assert "sedang disiapkan" in html and "/dokumen/" not in html
    ids = _document_ids(world, world["C"])
    assert all(clients("sari").get(f"/dokumen/{i}.pdf").status_code == 404 for i in ids)


def _document_ids(world, number: str) -> list[int]:
    return [d["id"] for d in cases.show_case(world["rt"], number)["documents"]]


@pytest.mark.parametrize("user", ["dewi", "budi", "sari", "hendra", "kadis", "kiki"])
@pytest.mark.parametrize("key", ["A", "B", "C", "D"])
def test_the_buttons_are_exactly_the_table_rows_for_my_role(world, clients, user, key):
    html = clients(user).get(f"/perkara/{world[key]}").text
    role = Role(accounts_role(user))
    expected = {t.trigger for t in lifecycle.available(case_state(world, world[key])) if role in t.roles}
    assert buttons(html) == expected
    for trigger in expected:
        assert f'href="/perkara/{world[key]}/aksi/{trigger}"' in html


def accounts_role(user: str) -> str:
    return {"dewi": "desk", "budi": "inspector", "sari": "ppns", "hendra": "head", "kadis": "kadis",
            "kiki": "coordinator"}[user]


def test_the_coordinator_reads_every_office_and_is_offered_no_act(world, clients):
    kiki = clients("kiki")
    for key in ("A", "E"):
        html = kiki.get(f"/perkara/{world[key]}").text
        assert buttons(html) == set() and "/aksi/" not in html and "tidak mengambil tindakan" in html
    pdf = re.findall(r'href="(/dokumen/\d+\.pdf)"', kiki.get(f"/perkara/{world['A']}").text)[0]
    assert kiki.get(pdf).content.startswith(b"%PDF")


def test_html_in_a_company_name_or_a_finding_is_shown_escaped(world, clients):
    sari = clients("sari")
    for html in (sari.get("/perkara").text, sari.get(f"/perkara/{world['C']}").text):
        assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; PT Jahat" in html and "<img src=x" not in html
    html = sari.get(f"/perkara/{world['A']}").text
    assert "&lt;script&gt;alert(&#34;temuan&#34;)&lt;/script&gt;" in html and "<script>alert" not in html


def test_a_notice_shows_its_attempts_and_receipt(world, clients):
    html = clients("budi").get(f"/perkara/{world['A']}").text
    notices = re.findall(r'href="/pemberitahuan/(\d+)"', html)
    pages = [clients("budi").get(f"/pemberitahuan/{n}").text for n in notices]
    assert any("gagal, dicoba lagi" in p and "4.7.1 coba lagi nanti" in p and "23 November 2026 09.00" in p
               for p in pages)
    assert any("5 Oktober 2026 — diserahkan langsung" in p for p in pages)


# --- another office, unknown records, signed out -----------------------------------------------------------

def _records_of(world, clients, key: str) -> list[str]:
    html = clients("kiki").get(f"/perkara/{world[key]}").text
    return [f"/perkara/{world[key]}", *re.findall(r'href="(/dokumen/\d+\.pdf)"', html),
            *re.findall(r'href="(/pemberitahuan/\d+)"', html)]


def test_another_office_gets_404_exactly_as_for_unknown_records(world, clients):
    records = _records_of(world, clients, "A")
    assert any(r.startswith("/dokumen/") for r in records) and any(r.startswith("/pemberitahuan/") for r in records)
    unknown = clients("wati").get("/perkara/WAS/UPTD-WIL.I/2026/9999")
    assert unknown.status_code == 404
    for url in records:
        response = clients("wati").get(url)
        assert response.status_code == 404, url
        assert response.text == unknown.text  # nothing tells a guessed number that exists from one that does not
    for url in ("/dokumen/99999.pdf", "/pemberitahuan/99999"):
        assert clients("wati").get(url).status_code == 404
    for url in _records_of(world, clients, "E"):
        assert clients("budi").get(url).status_code == 404, url


def test_signed_out_the_pages_send_to_sign_in(world):
    anonymous = TestClient(world["app"], follow_redirects=False)
    for url in ("/perkara", f"/perkara/{world['A']}", "/dokumen/1.pdf", "/pemberitahuan/1"):
        response = anonymous.get(url)
        assert response.status_code == 303 and response.headers["location"].startswith("/masuk?next=/")


# --- the case route leaves the act forms their URLs ---------------------------------------------------------

def test_the_case_page_does_not_swallow_the_act_routes(world, clients):
    """Whatever the order the routers are included in, `/perkara/<number>/aksi/<trigger>` never reaches the case
    page: its converter refuses an `aksi` segment."""
    from fastapi import FastAPI

    from wasnaker.web import auth
    from wasnaker.web.routes import cases as case_routes

    app = FastAPI()
    app.state.runtime, app.state.now = (lambda: world["rt"]), Clock(START)
    app.include_router(case_routes.router)  # the case page first
    forms = APIRouter()

    @forms.get("/perkara/{number:path}/aksi/{trigger}")
    def act_form(number: str, trigger: str):  # stands in for the act forms, included after the case page
        return {"number": number, "trigger": trigger}

    app.include_router(forms)
    app.add_exception_handler(auth.NotSignedIn, lambda request, exc: auth.to_sign_in(request))
    client = TestClient(app, cookies=clients("budi").cookies)
    assert client.get(f"/perkara/{world['A']}/aksi/issue_nota_2").json() == {"number": world["A"],
                                                                              "trigger": "issue_nota_2"}
    client = TestClient(create_app(runtime=lambda: world["rt"], now=Clock(START)), cookies=clients("budi").cookies)
    assert client.get(f"/perkara/{world['A']}").status_code == 200
