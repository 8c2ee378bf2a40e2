"""After the system was down past some due moments, starting it again handles every missed timer once, in due
order (the catch-up runs before any runner starts; the late runs then find nothing to do)."""

import time
from datetime import timedelta

from sqlmodel import select

from models import CaseEvent, Timer
from tests.integration.conftest import running_system
from tests.integration.test_deadline_runs import nota_case, timer_of, wait_final
from wasnaker import clock, supervisor
from wasnaker.application.sweep import schedule_deadline_runs
from wasnaker.runtime import Runtime


def _offline(rt) -> Runtime:
    """The same database without the server: what `wasnaker up` uses for the catch-up."""
    return Runtime(rt.settings.model_copy(update={"prefect_api_url": None}), rt.engine)


def register_deadline_deployment() -> None:
    from deployments.serve import build

    next(d for d in build() if d.name == "deadline").apply()


def test_missed_deadlines_are_handled_once_in_due_order(tmp_path, prefect_api):
    # the system is down (no runner; the session's server stays, the deadline deployment registered as an earlier
    # `up` left it): three Notas' deadlines come due a few seconds ahead and their runs are scheduled (no runner can
    # take one early); nothing runs until every due moment has passed
    with running_system(tmp_path, api_url=prefect_api, serve=False) as rt:
        register_deadline_deployment()
        numbers = [nota_case(rt, start=3) for _ in range(3)]
    soon = clock.now() + timedelta(seconds=4)
    dues = {n: soon - timedelta(seconds=i) for i, n in enumerate(numbers)}  # the last case is due first
    ids = {number: timer_of(rt, number).id for number in numbers}  # before: a session waits for an open one
    with rt.session() as s:
        for number, due in dues.items():
            row = s.get(Timer, ids[number])
            row.expires_at = due
            s.add(row)
    schedule_deadline_runs(rt)
    runs = [timer_of(rt, n).scheduled_run_id for n in numbers]
    rt.engine.dispose()
    time.sleep(max(0.0, (soon - clock.now()).total_seconds()) + 1)

    with running_system(tmp_path, seed=False, before_runners=lambda rt: supervisor.catch_up(_offline(rt)),
                        api_url=prefect_api) as rt:
        late = [wait_final(run_id) for run_id in runs]
        with rt.session() as s:
            expiries = s.exec(select(CaseEvent).where(CaseEvent.trigger == "timer_expired:nota_1_compliance")
                              .order_by(CaseEvent.id)).all()
    handled = [e.data["timer_id"] for e in expiries]
    expected = [timer_of(rt, n).id for n in sorted(numbers, key=dues.get)]
    assert handled == expected  # once each, earliest due first
    assert all(run.state.is_completed() for run in late)
