"""The layout of official letters, read back from the PDFs the way a registry clerk looks at them.

- the letterhead draws the double rule (thick over thin) and keeps its text centred with or without a logo;
- a signature block is never alone at the top of a page: the page holding the last signatory's name also
  holds the last words before the block (the element of class `closing`);
- the tanda terima follows a cut line, whole, on the signatures' page when it fits;
- a long officer name takes at most two lines in the SPT's table of officers.

Each example is rendered once for the module; a few variants are rendered on purpose.
"""

import copy
import json
from functools import cache
from html.parser import HTMLParser
from io import BytesIO

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream

from wasnaker.adapters.rendering import TEMPLATES_DIR, PdfRenderer, pdf_text

KINDS = sorted(p.parent.name for p in TEMPLATES_DIR.glob("*/template.html"))
SIGNED = [k for k in KINDS if "m.signatures(" in (TEMPLATES_DIR / k / "template.html").read_text(encoding="utf-8")]
SERVED = [k for k in KINDS if json.loads((TEMPLATES_DIR / k / "metadata.json").read_text())["served_by_hand"]]
LONG_NAME = "Dr. Budi Santoso Wicaksono, S.H., M.H."
A4_HEIGHT, TEXT_WIDTH = 841.89, (21 - 2.5 - 2) / 2.54 * 72  # points
CUT, RECEIPT = "gunting di sini", "TANDA TERIMA"


