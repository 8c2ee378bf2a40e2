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


def spt(snap):
    p = snap["payload"]
    inspectors = [cx.officer(o) for o in snap["officers"]["assigned"]]
    return {"assignment": {"inspectors": inspectors, "purpose": p.get("purpose", ""),
                           "period_start": p.get("period_start"), "period_end": p.get("period_end")},
            "signatories": [cx.sign(f"Kepala {snap['office']['parent']}", snap["officers"]["kadis"])]}


def lhp(snap):
    return {"inspection": cx.inspection(snap), "findings": cx.findings(snap["findings"]),
            "recommendation": snap["details"].get("inspection", {}).get("recommendation", ""),
            "addressee": [f"Kepala {snap['office']['name']}"],
            "signatories": [cx.sign("Pengawas Ketenagakerjaan", o) for o in snap["officers"]["assigned"]]}


def _nota_common(snap, timer_kind):
    return {"inspection": cx.inspection(snap), "findings": cx.findings(cx.open_findings(snap)),
            "deadline": cx.deadline(snap, timer_kind), "addressee": cx.company_addressee(snap),
            "signatories": [cx.sign("Pengawas Ketenagakerjaan", cx.inspector(snap)), cx.mengetahui(snap)]}


def nota_1(snap):
    return _nota_common(snap, "nota_1_compliance")


def nota_2(snap):
    """Cites Nota I and the re-check after its deadline (the template's inspection date is the re-check's)."""
    first = cx.last_doc(snap, D.nota_1) or {"number": "", "date": "", "received_on": None}
    common = _nota_common(snap, "nota_2_compliance")
    recheck = snap["details"].get("recheck")
    if recheck:
        common["inspection"] = {**common["inspection"], "date": recheck["on"]}
    return {**common,
            "nota_1": {"number": first["number"], "date": first["date"], "received_on": first["received_on"]}}


def _workers(findings: list[dict]) -> list[dict]:
    merged: dict[str, dict] = {}
    for f in findings:
        for w in f["workers"]:
            entry = merged.setdefault(w["name"], {"name": w["name"], "position": w.get("position", ""), "items": []})
            entry["items"] += [{"label": i["label"], "amount": i["amount"]} for i in w["items"]]
    return [{**w, "total": sum(i["amount"] for i in w["items"])} for w in merged.values()]


def penetapan(snap):
    workers = _workers(cx.open_findings(snap))
    previous = cx.last_doc(snap, D.penetapan)
    redetermination = snap["payload"].get("finding_no") is not None
    return {"inspection": cx.inspection(snap), "findings": cx.findings(cx.open_findings(snap)), "workers": workers,
            "total_amount": sum(w["total"] for w in workers), "deadline": cx.deadline(snap, "penetapan_payment"),
            "redetermination_days": snap["redetermination_days"],
            "replaces": cx.ref(previous) if redetermination else None,
            "addressee": [*cx.company_addressee(snap), "Pekerja yang bersangkutan"],
            "signatories": [cx.sign("Pengawas Ketenagakerjaan", cx.inspector(snap))]}


def sanction_recommendation(snap):
    history = [{"title": DOC_TITLES[D(d["kind"])], "number": d["number"], "date": d["date"],
                "received_on": d["received_on"]}
               for d in snap["documents"] if d["kind"] in (D.nota_1, D.nota_2, D.penetapan) and d["number"]]
    p = snap["payload"]
    return {"history": history, "recommended_sanction": p.get("recommended_sanction", "teguran tertulis"),
            "findings": cx.findings(cx.open_findings(snap)),
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
                for f, s in zip(cx.findings(snap["findings"]), snap["findings"], strict=True)]
    return {"events": snap["events"], "findings": findings,
            "documents": [{"title": DOC_TITLES[D(d["kind"])], "number": d["number"], "date": d["date"],
                           "status": DOC_STATUS_LABELS[DocStatus(d["status"])], "received_on": d["received_on"],
                           "sha256": d["sha256"] or ""} for d in snap["documents"] if d["number"]],
            "timers": [{"label": t["label"], "length": t["length"], "unit": t["unit"], "start": t["start"],
                        "due_date": t["due_date"], "status": _timer_status(t),
                        "closed_on": t["closed_on"] if t["status"] == TimerStatus.closed else None}
                       for t in snap["timers"]],
            "addressee": [], "signatories": [cx.mengetahui(snap)]}
