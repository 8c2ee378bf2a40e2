"""Keeps the deadline runs in step with the timers: one run per expiry moment (timers expire in bulk at an
office's midnight), which handles every timer due by then. A timer's `scheduled_run_id` is the run that will fire
it: set when its clock starts, moved with its due moment, cleared when it closes early. A run no running timer is
left for is cancelled; one some timers left is renamed with how many it still fires. Runs after the act has
committed; never inside the door."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, update
from sqlmodel import Session, select

from models import Case, Office, Timer
from models._types import as_utc
from wasnaker.adapters.scheduling import DeadlineRun, DeadlineScheduler
from wasnaker.domain.vocabulary import TimerStatus
from wasnaker.services import repo


@dataclass(frozen=True)
class Plan:
    """What the database said a sync has to do."""

    moments: dict[datetime, list[int]]  # due moment -> running timers not yet on its run, in due order
    left: dict[str, datetime | None]  # run -> its moment: runs timers left (closed early, moved)
    closed: list[int]  # closed timers still holding a run


def _candidates():
    """Running timers not scheduled at their due moment, and closed ones still holding a run: a sync of every
    case reads the few timers with something to do (by the status indexes), not every timer ever opened."""
    moved = or_(Timer.scheduled_for.is_(None), Timer.scheduled_for != Timer.expires_at)
    return or_(and_(Timer.status == TimerStatus.running, moved),
               and_(Timer.status == TimerStatus.closed, Timer.scheduled_run_id.is_not(None)))


def plan(session: Session, case_numbers: list[str] | None = None) -> Plan:
    """The timers of the cases numbered (None: every case) with something to do, in due order."""
    query = select(Timer.id, Timer.status, Timer.expires_at, Timer.scheduled_for, Timer.scheduled_run_id)
    if case_numbers is not None:
        query = query.where(Timer.case_id.in_(select(Case.id).where(Case.number.in_(case_numbers))))
    query = query.where(_candidates())
    moments, left, closed = {}, {}, []
    for timer_id, status, expires_at, scheduled_for, run_id in session.exec(query.order_by(Timer.expires_at,
                                                                                          Timer.id)):
        if status == TimerStatus.running:
            moments.setdefault(as_utc(expires_at), []).append(timer_id)
        else:
            closed.append(timer_id)
        if run_id:
            left[run_id] = as_utc(scheduled_for)
    return Plan(moments, left, closed)


def moment_run(session: Session, due: datetime, installation: str, run_id: str | None = None) -> DeadlineRun:
    """The run of `due`, counting its running timers (those on `run_id` when given), named in its office's zone."""
    on_run = Timer.scheduled_run_id == run_id if run_id else Timer.expires_at == due
    count = session.exec(select(func.count()).select_from(Timer).where(Timer.status == TimerStatus.running,
                                                                       on_run)).one()
    zone = session.exec(select(Office.timezone).join(Case, Case.office_id == Office.id).join(
        Timer, Timer.case_id == Case.id).where(Timer.status == TimerStatus.running, on_run).limit(1)).first()
    return DeadlineRun(due, count, zone or "UTC", installation)


def sync(session_factory, scheduler: DeadlineScheduler, case_numbers: list[str] | None = None) -> dict:
    """Schedule, move or cancel deadline runs for some cases (or all); returns what it did. The Prefect API is
    called between short transactions, never inside one: on SQLite a transaction holds the write lock, and a
    first `wasnaker up` schedules every running timer."""
    with session_factory() as session:
        todo, installation = plan(session, case_numbers), repo.installation_key(session)
    done = {"scheduled": 0, "timers": 0, "cancelled": 0}
    for due, timer_ids in todo.moments.items():
        with session_factory() as session:
            run = moment_run(session, due, installation)
        run_id = scheduler.schedule(run)
        if run_id:
            with session_factory() as session:
                done["timers"] += _point(session, timer_ids, due, run_id)
            done["scheduled"] += 1
    with session_factory() as session:
        _release(session, todo.closed)
    done["cancelled"] = sum(_settle_left(session_factory, scheduler, run_id, due, installation)
                            for run_id, due in todo.left.items())
    return done


def _point(session: Session, timer_ids: list[int], due: datetime, run_id: str) -> int:
    """The moment's run recorded on its timers, unless a timer's due moment moved or it closed meanwhile (the act
    that did it syncs again)."""
    return session.exec(update(Timer).where(Timer.id.in_(timer_ids), Timer.status == TimerStatus.running,
                                            Timer.expires_at == due)
                        .values(scheduled_run_id=run_id, scheduled_for=due)).rowcount


def _release(session: Session, timer_ids: list[int]) -> None:
    if timer_ids:
        session.exec(update(Timer).where(Timer.id.in_(timer_ids), Timer.status == TimerStatus.closed)
                     .values(scheduled_run_id=None))


def _settle_left(session_factory, scheduler, run_id: str, due: datetime | None, installation: str) -> int:
    """A run timers left: cancelled when no running timer is left on it (1), else renamed with how many (0)."""
    with session_factory() as session:
        run = moment_run(session, due, installation, run_id) if due else None
    if run is None or run.timers == 0:
        scheduler.cancel(run_id)
        return 1
    scheduler.rename(run_id, run)
    return 0
