"""What coordinators read in the Prefect UI: a case timeline per stage run; the deadline radar, the enforcement
funnel and the letters that did not arrive, published when `wasnaker up` starts and after every sweep and stage
run. Words are the lifecycle table's Indonesian labels; links go to the web app, never to a file path."""

from datetime import datetime

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.naming import at_moment
from flows.tasks import DATABASE_AWAY_DELAYS
from wasnaker.application.cases import overview
from wasnaker.application.timeline import case_timeline
from wasnaker.domain.errors import DatabaseUnavailable
from wasnaker.domain.notices import NOTICE_STATUS_LABELS
from wasnaker.runtime import get_runtime

RADAR_COLUMNS = {"office": "kantor", "case": "perkara", "deadline": "jangka waktu", "due": "jatuh tempo",
                 "days_left": "sisa hari", "status": "keadaan"}
NOTICE_COLUMNS = {"case": "perkara", "to": "kepada", "letter": "surat", "status": "status", "attempts": "percobaan",
                  "error": "kesalahan"}
_MARKDOWN = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"} | {"\n": " ", "\r": " "})



def _database_away(task, task_run, state) -> bool:
    return isinstance(state.result(raise_on_failure=False), DatabaseUnavailable)


# Publishing reads the database after the act's work is done: a database away for about a minute is waited out
# rather than failing a run whose letters and notices already went.
WAIT_OUT_DATABASE = {"retries": len(DATABASE_AWAY_DELAYS), "retry_delay_seconds": list(DATABASE_AWAY_DELAYS),
                     "retry_condition_fn": _database_away}


def _key(text: str) -> str:
    """Artifact keys allow lowercase letters, numbers and dashes."""
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def _text(value) -> str:
    """Text as it was typed (a company's or an officer's name, a sentence quoting a note), never markdown."""
    return str(value if value is not None else "-").translate(_MARKDOWN)


def _document_line(d: dict) -> str:
    pdf = f"[PDF]({d['url']}) sha256 `{d['sha256'][:16]}`" if d["url"] and d["sha256"] else (
        f"[PDF]({d['url']})" if d["url"] else d["status_label"])
    return f"- {_text(d['title'])} **{_text(d['number'] or 'DRAF')}** — {pdf}"


def timeline_markdown(case: dict) -> str:
    """The case's timeline (`application.timeline.case_timeline`) as the markdown of its artifact."""
    state = _text(case["label"]) + (f" — {_text(case['close_label'])}" if case["close_label"] else "")
    lines = [f"# [{_text(case['number'])}]({case['url']}) — {_text(case['company'])}", "", f"**Keadaan:** {state}",
             "", "| Tanggal | Pelaku | Tindakan | Menjadi |", "|---|---|---|---|"]
    lines += [f"| {e['on']} | {_text(e['actor'])} | {_text(e['label'])} | {_text(e['to_label'])} |"
              for e in case["events"]]
    lines += ["", "## Dokumen", "", *([_document_line(d) for d in case["documents"]] or ["- belum ada"])]
    lines += ["", "## Jangka waktu", ""]
    lines += [f"- {_text(t['label'])}: {_text(t['status_label'])}, jatuh tempo {t['due'] or '-'}"
              for t in case["timers"]] or ["- belum ada"]
    if case["runs_url"]:
        lines += ["", f"[Semua run perkara ini]({case['runs_url']})"]
    return "\n".join(lines)


@task(name="publish-case-timeline", **WAIT_OUT_DATABASE)
def publish_case_timeline(case_number: str) -> str:
    case = case_timeline(get_runtime(), case_number)
    return str(create_markdown_artifact(markdown=timeline_markdown(case), key=_key(f"case-{case_number}"),
                                        description=f"Kronologi {case_number}"))


def _columns(rows: list[dict], names: dict[str, str]) -> list[dict]:
    return [{names.get(k, k): v for k, v in row.items()} for row in rows]


def _notices(rows: list[dict]) -> list[dict]:
    return _columns([{**r, "status": NOTICE_STATUS_LABELS.get(r["status"], r["status"])} for r in rows],
                    NOTICE_COLUMNS)


@task(name="publish-radar-and-funnel", **WAIT_OUT_DATABASE)
def publish_radar_and_funnel(now: datetime) -> dict:
    """The radar, the funnel and the letters needing an officer as table artifacts (keyed: the Artifacts page
    shows the latest of each)."""
    seen = overview(get_runtime(), now)
    radar, funnel, notices = seen["radar"], seen["funnel"], seen["notices"]
    create_table_artifact(table=_columns(radar, RADAR_COLUMNS) or [dict.fromkeys(RADAR_COLUMNS.values(), "-")
                                                                   | {"jangka waktu": "tidak ada"}],
                          key="deadline-radar", description="Jangka waktu terlambat dan segera jatuh tempo")
    create_table_artifact(table=funnel, key="enforcement-funnel", description="Corong penegakan hukum")
    create_table_artifact(table=_notices(notices) or [dict.fromkeys(NOTICE_COLUMNS.values(), "-")
                                                                      | {"surat": "tidak ada"}],
                          key="notices-attention", description="Surat yang belum sampai: e-mail gagal atau ditolak, "
                                                               "menunggu diantar atau dikirim pos")
    return {"radar": len(radar), "funnel": funnel, "notices": len(notices)}


@flow(name="publish-overview", flow_run_name=at_moment)
def publish_overview(as_of: datetime) -> dict:
    """`wasnaker up` runs this once its server is healthy, so the Artifacts page is not empty until the nightly
    sweep (Prefect deprecates artifacts created outside a run)."""
    return publish_radar_and_funnel(as_of)
