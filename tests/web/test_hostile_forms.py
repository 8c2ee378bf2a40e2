"""Hostile input, catalogued — the web side (issue #12 part 5): every form of the officers' app (sign-in, every act
form as the lifecycle table generates it — a new complaint and a planned inspection among them, the notice receipt
too —, the company form and its CSV import, the signed-scan upload, the search and filter forms, the
acknowledgement link) against one table of rows.

A row the form must refuse gets a 4xx (never a 500), a one-line Indonesian message beside the field it concerns,
the form back with every other value as typed, and nothing written (the database fingerprint is unchanged) or
handed to the background worker. A row that is only text (markup, `file://`/`http://` references, SQL) is kept
as typed and shown escaped; the letter it reaches prints it literally and fetches nothing.

Forms are read as the browser gets them (GET, then every control posted back), so a field added to a payload is
in the table without a line here."""

import functools
import html
import re
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import select

from models import Document, Officer, SignInAttempt
from tests.conftest import seed_reference
from tests.helpers import fingerprint, to_inspecting
from tests.web.conftest import PASSWORD, START, Clock
from wasnaker.db import init_db
from wasnaker.domain import lifecycle
from wasnaker.domain.vocabulary import Role
from wasnaker.runtime import runtime_for
from wasnaker.services import accounts
from wasnaker.settings import Settings
from wasnaker.web.app import create_app
from wasnaker.web.auth import COOKIE
from wasnaker.web.background import Background

MB = "x" * (1 << 20)
NEW_NIB = "9120009990001"  # no company has it yet
USERS = {"desk": "dewi", "inspector": "budi", "ppns": "sari", "head": "hendra", "kadis": "kadis"}

# (id, the value). Text and nothing more: stored as typed, shown escaped, never fetched.
ONLY_TEXT = [
    ("html-script", "<script>alert(1)</script><b>tebal</b>"),
    ("img-http", '<img src="http://169.254.169.254/latest/meta-data">'),
    ("link-file", '<link rel="stylesheet" href="file:///etc/passwd">'),
    ("sql-fragment", "'; DROP TABLE case; --"),
]
# (id, the kind of field it goes to, the value, words the Indonesian message beside that field holds)
REFUSED = [
    ("crlf-single-line", "line", "PT Sinar\r\nBcc: x@evil.example", "satu baris"),
    ("rlo", "text", "Upah pekerja \u202edibayar terlambat sejak Maret", r"pembalik arah teks \(U\+202E\)"),
    ("one-megabyte", "first-text", MB, "paling banyak"),
    ("day-30-february", "date", ("30", "2", "2026"), "harus tanggal yang benar"),
    ("year-0001", "date", ("1", "1", "0001"), "tahun 1900 sampai 2100"),
    ("year-9999", "date", ("31", "12", "9999"), "tahun 1900 sampai 2100"),
    ("negative-number", "number", "-1", "kurang dari|lebih dari|dimulai dari 1"),
    ("huge-number", "number", "1" + "0" * 30, "terlalu besar"),
    ("nik-malformed", "nik", "1234'; DROP", "16 angka"),
    ("nib-malformed", "nib", "91200'; DROP", "13 angka"),
    ("npwp-malformed", "npwp", "12.345'; --", "15 atau 16 angka"),
    ("unknown-choice", "select", "hacker", "dari daftar"),
]
ENGLISH = re.compile(r"\b(the|is|are|holds|should|must|malformed|characters?|outside|input|value|error|retype|"
                     r"years?|not|invalid|field|required)\b", re.IGNORECASE)
IDENTIFIERS = {"nik": "3273010204750001", "nib": "9120001234567", "company_nib": "9120001234567",
               "npwp": "012345678901000", "time": "14.30", "appointment_time": "09.00",
               "prosecutor_nip": "198001012005011001", "email": "hrd@contoh.co.id"}


# --- the page as a browser reads it -------------------------------------------------------------------------------

