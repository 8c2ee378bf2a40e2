import secrets
from datetime import datetime

from sqlalchemy import event, text, update
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel

from models._types import utc_column


class Installation(SQLModel, table=True):
    """Which wasnaker this database is: one row, written by the revision that made the table (on a new database as
    on an upgraded one). Its key names this installation's runs on a Prefect server that others may share: the
    idempotency keys of its deadline and stage runs carry it, so two installations' timer and event ids (both
    counting from 1) never name the same run. A restored backup keeps the key, and with it its runs."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, description="a random UUID (hex), made once")
    created_at: datetime = Field(sa_column=utc_column())
    reference_version: int = Field(
        default=0, sa_column_kwargs={"server_default": text("0")},
        description="a new random number at every write to an officer or an office (wasnaker.services.reference): "
                    "a process that keeps them knows its copy is current while the version it read with it stays")


@event.listens_for(Session, "before_flush")
def _bump_reference_version(session, flush_context, instances) -> None:
    """A flush that adds, changes or deletes an officer or an office gives the reference version a new value, in its
    own transaction: a process keeping them (wasnaker.services.reference) reads them again. Random, not counted: a
    copy read in a transaction that then rolled back must never match the version a later write commits."""
    from models.office import Office, Officer

    touched = (*session.new, *session.deleted, *(o for o in session.dirty if session.is_modified(o)))
    if any(isinstance(o, Office | Officer) for o in touched):
        session.connection().execute(update(Installation).values(reference_version=secrets.randbelow(2**31 - 1) + 1))
