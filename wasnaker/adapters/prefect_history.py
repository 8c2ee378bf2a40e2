"""Bounded growth of the Prefect server's own database: the flow runs that ended long ago deleted through the
Prefect API, with their artifacts. Prefect keeps every run, its task runs, logs and artifacts for ever (its
`db_vacuum` service for flow runs is off by default). Only runs in a final state are touched: a scheduled deadline
run waits for its timer however old it is. wasnaker's own database (cases, timers, notices, the audit trail)
holds the record that counts and is never pruned; a run is only the history of how the work was done."""

from datetime import datetime

BATCH = 100  # runs per request: one filter call, then one delete per artifact and per run


def _final_before(before: datetime, flow_names: list[str] | None) -> dict:
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterEndTime,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    final = [StateType.COMPLETED, StateType.FAILED, StateType.CANCELLED, StateType.CRASHED]
    runs = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=final)),
                         end_time=FlowRunFilterEndTime(before_=before))
    flows = FlowFilter(name=FlowFilterName(any_=flow_names)) if flow_names is not None else None
    return {"flow_run_filter": runs, "flow_filter": flows}


def _pages(read, **query) -> list:
    found, offset = [], 0
    while page := read(**query, limit=BATCH, offset=offset):
        found += page
        offset += len(page)
    return found


def _delete_artifacts(client, run_ids: list) -> int:
    """The artifacts the runs published, but for the latest version of a keyed one: a case's timeline stays on the
    Artifacts page after the run that last published it has gone (one per case and per table, so bounded); its
    older versions and unkeyed artifacts go."""
    from prefect.client.schemas.filters import (
        ArtifactCollectionFilter,
        ArtifactCollectionFilterFlowRunId,
        ArtifactFilter,
        ArtifactFilterFlowRunId,
    )
    from prefect.exceptions import ObjectNotFound

    latest = _pages(client.read_latest_artifacts, artifact_filter=ArtifactCollectionFilter(
        flow_run_id=ArtifactCollectionFilterFlowRunId(any_=run_ids)))
    published = _pages(client.read_artifacts, artifact_filter=ArtifactFilter(
        flow_run_id=ArtifactFilterFlowRunId(any_=run_ids)))
    kept = {c.latest_id for c in latest}
    doomed = [a.id for a in published if a.id not in kept]
    for artifact_id in doomed:
        try:
            client.delete_artifact(artifact_id)
        except ObjectNotFound:  # another prune got there first
            pass
    return len(doomed)


def _delete_runs(client, run_ids: list) -> None:
    """The server deletes each run's task runs with it and its logs just after (in the background)."""
    from prefect.exceptions import ObjectNotFound

    for run_id in run_ids:
        try:
            client.delete_flow_run(run_id)
        except ObjectNotFound:
            pass


def prune_flow_runs(before: datetime, flow_names: list[str] | None = None) -> dict:
    """Delete the flow runs in a final state (completed, failed, cancelled, crashed) that ended at or before
    `before`, of every flow (or of the flows named), on the Prefect server of the current settings; their
    artifacts first (but the latest version of each key), so an interrupted prune leaves none without its run.
    Returns how many of each went."""
    from prefect.client.orchestration import get_client

    query = _final_before(before, flow_names)
    counts, seen = {"flow_runs": 0, "artifacts": 0}, set()
    with get_client(sync_client=True) as client:
        while runs := [r for r in client.read_flow_runs(**query, limit=BATCH) if r.id not in seen]:
            ids = [r.id for r in runs]
            seen.update(ids)  # a run the server would not delete is not asked for again
            counts["artifacts"] += _delete_artifacts(client, ids)
            _delete_runs(client, ids)
            counts["flow_runs"] += len(ids)
    return counts
