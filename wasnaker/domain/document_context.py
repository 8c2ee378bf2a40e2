"""Builds the plain-value context of each document kind from a plain snapshot of the case.

The contract is document_templates/README.md. Nothing here touches the database or the renderer.
"""

from wasnaker.domain.calendar import DayUnit
from wasnaker.domain.payloads import SP3_GROUND_LABELS, Sp3Ground
from wasnaker.domain.vocabulary import DOC_TITLES, DocKind, Role

D = DocKind


def _officer(o: dict | None) -> dict:
    o = o or {}
    return {"name": o.get("name", ""), "nip": o.get("nip", ""), "rank": o.get("rank", "")}


def _sign(capacity: str, o: dict | None) -> dict:
    return {"capacity": capacity, **_officer(o)}


def _ref(doc: dict | None) -> dict | None:
    return {"number": doc["number"], "date": doc["date"]} if doc else None


def _last_doc(snap: dict, kind: DocKind) -> dict | None:
    docs = [d for d in snap["documents"] if d["kind"] == kind and d["status"] != "draft"]
    return docs[-1] if docs else None


def _inspector(snap: dict) -> dict | None:
    officers = snap["officers"]["assigned"]
    return next((o for o in officers if o["role"] == Role.inspector), officers[0] if officers else None)


def _ppns(snap: dict) -> dict | None:
    actor = snap["officers"]["actor"]
    if actor and actor.get("is_ppns"):
        return actor
    return next((o for o in snap["officers"]["assigned"] if o["is_ppns"]), None)


def _company_addressee(snap: dict) -> list[str]:
    c = snap["company"]
    return [f"{c['head_title']} {c['name']}", c["address"]]


def _open_findings(snap: dict) -> list[dict]:
    return [f for f in snap["findings"] if f["status"] != "complied"]


def _findings(items: list[dict]) -> list[dict]:
    keys = ("norm", "article", "facts", "order", "workers_affected", "amount")
    return [{"no": i, **{k: f[k] for k in keys}} for i, f in enumerate(items, start=1)]


def _deadline(snap: dict, timer_kind: str) -> dict:
    timer = next((t for t in reversed(snap["timers"]) if t["kind"] == timer_kind), None)
    if not timer:
        return {"length": 0, "unit": DayUnit.days.value, "due_date": None}
    return {"length": timer["length"], "unit": timer["unit"], "due_date": timer["due_date"]}


def _inspection(snap: dict) -> dict:
    insp, spt = snap["details"].get("inspection", {}), _last_doc(snap, D.spt)
    return {"date": insp.get("inspection_date", ""), "place": insp.get("place") or snap["company"]["address"],
            "spt_number": spt["number"] if spt else "", "spt_date": spt["date"] if spt else ""}


def _suspect(snap: dict) -> dict:
    inc = snap["details"].get("incident", {})
    return {"name": inc.get("suspect_name", ""), "capacity": inc.get("suspect_capacity", ""),
            "address": inc.get("suspect_address", "")}


def _investigators(snap: dict) -> list[dict]:
    return [_officer(o) for o in snap["officers"]["assigned"] if o["is_ppns"]]


def _articles(snap: dict) -> list[str]:
    return list(snap["details"].get("criminal_articles", []))


def _head_sign(snap: dict) -> dict:
    return _sign(f"Kepala {snap['office']['name']}", snap["officers"]["head"])


def _mengetahui(snap: dict) -> dict:
    return _sign(f"Mengetahui, Kepala {snap['office']['name']}", snap["officers"]["head"])


def complaint_receipt(snap):
    c = snap["complaint"] or {}
    keys = ("received_on", "channel", "complainant_name", "complainant_contact", "summary", "norms", "evidence")
    return {"complaint": {k: c.get(k) for k in keys}, "addressee": [c.get("complainant_name", "")],
            "signatories": [_sign("Petugas Penerima Pengaduan", snap["officers"]["actor"])]}


def spt(snap):
    p = snap["payload"]
    inspectors = [_officer(o) for o in snap["officers"]["assigned"]]
    return {"assignment": {"inspectors": inspectors, "purpose": p.get("purpose", ""),
                           "period_start": p.get("period_start"), "period_end": p.get("period_end")},
            "signatories": [_sign(f"Kepala {snap['office']['parent']}", snap["officers"]["kadis"])]}


def lhp(snap):
    return {"inspection": _inspection(snap), "findings": _findings(snap["findings"]),
            "recommendation": snap["details"].get("inspection", {}).get("recommendation", ""),
            "addressee": [f"Kepala {snap['office']['name']}"],
            "signatories": [_sign("Pengawas Ketenagakerjaan", o) for o in snap["officers"]["assigned"]]}


def _nota_common(snap, timer_kind):
    return {"inspection": _inspection(snap), "findings": _findings(_open_findings(snap)),
            "deadline": _deadline(snap, timer_kind), "addressee": _company_addressee(snap),
            "signatories": [_sign("Pengawas Ketenagakerjaan", _inspector(snap)), _mengetahui(snap)]}


def nota_1(snap):
    return _nota_common(snap, "nota_1_compliance")


