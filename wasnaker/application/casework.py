"""What the officers' pages read: the worklist ("Perkara saya"), one case whole, a document's PDF, a notice. Each
read is scoped to who is signed in (`SignedIn`): another office's case, document or notice is NotFound, like an
unknown one; the coordinator reads every office and is offered no act. Plain values with their Indonesian labels."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from wasnaker.application import timeline
from wasnaker.domain import ladder
from wasnaker.domain.formatting import tanggal
from wasnaker.domain.lifecycle import Stage
from wasnaker.domain.notices import AUDIENCE_LABELS, NOTICE_STATUS_LABELS
from wasnaker.domain.vocabulary import (
    CHANNEL_LABELS,
    DOC_STATUS_LABELS,
    DOC_TITLES,
    FINDING_STATUS_LABELS,
    ROLE_LABELS,
    STATE_LABELS,
    TIMER_STATUS_LABELS,
    Channel,
    DocKind,
    DocStatus,
    FindingStatus,
    Role,
    State,
    TimerKind,
    TimerStatus,
)
from wasnaker.services import casebook, scans

DUE_SOON_DAYS = 3
ATTEMPT_LABELS = {"sent": "terkirim", "retry": "gagal, dicoba lagi", "failed": "gagal", "bounced": "ditolak"}
SERVICE_METHOD_LABELS = {"hand": "diserahkan langsung (tanda terima)", "post": "pos tercatat",
                         "email": "pos-el, dikonfirmasi penerima", "email_deemed": "pos-el, dianggap diterima"}
_STATES, _STAGES = {s.value for s in State}, {s.value for s in Stage}
INTAKE_STATES = tuple(s.value for s in ladder.states_of(Stage.intake))
STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]
STAGE_CHOICES = [(s.value, ladder.STAGE_LABELS[s]) for s in Stage]


def filters_for(state: str | None, stage: str | None, text: str | None) -> dict:
    """The worklist's filters as given, each dropped when it names no state or stage."""
    return {"state": state if state in _STATES else "", "stage": stage if stage in _STAGES else "",
            "text": (text or "").strip()[:100]}


def _states(state: str, stage: str) -> tuple[str, ...] | None:
    if not state and not stage:
        return None  # every state but closed
    chosen = {state} if state else _STATES
    return tuple(sorted(chosen & ({s.value for s in ladder.states_of(Stage(stage))} if stage else chosen)))


def worklist(rt, who, now: datetime, *, state: str | None = None, stage: str | None = None,
             text: str | None = None) -> dict:
    """The signed-in officer's cases (see `services.casebook`), with the acts open to them and the nearest
    deadline of each."""
    chosen = filters_for(state, stage, text)
    filters = casebook.Filters(states=_states(chosen["state"], chosen["stage"]), text=chosen["text"])
    with rt.session() as session:
        found = casebook.worklist(session, who, filters, INTAKE_STATES, now)
    return {"filters": chosen, "total": found["total"], "limit": filters.limit,
            "cases": [_listed(rt, who, c) for c in found["cases"]]}


def _listed(rt, who, case: dict) -> dict:
    return {**case, **_where(case["state"]), "acts": acts_open(who, case["state"]),
            "deadline": _deadline(rt, case["deadline"]) if case["deadline"] else None}


def _where(state: str) -> dict:
    stage = ladder.STAGE_OF[State(state)]
    return {"label": STATE_LABELS[State(state)], "stage": stage.value if stage else "",
            "stage_label": ladder.STAGE_LABELS[stage] if stage else "Selesai"}


def acts_open(who, state: str) -> list[dict]:
    """The triggers the lifecycle table allows this officer's role in this state (none for the coordinator)."""
    return [{"trigger": t.trigger, "description": t.description} for t in ladder.open_to(who.role, state)]


def _deadline(rt, timer: dict) -> dict:
    days = timer["days_left"]
    return {**timer, "label": rt.policy.rule(TimerKind(timer["kind"])).label,
            "status_label": TIMER_STATUS_LABELS[TimerStatus(timer["status"])],
            "due_soon": not timer["overdue"] and days is not None and days <= DUE_SOON_DAYS}


