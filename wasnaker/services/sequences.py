"""Gap-free sequences (case numbers, document numbers) per office, kind and year."""

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import select

from models import NumberCounter

_INSERT = {"postgresql": pg_insert, "sqlite": sqlite_insert}


def next_seq(session, office_id: int, kind: str, year: int) -> int:
    """Gap-free: the counter row is locked and bumped inside the caller's transaction."""
    query = select(NumberCounter).where(NumberCounter.office_id == office_id, NumberCounter.kind == kind,
                                        NumberCounter.year == year).with_for_update()
    counter = session.exec(query).first()
    if counter is None:
        _create(session, office_id, kind, year)
        counter = session.exec(query).one()
    counter.last += 1
    session.add(counter)
    session.flush()
    return counter.last


def _create(session, office_id: int, kind: str, year: int) -> None:
    """The year's first number of a kind. Two acts on two cases may both find no counter (PostgreSQL locks no row
    that does not exist yet): the second one's insert waits for the first's and then does nothing, and it locks and
    bumps the first's row, instead of failing on the primary key."""
    insert = _INSERT[session.get_bind().dialect.name]
    session.execute(insert(NumberCounter).values(office_id=office_id, kind=kind, year=year, last=0)
                    .on_conflict_do_nothing())
