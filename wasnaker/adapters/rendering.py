"""Jinja2 → WeasyPrint rendering of the documents in `document_templates/`.

One folder per document kind (template.html, metadata.json, example.json). The environment is
sandboxed and autoescaping, the context holds plain values only, and the URL fetcher serves nothing
but files inside the template folder (and the optional asset folder holding the office logo), so a
finding typed by an officer can never make the renderer read a local file or reach a host.
"""

import hashlib
import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from jinja2 import FileSystemLoader, StrictUndefined, UndefinedError, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from wasnaker.domain import formatting, validation

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "document_templates"
LOGO_NAMES = ("logo.svg", "logo.png", "logo.jpg")
_KIND = re.compile(r"^[a-z0-9_]+$")
_LINE_BREAK_IN_WORD = re.compile(r"(?<=\w)([-/])\n\s*")
# style.css hyphenates justified prose with U+2010 (hyphenate-character), so that a word the layout split
# ("Ketenaga‐|kerjaan") can be told from a word that has a hyphen of its own ("Undang-|Undang").
_HYPHENATED = re.compile(r"\u2010\s*\n\s*")

def nomor(number) -> Markup:
    """A letter number in running text: it may break after a slash and nowhere else ("R.560/0003/NP-I/" never
    splits into "R." and "560"), so that a justified line is not stretched around an unbreakable number."""
    segments = re.split(r"(?<=/)", str(number))
    return Markup("").join(Markup('<span class="nowrap">{}</span>').format(s) for s in segments if s)


FILTERS = {
    "nomor": nomor,
    "tanggal": formatting.tanggal,
    "hari_tanggal": formatting.hari_tanggal,
    "hari_dan_tanggal": formatting.hari_dan_tanggal,
    "rupiah": formatting.rupiah,
    "terbilang": formatting.terbilang,
    "rupiah_terbilang": formatting.rupiah_terbilang,
    "jangka_waktu": formatting.jangka_waktu,
    "bulan_romawi": formatting.bulan_romawi,
    "nip": formatting.nip,
}


def _printed(value):
    """Every value a template prints, without bidirectional controls: a U+202E in a finding typed before entry
    refused it cannot reverse the words of a letter."""
    return validation.without_bidi(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class RenderedDocument:
    pdf: bytes
    sha256: str
    template_version: str


def resolve_local(url: str, roots: tuple[Path, ...]) -> Path | None:
    """The file a `file:` URL names inside one of `roots`; None for a `data:` URL.

    Anything else (another scheme, a path outside the roots, a missing file) raises ValueError.
    """
    scheme = url.split(":", 1)[0].lower()
    if scheme == "data":
        return None
    if scheme != "file":
        raise ValueError(f"refused to fetch {url!r}: only files inside the template folder")
    path = Path(url2pathname(urlsplit(url).path)).resolve()
    if not any(path.is_relative_to(root) for root in roots):
        raise ValueError(f"refused to fetch {url!r}: outside the template folder")
    if not path.is_file():
        raise ValueError(f"refused to fetch {url!r}: no such file")
    return path


def _local_fetcher(roots: tuple[Path, ...]):
    """A WeasyPrint URL fetcher confined to `roots` (built lazily: weasyprint is slow to import)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = resolve_local(url, roots)
            if path is None:
                return super().fetch(url, headers)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return LocalOnlyFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


def pdf_text(pdf: bytes) -> str:
    """The text of every page, whitespace collapsed to single spaces, words the layout hyphenated
    re-joined without their hyphen, and words that a line break split after a hyphen or slash
    ("Undang-|Undang", "pekerja/|buruh") re-joined, so that phrases can be looked up with `in`."""
    from io import BytesIO

    from pypdf import PdfReader

    raw = "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages)
    raw = _HYPHENATED.sub("", raw)
    return " ".join(_LINE_BREAK_IN_WORD.sub(r"\1", raw).split())


class PdfRenderer:
    """Renders a document kind with its context to PDF bytes; build once per process."""

    def __init__(self, templates_dir: Path | None = None, asset_dir: Path | None = None):
        self.templates_dir = Path(templates_dir or TEMPLATES_DIR).resolve()
        self.asset_dir = Path(asset_dir).resolve() if asset_dir else None
        self.roots = (self.templates_dir,) + ((self.asset_dir,) if self.asset_dir else ())
        self.env = SandboxedEnvironment(
            loader=FileSystemLoader(self.templates_dir),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=_printed,
        )
        self.env.filters.update(FILTERS)
        self.env.globals["office_logo"] = self._logo_url()
        self._metadata: dict[str, dict[str, Any]] = {}
        self._fetcher = None

    def _logo_url(self) -> str | None:
        logos = [self.asset_dir / name for name in LOGO_NAMES] if self.asset_dir else []
        return next((logo.as_uri() for logo in logos if logo.is_file()), None)

    def metadata(self, kind: str) -> dict[str, Any]:
        """The kind's metadata.json (cached); ValueError for an unknown kind."""
        if kind not in self._metadata:
            path = self.templates_dir / kind / "metadata.json"
            if not _KIND.match(kind) or not path.is_file():
                raise ValueError(f"unknown document kind {kind!r}")
            self._metadata[kind] = json.loads(path.read_text(encoding="utf-8"))
        return self._metadata[kind]

    def render_html(self, kind: str, context: dict[str, Any]) -> str:
        """The filled-in HTML; ValueError when the context lacks data the template needs."""
        missing = [key for key in self.metadata(kind)["required"] if key not in context]
        if missing:
            raise ValueError(f"missing data for {kind}: {', '.join(missing)}")
        try:
            return self.env.get_template(f"{kind}/template.html").render(context)
        except UndefinedError as error:
            raise ValueError(f"missing data for {kind}: {error.message}") from error

    def render(self, kind: str, context: dict[str, Any]) -> RenderedDocument:
        """PDF bytes with their sha256 and the template version they were rendered with."""
        html = self.render_html(kind, context)
        from weasyprint import HTML

        if self._fetcher is None:
            self._fetcher = _local_fetcher(self.roots)
        base_url = self.templates_dir.as_uri() + "/"
        pdf = HTML(string=html, base_url=base_url, url_fetcher=self._fetcher).write_pdf()
        version = str(self.metadata(kind)["version"])
        return RenderedDocument(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), template_version=version)
