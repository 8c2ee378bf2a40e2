"""Every act of the lifecycle as a form generated from its payload schema: Indonesian labels and messages, what was
typed kept on a refusal, nothing written unless the door accepts the act, and only for the officers the lifecycle
table allows, in their own office."""

import re
import typing
from datetime import date

import pytest
from pydantic import BaseModel

from tests.helpers import ANDI, FINDING, act, fingerprint, incident, to_inspecting
from tests.web.conftest import START, csrf, sign_in
from wasnaker.application import cases
from wasnaker.domain import lifecycle
from wasnaker.web import forms
from wasnaker.web.templating import templates


def _models(model, seen):
    if model in seen:
        return
    seen.add(model)
    for info in model.model_fields.values():
        for arg in [info.annotation, *typing.get_args(info.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    _models(inner, seen)


def all_models() -> set:
    seen: set = set()
    for row in lifecycle.TRANSITIONS:
        _models(row.payload, seen)
    return seen


def test_every_field_of_every_payload_of_every_trigger_has_an_indonesian_label():
    missing = [f"{m.__name__}.{k}" for m in all_models() for k in m.model_fields if forms.label(m, k) is None]
    assert missing == []


@pytest.mark.parametrize("row", lifecycle.TRANSITIONS, ids=lambda r: f"{r.source}-{r.trigger}")
def test_every_act_renders_as_a_form_with_a_field_for_each_part_of_its_payload(row):
    form = forms.Form(row.payload)
    html = templates.get_template("act_form.html").render(
        row=row, case=None, title=row.description, widgets=form.widgets(), summary=[], general=[], version="",
        act_date=forms.act_date_widget(None, date(2026, 11, 23)), action="/aksi/x", csrf_token="t", who=None)
    for name in row.payload.model_fields:
        assert re.search(rf'(name|id)="{re.escape(name)}[".\-]', html), name
    assert 'name="_on.tahun" type="text" inputmode="numeric"\n             value="2026"' in html
    assert not re.search(r"<script(?! src=)| style=| on[a-z]+=", html)  # the page's CSP allows neither


def flat(data: dict, prefix: str = "") -> dict[str, str]:
    """A payload as the browser sends its form: dotted names, dates as three inputs, lists with their row count."""
    out: dict[str, str] = {}
    for key, value in data.items():
        name = prefix + key
        if isinstance(value, dict):
            out |= flat(value, name + ".")
        elif isinstance(value, list):
            out[f"_baris.{name}"] = str(len(value))
            out |= flat({str(i): v for i, v in enumerate(value)}, name + ".")
        elif isinstance(value, bool):
            out |= {name: "1"} if value else {}
        elif re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)) and not key.endswith(("nik", "nib")):
            y, m, d = str(value).split("-")
            out |= {f"{name}.tanggal": d, f"{name}.bulan": m, f"{name}.tahun": y}
        else:
            out[name] = str(value)
    return out


COMPLAINT_FORM = {"company_nib": "9120001234567", "complainant_name": "Serikat Pekerja Tekstil",
                  "complainant_contact": "0812 0000 1111", "channel": "walk-in",
                  "summary": "Upah di bawah UMK 2026 bagi 40 pekerja", "norms.0": "Upah minimum", "_baris.norms": "2"}


def post(client, rt, url, data, **kw):
    return client.post(url, data={"csrf_token": csrf(rt, client), **data}, **kw)


def test_the_nav_links_lead_to_the_forms_that_open_a_case(web):
    _rt, app, _clock = web
    client = sign_in(app, "dewi")
    assert client.get("/pengaduan/baru").headers["location"] == "/aksi/file_complaint"
    assert client.get("/pemeriksaan/rencana").headers["location"] == "/aksi/plan_inspection"
    page = client.get("/aksi/file_complaint")
    assert page.status_code == 200 and "<h1>Pengaduan baru</h1>" in page.text and 'name="summary"' in page.text
    assert client.get("/aksi/plan_inspection").status_code == 403  # the head plans inspections
    assert sign_in(app, "hendra").get("/aksi/plan_inspection").status_code == 200
    assert client.get("/aksi/no_such_act").status_code == 404


