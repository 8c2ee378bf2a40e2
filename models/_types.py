from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime


def json_column():
    return Column(JSON, nullable=False, default=dict)


def json_list_column():
    return Column(JSON, nullable=False, default=list)


def utc_column(nullable: bool = False):
    return Column(DateTime(timezone=True), nullable=nullable)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything stored is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
