"""The work-pool mode of `wasnaker up` (WASNAKER_WORKERS=N): every deployment of `serve.build()` registered to a
Prefect *process* work pool, run from this source directory (no image, nothing pushed: a pull step sets the
working directory to the worker's own tree, WASNAKER_SRC), and `prefect worker start` processes that take the
runs. Workers on other machines join the same pool with `wasnaker worker` from their own checkout of the same
version (PREFECT_API_URL of the server, WASNAKER_DATABASE_URL of the shared database and WASNAKER_HOME on storage
every worker shares, for the PDFs)."""

import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1]  # the repository root: flows/, models/, wasnaker/


def _from_source(deployment, source: Path):
    """The deployment run from a source tree by any worker: its entrypoint relative to the tree, its pull step
    setting the working directory to the tree of the worker's machine (WASNAKER_SRC in the worker's environment,
    as `prefect.yaml` has it; what `flow.from_source(<local path>, entrypoint)` makes, but not tied to one path)."""
    from prefect.runner.storage import LocalStorage

    class SourceTree(LocalStorage):
        def to_pull_step(self) -> dict:
            return {"prefect.deployments.steps.set_working_directory": {"directory": "{{ $WASNAKER_SRC }}"}}

    path, name = deployment.entrypoint.split(":")
    deployment.entrypoint = f"{(Path.cwd() / path).resolve().relative_to(source)}:{name}"
    deployment.storage = SourceTree(path=str(source))
    return deployment


def ensure_pool(name: str) -> None:
    """The process work pool, created with Prefect's default process job template unless it exists."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.workers.process import ProcessWorker

    with get_client(sync_client=True) as client:
        try:
            client.create_work_pool(WorkPoolCreate(name=name, type="process",
                                                   base_job_template=ProcessWorker.get_default_base_job_template()))
        except ObjectAlreadyExists:
            pass


def register(pool: str, timezone: str = "Asia/Jakarta", source: Path = SOURCE) -> list[str]:
    """Every deployment of `serve.build()` on the pool (created if missing), on the server the current Prefect
    settings name; re-registering updates them. Returns their names, `flow/deployment`."""
    from deployments.serve import build

    ensure_pool(pool)
    deployments = [_from_source(d, source) for d in build(timezone)]
    for deployment in deployments:
        deployment.apply(work_pool_name=pool)
    return [f"{d.flow_name}/{d.name}" for d in deployments]


def worker_command(pool: str, name: str, limit: int) -> list[str]:
    """One worker of the pool: it polls the server and starts each run in a subprocess (at most `limit` at once)."""
    return [sys.executable, "-m", "prefect", "worker", "start", "--pool", pool, "--type", "process",
            "--name", name, "--limit", str(limit)]


def worker_env(source: Path = SOURCE) -> dict[str, str]:
    """What a worker adds to the server's environment: the source tree its runs start in and import from."""
    return {"WASNAKER_SRC": str(source), "PYTHONPATH": str(source)}