def nota_2(snap):
    first = _last_doc(snap, D.nota_1) or {"number": "", "date": "", "received_on": None}
    return {**_nota_common(snap, "nota_2_compliance"),
            "nota_1": {"number": first["number"], "date": first["date"], "received_on": first["received_on"]}}


def _workers(findings: list[dict]) -> list[dict]:
    merged: dict[str, dict] = {}
    for f in findings:
        for w in f["workers"]:
            entry = merged.setdefault(w["name"], {"name": w["name"], "position": w.get("position", ""), "items": []})
            entry["items"] += [{"label": i["label"], "amount": i["amount"]} for i in w["items"]]
    return [{**w, "total": sum(i["amount"] for i in w["items"])} for w in merged.values()]


def penetapan(snap):
    workers = _workers(_open_findings(snap))
    previous = _last_doc(snap, D.penetapan)
    redetermination = snap["payload"].get("finding_no") is not None
    return {"inspection": _inspection(snap), "findings": _findings(_open_findings(snap)), "workers": workers,
            "total_amount": sum(w["total"] for w in workers), "deadline": _deadline(snap, "penetapan_payment"),
            "redetermination_days": snap["redetermination_days"],
            "replaces": _ref(previous) if redetermination else None,
            "addressee": [*_company_addressee(snap), "Pekerja yang bersangkutan"],
            "signatories": [_sign("Pengawas Ketenagakerjaan", _inspector(snap))]}


def sanction_recommendation(snap):
    history = [{"title": DOC_TITLES[D(d["kind"])], "number": d["number"], "date": d["date"],
                "received_on": d["received_on"]}
               for d in snap["documents"] if d["kind"] in (D.nota_1, D.nota_2, D.penetapan) and d["number"]]
    p = snap["payload"]
    return {"history": history, "recommended_sanction": p.get("recommended_sanction", "teguran tertulis"),
            "findings": _findings(_open_findings(snap)),
            "addressee": [p.get("licensing_official") or "Pejabat Pemberi Izin Berusaha"],
            "signatories": [_sign("Pengawas Ketenagakerjaan", _inspector(snap)),
                            _sign(f"Kepala {snap['office']['parent']}", snap["officers"]["kadis"])]}


def incident_report(snap):
    inc = snap["details"].get("incident") or snap["payload"]
    return {"incident": {"date": inc.get("on") or snap["on"], "place": snap["company"]["address"],
                         "description": inc.get("description", "")},
            "suspect": _suspect(snap), "articles": _articles(snap), "evidence": inc.get("evidence", []),
            "findings": _findings(snap["findings"]), "addressee": [f"Kepala {snap['office']['name']}"],
            "signatories": [_sign("Pelapor, PPNS/Pengawas Ketenagakerjaan", snap["officers"]["actor"])]}


def sprindik(snap):
    return {"investigators": _investigators(snap), "suspect": _suspect(snap), "articles": _articles(snap),
            "incident_report": _ref(_last_doc(snap, D.incident_report)) or {"number": "", "date": ""},
            "addressee": [], "signatories": [_sign(f"Kepala {snap['office']['name']} selaku atasan PPNS",
                                                   snap["officers"]["head"])]}


def _recipients(snap, defaults):
    return snap["payload"].get("recipients") or defaults


def _sprindik_ref(snap):
    return _ref(_last_doc(snap, D.sprindik)) or {"number": "", "date": ""}


def spdp(snap):
    recipients = _recipients(snap, [snap["details"].get("prosecution_office", "Kepala Kejaksaan Negeri")
                                    + " melalui Korwas PPNS", _suspect(snap)["name"], "Pelapor"])
    return {"sprindik": _sprindik_ref(snap), "suspect": _suspect(snap), "articles": _articles(snap),
            "investigators": _investigators(snap), "recipients": recipients, "addressee": recipients,
            "signatories": [_sign("Penyidik Pegawai Negeri Sipil", _ppns(snap))]}


def summons(snap):
    p = snap["payload"]
    return {"person": {"name": p["name"], "status": p["status"], "address": p.get("address", "")},
            "appointment": {"date": p["appointment_date"], "time": p.get("appointment_time", ""),
                            "place": p.get("place") or snap["office"]["address"]},
            "reason": p.get("reason", ""), "sprindik": _sprindik_ref(snap), "articles": _articles(snap),
            "addressee": [p["name"], p.get("address", "")],
            "signatories": [_sign("Penyidik Pegawai Negeri Sipil", _ppns(snap))]}


def tahap_1_cover(snap):
    pros, p19 = snap["details"].get("prosecution", {}), snap["details"].get("p19")
    contents = snap["payload"].get("file_contents") or pros.get("file_contents", [])
    resub = {"p19_number": p19["p19_number"], "p19_date": p19["on"]} if snap["trigger"] == "resubmit_file" else None
    return {"prosecutor_office": pros.get("prosecutor_office", ""), "via": pros.get("via", ""),
            "suspect": _suspect(snap), "articles": _articles(snap), "sprindik": _sprindik_ref(snap),
            "spdp": _ref(_last_doc(snap, D.spdp)) or {"number": "", "date": ""}, "file_contents": contents,
            "resubmission": resub, "addressee": [pros.get("prosecutor_office", ""), f"melalui {pros.get('via', '')}"],
            "signatories": [_sign(f"Kepala {snap['office']['name']} selaku atasan PPNS", snap["officers"]["head"])]}


