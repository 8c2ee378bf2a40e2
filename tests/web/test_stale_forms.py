"""A form decided on a stale view of its case: every act form carries the case's version, and a form showing an older
version is refused before its fields are read — 409 in Indonesian naming who acted since and how, nothing written —
whatever the act and whether or not the act is still open in the case's new stage."""

import re
from datetime import date

import pytest

from tests.helpers import act, fingerprint, to_inspecting
from tests.web.conftest import sign_in
from tests.web.test_act_forms import post
from wasnaker.domain import lifecycle
from wasnaker.domain.errors import TriggerNotAllowed
from wasnaker.web import forms
from wasnaker.web.form_messages import refusal
from wasnaker.web.templating import templates

CASE_ACTS = [row for row in lifecycle.TRANSITIONS if row.source is not None]
NOTA = "Nota Pemeriksaan I dengan jangka waktu"
BY_SARI = rf"oleh sari \({NOTA}, 2026-11-23 \d\d:\d\d WIB\) — muat ulang halaman perkara"


@pytest.mark.parametrize("row", CASE_ACTS, ids=lambda r: f"{r.source}-{r.trigger}")
def test_every_act_form_on_a_case_carries_the_version_it_shows(row):
    case = {"number": "WAS/X/2026/0001", "company": "PT X", "state": row.source.value, "version": 17}
    form = forms.Form(row.payload)
    html = templates.get_template("act_form.html").render(
        row=row, case=case, title=row.description, widgets=form.widgets(), summary=[], general=[], version=17,
        act_date=forms.act_date_widget(None, date(2026, 11, 23)), action="/x", csrf_token="t", who=None)
    assert html.count('name="expected_version" value="17"') == 1


def _nota_meanwhile(rt):
    """A case at `inspecting` whose budi's form showed version 6; then sari issued Nota I (version 7)."""
    number = to_inspecting(rt.engine)
    act(rt.engine, "issue_nota_1", "sari", "2026-03-03", number, deadline_days=14)
    return number


def test_a_stale_form_of_every_act_is_refused_naming_who_acted_and_writes_nothing(web):
    rt, app, _clock = web
    number = _nota_meanwhile(rt)
    client, answers = sign_in(app, "budi"), {}
    before = fingerprint(rt.engine)
    for trigger in sorted({row.trigger for row in CASE_ACTS}):
        response = post(client, rt, f"/perkara/{number}/aksi/{trigger}", {"expected_version": "6"})
        text = re.sub(r"\s+", " ", response.text)
        answers[trigger] = response.status_code, bool(re.search(f"Perkara ini baru saja diubah {BY_SARI}", text))
    assert set(answers.values()) == {(409, True)}, answers
    assert fingerprint(rt.engine) == before


def test_a_stale_form_of_an_act_still_open_keeps_what_was_typed(web):
    rt, app, _clock = web
    number = _nota_meanwhile(rt)
    response = post(sign_in(app, "budi"), rt, f"/perkara/{number}/aksi/record_compliance",
                    {"expected_version": "6", "note": "Upah sudah dibayar"})
    assert response.status_code == 409 and '>Upah sudah dibayar</textarea>' in response.text
    assert 'name="expected_version" value="6"' in response.text  # sent again, refused again: reload the case


def test_a_form_without_a_version_for_an_act_no_longer_open_names_who_moved_the_case(web):
    rt, app, _clock = web
    number = _nota_meanwhile(rt)
    client = sign_in(app, "budi")
    before = fingerprint(rt.engine)
    response = post(client, rt, f"/perkara/{number}/aksi/issue_nota_1", {"deadline_days": "14"})
    text = re.sub(r"\s+", " ", response.text)
    assert response.status_code == 403 and fingerprint(rt.engine) == before
    assert re.search(f"tidak tersedia untuk perkara dalam tahap Nota Pemeriksaan I. Perkara ini terakhir diubah "
                     f"{BY_SARI}", text)
    assert f'href="/perkara/{number}"' in response.text


def test_the_doors_not_allowed_reads_in_indonesian_naming_the_last_act():
    exc = TriggerNotAllowed("'issue_nota_1' is not allowed in state nota_1; allowed: record_receipt; the case was "
                            "last changed by sari (issue_nota_1 at 2026-11-23 10:00 WIB)")
    stage = "Tindakan ditolak: tindakan ini tidak tersedia untuk perkara dalam tahap Nota Pemeriksaan I."
    by = f" Perkara ini terakhir diubah oleh sari ({NOTA}, 2026-11-23 10:00 WIB) — muat ulang halaman perkara"
    assert refusal(exc) == ("", f"{stage}{by}, lalu periksa kembali sebelum mencoba lagi.")
