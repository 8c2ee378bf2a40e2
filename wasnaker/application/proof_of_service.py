"""Proof of service: when a notice reached its recipient, recorded by an officer (tanda terima, registered post)
or confirmed by the recipient on the acknowledgement page. A receipt may start a letter's clock: its deadline run
follows the receipt."""

from datetime import date, datetime

from wasnaker.application.runner import after_commit, direct
from wasnaker.application.steps import SCHEDULE
from wasnaker.domain.payloads import ServiceMethod
from wasnaker.services import serving


def serve_notice(rt, notice_id: int, *, received_on: date, method: ServiceMethod, actor: str, now: datetime,
                 reason: str | None = None) -> dict:
    """An officer records how and when a notice was received (a different date later needs a reason)."""
    with rt.session() as session:
        result = serving.serve(session, notice_id, received_on=received_on, method=method, actor=actor, now=now,
                               reason=reason, policy=rt.policy)
        case_number = serving.case_number_of(session, notice_id)
    _schedule_after_receipt(rt, case_number, result)
    return result


def acknowledge(rt, token: str, now: datetime) -> dict:
    """The recipient confirmed receipt on the acknowledgement page (the button, never the opening of the page)."""
    with rt.session() as session:
        result = serving.acknowledge(session, token, _secret(rt), now, rt.policy)
        case_number = serving.case_number_of(session, result["notice"])
    _schedule_after_receipt(rt, case_number, result)
    return result


def ack_view(rt, token: str) -> dict:
    """What the acknowledgement page shows for a signed link (NotFound for any other); records nothing."""
    with rt.session() as session:
        return serving.ack_view(session, token, _secret(rt))


def letter(rt, token: str) -> tuple[str, bytes]:
    """The letter behind a signed link, as file name and PDF (reading it records nothing)."""
    with rt.session() as session:
        name, path = serving.letter_file(session, token, _secret(rt))
    return name, rt.store.get(path)


def _secret(rt) -> str:
    return rt.settings.secret_key.get_secret_value()


def _schedule_after_receipt(rt, case_number: str, result: dict) -> None:
    """The deadline run a receipt starts; if the Prefect server cannot take it now, the next sweep schedules it
    (and would handle the expiry itself)."""
    after_commit(rt, direct, SCHEDULE, case_number, what="the receipt", warnings=result.setdefault("warnings", []),
                 fallback="the next sweep schedules the deadline run")
