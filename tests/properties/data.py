"""Data for every trigger of the lifecycle: valid for the case as it stands (the tests' builders for the structured
parts, Hypothesis for the free fields), and invalid by mutation (a required field missing, a wrong type, a date
outside the calendar or impossible, control and bidi characters, numbers out of range, an unknown field)."""

from datetime import date, timedelta

from hypothesis import strategies as st

from tests.helpers import FINDING, WORKER, WORKER_FINDING, incident, restorative
from tests.properties.world import NIBS
from wasnaker.domain import lifecycle
from wasnaker.domain.payloads import IncidentGround, PersonStatus, PlanReason, ServiceMethod, Sp3Ground
from wasnaker.domain.policy import DEFAULT_RJ_ELIGIBLE_ARTICLES

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàéü"
_WORD = st.text(_LETTERS, min_size=4, max_size=9)


def words(min_chars: int = 3) -> st.SearchStrategy[str]:
    """One line of words at least `min_chars` long (each word 4+ letters, so n words make 5n-1 characters)."""
    return st.lists(_WORD, min_size=max(1, (min_chars + 5) // 5), max_size=6).map(" ".join)


def iso(day: date) -> str:
    return day.isoformat()


def days_from(on: date, days: int) -> str:
    """`on` moved by `days`, as ISO text; `on` itself where that leaves the calendar (an act dated 0001-01-01 or
    9999-12-31 is drawn on purpose, and refused)."""
    try:
        return iso(on + timedelta(days=days))
    except OverflowError:
        return iso(on)


ARTICLES = (*sorted(DEFAULT_RJ_ELIGIBLE_ARTICLES)[:3], "UU 13/2003 Pasal 185 ayat (1)")


@st.composite
def worker_finding(draw):
    workers = [{"name": draw(words(2)), "items": [{"label": draw(words(3)), "period": "Januari 2026",
                                                   "due": due, "paid": draw(st.integers(0, due - 1))}]}
               for due in draw(st.lists(st.integers(1, 10_000_000), min_size=1, max_size=3))]
    return {"norm": draw(words(2)), "article": draw(words(3)), "facts": draw(words(3)), "order": draw(words(3)),
            "workers_affected": len(workers) + draw(st.integers(0, 50)), "workers": workers}


def _finding(ctx):
    return st.one_of(st.just(FINDING), st.just(WORKER_FINDING), worker_finding(), st.fixed_dictionaries(
        {"norm": words(2), "article": words(3), "facts": words(3), "order": words(3),
         "workers_affected": st.integers(0, 500)}))


def _received(ctx):
    """A receipt on the act's date or after it, up to today; or none yet."""
    span = max(0, (ctx.today - ctx.on).days)
    return st.one_of(st.none(), st.integers(0, span).map(lambda d: days_from(ctx.on, d)))


def _spt(ctx):
    return st.tuples(st.integers(0, 5), st.integers(0, 5)).map(lambda t: {
        "period_start": days_from(ctx.on, t[0]), "period_end": days_from(ctx.on, t[0] + t[1])})


def _summons(ctx):
    status = st.sampled_from(list(PersonStatus))
    return st.builds(lambda s, d, expertise: {
        "status": s.value, "appointment_date": days_from(ctx.on, d), "appointment_time": "09.00",
        **({} if s == PersonStatus.tersangka else {"person": WORKER}), **({"expertise": expertise} if s ==
                                                                            PersonStatus.ahli else {})},
        status, st.integers(1, 12), words(3))


def _findings_numbers(ctx):
    return st.lists(st.integers(1, max(1, ctx.findings)), max_size=2, unique=True)


def _reasoned(ctx):
    return st.fixed_dictionaries({"reason": words(3)})


def _note(ctx):
    return st.one_of(st.just({}), st.fixed_dictionaries({"note": words(3)}))


BUILDERS = {
    "file_complaint": lambda ctx: st.fixed_dictionaries(
        {"company_nib": st.sampled_from(NIBS), "complainant_name": words(2), "summary": words(5)},
        optional={"complainant_contact": words(3), "norms": st.lists(words(3), max_size=2),
                  "complainant_consents": st.booleans()}),
    "plan_inspection": lambda ctx: st.fixed_dictionaries(
        {"company_nib": st.sampled_from(NIBS)}, optional={"reason": st.sampled_from([r.value for r in PlanReason])}),
    "assign_inspectors": lambda ctx: st.fixed_dictionaries(
        {"inspectors": st.lists(st.sampled_from(["budi", "sari", "tono"]), min_size=1, max_size=3, unique=True)}),
    "sign_spt": _spt,
    "record_finding": _finding,
    "record_inspection": lambda ctx: st.just({"inspection_date": iso(ctx.on), "place": "Ruang produksi"}),
    "issue_nota_1": lambda ctx: st.fixed_dictionaries({"deadline_days": st.integers(1, 35),
                                                       "received_on": _received(ctx)}),
    "issue_nota_2": lambda ctx: st.fixed_dictionaries({"deadline_days": st.integers(1, 16),
                                                       "received_on": _received(ctx)}),
    "issue_penetapan": lambda ctx: st.fixed_dictionaries({"received_on": _received(ctx)}),
    "record_receipt": lambda ctx: st.fixed_dictionaries(
        {"received_on": st.integers(0, 5).map(lambda d: days_from(ctx.on, -d)),
         "method": st.sampled_from([m.value for m in ServiceMethod])}, optional={"reason": words(3)}),
    "record_recheck": lambda ctx: st.fixed_dictionaries(
        {"complied": _findings_numbers(ctx), "partly": _findings_numbers(ctx)}, optional={"note": words(3)}),
    "record_redetermination": lambda ctx: st.builds(lambda no, f, r: {"finding_no": no, "workers": f["workers"],
                                                                       "received_on": r},
                                                     st.integers(1, max(1, ctx.findings)), worker_finding(),
                                                     _received(ctx)),
    "recommend_sanction": lambda ctx: st.fixed_dictionaries({"licensing_official": words(3)}),
    "send_sanction_recommendation": lambda ctx: st.fixed_dictionaries({"licensing_official": words(3)}),
    "record_sanction_decision": lambda ctx: st.fixed_dictionaries(
        {"decision_number": words(3), "sanction": words(3)}),
    "report_incident": lambda ctx: st.builds(
        lambda g, a: incident(g, [a]), st.sampled_from([g.value for g in IncidentGround]),
        st.sampled_from(ARTICLES)),
    "start_investigation": lambda ctx: st.fixed_dictionaries(
        {"investigators": st.lists(st.sampled_from(["sari", "sari", "budi"]), min_size=1, max_size=2, unique=True)}),
    "summon": _summons,
    "record_bap": lambda ctx: st.fixed_dictionaries({"name": words(2),
                                                     "status": st.sampled_from([p.value for p in PersonStatus])}),
    "record_seizure": lambda ctx: st.fixed_dictionaries({"items": st.lists(words(3), min_size=1, max_size=2)}),
    "submit_file": lambda ctx: st.fixed_dictionaries({"file_contents": st.lists(words(3), min_size=1, max_size=2),
                                                      "received_on": _received(ctx)}),
    "receive_p19": lambda ctx: st.fixed_dictionaries({"p19_number": words(3), "instructions": words(3),
                                                      "received_on": _received(ctx)}),
    "receive_p21": lambda ctx: st.fixed_dictionaries({"p21_number": words(3)}),
    "resubmit_file": lambda ctx: st.fixed_dictionaries({"file_contents": st.lists(words(3), max_size=2),
                                                        "received_on": _received(ctx)}),
    "hand_over": lambda ctx: st.fixed_dictionaries({"place": words(3), "prosecutor_name": words(3),
                                                    "evidence": st.lists(words(3), min_size=1, max_size=2),
                                                    "prosecutor_nip": st.just("198001012005011001")}),
    "terminate_investigation": lambda ctx: st.fixed_dictionaries(
        {"ground": st.sampled_from([g.value for g in Sp3Ground]), "detail": words(10)}),
    "start_restorative_justice": lambda ctx: st.builds(
        lambda amount, due, days: restorative(amount, days_from(ctx.on, due),
                                              **({"fulfilment_days": days} if days else {})),
        st.integers(0, 50_000_000), st.integers(1, 60), st.one_of(st.none(), st.integers(1, 200))),
    "open_tipiring": lambda ctx: st.fixed_dictionaries({"bap_date": st.just(iso(ctx.on)), "court": words(3)}),
    "record_court_verdict": lambda ctx: st.fixed_dictionaries({"verdict_number": words(3), "verdict": words(3)},
                                                              optional={"fine": st.integers(0, 10**9)}),
    "record_payment": lambda ctx: st.fixed_dictionaries({}, optional={"amount": st.integers(0, 10**9),
                                                                      "note": words(3)}),
}
for _trigger in ("withdraw_complaint", "refer_to_mediation", "close_out_of_jurisdiction", "close_unreachable",
                 "request_redetermination", "record_rj_breach"):
    BUILDERS[_trigger] = _reasoned
for _trigger in ("verify_complaint", "close_not_proven", "record_compliance", "file_tipiring_to_court",
                 "record_rj_fulfilment", "notify_sp3", "close_case"):
    BUILDERS[_trigger] = _note
BUILDERS["issue_new_sprindik"] = BUILDERS["start_investigation"]
for _trigger in ("send_spdp", "deem_file_complete", "lapse_tahap_2"):
    BUILDERS[_trigger] = lambda ctx: st.just({})
assert set(BUILDERS) == lifecycle.TRIGGERS, lifecycle.TRIGGERS ^ set(BUILDERS)

# What a hostile or careless front end sends instead of a value.
BAD_DATES = ("0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2026-02-30", "2026-13-01", "kemarin", "")
BAD_TEXT = ("\x1b[2J\x1b]0;pwned\x07", "a\x00b", "PT \u202eAJAYAM", "baris\r\nbaru", "\u2066isolasi\u2069", " ",
            "x" * 5001)
BAD_NUMBERS = (-1, 10**16, 10**15 + 1, 0, 3.5, True)
BAD_ANY = (None, [], {}, "abc", 12345, ["list"], {"nested": "dict"})


def _leaves(value, path=()):
    """Every (path, value) inside the data, the containers too."""
    yield path, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        yield from _leaves(inner, (*path, key))


def _replaced(data, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, new)}
    return [_replaced(v, rest, new) if i == head else v for i, v in enumerate(data)]


def _dropped(data, path):
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict):
        return _replaced(data, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
    return _replaced(data, path[:-1], [v for i, v in enumerate(parent) if i != path[-1]])


def _bad_value(value):
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        return st.sampled_from(BAD_DATES)
    if isinstance(value, str):
        return st.sampled_from(BAD_TEXT).map(lambda bad: value[:3] + bad + value[3:])
    if isinstance(value, bool):
        return st.sampled_from(["mungkin", 2, None])
    if isinstance(value, int):
        return st.sampled_from(BAD_NUMBERS)
    return st.sampled_from(BAD_ANY)


@st.composite
def mutated(draw, data: dict):
    """The data with one thing wrong: a field (nested ones too) dropped, given a bad value or a wrong type, or an
    unknown field added."""
    paths = [(p, v) for p, v in _leaves(data) if p]
    how = draw(st.sampled_from(["drop", "bad", "type", "extra"] if paths else ["extra"]))
    if how == "extra":
        return {**data, draw(st.sampled_from(["deadline", "__class__", "status", "x" * 40])): "1"}
    path, value = draw(st.sampled_from(paths))
    if how == "drop":
        return _dropped(data, path)
    return _replaced(data, path, draw(_bad_value(value) if how == "bad" else st.sampled_from(BAD_ANY)))


def data_for(trigger: str, ctx) -> st.SearchStrategy[dict]:
    """Valid data for the trigger (unknown triggers get none)."""
    builder = BUILDERS.get(trigger)
    return builder(ctx) if builder else st.just({})

