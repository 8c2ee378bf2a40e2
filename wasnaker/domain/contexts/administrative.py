"""Contexts of the administrative track: intake, inspection, Nota I/II, Penetapan, recommendation, reminder,
chronology."""

from wasnaker.domain.contexts import common as cx
from wasnaker.domain.contexts.common import D
from wasnaker.domain.vocabulary import (
    DOC_STATUS_LABELS,
    DOC_TITLES,
    FINDING_STATUS_LABELS,
    TIMER_STATUS_LABELS,
    DocStatus,
    FindingStatus,
    TimerStatus,
)


def complaint_receipt(snap):
    c = snap["complaint"] or {}
    keys = ("received_on", "channel", "complainant_name", "complainant_contact", "summary", "norms", "evidence")
    return {"complaint": {k: c.get(k) for k in keys}, "addressee": [c.get("complainant_name", "")],
            "signatories": [cx.sign("Petugas Penerima Pengaduan", snap["officers"]["actor"])]}


def _followed_letter(snap) -> dict | None:
    """The letter whose fulfilment a re-inspection checks: the latest Nota or Penetapan issued."""
    letters = [d for d in snap["documents"] if d["kind"] in (D.nota_1, D.nota_2, D.penetapan) and d["number"]]
    if not letters:
        return None
    last = letters[-1]
    return {"title": DOC_TITLES[D(last["kind"])], "number": last["number"], "date": last["date"]}


def spt(snap):
    p = snap["payload"]
    inspectors = [cx.officer(o) for o in snap["officers"]["assigned"]]
    return {"assignment": {"inspectors": inspectors, "purpose": p.get("purpose", ""),
                           "period_start": p.get("period_start"), "period_end": p.get("period_end"),
                           "follows": _followed_letter(snap)},
            "signatories": [cx.sign(f"Kepala {snap['office']['parent']}", snap["officers"]["kadis"])]}


def _findings(snap, items: list[dict]) -> list[dict]:
    return cx.cited_findings(snap, items)


def _spt_for(snap, day: str | None) -> dict | None:
    """The SPT that ordered what happened on `day`: the latest whose period includes it, else the latest."""
    spts = snap.get("spts") or []
    covering = [s for s in spts if day and s["period_start"] and s["period_start"] <= day <= (s["period_end"] or "")]
    return (covering or spts or [None])[-1] or cx.last_doc(snap, D.spt)


def _inspection(snap, day: str | None = None) -> dict:
    """The inspection (or the re-check on `day`) with the SPT that ordered it."""
    insp = snap["details"].get("inspection", {})
    day = day or insp.get("inspection_date", "")
    spt = _spt_for(snap, day)
    return {"date": day, "place": insp.get("place") or snap["company"]["address"],
            "spt_number": spt["number"] if spt else "", "spt_date": spt["date"] if spt else ""}


def lhp(snap):
    return {"inspection": _inspection(snap), "findings": _findings(snap, snap["findings"]),
            "recommendation": snap["details"].get("inspection", {}).get("recommendation", ""),
            "addressee": [f"Kepala {snap['office']['name']}"],
            "signatories": [cx.sign("Pengawas Ketenagakerjaan", o) for o in snap["officers"]["assigned"]]}


def _nota_common(snap, timer_kind):
    return {"inspection": _inspection(snap), "findings": _findings(snap, cx.open_findings(snap)),
            "deadline": cx.deadline(snap, timer_kind), "addressee": cx.company_addressee(snap),
            "signatories": [cx.sign("Pengawas Ketenagakerjaan", cx.inspector(snap)), cx.mengetahui(snap)]}


def nota_1(snap):
    return _nota_common(snap, "nota_1_compliance")


def nota_2(snap):
    """Cites Nota I and the re-check after its deadline, with the SPT that ordered the re-check."""
    first = cx.last_doc(snap, D.nota_1) or {"number": "", "date": "", "received_on": None}
    common = _nota_common(snap, "nota_2_compliance")
    recheck = snap["details"].get("recheck")
    if recheck:
        common["inspection"] = _inspection(snap, recheck["on"])
    return {**common,
            "nota_1": {"number": first["number"], "date": first["date"], "received_on": first["received_on"]}}


_ITEM_KEYS = ("label", "period", "due", "paid", "amount")


def _workers(findings: list[dict]) -> list[dict]:
    merged: dict[str, dict] = {}
    for f in findings:
        for w in f["workers"]:
            entry = merged.setdefault(w["name"], {"name": w["name"], "position": w.get("position", ""), "items": []})
            entry["items"] += [{k: i.get(k) for k in _ITEM_KEYS} for i in w["items"]]
    return [{**w, "total": sum(i["amount"] for i in w["items"])} for w in merged.values()]


