"""Pantauan, continued: workload (inspections per field officer per month against the quota, open cases per
officer) and time per stage (median and 90th percentile days in each state, and the lead times). Same scope,
period and refusals as the radar and the funnel (wasnaker.web.routes.figures)."""

from fastapi import APIRouter, Depends, Query, Request

from wasnaker import charts
from wasnaker.application import figures
from wasnaker.application.accounts import SignedIn
from wasnaker.domain.measures import LEAD_TIMES
from wasnaker.domain.vocabulary import STATE_LABELS, State
from wasnaker.web import auth
from wasnaker.web.routes.figures import NOT_YOURS, Refused, common, period, query, run
from wasnaker.web.templating import page

router = APIRouter(prefix="/pantauan")


def _periodic(request: Request, who: SignedIn, dari, sampai, kantor, compute, template: str, **more):
    """A page over a period: the filter's errors (400, no figure) or `compute(rt, who, start, end, offices)`."""
    start, end, errors = period(request, dari, sampai)
    try:
        shared = common(request, who, kantor)
        seen = None if errors else run(who, compute, auth.runtime(request), who, start, end, offices=kantor or None)
    except Refused:
        return page(request, "forbidden.html", 403, message=NOT_YOURS)
    form = {"dari": dari if errors else start.isoformat(), "sampai": sampai if errors else end.isoformat()}
    return page(request, template, 400 if errors else 200, **shared, seen=seen, errors=errors, form=form,
                filter_query=query(start, end, kantor), query=query, **more)


def _drill(request: Request, who: SignedIn, dari, sampai, kantor, compute, *args):
    """The rows behind one figure over the period, or the response refusing them."""
    start, end, errors = period(request, dari, sampai)
    if errors:
        return page(request, "forbidden.html", 400, message=" ".join(errors.values())), None
    try:
        shared = common(request, who, kantor)
        rows = run(who, compute, auth.runtime(request), who, *args, start, end, offices=kantor or None)
    except Refused:
        return page(request, "forbidden.html", 403, message=NOT_YOURS), None
    return None, {**shared, "rows": rows, "start": start, "end": end, "back": query(start, end, kantor)}


def monthly(seen: dict) -> list[tuple[str, int]]:
    """Inspections (first ones and re-checks) of every officer in scope, per month."""
    return [(m, sum(r["total"] for r in seen["inspections"]["rows"] if r["month"] == m))
            for m in seen["inspections"]["months"]]


@router.get("/beban-kerja")
def workload(request: Request, dari: str | None = None, sampai: str | None = None, kantor: list[str] = Query([]),
             who: SignedIn = Depends(auth.signed_in)):
    def compute(*args, **kw):
        seen = figures.workload(*args, **kw)
        trend = monthly(seen)
        return {**seen, "trend": trend, "chart": charts.columns("pemeriksaan-bulanan", "Pemeriksaan per bulan", trend)}
    return _periodic(request, who, dari, sampai, kantor, compute, "pantauan_beban.html", current="beban")


@router.get("/beban-kerja/pemeriksaan/{officer}")
def inspections_of(request: Request, officer: str, dari: str | None = None, sampai: str | None = None,
                   kantor: list[str] = Query([]), who: SignedIn = Depends(auth.signed_in)):
    refused, found = _drill(request, who, dari, sampai, kantor, figures.inspection_cases, officer)
    return refused or page(request, "pantauan_beban_perkara.html", **found, officer=officer, open_cases=False)


@router.get("/beban-kerja/terbuka/{officer}")
def open_cases_of(request: Request, officer: str, kantor: list[str] = Query([]),
                  who: SignedIn = Depends(auth.signed_in)):
    try:
        shared = common(request, who, kantor)
        rows = run(who, figures.open_cases_of, auth.runtime(request), who, officer, offices=kantor or None)
    except Refused:
        return page(request, "forbidden.html", 403, message=NOT_YOURS)
    return page(request, "pantauan_beban_perkara.html", **shared, rows=rows, officer=officer, open_cases=True,
                back=query(kantor=kantor))


@router.get("/waktu-tahap")
def durations(request: Request, dari: str | None = None, sampai: str | None = None, kantor: list[str] = Query([]),
              who: SignedIn = Depends(auth.signed_in)):
    def compute(*args, **kw):
        seen = figures.durations(*args, **kw)
        ended = [(s["label"], s["median"]) for s in seen["states"] if s["spans"]]
        return {**seen, "chart": charts.bars("median-tahap", "Median hari per status", ended, label_width=260)}
    return _periodic(request, who, dari, sampai, kantor, compute, "pantauan_waktu.html", current="waktu")


@router.get("/waktu-tahap/{key}")
def duration_cases(request: Request, key: str, dari: str | None = None, sampai: str | None = None,
                   kantor: list[str] = Query([]), who: SignedIn = Depends(auth.signed_in)):
    refused, found = _drill(request, who, dari, sampai, kantor, figures.duration_cases, key)
    labels = {**{s.value: STATE_LABELS[s] for s in State}, **{t.key: t.label for t in LEAD_TIMES}}
    return refused or page(request, "pantauan_waktu_perkara.html", **found, label=labels.get(key, key),
                           lead=key in {t.key for t in LEAD_TIMES})
