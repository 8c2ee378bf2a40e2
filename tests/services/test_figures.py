"""The coordinators' figures (issue #13) checked exactly against cases with known histories, built through the
service door with dates: the funnel's counts and rates (a case that moved across a period boundary), medians
and 90th percentiles, workload against the quota, the radar's rows and counts, the scope each role gets, and a
number of queries that does not grow with the number of cases. Both SQLite and PostgreSQL.

The history is built once per database (module scope): every test here only reads it, except the query count,
which adds cases last."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import event
from sqlmodel import select

from models import Document, Notice
from tests.conftest import _drop_pg, _pg_database, seed_reference
from tests.helpers import COMPLAINT, FINDING, act, incident, stored_spans, trail_spans
from wasnaker.application import figures
from wasnaker.db import init_db, make_engine, session_scope
from wasnaker.domain.errors import InvalidData, NotFound, RoleNotAllowed
from wasnaker.domain.notices import NoticeStatus
from wasnaker.domain.policy import DEFAULT_POLICY
from wasnaker.runtime import Runtime
from wasnaker.services import registry, repo
from wasnaker.settings import Settings

MARCH, APRIL = (date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 4, 30))
OBSTRUCTION = incident("obstruction")


def _second_office(engine):
    with session_scope(engine) as s:
        office = registry.add_office(s, code="UPTD-WIL.II", name="UPTD Pengawasan Ketenagakerjaan Wilayah II",
                                     province="Jawa Barat", city="Bogor", timezone="Asia/Jakarta")
        for i, (user, role) in enumerate((("dedi", "desk"), ("wati", "inspector"), ("hesti", "head"),
                                          ("rahmat", "kadis"))):
            registry.add_officer(s, office=office, username=user, name=user.title(), nip=f"19850101201001200{i}",
                                 role=role)


def inspected(letter, filed: str, inspected_on: str, team=("budi", "sari"), staff=("dewi", "hendra", "kadis")):
    """A complaint filed, verified, assigned and its SPT signed on `filed`; a finding and the inspection on
    `inspected_on`: the steps (date, case, trigger, actor, data)."""
    desk, head, kadis = staff
    return [(filed, letter, "file_complaint", desk, COMPLAINT), (filed, letter, "verify_complaint", desk, {}),
            (filed, letter, "assign_inspectors", head, {"inspectors": list(team)}),
            (filed, letter, "sign_spt", kadis, {"period_start": inspected_on, "period_end": inspected_on}),
            (inspected_on, letter, "record_finding", team[0], FINDING),
            (inspected_on, letter, "record_inspection", team[0], {"inspection_date": inspected_on})]


STORY = [  # five cases, March–April 2026 (the spans each test reads are in its docstring)
    # A: Nota I on 31 March, complied on 2 April: across the period boundary
    *inspected("A", "2026-03-02", "2026-03-10"),
    ("2026-03-31", "A", "issue_nota_1", "budi", {"deadline_days": 7, "received_on": "2026-03-31"}),
    ("2026-04-02", "A", "record_compliance", "budi", {}),
    # B: Nota I, re-check after its deadline, Nota II, complied after Nota II
    *inspected("B", "2026-03-02", "2026-03-05"),
    ("2026-03-06", "B", "issue_nota_1", "budi", {"deadline_days": 7, "received_on": "2026-03-06"}),
    ("2026-03-16", "B", "sign_spt", "kadis", {"period_start": "2026-03-16", "period_end": "2026-03-16"}),
    ("2026-03-16", "B", "record_recheck", "budi", {"note": "Belum dibayar"}),
    ("2026-03-16", "B", "issue_nota_2", "budi", {"deadline_days": 7, "received_on": "2026-03-16"}),
    ("2026-03-20", "B", "record_compliance", "budi", {}),
    # C: obstruction, investigation to P-21
    *inspected("C", "2026-03-02", "2026-03-03"),
    ("2026-03-04", "C", "report_incident", "budi", OBSTRUCTION),
    ("2026-03-05", "C", "start_investigation", "hendra", {"investigators": ["sari"]}),
    ("2026-03-06", "C", "send_spdp", "sari", {}),
    ("2026-03-09", "C", "submit_file", "sari", {"file_contents": ["BAP"], "received_on": "2026-03-09"}),
    ("2026-03-20", "C", "receive_p21", "sari", {"p21_number": "B-21/P-21"}),
    # D: planned (no complaint), obstruction, tipiring
    ("2026-03-02", "D", "plan_inspection", "hendra", {"company_nib": "9120007654321"}),
    ("2026-03-02", "D", "assign_inspectors", "hendra", {"inspectors": ["budi"]}),
    ("2026-03-02", "D", "sign_spt", "kadis", {"period_start": "2026-03-12", "period_end": "2026-03-12"}),
    ("2026-03-12", "D", "record_finding", "budi", FINDING),
    ("2026-03-12", "D", "record_inspection", "budi", {"inspection_date": "2026-03-12"}),
    ("2026-03-12", "D", "report_incident", "budi", OBSTRUCTION),
    ("2026-03-13", "D", "open_tipiring", "sari", {"bap_date": "2026-03-13", "court": "Pengadilan Negeri Bandung"}),
    # E: the second office; Nota I still running
    *inspected("E", "2026-03-02", "2026-03-20", team=("wati",), staff=("dedi", "hesti", "rahmat")),
    ("2026-03-25", "E", "issue_nota_1", "wati", {"deadline_days": 14, "received_on": "2026-03-25"}),
]


def build(engine) -> dict:
    """The story acted in date order (letters of a series are numbered in date order); case numbers by letter."""
    seed_reference(engine)
    _second_office(engine)
    numbers: dict[str, str] = {}
    for on, letter, trigger, actor, data in sorted(STORY, key=lambda step: step[0]):
        done = act(engine, trigger, actor, on, numbers.get(letter), **data)
        numbers.setdefault(letter, done.case_number)
    return numbers


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def history(request, tmp_path_factory):
    """(runtime, case numbers by letter) on a database of each kind, as the `engine` fixture makes them."""
    if request.param == "sqlite":
        name, url = None, f"sqlite:///{tmp_path_factory.mktemp('figures') / 'wasnaker.db'}"
    else:
        name, url = _pg_database()
    engine = make_engine(url)
    init_db(engine)
    cases = build(engine)
    yield Runtime(Settings(), engine), cases
    engine.dispose()
    if name:
        _drop_pg(name)


def officer(rt, username: str):
    """Who is signed in, as the web app's SignedIn carries it (role, office, username)."""
    with rt.session() as s:
        found = repo.officer(s, username)
        return SimpleNamespace(username=found.username, role=found.role, office_id=found.office_id)