def test_the_desk_files_a_complaint_through_the_form(web):
    rt, app, _clock = web
    client = sign_in(app, "dewi")
    response = post(client, rt, "/aksi/file_complaint", {**COMPLAINT_FORM, "complainant_consents": "1"})
    assert response.status_code == 303, response.text
    number = response.headers["location"].removeprefix("/perkara/")
    case = cases.show_case(rt, number)
    assert case["state"] == "complaint_received" and case["company"] == "PT Sinar Tekstil Nusantara"
    assert case["events"][0]["actor"] == "dewi" and case["events"][0]["on"] == "2026-11-23"  # today, WIB
    from models import CaseEvent
    with rt.session() as s:
        event = s.query(CaseEvent).one()
    assert event.channel == "web"
    assert event.data["norms"] == ["Upah minimum"] and event.data["complainant_consents"] is True


def test_an_unknown_company_is_refused_beside_its_field(web):
    rt, app, _clock = web
    client = sign_in(app, "dewi")
    before = fingerprint(rt.engine)
    response = post(client, rt, "/aksi/file_complaint", {**COMPLAINT_FORM, "company_nib": "9120000000009"})
    assert response.status_code == 422 and "NIB 9120000000009 belum terdaftar" in response.text
    assert 'id="company_nib-error"' in response.text and fingerprint(rt.engine) == before


def test_an_inspector_records_a_finding_after_the_form_shows_what_to_fix(web):
    rt, app, _clock = web
    number = to_inspecting(rt.engine)
    client = sign_in(app, "budi")
    url = f"/perkara/{number}/aksi/record_finding"
    form = client.get(url)
    assert form.status_code == 200 and 'name="expected_version" value="6"' in form.text
    before = fingerprint(rt.engine)
    typed = {**flat(FINDING), "article": "", "amount": "-5", "expected_version": "6"}
    refused = post(client, rt, url, typed)
    assert refused.status_code == 422
    assert "Pasal yang dilanggar wajib diisi" in refused.text
    assert "Jumlah kekurangan (Rp) tidak boleh kurang dari 0" in refused.text
    assert 'href="#article"' in refused.text and 'id="article-error"' in refused.text  # summary and beside it
    assert "40 pekerja dibayar di bawah UMK</textarea>" in refused.text and 'value="-5"' in refused.text
    assert fingerprint(rt.engine) == before
    done = post(client, rt, url, {**typed, "article": FINDING["article"], "amount": "Rp 4.750.000"})
    assert done.status_code == 303 and done.headers["location"] == f"/perkara/{number}"
    findings = cases.show_case(rt, number)["findings"]
    assert [f["amount"] for f in findings] == [None, 4_750_000]


def test_a_date_that_does_not_exist_is_refused_in_indonesian(web):
    rt, app, _clock = web
    number = to_inspecting(rt.engine)
    client = sign_in(app, "budi")
    response = post(client, rt, f"/perkara/{number}/aksi/record_inspection",
                    {"inspection_date.tanggal": "30", "inspection_date.bulan": "2", "inspection_date.tahun": "2026"})
    assert response.status_code == 422
    assert "Tanggal pemeriksaan harus tanggal yang benar: tanggal, bulan dan tahun" in response.text
    assert 'id="inspection_date-tanggal" name="inspection_date.tanggal"' in response.text


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(web):
    rt, app, _clock = web
    client = sign_in(app, "dewi")
    before = fingerprint(rt.engine)
    response = client.post("/aksi/file_complaint", data=COMPLAINT_FORM)
    assert response.status_code == 403 and fingerprint(rt.engine) == before


def test_html_in_a_text_field_is_stored_as_typed_and_shown_escaped(web):
    rt, app, _clock = web
    client = sign_in(app, "dewi")
    hostile = '<script>alert("x")</script><b onmouseover=alert(1)>Upah</b>'
    refused = post(client, rt, "/aksi/file_complaint", {**COMPLAINT_FORM, "summary": hostile, "complainant_name": ""})
    assert refused.status_code == 422 and "<script>alert" not in refused.text and "<b onmouseover" not in refused.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in refused.text
    done = post(client, rt, "/aksi/file_complaint", {**COMPLAINT_FORM, "summary": hostile})
    assert done.status_code == 303
    from models import CaseEvent
    with rt.session() as s:
        assert s.query(CaseEvent).one().data["summary"] == hostile


