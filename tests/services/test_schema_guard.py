"""A database created by an older wasnaker is refused with the missing columns named, not half-used."""

import pytest
from sqlalchemy import text

from wasnaker.db import SchemaOutdated, init_db, make_engine


def test_an_older_database_is_refused_with_what_it_lacks(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    init_db(engine)
    init_db(engine)  # the current schema passes, again and again
    with engine.begin() as conn:  # what session 1's `create_all` made: a notice table without the new columns
        conn.execute(text("ALTER TABLE notice DROP COLUMN claim"))
    with pytest.raises(SchemaOutdated, match=r"lacks notice\.claim; use a fresh WASNAKER_HOME"):
        init_db(engine)
    engine.dispose()