@pytest.fixture
def kiki(history):
    return officer(history[0], "kiki")  # coordinator


def _rungs(seen: dict) -> dict:
    return {r["key"]: (r["cases"], r["rate"]) for r in seen["rungs"] + seen["compliance"]}


def test_the_funnel_counts_distinct_cases_per_rung_with_rates_and_compliance(history, kiki):
    rt, cases = history
    march = figures.funnel(rt, kiki, *MARCH)
    assert _rungs(march) == {
        "inspection": (5, None), "nota_1": (3, 3 / 5), "nota_2": (1, 1 / 3), "sanction_recommendation": (0, 0.0),
        "incident_report": (2, 2.0), "investigation": (1, 1 / 2), "p21": (1, 1.0), "tipiring": (1, 1 / 2),
        "sp3": (0, 0.0), "restorative_justice": (0, 0.0),
        "complied_after_nota_1": (1, 1 / 3), "complied_after_nota_2": (1, 1.0)}
    assert [r["label"] for r in march["rungs"][:3]] == ["Pemeriksaan", "Nota Pemeriksaan I", "Nota Pemeriksaan II"]
    assert (march["rungs"][7]["base"], march["rungs"][7]["base_label"]) == ("incident_report", "Laporan Kejadian")
    assert march["scope"]["all"] and [o["code"] for o in march["scope"]["offices"]] == ["UPTD-WIL.I", "UPTD-WIL.II"]


def test_an_event_counts_in_the_period_its_date_falls_in(history, kiki):
    """Case A: Nota I on 31 March, complied on 2 April. March has its Nota and, as the outcome of March's Notas,
    its compliance; April has neither (its compliance answers a Nota of March), and no rate over an empty base."""
    rt, cases = history
    april = _rungs(figures.funnel(rt, kiki, *APRIL))
    assert all(cases == 0 for cases, _ in april.values())
    assert april["nota_1"] == (0, None) and april["complied_after_nota_1"] == (0, None)
    both = _rungs(figures.funnel(rt, kiki, date(2026, 3, 1), date(2026, 4, 30)))
    assert both["nota_1"] == (3, 3 / 5) and both["complied_after_nota_1"] == (1, 1 / 3)
    only_31 = _rungs(figures.funnel(rt, kiki, date(2026, 3, 31), date(2026, 3, 31)))
    assert only_31["nota_1"] == (1, None) and only_31["complied_after_nota_1"] == (1, 1.0)
    assert [c["case"] for c in figures.funnel_cases(rt, kiki, "nota_1", *MARCH)] == [cases["B"], cases["E"],
                                                                                   cases["A"]]
    [complied] = figures.funnel_cases(rt, kiki, "complied_after_nota_1", *MARCH)
    assert (complied["case"], complied["on"], complied["state_label"]) == (cases["A"], date(2026, 4, 2), "Selesai")


