"""The tamper-evident audit trail: every case's chain of events and document seals re-computed."""

from wasnaker.domain.errors import NotFound
from wasnaker.services import chain


def verify(rt, case_number: str | None = None) -> list[dict]:
    """One row per case (or the one named): events and seals checked, the first broken link if any."""
    with rt.session() as session:
        rows = chain.verify(session, case_number)
    if case_number is not None and not rows:
        raise NotFound(f"no case {case_number}")
    return rows
