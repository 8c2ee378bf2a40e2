"""Where a case stands on the enforcement ladder, and what an officer may do there: the stage of each state, its
Indonesian label, and the rows of the lifecycle table open to a role. Pure; the pages and the worklist read it."""

from wasnaker.domain.lifecycle import TRANSITIONS, Stage, Transition
from wasnaker.domain.vocabulary import Role, State

STAGE_LABELS: dict[Stage, str] = {
    Stage.intake: "Pengaduan dan penugasan",
    Stage.inspection: "Pemeriksaan",
    Stage.warning_letters: "Nota Pemeriksaan",
    Stage.penetapan: "Penetapan",
    Stage.investigation: "Penyidikan",
    Stage.prosecution: "Penuntutan",
    Stage.restorative_justice: "Keadilan restoratif",
}

# The stage a case is in while it waits in a state (a closed case has left the ladder).
STAGE_OF: dict[State, Stage | None] = {
    State.complaint_received: Stage.intake, State.under_verification: Stage.intake, State.planned: Stage.intake,
    State.assigned: Stage.intake, State.inspecting: Stage.inspection, State.nota_1: Stage.warning_letters,
    State.nota_2: Stage.warning_letters, State.sanction_recommended: Stage.warning_letters,
    State.penetapan: Stage.penetapan, State.incident_report: Stage.investigation,
    State.investigation: Stage.investigation, State.tipiring: Stage.investigation,
    State.investigation_terminated: Stage.investigation, State.file_at_prosecutor: Stage.prosecution,
    State.file_returned: Stage.prosecution, State.file_complete: Stage.prosecution,
    State.handed_over: Stage.prosecution, State.restorative_justice: Stage.restorative_justice,
    State.closed: None,
}


def states_of(stage: Stage) -> tuple[State, ...]:
    return tuple(s for s, st in STAGE_OF.items() if st == stage)


def open_to(role: str, state: str) -> tuple[Transition, ...]:
    """The rows of the table this role may take in this state (guards are the door's to check); none for the
    coordinator, who reads and acts on nothing, nor for the system."""
    who = Role(role)
    return tuple(t for t in TRANSITIONS if t.source == State(state) and who in t.roles and who != Role.system)


def reached(steps: list[tuple[str | None, str]]) -> set[Stage]:
    """The stages a case went through, from its audit trail's (from_state, trigger) pairs."""
    rows = {(t.source, t.trigger): t.stage for t in TRANSITIONS}
    return {rows[(State(src) if src else None, trigger)] for src, trigger in steps
            if (State(src) if src else None, trigger) in rows}
