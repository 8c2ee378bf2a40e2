"""`prune-prefect-history` on the session's Prefect server: of a throwaway flow's runs, exactly those in a final state
that ended before `as_of` less the retention go, with their artifacts; a newer finished run, a scheduled run and a
running run stay, whatever their age. The server stamps a run's end itself, so the cutoff is put between the end of
the old runs and the end of the new one (the runs of the other tests on this server are left alone: the prune is
given the throwaway flow's name). The latest version of a keyed artifact (a case's timeline) stays."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from prefect import flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import ArtifactCreate
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, FlowFilter, FlowFilterName
from prefect.states import Completed, Failed, Running, Scheduled

from flows.retention import prune_prefect_history


def _run(client, probe, *states):
    """A run of the probe flow, taken through `states` by force (as a runner would report them)."""
    run = client.create_flow_run(probe, state=states[0])
    for state in states[1:]:
        client.set_flow_run_state(run.id, state, force=True)
    return client.read_flow_run(run.id)


def _publish(client, run, text: str, key: str | None = "retention-probe"):
    return client.create_artifact(ArtifactCreate(key=key, type="markdown", data=text, flow_run_id=run.id))


def test_the_prune_deletes_exactly_the_old_finished_runs_and_their_artifacts(runtime):
    name = f"retention-probe-{uuid4().hex[:8]}"
    probe = flow(name=name)(lambda: None)
    with get_client(sync_client=True) as client:
        waiting = _run(client, probe, Scheduled(scheduled_time=datetime(2001, 1, 1, tzinfo=UTC)))
        running = _run(client, probe, Running())
        old_done = _run(client, probe, Running(), Completed())
        old_failed = _run(client, probe, Running(), Failed())
        _publish(client, old_done, "old version of a key")
        _publish(client, old_done, "without a key", key=None)
        only = _publish(client, old_failed, "the latest version of its key", key=f"{name}-only")
        new_done = _run(client, probe, Running(), Completed())
        kept_artifact = _publish(client, new_done, "new")

        old_end = max(old_done.end_time, old_failed.end_time)
        assert old_end < new_done.end_time and waiting.end_time is None and running.end_time is None
        cutoff = old_end + (new_done.end_time - old_end) / 2
        as_of = cutoff + timedelta(days=runtime.settings.prefect_retention_days)

        result = prune_prefect_history(as_of=as_of, flow_names=[name])

        assert (result["flow_runs"], result["artifacts"]) == (2, 2)
        assert datetime.fromisoformat(result["before"]) == cutoff
        left = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[name])))
        assert {r.id for r in left} == {waiting.id, running.id, new_done.id}
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(
            any_=[old_done.id, old_failed.id, new_done.id])))
        assert {a.id for a in artifacts} == {kept_artifact.id, only.id}
        assert prune_prefect_history(as_of=as_of, flow_names=[name])["flow_runs"] == 0  # idempotent
        for run in left:  # the session's server shows the other tests no stray scheduled or running run
            client.delete_flow_run(run.id)
        for artifact in artifacts:
            client.delete_artifact(artifact.id)


def test_the_prune_is_deployed_daily_alike_by_serve_and_by_the_work_pool_file():
    from pathlib import Path

    import yaml

    from deployments.serve import build

    [served] = [d for d in build() if d.name == "prune-prefect-history"]
    [pooled] = [d for d in yaml.safe_load((Path(__file__).parents[2] / "deployments" / "prefect.yaml").read_text())
                ["deployments"] if d["name"] == "prune-prefect-history"]
    [schedule] = served.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 1 * * *", "Asia/Jakarta")
    assert pooled["schedules"] == [{"cron": "30 1 * * *", "timezone": "Asia/Jakarta"}]
    assert pooled["entrypoint"] == served.entrypoint == "flows/retention.py:prune_prefect_history"
