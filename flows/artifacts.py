"""What coordinators read in the Prefect UI: a case timeline per stage run, the deadline radar and the
enforcement funnel per sweep run."""

from datetime import datetime

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from wasnaker.application.cases import overview, show_case
from wasnaker.runtime import get_runtime


def _key(text: str) -> str:
    """Artifact keys allow lowercase letters, numbers and dashes."""
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def timeline_markdown(case: dict) -> str:
    lines = [f"# {case['number']} — {case['company']}", "",
             f"**Keadaan:** {case['label']}" + (f" — {case['close_label']}" if case["close_label"] else ""), "",
             "| Tanggal | Pelaku | Tindakan | Menjadi |", "|---|---|---|---|"]
    lines += [f"| {e['on']} | {e['actor']} | {e['trigger']} | {e['to']} |" for e in case["events"]]
    lines += ["", "## Dokumen", ""]
    lines += [f"- {d['kind']} **{d['number'] or 'DRAF'}** — "
              + (f"[PDF](file://{d['path']}) sha256 `{d['sha256'][:16]}`" if d["path"] else d["status"])
              for d in case["documents"]]
    lines += ["", "## Jangka waktu", ""]
    lines += [f"- {t['kind']}: {t['status']}, jatuh tempo {t['due'] or '-'}" for t in case["timers"]]
    return "\n".join(lines)


@task(name="publish-case-timeline")
def publish_case_timeline(case_number: str) -> str:
    case = show_case(get_runtime(), case_number)
    return str(create_markdown_artifact(markdown=timeline_markdown(case), key=_key(f"case-{case_number}"),
                                        description=f"Kronologi {case_number}"))


@task(name="publish-radar-and-funnel")
def publish_radar_and_funnel(now: datetime) -> dict:
    seen = overview(get_runtime(), now)
    radar, funnel, notices = seen["radar"], seen["funnel"], seen["notices"]
    create_table_artifact(table=radar or [{"office": "-", "case": "-", "deadline": "tidak ada", "due": "-",
                                           "days_left": "-", "status": "-"}],
                          key="deadline-radar", description="Jangka waktu terlambat dan segera jatuh tempo")
    create_table_artifact(table=funnel, key="enforcement-funnel", description="Corong penegakan hukum")
    create_table_artifact(table=notices or [{"case": "-", "to": "-", "letter": "tidak ada", "status": "-",
                                             "attempts": "-", "error": "-"}],
                          key="notices-attention", description="Surat yang belum sampai: e-mail gagal atau ditolak, "
                                                               "menunggu diantar atau dikirim pos")
    return {"radar": len(radar), "funnel": funnel, "notices": len(notices)}
