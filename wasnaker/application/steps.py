"""Every step the application's sequences are made of, by name. Each calls one service function with ids, dates
and plain values, in its own transaction, and returns plain values (dicts, lists, ids): nothing here holds a
session or an ORM object beyond its own `with rt.session()`. The names are the task names Prefect's run
history shows."""

import logging
from datetime import date, datetime, timedelta

from sqlmodel import select

from models import Case, CaseEvent, Document
from wasnaker.application.runner import Step
from wasnaker.services import deadlines, delivery, digest, documents, reminders, repo, serving, sweep
from wasnaker.services.transitions import apply_trigger

log = logging.getLogger(__name__)


def record_act(rt, trigger: str, actor: str, on: date, now: datetime, case_number: str | None,
               data: dict | None, expected_version: int | None = None, late_reason: str | None = None,
               channel: str = "cli") -> dict:
    """`expected_version`: the case version the officer decided on (refused when someone acted since);
    `late_reason`: why the act is recorded after a later letter of its series (kept with the act); `channel`:
    where the act came from (web, cli), recorded in the audit trail."""
    with rt.session() as session:
        outcome = apply_trigger(session=session, trigger=trigger, actor=actor, on=on, now=now,
                                case_number=case_number, data=data, policy=rt.policy,
                                expected_version=expected_version, late_reason=late_reason, channel=channel)
    return dict(outcome.__dict__)


def load_recorded_act(rt, event_id: int) -> dict:
    """The outcome of an act an officer already committed, as `record_act` returned it."""
    with rt.session() as session:
        event = session.get(CaseEvent, event_id)
        case = session.get(Case, event.case_id)
        docs = session.exec(select(Document.id).where(Document.event_id == event_id).order_by(Document.id)).all()
        return {"case_number": case.number, "trigger": event.trigger, "from_state": event.from_state,
                "to_state": event.to_state, "event_id": event.id, "documents": list(docs), "timers": []}


def schedule_deadline_runs(rt, cases: str | list[str] | None) -> dict:
    """The runs of one case's timers, or of some cases' (a batch of expiries), or of every case's (None); without
    a Prefect server the sweep alone fires timers."""
    if not rt.on_server:
        return {"scheduled": 0, "timers": 0, "cancelled": 0}
    numbers = [cases] if isinstance(cases, str) else cases
    return deadlines.sync(rt.session, rt.scheduler, numbers)  # the Prefect API between transactions, never in one


def start_stage_run(rt, outcome: dict, actor: str, on: date) -> str:
    """A run of the act's stage deployment for what follows the act; returns at once with its id."""
    from wasnaker.adapters.scheduling import start_stage_run as start
    from wasnaker.domain import lifecycle

    source = lifecycle.S(outcome["from_state"]) if outcome["from_state"] else None
    stage = lifecycle.find(source, outcome["trigger"]).stage.value
    number = outcome["case_number"]
    with rt.session() as session:
        office = repo.office(session, repo.case(session, number).office_id).code
        installation = repo.installation_key(session)
    params = {"trigger": outcome["trigger"], "actor": actor, "on": on, "case_number": number,
              "event_id": outcome["event_id"]}
    return start(rt.settings.prefect_api_url, stage.replace("_", "-"), params, f"{outcome['trigger']} {number}",
                 [f"office:{office}", f"stage:{stage}", f"case:{number}"], installation)


def find_pending_documents(rt, case_number: str | None) -> list[int]:
    with rt.session() as session:
        case_id = repo.case(session, case_number).id if case_number else None
        return documents.pending_ids(session, case_id)


def render_document(rt, doc_id: int, now: datetime) -> dict:
    """Idempotent: an issued document is returned as it is, never rendered again. The PDF is rendered between two
    short transactions, never inside one (on SQLite a transaction holds the write lock)."""
    with rt.session() as session:
        job = documents.render_job(session, doc_id)
    rendered = rt.renderer.render(job.kind, job.context) if job else None
    with rt.session() as session:
        doc = documents.store_rendered(session, job, rendered, rt.store, now) if job else session.get(Document, doc_id)
        return {"id": doc.id, "kind": doc.kind, "number": doc.number, "path": doc.file_path, "sha256": doc.sha256}