def test_a_megabyte_of_text_is_refused_with_a_clear_message(web):
    rt, app, _clock = web
    client = sign_in(app, "dewi")
    before = fingerprint(rt.engine)
    response = post(client, rt, "/aksi/file_complaint", {**COMPLAINT_FORM, "summary": "x" * 1_000_000,
                                                         "complainant_name": "y" * 301})
    assert response.status_code == 422
    assert "Ringkasan pengaduan terlalu panjang: paling banyak 5.000 karakter, yang dikirim 1.000.000" in response.text
    assert "Nama pengadu terlalu panjang: paling banyak 300 karakter" in response.text
    assert len(response.text) < 100_000 and fingerprint(rt.engine) == before


def _reportable(engine) -> str:
    number = to_inspecting(engine)
    return number


def test_the_incident_reports_nested_form_shows_a_wrong_nik_beside_its_field_then_records_it(web):
    rt, app, _clock = web
    number = _reportable(rt.engine)
    client = sign_in(app, "sari")
    url = f"/perkara/{number}/aksi/report_incident"
    page = client.get(url)
    assert page.status_code == 200
    assert "<legend>Tersangka orang perseorangan" in page.text and "<legend>Tersangka korporasi" in page.text
    data = {**flat(incident()), "expected_version": "6", "_on.tanggal": "23", "_on.bulan": "11", "_on.tahun": "2026"}
    before = fingerprint(rt.engine)
    wrong = post(client, rt, url, {**data, "suspect.person.nik": "12345", "witnesses.0.person.nik": "0099"})
    assert wrong.status_code == 422 and fingerprint(rt.engine) == before
    beside = re.search(r'id="suspect-person-nik-error">(.*?)</small>', wrong.text, re.S)[1]
    assert "NIK harus 16 angka" in beside
    assert "NIK harus 16 angka" in re.search(r'id="witnesses-0-person-nik-error">(.*?)</small>', wrong.text, re.S)[1]
    assert "Tersangka › Tersangka orang perseorangan › NIK harus 16 angka" in wrong.text  # the summary says where
    assert 'value="12345"' in wrong.text and f'value="{ANDI["name"]}"' in wrong.text  # what was typed is kept
    done = post(client, rt, url, data)
    assert done.status_code == 303, done.text
    assert cases.show_case(rt, number)["state"] == "incident_report"


def test_a_list_grows_by_one_row_without_recording_anything(web):
    rt, app, _clock = web
    number = _reportable(rt.engine)
    client = sign_in(app, "sari")
    before = fingerprint(rt.engine)
    more = post(client, rt, f"/perkara/{number}/aksi/report_incident",
                {"_tambah": "witnesses", "_baris.witnesses": "1", "witnesses.0.person.name": "Siti"})
    assert more.status_code == 200 and fingerprint(rt.engine) == before
    assert 'name="witnesses.1.person.nik"' in more.text and 'name="witnesses.2.person.nik"' not in more.text
    assert 'value="Siti"' in more.text and "Ada yang perlu diperbaiki" not in more.text


def test_a_form_decided_on_a_stale_case_is_refused_naming_who_changed_it(web):
    rt, app, _clock = web
    number = to_inspecting(rt.engine)
    client = sign_in(app, "budi")
    url = f"/perkara/{number}/aksi/record_finding"
    shown = re.search(r'name="expected_version" value="(\d+)"', client.get(url).text)[1]
    act(rt.engine, "record_finding", "sari", "2026-03-02", number, **FINDING)  # meanwhile
    before = fingerprint(rt.engine)
    response = post(client, rt, url, {**flat(FINDING), "expected_version": shown})
    assert response.status_code == 409 and fingerprint(rt.engine) == before
    assert "Perkara ini baru saja diubah oleh sari" in response.text and "muat ulang" in response.text
    assert "40 pekerja dibayar di bawah UMK</textarea>" in response.text


def test_a_desk_officers_forged_nota_is_refused_and_writes_nothing(web):
    rt, app, _clock = web
    number = to_inspecting(rt.engine)
    client = sign_in(app, "dewi")
    url = f"/perkara/{number}/aksi/issue_nota_1"
    assert client.get(url).status_code == 403
    before = fingerprint(rt.engine)
    forged = post(client, rt, url, {"deadline_days": "14", "expected_version": "6"})
    assert forged.status_code == 403 and "Pengawas Ketenagakerjaan" in forged.text
    assert fingerprint(rt.engine) == before
    not_now = post(sign_in(app, "budi"), rt, f"/perkara/{number}/aksi/record_payment", {})
    assert not_now.status_code == 403 and "tidak tersedia untuk perkara dalam tahap Pemeriksaan" in not_now.text