def tahap_2_record(snap):
    p, p21 = snap["payload"], snap["details"].get("p21")
    return {"handover": {"date": snap["on"], "place": p.get("place", "")}, "suspect": _suspect(snap),
            "articles": _articles(snap),
            "evidence": p.get("evidence", []),
            "prosecutor": {"name": p.get("prosecutor_name", ""), "nip": p.get("prosecutor_nip", ""), "rank": ""},
            "p21": {"number": p21["p21_number"], "date": p21["on"]} if p21 else
            {"number": "P-21 (dianggap lengkap, KUHAP Pasal 110 ayat (4))", "date": snap["details"].get("deemed_complete_on", "")},
            "addressee": [],
            "signatories": [_sign("Yang menyerahkan, PPNS", _ppns(snap)),
                            {"capacity": "Yang menerima, Penuntut Umum", "name": p.get("prosecutor_name", ""),
                             "nip": p.get("prosecutor_nip", ""), "rank": ""}]}


def tipiring_referral(snap):
    t, s = snap["details"].get("tipiring", {}), _suspect(snap)
    return {"court": t.get("court", ""), "defendants": [s], "articles": _articles(snap),
            "evidence": t.get("evidence", []), "witnesses": t.get("witnesses", []), "bap_date": t.get("bap_date"),
            "addressee": [t.get("court", "")],
            "signatories": [_sign("Penyidik Pegawai Negeri Sipil, atas kuasa Penuntut Umum", _ppns(snap))]}


def rj_agreement(snap):
    p = snap["payload"]
    parties = [{"name": name, "capacity": "Pihak " + ("Pertama" if i == 0 else "Kedua" if i == 1 else str(i + 1))}
               for i, name in enumerate(p.get("parties", []))]
    return {"parties": parties, "obligations": p.get("obligations", []), "agreed_on": snap["on"],
            "articles": _articles(snap), "addressee": [],
            "signatories": [*({"capacity": x["capacity"], "name": x["name"], "nip": "", "rank": ""} for x in parties),
                            _sign("Mengetahui, Penyidik Pegawai Negeri Sipil", _ppns(snap))]}


def sp3(snap):
    info = snap["details"].get("sp3", {})
    ground = Sp3Ground(info.get("ground", Sp3Ground.insufficient_evidence))
    recipients = ["Penuntut Umum", _suspect(snap)["name"], "Pelapor", "Korwas PPNS"]
    return {"ground": SP3_GROUND_LABELS[ground], "ground_detail": info.get("detail", ""),
            "sprindik": _sprindik_ref(snap), "suspect": _suspect(snap), "articles": _articles(snap),
            "recipients": recipients, "notification": snap["sp3_notification"],
            "signatories": [_sign("Penyidik Pegawai Negeri Sipil", _ppns(snap)), _mengetahui(snap)]}


def reminder(snap):
    p = snap["payload"]
    return {"regarding": p["regarding"], "deadline": p["deadline"], "days_left": p["days_left"],
            "addressee": _company_addressee(snap),
            "signatories": [_sign("a.n. Pengawas Ketenagakerjaan", _inspector(snap))]}


def chronology(snap):
    return {"events": snap["events"],
            "documents": [{"title": DOC_TITLES[D(d["kind"])], "number": d["number"], "date": d["date"],
                           "sha256": d["sha256"] or ""} for d in snap["documents"] if d["number"]],
            "timers": [{"label": t["label"], "start": t["start"], "due_date": t["due_date"], "status": t["status"]}
                       for t in snap["timers"]],
            "addressee": [], "signatories": [_mengetahui(snap)]}


BUILDERS = {D(name): fn for name, fn in globals().items() if name in D.__members__ and callable(fn)}

_COMPANY_COPIES = ["Menteri Ketenagakerjaan Republik Indonesia",
                   "Direktur Jenderal Pembinaan Pengawasan Ketenagakerjaan dan K3"]


def build(kind: DocKind, snap: dict, meta: dict) -> dict:
    """The full template context of `kind`: common keys, then the kind's own."""
    confidential = kind in snap["confidential_kinds"]
    common = {
        "doc": {"kind": kind.value, "title": DOC_TITLES[kind], "number": snap["number"], "date": snap["on"],
                "place": snap["office"]["city"], "sifat": "Rahasia" if confidential else "Biasa",
                "lampiran": "1 (satu) berkas" if kind == D.penetapan else "-", "perihal": DOC_TITLES[kind]},
        "office": snap["office"], "case": snap["case"], "company": snap["company"],
        "legal_bases": list(meta.get("legal_bases", [])), "findings": [], "addressee": [],
        "tembusan": [*_COMPANY_COPIES, f"Kepala {snap['office']['parent']}"] if confidential else [],
    }
    return {**common, **BUILDERS[kind](snap)}