def claim_pending_documents(rt, now: datetime, limit: int, lease_seconds: int, share: int = 1) -> list[int]:
    with rt.session() as session:
        return documents.claim_pending(session, now, limit, timedelta(seconds=lease_seconds), share)


def render_documents(rt, doc_ids: list[int], now: datetime) -> list[dict]:
    """A batch with this process's warm renderer, each document as `render_document` (its own two short
    transactions, its own seal). A document that fails does not keep the others from being issued: the first
    failure is raised after the batch, and a retry renders only what is still not issued."""
    done, failures = [], []
    for doc_id in doc_ids:
        try:
            done.append(render_document(rt, doc_id, now))
        except Exception as exc:  # noqa: BLE001 - raised after the rest of the batch is issued
            log.warning("document %s not rendered: %r", doc_id, exc)
            failures.append(exc)
    if failures:
        raise failures[0]
    return done


def find_due_notices(rt, now: datetime) -> list[int]:
    """None without an SMTP server: e-mail waits in the outbox (`notices list`)."""
    if rt.sender is None:
        return []
    with rt.session() as session:
        return delivery.due_ids(session, now)


def settle_interrupted_sends(rt, now: datetime) -> list[dict]:
    """Notices a dead deliverer handed to the SMTP server, recorded as sent (presumed), each in its own
    transaction: never sent again (services/delivery.py)."""
    with rt.session() as session:
        ids = delivery.interrupted_ids(session)
    settled = []
    for notice_id in ids:
        with rt.session() as session:
            settled.append(delivery.settle_interrupted(session, notice_id, now, rt.settings))
    return [s for s in settled if s]


def deliver_notice(rt, notice_id: int, now: datetime) -> dict | None:
    return delivery.deliver_one(rt, notice_id, now, rt.sender)


def find_deemed_receipts(rt, now: datetime) -> list[tuple[int, date]]:
    with rt.session() as session:
        return serving.deemed_due(session, now, rt.policy)


def record_deemed_receipt(rt, notice_id: int, received_on: date, now: datetime) -> dict | None:
    return sweep.deem_received(rt.session, notice_id, received_on, now, rt.policy)


def find_due_reminders(rt, now: datetime) -> list[int]:
    with rt.session() as session:
        return reminders.due_reminder_ids(session, now, rt.policy)


def send_reminder(rt, timer_id: int, now: datetime) -> dict | None:
    with rt.session() as session:
        return reminders.send_reminder(session, timer_id, now, rt.policy)


def find_due_timers(rt, now: datetime) -> list[int]:
    with rt.session() as session:
        return sweep.due_timer_ids(session, now)


def handle_expired_timers(rt, timer_ids: list[int], now: datetime) -> list[dict]:
    """A batch: each timer in its own transaction and claim; one that fails is reported, the others go on."""
    return sweep.handle_batch(rt.session, timer_ids, now, rt.policy)


def start_expiry_runs(rt, batches: list[list[int]], now: datetime, label: str) -> list[str] | None:
    """A run of `expire-timers` per batch on the server, for its workers to take in parallel; their ids (None: the
    server has no such deployment)."""
    from wasnaker.adapters.scheduling import start_expiry_runs as start

    with rt.session() as session:
        installation = repo.installation_key(session)
    return start(rt.settings.prefect_api_url, batches, now, installation, label)


def await_expiry_runs(rt, run_ids: list[str]) -> dict[str, str]:
    """The batch runs' states once they all ended, or when the wait (WASNAKER_EXPIRY_BATCH_WAIT_SECONDS) is up."""
    from wasnaker.adapters.scheduling import await_runs

    return await_runs(rt.settings.prefect_api_url, run_ids, rt.settings.expiry_batch_wait_seconds)


def compose_digests(rt, now: datetime) -> list[dict]:
    with rt.session() as session:
        return digest.compose(session, now, rt.policy)


