"""How a reader checks a rendered letter: the parts its kind must contain (metadata.json "parts") and the
defects no letter may carry (an empty field, dangling punctuation, a raw code or English word, a duplicated
phrase, officer input pasted as a clause).

A part is a name and a list of expectations, each a literal or a template over the context:
`"{doc.number}"`, `"{incident.date|hari_tanggal}"`, `"{witnesses.*.name}"` (every element).
A part may be conditional: `{"when": "complainant", "text": [...]}` applies when that path is truthy.
"""

import re

from wasnaker.domain import formatting

FILTERS = {"tanggal": formatting.tanggal, "hari_tanggal": formatting.hari_tanggal,
           "hari_dan_tanggal": formatting.hari_dan_tanggal, "rupiah": formatting.rupiah,
           "terbilang": formatting.terbilang, "nip": formatting.nip, "upper": str.upper,
           "rupiah_terbilang": formatting.rupiah_terbilang}
_FIELD = re.compile(r"\{([^{}|]+)(?:\|(\w+))?\}")


def resolve(ctx, path: str) -> list:
    """Values at a dotted path; `*` fans out over a list. A missing key raises KeyError (the part is wrong
    or the context lacks the data: either way the test must fail)."""
    values = [ctx]
    for key in path.split("."):
        nxt = []
        for v in values:
            if key == "*":
                nxt.extend(v)
            elif isinstance(v, list):
                nxt.append(v[int(key)])
            else:
                nxt.append(v[key])
        values = nxt
    return values


def expand(expectation: str, ctx: dict) -> list[str]:
    """Every text an expectation stands for (one per element where a path fans out)."""
    fields = _FIELD.findall(expectation)
    if not fields:
        return [expectation]
    texts = [expectation]
    for path, filt in fields:
        token = "{" + path + ("|" + filt if filt else "") + "}"
        values = [FILTERS[filt](v) if filt else str(v) for v in resolve(ctx, path)]
        texts = [t.replace(token, v, 1) for t in texts for v in values]
    return texts


def missing_parts(meta: dict, ctx: dict, text: str) -> list[str]:
    """The parts of the kind (with the expectation not found) that the extracted text lacks."""
    flat = _flat(text)
    out = []
    for name, part in meta.get("parts", {}).items():
        if isinstance(part, dict):
            if not all(resolve(ctx, part["when"])):
                continue
            part = part["text"]
        for expectation in part:
            for wanted in expand(expectation, ctx):
                if _flat(wanted) not in flat:
                    out.append(f"{name}: {wanted!r}")
    return out


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()


# Words that betray a code or an English value printed where Indonesian text belongs.
ENGLISH = {"closed", "none", "null", "true", "false", "pending", "issued", "complied", "draft", "the", "and",
           "of", "for", "with", "unknown", "n/a", "tbd", "todo", "nan", "undefined"}
_CODE = re.compile(r"(?<![\w@./-])[a-z]+(?:_[a-z0-9]+)+(?![\w@.-])")  # snake_case identifiers
_DANGLING = re.compile(r"(?:\s[;,:](?=\s*[;,:.)]))|(?:\(\s*\))|(?:\b(?:di|kepada|oleh|Nomor)\s*[;,.])")
_LABELS = (r"(?:Nama|Alamat|Tempat(?:/tanggal)? lahir|Tempat|Tanggal|NIK|NIB|Pekerjaan|Jenis kelamin|"
           r"Kewarganegaraan|Agama|Pendidikan|Jabatan|Kedudukan|Hari/tanggal|Pukul)")
_EMPTY_FIELD = re.compile(_LABELS + r"\s*:\s*(?=" + _LABELS + r"\s*:|$)")
_BAHWA = re.compile(r"\bbahwa\s+([A-Z][a-z]+)\s+([a-z]+)")
_PROPER_OPENERS = {"Saudara", "Pengusaha", "Tersangka", "Terlapor", "Penyidik", "Pihak", "Para", "Perusahaan",
                   "Pekerja", "Kepala", "Penuntut", "Pengawas", "Pelapor", "Pasal", "Undang", "Berdasarkan", "Nota"}


def letter_defects(text: str) -> list[str]:
    """What a careful reader (a prosecutor, a company's lawyer, a records clerk) would fault in the text."""
    flat = " ".join(text.split())
    found = []
    words = re.findall(r"[A-Za-z/]+", flat)
    found += [f"English or code word {w!r}" for w in sorted({w for w in words if w.lower() in ENGLISH})]
    found += [f"raw code {m!r}" for m in sorted(set(_CODE.findall(flat)))]
    found += [f"dangling punctuation near {flat[max(0, m.start() - 30):m.end() + 10]!r}"
              for m in _DANGLING.finditer(flat)]
    found += [f"empty field near {flat[max(0, m.start() - 30):m.end() + 20]!r}" for m in _EMPTY_FIELD.finditer(flat)]
    found += [f"input pasted as a clause: {m.group(0)!r}" for m in _BAHWA.finditer(flat)
              if m.group(1) not in _PROPER_OPENERS]
    found += [f"duplicated phrase {p!r}" for p in _repeated_phrases(flat)]
    return found


_LINKING = {"sebagai", "untuk", "kepada", "dengan", "di", "ke", "dari", "pada", "oleh", "yang", "dalam"}


def _repeated_phrases(flat: str, n: int = 2, window: int = 4) -> list[str]:
    """A phrase in lower-case words said twice within a few words ("sebagai tersangka Didengar keterangannya
    sebagai tersangka"), which is how input pasted into a sentence reads. Names (capitalised) repeat freely."""
    words = [w.strip(".,;:()").casefold() for w in flat.split()]
    seen: dict[tuple, int] = {}
    out = []
    for i in range(len(words) - n + 1):
        gram = tuple(words[i:i + n])
        if gram[0] not in _LINKING or not all(w.isalpha() for w in gram):
            continue
        if gram in seen and 0 < i - seen[gram] - n + 1 <= window:
            out.append(" ".join(gram))
        seen[gram] = i
    return out


def fetches(render):
    """What `render()` returns, and every URL the renderer's fetcher was asked for meanwhile (nothing but the
    template folder's own files may be)."""
    import pytest

    from wasnaker.adapters import rendering

    asked, original = [], rendering.resolve_local

    def spy(url, roots):
        asked.append(url)
        return original(url, roots)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rendering, "resolve_local", spy)
        return render(), asked
