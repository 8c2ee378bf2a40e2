"""Serve every wasnaker deployment from one process: `python -m deployments.serve` (what `wasnaker up` runs).

- `<stage>/<stage>` (intake, inspection, warning-letters, penetapan, investigation, prosecution,
  restorative-justice): the post-commit work of an officer's act (render its documents, send its notices,
  publish the case timeline), started by the CLI in server mode after the act has committed.
- `deadline/deadline`: fires one expiry moment: every timer due by then; one run is scheduled per moment (of the
  installation) when the first clock ending then starts.
- `expire-timers/expire-timers`: one batch of due timers (WASNAKER_EXPIRY_BATCH), started by a deadline or sweep
  run with more than one batch, so the runner's slots (or a pool's workers) handle the batches in parallel.
- `timer-sweep/timer-sweep`: deemed receipts, reminders, every expired timer once, the radar and funnel
  artifacts; daily cron at 00:05 office time.
- `deliver-notices/deliver-notices`: every e-mail notice whose turn has come; every 5 minutes (a failure waits
  out its backoff, recorded on the notice; acts, deadline runs and the sweep send their own notices at once).
- `daily-digest/daily-digest`: each officer's due and overdue deadlines; daily at 07:00 office time.
- `render-documents/render-documents`: the pending documents in batches, each with a warm renderer; several runs
  at once share the queue (each document claimed by one), so documents issued in bulk go out at the speed of the
  workers' processes, not of a flow run per act.
- `prune-prefect-history/prune-prefect-history`: the Prefect server's finished runs older than the retention
  (WASNAKER_PREFECT_RETENTION_DAYS) deleted with their artifacts; daily at 01:30 office time.
"""

import os

from prefect import serve
from prefect.schedules import Cron, Interval

from flows.documents import render_documents
from flows.notices import daily_digest, deliver_notices
from flows.retention import prune_prefect_history
from flows.stages import STAGE_FLOWS
from flows.timers import deadline, expire_timers, timer_sweep

SWEEP_CRON = "5 0 * * *"  # 00:05 in the office time zone: the day's deadlines that ended at midnight
DIGEST_CRON = "0 7 * * *"  # 07:00: before the working day starts
PRUNE_CRON = "30 1 * * *"  # 01:30: after the sweep, in the quiet of the night
DELIVERY_EVERY_SECONDS = 300  # acts, expiries and the sweep send their own notices at once; this is for retries


def build(timezone: str = "Asia/Jakarta") -> list:
    stages = [f.to_deployment(name=f.name, tags=["wasnaker", f"stage:{stage.value}"])
              for stage, f in STAGE_FLOWS.items()]
    return [
        *stages,
        deadline.to_deployment(name="deadline", tags=["wasnaker", "deadline"]),
        expire_timers.to_deployment(name="expire-timers", tags=["wasnaker", "deadline"]),
        timer_sweep.to_deployment(name="timer-sweep", tags=["wasnaker", "sweep"],
                                  schedules=[Cron(SWEEP_CRON, timezone=timezone)]),
        deliver_notices.to_deployment(name="deliver-notices", tags=["wasnaker", "notices"],
                                      schedules=[Interval(DELIVERY_EVERY_SECONDS)]),
        daily_digest.to_deployment(name="daily-digest", tags=["wasnaker", "notices"],
                                   schedules=[Cron(DIGEST_CRON, timezone=timezone)]),
        render_documents.to_deployment(name="render-documents", tags=["wasnaker", "documents"]),
        prune_prefect_history.to_deployment(name="prune-prefect-history", tags=["wasnaker", "housekeeping"],
                                            schedules=[Cron(PRUNE_CRON, timezone=timezone)]),
    ]


def names() -> tuple[str, ...]:
    """Every deployment `main` serves, as `flow/deployment`: `wasnaker up` says it is up once all of them exist."""
    return tuple(f"{d.flow_name}/{d.name}" for d in build())


def main() -> None:
    limit = int(os.environ.get("WASNAKER_RUN_LIMIT", "4"))
    # Deadline runs are created one by one, not by the schedule: keep the deployments live when serving stops.
    serve(*build(os.environ.get("WASNAKER_TIMEZONE", "Asia/Jakarta")), limit=limit, pause_on_shutdown=False)


if __name__ == "__main__":
    main()