class Page(HTMLParser):
    """A form's controls (name → kind, value, choices, aria-describedby) and its messages (id → text)."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.controls: dict[str, dict] = {}
        self.errors: dict[str, str] = {}
        self._open: tuple[str, str] | None = None  # ("textarea"|"select"|"error", key)
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "small" and "error-message" in a.get("class", ""):
            self._open, self.errors[a["id"]] = ("error", a["id"]), ""
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            kind = "number" if a.get("inputmode") == "numeric" and kind == "text" else kind
            value = ("1" if "checked" in a else "") if kind == "checkbox" else a.get("value", "")
            self.controls[a["name"]] = {"kind": kind, "value": value, "aria": a.get("aria-describedby", "")}
        elif tag in ("textarea", "select") and a.get("name"):
            self.controls[a["name"]] = {"kind": tag, "value": "", "choices": [], "aria": a.get("aria-describedby", "")}
            self._open = (tag, a["name"])
        elif tag == "option" and self._open and self._open[0] == "select":
            control = self.controls[self._open[1]]
            control["choices"].append(a.get("value", ""))
            control["value"] = a.get("value", "") if "selected" in a else control["value"]

    def handle_endtag(self, tag):
        if self._open and tag == {"error": "small"}.get(self._open[0], self._open[0]):
            self._open = None

    def handle_data(self, data):
        if self._open and self._open[0] == "error":
            self.errors[self._open[1]] += data
        elif self._open and self._open[0] == "textarea":
            self.controls[self._open[1]]["value"] += data

    def message(self, name: str) -> str | None:
        """The message beside a field (or beside the list it is a row of), one line, without its hidden prefix."""
        for anchor in (name, re.sub(r"\.\d+$", "", name)):
            found = self.errors.get(anchor.replace(".", "-") + "-error")
            if found is not None:
                return found.replace("Kesalahan:", "").strip()
        return None


def fields(form: Page) -> dict[str, str]:
    """Each field of the form by kind: a date is its three parts' name without the part."""
    out = {}
    for name, control in form.controls.items():
        if name.endswith((".tanggal", ".bulan", ".tahun")):
            out[name.rsplit(".", 1)[0]] = "date"
        elif control["kind"] not in ("hidden", "submit", "file"):
            out[name] = control["kind"]
    return out


def _key(name: str) -> str:
    return name.rsplit(".", 1)[-1] if not name.rsplit(".", 1)[-1].isdigit() else name.rsplit(".", 2)[-2]


def targets(form: Page, kind: str) -> list[str]:
    """The fields of a form a row goes to."""
    every = fields(form)
    free = [n for n, k in every.items() if k in ("text", "textarea") and _key(n) not in IDENTIFIERS]
    chosen = {
        "text": free, "line": [n for n in free if every[n] == "text"],
        "first-text": [*[n for n in free if every[n] == "text"][:1], *[n for n in free if every[n] == "textarea"][:1]],
        "number": [n for n, k in every.items() if k == "number"],
        "date": [n for n, k in every.items() if k == "date"], "select": [n for n, k in every.items() if k == "select"],
    }
    if kind in chosen:
        return chosen[kind]
    return [n for n in every if _key(n) in {"nib": ("nib", "company_nib")}.get(kind, (kind,))]


def filled(form: Page, today=("23", "11", "2026")) -> dict[str, str]:
    """Every control of the form with a plausible value: what the officer typed, to be kept on a refusal."""
    data = {}
    for name, control in form.controls.items():
        kind = control["kind"]
        if kind == "hidden":
            data[name] = control["value"]
        elif name.endswith((".tanggal", ".bulan", ".tahun")):
            part = ("tanggal", "bulan", "tahun").index(name.rsplit(".", 1)[1])
            data[name] = today[part] if name.startswith("_on.") else ("2", "3", "2026")[part]
        elif kind == "select":
            data[name] = next(c for c in control["choices"] if c)
        elif kind == "checkbox":
            data[name] = "1"
        elif kind == "number":
            data[name] = control["value"] or "7"
        elif kind in ("text", "textarea"):
            data[name] = IDENTIFIERS.get(_key(name), "Uraian contoh" if kind == "textarea" else "Contoh isian")
    return data


def put(data: dict, name: str, kind: str, value) -> None:
    if kind == "date":
        data |= dict(zip((f"{name}.tanggal", f"{name}.bulan", f"{name}.tahun"), value, strict=True))
    else:
        data[name] = value


# --- one office, its staff signed in, a case; the background worker only records what it is handed ------------

