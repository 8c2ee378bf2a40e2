"""An officer's act and what follows it. The act commits first, in one transaction through the door
(`services.transitions.apply_trigger`); everything after it (deadline runs, documents, notices) works on what
was committed, so an officer never waits for it to see the act recorded."""

from datetime import date, datetime

from wasnaker.application.notices import send_due
from wasnaker.application.runner import Runner, after_commit, direct
from wasnaker.application.steps import LOAD_ACT, RECORD, RENDER, SCHEDULE, START_STAGE_RUN


def record(rt, *, trigger: str, actor: str, on: date, now: datetime, case_number: str | None = None,
           data: dict | None = None, expected_version: int | None = None, late_reason: str | None = None,
           channel: str = "cli", runner: Runner = direct) -> dict:
    """Record the act (refused with a WasnakerError and nothing written when any check fails, or when the case is
    no longer at `expected_version`, the version the officer decided on; `late_reason` lets an act be recorded
    after a later-dated letter of its series, kept with its event), then keep the case's deadline runs in
    step (server mode). Its documents stay reserved until rendered."""
    outcome = {**runner(rt, RECORD, trigger, actor, on, now, case_number, data, expected_version, late_reason,
                        channel),
               "warnings": []}
    after_commit(rt, runner, SCHEDULE, outcome["case_number"], what="the act", warnings=outcome["warnings"],
                 fallback="the daily sweep (or the next `wasnaker up`) schedules its deadline runs")
    return outcome


def carry_out(rt, *, trigger: str, actor: str, on: date, now: datetime, case_number: str | None = None,
              data: dict | None = None, expected_version: int | None = None, late_reason: str | None = None,
              channel: str = "cli", runner: Runner = direct) -> dict:
    """The whole act: record it, keep its deadline runs in step, render the documents it reserved, send the
    notices due (its letters among them)."""
    outcome = record(rt, trigger=trigger, actor=actor, on=on, now=now, case_number=case_number, data=data,
                     expected_version=expected_version, late_reason=late_reason, channel=channel, runner=runner)
    return _follow(rt, outcome, now, runner)


def follow_up(rt, event_id: int, now: datetime, runner: Runner = direct) -> dict:
    """What follows an act already committed (`event_id`): the background stage run an officer's act started.
    Its deadline runs were scheduled when it was recorded."""
    return _follow(rt, runner(rt, LOAD_ACT, event_id), now, runner)


def _follow(rt, outcome: dict, now: datetime, runner: Runner) -> dict:
    outcome["documents"] = [runner(rt, RENDER, doc_id, now) for doc_id in outcome["documents"]]
    outcome["notices"] = send_due(rt, now, runner)  # the letters just issued go out at once
    return outcome


def perform(rt, *, trigger: str, actor: str, on: date, now: datetime, case_number: str | None = None,
            data: dict | None = None, expected_version: int | None = None, late_reason: str | None = None,
            channel: str = "cli", runner: Runner = direct) -> dict:
    """An officer's act from a front end (CLI, web). Embedded (no Prefect server): carried out whole in this
    process. Server mode: recorded and its deadline runs scheduled here; then, only when the act reserved
    documents (to render, and the notices of those letters to send), a background stage run does the rest
    (`follow_up`) and its id is returned as `stage_run`. An act without documents starts no run: there is nothing
    to render, and the door queues notices only for an act's letters (mail already waiting goes out with the
    next deliver-notices run; the case's timeline artifact follows at its next stage run). Its deadline runs are
    still kept in step: a receipt opens no timer yet starts a waiting clock, and the step calls Prefect only when
    a timer needs a run or a cancel."""
    act = dict(trigger=trigger, actor=actor, on=on, now=now, case_number=case_number, data=data,
               expected_version=expected_version, late_reason=late_reason, channel=channel, runner=runner)
    if not rt.on_server:
        return carry_out(rt, **act)
    outcome = record(rt, **act)
    if not outcome["documents"]:
        return {**outcome, "stage_run": None}
    later = "its documents are rendered by the next deliver-notices run (every 5 minutes) or `documents render`"
    return {**outcome, "documents": [],
            "stage_run": after_commit(rt, runner, START_STAGE_RUN, outcome, actor, on, what="the act",
                                      warnings=outcome["warnings"], fallback=later)}


def perform_deferred(rt, *, defer, **act) -> dict:
    """An officer's act from the web app, which answers at once: recorded (and its deadline runs scheduled) now;
    what follows — rendering its letters, sending its notices — runs in the background: a stage run on the
    Prefect server (server mode, as `perform`), or `defer(follow_up, rt, event_id, now)`, the app's own background
    worker (embedded mode). An act that reserved no letter leaves nothing behind."""
    if rt.on_server:
        return perform(rt, **act)
    outcome = record(rt, **act)
    if outcome["documents"]:
        defer(follow_up, rt, outcome["event_id"], act["now"])
    return {**outcome, "documents": [], "deferred": bool(outcome["documents"])}
