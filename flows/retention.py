"""`prune-prefect-history`: the Prefect server's own database kept bounded, daily. What it deletes is the application
layer's (`wasnaker.application.retention`): finished runs older than WASNAKER_PREFECT_RETENTION_DAYS, with their
artifacts; never a scheduled deadline run, never wasnaker's own records."""

from datetime import datetime

from prefect import flow

from flows.naming import at_moment
from flows.tasks import as_tasks
from wasnaker import clock
from wasnaker.application import retention
from wasnaker.runtime import get_runtime


@flow(name="prune-prefect-history", flow_run_name=at_moment)
def prune_prefect_history(as_of: datetime | None = None, flow_names: list[str] | None = None) -> dict:
    """Delete the finished flow runs that ended `prefect_retention_days` before `as_of` (default now), of every
    flow or only of `flow_names`; returns how many runs and artifacts went and the cutoff."""
    return retention.prune_prefect_history(get_runtime(), as_of or clock.now(), flow_names, runner=as_tasks)
