"""Pantauan: the figures heads, the kadis and coordinators watch (issue #13) — the deadline radar and the
enforcement funnel, each count a link to the cases behind it. `wasnaker.application.figures` decides the scope:
a coordinator sees every office or the ones ticked (`kantor`, repeatable); a head or kadis sees their own office,
and asking for another office's figures is the same 404 as any other office's data; other roles get the 403
page. A period is `dari`/`sampai` (YYYY-MM-DD, both included), by default 1 January of this year to today; a
date that cannot be read is told beside its field (400) and no figure is shown."""

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from wasnaker import charts, clock
from wasnaker.application import figures, reports
from wasnaker.application.accounts import SignedIn
from wasnaker.domain.errors import NotFound, RoleNotAllowed
from wasnaker.domain.measures import OUTCOMES, RUNGS
from wasnaker.web import auth
from wasnaker.web.templating import page, templates

router = APIRouter(prefix="/pantauan")
NOT_YOURS = "Halaman pantauan hanya untuk kepala UPTD, kepala dinas, dan koordinator."
URGENCIES = {"overdue": "Terlambat", "due_soon": "Segera jatuh tempo"}
UNREADABLE_DATE = "Tanggal tidak dapat dibaca. Tulis sebagai tahun-bulan-tanggal, misalnya 2026-03-31."


class Refused(Exception):
    """A scope the officer may not see: 404 for a viewer (another office), 403 for any other role."""


def run(who: SignedIn, call, *args, **kw):
    try:
        return call(*args, **kw)
    except RoleNotAllowed:
        if who.role in figures.VIEWERS:
            raise HTTPException(404) from None
        raise Refused() from None
    except NotFound:
        raise HTTPException(404) from None


def _day(text: str | None, default: date) -> tuple[date | None, str | None]:
    if not text:
        return default, None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None, UNREADABLE_DATE
    if not 1900 <= day.year <= 2100:
        return None, "Tahun harus antara 1900 dan 2100."
    return day, None


def period(request: Request, dari: str | None, sampai: str | None) -> tuple[date | None, date | None, dict]:
    """(start, end, errors by field): this year to today unless given."""
    today = clock.local_date(auth.now(request), auth.runtime(request).settings.timezone)
    start, start_error = _day(dari, date(today.year, 1, 1))
    end, end_error = _day(sampai, today)
    errors = {k: v for k, v in (("dari", start_error), ("sampai", end_error)) if v}
    if start and end and end < start:
        errors["sampai"] = "Tanggal akhir tidak boleh sebelum tanggal awal."
    return start, end, errors


def query(start: date | None = None, end: date | None = None, kantor=(), **more) -> str:
    """The query string that keeps a page's filter on its drill-down links."""
    pairs = [("dari", start.isoformat()), ("sampai", end.isoformat())] if start and end else []
    return urlencode(pairs + [("kantor", k) for k in kantor] + [(k, v) for k, v in more.items() if v])


def download(start: date, end: date, kantor) -> dict:
    """What a page's Rakornas report buttons need: the period they print and the filter they carry."""
    return {"from": start, "to": end, "query": query(start, end, kantor)}


def common(request: Request, who: SignedIn, kantor: list[str]) -> dict:
    return {"choices": run(who, figures.choices, auth.runtime(request), who), "chosen": kantor,
            "number": charts.number}


@router.get("")
def radar(request: Request, kantor: list[str] = Query([]), who: SignedIn = Depends(auth.signed_in)):
    rt, now = auth.runtime(request), auth.now(request)
    try:
        shared = common(request, who, kantor)
        seen = run(who, figures.radar, rt, who, now, offices=kantor or None)
    except Refused:
        return page(request, "forbidden.html", 403, message=NOT_YOURS)
    by_office = seen["deadlines"]["by_office"]
    chart = charts.bars("tenggat-kantor", "Tenggat terlambat per kantor",
                        [(o["office"], o["overdue"]) for o in by_office])
    start, end, _ = period(request, None, None)
    return page(request, "pantauan.html", **shared, radar=seen, chart=chart, query=query, urgencies=URGENCIES,
                report=download(start, end, kantor))


