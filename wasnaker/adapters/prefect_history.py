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


def _delete_artifacts(client, run_ids: list) -> int:
    """Every artifact the runs published (tables, markdown; a keyed artifact's collection then points to its
    previous version, or goes when none is left)."""
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.exceptions import ObjectNotFound

    published = ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=run_ids))
    deleted = 0
    while artifacts := client.read_artifacts(artifact_filter=published, limit=BATCH):
        for artifact in artifacts:
            try:
                client.delete_artifact(artifact.id)
            except ObjectNotFound:  # another prune got there first
                pass
            deleted += 1
    return deleted


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
    artifacts first, so an interrupted prune leaves none without its run. Returns how many of each went."""
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