def _distinct(values) -> list:
    return list(dict.fromkeys(v for v in values if v))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


_SMALL = {"dan", "atas", "di", "ke", "dari", "yang", "untuk"}


def _sentence(label: str) -> str:
    """A label as it reads inside a sentence: "Upah kerja lembur" -> "upah kerja lembur"; "THR" stays."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def _title(text: str) -> str:
    return " ".join(w if w in _SMALL or not w.islower() else w.capitalize() for w in text.split())


def penetapan(snap):
    """The determination of the workers' rights: which rights, for whom, the period, and per worker what was due,
    what was paid and the shortfall (the annex); it replaces the previous one on a re-determination."""
    open_findings = cx.open_findings(snap)
    workers = _workers(open_findings)
    rights = _distinct(_sentence(i["label"]) for w in workers for i in w["items"])
    previous = cx.last_doc(snap, D.penetapan)
    redetermination = snap["payload"].get("finding_no") is not None
    about = f"Perhitungan dan Penetapan Hak atas {_title(_and(rights))} Pekerja/Buruh {snap['company']['name']}"
    return {"doc": {"perihal": about}, "inspection": _inspection(snap),
            "findings": _findings(snap, open_findings), "workers": workers,
            "rights": rights, "periods": _distinct(i["period"] for w in workers for i in w["items"]),
            "total_amount": sum(w["total"] for w in workers), "deadline": cx.deadline(snap, "penetapan_payment"),
            "redetermination_days": snap["redetermination_days"],
            "replaces": cx.ref(previous) if redetermination else None,
            "addressee": [*cx.company_addressee(snap), "Pekerja/buruh sebagaimana tercantum dalam Lampiran"],
            "signatories": [cx.sign("Pengawas Ketenagakerjaan", cx.inspector(snap))]}


def sanction_recommendation(snap):
    history = [{"title": DOC_TITLES[D(d["kind"])], "number": d["number"], "date": d["date"],
                "received_on": d["received_on"]}
               for d in snap["documents"] if d["kind"] in (D.nota_1, D.nota_2, D.penetapan) and d["number"]]
    p = snap["payload"]
    return {"history": history, "recommended_sanction": p.get("recommended_sanction", "teguran tertulis"),
            "findings": _findings(snap, cx.open_findings(snap)),
            "addressee": [p.get("licensing_official") or "Pejabat Pemberi Izin Berusaha"],
            "signatories": [cx.sign("Pengawas Ketenagakerjaan", cx.inspector(snap)),
                            cx.sign(f"Kepala {snap['office']['parent']}", snap["officers"]["kadis"])]}


def reminder(snap):
    p = snap["payload"]
    return {"regarding": p["regarding"], "deadline": p["deadline"], "days_left": p["days_left"],
            "addressee": cx.company_addressee(snap),
            "signatories": [cx.sign("a.n. Pengawas Ketenagakerjaan", cx.inspector(snap))]}


def _timer_status(t: dict) -> str:
    status = TimerStatus(t["status"])
    if status == TimerStatus.closed and t.get("expired"):
        return f"{TIMER_STATUS_LABELS[TimerStatus.expired]}, {TIMER_STATUS_LABELS[status].lower()}"
    return TIMER_STATUS_LABELS[status]


def chronology(snap):
    """The violations with their status, every act told from its facts, the letters issued, the deadlines."""
    findings = [{**f, "status": FINDING_STATUS_LABELS[FindingStatus(s["status"])]}
                for f, s in zip(cx.cited_findings(snap, snap["findings"]), snap["findings"], strict=True)]
    return {"events": snap["events"], "findings": findings,
            "documents": [{"title": DOC_TITLES[D(d["kind"])], "number": d["number"], "date": d["date"],
                           "status": DOC_STATUS_LABELS[DocStatus(d["status"])], "received_on": d["received_on"],
                           "sha256": d["sha256"] or ""} for d in snap["documents"] if d["number"]],
            "timers": [{"label": t["label"], "length": t["length"], "unit": t["unit"], "start": t["start"],
                        "due_date": t["due_date"], "status": _timer_status(t),
                        "closed_on": t["closed_on"] if t["status"] == TimerStatus.closed else None}
                       for t in snap["timers"]],
            "audit_head": snap["audit_head"], "addressee": [], "signatories": [cx.mengetahui(snap)]}
