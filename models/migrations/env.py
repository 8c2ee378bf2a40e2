"""Alembic environment. wasnaker runs migrations itself (`wasnaker db upgrade`, `init`, `up`): the caller hands
over a connection already inside the one transaction the whole upgrade runs in (see wasnaker/schema.py)."""

from alembic import context
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import models  # noqa: F401  (registers the tables)


def render_item(kind, obj, _context):
    """Revisions spell SQLModel's string type as the plain `sa.String()` it is in every database."""
    return "sa.String()" if kind == "type" and isinstance(obj, AutoString) else False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them (batch mode)
    transactional_ddl=True,  # PostgreSQL natively; SQLite because schema.py begins it explicitly
    compare_type=True,
    render_item=render_item,
)
context.run_migrations()