def test_every_funnel_figure_lists_exactly_the_cases_it_counts(history, kiki):
    rt, cases = history
    seen = figures.funnel(rt, kiki, *MARCH)
    for figure in seen["rungs"] + seen["compliance"]:
        listed = figures.funnel_cases(rt, kiki, figure["key"], *MARCH)
        assert len(listed) == len({c["case"] for c in listed}) == figure["cases"], figure["key"]
    assert {c["case"] for c in figures.funnel_cases(rt, kiki, "incident_report", *MARCH)} == {cases["C"], cases["D"]}
    with pytest.raises(NotFound, match="unknown funnel figure 'nota_3'"):
        figures.funnel_cases(rt, kiki, "nota_3", *MARCH)


def _states(seen: dict) -> dict:
    return {s["state"]: (s["spans"], s["median"], s["p90"], s["open"]) for s in seen["states"]}


def test_days_in_each_state_median_and_p90(history, kiki):
    """Spans that ended in March (entered → left, days): inspecting A 2→31 (29), B 2→6 (4), C 2→4 (2), D 2→12
    (10), E 2→25 (23): sorted 2 4 10 23 29, median the 3rd (10), p90 at position 4.6: 23 + 0.6·6 = 26.6.
    Nota I: B 6→16 (10); A's (31 March → 2 April) ends in April, so at March's end it is open, as E's is."""
    rt, _ = history
    march = _states(figures.durations(rt, kiki, *MARCH))
    assert march["inspecting"] == (5, 10.0, 26.6, 0)
    assert march["nota_1"] == (1, 10.0, 10.0, 2)
    assert march["nota_2"] == (1, 4.0, 4.0, 0)
    assert march["incident_report"] == (2, 1.0, 1.0, 0)  # C 4→5, D 12→13
    assert march["investigation"] == (1, 4.0, 4.0, 0)  # C 5→9 (the SPDP on the 6th keeps the state)
    assert march["file_at_prosecutor"] == (1, 11.0, 11.0, 0)  # C 9→20
    assert march["file_complete"] == (0, None, None, 1) and march["tipiring"] == (0, None, None, 1)
    assert march["complaint_received"] == (4, 0.0, 0.0, 0) and march["planned"] == (1, 0.0, 0.0, 0)
    assert march["assigned"] == (5, 0.0, 0.0, 0) and march["sanction_recommended"] == (0, None, None, 0)
    assert "closed" not in march
    april = _states(figures.durations(rt, kiki, *APRIL))
    assert april["nota_1"] == (1, 2.0, 2.0, 1) and april["inspecting"] == (0, None, None, 0)


def test_lead_times_complaint_to_inspection_and_sprindik_to_p21(history, kiki):
    """Complaint → first inspection: C 1, B 3, A 8, E 18 (D was planned, no complaint): median (3 + 8) / 2 = 5.5,
    p90 at position 3.7: 8 + 0.7·10 = 15. Sprindik → P-21: C 5 → 20 March, 15 days."""
    rt, cases = history
    leads = {t["key"]: (t["spans"], t["median"], t["p90"]) for t in figures.durations(rt, kiki, *MARCH)["lead_times"]}
    assert leads == {"complaint_to_inspection": (4, 5.5, 15.0), "sprindik_to_p21": (1, 15.0, 15.0)}
    listed = figures.duration_cases(rt, kiki, "complaint_to_inspection", *MARCH)
    assert [(c["case"], c["days"]) for c in listed] == [(cases["E"], 18), (cases["A"], 8), (cases["B"], 3),
                                                        (cases["C"], 1)]
    spans = figures.duration_cases(rt, kiki, "inspecting", *MARCH)
    assert [(c["case"], c["from"], c["to"], c["days"]) for c in spans][:2] == [
        (cases["A"], date(2026, 3, 2), date(2026, 3, 31), 29), (cases["E"], date(2026, 3, 2), date(2026, 3, 25), 23)]
    assert len(spans) == 5
    assert figures.durations(rt, kiki, *APRIL)["lead_times"][0]["spans"] == 0