class Recorder:
    def __init__(self):
        self.jobs = []

    def __call__(self, *job):
        self.jobs.append(job)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(runtime, app, a signed-in client per role, a case). One officer signs in by password (the sign-in rows);
    the others by SSO subject, their sessions opened directly — the rows post forms, they do not test sign-in, and
    an argon2 hash costs a second on a busy runner."""
    rt = runtime_for(Settings(home=tmp_path_factory.mktemp("hostile"), environment="test", sign_in_max_failures=10**6))
    init_db(rt.engine)
    seed_reference(rt.engine)
    with rt.session() as s:
        for name in USERS.values():
            accounts.add_user(s, name, PASSWORD if name == "dewi" else None, by="admin", now=START,
                              oidc_subject=None if name == "dewi" else f"sso-{name}")
    app = create_app(runtime=lambda: rt, now=Clock(START))
    app.state.background = Recorder()
    clients = {role: _session(rt, app, name) for role, name in USERS.items()}
    return rt, app, clients, to_inspecting(rt.engine, start="2026-11-20")


def _session(rt, app, username: str) -> TestClient:
    with rt.session() as s:
        officer = s.exec(select(Officer).where(Officer.username == username)).one()
        token, _who = accounts.open_session(s, accounts.user_of(s, officer), officer, address="testclient",
                                            user_agent="pytest", now=START)
    client = TestClient(app, follow_redirects=False)
    client.cookies.set(COOKIE, token)
    return client


_STATE: dict[str, object] = {}  # the case's state now, and the fingerprint the last refused row left


def writes(test):
    """A test that writes by design (a sign-in, a letter) leaves no fingerprint for the next row to start from."""
    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        _STATE.pop("fingerprint", None)
        try:
            return test(*args, **kwargs)
        finally:
            _STATE.pop("fingerprint", None)
    return wrapper


def _at(rt, number: str, state) -> None:
    """The case put in the act's source state (the test's shortcut; the product's one door is not under test)."""
    if _STATE.get(number) == state:
        return
    _STATE[number] = state
    _STATE.pop("fingerprint", None)
    with rt.engine.begin() as db:
        db.execute(text('UPDATE "case" SET state = :state WHERE number = :number'),
                   {"state": state.value, "number": number})


# One form per payload schema: triggers sharing one (six notes, five reasons, two Sprindik, two Nota…) are the same
# generated form under another title. The system's own acts have none.
ACT_ROWS, _SEEN = {}, set()
for _row in lifecycle.TRANSITIONS:
    if _row.payload not in _SEEN and set(_row.roles) - {Role.system}:
        ACT_ROWS[_row.trigger], _SEEN = _row, _SEEN | {_row.payload}


def act_form(site, trigger: str):
    """(the client of an officer the act is open to, the form's URL, the form as shown)."""
    rt, app, clients, number = site
    row = ACT_ROWS[trigger]
    client = clients[next(r.value for r in sorted(row.roles) if r.value in clients)]
    url = f"/aksi/{trigger}" if row.source is None else f"/perkara/{number}/aksi/{trigger}"
    if row.source is not None:
        _at(rt, number, row.source)
    forms = app.state.__dict__.setdefault("shown_forms", {})  # read once: nothing the rows post changes it
    if trigger not in forms:
        shown = client.get(url)
        assert shown.status_code == 200, (url, shown.status_code)
        forms[trigger] = Page(shown.text)
    return client, url, forms[trigger]


def refused_beside(site, client, url, form: Page, names: list[str], kind: str, value, words: str, anchor=None,
                   base=None):
    """Post the form with `value` in each of `names` (and the rest as typed, `base` over it): refused beside each of
    them (and beside `anchor`), every other value kept, nothing written or handed to the background."""
    rt, app, _clients, _number = site
    data = filled(form) | (base or {})
    for name in names:
        put(data, name, kind, value)
    before, jobs = _STATE.pop("fingerprint", None) or fingerprint(rt.engine), len(app.state.background.jobs)
    answer = client.post(url, data=data)
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:500])
    shown = Page(answer.text)
    for name in names + ([anchor] if anchor else []):
        message = shown.message(name)
        assert message and re.search(words, message), (name, message)
        assert "\n" not in message and not ENGLISH.search(message), message
        own, control = name.replace(".", "-") + "-error", shown.controls.get(name)
        assert own not in shown.errors or control is None or control["aria"] == own, (name, control)
    kept = {n: v for n, v in data.items() if n.split(".tanggal")[0].split(".bulan")[0].split(".tahun")[0] not in names
            and n not in ("csrf_token",) and not n.startswith("_baris")}
    assert {n: shown.controls[n]["value"] for n in kept if n in shown.controls} == {
        n: v.strip() for n, v in kept.items() if n in shown.controls}
    _STATE["fingerprint"] = fingerprint(rt.engine)  # the next row's "before": a row that wrote fails here
    assert _STATE["fingerprint"] == before and len(app.state.background.jobs) == jobs
    return answer


