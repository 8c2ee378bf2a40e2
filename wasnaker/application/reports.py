"""The Rakornas report (issue #13): a period's figures for the national coordination meeting, as a PDF (charts,
WeasyPrint) or an XLSX (one sheet per table), for the signed-in officer's scope — wasnaker.application.figures
decides it (the coordinator: every office or the ones chosen; the head and the kadis: their own office).

A report is a list of sections. A section is one function from the question (`Ask`: who, period, offices) to
one table of plain values: its columns (key, Indonesian label, kind of value), its rows, an optional total row and
an optional chart. Every figure comes from an application.figures function (SQL aggregates, one grouped query per
table); `Ask.figure` reads each once per report, so two tables of the same figure cost one query. The PDF and the
XLSX are drawn from the same tables (wasnaker.adapters.reports), so they cannot disagree."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from wasnaker import clock
from wasnaker.adapters import reports as render
from wasnaker.application import figures
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.formatting import tanggal_jam
from wasnaker.domain.measures import COMPLIANCE, FUNNEL
from wasnaker.services import repo

TITLE = "Laporan Rakornas Pengawasan Ketenagakerjaan"
FORMATS = {"pdf": "application/pdf",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
TEXT, COUNT, PERCENT, DAYS = "text", "count", "percent", "days"


@dataclass(frozen=True)
class Viewer:
    """Who a report is for, when no web session carries it (the CLI's --by): what the scope rules read."""

    username: str
    role: str
    office_id: int


def viewer(rt, username: str) -> Viewer:
    """The active officer with this username (NotFound otherwise)."""
    with rt.session() as session:
        found = repo.officer(session, username)
        return Viewer(found.username, found.role, found.office_id)


@dataclass
class Ask:
    """The report's question; `figure` reads an application.figures function once per report."""

    rt: object
    who: object
    start: date
    end: date
    offices: tuple[str, ...] | None
    today: date | None = None  # the day the report is made (a deadline not yet due is not missed)
    _seen: dict = field(default_factory=dict)

    def figure(self, function: Callable) -> dict:
        if function not in self._seen:
            self._seen[function] = function(self.rt, self.who, self.start, self.end, self.offices)
        return self._seen[function]


def col(key: str, label: str, kind: str = COUNT) -> dict:
    return {"key": key, "label": label, "kind": kind}


def table(key: str, title: str, columns: list[dict], rows: list[dict], *, note: str = "", total: dict | None = None,
          chart: dict | None = None) -> dict:
    """A section's table. `key` names its XLSX sheet (at most 31 characters); `chart`: {kind: bars | columns,
    title, label: a column key, value: a column key, label_width: room for the bars' labels (optional)}."""
    return {"key": key, "title": title, "columns": columns, "rows": rows, "note": note, "total": total,
            "chart": chart}


def _rate(part: int, base: int) -> float | None:
    return part / base if base else None


def funnel(ask: Ask) -> dict:
    seen = ask.figure(figures.funnel_by_office)["total"]
    rows = [{"label": r["label"], "cases": r["cases"], "base": r["base_label"] or "", "rate": r["rate"]}
            for r in seen["rungs"]]
    return table("Corong", "Corong penegakan hukum", [
        col("label", "Tahap", TEXT), col("cases", "Perkara"), col("base", "Dari tahap", TEXT),
        col("rate", "Konversi", PERCENT)], rows,
        note="Perkara dihitung sekali per tahap, pada tanggal tindakannya; konversi terhadap tahap dasarnya.",
        chart={"kind": "bars", "title": "Perkara per tahap", "label": "label", "value": "cases"})


RUNG_COLUMNS = [col(r.key, r.label) for r in FUNNEL]


def _summed(rows: list[dict], keys, **label) -> dict:
    return {**label, **{k: sum(r[k] for r in rows) for k in keys}}


def provinces(ask: Ask) -> dict:
    rows = ask.figure(figures.funnel_by_office)["provinces"]
    keys = ["offices"] + [r.key for r in FUNNEL]
    return table("Per provinsi", "Tahap penegakan per provinsi",
                 [col("province", "Provinsi", TEXT), col("offices", "Kantor"), *RUNG_COLUMNS], rows,
                 total=_summed(rows, keys, province="Jumlah"))


def offices(ask: Ask) -> dict:
    rows = ask.figure(figures.funnel_by_office)["offices"]
    return table("Per kantor", "Tahap penegakan per kantor",
                 [col("office", "Kode", TEXT), col("name", "Kantor", TEXT), col("province", "Provinsi", TEXT),
                  *RUNG_COLUMNS], rows, total=_summed(rows, [r.key for r in FUNNEL], office="Jumlah", name="",
                                                      province=""),
                 chart={"kind": "bars", "title": "Pemeriksaan per kantor", "label": "office", "value": "inspection",
                        "label_width": 140})


def _complied(row: dict) -> dict:
    out = {}
    for o in COMPLIANCE:
        out |= {o.of: row[o.of], o.key: row[o.key], f"{o.key}_rate": _rate(row[o.key], row[o.of])}
    return out


def compliance(ask: Ask) -> dict:
    rows = ask.figure(figures.funnel_by_office)["offices"]
    columns = [col("office", "Kode", TEXT), col("name", "Kantor", TEXT)]
    for o in COMPLIANCE:
        columns += [col(o.of, _rung_label(o.of)), col(o.key, o.label), col(f"{o.key}_rate", "Tingkat", PERCENT)]
    total = _complied(_summed(rows, [k for o in COMPLIANCE for k in (o.of, o.key)]))
    return table("Kepatuhan", "Kepatuhan setelah Nota Pemeriksaan", columns,
                 [{"office": r["office"], "name": r["name"], **_complied(r)} for r in rows],
                 total={"office": "Jumlah", "name": "", **total},
                 note="Dari perkara yang menerima Nota pada periode ini, yang dipatuhi selama Nota itu berlaku "
                      "(sampai hari laporan dibuat).")


def _rung_label(key: str) -> str:
    return next(r.label for r in FUNNEL if r.key == key)


def durations(ask: Ask) -> dict:
    seen = ask.figure(figures.durations)
    rows = [{"label": s["label"], "spans": s["spans"], "median": s["median"], "p90": s["p90"], "open": s["open"]}
            for s in seen["states"]]
    rows += [{"label": t["label"], "spans": t["spans"], "median": t["median"], "p90": t["p90"], "open": None}
             for t in seen["lead_times"]]
    return table("Waktu per tahap", "Waktu per tahap (hari)", [
        col("label", "Tahap / rentang", TEXT), col("spans", "Selesai"), col("median", "Median (hari)", DAYS),
        col("p90", "Persentil 90 (hari)", DAYS), col("open", "Masih berjalan")], rows,
        note="Lama tinggal di tiap tahap yang berakhir pada periode ini; yang belum berakhir dihitung sebagai masih "
             "berjalan pada akhir periode. Dua baris terakhir: jumlah perkara dan lama dari tindakan awal ke akhir.",
        chart={"kind": "bars", "title": "Median hari per tahap", "label": "label", "value": "median"})


def _office_load(office: dict, months: list[dict], still_open: int) -> dict:
    done, quota = sum(m["total"] for m in months), sum(m["quota"] for m in months)
    return {"office": office["code"], "name": office["name"],
            "officers": len({m["officer"] for m in months}), "inspections": done, "quota": quota,
            "share": _rate(done, quota), "met": sum(m["met"] for m in months), "months": len(months),
            "open_cases": still_open}


def _load_total(rows: list[dict]) -> dict:
    total = _summed(rows, ("officers", "inspections", "quota", "met", "months", "open_cases"), office="Jumlah",
                    name="")
    return {**total, "share": _rate(total["inspections"], total["quota"])}


def workload(ask: Ask) -> dict:
    seen = ask.figure(figures.workload)
    months, still_open = {}, {}
    for m in seen["inspections"]["rows"]:
        months.setdefault(m["office"], []).append(m)
    for c in seen["open_cases"]:
        still_open[c["office"]] = still_open.get(c["office"], 0) + c["open_cases"]
    rows = [_office_load(o, months.get(o["code"], []), still_open.get(o["code"], 0))
            for o in seen["scope"]["offices"]]
    return table("Beban kerja", "Beban kerja per kantor: pemeriksaan terhadap kuota", [
        col("office", "Kode", TEXT), col("name", "Kantor", TEXT), col("officers", "Petugas lapangan"),
        col("inspections", "Pemeriksaan"), col("quota", "Kuota"), col("share", "Capaian", PERCENT),
        col("met", "Petugas-bulan memenuhi kuota"), col("months", "Petugas-bulan"),
        col("open_cases", "Perkara berjalan")], rows, total=_load_total(rows),
        note=f"Kuota {seen['inspections']['quota']} pemeriksaan per petugas per bulan; pemeriksaan dihitung untuk "
             "tiap petugas dalam SPT. Perkara berjalan: per petugas yang ditugaskan, pada hari laporan dibuat.",
        chart={"kind": "bars", "title": "Capaian kuota pemeriksaan (%)", "label": "office", "value": "share",
               "label_width": 140})


def performance(ask: Ask) -> dict:
    seen = figures.performance(ask.rt, ask.who, ask.start, ask.end, ask.today, offices=ask.offices)
    columns = [col("office", "Kode", TEXT), col("name", "Kantor", TEXT)]
    columns += [col(i["measure"], i["label"], PERCENT if i["kind"] == "rate" else DAYS) for i in seen["indicators"]]
    rows = [{"office": o["code"], "name": o["name"], "index": o["index"],
             **{i["measure"]: i["value"] for i in o["indicators"]}} for o in seen["offices"]]
    weights = "; ".join(f"{i['label']} {i['weight']:g} (target {_target(i)})" for i in seen["indicators"])
    return table("Indeks kinerja", seen["name"], [*columns, col("index", "Indeks (0-100)", DAYS)], rows,
                 note="Skor tiap indikator 0-100 terhadap targetnya; indeks: rata-rata berbobot dari indikator yang "
                      f"memiliki data. Bobot: {weights}.",
                 chart={"kind": "bars", "title": "Indeks kinerja per kantor", "label": "office", "value": "index",
                        "label_width": 140})


def _target(indicator: dict) -> str:
    if indicator["kind"] == "rate":
        return f"{indicator['target'] * 100:g}%".replace(".", ",")
    return f"{indicator['target']:g} hari"


def ppns(ask: Ask) -> dict:
    seen = ask.figure(figures.ppns_record)
    columns = [col("name", "PPNS", TEXT), col("office", "Kantor", TEXT),
               *[col(c["key"], c["label"]) for c in seen["columns"]],
               col("sprindik_to_p21", "Sprindik sampai P-21 (median hari)", DAYS)]
    keys = [c["key"] for c in seen["columns"]]
    return table("Rekam jejak PPNS", "Rekam jejak PPNS", columns, seen["rows"],
                 total=_summed(seen["rows"], keys, name="Jumlah", office="", sprindik_to_p21=None) if seen["rows"]
                 else None,
                 note="Perkara dihitung untuk tiap PPNS yang ditugaskan padanya dan untuk PPNS yang mencatat "
                      "tindakannya, pada tanggal tindakan.")


# The report's sections in order: a new one is one function and its place here.
SECTIONS: tuple[Callable[[Ask], dict], ...] = (funnel, provinces, offices, compliance, durations, workload,
                                                 performance, ppns)


def _scope_text(scope: dict) -> str:
    if scope["all"]:
        return f"Semua kantor ({len(scope['offices'])} kantor)"
    return "; ".join(f"{o['name']} ({o['code']}), {o['province']}" for o in scope["offices"])


def rakornas(rt, who, start: date, end: date, offices=None, *, now: datetime) -> dict:
    """The report's tables for this officer's scope and period (both days included), and its heading."""
    ask = Ask(rt, who, start, end, tuple(offices) if offices else None,
              today=clock.local_date(now, rt.settings.timezone))
    tables = [section(ask) for section in SECTIONS]
    scope = ask.figure(figures.funnel_by_office)["scope"]
    return {"title": TITLE, "from": start, "to": end, "scope": scope, "scope_text": _scope_text(scope),
            "generated_at": tanggal_jam(now, rt.settings.timezone), "tables": tables}


def filename(start: date, end: date, fmt: str) -> str:
    return f"laporan-rakornas-{start.isoformat()}-{end.isoformat()}.{fmt}"


def rakornas_file(rt, who, start: date, end: date, offices=None, *, fmt: str, now: datetime) -> bytes:
    """The report as PDF or XLSX bytes."""
    if fmt not in FORMATS:
        raise InvalidData(f"unknown report format {fmt!r}: use {' or '.join(FORMATS)}")
    report = rakornas(rt, who, start, end, offices, now=now)
    return render.pdf(report) if fmt == "pdf" else render.xlsx(report)
