"""Keeps each timer's scheduled deadline run in step with the timer: schedule when it runs, reschedule when its
due moment moves, cancel when it closes early. Runs after the act has committed; never inside the door."""

from dataclasses import dataclass

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from models import Case, Timer
from models._types import as_utc
from wasnaker.adapters.scheduling import DeadlineRun, DeadlineScheduler
from wasnaker.domain.vocabulary import TimerStatus
from wasnaker.services import repo


def _run_for(session: Session, timer: Timer, installation: str) -> DeadlineRun:
    case = session.get(Case, timer.case_id)
    office = repo.office(session, case.office_id)
    name = f"{case.number} · {timer.kind} · jatuh tempo {timer.due_date.isoformat()}"
    return DeadlineRun(timer.id, as_utc(timer.expires_at), name, (f"office:{office.code}", "deadline",
                                                                 f"case:{case.number}", f"timer:{timer.kind}"),
                       installation)


def _needs_run(timer: Timer) -> bool:
    return timer.status == TimerStatus.running and as_utc(timer.scheduled_for) != as_utc(timer.expires_at)


def _needs_cancel(timer: Timer) -> bool:
    """Closed early (complied, superseded): its run has nothing to do. An expired timer's run is left alone:
    it ran, or it will find the timer handled."""
    return timer.status == TimerStatus.closed and timer.scheduled_run_id is not None


@dataclass(frozen=True)
class Step:
    """One timer's calls to the scheduler, planned from what the database said."""

    timer_id: int
    cancel: str | None  # the run to cancel first: the timer closed early, or its due moment moved
    run: DeadlineRun | None  # the run to schedule; None: cancel only


def _candidates():
    """`_needs_run` or `_needs_cancel` in SQL, so a sync of every case reads the few timers with something to do
    (by the status indexes), not every timer ever opened; the Python checks still decide."""
    moved = or_(Timer.scheduled_for.is_(None), Timer.scheduled_for != Timer.expires_at)
    return or_(and_(Timer.status == TimerStatus.running, moved),
               and_(Timer.status == TimerStatus.closed, Timer.scheduled_run_id.is_not(None)))


def plan(session: Session, case_id: int | None = None) -> list[Step]:
    query = select(Timer).where(_candidates(), *([Timer.case_id == case_id] if case_id else []))
    steps, installation = [], repo.installation_key(session)
    for timer in session.exec(query.order_by(Timer.expires_at, Timer.id)).all():
        if _needs_run(timer):
            steps.append(Step(timer.id, timer.scheduled_run_id, _run_for(session, timer, installation)))
        elif _needs_cancel(timer):
            steps.append(Step(timer.id, timer.scheduled_run_id, None))
    return steps


def sync(session_factory, scheduler: DeadlineScheduler, case_id: int | None = None) -> dict:
    """Schedule, move or cancel deadline runs for one case (or all); returns what it did. The Prefect API is
    called between short transactions, never inside one: on SQLite a transaction holds the write lock, and a
    first `wasnaker up` schedules every running timer."""
    with session_factory() as session:
        steps = plan(session, case_id)
    done = {"scheduled": 0, "cancelled": 0}
    for step in steps:
        if step.cancel:
            scheduler.cancel(step.cancel)
        run_id = scheduler.schedule(step.run) if step.run else None
        with session_factory() as session:
            _record(session, step, run_id)
        if step.run:
            done["scheduled"] += bool(run_id)
        else:
            done["cancelled"] += 1
    return done


def _record(session: Session, step: Step, run_id: str | None) -> None:
    """Remember the run unless the timer's due moment moved meanwhile (the act that moved it syncs again; a run
    for the old moment finds nothing to do). A run for a timer closed meanwhile is cancelled by the next sync."""
    timer = session.get(Timer, step.timer_id)
    if step.run is None and timer.scheduled_run_id == step.cancel:
        timer.scheduled_run_id = None
    elif step.run is not None and as_utc(timer.expires_at) == step.run.due:
        timer.scheduled_run_id, timer.scheduled_for = run_id, timer.expires_at if run_id else None
    session.add(timer)