def case_page(rt, who, number: str, now: datetime) -> dict:
    """One case whole: header, the ladder, findings, deadlines, documents, notices, the audit trail, the acts
    this officer may take now, and where the Prefect UI lists its runs (None without a Prefect server)."""
    with rt.session() as session:
        case = casebook.case_page(session, who, number, now)
    return {**case, **_where(case["state"]), "acts": acts_open(who, case["state"]),
            "ladder": _ladder(case), "findings": [_finding(f) for f in case["findings"]],
            "timers": [_deadline(rt, t) for t in case["timers"]],
            "documents": [_document(d) for d in case["documents"]],
            "notices": [_notice(n) for n in case["notices"]], "events": [_event(e) for e in case["events"]],
            "runs_url": timeline.flow_runs_url(rt.settings, number)}


def _ladder(case: dict) -> list[dict]:
    current = ladder.STAGE_OF[State(case["state"])]
    passed = ladder.reached([(e["from"], e["trigger"]) for e in case["events"]])
    return [{"stage": s.value, "label": ladder.STAGE_LABELS[s], "current": s == current, "reached": s in passed}
            for s in Stage]


def _finding(f: dict) -> dict:
    return {**f, "status_label": FINDING_STATUS_LABELS[FindingStatus(f["status"])]}


def _document(d: dict) -> dict:
    return {**d, "title": DOC_TITLES[DocKind(d["kind"])], "status_label": DOC_STATUS_LABELS[DocStatus(d["status"])],
            "draft": d["status"] == DocStatus.draft}


def _notice(n: dict) -> dict:
    audience = n["audience"]
    return {**n, "status_label": NOTICE_STATUS_LABELS.get(n["status"], n["status"]),
            "audience_label": AUDIENCE_LABELS.get(audience, "Petugas kantor"),
            "method_label": SERVICE_METHOD_LABELS.get(n["service_method"] or "", ""),
            "history": [{**a, "outcome_label": ATTEMPT_LABELS.get(a["outcome"], a["outcome"])} for a in n["history"]]}


def _event(e: dict) -> dict:
    role = e["role"]
    return {**e, "role_label": "" if role == Role.system else ROLE_LABELS[Role(role)],
            "channel_label": CHANNEL_LABELS[Channel(e["channel"])], "to_label": STATE_LABELS[State(e["to"])]}


def document_pdf(rt, who, doc_id: int) -> tuple[str, bytes]:
    """A document's PDF (issued, or a draft's preview) as file name and bytes; NotFound outside one's office."""
    with rt.session() as session:
        name, path = casebook.document_file(session, who, doc_id)
    return name, rt.store.get(path)


def notice(rt, who, notice_id: int) -> dict:
    """A notice of a case with its delivery attempts and receipt; NotFound outside one's office."""
    with rt.session() as session:
        found = casebook.notice(session, who, notice_id)
    document, zone = found["document"], ZoneInfo(found["timezone"])
    return {**_notice(found), "document": _document(document) if document else None,
            "history": [{**a, "local_time": _local(a["at"], zone)} for a in _notice(found)["history"]]}


def _local(moment: str, zone: ZoneInfo) -> str:
    """An attempt's moment in the office's time zone, as officers read it: `23 November 2026 09.05`."""
    at = datetime.fromisoformat(moment)
    at = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(zone)
    return f"{tanggal(at.date())} {at:%H.%M}"


def attach_scan(rt, who, doc_id: int, data: bytes, filename: str, declared: str | None, now) -> dict:
    """Keep the signed scan of an issued letter beside its PDF (its own sha256); InvalidData when the file is not
    a PDF, JPEG or PNG, is too large, or is not what its name or type says; NotFound outside one's office."""
    with rt.session() as session:
        scan = scans.attach(session, rt.store, who, doc_id, data, filename, declared,
                            max_bytes=rt.settings.upload_max_bytes, now=now)
        return {"id": scan.id, "sha256": scan.sha256, "media_type": scan.media_type}


def scan_file(rt, who, scan_id: int) -> tuple[str, str, bytes]:
    """A signed scan as file name, media type and bytes; NotFound outside one's office."""
    with rt.session() as session:
        scan = scans.scan_file(session, who, scan_id)
        path, media_type = scan.file_path, scan.media_type
    return path.replace("\\", "/").rsplit("/", 1)[-1], media_type, rt.store.get(path)


def document_case_number(rt, who, doc_id: int) -> str:
    with rt.session() as session:
        return casebook.document_case_number(session, who, doc_id)
