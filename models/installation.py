from datetime import datetime

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