def prune_prefect_history(rt, before: datetime, flow_names: list[str] | None) -> dict:
    """The Prefect server's finished runs that ended at or before `before` deleted, with their artifacts; on the
    runtime's server, else the one the current Prefect settings name (the server a flow runs on)."""
    from contextlib import nullcontext

    from wasnaker.adapters.prefect_history import prune_flow_runs
    from wasnaker.adapters.scheduling import on_server

    with on_server(rt.settings.prefect_api_url) if rt.on_server else nullcontext():
        return {**prune_flow_runs(before, flow_names), "before": before.isoformat()}


def _worth_retrying(exc: BaseException) -> bool:
    """Storage and rendering hiccups, not a template that lacks data (that fails the same way again)."""
    return not isinstance(exc, (ValueError, LookupError))


RECORD = Step("record-act", record_act, repeat_when_database_away=False)  # the door, once; never retried blindly
LOAD_ACT = Step("load-recorded-act", load_recorded_act)
SCHEDULE = Step("schedule-deadline-runs", schedule_deadline_runs, outward_io=True, retries=2, retry_delay=(2, 10))
START_STAGE_RUN = Step("start-stage-run", start_stage_run, outward_io=True)  # the officer's process; no waiting
FIND_PENDING = Step("find-pending-documents", find_pending_documents)
RENDER = Step("render-document", render_document, outward_io=True, retries=3, retry_delay=(1, 5, 30),
              retry_if=_worth_retrying)
CLAIM_DOCUMENTS = Step("claim-pending-documents", claim_pending_documents)  # a claim lost with its commit runs out
RENDER_BATCH = Step("render-documents", render_documents, outward_io=True, retries=2, retry_delay=(5, 30),
                    retry_if=_worth_retrying)
FIND_DUE_NOTICES = Step("find-due-notices", find_due_notices)
SETTLE_INTERRUPTED = Step("settle-interrupted-sends", settle_interrupted_sends)
# No retries: a failed attempt is recorded with its backoff in the database (it survives restarts and shows on
# the case) and a later delivery tries again when the wait is over.
DELIVER = Step("deliver-notice", deliver_notice, outward_io=True, repeat_when_database_away=False)
FIND_DEEMED = Step("find-deemed-receipts", find_deemed_receipts)
DEEM = Step("record-deemed-receipt", record_deemed_receipt)
FIND_REMINDERS = Step("find-due-reminders", find_due_reminders)
REMIND = Step("send-reminder", send_reminder)
FIND_EXPIRED = Step("find-due-timers", find_due_timers)
EXPIRE_BATCH = Step("handle-expired-timers", handle_expired_timers)
# Idempotency keys name each batch's run: a repeat finds the runs it made.
START_EXPIRY_RUNS = Step("start-expiry-runs", start_expiry_runs, outward_io=True, retries=2, retry_delay=(2, 10))
AWAIT_EXPIRY_RUNS = Step("await-expiry-runs", await_expiry_runs, outward_io=True, retries=2, retry_delay=(2, 10))
COMPOSE_DIGESTS = Step("compose-digests", compose_digests)
# Deleting is idempotent (a run already gone counts as deleted): a server away a moment is waited out.
PRUNE_PREFECT = Step("delete-old-flow-runs", prune_prefect_history, outward_io=True, retries=2,
                     retry_delay=(10, 60), repeat_when_database_away=False)

ALL = (RECORD, LOAD_ACT, SCHEDULE, START_STAGE_RUN, FIND_PENDING, RENDER, CLAIM_DOCUMENTS, RENDER_BATCH,
       FIND_DUE_NOTICES, SETTLE_INTERRUPTED, DELIVER, FIND_DEEMED, DEEM, FIND_REMINDERS, REMIND, FIND_EXPIRED,
       EXPIRE_BATCH, START_EXPIRY_RUNS, AWAIT_EXPIRY_RUNS, COMPOSE_DIGESTS, PRUNE_PREFECT)
