"""Helpers shared by the document context builders: plain values in, plain values out."""

from wasnaker.domain import laws
from wasnaker.domain.calendar import DayUnit
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.vocabulary import DocKind, DocStatus, FindingStatus, Role

D = DocKind


def officer(o: dict | None) -> dict:
    o = o or {}
    return {"name": o.get("name", ""), "nip": o.get("nip", ""), "rank": o.get("rank", "")}


def sign(capacity: str, o: dict | None) -> dict:
    return {"capacity": capacity, **officer(o)}


def ref(doc: dict | None) -> dict | None:
    return {"number": doc["number"], "date": doc["date"]} if doc else None


def last_doc(snap: dict, kind: DocKind) -> dict | None:
    docs = [d for d in snap["documents"] if d["kind"] == kind and d["status"] != DocStatus.draft]
    return docs[-1] if docs else None


def inspector(snap: dict) -> dict | None:
    officers = snap["officers"]["assigned"]
    return next((o for o in officers if o["role"] == Role.inspector), officers[0] if officers else None)


def ppns(snap: dict) -> dict | None:
    actor = snap["officers"]["actor"]
    if actor and actor.get("is_ppns"):
        return actor
    return next((o for o in snap["officers"]["assigned"] if o["is_ppns"]), None)


def company_addressee(snap: dict) -> list[str]:
    c = snap["company"]
    return [f"{c['head_title']} {c['name']}", c["address"]]


def open_findings(snap: dict) -> list[dict]:
    return [f for f in snap["findings"] if f["status"] != FindingStatus.complied]


def findings(items: list[dict]) -> list[dict]:
    keys = ("norm", "article", "facts", "order", "workers_affected", "amount")
    return [{"no": i, **{k: f[k] for k in keys}} for i, f in enumerate(items, start=1)]


def deadline(snap: dict, timer_kind: str) -> dict:
    timer = next((t for t in reversed(snap["timers"]) if t["kind"] == timer_kind), None)
    if not timer:
        return {"length": 0, "unit": DayUnit.days.value, "due_date": None}
    return {"length": timer["length"], "unit": timer["unit"], "due_date": timer["due_date"]}


def inspection(snap: dict) -> dict:
    insp, spt = snap["details"].get("inspection", {}), last_doc(snap, D.spt)
    return {"date": insp.get("inspection_date", ""), "place": insp.get("place") or snap["company"]["address"],
            "spt_number": spt["number"] if spt else "", "spt_date": spt["date"] if spt else ""}


def incident(snap: dict) -> dict:
    """The Laporan Kejadian's record; a case reported before identities were recorded is refused, never
    printed with holes."""
    inc = snap["details"].get("incident") or {}
    if not inc.get("suspect"):
        raise InvalidData("the case's Laporan Kejadian names no suspect with an identity (name, sex, place and date "
                          "of birth, nationality, occupation, address, NIK): record it with report_incident")
    return inc


def suspect(snap: dict) -> dict:
    """{kind, name, person, corporation}: `person` is the natural suspect, or the pengurus who answers for a
    corporate one (the person a summons goes to)."""
    s = incident(snap)["suspect"]
    corp = s.get("corporation")
    if corp:
        return {"kind": "corporation", "name": corp["name"], "person": corp["pengurus"],
                "corporation": {"name": corp["name"], "nib": corp["nib"], "address": corp["address"],
                                "position": corp["pengurus_position"]}}
    return {"kind": "person", "name": s["person"]["name"], "person": s["person"], "corporation": None}


def complainant(snap: dict) -> dict | None:
    """The complainant or victim, when the case has one: {name, capacity}."""
    if snap.get("complaint"):
        return {"name": snap["complaint"]["complainant_name"], "capacity": "Pelapor"}
    victim = (snap["details"].get("incident") or {}).get("victim")
    return {"name": victim["name"], "capacity": "Korban"} if victim else None


def procedure(snap: dict) -> dict:
    return snap["criminal"]["procedure"]


def prosecutor(snap: dict) -> dict:
    """The Kejaksaan Negeri of the offence's district and the Korwas the file goes through."""
    office = snap["criminal"]["prosecutor"]
    if not office:
        raise InvalidData("the Laporan Kejadian records no district of the offence: the prosecutor's office "
                          "cannot be named")
    return {"office": office, "head": f"Kepala {office}", "via": snap["criminal"]["korwas"]}


def refs(snap: dict, kind: DocKind) -> list[dict]:
    """Every issued letter of a kind in the case, oldest first: {number, date, received_on}."""
    return [{"number": d["number"], "date": d["date"], "received_on": d["received_on"]}
            for d in snap["documents"] if d["kind"] == kind and d["status"] != DocStatus.draft and d["number"]]


def required_ref(snap: dict, kind: DocKind, what: str) -> dict:
    doc = last_doc(snap, kind)
    if not doc or not doc["number"]:
        raise InvalidData(f"the case has no issued {what}: a letter citing it cannot be issued")
    return ref(doc)


def investigators(snap: dict) -> list[dict]:
    return [officer(o) for o in snap["officers"]["assigned"] if o["is_ppns"]]


def articles(snap: dict) -> list[str]:
    """The offence's articles as the law is cited (short forms such as "UU 13/2003" written out)."""
    return [laws.cite(a, snap.get("laws", {})) for a in snap["details"].get("criminal_articles", [])]


def cited_findings(snap: dict, items: list[dict]) -> list[dict]:
    """Numbered findings with the article (and the order) cited as the law is: "UU 13/2003" written out, its
    amendment named."""
    catalogue = snap.get("laws", {})
    return [{**f, "article": laws.cite(f["article"], catalogue), "order": laws.cite(f["order"], catalogue)}
            for f in findings(items)]


def mengetahui(snap: dict) -> dict:
    return sign(f"Mengetahui, Kepala {snap['office']['name']}", snap["officers"]["head"])


def recipients(snap, defaults):
    return snap["payload"].get("recipients") or defaults


def sprindik_ref(snap):
    return required_ref(snap, D.sprindik, "Surat Perintah Penyidikan")


def lk_ref(snap):
    return required_ref(snap, D.incident_report, "Laporan Kejadian")