# --- the act forms ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("trigger", ACT_ROWS)  # the rows of one form run together, on one case state
def test_every_act_form_refuses_hostile_input_beside_the_field(site, trigger):
    """Every row of the table whose kind of field the form has (every form has its act date)."""
    client, url, form = act_form(site, trigger)
    applied = 0
    for _row_id, kind, value, words in REFUSED:
        names = targets(form, kind)
        if names:
            refused_beside(site, client, url, form, names, kind, value, words)
            applied += 1
    assert applied >= sum(1 for r in REFUSED if r[1] == "date")


ALL_TEXT = " ".join(v for _i, v in ONLY_TEXT)  # the four rows at once: each field gets them all


@pytest.mark.parametrize("trigger", ACT_ROWS)
def test_every_act_form_shows_text_back_as_typed_and_escaped(site, trigger, value=ALL_TEXT):
    """Markup, references and SQL in every free-text field of a form refused for its act date: each comes back as
    typed, in the value of its own field, never as markup of the page."""
    client, url, form = act_form(site, trigger)
    names = targets(form, "text")  # none on a few forms: then only the date's refusal is checked
    answer = refused_beside(site, client, url, form, [], "date", None, "tanggal yang benar", anchor="_on",
                            base={n: value for n in names} | {"_on.tanggal": "31", "_on.bulan": "2"})
    shown = Page(answer.text)
    assert answer.status_code == 422 and "tanggal yang benar" in shown.message("_on")
    assert all(shown.controls[n]["value"] == value for n in names)
    assert value not in answer.text  # each holds a character the page escapes: as typed, it would be markup


DOOR_ROWS = [  # (trigger, the field, a name the office does not have, the message beside it)
    ("assign_inspectors", "inspectors", "budi'; DROP TABLE officer; --", "Bukan Pengawas Ketenagakerjaan kantor ini"),
    ("start_investigation", "investigators", "<b>sari</b>", "Bukan PPNS kantor ini"),
]


@pytest.mark.parametrize("trigger, name, value, words", DOOR_ROWS, ids=[r[0] for r in DOOR_ROWS])
def test_an_officer_not_of_the_office_is_refused_beside_the_list_in_indonesian(site, trigger, name, value, words):
    """A username typed where the form lists officers is not a choice of the office: the door's refusal (English,
    for the CLI) is told beside the list."""
    client, url, form = act_form(site, trigger)
    refused_beside(site, client, url, form, [f"{name}.0"], "text", value, words, base={f"{name}.1": ""})


# --- the company register: its form and its CSV import ----------------------------------------------------------

COMPANY_ROWS = [r for r in REFUSED if r[1] not in ("select", "nik", "date")]  # no such field on that form


@pytest.mark.parametrize("row_id, kind, value, words", COMPANY_ROWS, ids=[r[0] for r in COMPANY_ROWS])
def test_the_company_form_refuses_hostile_input_beside_the_field(site, row_id, kind, value, words):
    client = site[2]["desk"]
    form = Page(client.get("/perusahaan/baru").text)
    company = {"number": ["workforce"], "nib": ["nib"], "npwp": ["npwp"]}.get(kind)
    names = company if company is not None else [n for n in targets(form, kind) if n not in ("email",)]
    assert names, f"the company form has no {kind} field"
    refused_beside(site, client, "/perusahaan/baru", form, names, "text", value, words, base={"nib": NEW_NIB})


@pytest.mark.parametrize("row_id, value", ONLY_TEXT, ids=[r[0] for r in ONLY_TEXT])
def test_the_company_form_shows_text_back_as_typed_and_escaped(site, row_id, value):
    client = site[2]["desk"]
    form = Page(client.get("/perusahaan/baru").text)
    names = [n for n in targets(form, "text") if n != "email"]
    answer = refused_beside(site, client, "/perusahaan/baru", form, ["nib"], "text", "123", "13 angka",
                            base={n: value for n in names})
    shown = Page(answer.text)
    assert answer.status_code == 422 and all(shown.controls[n]["value"] == value for n in names)
    assert value not in answer.text


