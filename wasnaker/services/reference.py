"""Officers and offices kept per process (issue #14): the door reads the acting officer, the case's office, its
staff and its calendar on every act, and they change rarely.

Every flush that writes an officer or an office gives `installation.reference_version` a new random value in the
same transaction (models.installation's listener on every Session). The door reads the version with its case lock
(`token`), and `current` hands it this process's copy while the version it read is the copy's; otherwise the copy
is read again, in the act's transaction, before the act goes on. The copies are plain objects in no session:
nothing the door does with them can write them back. A write that bypasses the ORM (a bulk load with COPY) is seen
by processes started after it.
"""

import threading
import weakref
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from models import Installation, Office, Officer
from wasnaker.domain.calendar import LegalCalendar
from wasnaker.domain.vocabulary import Role

Token = tuple[str, int]  # (installation key, reference version)

TOKEN = select(Installation.key, Installation.reference_version)


@dataclass(frozen=True)
class Staff:
    """An office's active PPNS and inspectors (PPNS among them), by username: what the guards ask of the office."""

    ppns: frozenset[str]
    inspectors: frozenset[str]


@dataclass
class Reference:
    token: Token
    officers: dict[str, Officer]  # active officers by username
    offices: dict[int, Office]
    staff: dict[int, Staff]
    calendars: dict[tuple[int, int], LegalCalendar] = field(default_factory=dict)  # (office id, year)


_kept: "weakref.WeakKeyDictionary[Engine, Reference]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def token(session: Session) -> Token:
    return tuple(session.execute(TOKEN).one())


def current(session: Session, read: Token) -> Reference:
    """This process's copy of the officers and offices for the version `read` in this transaction."""
    engine = session.get_bind()
    kept = _kept.get(engine)
    if kept is not None and kept.token == read:
        return kept
    fresh = _load(session, read)
    with _lock:
        _kept[engine] = fresh
    return fresh


def forget(engine: Engine | None = None) -> None:
    """Drop the copies (of one engine, or all): the next act reads them again."""
    with _lock:
        if engine is None:
            _kept.clear()
        else:
            _kept.pop(engine, None)


def _copy(row, model):
    return model(**{name: getattr(row, name) for name in model.model_fields})


def _load(session: Session, read: Token) -> Reference:
    officers = [_copy(o, Officer) for o in session.scalars(select(Officer).where(Officer.active))]
    offices = {o.id: _copy(o, Office) for o in session.scalars(select(Office))}
    staff = {
        office_id: Staff(
            ppns=frozenset(o.username for o in officers if o.office_id == office_id and o.is_ppns),
            inspectors=frozenset(o.username for o in officers
                                 if o.office_id == office_id and o.role in (Role.inspector, Role.ppns)))
        for office_id in offices}
    return Reference(read, {o.username: o for o in officers}, offices, staff)


def calendar(ref: Reference, office: Office, around: date) -> LegalCalendar:
    """The office's calendar for a deadline starting `around` (wasnaker.services.timers.calendar_for), built once
    per office and year while the copy is current."""
    from wasnaker.services.timers import calendar_for

    key = (office.id, around.year)
    found = ref.calendars.get(key)
    if found is None:
        found = ref.calendars[key] = calendar_for(office, around)
    return found
