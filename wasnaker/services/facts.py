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
    case (one query), the case's findings, timers and documents, and its events (given when already read)."""
    staff = repo.office_staff(session, office.id, case.id if case else None)
    base = dict(
        on=on, policy=policy, calendar=calendar_for(office, on),
        office_ppns=frozenset(o.username for o, _ in staff if o.is_ppns),
        office_inspectors=frozenset(o.username for o, _ in staff if o.role in (Role.inspector, Role.ppns)),
    )
    if case is None:
        return CaseFacts(state=None, actor=actor_facts(actor, False), **base)
    events = repo.events(session, case.id) if events is None else events
    return CaseFacts(
        state=State(case.state), actor=actor_facts(actor, any(o.id == actor.id and on_case for o, on_case in staff)),
        regime=Regime(case.regime), details=dict(case.details),
        findings=tuple(_finding(f) for f in repo.findings(session, case.id)),
        timers=tuple(TimerFacts(TimerKind(t.kind), TimerStatus(t.status), t.due_date)
                     for t in repo.timers(session, case.id)),
        documents=tuple(DocFacts(DocKind(d.kind), DocStatus(d.status), d.doc_date, d.number)
                        for d in repo.documents(session, case.id)),
        history=tuple((e.trigger, e.on_date) for e in events), **base,
    )


def _finding(f) -> FindingFacts:
    return FindingFacts(f.no, FindingStatus(f.status), f.article, f.corrective_order, f.workers_affected,
                        bool(f.workers), tuple(missing_basis(f.workers)))
