"""Contexts of the criminal track: Laporan Kejadian to Tahap II, tipiring, restorative justice, SP3."""

from wasnaker.domain.contexts import common as cx
from wasnaker.domain.contexts.common import D
from wasnaker.domain.payloads import SP3_GROUND_LABELS, Sp3Ground


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


def tahap_1_cover(snap):
    pros, p19 = snap["details"].get("prosecution", {}), snap["details"].get("p19")
    contents = snap["payload"].get("file_contents") or pros.get("file_contents", [])
    resub = {"p19_number": p19["p19_number"], "p19_date": p19["on"]} if snap["trigger"] == "resubmit_file" else None
    return {"prosecutor_office": pros.get("prosecutor_office", ""), "via": pros.get("via", ""),
            "suspect": cx.suspect(snap), "articles": cx.articles(snap), "sprindik": cx.sprindik_ref(snap),
            "spdp": cx.ref(cx.last_doc(snap, D.spdp)) or {"number": "", "date": ""}, "file_contents": contents,
            "resubmission": resub, "addressee": [pros.get("prosecutor_office", ""), f"melalui {pros.get('via', '')}"],
            "signatories": [cx.sign(f"Kepala {snap['office']['name']} selaku atasan PPNS", snap["officers"]["head"])]}


def tahap_2_record(snap):
    p, p21 = snap["payload"], snap["details"].get("p21")
    return {"handover": {"date": snap["on"], "place": p.get("place", "")}, "suspect": cx.suspect(snap),
            "articles": cx.articles(snap),
            "evidence": p.get("evidence", []),
            "prosecutor": {"name": p.get("prosecutor_name", ""), "nip": p.get("prosecutor_nip", ""), "rank": ""},
            "p21": {"number": p21["p21_number"], "date": p21["on"]} if p21 else {"number": "", "date": ""},
            "addressee": [],
            "signatories": [cx.sign("Yang menyerahkan, PPNS", cx.ppns(snap)),
                            {"capacity": "Yang menerima, Penuntut Umum", "name": p.get("prosecutor_name", ""),
                             "nip": p.get("prosecutor_nip", ""), "rank": ""}]}


def tipiring_referral(snap):
    t, s = snap["details"].get("tipiring", {}), cx.suspect(snap)
    return {"court": t.get("court", ""), "defendants": [s], "articles": cx.articles(snap),
            "evidence": t.get("evidence", []), "witnesses": t.get("witnesses", []), "bap_date": t.get("bap_date"),
            "addressee": [t.get("court", "")],
            "signatories": [cx.sign("Penyidik Pegawai Negeri Sipil, atas kuasa Penuntut Umum", cx.ppns(snap))]}


def rj_agreement(snap):
    p = snap["payload"]
    parties = [{"name": name, "capacity": "Pihak " + ("Pertama" if i == 0 else "Kedua" if i == 1 else str(i + 1))}
               for i, name in enumerate(p.get("parties", []))]
    return {"parties": parties, "obligations": p.get("obligations", []), "agreed_on": snap["on"],
            "articles": cx.articles(snap), "addressee": [],
            "signatories": [*({"capacity": x["capacity"], "name": x["name"], "nip": "", "rank": ""} for x in parties),
                            cx.sign("Mengetahui, Penyidik Pegawai Negeri Sipil", cx.ppns(snap))]}


def sp3(snap):
    info = snap["details"].get("sp3", {})
    ground = Sp3Ground(info.get("ground", Sp3Ground.insufficient_evidence))
    recipients = ["Penuntut Umum", cx.suspect(snap)["name"], "Pelapor", "Korwas PPNS"]
    return {"ground": SP3_GROUND_LABELS[ground], "ground_detail": info.get("detail", ""),
            "sprindik": cx.sprindik_ref(snap), "suspect": cx.suspect(snap), "articles": cx.articles(snap),
            "recipients": recipients, "notification": snap["sp3_notification"],
            "signatories": [cx.sign("Penyidik Pegawai Negeri Sipil", cx.ppns(snap)), cx.mengetahui(snap)]}