def test_another_offices_case_is_not_found_and_the_coordinator_acts_on_none(web):
    from wasnaker.application import accounts, reference

    rt, app, _clock = web
    number = to_inspecting(rt.engine)
    reference.add_office(rt, code="UPTD-WIL.II", name="UPTD Wilayah II", province="Jawa Barat", parent="Disnakertrans",
                         city="Bogor", address="Jl. Pajajaran 1, Bogor", timezone="Asia/Jakarta")
    reference.add_officer(rt, office="UPTD-WIL.II", username="tono", name="Tono", nip="198001012005011009",
                          role="inspector")
    accounts.add_user(rt, "tono", "kata-sandi-uji-123", by="admin", now=START)
    stranger = sign_in(app, "tono")
    url = f"/perkara/{number}/aksi/record_finding"
    assert stranger.get(url).status_code == 404
    assert post(stranger, rt, url, flat(FINDING)).status_code == 404
    assert stranger.get("/perkara/WAS/NOPE/2026/9999/aksi/record_finding").status_code == 404
    assert sign_in(app, "kiki").get(url).status_code == 403


def _paths(routes) -> list[str]:
    """The app's route paths in matching order, included routers opened."""
    out = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        out += _paths(inner.routes) if inner is not None else [getattr(route, "path", "")]
    return out


def test_the_act_routes_come_before_the_case_page_that_would_swallow_them(web):
    from fastapi import APIRouter

    rt, app, _clock = web
    paths = _paths(app.routes)
    mine = paths.index("/perkara/{number:path}/aksi/{trigger}")
    assert all(i > mine for i, p in enumerate(paths) if p == "/perkara/{number:path}")
    number = to_inspecting(rt.engine)
    case_page = APIRouter()
    case_page.get("/perkara/{number:path}")(lambda number: {"case page": number})
    app.include_router(case_page)  # as the case page's router is, after this one
    form = sign_in(app, "budi").get(f"/perkara/{number}/aksi/record_finding")
    assert form.status_code == 200 and 'name="article"' in form.text


def test_parts_left_empty_stay_out_though_their_defaults_are_prefilled():
    from wasnaker.domain import payloads as p

    page = forms.Form(p.ReportIncident)
    prefilled = {}
    stack = list(page.widgets())
    while stack:
        w = stack.pop()
        stack += w.children
        if w.kind in ("text", "select") and w.value:
            prefilled[w.name] = w.value
    assert prefilled["suspect.corporation.pengurus.nationality"] == "Indonesia"
    form = forms.Form(p.ReportIncident, {**prefilled, **flat(incident())})
    assert form.payload() is not None, form.errors
    assert "corporation" not in form.payload()["suspect"] and form.payload()["experts"] == []


def test_a_business_rule_refusal_is_told_in_indonesian_and_writes_nothing(web):
    """The door's guard refuses closing an inspection with a finding still open: the page words it in Indonesian
    (the CLI keeps the English line); nothing is written."""
    rt, app, _clock = web
    number = to_inspecting(rt.engine)
    client = sign_in(app, "budi")
    before = fingerprint(rt.engine)
    response = post(client, rt, f"/perkara/{number}/aksi/close_not_proven", {"expected_version": "6"})
    assert response.status_code == 422, response.text[:300]
    assert "Tindakan ditolak: 1 temuan masih terbuka." in response.text and "still open" not in response.text
    assert fingerprint(rt.engine) == before


def test_a_receipt_dated_before_its_letter_is_told_beside_its_field(web):
    rt, app, _clock = web
    number = to_inspecting(rt.engine)
    client = sign_in(app, "budi")
    before = fingerprint(rt.engine)
    form = {**flat({"deadline_days": 14, "received_on": "2026-03-01"}), "expected_version": "6",
            "_on.tanggal": "02", "_on.bulan": "03", "_on.tahun": "2026"}
    response = post(client, rt, f"/perkara/{number}/aksi/issue_nota_1", form)
    assert response.status_code == 422, response.text[:300]
    assert "Tanggal terima tidak boleh sebelum tanggal surat (2 Maret 2026)" in response.text
    assert 'id="received_on-error"' in response.text and fingerprint(rt.engine) == before
