"""Deadline runs in Prefect: one scheduled run of the `deadline` deployment per expiry moment (timers expire in
bulk at an office's midnight), which handles every timer due by then, so the Prefect UI's upcoming runs are the
deadline calendar, each named after its moment and how many timers it fires. Batches of due timers go out as runs
of `expire-timers` for the workers to take in parallel. Without a Prefect server the sweep alone fires timers."""

import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID
from zoneinfo import ZoneInfo

DEADLINE_DEPLOYMENT = "deadline/deadline"
EXPIRY_DEPLOYMENT = "expire-timers/expire-timers"
# A moment's run that already ended (cancelled when its timers closed, or it ran) is not reused for a timer that
# comes due at that moment later: the next key of the moment names a fresh run.
MAX_GENERATIONS = 20


@dataclass(frozen=True)
class DeadlineRun:
    """The run of one expiry moment of one installation."""

    due: datetime  # the moment, UTC
    timers: int  # running timers due at it (the run's name says how many)
    timezone: str  # the office time zone the moment is named in
    installation: str  # the database's installation key (models.Installation)

    @property
    def key(self) -> str:
        """Idempotency key: a moment never gets two runs, whatever the number of timers or syncs; the same moment of
        another installation on the same server is another run."""
        return f"wasnaker-{self.installation}-deadline-{self.due.isoformat()}"

    @property
    def name(self) -> str:
        local = self.due.astimezone(ZoneInfo(self.timezone))
        return f"berakhir {local:%Y-%m-%d %H:%M} {local.tzname()} · {self.timers} jangka waktu"

    @property
    def tags(self) -> list[str]:
        return ["deadline", f"tz:{self.timezone}"]


def stage_run_key(installation: str, event_id: int) -> str:
    """Idempotency key of the stage run that follows one act (its event), in one installation."""
    return f"wasnaker-{installation}-event-{event_id}"


class DeadlineScheduler(Protocol):
    def schedule(self, run: DeadlineRun) -> str | None:
        """The moment's run (made, or the one there, renamed to its current count); its id."""

    def rename(self, run_id: str, run: DeadlineRun) -> None:
        """A run some timers left keeps naming how many it still fires."""

    def cancel(self, run_id: str) -> None: ...


class NullScheduler:
    """Embedded mode: no server to schedule on; `wasnaker timers run` (or the daily sweep) fires timers."""

    def schedule(self, run: DeadlineRun) -> str | None:
        return None

    def rename(self, run_id: str, run: DeadlineRun) -> None:
        return None

    def cancel(self, run_id: str) -> None:
        return None


@contextmanager
def on_server(api_url: str):
    """Talk to this server whatever Prefect read from the environment when it was first imported (its settings
    are fixed then: `wasnaker up` imports Prefect before the server it starts is up)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}):
        yield


class PrefectScheduler:
    def __init__(self, api_url: str):
        self.api_url = api_url

    def schedule(self, run: DeadlineRun) -> str | None:
        from prefect.client.orchestration import get_client

        with on_server(self.api_url), get_client(sync_client=True) as client:
            flow_run = _open_run(run)
            if flow_run.name != run.name:
                client.update_flow_run(flow_run.id, name=run.name)
        return str(flow_run.id)

    def rename(self, run_id: str, run: DeadlineRun) -> None:
        from prefect.client.orchestration import get_client

        with on_server(self.api_url), get_client(sync_client=True) as client:
            client.update_flow_run(UUID(run_id), name=run.name)

    def cancel(self, run_id: str) -> None:
        """Best effort: a run that slips through finds its timer closed and does nothing."""
        from prefect.client.orchestration import get_client
        from prefect.exceptions import ObjectNotFound
        from prefect.states import Cancelled

        with on_server(self.api_url), get_client(sync_client=True) as client:
            try:
                run = client.read_flow_run(run_id)
            except ObjectNotFound:  # it ran and prune-prefect-history deleted it since: nothing to cancel
                return
            if run.state and run.state.is_scheduled():  # orchestration refuses it if a worker took it meanwhile
                client.set_flow_run_state(run_id, Cancelled(message="no running deadline left at its moment"))


def _open_run(run: DeadlineRun):
    """The moment's run still to come: the one its key names, or, once that ended, the next key's."""
    from prefect.deployments import run_deployment

    for generation in range(MAX_GENERATIONS):
        key = run.key if not generation else f"{run.key}-{generation}"
        flow_run = run_deployment(DEADLINE_DEPLOYMENT, parameters={"due": run.due}, scheduled_time=run.due,
                                  flow_run_name=run.name, timeout=0, tags=run.tags, idempotency_key=key,
                                  as_subflow=False)
        if not (flow_run.state and flow_run.state.is_final()):
            return flow_run
    return flow_run  # a moment reopened this often: its timers wait for the sweep


def start_stage_run(api_url: str, flow_name: str, parameters: dict, name: str, tags: list[str],
                    installation: str) -> str:
    """Create a run of a stage deployment for the post-commit work of an act; returns at once."""
    from prefect.deployments import run_deployment

    with on_server(api_url):
        run = run_deployment(f"{flow_name}/{flow_name}", parameters=parameters, flow_run_name=name, timeout=0,
                             tags=tags, as_subflow=False,
                             idempotency_key=stage_run_key(installation, parameters["event_id"]))
    return str(run.id)


def expiry_run_key(installation: str, label: str, batch: list[int]) -> str:
    """The batch of one deadline or sweep run (`label`: its moment): a retried coordinator finds the runs it made."""
    return f"wasnaker-{installation}-expire-{label}-{batch[0]}-{batch[-1]}-{len(batch)}"


def start_expiry_runs(api_url: str, batches: list[list[int]], now: datetime, installation: str,
                      label: str) -> list[str] | None:
    """One run of `expire-timers` per batch, for the workers to take; returns at once with their ids. None when
    the server has no such deployment (a runner of an older version serves it): the batches run in process."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    made = []
    with on_server(api_url):
        with get_client(sync_client=True) as client:
            try:
                client.read_deployment_by_name(EXPIRY_DEPLOYMENT)
            except ObjectNotFound:
                return None
        for n, batch in enumerate(batches, 1):
            run = run_deployment(EXPIRY_DEPLOYMENT, parameters={"timer_ids": batch, "now": now}, timeout=0,
                                 flow_run_name=f"{label} · batch {n}/{len(batches)} · {len(batch)} jangka waktu",
                                 tags=["deadline", "expiry-batch"], as_subflow=False,
                                 idempotency_key=expiry_run_key(installation, label, batch))
            made.append(str(run.id))
    return made


def await_runs(api_url: str, run_ids: list[str], timeout: float, poll: float = 2.0) -> dict[str, str]:
    """Each run's final state name (Completed, Failed, Crashed, Cancelled) or, past `timeout` seconds, the state
    it is still in: the waiting is bounded, a run left unfinished goes on and the next sweep sees what it left."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    give_up = time.monotonic() + timeout
    with on_server(api_url), get_client(sync_client=True) as client:
        while True:
            runs = [run for start in range(0, len(run_ids), 200)  # the server's page size
                    for run in client.read_flow_runs(flow_run_filter=FlowRunFilter(
                        id=FlowRunFilterId(any_=run_ids[start:start + 200])), limit=200)]
            if all(r.state and r.state.is_final() for r in runs) or time.monotonic() >= give_up:
                return {str(r.id): r.state.type.value if r.state else "UNKNOWN" for r in runs}
            time.sleep(poll)
