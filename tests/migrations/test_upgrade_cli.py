"""`wasnaker db upgrade` on the database wasnaker 0.1.0 left: every record kept, its PDFs intact, new acts work;
a database this version does not know is refused with one line and left as it was."""

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.helpers import fingerprint, stored_spans, trail_spans
from wasnaker import schema
from wasnaker.cli.main import app
from wasnaker.db import init_db, make_engine

runner = CliRunner()


@pytest.fixture
def use(monkeypatch):
    """Point the CLI at a database and home, as an administrator's environment would."""
    from wasnaker.runtime import reset_caches

    def point(url: str, home) -> None:
        monkeypatch.setenv("WASNAKER_HOME", str(home))
        monkeypatch.setenv("WASNAKER_DATABASE_URL", url)
        for name in ("PREFECT_API_URL", "WASNAKER_PREFECT_API_URL", "WASNAKER_SMTP_HOST"):
            monkeypatch.delenv(name, raising=False)
        reset_caches()

    yield point
    reset_caches()


def cli(*args: str):
    return runner.invoke(app, list(args))


def test_upgrading_release_0_1_0_keeps_every_record_and_new_acts_work(release_0_1_0, use):
    url, home = release_0_1_0
    use(url, home)
    engine = make_engine(url)
    before = fingerprint(engine)
    assert "made by wasnaker 0.1.0" in cli("db", "current").output
    refused = cli("case", "list")  # nothing works on it before the upgrade, and it says what to run
    assert (refused.exit_code, refused.output.strip()) == (
        2, "error: the database was made by wasnaker 0.1.0 and is not upgraded yet: run `wasnaker db upgrade`")

    upgraded = cli("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    assert "adopted the database of wasnaker 0.1.0" in upgraded.output
    assert ("backup of the database as it was" in upgraded.output) == url.startswith("sqlite")
    after = fingerprint(engine)  # every case, event, document, notice, timer, counter as it was; new tables empty
    assert {t: n for t, n in after["counts"].items() if t in before["counts"]} == before["counts"]
    sealed = after["counts"].pop("document_seal")  # but the seals the upgrade chained: one per issued PDF
    spans = trail_spans(engine)  # and the stays in states the upgrade read off the trail
    assert after["counts"].pop("case_span") == len(spans) > 7 and stored_spans(engine) == spans
    assert after["counts"].pop("installation") == 1  # and the installation key that names its Prefect runs
    assert after["cases"] == before["cases"] and not any(n for t, n in after["counts"].items()
                                                         if t not in before["counts"])
    assert json.loads(cli("db", "current", "--json").output)["pending"] == []

    verified = cli("documents", "verify")
    assert verified.exit_code == 0 and "39 of 39 documents intact" in verified.output, verified.output
    chained = cli("audit", "verify")  # the upgrade computed every case's chain
    assert chained.exit_code == 0, chained.output
    assert chained.output.strip().endswith(f"7 of 7 cases intact ({before['counts']['caseevent']} events, "
                                           f"{sealed} document seals checked)") and sealed == 39

    complied = cli("apply", "record_compliance", "-c", "WAS/UPTD-WIL.I/2026/0004", "--by", "budi", "--json")
    assert complied.exit_code == 0, complied.output
    assert json.loads(complied.output)["to_state"] == "closed"
    filed = cli("complaint", "file", "--company", "9120001234567", "--complainant", "SP Tekstil", "--summary",
                "Lembur tidak dibayar", "--by", "dewi", "--json")
    assert filed.exit_code == 0, filed.output
    out = json.loads(filed.output)
    assert out["case_number"] == "WAS/UPTD-WIL.I/2026/0008"  # the series goes on where 0.1.0 left it
    assert out["documents"][0]["number"].startswith("560/0003/TTP/")
    assert "40 of 40 documents intact" in cli("documents", "verify").output
    assert cli("audit", "verify").exit_code == 0  # the new acts chained on from the upgraded trail
    assert stored_spans(engine) == trail_spans(engine)  # the door went on from the backfilled stays
    engine.dispose()


def test_a_database_at_an_unknown_revision_is_refused_and_left_alone(empty_url, tmp_path, use):
    engine = make_engine(empty_url)
    init_db(engine)
    with engine.begin() as conn:  # as a newer wasnaker would leave it
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    before = fingerprint(engine)
    use(empty_url, tmp_path)
    for command in (["db", "upgrade"], ["init"], ["db", "current"], ["case", "list"]):
        result = cli(*command)
        assert result.exit_code == 2, command
        assert result.output.splitlines() == [
            "error: the database is at schema revision 0099, which this version of wasnaker does not know (its "
            f"newest is {schema.head()}): a newer wasnaker upgraded it; run that version, or restore the backup "
            "taken before the upgrade"], command
    assert fingerprint(engine) == before
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0099"
    engine.dispose()
