"""Keeps each timer's scheduled deadline run in step with the timer: schedule when it runs, reschedule when its
due moment moves, cancel when it closes early. Runs after the act has committed; never inside the door."""

from sqlmodel import Session, select

from models import Case, Timer
from models._types import as_utc
from wasnaker.adapters.scheduling import DeadlineRun, DeadlineScheduler
from wasnaker.domain.vocabulary import TimerStatus
from wasnaker.services import repo


def _run_for(session: Session, timer: Timer) -> DeadlineRun:
    case = session.get(Case, timer.case_id)
    office = repo.office(session, case.office_id)
    name = f"{case.number} · {timer.kind} · jatuh tempo {timer.due_date.isoformat()}"
    return DeadlineRun(timer.id, as_utc(timer.expires_at), name, (f"office:{office.code}", "deadline",
                                                                 f"case:{case.number}", f"timer:{timer.kind}"))


def _needs_run(timer: Timer) -> bool:
    return timer.status == TimerStatus.running and as_utc(timer.scheduled_for) != as_utc(timer.expires_at)


def _needs_cancel(timer: Timer) -> bool:
    """Closed early (complied, superseded): its run has nothing to do. An expired timer's run is left alone:
    it ran, or it will find the timer handled."""
    return timer.status == TimerStatus.closed and timer.scheduled_run_id is not None


def sync(session: Session, scheduler: DeadlineScheduler, case_id: int | None = None) -> dict:
    """Schedule, move or cancel deadline runs for one case (or all); returns what it did."""
    query = select(Timer).where(Timer.case_id == case_id) if case_id else select(Timer)
    done = {"scheduled": 0, "cancelled": 0}
    for timer in session.exec(query.order_by(Timer.expires_at, Timer.id)).all():
        if _needs_run(timer):
            if timer.scheduled_run_id:
                scheduler.cancel(timer.scheduled_run_id)
            timer.scheduled_run_id = scheduler.schedule(_run_for(session, timer))
            timer.scheduled_for = timer.expires_at if timer.scheduled_run_id else None
            done["scheduled"] += bool(timer.scheduled_run_id)
        elif _needs_cancel(timer):
            scheduler.cancel(timer.scheduled_run_id)
            timer.scheduled_run_id, done["cancelled"] = None, done["cancelled"] + 1
        session.add(timer)
    return done
