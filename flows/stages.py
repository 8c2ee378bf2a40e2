"""One flow per stage of the enforcement ladder. A run carries out an officer's act as the application layer
sequences it (`acts.carry_out`: recorded and committed before anything else, then its deadline runs, documents
and notices), or, given `event_id`, what follows an act an officer already committed (`acts.follow_up`); then
publishes the case timeline, the deadline radar and the enforcement funnel. The stage a trigger belongs to is read
from the lifecycle table."""

from datetime import date, datetime

from prefect import flow

from flows.artifacts import publish_case_timeline, publish_radar_and_funnel
from flows.tasks import as_tasks
from wasnaker import clock
from wasnaker.application import acts
from wasnaker.domain import lifecycle
from wasnaker.domain.errors import TriggerNotAllowed, UnknownTrigger
from wasnaker.domain.lifecycle import Stage
from wasnaker.runtime import get_runtime


def RUN_NAME() -> str:
    """Runs read like the act: "issue_nota_1 WAS/UPTD-WIL.I/2026/0007" (coordinators scan these in the UI)."""
    from prefect.runtime import flow_run

    params = flow_run.parameters
    return f"{params['trigger']} {params.get('case_number') or '(new case)'} {params['on']}"


def _check_stage(stage: Stage, trigger: str) -> None:
    """A run of one stage's flow carries only that stage's triggers."""
    stages = {t.stage for t in lifecycle.TRANSITIONS if t.trigger == trigger}
    if not stages:
        raise UnknownTrigger(f"unknown trigger {trigger!r}")
    if stage not in stages:
        raise TriggerNotAllowed(f"{trigger!r} belongs to stage {', '.join(sorted(stages))}, not {stage.value}")


def _advance(stage: Stage, trigger: str, actor: str, on: date, case_number: str | None, data: dict | None,
             now: datetime | None, event_id: int | None = None) -> dict:
    _check_stage(stage, trigger)
    rt, now = get_runtime(), now or clock.now()
    if event_id:
        outcome = acts.follow_up(rt, event_id, now, runner=as_tasks)
    else:
        outcome = acts.carry_out(rt, trigger=trigger, actor=actor, on=on, now=now, case_number=case_number,
                                 data=data, runner=as_tasks)
    publish_case_timeline(outcome["case_number"])
    publish_radar_and_funnel(now)  # the act moved a deadline or a rung: coordinators see it now, not tomorrow
    return outcome


@flow(name="intake", flow_run_name=RUN_NAME)
def intake(trigger: str, actor: str, on: date, case_number: str | None = None, data: dict | None = None,
           now: datetime | None = None, event_id: int | None = None) -> dict:
    """Complaints, verification, assignment and the SPT."""
    return _advance(Stage.intake, trigger, actor, on, case_number, data, now, event_id)


@flow(name="inspection", flow_run_name=RUN_NAME)
def inspection(trigger: str, actor: str, on: date, case_number: str | None = None, data: dict | None = None,
               now: datetime | None = None, event_id: int | None = None) -> dict:
    """Findings, the inspection report (LHP) and closing without a Nota."""
    return _advance(Stage.inspection, trigger, actor, on, case_number, data, now, event_id)


@flow(name="warning-letters", flow_run_name=RUN_NAME)
def warning_letters(trigger: str, actor: str, on: date, case_number: str | None = None,
                    data: dict | None = None, now: datetime | None = None, event_id: int | None = None) -> dict:
    """Nota Pemeriksaan I and II, receipts, re-checks, sanction recommendations."""
    return _advance(Stage.warning_letters, trigger, actor, on, case_number, data, now, event_id)


@flow(name="penetapan", flow_run_name=RUN_NAME)
def penetapan(trigger: str, actor: str, on: date, case_number: str | None = None, data: dict | None = None,
              now: datetime | None = None, event_id: int | None = None) -> dict:
    """Penetapan of unpaid entitlements, payment, re-determination."""
    return _advance(Stage.penetapan, trigger, actor, on, case_number, data, now, event_id)


@flow(name="investigation", flow_run_name=RUN_NAME)
def investigation(trigger: str, actor: str, on: date, case_number: str | None = None,
                  data: dict | None = None, now: datetime | None = None, event_id: int | None = None) -> dict:
    """Laporan Kejadian, Sprindik, SPDP, summons, BAP, seizure, tipiring, SP3."""
    return _advance(Stage.investigation, trigger, actor, on, case_number, data, now, event_id)


@flow(name="prosecution", flow_run_name=RUN_NAME)
def prosecution(trigger: str, actor: str, on: date, case_number: str | None = None, data: dict | None = None,
                now: datetime | None = None, event_id: int | None = None) -> dict:
    """Tahap I, P-19 loop, P-21, Tahap II and the handover."""
    return _advance(Stage.prosecution, trigger, actor, on, case_number, data, now, event_id)


@flow(name="restorative-justice", flow_run_name=RUN_NAME)
def restorative_justice(trigger: str, actor: str, on: date, case_number: str | None = None,
                        data: dict | None = None, now: datetime | None = None, event_id: int | None = None) -> dict:
    """Peace agreement, its fulfilment (SP3 on RJ grounds) or breach."""
    return _advance(Stage.restorative_justice, trigger, actor, on, case_number, data, now, event_id)


STAGE_FLOWS = {
    Stage.intake: intake, Stage.inspection: inspection, Stage.warning_letters: warning_letters,
    Stage.penetapan: penetapan, Stage.investigation: investigation, Stage.prosecution: prosecution,
    Stage.restorative_justice: restorative_justice,
}


def flow_for(trigger: str, case_state: str | None):
    """The stage flow that handles `trigger` in `case_state` (None for a new case)."""
    row = lifecycle.find(lifecycle.S(case_state) if case_state else None, trigger)
    if row is None:
        raise TriggerNotAllowed(f"{trigger!r} is not allowed in state {case_state}")
    return STAGE_FLOWS[row.stage]