CSV_ROWS = [  # (id, the file's bytes, words of the message beside the file field)
    ("name-crlf", b'name,nib\n"PT A\r\nB",9120009990001\n', "Baris 2: Nama perusahaan harus satu baris"),
    ("name-rlo", "name,nib\nPT \u202eAB,9120009990001\n".encode(), "Baris 2: Nama perusahaan memuat karakter pembalik"),
    ("field-1mb", b"name,nib\n" + b"A" * (1 << 20) + b",9120009990001\n", "Baris 2: ada kolom yang lebih dari 2000"),
    ("nib-sql", b"name,nib\nPT A,'; DROP TABLE company; --\n", "Baris 2: NIB terdiri atas 13 angka"),
    ("npwp-malformed", b"name,nib,npwp\nPT A,9120009990001,12.345\n", "Baris 2: NPWP terdiri atas 15 atau 16"),
    ("workforce-negative", b"name,nib,workforce\nPT A,9120009990001,-5\n", "Baris 2: Jumlah pekerja/buruh tidak boleh"),
    ("workforce-huge", b"name,nib,workforce\nPT A,9120009990001,1" + b"0" * 30 + b"\n", "terlalu besar"),
    ("head-title-bell", b"name,nib,head_title\nPT A,9120009990001,Direktur\x07\n", "Jabatan pimpinan harus satu"),
    ("latin-1", "name,nib\nPT Ñusantara,9120009990001\n".encode("latin-1"), "Berkas bukan teks UTF-8"),
    ("not-a-csv", b"\x89PNG\r\n\x1a\n\x00\x00", "Berkas bukan teks UTF-8|Baris pertama harus"),
    ("no-file", None, "Pilih berkas CSV"),
]


@pytest.mark.parametrize("data, words", [r[1:] for r in CSV_ROWS], ids=[r[0] for r in CSV_ROWS])
def test_a_hostile_csv_import_is_refused_beside_the_file_field_and_imports_nothing(site, data, words):
    rt, app, clients, _number = site
    client = clients["desk"]
    token = Page(client.get("/perusahaan").text).controls["csrf_token"]["value"]
    before = fingerprint(rt.engine)
    files = {"berkas": ("perusahaan.csv", data, "text/csv")} if data is not None else {"x": ("x", b"", "text/plain")}
    answer = client.post("/perusahaan/impor", data={"csrf_token": token}, files=files)
    message = Page(answer.text).message("berkas")
    assert answer.status_code == 422 and message and re.search(words, message), (answer.status_code, message)
    assert "\n" not in message and not ENGLISH.search(message.replace("CSV UTF-8", "")), message
    assert fingerprint(rt.engine) == before


# --- sign-in: a refused name is told beside the field, recorded for the throttle at most 300 characters long ----

@pytest.mark.parametrize("value", [v for _i, v in ONLY_TEXT] + [r[2] for r in REFUSED[:3]],
                         ids=[i for i, _v in ONLY_TEXT] + [r[0] for r in REFUSED[:3]])
@writes
def test_sign_in_refuses_a_hostile_name_beside_the_field_and_logs_it_bounded(site, value):
    rt, app, _clients, _number = site
    client = TestClient(app, follow_redirects=False)
    before = fingerprint(rt.engine)
    answer = client.post("/masuk", data={"username": value, "password": value, "next": "/perkara"})
    shown = Page(answer.text)
    assert answer.status_code == 401 and shown.message("username") == "Nama pengguna atau kata sandi salah."
    assert shown.controls["username"]["value"] == value.strip()[:300] and (value not in answer.text or "<" not in value)
    after = fingerprint(rt.engine)
    before["counts"]["sign_in_attempt"] += 1
    assert after == before
    with rt.session() as s:
        logged = s.exec(select(SignInAttempt).order_by(SignInAttempt.id.desc())).first()
    assert logged.username == value.strip()[:300] and not logged.succeeded


@pytest.mark.parametrize("target", ["http://evil.example/", "//evil.example", "/perkara\r\nSet-Cookie: x=1",
                                    "\\\\evil.example"])
@writes
def test_sign_in_goes_to_no_other_site_whatever_next_says(site, target):
    _rt, app, _clients, _number = site
    answer = TestClient(app, follow_redirects=False).post(
        "/masuk", data={"username": "dewi", "password": PASSWORD, "next": target})
    location = answer.headers["location"]
    assert answer.status_code == 303 and location.startswith("/") and not location.startswith("//")
    assert "\r" not in location and "\n" not in location and "evil" not in location.split("?")[0][:2]


