"""The CLI as a user types it: JSON output for scripts, one-line errors with a non-zero exit, nothing written."""

import json

import pytest
from typer.testing import CliRunner

from wasnaker.cli.main import app

runner = CliRunner()


def cli(*args):
    return runner.invoke(app, list(args))


def test_complaint_then_apply_with_json_output(home):
    filed = cli("complaint", "file", "--company", "9120001234567", "--complainant", "SP Tekstil", "--summary",
                "Upah di bawah UMK", "--by", "dewi", "--on", "2026-03-02", "--json")
    assert filed.exit_code == 0, filed.output
    out = json.loads(filed.output)
    assert out["to_state"] == "complaint_received" and out["documents"][0]["path"].endswith(".pdf")
    number = out["case_number"]
    moved = cli("apply", "verify_complaint", "--case", number, "--by", "dewi", "--on", "2026-03-02", "--json")
    assert json.loads(moved.output)["to_state"] == "under_verification"
    assigned = cli("apply", "assign_inspectors", "-c", number, "--by", "hendra", "--on", "2026-03-03",
                   "-d", 'inspectors=["budi"]')
    assert assigned.exit_code == 0 and "under_verification -> assigned" in assigned.output
    listed = json.loads(cli("case", "list", "--json").output)
    assert [(c["number"], c["state"]) for c in listed] == [(number, "assigned")]
    shown = json.loads(cli("case", "show", number, "--json").output)
    assert set(shown["next"]) == {"sign_spt", "withdraw_complaint"}
    assert shown["events"][-1]["trigger"] == "assign_inspectors"


def _db_bytes(home):
    return (home / "wasnaker.db").read_bytes()


@pytest.mark.parametrize("args, message", [
    (["apply", "issue_nota_9", "--case", "X", "--by", "budi"], "error: unknown trigger 'issue_nota_9'"),
    (["apply", "issue_nota_1", "--case", "WAS/UPTD-WIL.I/2026/0001", "--by", "budi", "--on", "2026-03-03"],
     "error: 'issue_nota_1' is not allowed in state complaint_received"),
    (["apply", "verify_complaint", "--case", "WAS/UPTD-WIL.I/2026/0001", "--by", "budi", "--on", "2026-03-03"],
     "error: verify_complaint needs role desk, head; budi is inspector"),
    (["apply", "verify_complaint", "--case", "WAS/UPTD-WIL.I/2026/0001", "--by", "dewi", "--on", "2099-01-01"],
     "error: date of the act 2099-01-01 is in the future"),
    (["apply", "verify_complaint", "--case", "WAS/UPTD-WIL.I/2026/0001", "--by", "dewi", "--on", "2026-13-01"],
     "error: malformed date '2026-13-01'"),
    (["apply", "verify_complaint", "--case", "WAS/UPTD-WIL.I/2026/0001", "--by", "dewi", "--on", "2026-03-03",
      "--expected-version", "0"],
     "error: case WAS/UPTD-WIL.I/2026/0001 was changed meanwhile by dewi (file_complaint at "),
    (["apply", "verify_complaint", "--case", "WAS/UPTD-WIL.I/2026/0001", "--by", "dewi", "--on", "2026-03-03",
      "--expected-version", "7"], "error: case WAS/UPTD-WIL.I/2026/0001 is at version 1, not 7; reload it"),
    (["company", "add", "--name", "CV Salah", "--nib", "12345"], "error: malformed NIB '12345'"),
    (["company", "add", "--name", "CV Salah", "--nib", "9120001234568", "--npwp", "123"], "error: malformed NPWP"),
    (["timers", "list", "--status", "runing"],
     "error: --status 'runing': one of awaiting_receipt | running | expired | closed"),
    (["notices", "list", "--status", "delivered"],
     "error: --status 'delivered': one of queued | sending | handed | retrying"),
])
def test_errors_are_one_line_non_zero_and_write_nothing(home, args, message):
    cli("complaint", "file", "--company", "9120001234567", "--complainant", "SP", "--summary", "Upah telat",
        "--by", "dewi", "--on", "2026-03-02")
    before = json.loads(cli("case", "show", "WAS/UPTD-WIL.I/2026/0001", "--json").output)
    result = cli(*args)
    assert result.exit_code == 2
    assert result.output.strip().startswith(message) and len(result.output.strip().splitlines()) == 1
    assert json.loads(cli("case", "show", "WAS/UPTD-WIL.I/2026/0001", "--json").output) == before
    assert len(json.loads(cli("case", "list", "--json").output)) == 1


