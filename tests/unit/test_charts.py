"""The server-drawn SVG charts: labels escaped, a title for screen readers, no script, bars in proportion."""

import re
import xml.etree.ElementTree as ET

from wasnaker import charts

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_scales_its_bars_to_the_largest_value_and_escapes_labels():
    markup = charts.bars("corong", "Corong <penegakan>", [("Pemeriksaan & uji", 5), ("Nota I", 3), ("SP3", 0)])
    root = ET.fromstring(markup)  # well-formed XML: every label escaped
    assert root.find(f"{SVG}title").text == "Corong <penegakan>"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "corong-title"
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] > 0 and widths[1] == round(widths[0] * 3 / 5, 1) and widths[2] == 0
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Pemeriksaan & uji", "5", "Nota I", "3", "SP3", "0"]
    assert "<script" not in markup and "style=" not in markup and not re.search(r"https?://(?!www\.w3\.org)", markup)


def test_a_column_chart_keeps_the_order_given_and_shows_empty_figures_as_a_dash():
    root = ET.fromstring(charts.columns("tahap", "Median hari", [("Jan", 2.5), ("Feb", None), ("Mar", 10)]))
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights == [45.0, 0, 180.0]
    assert [t.text for t in root.iter(f"{SVG}text")] == ["2,5", "Jan", "—", "Feb", "10", "Mar"]


def test_numbers_read_the_indonesian_way():
    assert [charts.number(v) for v in (1234, 2.0, 26.6, None)] == ["1.234", "2", "26,6", "—"]