# --- the search and filter forms, and the acknowledgement link: a read writes nothing and never answers 500 ------

@pytest.mark.parametrize("value", [v for _i, v in ONLY_TEXT] + [r[2] for r in REFUSED[:3]],
                         ids=[i for i, _v in ONLY_TEXT] + [r[0] for r in REFUSED[:3]])
def test_search_and_filters_take_any_text_and_show_it_escaped(site, value):
    rt, _app, clients, _number = site
    client = clients["desk"]
    before = fingerprint(rt.engine)
    value = value[:8000]  # a URL carries kilobytes, not a megabyte (browsers and servers cut it)
    for url, params in (("/perkara", {"q": value, "state": value, "stage": value}), ("/perkara", {"state": "hacker"}),
                        ("/perusahaan", {"q": value})):
        answer = client.get(url, params=params)
        assert answer.status_code == 200, (url, answer.status_code)
        assert value not in answer.text or not set("<>'\"") & set(value)
    assert fingerprint(rt.engine) == before


@pytest.mark.parametrize("token", [v for _i, v in ONLY_TEXT] + ["x" * 8000, "a\r\nb", "\u202e", "../../etc/passwd"])
def test_a_hostile_acknowledgement_link_is_not_found_and_records_nothing(site, token):
    rt, app, _clients, _number = site
    client = TestClient(app, follow_redirects=False)
    before = fingerprint(rt.engine)
    token = quote(token, safe="")
    for answer in (client.get(f"/ack/{token}"), client.post(f"/ack/{token}")):
        assert answer.status_code == 404 and "<script>" not in answer.text
    assert fingerprint(rt.engine) == before


@pytest.mark.parametrize("row_id", ["9" * 30, "-1", "0x10", "1e3"])
def test_an_id_past_any_row_is_not_found_not_a_driver_error(site, row_id):
    rt, _app, clients, _number = site
    client = clients["inspector"]
    before = fingerprint(rt.engine)
    for url in (f"/dokumen/{row_id}.pdf", f"/pemberitahuan/{row_id}", f"/pindaian/{row_id}"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/dokumen/{row_id}/pindaian", headers={"X-CSRF-Token": "x"}).status_code in (403, 404)
    assert fingerprint(rt.engine) == before


# --- a body too large, or not a form: one Indonesian page, nothing done -----------------------------------------

def _act_page(answer) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(answer.text)))


def test_a_body_past_the_limit_is_refused_in_indonesian_before_it_is_read(site):
    rt, app, clients, _number = site
    client, url, form = act_form(site, "file_complaint")
    before = fingerprint(rt.engine)
    declared = client.post(url, data=filled(form) | {"summary": "x" * (6 << 20)})
    chunked = client.post(url, content=(b"x" * (1 << 20) for _ in range(7)),
                          headers={"content-type": "application/x-www-form-urlencoded"})
    for answer in (declared, chunked):
        assert answer.status_code == 413 and "Data yang dikirim terlalu besar (lebih dari 5 MB)" in _act_page(answer)
    assert fingerprint(rt.engine) == before and not app.state.background.jobs


@writes
def test_a_multipart_body_that_is_not_the_form_is_one_indonesian_page(site):
    rt, app, clients, _number = site
    client, url, form = act_form(site, "file_complaint")
    file_for_text = TestClient(app).post("/masuk", files={"username": ("u", b"budi", "text/plain")})
    before = fingerprint(rt.engine)  # after the sign-in: a refused one is logged for the throttle, by design
    blank = {"lampiran": ("a.txt", b"", "text/plain")}  # a file makes the body multipart
    big_field = client.post(url, data=filled(form) | {"summary": "x" * (5 << 20)}, files=blank)
    assert big_field.status_code == 413 and "terlalu besar (lebih dari 4 MB)" in _act_page(big_field)
    broken = client.post(url, content=b"--x\r\nnonsense", headers={"content-type": "multipart/form-data; boundary=x"})
    for answer in (file_for_text, broken):
        assert 400 <= answer.status_code < 500 and "detail" not in answer.text, answer.text[:300]
        assert "Muat ulang halaman" in _act_page(answer) or "salah" in _act_page(answer)
    assert fingerprint(rt.engine) == before


# --- the letter: text that is only text prints literally, and rendering it fetches nothing ---------------------

