"""The reports' two files, drawn from one list of tables (wasnaker.application.reports): a PDF through the
documents' sandboxed Jinja2 + WeasyPrint renderer (templates in document_templates/reports/, the charts of
wasnaker.charts inline as SVG) and an XLSX through openpyxl, one sheet per table, numbers kept as numbers.

A table is {key, title, note, columns: [{key, label, kind}], rows, total, chart}; a column's kind is text, count,
percent (a fraction: 0.25 prints as 25 %) or days (a float)."""

from functools import cache
from io import BytesIO

from markupsafe import Markup

from wasnaker import charts
from wasnaker.adapters.rendering import TEMPLATES_DIR, PdfRenderer
from wasnaker.domain.formatting import tanggal

REPORTS_DIR = TEMPLATES_DIR / "reports"
EMPTY = "—"
XLSX_FORMATS = {"count": "#,##0", "percent": "0.0%", "days": "0.0"}


def cell(value, kind: str) -> str:
    """A figure as the PDF prints it: thousands with dots, a decimal comma, a rate as a percentage."""
    if value is None or value == "":
        return EMPTY if kind != "text" else ""
    if kind == "percent":
        return f"{charts.number(value * 100)}%"
    if kind in ("count", "days"):
        return charts.number(value)
    return str(value)


def _percent(value) -> str:
    return f"{charts.number(value)}%"


def chart(table: dict) -> Markup:
    """The table's chart as inline SVG (an empty string when it has none)."""
    spec = table.get("chart")
    if not spec:
        return Markup("")
    kind = next(c["kind"] for c in table["columns"] if c["key"] == spec["value"])
    scale, fmt = (100, _percent) if kind == "percent" else (1, charts.number)
    rows = [(r[spec["label"]], None if r[spec["value"]] is None else r[spec["value"]] * scale) for r in table["rows"]]
    draw = charts.columns if spec["kind"] == "columns" else charts.bars
    extra = {} if spec["kind"] == "columns" else {"label_width": spec.get("label_width", 300)}
    return Markup(draw(f"grafik-{table['key']}", spec["title"], rows, fmt=fmt, **extra))


@cache
def _renderer() -> PdfRenderer:
    """One per process (the environment and WeasyPrint's fetcher are built once)."""
    renderer = PdfRenderer(REPORTS_DIR)
    renderer.env.filters["cell"] = cell
    renderer.env.globals["chart"] = chart
    return renderer


def _context(report: dict) -> dict:
    return {**report, "from": report["from"].isoformat(), "to": report["to"].isoformat()}


def pdf(report: dict, kind: str = "rakornas") -> bytes:
    """The report as a PDF (A4 landscape, page numbers)."""
    return _renderer().render(kind, _context(report)).pdf


def _sheet(book, table: dict) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(title=table["key"][:31])
    columns = table["columns"]
    sheet.append([c["label"] for c in columns])
    rows = table["rows"] + ([table["total"]] if table.get("total") else [])
    for row in rows:
        sheet.append([row.get(c["key"]) for c in columns])
    for i, c in enumerate(columns, start=1):
        for (value,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i, values_only=False):
            value.number_format = XLSX_FORMATS.get(c["kind"], "General")
    bold = Font(bold=True)
    for header in sheet[1]:
        header.font = bold
    if table.get("total"):
        for total in sheet[sheet.max_row]:
            total.font = bold
    sheet.freeze_panes = "A2"
    _widths(sheet, columns, rows)


def _widths(sheet, columns: list[dict], rows: list[dict]) -> None:
    from openpyxl.utils import get_column_letter

    for i, c in enumerate(columns, start=1):
        longest = max([len(c["label"])] + [len(cell(r.get(c["key"]), c["kind"])) for r in rows])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 8), 60)


def _cover(book, report: dict) -> None:
    sheet = book.active
    sheet.title = "Keterangan"
    period = f"{tanggal(report['from'])} s.d. {tanggal(report['to'])}"
    for label, value in (("Laporan", report["title"]), ("Periode", period), ("Cakupan", report["scope_text"]),
                         ("Dibuat", report["generated_at"])):
        sheet.append([label, value])
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 12, 80


def xlsx(report: dict) -> bytes:
    """The report as a workbook: a first sheet naming the report, its period and scope, then one sheet per table
    (header row frozen, numbers as numbers, rates in percent format, a bold total row where the table has one)."""
    from openpyxl import Workbook

    book = Workbook()
    _cover(book, report)
    for table in report["tables"]:
        _sheet(book, table)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
