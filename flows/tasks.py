"""The Prefect runner: every step of the application layer (`wasnaker.application.steps`) as a task, built once
per step name. A flow hands `as_tasks` to an application sequence; each step the sequence calls becomes a task
run of the flow run (one per timer, document, notice), with the step's retries. Tasks take the same plain values
as the steps and use this process's runtime."""

import inspect

from prefect import Task, task

from wasnaker.application import steps
from wasnaker.application.runner import Step
from wasnaker.runtime import get_runtime


def _retry_condition(step: Step):
    def worth_retrying(task, task_run, state) -> bool:
        return step.retry_if(state.result(raise_on_failure=False))

    return worth_retrying


def _task(step: Step) -> Task:
    def body(*args, **kwargs):
        return step.fn(get_runtime(), *args, **kwargs)

    # The step's own parameters without the runtime: Prefect binds the call to them, so the run history names
    # each input (timer_id, now), and the task key differs per step.
    body.__signature__ = inspect.Signature(list(inspect.signature(step.fn).parameters.values())[1:])
    body.__name__ = body.__qualname__ = step.fn.__name__
    body.__doc__ = step.fn.__doc__
    retries = {}
    if step.retries:
        retries = {"retries": step.retries, "retry_delay_seconds": list(step.retry_delay)}
        if step.retry_if:
            retries["retry_condition_fn"] = _retry_condition(step)
    return task(name=step.name, **retries)(body)


TASKS: dict[str, Task] = {step.name: _task(step) for step in steps.ALL}


def as_tasks(rt, step: Step, *args):
    """The runner flows give the application layer: the step as a task run of the current flow run."""
    if rt is not get_runtime():  # tasks run on this process's runtime; a sequence must not read another
        raise ValueError("the Prefect runner runs steps on the process runtime (get_runtime())")
    return TASKS[step.name](*args)
