"""The Prefect runner: every step of the application layer (`wasnaker.application.steps`) as a task, built once
per step name. A flow hands `as_tasks` to an application sequence; each step the sequence calls becomes a task
run of the flow run (one per timer, document, notice), with the step's retries. Tasks take the same plain values
as the steps and use this process's runtime."""

import inspect

from prefect import Task, task

from wasnaker.application import steps
from wasnaker.application.runner import Step
from wasnaker.domain.errors import DatabaseUnavailable
from wasnaker.runtime import get_runtime

# A database away for about a minute (a PostgreSQL restart, a failover) is waited out, step by step.
DATABASE_AWAY_DELAYS = (2, 5, 15, 30)


def _retry_condition(step: Step):
    """The step's own retries (its `retry_if`, at most `step.retries`) and, where repeating is harmless, the
    attempts that met a database away."""
    def worth_retrying(task, task_run, state) -> bool:
        failure = state.result(raise_on_failure=False)
        if isinstance(failure, DatabaseUnavailable) and step.repeat_when_database_away:
            return True
        own = step.retry_if is None or step.retry_if(failure)
        return own and task_run.run_count <= step.retries

    return worth_retrying


def _retries(step: Step) -> dict:
    away = DATABASE_AWAY_DELAYS if step.repeat_when_database_away else ()
    count = max(step.retries, len(away))
    if not count:
        return {}
    delays = [max(pair) for pair in zip(step.retry_delay + (0,) * count, away + (0,) * count)]
    return {"retries": count, "retry_delay_seconds": delays[:count], "retry_condition_fn": _retry_condition(step)}


def _task(step: Step) -> Task:
    def body(*args, **kwargs):
        return step.fn(get_runtime(), *args, **kwargs)

    # The step's own parameters without the runtime: Prefect binds the call to them, so the run history names
    # each input (timer_id, now), and the task key differs per step.
    body.__signature__ = inspect.Signature(list(inspect.signature(step.fn).parameters.values())[1:])
    body.__name__ = body.__qualname__ = step.fn.__name__
    body.__doc__ = step.fn.__doc__
    return task(name=step.name, **_retries(step))(body)


TASKS: dict[str, Task] = {step.name: _task(step) for step in steps.ALL}


def as_tasks(rt, step: Step, *args):
    """The runner flows give the application layer: the step as a task run of the current flow run."""
    if rt is not get_runtime():  # tasks run on this process's runtime; a sequence must not read another
        raise ValueError("the Prefect runner runs steps on the process runtime (get_runtime())")
    return TASKS[step.name](*args)
