"""Contexts of the criminal track from the Laporan Kejadian to the summons (the file's handover, tipiring,
restorative justice and SP3 are in `prosecution`)."""

from wasnaker.domain.contexts import common as cx
from wasnaker.domain.contexts.common import D
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.payloads import (
    INCIDENT_GROUND_LABELS,
    PERSON_STATUS_LABELS,
    IncidentGround,
    PersonStatus,
)
from wasnaker.domain.vocabulary import DOC_TITLES

PPNS_TITLE = "Penyidik Pegawai Negeri Sipil Ketenagakerjaan"
_ZONES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def _reporter(snap) -> dict:
    actor = snap["officers"]["actor"]
    if not actor:
        raise InvalidData("the Laporan Kejadian needs its reporter's identity (an officer with name, NIP and rank)")
    position = PPNS_TITLE if actor.get("is_ppns") else "Pengawas Ketenagakerjaan"
    return {**cx.officer(actor), "position": position}


def _head(snap) -> dict:
    head = snap["officers"]["head"]
    if not head:
        raise InvalidData(f"the office records no Kepala {snap['office']['name']} (head) to sign as the PPNS's "
                          "superior")
    return head


def _zone(snap) -> str:
    """The office's time-zone label (WIB, WITA, WIT) for a time of day."""
    return _ZONES.get(snap["office"].get("timezone") or "", "WIB")


def _offence(snap, inc: dict) -> dict:
    o = inc["offence"]
    time = f"{o['time'].replace(':', '.')} {_zone(snap)}" if o.get("time") else None
    return {"date": o["date"], "time": time, "place": o["place"], "district": o["district"]}


def _notas(snap) -> list[dict]:
    return [{"title": DOC_TITLES[kind], **r} for kind in (D.nota_1, D.nota_2) for r in cx.refs(snap, kind)]


def _actions(snap, notas: list[dict]) -> list[dict]:
    """What the office did before the report, from its records: {what, date, ref|null, received_on|null}."""
    out = []
    insp, spt = snap["details"].get("inspection"), cx.last_doc(snap, D.spt)
    if insp:
        out.append({"what": "inspection", "date": insp["inspection_date"], "ref": cx.ref(spt), "received_on": None})
    out += [{"what": n["title"], "date": n["date"], "ref": {"number": n["number"], "date": n["date"]},
             "received_on": n["received_on"]} for n in notas]
    recheck = snap["details"].get("recheck")
    if recheck:
        out.append({"what": "recheck", "date": recheck["on"], "ref": None, "received_on": None,
                    "open": bool(cx.open_findings(snap))})
    return out


def _complaint(snap) -> dict | None:
    c = snap.get("complaint")
    if not c:
        return None
    return {"name": c["complainant_name"], "received_on": c["received_on"],
            "receipt": cx.ref(cx.last_doc(snap, D.complaint_receipt))}


def incident_report(snap):
    inc = cx.incident(snap)
    ground, reporter = inc.get("ground"), _reporter(snap)
    notas = _notas(snap)
    return {"reporter": reporter, "offence": _offence(snap, inc), "account": inc["account"],
            "ground": INCIDENT_GROUND_LABELS[IncidentGround(ground)] if ground else None,
            "earlier": inc.get("earlier"), "suspect": cx.suspect(snap), "articles": list(inc["articles"]),
            "witnesses": [{**w["person"], "statement": w["statement"]} for w in inc["witnesses"]],
            "experts": [{**e["person"], "statement": e["statement"], "expertise": e["expertise"]}
                        for e in inc.get("experts", [])],
            "evidence": list(inc["evidence"]), "notas": notas, "spt": cx.ref(cx.last_doc(snap, D.spt)),
            "actions": _actions(snap, notas), "complaint": _complaint(snap), "victim": inc.get("victim"),
            "findings": cx.cited_findings(snap, snap["findings"]), "addressee": [f"Kepala {snap['office']['name']}"],
            "legal_bases": [],
            "signatories": [{"capacity": f"Yang melaporkan,\n{reporter['position']}",
                             **cx.officer(reporter)}]}


