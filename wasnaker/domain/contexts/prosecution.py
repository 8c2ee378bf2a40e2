"""Contexts of the criminal track's closing letters: Tahap I cover, Tahap II record, tipiring referral,
Kesepakatan Perdamaian (restorative justice) and SP3.

Each states only what the case records show, citing the documents it relies on by number and date; missing
data refuses the act (InvalidData naming it) rather than print a hole. Articles of criminal procedure come from
the regime's policy (`snap["criminal"]["procedure"]`), never from the templates.
"""

from wasnaker.domain.contexts import common as cx
from wasnaker.domain.contexts.common import D
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.payloads import SP3_GROUND_LABELS, Sp3Ground
from wasnaker.domain.procedure import KUHAP_2025


def _head(snap: dict, capacity: str) -> dict:
    """The PPNS's superior (the office head) as a signatory; an office without one cannot sign."""
    head = snap["officers"]["head"]
    if not head:
        raise InvalidData(f"the office has no head (Kepala {snap['office']['name']}) to sign as {capacity}")
    return cx.sign(capacity, head)


def _investigator(snap: dict, capacity: str = "Penyidik Pegawai Negeri Sipil") -> dict:
    found = cx.ppns(snap)
    if not found:
        raise InvalidData("the case has no PPNS investigator to sign")
    return cx.sign(capacity, found)


def _superior(snap: dict) -> dict:
    return _head(snap, f"Kepala {snap['office']['name']}\nselaku Atasan Penyidik")


def _spdp_ref(snap: dict) -> dict | None:
    return cx.ref(cx.last_doc(snap, D.spdp))


def _case_refs(snap: dict) -> dict:
    """The Laporan Kejadian, Sprindik and SPDP (null when none was sent) a letter of the investigation cites."""
    return {"incident_report": cx.lk_ref(snap), "sprindik": cx.sprindik_ref(snap), "spdp": _spdp_ref(snap)}


def _suspect_line(s: dict) -> str:
    if s["corporation"]:
        return f"{s['name']}, diwakili oleh {s['person']['name']} selaku {s['corporation']['position']}"
    return s["person"]["name"]


def _p19(snap: dict) -> dict:
    p19 = snap["details"].get("p19")
    if not p19:
        raise InvalidData("the case records no P-19 (receive_p19): a resubmission cannot cite it")
    return {"number": p19["p19_number"], "received_on": p19.get("received_on") or p19["on"],
            "instructions": p19["instructions"]}


def _earlier_covers(snap: dict) -> list[dict]:
    return [r for r in cx.refs(snap, D.tahap_1_cover) if r["number"] != snap["number"]]


def _resubmission(snap: dict) -> dict | None:
    if snap["trigger"] != "resubmit_file":
        return None
    completed = snap["payload"].get("file_contents") or []
    if not completed:
        raise InvalidData("resubmit_file lists nothing completed (file_contents): the cover letter must say what "
                          "was added to the file after the P-19")
    earlier = _earlier_covers(snap)
    if not earlier:
        raise InvalidData("the case has no earlier Surat Pengantar Berkas Perkara: nothing to resubmit")
    return {"p19": _p19(snap), "completed": completed, "first_cover": cx.ref(earlier[-1])}


def _file_contents(snap: dict) -> list[str]:
    contents = (snap["details"].get("prosecution") or {}).get("file_contents") or snap["payload"].get("file_contents")
    if not contents:
        raise InvalidData("the file sent to the prosecutor lists no contents (submit_file file_contents)")
    return list(contents)


def tahap_1_cover(snap):
    resub, contents = _resubmission(snap), _file_contents(snap)
    if resub:  # the file goes back whole, with what the P-19 asked for
        contents += [c for c in resub["completed"] if c not in contents]
    pros, s = cx.prosecutor(snap), cx.suspect(snap)
    perihal = ("Pengiriman Kembali Berkas Perkara" if resub else "Pengiriman Berkas Perkara") + \
        f" atas nama tersangka {s['name']}"
    return {"doc": {"lampiran": "1 (satu) berkas", "perihal": perihal}, "prosecutor": pros, "suspect": s,
            "articles": cx.articles(snap), **_case_refs(snap), "file_contents": contents,
            "resubmission": resub, "legal_bases": list(cx.procedure(snap)["file_handover"]),
            "addressee": [pros["head"], f"melalui {pros['via']}"], "signatories": [_superior(snap)]}


def _handover_prosecutor(snap: dict, office: str) -> dict:
    p = snap["payload"]
    if not p.get("prosecutor_nip"):
        raise InvalidData("hand_over names the Penuntut Umum without a NIP (prosecutor_nip)")
    return {"name": p["prosecutor_name"], "nip": p["prosecutor_nip"], "rank": None, "office": office}


def _p21(snap: dict) -> dict:
    p21 = snap["details"].get("p21")
    if not p21:
        raise InvalidData("the case records no P-21 (receive_p21 or deem_file_complete)")
    if p21.get("deemed"):
        return {"number": None, "date": p21["on"], "deemed": True}
    return {"number": p21["p21_number"], "date": p21["on"], "deemed": False}