def test_workload_inspections_per_month_against_the_quota_and_open_cases(history, kiki):
    """budi is on A, B, C, D: four inspections and B's re-check in March, the quota met; sari on A, B, C: four
    with the re-check, one short; wati one. April: nothing, every officer still listed."""
    rt, cases = history
    seen = figures.workload(rt, kiki, date(2026, 3, 1), date(2026, 4, 30))
    assert seen["inspections"]["quota"] == DEFAULT_POLICY.inspection_quota_per_month == 5
    assert seen["inspections"]["months"] == ["2026-03", "2026-04"]
    got = [(r["officer"], r["month"], r["inspections"], r["rechecks"], r["total"], r["met"], r["short"])
           for r in seen["inspections"]["rows"]]
    assert got == [("budi", "2026-03", 4, 1, 5, True, 0), ("budi", "2026-04", 0, 0, 0, False, 5),
                   ("sari", "2026-03", 3, 1, 4, False, 1), ("sari", "2026-04", 0, 0, 0, False, 5),
                   ("wati", "2026-03", 1, 0, 1, False, 4), ("wati", "2026-04", 0, 0, 0, False, 5)]
    assert [(r["officer"], r["open_cases"]) for r in seen["open_cases"]] == [("budi", 2), ("sari", 1), ("wati", 1)]
    listed = figures.inspection_cases(rt, kiki, "sari", date(2026, 3, 1), date(2026, 4, 30))
    assert [(c["case"], c["on"], c["recheck"]) for c in listed] == [
        (cases["C"], date(2026, 3, 3), False), (cases["B"], date(2026, 3, 5), False),
        (cases["A"], date(2026, 3, 10), False), (cases["B"], date(2026, 3, 16), True)]
    assert {c["case"] for c in figures.open_cases_of(rt, kiki, "budi")} == {cases["C"], cases["D"]}


def test_a_policy_quota_is_the_one_measured_against(history, kiki):
    from dataclasses import replace
    rt, _ = history
    strict = Runtime(rt.settings, rt.engine, replace(rt.policy, inspection_quota_per_month=4))
    rows = figures.workload(strict, kiki, *MARCH)["inspections"]["rows"]
    assert [(r["officer"], r["met"], r["short"]) for r in rows] == [("budi", True, 0), ("sari", True, 0),
                                                                    ("wati", False, 3)]


RADAR_NOW = datetime(2026, 4, 3, 3, 0, tzinfo=UTC)  # 10:00 in Jakarta


def test_the_radar_lists_overdue_and_due_soon_deadlines_by_office_officer_and_kind(history, kiki):
    """On 3 April: D's tipiring went to court by 16 March (overdue, 18 days); E's Nota I runs to 8 April (due
    soon). C's Tahap II (19 May) is beyond the horizon; A's and B's deadlines were closed by compliance."""
    rt, cases = history
    seen = figures.radar(rt, kiki, RADAR_NOW)["deadlines"]
    assert [(r["case"], r["kind"], r["due"], r["days_left"], r["urgency"], r["urgency_label"],
             [o["username"] for o in r["officers"]]) for r in seen["rows"]] == [
        (cases["D"], "tipiring_to_court", date(2026, 3, 16), -18, "overdue", "terlambat", ["budi"]),
        (cases["E"], "nota_1_compliance", date(2026, 4, 8), 5, "due_soon", "segera", ["wati"])]
    assert seen["rows"][0]["label"] == "Pelimpahan tipiring ke pengadilan"
    assert seen["by_office"] == [
        {"office": "UPTD-WIL.I", "office_name": "UPTD Pengawasan Ketenagakerjaan Wilayah I", "overdue": 1,
         "due_soon": 0},
        {"office": "UPTD-WIL.II", "office_name": "UPTD Pengawasan Ketenagakerjaan Wilayah II", "overdue": 0,
         "due_soon": 1}]
    assert [(r["office"], r["officer"], r["overdue"], r["due_soon"]) for r in seen["by_officer"]] == [
        ("UPTD-WIL.I", "budi", 1, 0), ("UPTD-WIL.II", "wati", 0, 1)]
    assert [(r["kind"], r["overdue"], r["due_soon"]) for r in seen["by_kind"]] == [
        ("nota_1_compliance", 0, 1), ("tipiring_to_court", 1, 0)]
    assert seen["total"] == {"overdue": 1, "due_soon": 1}
    later = figures.radar(rt, kiki, datetime(2026, 5, 13, 3, 0, tzinfo=UTC))["deadlines"]  # Tahap II due in 6 days
    assert [(r["case"], r["kind"], r["urgency"]) for r in later["rows"]] == [
        (cases["D"], "tipiring_to_court", "overdue"), (cases["E"], "nota_1_compliance", "overdue"),
        (cases["C"], "tahap_2", "due_soon")]
    assert [(r["officer"], r["overdue"], r["due_soon"]) for r in later["by_officer"]] == [
        ("budi", 1, 1), ("sari", 0, 1), ("wati", 1, 0)]  # C's team is budi and sari: the deadline counts for each
    first = figures.radar(rt, kiki, datetime(2026, 5, 13, 3, 0, tzinfo=UTC), limit=1)["deadlines"]
    assert [r["case"] for r in first["rows"]] == [cases["D"]] and first["total"] == {"overdue": 2, "due_soon": 1}


