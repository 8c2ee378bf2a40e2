"""Pantauan in a real browser (issue #13): the deadline radar and the enforcement funnel for a coordinator, who
narrows the funnel to one office by ticking it (a plain GET form: no script needed), and for a head, who sees
only their office; the coordinator's workload, time-per-stage, index (with one value's drill-down) and PPNS
pages are photographed too, and the head's index shows their office alone. The pages render under the app's
Content-Security-Policy with no console error (the inline SVG charts included); screenshots are saved for a
person to look at."""

from tests.browser.conftest import PASSWORD, START, screenshot, sign_in
from tests.helpers import act
from tests.services.test_figures import RADAR_NOW, STORY, _second_office
from tests.web.conftest import Clock
from wasnaker.services import accounts

MARCH = "dari=2026-03-01&sampai=2026-03-31"


def _story(site) -> dict:
    """The five cases of tests/services/test_figures.py, acted in date order; the head of the second office."""
    engine = site.rt.engine
    _second_office(engine)
    numbers: dict[str, str] = {}
    for on, letter, trigger, actor, data in sorted(STORY, key=lambda step: step[0]):
        numbers.setdefault(letter, act(engine, trigger, actor, on, numbers.get(letter), **data).case_number)
    with site.rt.session() as s:
        accounts.add_user(s, "hesti", PASSWORD, by="admin", now=START)
    site.clock = Clock(RADAR_NOW)
    return numbers


def _march_on(page, link: str, path: str) -> None:
    """Open a pantauan page through its link in the nav and choose March in its filter."""
    page.get_by_role("link", name=link).click()
    page.locator("#dari").fill("2026-03-01")
    page.locator("#sampai").fill("2026-03-31")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url(f"**{path}?dari=2026-03-01&sampai=2026-03-31")


def _counts(page, table: str) -> list[str]:
    return page.locator(f"#{table} tbody tr td:nth-child(2)").all_inner_texts()


def test_the_radar_and_the_funnel_for_a_coordinator_and_for_a_head(page, site, browser):
    cases = _story(site)
    sign_in(page, "kiki", then="/pantauan")
    page.wait_for_url("**/pantauan")
    assert page.get_by_role("link", name="Pantauan").is_visible()
    assert page.locator("#daftar-tenggat tbody tr td:first-child a").all_inner_texts() == [cases["D"], cases["E"]]
    assert page.get_by_role("img", name="Tenggat terlambat per kantor").is_visible()
    screenshot(page, "pantauan_radar_coordinator")

    _march_on(page, "Corong penegakan hukum", "/pantauan/corong")
    assert _counts(page, "tahap-corong")[:3] == ["5", "3", "1"]
    chart = page.locator("svg.chart")
    assert chart.is_visible() and chart.bounding_box()["width"] > 300
    screenshot(page, "pantauan_funnel_coordinator")

    page.get_by_label("UPTD-WIL.II").check()
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url("**kantor=UPTD-WIL.II")
    assert _counts(page, "tahap-corong")[:3] == ["1", "1", "0"]
    page.locator("#tahap-corong tbody tr").nth(1).get_by_role("link").click()
    assert page.locator("#perkara-corong tbody td:first-child").all_inner_texts() == [cases["E"]]

    page.goto("/pantauan/beban-kerja?dari=2026-03-01&sampai=2026-04-30")
    assert page.get_by_role("img", name="Pemeriksaan per bulan").is_visible()
    screenshot(page, "pantauan_workload_coordinator")
    page.goto(f"/pantauan/waktu-tahap?{MARCH}")
    assert page.get_by_role("img", name="Median hari per status").is_visible()
    screenshot(page, "pantauan_durations_coordinator")

    _march_on(page, "Indeks kinerja", "/pantauan/indeks")
    assert page.locator("#indeks-kantor tbody td").all_inner_texts() == ["83", "34,5"]
    assert page.get_by_role("img", name="Indeks kinerja per kantor (0–100)").is_visible()
    screenshot(page, "pantauan_index_coordinator")
    page.locator('#indeks-rincian tr[data-office="UPTD-WIL.I"] td[data-measure="office_deadlines_kept"] a').click()
    page.wait_for_url("**/pantauan/indeks/UPTD-WIL.I/office_deadlines_kept?**")
    assert page.locator("#rincian tbody td:first-child").all_inner_texts() == [cases["C"], cases["D"]]
    screenshot(page, "pantauan_index_drill_coordinator")
    page.goto(f"/pantauan/ppns?{MARCH}")
    assert page.locator("#rekam-ppns tbody th").all_inner_texts() == ["Sari Wulandari"]
    screenshot(page, "pantauan_ppns_coordinator")

    head = browser.new_context(base_url=site.url, locale="id-ID", viewport={"width": 1280, "height": 860})
    try:
        hesti = head.new_page()
        sign_in(hesti, "hesti", then="/pantauan")
        hesti.wait_for_url("**/pantauan")
        assert hesti.locator("#daftar-tenggat tbody tr td:first-child a").all_inner_texts() == [cases["E"]]
        assert hesti.get_by_label("UPTD-WIL.I").count() == 0  # no office to choose
        screenshot(hesti, "pantauan_radar_head")
        hesti.goto(f"/pantauan/corong?{MARCH}")
        assert _counts(hesti, "tahap-corong")[:3] == ["1", "1", "0"]
        screenshot(hesti, "pantauan_funnel_head")
        assert hesti.goto(f"/pantauan/corong?{MARCH}&kantor=UPTD-WIL.I").status == 404
        hesti.goto(f"/pantauan/indeks?{MARCH}")
        assert hesti.locator("#indeks-rincian tbody th").all_inner_texts() == ["UPTD-WIL.II"]
        screenshot(hesti, "pantauan_index_head")
    finally:
        head.close()