def tahap_2_record(snap):
    pros, p = cx.prosecutor(snap), snap["payload"]
    if not p.get("evidence"):
        raise InvalidData("hand_over lists no evidence (evidence): the record states what was handed over")
    prosecutor = _handover_prosecutor(snap, pros["office"])
    return {"handover": {"date": snap["on"], "place": p["place"]}, "suspect": cx.suspect(snap),
            "articles": cx.articles(snap), "evidence": list(p["evidence"]), "prosecutor": prosecutor,
            "p21": _p21(snap), "incident_report": cx.lk_ref(snap), "sprindik": cx.sprindik_ref(snap),
            "covers": _earlier_covers(snap), "legal_bases": list(cx.procedure(snap)["file_handover"]),
            "signatories": [_investigator(snap, "Yang menyerahkan,\nPenyidik Pegawai Negeri Sipil"),
                            {"capacity": f"Yang menerima,\nPenuntut Umum pada {pros['office']}",
                             "name": prosecutor["name"], "nip": prosecutor["nip"], "rank": None}]}


def _court(snap: dict) -> str:
    court = (snap["details"].get("tipiring") or {}).get("court", "")
    return court.removeprefix("Ketua ").strip()


def tipiring_referral(snap):
    t, inc = snap["details"].get("tipiring") or {}, cx.incident(snap)
    court = _court(snap)
    if not court or not t.get("bap_date"):
        raise InvalidData("open_tipiring records no court or BAP date (court, bap_date)")
    offence = inc["offence"]
    return {"court": court, "defendant": cx.suspect(snap), "articles": cx.articles(snap),
            "offence": {"date": offence["date"], "time": offence.get("time"), "place": offence["place"]},
            "account": inc["account"], "incident_report": cx.lk_ref(snap),
            "witnesses": [{**w["person"], "statement": w["statement"]} for w in inc["witnesses"]],
            "evidence": list(t.get("evidence") or inc["evidence"]), "bap_date": t["bap_date"],
            "legal_bases": list(cx.procedure(snap)["tipiring"]), "addressee": [f"Ketua {court}"],
            "signatories": [_investigator(snap, "Penyidik Pegawai Negeri Sipil\natas kuasa Penuntut Umum")]}


def _representative(r: dict) -> dict:
    return {"person": r["person"], "capacity": r["capacity"], "authority": r["authority"]}


def rj_agreement(snap):
    p = snap["payload"]
    schedule = [{"no": i, "name": w["name"], "amount": w["amount"]} for i, w in enumerate(p["schedule"], start=1)]
    obligations = [{"no": i, **{k: o[k] for k in ("description", "amount", "method", "due_date")}}
                   for i, o in enumerate(p["obligations"], start=1)]
    employer, workers = _representative(p["employer"]), _representative(p["workers"])
    return {"agreement": {"date": snap["on"], "place": p["place"]}, "employer": employer, "workers": workers,
            "schedule": schedule, "schedule_total": sum(w["amount"] for w in schedule), "obligations": obligations,
            "suspect": cx.suspect(snap), "articles": cx.articles(snap), **_case_refs(snap),
            "legal_bases": list(cx.procedure(snap)["restorative_justice"]),
            "signatories": [{"capacity": "PIHAK PERTAMA", "name": employer["person"]["name"], "nip": None,
                             "rank": None},
                            {"capacity": "PIHAK KEDUA", "name": workers["person"]["name"], "nip": None, "rank": None},
                            _investigator(snap, "Mengetahui,\nPenyidik Pegawai Negeri Sipil")]}


def _rj(snap: dict, info: dict) -> dict | None:
    if info["ground"] != Sp3Ground.restorative_justice:
        return None
    agreement = cx.required_ref(snap, D.rj_agreement, "Kesepakatan Perdamaian")
    return {"agreement": agreement, "fulfilled_on": info.get("fulfilled_on") or info["on"]}


def _ground(snap: dict) -> dict:
    info = snap["details"].get("sp3")
    if not info or not info.get("ground"):
        raise InvalidData("the case records no ground for terminating the investigation (terminate_investigation)")
    ground = Sp3Ground(info["ground"])
    clause = cx.procedure(snap)["sp3_grounds"].get(ground.value)
    if not clause:
        raise InvalidData(f"{ground.value} is not a ground for terminating an investigation under "
                          f"{cx.procedure(snap)['law']}")
    return {"code": ground.value, "label": SP3_GROUND_LABELS[ground], "clause": clause,
            "note": info.get("detail") or None, "rj": _rj(snap, {**info, "ground": ground})}


def _sp3_copies(snap: dict, pros: dict, s: dict) -> list[str]:
    party = cx.complainant(snap)
    own = [pros["head"], f"Tersangka {_suspect_line(s)}",
           *([f"{party['capacity']} {party['name']}"] if party else []), pros["via"]]
    return own + [t for t in snap["tembusan"].get(D.sp3.value, []) if t not in own]


def _notification(snap: dict) -> dict | None:
    """UU 20/2025 Pasal 24(4): the SP3 is notified within 1 day; a case under the 1981 KUHAP has no such rule."""
    return snap["sp3_notification"] if cx.procedure(snap)["law"] == KUHAP_2025 else None


def sp3(snap):
    pros, s = cx.prosecutor(snap), cx.suspect(snap)
    party = cx.complainant(snap)
    return {"ground": _ground(snap), "suspect": s, "articles": cx.articles(snap), **_case_refs(snap),
            "prosecutor": pros, "complainant": party, "notification": _notification(snap),
            "legal_bases": list(cx.procedure(snap)["termination"]), "tembusan": _sp3_copies(snap, pros, s),
            "signatories": [_investigator(snap), _superior(snap)]}