def test_every_radar_count_lists_exactly_its_deadlines(history, kiki):
    rt, cases = history
    now = datetime(2026, 5, 13, 3, 0, tzinfo=UTC)
    seen = figures.radar(rt, kiki, now)["deadlines"]
    for keys, counts in [({"office": r["office"]}, r) for r in seen["by_office"]] + [
            ({"officer": r["officer"]}, r) for r in seen["by_officer"]] + [({"kind": r["kind"]}, r)
                                                                          for r in seen["by_kind"]]:
        for urgency in ("overdue", "due_soon"):
            rows = figures.deadline_rows(rt, kiki, now, urgency=urgency, **keys)
            assert len(rows) == counts[urgency] and all(r["urgency"] == urgency for r in rows), (keys, urgency)
    assert [r["case"] for r in figures.deadline_rows(rt, kiki, now, officer="sari")] == [cases["C"]]
    assert figures.deadline_rows(rt, officer(rt, "hesti"), now, kind="tipiring_to_court") == []


def _oracle_unserved(rt) -> list[tuple]:
    """The same question asked plainly of the ORM: outside letters with no proof of service, not failing."""
    with rt.session() as s:
        rows = s.exec(select(Notice, Document).join(Document, Document.id == Notice.document_id)).all()
        return sorted((n.case_id, d.kind, n.audience) for n, d in rows if n.audience != "internal"
                      and n.served_on is None and n.status not in ("bounced", "failed", "retrying", "served"))


def test_letters_not_served_and_notices_failing(history, kiki):
    rt, cases = history
    with rt.session() as s:  # make two letters fail: the radar must move them from unserved to failing
        spdp = s.exec(select(Notice).join(Document, Document.id == Notice.document_id)
                      .where(Document.kind == "spdp", Notice.audience == "prosecutor")).one()
        before = spdp.status
        spdp.status, spdp.attempts, spdp.last_error = NoticeStatus.bounced, 1, "550 mailbox unavailable"
    try:
        seen = figures.radar(rt, kiki, RADAR_NOW)
        assert [(r["case"], r["kind"], r["audience"], r["status"], r["status_label"], r["attempts"], r["error"])
                for r in seen["failing"]["rows"]] == [
            (cases["C"], "spdp", "prosecutor", "bounced", "Ditolak server penerima", 1, "550 mailbox unavailable")]
        assert seen["failing"]["by_office"] == [{"office": "UPTD-WIL.I", "count": 1}]
        unserved = seen["unserved"]
        with rt.session() as s:
            ids = {n: repo.case(s, n).id for n in cases.values()}
        assert sorted((ids[r["case"]], r["kind"], r["audience"]) for r in unserved["rows"]) == _oracle_unserved(rt)
        assert unserved["total"] == len(unserved["rows"]) == sum(o["count"] for o in unserved["by_office"]) > 0
        assert all(r["kind"] != "nota_1" for r in unserved["rows"])  # every Nota was received when issued
        receipt = next(r for r in unserved["rows"] if r["kind"] == "complaint_receipt" and r["case"] == cases["E"])
        assert (receipt["title"], receipt["days_waiting"], receipt["office"]) == (
            "Tanda Terima Pengaduan", 32, "UPTD-WIL.II")
    finally:
        with rt.session() as s:
            s.get(Notice, spdp.id).status = before


