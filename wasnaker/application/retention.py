"""Bounded growth: the Prefect server's history kept for `prefect_retention_days` (the daily
`prune-prefect-history` run). wasnaker's own records (cases, timers, documents, notices, the audit trail) are the
office's archive and are never pruned here."""

from datetime import datetime, timedelta

from wasnaker.application.runner import Runner, direct
from wasnaker.application.steps import PRUNE_PREFECT


def retention_cutoff(rt, as_of: datetime) -> datetime:
    """Runs that ended at or before this moment are old enough to go."""
    return as_of - timedelta(days=rt.settings.prefect_retention_days)


def prune_prefect_history(rt, as_of: datetime, flow_names: list[str] | None = None, runner: Runner = direct) -> dict:
    """Delete the Prefect flow runs in a final state (completed, failed, cancelled, crashed) that ended at or before
    `as_of` less the retention, with their artifacts (the server deletes their task runs and logs with them);
    scheduled, pending, running and paused runs stay whatever their age. `flow_names`: only those flows' runs."""
    if as_of.tzinfo is None:
        raise ValueError("as_of needs a time zone")
    return runner(rt, PRUNE_PREFECT, retention_cutoff(rt, as_of), flow_names)
