"""Gap-free sequences (case numbers, document numbers) per office, kind and year."""

from sqlmodel import select

from models import NumberCounter


def next_seq(session, office_id: int, kind: str, year: int) -> int:
    """Gap-free: the counter row is locked and bumped inside the caller's transaction."""
    query = select(NumberCounter).where(NumberCounter.office_id == office_id, NumberCounter.kind == kind,
                                        NumberCounter.year == year)
    counter = session.exec(query.with_for_update()).first()
    if counter is None:
        counter = NumberCounter(office_id=office_id, kind=kind, year=year, last=0)
    counter.last += 1
    session.add(counter)
    session.flush()
    return counter.last