def test_a_head_sees_only_their_office_and_other_roles_are_refused(history):
    rt, cases = history
    hesti, hendra, budi, kiki = (officer(rt, u) for u in ("hesti", "hendra", "budi", "kiki"))
    own = figures.funnel(rt, hesti, *MARCH)
    assert [o["code"] for o in own["scope"]["offices"]] == ["UPTD-WIL.II"] and not own["scope"]["all"]
    assert _rungs(own)["inspection"] == (1, None) and _rungs(own)["nota_1"] == (1, 1.0)
    assert [r["case"] for r in figures.radar(rt, hesti, RADAR_NOW)["deadlines"]["rows"]] == [cases["E"]]
    assert [r["officer"] for r in figures.workload(rt, hendra, *MARCH)["inspections"]["rows"]] == ["budi", "sari"]
    assert figures.funnel(rt, hesti, *MARCH, offices=["UPTD-WIL.II"])["rungs"] == own["rungs"]
    with pytest.raises(RoleNotAllowed, match="hesti sees the figures of their own office only"):
        figures.funnel(rt, hesti, *MARCH, offices=["UPTD-WIL.I"])
    with pytest.raises(RoleNotAllowed, match="budi is inspector"):
        figures.radar(rt, budi, RADAR_NOW)
    assert figures.funnel_cases(rt, hendra, "nota_1", *MARCH)[-1]["case"] == cases["A"]
    assert cases["E"] not in {c["case"] for c in figures.funnel_cases(rt, hendra, "nota_1", *MARCH)}
    chosen = figures.durations(rt, kiki, *MARCH, offices=["UPTD-WIL.I"])
    assert _states(chosen)["inspecting"] == (4, 7.0, 23.3, 0)  # 2 4 10 29: (4+10)/2; 10 + 0.7·19
    with pytest.raises(NotFound, match="unknown office UPTD-X"):
        figures.funnel(rt, kiki, *MARCH, offices=["UPTD-X"])
    with pytest.raises(InvalidData, match="ends"):
        figures.funnel(rt, kiki, date(2026, 4, 1), date(2026, 3, 1))
    assert [o["code"] for o in figures.choices(rt, hesti)] == ["UPTD-WIL.II"]
    assert len(figures.choices(rt, kiki)) == 2


def test_percentiles_in_sql_are_the_continuous_definition_on_both_databases(history):
    """The SQL median and p90 against Python's `statistics.quantiles(method="inclusive")` (the definition of
    PostgreSQL's percentile_cont), on groups of odd and even sizes, ties and a single value."""
    import statistics

    from sqlalchemy import Integer, String, literal, union_all

    from wasnaker.services.figures.sql import as_days, percentiles

    groups = {"a": [7], "b": [3, 1], "c": [0, 5, 5, 9, 2, 14, 30], "d": [4, 8, 15, 16, 23, 42, 1, 1, 90, 6]}
    values = union_all(*(select(literal(k, String).label("key"), literal(d, Integer).label("days"))
                         for k, days in groups.items() for d in days)).subquery()
    rt, _ = history
    with rt.session() as s:
        got = {k: (n, as_days(med), as_days(p90)) for k, n, med, p90 in s.execute(percentiles(values, "key"))}
    for key, days in groups.items():
        cuts = statistics.quantiles(days, n=10, method="inclusive") if len(days) > 1 else [days[0]] * 9
        assert got[key] == (len(days), statistics.median(days), round(cuts[8], 2)), key


def test_months_of_a_period_cross_the_year():
    from wasnaker.services.figures.workload import months

    assert months(date(2025, 11, 15), date(2026, 2, 1)) == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
    assert months(date(2026, 3, 1), date(2026, 3, 31)) == [(2026, 3)]


TODAY = date(2026, 4, 30)


def _index(seen: dict) -> dict:
    return {o["code"]: (o["index"], {i["measure"]: (i["count"], i["base"], i["value"], i["score"])
                                     for i in o["indicators"]}) for o in seen["offices"]}


def test_the_performance_index_per_office_from_its_indicators(history, kiki):
    """March, UPTD-WIL.I: budi made 5 inspections (A B C D and B's re-check), sari 4 (A B C and the re-check):
    9 of 2 × 5; Nota I to B and A, only A complied: ½ of a 0.8 target; Nota II to B, complied; complaint to
    inspection C 1, B 3, A 8 days (median 3, under 30); C's SPDP kept (due 12 March, sent the 6th), D's tipiring
    not filed by its due day (16 March); C's investigation reached P-21 in 15 days. Weighted (20 20 10 15 15 10
    10): 18 + 12.5 + 10 + 15 + 7.5 + 10 + 10 = 83. UPTD-WIL.II has data for three indicators only: wati's 1 of 5,
    E's Nota I not complied, E's 18 days: (20·20 + 20·0 + 15·100) / 55."""
    rt, _ = history
    seen = _index(figures.performance(rt, kiki, *MARCH, today=TODAY))
    assert list(seen) == ["UPTD-WIL.I", "UPTD-WIL.II"]  # by index, highest first
    index, one = seen["UPTD-WIL.I"]
    assert index == pytest.approx(83.0)
    assert one == {"inspection_quota": (9, 10, 0.9, pytest.approx(90.0)),
                   "complied_after_nota_1": (1, 2, 0.5, 62.5), "complied_after_nota_2": (1, 1, 1.0, 100.0),
                   "complaint_to_inspection": (3, None, 3.0, 100.0), "office_deadlines_kept": (1, 2, 0.5, 50.0),
                   "investigations_concluded": (1, 1, 1.0, 100.0), "sprindik_to_p21": (1, None, 15.0, 100.0)}
    index, two = seen["UPTD-WIL.II"]
    assert index == pytest.approx(1900 / 55)
    assert two["complied_after_nota_2"] == (0, 0, None, None) and two["sprindik_to_p21"] == (0, 0, None, None)
    assert two["complaint_to_inspection"] == (1, None, 18.0, 100.0)
    before = _index(figures.performance(rt, kiki, *MARCH, today=date(2026, 3, 15)))["UPTD-WIL.I"][1]
    assert before["office_deadlines_kept"] == (1, 1, 1.0, 100.0)  # the tipiring deadline was not yet due


