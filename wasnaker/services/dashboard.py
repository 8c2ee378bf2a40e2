"""The coordinators' overview in the shapes the Prefect artifacts and the daily digest read, built on the figures
(wasnaker.services.figures): every office, the funnel over all time."""

from datetime import date, datetime

from sqlmodel import Session

from wasnaker.domain.notices import NoticeStatus
from wasnaker.domain.policy import Policy
from wasnaker.services.figures import funnel as funnel_
from wasnaker.services.figures import radar as radar_

ALL_TIME = (date(1900, 1, 1), date(2100, 12, 31))


def radar(session: Session, now: datetime, policy: Policy, soon_days: int = 7) -> list[dict]:
    """Deadlines that expired and wait for an officer, and those due within `soon_days`, every office."""
    rows = radar_.deadlines(session, now, policy, soon_days=soon_days)["rows"]
    return [{"office": r["office"], "case": r["case"], "deadline": r["label"], "due": r["due"].isoformat(),
             "days_left": r["days_left"], "status": r["urgency_label"]} for r in rows]


def funnel(session: Session) -> list[dict]:
    """Distinct cases that reached each rung, and complied after each Nota, over all time."""
    seen = funnel_.enforcement(session, *ALL_TIME)
    return [{"tahap": f["label"], "perkara": f["cases"]} for f in seen["rungs"] + seen["compliance"]]


def _letter(row: dict) -> str:
    return row["title"] + (f" Nomor {row['letter']}" if row["letter"] else "")


def notices_needing_attention(session: Session, now: datetime) -> list[dict]:
    """Letters that did not reach their addressee by e-mail (bounced, failed, still retrying) and letters
    waiting to be served by hand or post: each needs an officer."""
    waiting = radar_.unserved(session, now, status=NoticeStatus.awaiting_service)["rows"]
    return [{"case": r["case"], "to": r["to"], "letter": _letter(r), "status": r["status"],
             "attempts": r.get("attempts", 0), "error": r.get("error", "")}
            for r in radar_.failing(session, now)["rows"] + waiting]
