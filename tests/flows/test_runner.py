"""The Prefect runner: one task per step, named after it, with the step's retries (and no others)."""

import pytest

from flows.tasks import TASKS, as_tasks
from wasnaker.application import steps
from wasnaker.runtime import Runtime, reset_caches
from wasnaker.settings import Settings


def test_every_step_is_one_task_with_its_own_retries():
    assert set(TASKS) == {s.name for s in steps.ALL}
    for step in steps.ALL:
        task = TASKS[step.name]
        assert (task.name, task.retries, list(task.retry_delay_seconds or [])) == (
            step.name, step.retries, list(step.retry_delay))
    assert TASKS["render-document"].retry_condition_fn is not None  # not retried for a template lacking data
    assert TASKS["deliver-notice"].retries == 0  # its backoff is kept on the notice, across restarts


def test_a_task_reads_the_process_runtime_so_the_runner_refuses_another(tmp_path, monkeypatch):
    monkeypatch.setenv("WASNAKER_HOME", str(tmp_path))
    reset_caches()
    try:
        with pytest.raises(ValueError, match="process runtime"):
            as_tasks(Runtime(Settings(home=tmp_path), engine=None), steps.FIND_PENDING, None)
    finally:
        reset_caches()
