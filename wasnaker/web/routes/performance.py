"""Pantauan, continued: the performance index per office (its indicators, targets and weights are policy:
wasnaker.domain.performance_index) with the records behind each office's value of each indicator, and the PPNS
record with the cases behind each count. Same scope, period and refusals as the other figure pages
(wasnaker.web.routes.figures). An index file that does not validate is told on the page, with no figure."""

from fastapi import APIRouter, Depends, Query, Request

from wasnaker import charts, clock
from wasnaker.application import figures
from wasnaker.application.accounts import SignedIn
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.measures import TALLIES
from wasnaker.web import auth
from wasnaker.web.routes.workload import _drill, _periodic
from wasnaker.web.templating import page

router = APIRouter(prefix="/pantauan")
BROKEN_INDEX = "Berkas indeks kinerja tidak valid; minta administrator memeriksanya dengan `wasnaker index check`: "


def _today(request: Request):
    return clock.local_date(auth.now(request), auth.runtime(request).settings.timezone)


@router.get("/indeks")
def performance(request: Request, dari: str | None = None, sampai: str | None = None, kantor: list[str] = Query([]),
                who: SignedIn = Depends(auth.signed_in)):
    def compute(rt, who, start, end, offices):
        seen = figures.performance(rt, who, start, end, _today(request), offices=offices)
        scored = [(o["code"], o["index"]) for o in seen["offices"]]
        return {**seen, "chart": charts.bars("indeks-kantor", "Indeks kinerja per kantor (0–100)", scored)}
    try:
        return _periodic(request, who, dari, sampai, kantor, compute, "pantauan_indeks.html", current="indeks")
    except InvalidData as exc:
        return page(request, "forbidden.html", 500, message=BROKEN_INDEX + str(exc))


@router.get("/indeks/{office}/{measure}")
def performance_rows(request: Request, office: str, measure: str, dari: str | None = None,
                     sampai: str | None = None, kantor: list[str] = Query([]),
                     who: SignedIn = Depends(auth.signed_in)):
    """What one office's value of one indicator counts."""
    def compute(rt, who, start, end, offices):
        seen = figures.performance(rt, who, start, end, _today(request), offices=[office])
        rows = figures.performance_rows(rt, who, office, measure, start, end, _today(request))
        [found] = seen["offices"]
        indicator = next(i for i in seen["indicators"] if i["measure"] == measure)
        figure = next(i for i in found["indicators"] if i["measure"] == measure)
        return {"indicator": indicator, "figure": figure, "office": found, "rows": rows}
    refused, found = _drill(request, who, dari, sampai, kantor, compute)
    if refused:
        return refused
    detail = found.pop("rows")
    return page(request, "pantauan_indeks_rincian.html", **found, **detail)


@router.get("/ppns")
def ppns(request: Request, dari: str | None = None, sampai: str | None = None, kantor: list[str] = Query([]),
         who: SignedIn = Depends(auth.signed_in)):
    return _periodic(request, who, dari, sampai, kantor, figures.ppns_record, "pantauan_ppns.html", current="ppns")


@router.get("/ppns/{officer}/{key}")
def ppns_cases(request: Request, officer: str, key: str, dari: str | None = None, sampai: str | None = None,
               kantor: list[str] = Query([]), who: SignedIn = Depends(auth.signed_in)):
    refused, found = _drill(request, who, dari, sampai, kantor, figures.ppns_cases, officer, key)
    return refused or page(request, "pantauan_ppns_perkara.html", **found, officer=officer, label=TALLIES[key].label)
