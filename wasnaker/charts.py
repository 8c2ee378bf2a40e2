"""Charts drawn on the server as inline SVG, for the pages and the reports (WeasyPrint draws SVG too): plain
functions from (label, value) rows to markup. No script, no font to fetch, no style attribute (the pages' CSP
allows styles from the app's files only: presentation attributes are not styles), sized by the viewBox so the
browser scales them. A chart is for the eye; every page and report shows the same numbers in a table beside it,
and the SVG carries a <title> and an aria label for screen readers."""

from collections.abc import Callable, Sequence
from html import escape

FONT = 'font-family="system-ui, sans-serif"'
BAR = "#1d70b8"
INK = "#0b0c0c"
MUTED = "#505a5f"
WIDTH = 640


def number(value: float | int | None) -> str:
    """A figure as Indonesian pages write it: a decimal comma, at most one decimal, an empty figure as a dash."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def _frame(ident: str, title: str, height: int, body: str) -> str:
    label = escape(title)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" class="chart" '
            f'aria-labelledby="{escape(ident)}-title" preserveAspectRatio="xMinYMin meet">'
            f'<title id="{escape(ident)}-title">{label}</title>{body}</svg>')


def _scale(values: Sequence[float | None]) -> float:
    return max([v for v in values if v] or [1])


def bars(ident: str, title: str, rows: Sequence[tuple[str, float | None]], *,
         fmt: Callable = number, label_width: int = 220) -> str:
    """A horizontal bar chart, one bar per (label, value) row, longest value the full width."""
    row_h, top = 30, 8
    room = WIDTH - label_width - 70
    top_value = _scale([v for _, v in rows])
    parts = []
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        length = round(room * (value or 0) / top_value, 1)
        parts.append(
            f'<g><text x="{label_width - 8}" y="{y + 19}" text-anchor="end" font-size="13" fill="{INK}" {FONT}>'
            f"{escape(str(label))}</text>"
            f'<rect x="{label_width}" y="{y + 5}" width="{length}" height="20" fill="{BAR}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 19}" font-size="13" fill="{INK}" {FONT}>'
            f"{escape(fmt(value))}</text></g>")
    return _frame(ident, title, top * 2 + row_h * max(len(rows), 1), "".join(parts))


def columns(ident: str, title: str, rows: Sequence[tuple[str, float | None]], *, fmt: Callable = number) -> str:
    """A column chart, one column per (label, value) row in the order given (months, stages), labels below."""
    height, base, top = 260, 200, 20
    slot = (WIDTH - 20) / max(len(rows), 1)
    top_value = _scale([v for _, v in rows])
    parts = [f'<line x1="10" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="{MUTED}" stroke-width="1"/>']
    for i, (label, value) in enumerate(rows):
        x = 10 + i * slot
        tall = round((base - top) * (value or 0) / top_value, 1)
        middle = round(x + slot / 2, 1)
        parts.append(
            f'<g><rect x="{round(x + slot * 0.15, 1)}" y="{base - tall}" width="{round(slot * 0.7, 1)}" '
            f'height="{tall}" fill="{BAR}"/>'
            f'<text x="{middle}" y="{base - tall - 5}" text-anchor="middle" font-size="12" fill="{INK}" {FONT}>'
            f"{escape(fmt(value))}</text>"
            f'<text x="{middle}" y="{base + 16}" text-anchor="middle" font-size="11" fill="{MUTED}" {FONT}>'
            f"{escape(str(label))}</text></g>")
    return _frame(ident, title, height, "".join(parts))
