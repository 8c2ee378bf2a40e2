"""The Prefect runner: one task per step, named after it, with the step's retries, and repeated through a short
database outage where a repeat does no harm."""

from types import SimpleNamespace

import pytest

from flows.tasks import DATABASE_AWAY_DELAYS, TASKS, as_tasks
from wasnaker.application import steps
from wasnaker.domain.errors import DatabaseUnavailable
from wasnaker.runtime import Runtime, reset_caches
from wasnaker.settings import Settings


def _retried(step_name: str, failure: BaseException, attempt: int) -> bool:
    state = SimpleNamespace(result=lambda raise_on_failure: failure)
    return TASKS[step_name].retry_condition_fn(None, SimpleNamespace(run_count=attempt), state)


def test_every_step_is_one_task_with_its_own_retries_and_the_database_outage_ones():
    assert set(TASKS) == {s.name for s in steps.ALL}
    for step in steps.ALL:
        task = TASKS[step.name]
        away = len(DATABASE_AWAY_DELAYS) if step.repeat_when_database_away else 0
        assert (task.name, task.retries) == (step.name, max(step.retries, away))
    assert TASKS["deliver-notice"].retries == 0  # its backoff is kept on the notice, across restarts
    assert TASKS["record-act"].retries == 0  # a lost commit may have landed: the officer's act is never repeated
    assert TASKS["find-due-timers"].retry_delay_seconds == list(DATABASE_AWAY_DELAYS)
    assert TASKS["render-document"].retry_delay_seconds == [2, 5, 30, 30]  # the longer of each pair of waits


def test_a_database_away_is_waited_out_but_a_template_lacking_data_is_not_retried():
    away = DatabaseUnavailable("the database cannot be reached")
    assert all(_retried("handle-expired-timers", away, n) for n in (1, 2, 3, 4))
    assert _retried("render-document", away, 4)
    assert _retried("render-document", OSError("disk"), 3) and not _retried("render-document", OSError("disk"), 4)
    assert not _retried("render-document", LookupError("no NIB"), 1)
    assert not _retried("handle-expired-timers", ValueError("a defect"), 1)


def test_a_task_reads_the_process_runtime_so_the_runner_refuses_another(tmp_path, monkeypatch):
    monkeypatch.setenv("WASNAKER_HOME", str(tmp_path))
    reset_caches()
    try:
        with pytest.raises(ValueError, match="process runtime"):
            as_tasks(Runtime(Settings(home=tmp_path), engine=None), steps.FIND_PENDING, None)
    finally:
        reset_caches()
