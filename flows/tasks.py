"""Tasks: each calls one service function with plain values. Retries only where I/O is outward (rendering
and storing a PDF); recording an act is one database transaction and is not retried blindly."""

from datetime import date, datetime

from prefect import task

from wasnaker.runtime import get_runtime
from wasnaker.services import delivery, digest, reminders, serving, sweep, workflow
from wasnaker.services.sweep import due_timer_ids, handle_expiry


@task(name="record-act")
def record_act(trigger: str, actor: str, on: date, now: datetime, case_number: str | None,
               data: dict | None) -> dict:
    outcome = workflow.record(get_runtime(), trigger=trigger, actor=actor, on=on, now=now,
                              case_number=case_number, data=data)
    return dict(outcome.__dict__)


def _worth_retrying(task, task_run, state) -> bool:
    """Retry storage and rendering hiccups, not a template that lacks data (that fails the same way again)."""
    return not isinstance(state.result(raise_on_failure=False), (ValueError, LookupError))


@task(name="render-document", retries=3, retry_delay_seconds=[1, 5, 30], retry_condition_fn=_worth_retrying)
def render_document(doc_id: int, now: datetime) -> dict:
    return workflow.render_document(get_runtime(), doc_id, now)


@task(name="find-due-timers")
def find_due_timers(now: datetime) -> list[int]:
    with get_runtime().session() as session:
        return due_timer_ids(session, now)


@task(name="handle-expired-timer")
def handle_timer(timer_id: int, now: datetime) -> dict | None:
    rt = get_runtime()
    with rt.session() as session:
        return handle_expiry(session, timer_id, now, rt.policy)


@task(name="find-due-reminders")
def find_due_reminders(now: datetime) -> list[int]:
    rt = get_runtime()
    with rt.session() as session:
        return reminders.due_reminder_ids(session, now, rt.policy)


@task(name="send-reminder")
def send_reminder(timer_id: int, now: datetime) -> dict | None:
    rt = get_runtime()
    with rt.session() as session:
        return reminders.send_reminder(session, timer_id, now, rt.policy)


@task(name="load-recorded-act")
def load_recorded_act(event_id: int) -> dict:
    return dict(workflow.outcome_of(get_runtime(), event_id).__dict__)


@task(name="schedule-deadline-runs", retries=2, retry_delay_seconds=[2, 10])
def schedule_deadlines(case_number: str | None) -> dict:
    return workflow.schedule_deadlines(get_runtime(), case_number)


@task(name="find-pending-documents")
def find_pending_documents(case_number: str | None = None) -> list[int]:
    return workflow.pending_documents(get_runtime(), case_number)


@task(name="find-due-notices")
def find_due_notices(now: datetime) -> list[int]:
    """None without an SMTP server: e-mail waits in the outbox (`notices list`)."""
    rt = get_runtime()
    if rt.sender is None:
        return []
    with rt.session() as session:
        return delivery.due_ids(session, now)


# No task retries: a failed attempt is recorded with its backoff in the database (it survives restarts and shows
# on the case) and the next run of `deliver-notices` tries again when the wait is over.
@task(name="deliver-notice")
def deliver_notice(notice_id: int, now: datetime) -> dict | None:
    rt = get_runtime()
    return delivery.deliver_one(rt, notice_id, now, rt.sender)


@task(name="find-deemed-receipts")
def find_deemed_receipts(now: datetime) -> list[tuple[int, date]]:
    rt = get_runtime()
    with rt.session() as session:
        return serving.deemed_due(session, now, rt.policy)


@task(name="record-deemed-receipt")
def record_deemed_receipt(notice_id: int, received_on: date, now: datetime) -> dict | None:
    rt = get_runtime()
    return sweep.deem_received(rt.session, notice_id, received_on, now, rt.policy)


@task(name="compose-digests")
def compose_digests(now: datetime) -> list[dict]:
    rt = get_runtime()
    with rt.session() as session:
        return digest.compose(session, now, rt.policy)