def test_each_indicator_lists_what_it_counts(history, kiki):
    rt, cases = history
    rows = lambda measure: figures.performance_rows(rt, kiki, "UPTD-WIL.I", measure, *MARCH, today=TODAY)  # noqa: E731
    assert [(r["case"], r["to"], r["counted"]) for r in rows("complied_after_nota_1")] == [
        (cases["B"], None, False), (cases["A"], date(2026, 4, 2), True)]
    assert [(r["case"], r["what"], r["from"], r["to"], r["counted"]) for r in rows("office_deadlines_kept")] == [
        (cases["C"], "Pengiriman SPDP", date(2026, 3, 12), date(2026, 3, 6), True),
        (cases["D"], "Pelimpahan tipiring ke pengadilan", date(2026, 3, 16), None, False)]
    assert [(r["officer"], r["total"], r["counted"]) for r in rows("inspection_quota")] == [("budi", 5, True),
                                                                                           ("sari", 4, False)]
    assert [(r["case"], r["days"]) for r in rows("sprindik_to_p21")] == [(cases["C"], 15)]
    assert [(r["case"], r["counted"]) for r in rows("investigations_concluded")] == [(cases["C"], True)]
    assert [r["case"] for r in rows("complaint_to_inspection")] == [cases["A"], cases["B"], cases["C"]]
    with pytest.raises(NotFound, match="not an indicator"):
        figures.performance_rows(rt, kiki, "UPTD-WIL.I", "happiness", *MARCH, today=TODAY)


def test_the_index_in_force_is_the_policy_file(history, kiki, tmp_path):
    """Two indicators, other targets and weights: the same records, another index."""
    from dataclasses import replace

    rt, _ = history
    policy = tmp_path / "indeks.toml"
    policy.write_text('name = "Indeks Uji"\n[[indicators]]\nmeasure = "complied_after_nota_1"\nweight = 3\n'
                      'target = 0.5\n[[indicators]]\nmeasure = "office_deadlines_kept"\nweight = 1\ntarget = 1\n')
    mine = replace(rt, settings=rt.settings.model_copy(update={"index_file": policy}))
    seen = figures.performance(mine, kiki, *MARCH, today=TODAY)
    assert seen["name"] == "Indeks Uji" and [i["measure"] for i in seen["indicators"]] == [
        "complied_after_nota_1", "office_deadlines_kept"]
    assert _index(seen)["UPTD-WIL.I"][0] == pytest.approx((3 * 100 + 1 * 50) / 4)
    with pytest.raises(NotFound):
        figures.performance_rows(mine, kiki, "UPTD-WIL.I", "inspection_quota", *MARCH, today=TODAY)


def test_the_ppns_record(history, kiki):
    """sari, assigned to A, B and C: C's Sprindik (5 March) and its P-21 (20 March), 15 days; D's tipiring, opened
    by sari (not assigned to D: she recorded it) on 13 March; nothing in the other columns."""
    rt, cases = history
    [sari] = figures.ppns_record(rt, kiki, *MARCH)["rows"]
    assert sari == {"office": "UPTD-WIL.I", "officer": "sari", "name": "Sari Wulandari", "investigations": 1,
                    "p21": 1, "tipiring": 1, "sp3": 0, "restorative_justice": 0, "p21_files": 1,
                    "sprindik_to_p21": 15.0}
    assert figures.ppns_cases(rt, kiki, "sari", "p21", *MARCH) == [
        {"case": cases["C"], "company": "PT Sinar Tekstil Nusantara", "on": date(2026, 3, 20)}]
    assert figures.ppns_cases(rt, kiki, "sari", "tipiring", *MARCH) == [
        {"case": cases["D"], "company": "CV Maju Jaya", "on": date(2026, 3, 13)}]
    assert figures.ppns_record(rt, kiki, *APRIL)["rows"][0]["investigations"] == 0
    hesti = officer(rt, "hesti")
    assert figures.ppns_record(rt, hesti, *MARCH)["rows"] == []
    with pytest.raises(NotFound):
        figures.ppns_cases(rt, hesti, "sari", "p21", *MARCH)  # another office's PPNS
    with pytest.raises(NotFound):
        figures.ppns_cases(rt, kiki, "budi", "p21", *MARCH)  # not a PPNS
    with pytest.raises(RoleNotAllowed):
        figures.ppns_record(rt, officer(rt, "budi"), *MARCH)


