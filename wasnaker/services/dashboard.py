"""What coordinators watch: the deadline radar (overdue and soon-due deadlines per office) and the enforcement
funnel (how many cases reached each rung of the ladder)."""

from datetime import datetime, timedelta

from sqlmodel import Session, func, select

from models import Case, CaseEvent, Notice, Office, Timer
from models._types import as_utc
from wasnaker import clock
from wasnaker.domain.notices import NoticeStatus
from wasnaker.domain.policy import Policy
from wasnaker.domain.vocabulary import TimerKind, TimerStatus

FUNNEL = (
    ("Pemeriksaan", ("record_inspection",)),
    ("Nota Pemeriksaan I", ("issue_nota_1",)),
    ("Nota Pemeriksaan II", ("issue_nota_2",)),
    ("Penetapan", ("issue_penetapan",)),
    ("Rekomendasi sanksi", ("recommend_sanction", "send_sanction_recommendation")),
    ("Laporan Kejadian", ("report_incident",)),
    ("Penyidikan (Sprindik)", ("start_investigation",)),
    ("Tipiring", ("open_tipiring",)),
    ("P-21", ("receive_p21", "deem_file_complete")),
    ("Tahap II", ("hand_over",)),
    ("Keadilan restoratif", ("start_restorative_justice",)),
    ("SP3", ("terminate_investigation", "record_rj_fulfilment")),
)


def radar(session: Session, now: datetime, policy: Policy, soon_days: int = 7) -> list[dict]:
    """Deadlines that expired and wait for an officer, and those due within `soon_days`, per office."""
    query = (select(Timer, Case.number, Office.code, Office.timezone).join(Case, Case.id == Timer.case_id)
             .join(Office, Office.id == Case.office_id)
             .where(Timer.status.in_((TimerStatus.running, TimerStatus.expired)))
             .order_by(Office.code, Timer.expires_at))
    rows = []
    for timer, number, office, tz in session.exec(query).all():
        expires = as_utc(timer.expires_at)
        overdue = timer.status == TimerStatus.expired or expires <= now
        if overdue or expires <= now + timedelta(days=soon_days):
            days = (timer.due_date - clock.local_date(now, tz)).days
            rows.append({"office": office, "case": number, "deadline": policy.rule(TimerKind(timer.kind)).label,
                         "due": timer.due_date.isoformat(), "days_left": days,
                         "status": "terlambat" if overdue else "segera"})
    return rows


def funnel(session: Session) -> list[dict]:
    """Distinct cases that reached each rung, counted from the audit trail."""
    out = []
    for label, triggers in FUNNEL:
        count = session.exec(select(func.count(func.distinct(CaseEvent.case_id)))
                             .where(CaseEvent.trigger.in_(triggers))).one()
        out.append({"tahap": label, "perkara": count})
    return out


_NEEDS_AN_OFFICER = (NoticeStatus.bounced, NoticeStatus.failed, NoticeStatus.retrying, NoticeStatus.awaiting_service)


def notices_needing_attention(session: Session) -> list[dict]:
    """Letters that did not reach their addressee by e-mail (bounced, failed, still retrying) and letters
    waiting to be served by hand or post: each needs an officer."""
    query = (select(Notice, Case.number).join(Case, Case.id == Notice.case_id)
             .where(Notice.status.in_(_NEEDS_AN_OFFICER))
             .order_by(Notice.id))
    return [{"case": number, "to": n.recipient_name or n.recipient, "letter": n.subject.split(" [")[0],
             "status": n.status, "attempts": n.attempts, "error": n.last_error[:120]}
            for n, number in session.exec(query)]
