"""Citing the law as letters must: the short forms officers type ("Pasal 88A ayat (3) UU 13/2003 jo UU 6/2023 jo
Pasal 61 PP 36/2021") expanded into the laws' names from the catalogue legal staff maintain
(document_templates/laws.toml). Pure: the catalogue comes in as a plain dict."""

import re
from functools import cache

AMENDED = " sebagaimana telah diubah dengan "


def _gazette(law: dict) -> str:
    parts = []
    if ln := law.get("ln"):
        parts.append(f"Lembaran Negara Republik Indonesia Tahun {ln[0]} Nomor {ln[1]}")
    if tln := law.get("tln"):
        parts.append(f"Tambahan Lembaran Negara Republik Indonesia Nomor {tln}")
    if bn := law.get("bn"):
        parts.append(f"Berita Negara Republik Indonesia Tahun {bn[0]} Nomor {bn[1]}")
    return f" ({', '.join(parts)})" if parts else ""


def _name(law: dict, *, about: bool, gazette: bool) -> str:
    text = law["name"] + (f" tentang {law['about']}" if about and law.get("about") else "")
    return text + (_gazette(law) if gazette else "")


@cache
def _pattern(keys: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<![\w/])({alternatives})(?![\w/])")


def cite(text: str, catalogue: dict, *, gazette: bool = False) -> str:
    """`text` with every short form of the catalogue written out: the first mention of a law with its subject
    ("tentang …"), a law cited again or an amendment chained to its law by name; "X jo Y" where Y amends X reads
    "X sebagaimana telah diubah dengan Y", and a law cited without its amendment gets it. With `gazette` (Dasar,
    Mengingat) every law is cited in full with its Lembaran Negara. Text without short forms is returned as is."""
    laws = catalogue.get("laws", {})
    if not laws or not text:
        return text
    matches = list(_pattern(tuple(laws)).finditer(text))
    named = {m.group(1) for m in matches}
    out, pos, seen = [], 0, set()
    for i, m in enumerate(matches):
        key, between = m.group(1), text[pos:m.start()]
        prev = matches[i - 1].group(1) if i else None
        chained = prev is not None and laws[prev].get("amended_by") == key
        if chained and re.fullmatch(r"\s+jo\.?\s+", between):
            between = AMENDED
        out += [between, _name(laws[key], about=gazette or (key not in seen and not chained), gazette=gazette)]
        seen.add(key)
        amendment = laws[key].get("amended_by")
        if amendment and amendment not in named and laws[amendment]["name"] not in text:
            out.append(AMENDED + _name(laws[amendment], about=gazette, gazette=gazette))
        pos = m.end()
    return "".join(out) + text[pos:]


def bases(kind: str, catalogue: dict) -> list[str] | None:
    """The Dasar/Mengingat of a kind, written out with the gazette; None when the catalogue does not list it."""
    listed = catalogue.get("bases", {}).get(kind)
    return None if listed is None else [cite(b, catalogue, gazette=True) for b in listed]


def problems(catalogue: dict) -> list[str]:
    """What is wrong with a catalogue: a law without a name, an amendment or basis naming an unknown law."""
    laws = catalogue.get("laws", {})
    found = [f"{k}: no name" for k, law in laws.items() if not law.get("name")]
    found += [f"{k}: amended_by {law['amended_by']!r} is not in the catalogue"
              for k, law in laws.items() if law.get("amended_by") and law["amended_by"] not in laws]
    short = re.compile(r"\b(?:UU|PP|Perpres|Permenaker|Perpol|Perkap) \d+/\d{4}\b")
    for kind, lines in catalogue.get("bases", {}).items():
        found += [f"bases.{kind}: {s!r} is not in the catalogue" for line in lines for s in short.findall(line)
                  if s not in laws]
    return found
