"""Which offices a figure covers, by code: the offices' ids for the figure functions and their names for a page's
choice of offices."""

from sqlalchemy import select
from sqlmodel import Session

from models import Office
from wasnaker.domain.errors import NotFound


def offices(session: Session, ids: tuple[int, ...] | None = None) -> list[dict]:
    """The offices (all of them when `ids` is None), by code."""
    query = select(Office.id, Office.code, Office.name, Office.province).order_by(Office.code)
    if ids is not None:
        query = query.where(Office.id.in_(ids))
    return [dict(r) for r in session.execute(query).mappings()]


def office_ids(session: Session, codes) -> tuple[int, ...]:
    """The ids of the offices with these codes; an unknown code is NotFound."""
    found = dict(session.execute(select(Office.code, Office.id).where(Office.code.in_(tuple(codes)))).all())
    if missing := sorted(set(codes) - set(found)):
        raise NotFound(f"unknown office {', '.join(missing)}")
    return tuple(sorted(found.values()))
