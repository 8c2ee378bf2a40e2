"""`wasnaker audit verify`: one summary line and exit 0 when every chain holds; the broken link named, exit 1."""

import json

import sqlalchemy as sa
from typer.testing import CliRunner

from models import CaseEvent
from wasnaker.cli.main import app

runner = CliRunner()


def test_audit_verify_exit_codes_and_output(home):
    filed = runner.invoke(app, ["complaint", "file", "--company", "9120001234567", "--complainant", "SP",
                                "--summary", "Upah telat", "--by", "dewi", "--on", "2026-03-02", "--json"])
    number = json.loads(filed.output)["case_number"]
    ok = runner.invoke(app, ["audit", "verify"])
    assert (ok.exit_code, ok.output) == (0, "1 of 1 cases intact (1 events, 1 document seals checked)\n")
    from wasnaker.runtime import get_runtime

    table = CaseEvent.__table__
    with get_runtime().engine.begin() as conn:
        event_id = conn.execute(sa.select(table.c.id)).scalar_one()
        conn.execute(sa.update(table).values(actor="someone else"))
    bad = runner.invoke(app, ["audit", "verify", "--case", number])
    assert bad.exit_code == 1
    assert bad.output.splitlines() == [
        f"broken   {number}: event {event_id} (file_complaint): content edited: it no longer hashes to its stored "
        "hash", "0 of 1 cases intact (1 events, 1 document seals checked)"]
    rows = json.loads(runner.invoke(app, ["audit", "verify", "--json"]).output)
    assert rows[0]["broken"]["id"] == event_id and not rows[0]["intact"]
    unknown = runner.invoke(app, ["audit", "verify", "--case", "WAS/X/2026/9999"])
    assert (unknown.exit_code, unknown.output) == (2, "error: no case WAS/X/2026/9999\n")