def test_a_head_gets_the_index_of_their_own_office_only(history):
    rt, _ = history
    hesti = officer(rt, "hesti")
    assert [o["code"] for o in figures.performance(rt, hesti, *MARCH, today=TODAY)["offices"]] == ["UPTD-WIL.II"]
    with pytest.raises(RoleNotAllowed):
        figures.performance_rows(rt, hesti, "UPTD-WIL.I", "inspection_quota", *MARCH, today=TODAY)


def test_every_act_that_moves_a_case_closes_its_stay_and_opens_the_next(history):
    """Time per stage reads models.CaseSpan: the door wrote one row per act that moved a case (A's re-check and
    receipt, C's SPDP kept the state and wrote none), each closed by the next, as the audit trail tells them."""
    rt, cases = history
    spans = stored_spans(rt.engine)
    assert spans == trail_spans(rt.engine) and len(spans) > len(cases)
    assert all(by is not None for _, state, _, _, by in spans if state == "inspecting")  # every inspection ended


def _statements(rt, kiki) -> dict:
    """How many SQL statements each figure takes (after a first call has checked the schema)."""
    calls = {"radar": lambda: figures.radar(rt, kiki, RADAR_NOW),
             "funnel": lambda: figures.funnel(rt, kiki, *MARCH),
             "funnel_cases": lambda: figures.funnel_cases(rt, kiki, "inspection", *MARCH),
             "workload": lambda: figures.workload(rt, kiki, *MARCH),
             "durations": lambda: figures.durations(rt, kiki, *MARCH),
             "duration_cases": lambda: figures.duration_cases(rt, kiki, "inspecting", *MARCH),
             "performance": lambda: figures.performance(rt, kiki, *MARCH, today=TODAY),
             "ppns_record": lambda: figures.ppns_record(rt, kiki, *MARCH),
             "funnel_by_office": lambda: figures.funnel_by_office(rt, kiki, *MARCH)}
    counted = {}
    for name, call in calls.items():
        call()
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
        event.listen(rt.engine, "before_cursor_execute", listener)
        try:
            assert call()
        finally:
            event.remove(rt.engine, "before_cursor_execute", listener)
        counted[name] = len(seen)
    return counted


def test_the_funnel_per_office_and_per_province_adds_up_to_the_funnel(history, kiki):
    """The Rakornas report's tables (wasnaker.application.reports), from one grouped query: every office in scope
    listed (zero included), the offices' counts summing to the province's and to the funnel's, rates alike."""
    rt, _ = history
    seen = figures.funnel_by_office(rt, kiki, *MARCH)
    rows = seen["offices"]
    assert [(r["office"], r["inspection"], r["nota_1"], r["incident_report"], r["p21"], r["tipiring"],
             r["complied_after_nota_1"]) for r in rows] == [("UPTD-WIL.I", 4, 2, 2, 1, 1, 1),
                                                            ("UPTD-WIL.II", 1, 1, 0, 0, 0, 0)]
    [java] = seen["provinces"]
    funnel = figures.funnel(rt, kiki, *MARCH)
    assert java["province"] == "Jawa Barat" and java["offices"] == 2
    assert all(java[k] == sum(r[k] for r in rows) == n for k, (n, _) in _rungs(funnel).items())
    assert (seen["total"]["rungs"], seen["total"]["compliance"]) == (funnel["rungs"], funnel["compliance"])
    head = figures.funnel_by_office(rt, officer(rt, "hesti"), *APRIL)
    assert [r["office"] for r in head["offices"]] == ["UPTD-WIL.II"] and head["provinces"][0]["inspection"] == 0


def test_the_number_of_queries_does_not_grow_with_the_cases(history, kiki):
    """5 cases, then 50: the same statements (runs last in this module: it adds cases)."""
    rt, _ = history
    five = _statements(rt, kiki)
    for day in range(45):  # planned inspections: the cheapest act that opens a case (no letter)
        act(rt.engine, "plan_inspection", "hendra", f"2026-03-{1 + day % 30:02d}", company_nib="9120007654321")
    assert _statements(rt, kiki) == five
    assert max(five.values()) <= 10
    assert figures.funnel(rt, kiki, *MARCH)["rungs"][0]["cases"] == 5
    planned = next(s for s in figures.durations(rt, kiki, *MARCH)["states"] if s["state"] == "planned")
    assert (planned["spans"], planned["open"]) == (1, 45)