@pytest.fixture(scope="module")
@writes
def nota(site):
    """A finding typed on the web with markup and references, its Nota I issued on the web, rendered by the
    background worker while every URL it asks for is recorded."""
    from tests.documents.reading import fetches
    from wasnaker.adapters.rendering import pdf_text

    rt, app, clients, _number = site
    number = to_inspecting(rt.engine, start="2026-11-20")
    client = clients["inspector"]
    url = f"/perkara/{number}/aksi/record_finding"
    form = Page(client.get(url).text)
    facts = " ".join(v for _i, v in ONLY_TEXT) + " Upah dibayar terlambat"
    data = {n: v for n, v in filled(form).items() if not n.startswith(("workers", "_baris.workers"))}
    data |= {"facts": facts, "norm": "Upah minimum", "article": "Pasal 88E ayat (2)", "order": "Membayar upah",
             "workers_affected": "40", "_baris.workers": "0", "amount": ""}
    answer = client.post(url, data=data)
    assert answer.status_code == 303, Page(answer.text).errors
    version = Page(client.get(f"/perkara/{number}/aksi/issue_nota_1").text).controls["expected_version"]["value"]
    app.state.background = Background()
    try:
        answer = client.post(f"/perkara/{number}/aksi/issue_nota_1", data={
            "csrf_token": data["csrf_token"], "expected_version": version, "deadline_days": "14"})
        assert answer.status_code == 303
        _done, asked = fetches(app.state.background.drain)
    finally:
        app.state.background = Recorder()
    with rt.session() as s:
        doc = s.exec(select(Document).where(Document.kind == "nota_1")).one()
        pdf = open(doc.file_path, "rb").read()
    return number, doc.id, facts, " ".join(pdf_text(pdf).split()), asked


def test_markup_typed_in_a_finding_prints_literally_in_the_nota_and_nothing_is_fetched(nota):
    _number, _doc, facts, letter, asked = nota
    assert "".join(facts.split()) in "".join(letter.split())  # literally, wherever the line broke
    assert all(u.endswith("/document_templates/style.css") for u in asked), asked


# --- the signed-scan upload: a refused file is told beside that letter's upload field -------------------------

def _png() -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


PDF_JPEG_PNG = "tidak sesuai|rusak|PDF, JPEG, atau PNG"
SCAN_ROWS = [  # (id, file name, bytes, declared type, words of the message beside the field)
    ("html-as-pdf", "nota.pdf", b"<html><img src='file:///etc/passwd'></html>", "application/pdf", PDF_JPEG_PNG),
    ("svg-as-png", "ttd.png", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://x/y"/></svg>',
     "image/png", PDF_JPEG_PNG),
    ("script-file", "ttd.html", b"<script>alert(1)</script>", "text/html", "PDF, JPEG, atau PNG"),
    ("empty", "ttd.png", b"", "image/png", "Berkas kosong"),
    ("name-crlf-rlo", "ttd\r\n\u202egnp.exe", b"MZ\x90\x00", "application/octet-stream", "PDF, JPEG, atau PNG"),
    ("png-named-pdf", "ttd.pdf", "png", "application/pdf", "tidak sesuai"),
    ("too-large", "ttd.pdf", b"%PDF-1.4\n" + b"0" * (10 << 20), "application/pdf", "terlalu besar"),
    ("no-file", None, None, None, "Pilih berkas"),
]


@pytest.mark.parametrize("name, data, kind, words", [r[1:] for r in SCAN_ROWS], ids=[r[0] for r in SCAN_ROWS])
def test_a_hostile_scan_is_refused_beside_its_letters_upload_field_and_nothing_is_kept(site, nota, name, data, kind,
                                                                                        words):
    rt, app, clients, _number = site
    number, doc_id, *_ = nota
    client = clients["inspector"]
    token = Page(client.get(f"/perkara/{number}").text).controls["csrf_token"]["value"]
    files = {"berkas": (name, _png() if data == "png" else data, kind)} if name else {"x": ("x", b"", "text/plain")}
    before = fingerprint(rt.engine)
    answer = client.post(f"/dokumen/{doc_id}/pindaian", data={"csrf_token": token}, files=files)
    shown = Page(answer.text)
    message = shown.errors.get(f"berkas-{doc_id}-error", "")
    assert answer.status_code in (413, 422) and (re.search(words, message) or re.search(words, _act_page(answer))), (
        answer.status_code, message)
    assert not ENGLISH.search(message) and "\n" not in message
    assert fingerprint(rt.engine) == before
