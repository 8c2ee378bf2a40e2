"""Contexts of the criminal track from the Laporan Kejadian to the summons (the file's handover, tipiring,
restorative justice and SP3 are in `prosecution`)."""

from wasnaker.domain.contexts import common as cx
from wasnaker.domain.contexts.common import D


def incident_report(snap):
    inc = snap["details"].get("incident") or snap["payload"]
    return {"incident": {"date": inc.get("on") or snap["on"], "place": snap["company"]["address"],
                         "description": inc.get("description", "")},
            "suspect": cx.suspect(snap), "articles": cx.articles(snap), "evidence": inc.get("evidence", []),
            "findings": cx.findings(snap["findings"]), "addressee": [f"Kepala {snap['office']['name']}"],
            "signatories": [cx.sign("Pelapor, PPNS/Pengawas Ketenagakerjaan", snap["officers"]["actor"])]}


def sprindik(snap):
    return {"investigators": cx.investigators(snap), "suspect": cx.suspect(snap), "articles": cx.articles(snap),
            "incident_report": cx.ref(cx.last_doc(snap, D.incident_report)) or {"number": "", "date": ""},
            "addressee": [], "signatories": [cx.sign(f"Kepala {snap['office']['name']} selaku atasan PPNS",
                                                   snap["officers"]["head"])]}


def spdp(snap):
    recipients = cx.recipients(snap, [snap["details"].get("prosecution_office", "Kepala Kejaksaan Negeri")
                                    + " melalui Korwas PPNS", cx.suspect(snap)["name"], "Pelapor"])
    return {"sprindik": cx.sprindik_ref(snap), "suspect": cx.suspect(snap), "articles": cx.articles(snap),
            "investigators": cx.investigators(snap), "recipients": recipients, "addressee": recipients,
            "signatories": [cx.sign("Penyidik Pegawai Negeri Sipil", cx.ppns(snap))]}


def summons(snap):
    p = snap["payload"]
    return {"person": {"name": p["name"], "status": p["status"], "address": p.get("address", "")},
            "appointment": {"date": p["appointment_date"], "time": p.get("appointment_time", ""),
                            "place": p.get("place") or snap["office"]["address"]},
            "reason": p.get("reason", ""), "sprindik": cx.sprindik_ref(snap), "articles": cx.articles(snap),
            "addressee": [p["name"], p.get("address", "")],
            "signatories": [cx.sign("Penyidik Pegawai Negeri Sipil", cx.ppns(snap))]}

