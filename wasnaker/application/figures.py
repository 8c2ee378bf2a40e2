"""What coordinators, heads and the kadis watch (issue #13): the deadline radar, the enforcement funnel, workload
and time per stage, each with the cases behind every figure. The signed-in officer decides the scope: the
coordinator sees every office or the ones chosen; the head and the kadis only their own office (asking for
another is refused); other roles are refused. Plain dicts with Indonesian labels, for pages, charts and reports.

Dates: `start` and `end` are both included; an event counts in the period its on_date falls in
(wasnaker.domain.measures)."""

from datetime import date, datetime

from wasnaker.domain import performance_index
from wasnaker.domain.errors import InvalidData, NotFound, RoleNotAllowed
from wasnaker.domain.measures import COMPLIANCE, FUNNEL
from wasnaker.domain.performance_index import MEASURE
from wasnaker.domain.vocabulary import Role
from wasnaker.services.figures import durations as durations_
from wasnaker.services.figures import funnel as funnel_
from wasnaker.services.figures import performance as performance_
from wasnaker.services.figures import ppns as ppns_
from wasnaker.services.figures import radar as radar_
from wasnaker.services.figures import scope as scope_
from wasnaker.services.figures import workload as workload_

VIEWERS = (Role.head, Role.kadis, Role.coordinator)


def _office_ids(session, who, offices) -> tuple[int, ...] | None:
    """The offices this officer's figures cover (None: every office)."""
    if who.role not in VIEWERS:
        raise RoleNotAllowed(f"the figures are for the head, the kadis and the coordinator; {who.username} is "
                             f"{who.role}")
    if who.role == Role.coordinator:
        return scope_.office_ids(session, offices) if offices else None
    if offices and scope_.office_ids(session, offices) != (who.office_id,):
        raise RoleNotAllowed(f"{who.username} sees the figures of their own office only")
    return (who.office_id,)


def _scope(session, ids) -> dict:
    chosen = scope_.offices(session, ids)
    return {"all": ids is None, "offices": chosen}


def _period(start: date, end: date) -> None:
    if end < start:
        raise InvalidData(f"the period ends ({end}) before it starts ({start})")


def choices(rt, who) -> list[dict]:
    """The offices this officer may choose from (code, name, province)."""
    with rt.session() as session:
        return scope_.offices(session, _office_ids(session, who, None))


RADAR_ROWS = 200  # the most urgent deadlines a radar page lists; its counts cover all of them


def radar(rt, who, now: datetime, offices=None, limit: int | None = RADAR_ROWS) -> dict:
    """Overdue and soon-due deadlines (the `limit` most urgent rows, counts by office, officer and kind of all),
    letters not yet served, notices bounced or failing."""
    with rt.session() as session:
        ids = _office_ids(session, who, offices)
        return {"scope": _scope(session, ids),
                "deadlines": radar_.deadlines(session, now, rt.policy, offices=ids,
                                              soon_days=rt.policy.radar_due_soon_days, pick=radar_.Pick(limit=limit)),
                "unserved": radar_.unserved(session, now, offices=ids),
                "failing": radar_.failing(session, now, offices=ids)}


def deadline_rows(rt, who, now: datetime, offices=None, *, office: str | None = None, officer: str | None = None,
                  kind: str | None = None, urgency: str | None = None, limit: int | None = None) -> list[dict]:
    """The deadlines behind one radar count: those of one office, officer, kind and/or urgency, most urgent first."""
    pick = radar_.Pick(office=office, officer=officer, kind=kind, urgency=urgency, limit=limit)
    with rt.session() as session:
        return radar_.deadline_rows(session, now, rt.policy, offices=_office_ids(session, who, offices),
                                    soon_days=rt.policy.radar_due_soon_days, pick=pick)


def funnel(rt, who, start: date, end: date, offices=None) -> dict:
    """The enforcement funnel of the period: rungs with conversion rates, compliance after Nota I and II."""
    _period(start, end)
    with rt.session() as session:
        ids = _office_ids(session, who, offices)
        return {"scope": _scope(session, ids), **funnel_.enforcement(session, start, end, offices=ids)}


def funnel_cases(rt, who, key: str, start: date, end: date, offices=None) -> list[dict]:
    """The cases behind one funnel figure (a rung's or a compliance outcome's key)."""
    _period(start, end)
    with rt.session() as session:
        return funnel_.cases(session, key, start, end, offices=_office_ids(session, who, offices))


KEYS = tuple(r.key for r in FUNNEL) + tuple(o.key for o in COMPLIANCE)


def _summed(rows: list[dict]) -> dict[str, int]:
    return {k: sum(r[k] for r in rows) for k in KEYS}


def _provinces(rows: list[dict]) -> list[dict]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["province"], []).append(row)
    return [{"province": p, "offices": len(them), **_summed(them)} for p, them in sorted(grouped.items())]