def _ppns_team(snap) -> list[dict]:
    team = [{**cx.officer(o), "position": PPNS_TITLE} for o in snap["officers"]["assigned"] if o["is_ppns"]]
    if not team:
        raise InvalidData("the case has no PPNS assigned: name the investigators with start_investigation")
    return team


def _copies(snap, kind: D, defaults: list[str]) -> list[str]:
    return list(snap["tembusan"].get(kind.value) or defaults)


def sprindik(snap):
    proc, inc = cx.procedure(snap), cx.incident(snap)
    head = _head(snap)
    return {"investigators": _ppns_team(snap), "suspect": cx.suspect(snap), "articles": cx.articles(snap),
            "offence": _offence(snap, inc), "incident_report": cx.lk_ref(snap),
            "legal_bases": [*proc["investigation"], proc["ppns_power"]], "addressee": [],
            "signatories": [cx.sign(f"Kepala {snap['office']['name']}", head)],
            "tembusan": _copies(snap, D.sprindik, [f"Kepala {snap['office']['parent']}",
                                                   cx.prosecutor(snap)["via"]])}


def _suspect_copy(s: dict) -> str:
    if s["corporation"]:
        return f"{s['corporation']['name']} u.p. {s['person']['name']} selaku {s['corporation']['position']}"
    return f"Sdr. {s['name']}"


def spdp(snap):
    proc, inc, pros, s = cx.procedure(snap), cx.incident(snap), cx.prosecutor(snap), cx.suspect(snap)
    ppns = cx.ppns(snap)
    if not ppns:
        raise InvalidData("the SPDP is signed by a PPNS: the acting officer or an assigned one")
    victim = cx.complainant(snap)
    copies = [pros["via"], _suspect_copy(s)]
    if victim:
        copies.append(f"{victim['name']} selaku {victim['capacity']}")
    district = _offence(snap, inc)["district"]
    return {"doc": {"lampiran": "1 (satu) berkas", "perihal": f"Pemberitahuan Dimulainya Penyidikan a.n. {s['name']}"},
            "sprindik": cx.sprindik_ref(snap), "incident_report": cx.lk_ref(snap), "suspect": s,
            "articles": cx.articles(snap), "offence": _offence(snap, inc), "investigators": _ppns_team(snap),
            "legal_bases": list(proc["spdp"]), "addressee": [pros["head"], f"melalui {pros['via']}", "di",
                                                           district],
            "signatories": [cx.sign(f"Mengetahui,\nKepala {snap['office']['name']}", _head(snap)),
                            cx.sign(PPNS_TITLE, ppns)],
            "tembusan": _copies(snap, D.spdp, copies)}


def _summoned(snap, p: dict) -> tuple[dict, dict | None]:
    """The person summoned and, for a corporate suspect, the corporation the pengurus answers for."""
    if p["status"] != PersonStatus.tersangka:
        return p["person"], None
    s = cx.suspect(snap)
    return s["person"], s["corporation"]


def summons(snap):
    p, proc = snap["payload"], cx.procedure(snap)
    ppns = cx.ppns(snap)
    if not ppns:
        raise InvalidData("a summons is signed by a PPNS: the acting officer or an assigned one")
    person, corporation = _summoned(snap, p)
    zone = _zone(snap)
    return {"person": person, "status": p["status"], "status_label": PERSON_STATUS_LABELS[PersonStatus(p["status"])],
            "corporation": corporation, "expertise": p.get("expertise"), "suspect": cx.suspect(snap),
            "appointment": {"date": p["appointment_date"], "time": f"{p['appointment_time'].replace(':', '.')} {zone}",
                            "place": p.get("place") or snap["office"]["address"]},
            "investigator": cx.officer(ppns), "sprindik": cx.sprindik_ref(snap), "incident_report": cx.lk_ref(snap),
            "articles": cx.articles(snap), "legal_bases": list(proc["summons"]), "warning": proc["summons_warning"],
            "addressee": [f"Sdr. {person['name']}", person["address"]],
            "signatories": [cx.sign(f"Mengetahui,\nKepala {snap['office']['name']}", _head(snap)),
                            cx.sign(PPNS_TITLE, ppns)]}

