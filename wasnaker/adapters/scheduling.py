"""Deadline runs in Prefect: one scheduled run of the `deadline` deployment per timer, at its due moment, so the
Prefect UI's upcoming runs are the deadline calendar. Without a Prefect server the sweep alone fires timers."""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

DEADLINE_DEPLOYMENT = "deadline/deadline"


@dataclass(frozen=True)
class DeadlineRun:
    timer_id: int
    due: datetime
    name: str
    tags: tuple[str, ...]
    installation: str  # the database's installation key (models.Installation)

    @property
    def key(self) -> str:
        """Idempotency key: the same timer and due moment never get two runs; a moved due date gets a new one; the
        timer of another installation on the same server (its ids count from 1 too) is another run."""
        return f"wasnaker-{self.installation}-timer-{self.timer_id}-{self.due.isoformat()}"


def stage_run_key(installation: str, event_id: int) -> str:
    """Idempotency key of the stage run that follows one act (its event), in one installation."""
    return f"wasnaker-{installation}-event-{event_id}"


class DeadlineScheduler(Protocol):
    def schedule(self, run: DeadlineRun) -> str | None: ...

    def cancel(self, run_id: str) -> None: ...


class NullScheduler:
    """Embedded mode: no server to schedule on; `wasnaker timers run` (or the daily sweep) fires timers."""

    def schedule(self, run: DeadlineRun) -> str | None:
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
        from prefect.deployments import run_deployment

        with on_server(self.api_url):
            flow_run = run_deployment(DEADLINE_DEPLOYMENT, parameters={"timer_id": run.timer_id, "due": run.due},
                                      scheduled_time=run.due, flow_run_name=run.name, timeout=0,
                                      tags=list(run.tags), idempotency_key=run.key, as_subflow=False)
        return str(flow_run.id)

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
                client.set_flow_run_state(run_id, Cancelled(message="deadline closed early"))


def start_stage_run(api_url: str, flow_name: str, parameters: dict, name: str, tags: list[str],
                    installation: str) -> str:
    """Create a run of a stage deployment for the post-commit work of an act; returns at once."""
    from prefect.deployments import run_deployment

    with on_server(api_url):
        run = run_deployment(f"{flow_name}/{flow_name}", parameters=parameters, flow_run_name=name, timeout=0,
                             tags=tags, as_subflow=False,
                             idempotency_key=stage_run_key(installation, parameters["event_id"]))
    return str(run.id)
