"""Builds the plain-value context of each document kind from a plain snapshot of the case.

The contract is document_templates/README.md. Nothing here touches the database or the renderer.
"""

from wasnaker.domain import laws
from wasnaker.domain.contexts import administrative as adm
from wasnaker.domain.contexts import criminal as crim
from wasnaker.domain.contexts import prosecution as pros
from wasnaker.domain.policy import outside_copies
from wasnaker.domain.vocabulary import DOC_TITLES, DocKind

D = DocKind
BUILDERS = {
    D.complaint_receipt: adm.complaint_receipt, D.spt: adm.spt, D.lhp: adm.lhp, D.nota_1: adm.nota_1,
    D.nota_2: adm.nota_2, D.penetapan: adm.penetapan, D.sanction_recommendation: adm.sanction_recommendation,
    D.reminder: adm.reminder, D.chronology: adm.chronology, D.incident_report: crim.incident_report,
    D.sprindik: crim.sprindik, D.spdp: crim.spdp, D.summons: crim.summons, D.tahap_1_cover: pros.tahap_1_cover,
    D.tahap_2_record: pros.tahap_2_record, D.tipiring_referral: pros.tipiring_referral,
    D.rj_agreement: pros.rj_agreement, D.sp3: pros.sp3,
}

_COMPANY_COPIES = ["Menteri Ketenagakerjaan Republik Indonesia",
                   "Direktur Jenderal Pembinaan Pengawasan Ketenagakerjaan dan K3"]


def _tembusan(kind: DocKind, snap: dict, confidential: bool) -> list[str]:
    """The office's configured copy list for the kind; by default letters to companies go to the Minister,
    the Director-General and the head of the provincial office. A letter marked Rahasia is copied to nobody
    outside the labour administration unless the office's policy allows it."""
    if kind.value in snap["tembusan"]:
        copies = list(snap["tembusan"][kind.value])
        if confidential and not snap.get("confidential_copies_outside", False):
            outside = set(outside_copies(copies))
            return [c for c in copies if c not in outside]
        return copies
    return [*_COMPANY_COPIES, f"Kepala {snap['office']['parent']}"] if confidential else []


def _legal_bases(kind: DocKind, snap: dict, meta: dict) -> list[str]:
    """The kind's Dasar/Mengingat from the laws catalogue, written out with the gazette; else its metadata list."""
    listed = laws.bases(kind.value, snap.get("laws", {}))
    return list(meta.get("legal_bases", [])) if listed is None else listed


def build(kind: DocKind, snap: dict, meta: dict) -> dict:
    """The full template context of `kind`: common keys, then the kind's own."""
    confidential = kind in snap["confidential_kinds"]
    common = {
        "doc": {"kind": kind.value, "title": DOC_TITLES[kind], "number": snap["number"], "date": snap["on"],
                "place": snap["office"]["city"], "sifat": "Rahasia" if confidential else "Biasa",
                "lampiran": "1 (satu) berkas" if kind == D.penetapan else "-", "perihal": DOC_TITLES[kind]},
        "office": snap["office"], "case": snap["case"], "company": snap["company"],
        "legal_bases": _legal_bases(kind, snap, meta), "findings": [], "addressee": [],
        "tembusan": _tembusan(kind, snap, confidential),
    }
    own = BUILDERS[kind](snap)  # a kind may set some of doc's fields (lampiran, perihal)
    return {**common, **own, "doc": {**common["doc"], **own.get("doc", {})}}
