"""Builds the plain-value CaseFacts snapshot that guards read."""

from datetime import date

from sqlmodel import Session

from models import Case, Office, Officer
from wasnaker.domain.facts import ActorFacts, CaseFacts, DocFacts, FindingFacts, TimerFacts
from wasnaker.domain.payloads import missing_basis
from wasnaker.domain.policy import Policy
from wasnaker.domain.vocabulary import DocKind, DocStatus, FindingStatus, Regime, Role, State, TimerKind, TimerStatus
from wasnaker.services import repo
from wasnaker.services.timers import calendar_for


def actor_facts(actor: Officer, assigned: bool) -> ActorFacts:
    return ActorFacts(actor.username, Role(actor.role), actor.is_ppns, assigned)


def case_facts(session: Session, case: Case | None, actor: Officer, on: date, policy: Policy, office: Office,
               events: list | None = None) -> CaseFacts:
    """The snapshot the guards read, in a few statements: the office's staff with who of them is assigned to the
    case (one query), the case's findings, and the marks of its timers, documents and events (given when already
    read): plain columns, not the rows (an event's data is never read here)."""
    staff = repo.office_staff(session, office.id, case.id if case else None)
    base = dict(
        on=on, policy=policy, calendar=calendar_for(office, on),
        office_ppns=frozenset(o.username for o, _ in staff if o.is_ppns),
        office_inspectors=frozenset(o.username for o, _ in staff if o.role in (Role.inspector, Role.ppns)),
    )
    if case is None:
        return CaseFacts(state=None, actor=actor_facts(actor, False), **base)
    events = repo.event_marks(session, case.id) if events is None else events
    return CaseFacts(
        state=State(case.state), actor=actor_facts(actor, any(o.id == actor.id and on_case for o, on_case in staff)),
        regime=Regime(case.regime), details=dict(case.details),
        findings=tuple(_finding(f) for f in repo.findings(session, case.id)),
        timers=tuple(TimerFacts(TimerKind(kind), TimerStatus(status), due)
                     for kind, status, due in repo.timer_marks(session, case.id)),
        documents=tuple(DocFacts(DocKind(kind), DocStatus(status), on, number)
                        for kind, status, on, number in repo.document_marks(session, case.id)),
        history=tuple((trigger, on) for trigger, on, _ in events), **base,
    )


def _finding(f) -> FindingFacts:
    return FindingFacts(f.no, FindingStatus(f.status), f.article, f.corrective_order, f.workers_affected,
                        bool(f.workers), tuple(missing_basis(f.workers)))