def test_company_import_is_all_or_nothing(home, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("name,nib,npwp,workforce\nPT A,9120000000001,012345678901000,10\nPT B,9120000000002,,5\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,nib\nPT C,9120000000003\nPT D,91200\n")
    assert "2 companies imported" in cli("company", "import", str(good)).output
    result = cli("company", "import", str(bad))
    assert result.exit_code == 2 and "bad.csv, line 3: malformed NIB" in result.output
    assert cli("company", "add", "--name", "PT C", "--nib", "9120000000003").exit_code == 0  # C was not imported


def test_lifecycle_show_json_lists_every_state(home):
    from wasnaker.domain.vocabulary import State

    body = json.loads(cli("lifecycle", "show", "--format", "json").output)
    assert {s["code"] for s in body["states"]} == {s.value for s in State}
    assert cli("lifecycle", "show", "--format", "xml").exit_code == 2


def test_timers_run_as_of_a_date(home):
    assert "no timer expired" in cli("timers", "run", "--as-of", "2026-03-02").output


def test_an_act_recorded_while_the_prefect_server_is_away_is_reported_recorded(home, monkeypatch):
    """Server mode, the server unreachable: an act that issues a letter commits, the officer is told it is recorded
    and what picks up the rest (an officer told "failed" would record it a second time); an act that issues nothing
    never needed the server (no stage run) and says nothing of it."""
    from wasnaker.runtime import reset_caches

    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # nothing listens on port 9
    reset_caches()
    filed = runner.invoke(app, ["complaint", "file", "--company", "9120001234567", "--complainant", "SP",
                                "--summary", "Upah telat", "--by", "dewi", "--on", "2026-03-02"])
    assert filed.exit_code == 0, filed.output
    assert "warning: the act is recorded, but start-stage-run failed (ConnectError" in filed.output
    assert "rendered by the next deliver-notices run" in filed.output
    verified = runner.invoke(app, ["apply", "verify_complaint", "-c", "WAS/UPTD-WIL.I/2026/0001", "--by", "dewi",
                                   "--on", "2026-03-03"])
    assert verified.exit_code == 0 and "under_verification" in verified.output
    assert "warning" not in verified.output and "flow run" not in verified.output
    monkeypatch.delenv("PREFECT_API_URL")
    reset_caches()
    assert json.loads(cli("case", "show", "WAS/UPTD-WIL.I/2026/0001", "--json").output)["state"] == "under_verification"


def test_a_letter_out_of_date_order_needs_a_late_reason(home):
    """The Tanda Terima Pengaduan 0001 is dated 5 March; a complaint received on 2 March and recorded after it is
    refused (one line, exit 2, nothing written) until the officer says why it is recorded late."""
    assert cli("complaint", "file", "--company", "9120001234567", "--complainant", "SP", "--summary", "Upah telat",
               "--by", "dewi", "--on", "2026-03-05").exit_code == 0
    data = json.dumps({"company_nib": "9120001234567", "complainant_name": "SP Lain", "summary": "Lembur tak dibayar"})
    args = ["apply", "file_complaint", "--by", "dewi", "--on", "2026-03-02", "--data-json", data]
    before = _db_bytes(home)
    for extra, message in (([], "error: a complaint_receipt dated 2026-03-02 would be numbered after "),
                           (["--late-reason", "lupa"], "error: a late reason is one line of at least 10 characters")):
        refused = cli(*args, *extra)
        assert refused.exit_code == 2 and refused.output.startswith(message), refused.output
        assert len(refused.output.strip().splitlines()) == 1
    assert "--late-reason" in cli(*args).output
    assert _db_bytes(home) == before and len(json.loads(cli("case", "list", "--json").output)) == 1
    done = cli(*args, "--late-reason", "Surat pengaduan tertahan di bagian umum", "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["documents"][0]["number"].startswith("560/0002/TTP/")


def test_lifecycle_json_gives_each_fields_type_format_and_allowed_values(home):
    rows = {t["trigger"]: t for t in json.loads(cli("lifecycle", "show", "--format", "json").output)["transitions"]}
    receipt = rows["record_receipt"]["schema"]
    assert receipt["properties"]["received_on"]["format"] == "date"
    assert receipt["$defs"]["ServiceMethod"]["enum"] == ["hand", "post", "email", "email_deemed"]
    assert rows["issue_nota_1"]["schema"]["properties"]["deadline_days"]["anyOf"][0]["minimum"] == 1


def test_a_value_is_typed_by_the_payload_schema_not_guessed(home):
    """`-d company_nib=9120001234567` is the NIB the schema wants as text, not a number."""
    planned = cli("apply", "plan_inspection", "--by", "hendra", "--on", "2026-11-02", "-d",
                  "company_nib=9120001234567", "-d", "note=2026", "--json")
    assert planned.exit_code == 0, planned.output
    number = json.loads(planned.output)["case_number"]
    assigned = cli("apply", "assign_inspectors", "-c", number, "--by", "hendra", "--on", "2026-11-02", "-d",
                   'inspectors=["budi"]')
    assert assigned.exit_code == 0, assigned.output
