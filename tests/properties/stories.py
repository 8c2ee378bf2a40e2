"""Stories that reach deep into the lifecycle: two of the demo's (complied after Nota I; restorative justice to
SP3) and others written relative to their first day (prosecution to Tahap II through a P-19; the prosecutor's
silence and Tahap II lapsing; tipiring; Penetapan with a re-determination; Nota I and II to a sanction, or to the
criminal track and a broken restorative agreement; an inspection that proves nothing), replayed from today on
so that random acts can start from deep in the lifecycle. Its officers are this world's (the demo's kadis is
`rahmat`, here `kadis`)."""

from datetime import date, timedelta

from tests.helpers import FINDING, WORKER_FINDING, incident, restorative
from wasnaker.demo.story import CASE_A, CASE_C
from wasnaker.domain.calendar import indonesian_calendar

STORIES = {"A": CASE_A, "C": CASE_C}  # the demo's B turns on Idul Fitri's dates: "prosecution" stands for it
ACTORS = {"rahmat": "kadis"}


def shifted(story: list[tuple], today: date) -> list[tuple]:
    """The story moved by whole weeks (weekdays kept) so that it starts today or later; dates in its data moved
    the same way."""
    first = date.fromisoformat(story[0][2])
    weeks = max(0, -(-(today - first).days // 7))
    shift = timedelta(weeks=weeks)
    return [(trigger, ACTORS.get(actor, actor), date.fromisoformat(on) + shift, _moved(data, shift, first))
            for trigger, actor, on, data in story]


def _moved(value, shift: timedelta, first: date):
    """Dates of the story itself move; dates before it (births, an earlier case's letter, the offence) stay."""
    if isinstance(value, dict):
        return {k: _moved(v, shift, first) for k, v in value.items()}
    if isinstance(value, list):
        return [_moved(v, shift, first) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value >= first.isoformat():
        return (date.fromisoformat(value) + shift).isoformat()
    return value


def _working_day_after(on: date, days: int) -> str:
    calendar = indonesian_calendar(years=range(on.year, on.year + 2))
    return calendar.next_working_day(on + timedelta(days=days)).isoformat()


def _opening(nib: str, finding: dict, ground: str = "obstruction") -> list[tuple]:
    """A planned inspection up to its Laporan Kejadian (a serious ground, straight from the inspection)."""
    return [("plan_inspection", "hendra", 0, {"company_nib": nib}),
            ("assign_inspectors", "hendra", 0, {"inspectors": ["budi", "sari"]}),
            ("sign_spt", "kadis", 0, lambda on: {"period_start": on.isoformat(), "period_end": on.isoformat()}),
            ("record_finding", "budi", 0, finding),
            ("record_inspection", "budi", 0, lambda on: {"inspection_date": on.isoformat()}),
            ("report_incident", "sari", 1, incident(ground, ["UU 3/1951 jo UU 23/1948"]))]


# (trigger, actor, days after the story's first day, data or a function of the act's date)
RELATIVE = {
    "prosecution": [*_opening("9120007654321", FINDING),
                    ("start_investigation", "hendra", 2, {"investigators": ["sari"]}),
                    ("send_spdp", "sari", 3, {}),
                    ("summon", "sari", 4, lambda on: {"status": "tersangka",
                                                      "appointment_date": _working_day_after(on, 3)}),
                    ("record_bap", "sari", 9, {"name": "Andi Wijaya", "status": "tersangka"}),
                    ("record_seizure", "sari", 9, {"items": ["Daftar upah"]}),
                    ("submit_file", "sari", 10, lambda on: {"file_contents": ["BAP"], "received_on": on.isoformat()}),
                    ("receive_p19", "sari", 15, {"p19_number": "B-1/P-19", "instructions": "Lengkapi BAP ahli"}),
                    ("resubmit_file", "sari", 20, lambda on: {"file_contents": ["BAP ahli"],
                                                                    "received_on": on.isoformat()}),
                    ("receive_p21", "sari", 25, {"p21_number": "B-2/P-21"}),
                    ("hand_over", "sari", 30, {"place": "Kejaksaan Negeri", "prosecutor_name": "Agus Salim",
                                               "evidence": ["Daftar upah"], "prosecutor_nip": "198001012005011001"}),
                    ("close_case", "sari", 31, {})],
    "lapse": [*_opening("9120007654321", FINDING),
              ("start_investigation", "hendra", 2, {"investigators": ["sari"]}),
              ("send_spdp", "sari", 3, {}),
              ("submit_file", "sari", 4, lambda on: {"file_contents": ["BAP"], "received_on": on.isoformat()}),
              ("timers", None, 20, None),  # 14 days of the prosecutor's silence: the file is deemed complete
              ("timers", None, 82, None),  # 60 days without Tahap II: the file comes back
              ("issue_new_sprindik", "hendra", 82, {"investigators": ["sari"]}),
              ("send_spdp", "sari", 83, {}),
              ("terminate_investigation", "sari", 84, {"ground": "insufficient_evidence",
                                                       "detail": "Alat bukti tidak cukup untuk dilimpahkan"})],
    "escalation": [*_opening("9120001234567", FINDING)[:5],
                   ("issue_nota_1", "budi", 1, lambda on: {"deadline_days": 1, "received_on": on.isoformat()}),
                   ("sign_spt", "kadis", 20, lambda on: {"period_start": on.isoformat(),
                                                         "period_end": on.isoformat()}),
                   ("record_recheck", "budi", 20, {}),
                   ("issue_nota_2", "budi", 20, lambda on: {"deadline_days": 1, "received_on": on.isoformat()}),
                   ("sign_spt", "kadis", 40, lambda on: {"period_start": on.isoformat(),
                                                         "period_end": on.isoformat()}),
                   ("record_recheck", "budi", 40, {}),
                   ("report_incident", "budi", 40, incident("warnings_ignored", ["UU 13/2003 Pasal 187"])),
                   ("send_sanction_recommendation", "kadis", 41, {"licensing_official": "Kepala DPMPTSP"}),
                   ("start_investigation", "hendra", 42, {"investigators": ["sari"]}),
                   ("start_restorative_justice", "sari", 43, lambda on: restorative(due=(on + timedelta(days=20))
                                                                                   .isoformat())),
                   ("record_rj_breach", "sari", 80, {"reason": "Kesepakatan tidak dipenuhi"})],
    "not_proven": [*_opening("9120007654321", FINDING)[:3],
                   ("record_inspection", "budi", 0, lambda on: {"inspection_date": on.isoformat()}),
                   ("close_not_proven", "budi", 1, {})],
    # complaints that end at intake
    "withdrawn": [("file_complaint", "dewi", 0, {"company_nib": "9120001234567", "complainant_name": "SP Tekstil",
                                                 "summary": "Upah di bawah UMK"}),
                  ("withdraw_complaint", "dewi", 1, {"reason": "Pengadu mencabut pengaduan"})],
    **{name: [("file_complaint", "dewi", 0, {"company_nib": "9120007654321", "complainant_name": "Pekerja",
                                             "summary": "Lembur tidak dibayar"}),
              ("verify_complaint", "dewi", 1, {}), (trigger, "hendra", 2, {"reason": "Hasil verifikasi"})]
       for name, trigger in (("mediation", "refer_to_mediation"), ("jurisdiction", "close_out_of_jurisdiction"),
                             ("unreachable", "close_unreachable"))},
    "tipiring": [*_opening("9120001234567", FINDING),
                 ("open_tipiring", "sari", 2, lambda on: {"bap_date": on.isoformat(), "court": "PN Bandung"}),
                 ("file_tipiring_to_court", "sari", 3, {}),
                 ("record_court_verdict", "sari", 10, {"verdict_number": "1/Pid.C/2026", "verdict": "Denda"})],
    "penetapan": [*_opening("9120005550001", WORKER_FINDING)[:5],
                  ("issue_penetapan", "budi", 1, lambda on: {"received_on": on.isoformat()}),
                  ("request_redetermination", "dewi", 2, {"reason": "Perusahaan keberatan"}),
                  ("record_redetermination", "budi", 3, lambda on: {
                      "finding_no": 1, "received_on": on.isoformat(), "workers": WORKER_FINDING["workers"][:1]}),
                  ("record_payment", "budi", 5, {"amount": 1_250_000})],
    "sanction": [*_opening("9120001234567", FINDING)[:5],
                 ("issue_nota_1", "budi", 1, lambda on: {"deadline_days": 1, "received_on": on.isoformat()}),
                 ("sign_spt", "kadis", 20, lambda on: {"period_start": on.isoformat(), "period_end": on.isoformat()}),
                 ("record_recheck", "budi", 20, {"note": "Belum dipenuhi"}),
                 ("issue_nota_2", "budi", 20, lambda on: {"deadline_days": 1, "received_on": on.isoformat()}),
                 ("sign_spt", "kadis", 40, lambda on: {"period_start": on.isoformat(), "period_end": on.isoformat()}),
                 ("record_recheck", "budi", 40, {"note": "Tetap belum dipenuhi"}),
                 ("recommend_sanction", "kadis", 40, {"licensing_official": "Kepala DPMPTSP"}),
                 ("record_sanction_decision", "kadis", 45, {"decision_number": "1/2026", "sanction": "teguran"})],
}


def relative(story: list[tuple], today: date) -> list[tuple]:
    """A relative story from today: (trigger, actor, act date, data)."""
    return [(trigger, actor, today + timedelta(days=days), data(today + timedelta(days=days)) if callable(data)
             else data) for trigger, actor, days, data in story]


def played(name: str, today: date) -> list[tuple]:
    return shifted(STORIES[name], today) if name in STORIES else relative(RELATIVE[name], today)


NAMES = sorted(STORIES) + sorted(RELATIVE)
LENGTHS = {name: len(STORIES.get(name) or RELATIVE[name]) for name in NAMES}
