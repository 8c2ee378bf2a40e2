"""Cases with a Nota I issued and waiting for its receipt, and their letters rendered."""

from sqlmodel import select

from models import Case, CaseEvent, Notice, Timer
from tests.helpers import act, to_inspecting
from wasnaker.application.documents import render
from wasnaker.db import session_scope


def issue_nota(engine, start="2026-05-04", nota_on="2026-05-05", **data) -> str:
    number = to_inspecting(engine, start=start)
    act(engine, "issue_nota_1", "budi", nota_on, number, deadline_days=14, **data)
    return number


def render_letters(rt, now) -> None:
    """Only the letters that go out by e-mail (rendering everything would be slow and prove nothing more)."""
    with rt.session() as s:
        ids = s.exec(select(Notice.document_id).where(Notice.channel == "email", Notice.document_id.is_not(None))
                     .distinct()).all()
    for doc_id in ids:
        render(rt, doc_id, now)


def notices(engine, **where) -> list[Notice]:
    with session_scope(engine) as s:
        query = select(Notice).order_by(Notice.id)
        for name, value in where.items():
            query = query.where(getattr(Notice, name) == value)
        return list(s.exec(query))


def company_notice(engine, number: str) -> Notice:
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.number == number)).one()
        return s.exec(select(Notice).where(Notice.case_id == case.id, Notice.audience == "company")).one()


def nota_timer(engine, number: str) -> Timer:
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.number == number)).one()
        return s.exec(select(Timer).where(Timer.case_id == case.id, Timer.kind == "nota_1_compliance")).one()


def events(engine, number: str, trigger: str | None = None) -> list[CaseEvent]:
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.number == number)).one()
        query = select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        return list(s.exec(query.where(CaseEvent.trigger == trigger) if trigger else query))