@router.get("/tenggat")
def deadlines(request: Request, kantor: list[str] = Query([]), petugas: str | None = None,
              jenis: str | None = None, urgensi: str | None = None, who: SignedIn = Depends(auth.signed_in)):
    """The deadlines behind one radar count: the most urgent `page_rows` (the radar gives the count)."""
    shown = templates.env.globals["page_rows"]
    if urgensi and urgensi not in URGENCIES:
        raise HTTPException(404)
    try:
        shared = common(request, who, kantor)
        rows = run(who, figures.deadline_rows, auth.runtime(request), who, auth.now(request),
                    offices=kantor or None, officer=petugas, kind=jenis, urgency=urgensi, limit=shown + 1)
    except Refused:
        return page(request, "forbidden.html", 403, message=NOT_YOURS)
    return page(request, "pantauan_tenggat.html", **shared, rows=rows[:shown], more=len(rows) > shown,
                officer=petugas, kind=jenis, urgency=URGENCIES.get(urgensi), query=query)


@router.get("/corong")
def funnel(request: Request, dari: str | None = None, sampai: str | None = None, kantor: list[str] = Query([]),
           who: SignedIn = Depends(auth.signed_in)):
    start, end, errors = period(request, dari, sampai)
    try:
        shared = common(request, who, kantor)
        seen = None if errors else run(who, figures.funnel, auth.runtime(request), who, start, end,
                                        offices=kantor or None)
    except Refused:
        return page(request, "forbidden.html", 403, message=NOT_YOURS)
    chart = seen and charts.bars("corong", f"Corong penegakan hukum, {start.isoformat()} s.d. {end.isoformat()}",
                                 [(r["label"], r["cases"]) for r in seen["rungs"]], label_width=270)
    form = {"dari": dari if errors else start.isoformat(), "sampai": sampai if errors else end.isoformat()}
    return page(request, "pantauan_corong.html", 400 if errors else 200, **shared, funnel=seen, chart=chart,
                errors=errors, form=form, filter_query=query(start, end, kantor), query=query,
                report=None if errors else download(start, end, kantor))


@router.get("/corong/{key}")
def funnel_cases(request: Request, key: str, dari: str | None = None, sampai: str | None = None,
                 kantor: list[str] = Query([]), who: SignedIn = Depends(auth.signed_in)):
    """The cases behind one funnel figure."""
    start, end, errors = period(request, dari, sampai)
    if errors:
        return page(request, "forbidden.html", 400, message=" ".join(errors.values()))
    try:
        shared = common(request, who, kantor)
        rows = run(who, figures.funnel_cases, auth.runtime(request), who, key, start, end, offices=kantor or None)
    except Refused:
        return page(request, "forbidden.html", 403, message=NOT_YOURS)
    figure = RUNGS.get(key) or OUTCOMES[key]  # known: funnel_cases refused any other key (404)
    return page(request, "pantauan_corong_perkara.html", **shared, figure=figure, rows=rows, start=start, end=end,
                back=query(start, end, kantor))


@router.get("/laporan-rakornas.{fmt}")
def rakornas_report(request: Request, fmt: str, dari: str | None = None, sampai: str | None = None,
                    kantor: list[str] = Query([]), who: SignedIn = Depends(auth.signed_in)):
    """The Rakornas report of the period and offices (the pages' filter) as a PDF or XLSX download."""
    if fmt not in reports.FORMATS:
        raise HTTPException(404)
    start, end, errors = period(request, dari, sampai)
    if errors:
        return page(request, "forbidden.html", 400, message=" ".join(errors.values()))
    try:
        data = run(who, reports.rakornas_file, auth.runtime(request), who, start, end, kantor or None, fmt=fmt,
                   now=auth.now(request))
    except Refused:
        return page(request, "forbidden.html", 403, message=NOT_YOURS)
    name = reports.filename(start, end, fmt)
    return Response(data, media_type=reports.FORMATS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
