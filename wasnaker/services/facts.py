"""Builds the plain-value CaseFacts snapshot that guards read: from the case row, the case file the door read in
one statement (wasnaker.services.casefile) and this process's copy of the office's staff and calendar
(wasnaker.services.reference); no statement of its own."""

from datetime import date

from models import Case, Office, Officer
from wasnaker.domain.facts import ActorFacts, CaseFacts
from wasnaker.domain.policy import Policy
from wasnaker.domain.vocabulary import Regime, Role, State
from wasnaker.services import reference
from wasnaker.services.casefile import CaseFile


def actor_facts(actor: Officer, assigned: bool) -> ActorFacts:
    return ActorFacts(actor.username, Role(actor.role), actor.is_ppns, assigned)


def case_facts(case: Case | None, actor: Officer, on: date, policy: Policy, office: Office,
               ref: reference.Reference, file: CaseFile) -> CaseFacts:
    staff = ref.staff[office.id]
    base = dict(on=on, policy=policy, calendar=reference.calendar(ref, office, on),
                office_ppns=staff.ppns, office_inspectors=staff.inspectors)
    if case is None:
        return CaseFacts(state=None, actor=actor_facts(actor, False), **base)
    return CaseFacts(
        state=State(case.state), actor=actor_facts(actor, actor.id in file.assigned),
        regime=Regime(case.regime), details=dict(case.details), findings=file.findings, timers=file.timers,
        documents=file.documents, history=tuple((trigger, on) for trigger, on, _ in file.events), **base,
    )
