"""The schema lives in Alembic revisions: the baseline is release 0.1.0's schema, the models equal the head, a
failed upgrade changes nothing, SQLite alters tables in batch mode without losing a row."""

import shutil

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from tests.helpers import fingerprint
from wasnaker import schema
from wasnaker.db import init_db, make_engine


def shape(engine) -> dict:
    """Everything about the tables that a schema decides: columns, types, keys, indexes, unique constraints."""
    found = sa.inspect(engine)

    def columns(t):
        return [(c["name"], c["type"].compile(dialect=engine.dialect), c["nullable"]) for c in found.get_columns(t)]

    return {t: {"columns": columns(t), "pk": found.get_pk_constraint(t)["constrained_columns"],
                "fks": sorted((f["constrained_columns"], f["referred_table"]) for f in found.get_foreign_keys(t)),
                "indexes": sorted((i["name"], i["column_names"], i["unique"]) for i in found.get_indexes(t)),
                "unique": sorted(u["column_names"] for u in found.get_unique_constraints(t))}
            for t in found.get_table_names() if t != "alembic_version"}


def test_the_baseline_is_the_schema_release_0_1_0_made(release_0_1_0, empty_url):
    legacy = make_engine(release_0_1_0[0])
    fresh = make_engine(empty_url)
    with fresh.begin() as conn:  # the baseline alone, not the revisions after it
        command.upgrade(schema.config(conn), schema.BASELINE)
    assert shape(fresh) == shape(legacy)
    legacy.dispose(), fresh.dispose()


def test_the_models_equal_the_head_revision(empty_url):
    """Fails when a model changes without its migration: write one (README, "Schema changes")."""
    engine = make_engine(empty_url)
    init_db(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def _revision(folder, body: str) -> str:
    """A revision after the current head; returns its number."""
    schema.scripts.cache_clear()
    down = schema.head()
    number = f"{int(down) + 1:04d}"
    (folder / "versions" / f"{number}_test.py").write_text(
        f'"""Test revision {number}."""\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
        f'revision = "{number}"\ndown_revision = "{down}"\nbranch_labels = None\n'
        f'depends_on = None\n\n\ndef upgrade():\n{body}\n\n\ndef downgrade():\n    pass\n')
    schema.scripts.cache_clear()
    return number


@pytest.fixture
def migrations(tmp_path, monkeypatch):
    """A copy of the revisions that a test may add to."""
    folder = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(schema, "MIGRATIONS", folder)
    schema.scripts.cache_clear()
    yield folder
    schema.scripts.cache_clear()


def test_a_failing_upgrade_is_rolled_back_whole(release_0_1_0, migrations):
    engine = make_engine(release_0_1_0[0])
    init_db(engine)
    before, head = fingerprint(engine), schema.head()
    _revision(migrations, '    with op.batch_alter_table("case") as batch:\n'
                          '        batch.add_column(sa.Column("priority", sa.Integer(), nullable=True))\n'
                          '    op.create_table("scratch", sa.Column("id", sa.Integer(), primary_key=True))\n'
                          '    op.execute("UPDATE \\"case\\" SET priority = 1")\n'
                          '    raise RuntimeError("the third step of the new revision failed")')
    with pytest.raises(RuntimeError, match="third step"):
        init_db(engine)
    found = sa.inspect(engine)
    assert schema.status(engine).current == head
    assert "priority" not in {c["name"] for c in found.get_columns("case")}
    assert not found.has_table("scratch")
    assert fingerprint(engine) == before
    engine.dispose()


def test_a_table_rebuilt_in_batch_mode_keeps_every_row_and_key(release_0_1_0, migrations):
    engine = make_engine(release_0_1_0[0])
    init_db(engine)
    before = fingerprint(engine)
    number = _revision(migrations, '    with op.batch_alter_table("case") as batch:\n'
                                   '        batch.add_column(sa.Column("priority", sa.Integer(), nullable=False,'
                                   ' server_default="0"))\n'
                                   '        batch.create_index("ix_case_priority", ["priority"])')
    result = init_db(engine)
    assert (result.applied, schema.status(engine).current) == ((number,), number)
    assert fingerprint(engine)["counts"] == before["counts"]
    with engine.connect() as conn:
        assert conn.execute(sa.text('SELECT COUNT(*) FROM "case" WHERE priority = 0')).scalar_one() == 7
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1  # back on for the app
    engine.dispose()


def test_a_database_older_than_0_1_0_is_refused_naming_what_it_lacks(tmp_path):
    from tests.migrations.conftest import load_sqlite

    engine = make_engine(load_sqlite(tmp_path / "home"))
    with engine.begin() as conn:  # what session 1's `create_all` made: a notice table without the newer columns
        conn.execute(sa.text("ALTER TABLE notice DROP COLUMN claim"))
    with pytest.raises(schema.SchemaError, match=r"older than release 0\.1\.0 and lacks notice\.claim"):
        init_db(engine)
    assert schema.status(engine).current is None
    engine.dispose()


def test_the_quick_head_agrees_with_alembic(migrations):
    """Every command checks the head without importing Alembic (schema_guard); it must read what Alembic reads."""
    from wasnaker.schema_guard import head_revision

    assert head_revision() == schema.head()
    number = _revision(migrations, "    pass")
    assert head_revision(migrations / "versions") == schema.head() == number


def test_tables_with_an_empty_revision_record_are_refused_not_adopted(tmp_path):
    """A later database whose revision record was lost must not be taken for 0.1.0 and upgraded again."""
    engine = make_engine(f"sqlite:///{tmp_path / 'lost.db'}")
    init_db(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM alembic_version"))
    with pytest.raises(schema.SchemaError, match=r"its revision record \(table alembic_version\) is empty"):
        init_db(engine)
    engine.dispose()


def test_a_database_with_columns_0_1_0_did_not_make_is_not_adopted(tmp_path):
    from tests.migrations.conftest import load_sqlite

    engine = make_engine(load_sqlite(tmp_path / "home"))
    with engine.begin() as conn:  # as a later release would leave it, had its revision record been dropped
        conn.execute(sa.text('ALTER TABLE "case" ADD COLUMN priority INTEGER'))
    with pytest.raises(schema.SchemaError, match=r"columns release 0\.1\.0 did not make \(case\.priority\)"):
        init_db(engine)
    assert schema.status(engine).current is None and list(tmp_path.glob("home/*.before-*")) == []
    engine.dispose()


def test_an_in_memory_database_keeps_its_tables():
    engine = make_engine("sqlite://")
    init_db(engine)
    assert schema.status(engine).up_to_date and sa.inspect(engine).has_table("case")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    engine.dispose()
