"""Reading cases: the list, one case whole (findings, timers, documents, notices, audit trail, the triggers open
next), and the coordinators' overview. Plain dicts."""

from datetime import datetime

from wasnaker.services import dashboard, queries


def list_cases(rt, state: str | None = None) -> list[dict]:
    with rt.session() as session:
        return queries.list_cases(session, state)


def show_case(rt, number: str) -> dict:
    with rt.session() as session:
        return queries.show_case(session, number)


def overview(rt, now: datetime) -> dict:
    """What coordinators watch: the deadline radar (overdue and soon due), the enforcement funnel (cases that
    reached each rung) and the letters that have not reached their addressee."""
    with rt.session() as session:
        return {"radar": dashboard.radar(session, now, rt.policy), "funnel": dashboard.funnel(session),
                "notices": dashboard.notices_needing_attention(session, now)}
