"""Notice flows. `deliver-notices` sends every e-mail whose turn has come (every 5 minutes, for retries: acts,
deadline runs and the sweep send their own at once); `daily-digest` gives each officer the morning's due and
overdue deadlines. What each does is the application layer's (`wasnaker.application.notices`)."""

from datetime import datetime

from prefect import flow

from flows.naming import at_moment
from flows.tasks import as_tasks
from wasnaker import clock
from wasnaker.application import notices
from wasnaker.domain.notices import AttemptOutcome
from wasnaker.runtime import get_runtime


@flow(name="deliver-notices", flow_run_name=at_moment)
def deliver_notices(as_of: datetime | None = None) -> dict:
    """Render what is pending, send what is due; a failure waits out its backoff, a bounce is left for an officer
    (on the case)."""
    result = notices.deliver(get_runtime(), as_of or clock.now(), runner=as_tasks)
    return {**result, "sent": sum(r["outcome"] == AttemptOutcome.sent for r in result["notices"])}


@flow(name="daily-digest", flow_run_name=at_moment)
def daily_digest(as_of: datetime | None = None) -> dict:
    return notices.daily_digest(get_runtime(), as_of or clock.now(), runner=as_tasks)
