"""The Prefect UI side of a case (issue #13 parts 8 and 9): its timeline artifact tells acts and states by the
lifecycle table's Indonesian labels and links letters to the web app (an address the web app serves, never
file://); its web page links to its runs in the Prefect UI when a Prefect server is configured, and not otherwise."""

from datetime import date

import pytest

from flows.artifacts import timeline_markdown
from tests.helpers import COMPLAINT
from tests.web.conftest import START, sign_in
from wasnaker.application import acts
from wasnaker.application.timeline import act_label, case_timeline, flow_runs_url
from wasnaker.domain.lifecycle import TRANSITIONS
from wasnaker.domain.vocabulary import STATE_LABELS, State
from wasnaker.runtime import runtime_for
from wasnaker.settings import Settings
from wasnaker.web.app import create_app

PUBLIC = "https://wasnaker.example.go.id"
API = "http://10.1.2.3:4200/api"
NUMBER = "WAS/UPTD-WIL.I/2026/0001"
RUNS = "http://10.1.2.3:4200/v2/runs?tags=case%3AWAS%2FUPTD-WIL.I%2F2026%2F0001"


@pytest.fixture(autouse=True)
def no_prefect_in_the_environment(monkeypatch):
    """Whether a server is configured is each test's own choice, whatever an earlier test left in os.environ."""
    for name in ("PREFECT_API_URL", "WASNAKER_PREFECT_API_URL", "PREFECT_UI_URL", "WASNAKER_PREFECT_UI_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def verified(web):
    """A complaint filed (its receipt rendered) and verified, read through settings with a public address and a
    Prefect server: (runtime, app, clock, number)."""
    rt, _app, clock = web
    number = acts.carry_out(rt, trigger="file_complaint", actor="dewi", on=date(2026, 11, 23), now=START,
                            data=COMPLAINT)["case_number"]
    acts.carry_out(rt, trigger="verify_complaint", actor="dewi", on=date(2026, 11, 23), now=START,
                   case_number=number)
    served = runtime_for(Settings(home=rt.settings.home, environment="test", public_url=PUBLIC + "/",
                                  prefect_api_url=API))
    return served, create_app(runtime=lambda: served, now=clock), clock, number


def test_the_timeline_tells_acts_and_states_in_indonesian_and_links_letters_to_the_web_app(verified):
    rt, app, _clock, number = verified
    case = case_timeline(rt, number)
    text = timeline_markdown(case)
    [receipt] = case["documents"]
    for raw in ("file_complaint", "verify_complaint", "complaint_received", "under_verification", "file://",
                rt.settings.home.as_posix()):
        assert raw not in text
    filed = next(t for t in TRANSITIONS if t.trigger == "file_complaint")
    assert f"| {filed.description} | {_esc(STATE_LABELS[State.complaint_received])} |" in text
    assert _esc(STATE_LABELS[State.under_verification]) in text and "Tanda Terima Pengaduan" in text
    assert f"(https://wasnaker.example.go.id/dokumen/{receipt['id']}.pdf)" in text
    assert f"# [{number}](https://wasnaker.example.go.id/perkara/{number})" in text
    assert f"[Semua run perkara ini]({RUNS})" in text
    officer = sign_in(app, "dewi")  # the letter's link is an address the web app serves (behind sign-in)
    pdf = officer.get(case["documents"][0]["url"].removeprefix(PUBLIC))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = officer.get(case["url"].removeprefix(PUBLIC))
    assert page.status_code == 200 and number in page.text


def _esc(text: str) -> str:
    return text.replace("_", "\\_").replace("|", "\\|")


def test_the_case_page_links_to_its_runs_in_the_prefect_ui_only_when_a_server_is_configured(web, verified):
    _rt, app, _clock, number = verified
    page = sign_in(app, "hendra").get(f"/perkara/{number}")
    assert f'href="{RUNS.replace("&", "&amp;")}"' in page.text and "Riwayat proses di Prefect" in page.text
    _plain_rt, plain_app, _ = web  # the same case without a Prefect server: no link
    assert "Riwayat proses di Prefect" not in sign_in(plain_app, "hendra").get(f"/perkara/{number}").text


@pytest.mark.parametrize(("settings", "url"), [
    ({}, None),
    ({"prefect_api_url": "http://127.0.0.1:4200/api"}, "http://127.0.0.1:4200/v2/runs?tags=case%3A"),
    ({"prefect_api_url": "http://127.0.0.1:4200/api/"}, "http://127.0.0.1:4200/v2/runs?tags=case%3A"),
    ({"prefect_api_url": "http://127.0.0.1:4200/api", "prefect_ui_url": "https://prefect.example.go.id/"},
     "https://prefect.example.go.id/v2/runs?tags=case%3A"),
    ({"prefect_api_url": "http://127.0.0.1:4200/api", "prefect_ui_url": "https://prefect.example.go.id/v2"},
     "https://prefect.example.go.id/v2/runs?tags=case%3A"),
])
def test_the_runs_link_is_the_prefect_ui_filtered_by_the_case_tag(tmp_path, settings, url):
    found = flow_runs_url(Settings(home=tmp_path, environment="test", **settings), NUMBER)
    assert found == (url and url + "WAS%2FUPTD-WIL.I%2F2026%2F0001")


def test_the_ui_url_is_read_from_prefects_own_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    monkeypatch.setenv("PREFECT_UI_URL", "http://prefect.local:4200")
    assert flow_runs_url(Settings(home=tmp_path), NUMBER).startswith("http://prefect.local:4200/v2/runs?tags=")


def test_every_act_of_the_lifecycle_has_its_label_and_the_systems_records_their_sentence():
    for row in TRANSITIONS:
        assert act_label(row.trigger, row.source.value if row.source else None) == row.description != ""
    assert act_label("timer_expired:nota_1_compliance", "nota_1") is None


def test_typed_text_cannot_become_markdown_links_rows_or_headings():
    hostile = "PT Maju | Jaya [klik](javascript:alert(1)) <b>*Tbk*</b>\n# judul"
    case = {"number": NUMBER, "url": PUBLIC + "/perkara/" + NUMBER, "company": hostile, "label": "Pengaduan",
            "close_label": None, "runs_url": None, "timers": [],
            "events": [{"on": "2026-11-23", "actor": hostile, "label": hostile, "to_label": "Pengaduan diterima"}],
            "documents": [{"title": "Tanda Terima Pengaduan", "number": None, "url": None, "sha256": None,
                           "status_label": "draf"}]}
    text = timeline_markdown(case)
    assert "[klik](" not in text and "<b>" not in text and "\n# judul" not in text
    row = next(line for line in text.splitlines() if line.startswith("| 2026-11-23"))
    assert row.count(" | ") == 3  # four cells: a typed | stays inside its cell
    assert "**DRAF** — draf" in text and "Semua run" not in text and text.endswith("## Jangka waktu\n\n- belum ada")


def test_each_radar_row_links_to_its_cases_runs_when_a_server_is_configured(web):
    from tests.helpers import act, to_inspecting

    rt, plain_app, clock = web
    number = to_inspecting(rt.engine, start="2026-11-16")
    act(rt.engine, "issue_nota_1", "budi", "2026-11-17", number, deadline_days=7, received_on="2026-11-17")
    served = runtime_for(Settings(home=rt.settings.home, environment="test", prefect_api_url=API))
    radar = sign_in(create_app(runtime=lambda: served, now=clock), "kiki").get("/pantauan")
    assert radar.status_code == 200 and f"/perkara/{number}" in radar.text
    assert f'href="{RUNS}"' in radar.text  # the radar's row for this case
    assert "Riwayat proses di Prefect" not in sign_in(plain_app, "kiki").get("/pantauan").text
