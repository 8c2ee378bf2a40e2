"""The daily digest: each officer's overdue and soon-due deadlines in one message (the head and the coordinator
see their whole office; inspectors and PPNS the cases they are assigned to)."""

from datetime import datetime

from sqlmodel import Session, select

from models import Case, CaseOfficer, Office, Officer, Timer
from wasnaker import clock
from wasnaker.domain.formatting import tanggal
from wasnaker.domain.policy import Policy
from wasnaker.domain.vocabulary import Role, TimerKind, TimerStatus
from wasnaker.services import dashboard, outbox

OFFICE_WIDE = (Role.head, Role.coordinator)
READERS = (Role.inspector, Role.ppns, *OFFICE_WIDE)
MAX_HORIZON = 60  # the longest an office may set (office_config.Service)


def _assigned(session: Session, officer: Officer) -> set[str]:
    query = select(Case.number).join(CaseOfficer, CaseOfficer.case_id == Case.id)
    return set(session.exec(query.where(CaseOfficer.officer_id == officer.id)))


def items_for(session: Session, officer: Officer, office: Office, radar: list[dict], horizon: int) -> list[dict]:
    mine = [r for r in radar if r["office"] == office.code and (r["status"] != "segera" or r["days_left"] <= horizon)]
    if officer.role in OFFICE_WIDE:
        return mine
    cases = _assigned(session, officer)
    return [r for r in mine if r["case"] in cases]


def body(officer: Officer, items: list[dict], today) -> str:
    lines = [f"Yth. {officer.name},", "", f"Tenggat perkara per {tanggal(today)}:", ""]
    for status, title in (("terlambat", "TERLAMBAT (menunggu tindakan)"), ("segera", "SEGERA JATUH TEMPO")):
        rows = [r for r in items if r["status"] == status]
        if rows:
            lines += [f"{title}:"] + [f"- {r['case']}: {r['deadline']}, jatuh tempo {tanggal(r['due'])} "
                                      f"({_days(r['days_left'])})" for r in rows] + [""]
    waiting = [r for r in items if r["status"] == "menunggu"]
    if waiting:
        lines += ["MENUNGGU TANDA TERIMA (jangka waktu belum berjalan):"] + [
            f"- {r['case']}: {r['deadline']}, surat diterbitkan {tanggal(r['since'])}" for r in waiting] + [""]
    return "\n".join(lines + ["Rincian: wasnaker case show <nomor perkara>."])


def _days(n: int) -> str:
    return f"{n} hari lagi" if n > 0 else "hari ini" if n == 0 else f"lewat {-n} hari"


def awaiting_receipt(session: Session, policy: Policy) -> list[dict]:
    """Letters whose deadline cannot start: nobody has recorded that the company received them."""
    query = (select(Timer, Case.number, Office.code).join(Case, Case.id == Timer.case_id)
             .join(Office, Office.id == Case.office_id).where(Timer.status == TimerStatus.awaiting_receipt)
             .order_by(Timer.opened_on, Timer.id))
    return [{"office": office, "case": number, "deadline": policy.rule(TimerKind(t.kind)).label,
             "since": t.opened_on, "status": "menunggu"} for t, number, office in session.exec(query)]


def compose(session: Session, now: datetime, policy: Policy) -> list[dict]:
    """One digest per officer with something due, once per day (the key is the officer and the day)."""
    radar = dashboard.radar(session, now, policy, soon_days=MAX_HORIZON) + awaiting_receipt(session, policy)
    made = []
    for officer, office in session.exec(select(Officer, Office).join(Office, Office.id == Officer.office_id)
                                        .where(Officer.active, Officer.role.in_(READERS)).order_by(Officer.id)):
        items = items_for(session, officer, office, radar, policy.for_office(office.settings).digest_horizon_days)
        if not items:
            continue
        today = clock.local_date(now, office.timezone)
        late, soon = (sum(r["status"] == s for r in items) for s in ("terlambat", "segera"))
        subject = f"Ringkasan tenggat {tanggal(today)}: {late} terlambat, {soon} segera jatuh tempo"
        if waiting := len(items) - late - soon:
            subject += f", {waiting} menunggu tanda terima"
        for notice in outbox.tell_officers(session, None, [officer], key=f"digest:{today.isoformat()}",
                                           subject=subject, body=body(officer, items, today), now=now):
            made.append({"to": officer.username, "items": len(items), "channel": notice.channel})
    return made