def funnel_by_office(rt, who, start: date, end: date, offices=None) -> dict:
    """The funnel's counts (each rung and compliance outcome, by key) per office and per province — a row for every
    office and province in scope, zero included — and the funnel of them all with its rates, from one grouped
    query (a case is in one office: the offices' counts add up to the rest)."""
    _period(start, end)
    with rt.session() as session:
        ids = _office_ids(session, who, offices)
        scope = _scope(session, ids)
        counts = funnel_.by_office(session, start, end, offices=ids)
    rows = [{"office": o["code"], "name": o["name"], "province": o["province"],
             **{k: counts.get(o["code"], {}).get(k, 0) for k in KEYS}} for o in scope["offices"]]
    return {"scope": scope, "from": start, "to": end, "offices": rows, "provinces": _provinces(rows),
            "total": funnel_.with_rates(_summed(rows))}


def workload(rt, who, start: date, end: date, offices=None) -> dict:
    """Inspections per inspector per month against the quota (policy), and open cases per officer."""
    _period(start, end)
    with rt.session() as session:
        ids = _office_ids(session, who, offices)
        quota = rt.policy.inspection_quota_per_month
        return {"scope": _scope(session, ids),
                "inspections": workload_.inspections(session, start, end, quota, offices=ids),
                "open_cases": workload_.open_cases(session, offices=ids)}


def inspection_cases(rt, who, officer: str, start: date, end: date, offices=None) -> list[dict]:
    """The inspections behind one officer's monthly figures."""
    _period(start, end)
    with rt.session() as session:
        return workload_.inspection_cases(session, officer, start, end, offices=_office_ids(session, who, offices))


def open_cases_of(rt, who, officer: str, offices=None) -> list[dict]:
    """The open cases behind one officer's count."""
    with rt.session() as session:
        return workload_.open_cases_of(session, officer, offices=_office_ids(session, who, offices))


def durations(rt, who, start: date, end: date, offices=None) -> dict:
    """Median and 90th percentile days per state, complaint to first inspection, Sprindik to P-21."""
    _period(start, end)
    with rt.session() as session:
        ids = _office_ids(session, who, offices)
        return {"scope": _scope(session, ids), **durations_.stages(session, start, end, offices=ids)}


def duration_cases(rt, who, key: str, start: date, end: date, offices=None) -> list[dict]:
    """The spans behind one duration figure (a state's code or a lead time's key), longest first."""
    _period(start, end)
    with rt.session() as session:
        return durations_.cases(session, key, start, end, offices=_office_ids(session, who, offices))


def _indicator(indicator, figure: dict | None) -> dict:
    figure = figure or {"value": None, "count": 0, "base": 0}
    return {**figure, "measure": indicator.measure, "score": indicator.score(figure["value"])}


def performance(rt, who, start: date, end: date, today: date, offices=None) -> dict:
    """The performance index per office (policy: rt.index): each indicator's value, what it counts, its score, and
    the office's index; offices ordered by index, those without any data last."""
    _period(start, end)
    definition = rt.index
    with rt.session() as session:
        ids = _office_ids(session, who, offices)
        found = performance_.values(session, start, end, today, rt.policy.inspection_quota_per_month, offices=ids)
        chosen = scope_.offices(session, ids)
    rows = []
    for office in chosen:
        figures = found.get(office["id"], {})
        indicators = [_indicator(i, figures.get(i.measure)) for i in definition.indicators]
        rows.append({**office, "indicators": indicators,
                     "index": definition.index({i["measure"]: i["value"] for i in indicators})})
    rows.sort(key=lambda r: (r["index"] is None, -(r["index"] or 0), r["code"]))
    return {"scope": {"all": ids is None, "offices": chosen}, "from": start, "to": end, "name": definition.name,
            "indicators": [{"measure": i.measure, "label": i.title, "weight": i.weight, "target": i.target,
                            "kind": MEASURE[i.measure].kind, "explains": MEASURE[i.measure].explains}
                           for i in definition.indicators], "offices": rows}


def performance_rows(rt, who, office: str, measure: str, start: date, end: date, today: date) -> list[dict]:
    """What one office's value of one indicator counts (its drill-down)."""
    _period(start, end)
    if measure not in {i.measure for i in rt.index.indicators}:
        raise NotFound(f"{measure!r} is not an indicator of the index in force")
    with rt.session() as session:
        (office_id,) = _office_ids(session, who, [office])
        return performance_.rows(session, measure, office_id, start, end, today,
                                 rt.policy.inspection_quota_per_month)


def ppns_record(rt, who, start: date, end: date, offices=None) -> dict:
    """Per PPNS: investigations opened, P-21, tipiring decided, SP3, RJ fulfilled, median days Sprindik to P-21."""
    _period(start, end)
    with rt.session() as session:
        ids = _office_ids(session, who, offices)
        return {"scope": _scope(session, ids), **ppns_.record(session, start, end, offices=ids)}


def ppns_cases(rt, who, officer: str, key: str, start: date, end: date, offices=None) -> list[dict]:
    """The cases behind one PPNS's count in one column of the record."""
    _period(start, end)
    with rt.session() as session:
        return ppns_.cases(session, officer, key, start, end, offices=_office_ids(session, who, offices))


def index_template() -> str:
    """The default performance index as the TOML file the ministry or an office edits."""
    return performance_index.template()


def check_index(text: str, source: str) -> dict:
    """An index file's content validated (InvalidData naming what is wrong): its name and indicators."""
    definition = performance_index.parse_index(text, source)
    return {"name": definition.name, "indicators": [{"measure": i.measure, "label": i.title, "weight": i.weight,
                                                     "target": i.target} for i in definition.indicators]}