@cache
def example(kind: str) -> dict:
    return json.loads((TEMPLATES_DIR / kind / "example.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def renderer():
    return PdfRenderer()


@pytest.fixture(scope="module")
def pdf(renderer):
    return cache(lambda kind: renderer.render(kind, example(kind)).pdf)


@pytest.fixture(scope="module")
def pages(pdf):
    return cache(lambda kind: page_texts(pdf(kind)))


def page_texts(document: bytes) -> list[str]:
    """The text of each page, normalised like `pdf_text` (hyphenated words re-joined)."""
    out = []
    for page in PdfReader(BytesIO(document)).pages:
        writer = PdfWriter()
        writer.add_page(page)
        buffer = BytesIO()
        writer.write(buffer)
        out.append(pdf_text(buffer.getvalue()))
    return out


def page_of(texts: list[str], needle: str, start: int = 0) -> int:
    found = [i for i in range(start, len(texts)) if needle in texts[i]]
    assert found, f"{needle!r} is not printed (from page {start + 1})"
    return found[0]


class _Closings(HTMLParser):
    """The text of every element of class `closing`: what a template prints just before a signature block."""

    VOID = {"br", "img", "col", "wbr", "hr", "input", "meta", "link"}

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in self.VOID
        elif "closing" in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        self.depth -= bool(self.depth)

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


def closings(html: str) -> list[str]:
    parser = _Closings()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.found]


def assert_signatures_keep_their_closing(html: str, texts: list[str], name: str):
    blocks = closings(html)
    assert blocks and len(blocks) == html.count('<div class="signatures">'), "every signature block needs a closing"
    start = 0
    for closing in blocks:
        tail = " ".join(closing.split()[-4:])
        start = page_of(texts, tail, start)
        text = texts[start]
        assert text.find(name, text.index(tail)) > 0, (
            f"the signatures are not on page {start + 1} with the words before them ({tail!r})")


# --- signatures stay with the text before them ---

@pytest.mark.parametrize("kind", SIGNED)
def test_signatures_share_their_page_with_the_words_before_them(kind, renderer, pages):
    ctx = example(kind)
    assert_signatures_keep_their_closing(renderer.render_html(kind, ctx), pages(kind), ctx["signatories"][-1]["name"])


@pytest.mark.parametrize("kind", ["spdp", "spt"])
def test_signatures_keep_their_closing_wherever_the_page_breaks(kind, renderer):
    """Lengthen the letter a line or two at a time, so that the page break falls before, inside and after the
    signature block in turn (a letter closing with a paragraph, a decree closing with a dictum)."""
    base = example(kind)
    signed_on = set()
    for extra in range(0, 21, 5):
        ctx = copy.deepcopy(base)
        ctx["legal_bases"] = base["legal_bases"][:1] + [f"Peraturan Daerah Provinsi Jawa Barat Nomor {i} Tahun 2020"
                                                         for i in range(1, extra + 1)]
        texts = page_texts(renderer.render(kind, ctx).pdf)
        name = ctx["signatories"][-1]["name"]
        assert_signatures_keep_their_closing(renderer.render_html(kind, ctx), texts, name)
        signed_on.add(page_of(texts, name))
    assert len(signed_on) > 1, "the variants must move the signature block over a page break"


# --- tanda terima ---

@pytest.mark.parametrize("kind", SERVED)
def test_receipt_is_whole_after_a_cut_line_next_to_the_signatures(kind, pages):
    texts = pages(kind)
    at = page_of(texts, RECEIPT)
    text = texts[at]
    order = [CUT, RECEIPT, "Pada hari ini", "telah diterima 1 (satu) lembar", "oleh yang bersangkutan",
             "Yang Menerima,", "Yang Menyerahkan,"]
    positions = [text.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), f"receipt split or out of order: {positions}"
    signed = max(i for i, t in enumerate(texts) if example(kind)["signatories"][-1]["name"] in t and i <= at)
    assert at - signed <= 1


def test_nota_1_example_prints_its_receipt_with_the_signatures_when_it_fits(pages):
    texts = pages("nota_1")
    name = example("nota_1")["signatories"][-1]["name"]
    signed, receipt = page_of(texts, name), page_of(texts, RECEIPT)
    if signed == len(texts) - 1 or len(texts) == 1:  # the letter ends on a page with room left
        assert receipt == signed
    assert CUT in texts[receipt] and receipt in (signed, signed + 1)


def test_receipt_shares_the_last_page_of_a_letter_that_leaves_room(renderer):
    """No forced page break: a one-finding Nota Pemeriksaan ends high on its second page, and its tanda terima
    follows the signatures there."""
    ctx = copy.deepcopy(example("nota_1"))
    ctx["findings"] = ctx["findings"][:1]
    texts = page_texts(renderer.render("nota_1", ctx).pdf)
    last = texts[-1]
    assert len(texts) == 2 and RECEIPT not in texts[0]
    assert last.index(ctx["signatories"][-1]["name"]) < last.index(CUT) < last.index(RECEIPT)


# --- letterhead ---

def _concat(m, n):
    """The matrix that applies m, then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m, x, y):
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


def drawing(document: bytes):
    """Clip rectangles (x0, y0, x1, y1 in points, y upwards) and images (x, y, width, height) on page 1.
    WeasyPrint clips a border side to its band before filling it."""
    reader = PdfReader(BytesIO(document))
    ctm, stack, path, clips, images = (1, 0, 0, 1, 0, 0), [], [], [], []
    for operands, op in ContentStream(reader.pages[0].get_contents(), reader).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _concat(tuple(float(v) for v in operands), ctm)
        elif op in (b"m", b"l"):
            path.append(_apply(ctm, float(operands[0]), float(operands[1])))
        elif op in (b"W", b"W*") and len(path) == 4:
            xs, ys = [p[0] for p in path], [p[1] for p in path]
            clips.append((min(xs), min(ys), max(xs), max(ys)))
        elif op == b"Do":
            images.append((ctm[4], ctm[5], ctm[0], abs(ctm[3])))
        if op in (b"n", b"f", b"f*", b"S", b"B", b"re"):
            path = []
    return clips, images


@pytest.mark.parametrize("kind", KINDS)
def test_letterhead_draws_the_double_rule(kind, pdf):
    bands = [(x0, y0, x1, y1) for x0, y0, x1, y1 in drawing(pdf(kind))[0]
             if x1 - x0 > 0.95 * TEXT_WIDTH and y1 - y0 < 5 and y0 > A4_HEIGHT * 0.7]
    thick = [b for b in bands if 2.5 <= b[3] - b[1] <= 3.5]
    thin = [b for b in bands if 0.6 <= b[3] - b[1] <= 1.3]
    assert thick and thin, f"no 3pt + 1pt rules under the letterhead: {bands}"
    gap = thick[0][1] - thin[0][3]
    assert 0.5 <= gap <= 4, f"the thin rule must lie just under the thick one (gap {gap:.2f}pt)"


def _kop_line_x(document: bytes) -> float:
    xs = []

    def visit(text, cm, tm, font, size):
        if text.startswith("DINAS TENAGA KERJA"):
            xs.append(_apply(_concat(tm, cm), 0, 0)[0])

    PdfReader(BytesIO(document)).pages[0].extract_text(visitor_text=visit)
    assert xs
    return xs[0]


def test_letterhead_logo_sits_in_its_slot_and_the_text_stays_centred(tmp_path, pdf):
    from PIL import Image

    Image.new("RGB", (40, 40), "navy").save(tmp_path / "logo.png")
    with_logo = PdfRenderer(asset_dir=tmp_path).render("spt", example("spt")).pdf
    images = drawing(with_logo)[1]
    left_margin = 2.5 / 2.54 * 72
    assert any(abs(x - left_margin) < 2 and 40 < w < 60 and y > A4_HEIGHT * 0.75 for x, y, w, _ in images), images
    assert abs(_kop_line_x(with_logo) - _kop_line_x(pdf("spt"))) < 0.5


# --- officers table ---

def test_long_officer_name_takes_at_most_two_lines_in_the_spt(renderer):
    ctx = copy.deepcopy(example("spt"))
    ctx["assignment"]["inspectors"][0]["name"] = LONG_NAME
    text = PdfReader(BytesIO(renderer.render("spt", ctx).pdf)).pages[0].extract_text()
    words = [w for w in LONG_NAME.split() if w != "Dr."]
    lines = [line for line in text.splitlines() if any(w.rstrip(",") in line for w in words)]
    assert "".join(lines).count("Wicaksono") == 1
    assert len(lines) <= 2, f"the name wraps over {len(lines)} lines: {lines}"
