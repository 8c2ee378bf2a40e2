"""A case as the Prefect UI shows it, and the way from a case to its runs there. Coordinators read the timeline
artifact in a browser: every act by its Indonesian label from the lifecycle table, every state by its label, every
document linked to the web app's address (`/dokumen/{id}.pdf`, behind sign-in), never to a file path a browser
will not open. A case's runs (stage runs, deadline runs) carry the tag `case:{number}`; the Prefect UI lists them
filtered by that tag."""

from urllib.parse import quote

from wasnaker.domain import lifecycle
from wasnaker.domain.vocabulary import (
    DOC_STATUS_LABELS,
    DOC_TITLES,
    STATE_LABELS,
    TIMER_STATUS_LABELS,
    DocKind,
    DocStatus,
    State,
    TimerKind,
    TimerStatus,
)
from wasnaker.services import casebook
from wasnaker.settings import Settings

# The Prefect UI the server serves by default (Prefect 3.9); its runs page reads `tags` (comma-separated) from the
# query and lists the flow runs carrying any of them.
UI_RUNS_PATH = "/v2/runs"


def act_label(trigger: str, from_state: str | None) -> str | None:
    """The lifecycle row's description of the act (None for the system's own records: deadline ran out, sent)."""
    row = lifecycle.find(State(from_state) if from_state else None, trigger)
    return row.description if row else None


def case_url(settings: Settings, number: str) -> str:
    return f"{settings.public_url.rstrip('/')}/perkara/{quote(number, safe='/')}"


def document_url(settings: Settings, doc_id: int) -> str:
    return f"{settings.public_url.rstrip('/')}/dokumen/{doc_id}.pdf"


def flow_runs_url(settings: Settings, number: str) -> str | None:
    """The Prefect UI's runs of this case (filtered by its `case:` tag); None when no Prefect server is set."""
    api = settings.prefect_api_url
    if not api:
        return None
    ui = (settings.prefect_ui_url or api.rstrip("/").removesuffix("/api")).rstrip("/").removesuffix("/v2")
    return f"{ui}{UI_RUNS_PATH}?tags={quote(f'case:{number}', safe='')}"


def _event(e: dict) -> dict:
    return {**e, "label": act_label(e["trigger"], e["from"]) or e["description"],
            "to_label": STATE_LABELS[State(e["to"])]}


def _document(settings: Settings, d: dict) -> dict:
    return {**d, "title": DOC_TITLES[DocKind(d["kind"])], "status_label": DOC_STATUS_LABELS[DocStatus(d["status"])],
            "url": document_url(settings, d["id"]) if d["path"] else None}


def _timer(rt, t: dict) -> dict:
    return {**t, "label": rt.policy.rule(TimerKind(t["kind"])).label,
            "status_label": TIMER_STATUS_LABELS[TimerStatus(t["status"])]}


def case_timeline(rt, number: str) -> dict:
    """The case with its Indonesian labels and web addresses, for the timeline artifact of its runs."""
    with rt.session() as session:
        case = casebook.timeline(session, number)
    return {**case, "url": case_url(rt.settings, number), "runs_url": flow_runs_url(rt.settings, number),
            "events": [_event(e) for e in case["events"]],
            "documents": [_document(rt.settings, d) for d in case["documents"]],
            "timers": [_timer(rt, t) for t in case["timers"]]}
