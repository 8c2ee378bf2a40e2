"""`wasnaker notices`: the outbox as an officer sees it, recording a tanda terima, and clear refusals."""

import json

from tests.cli.test_cli import cli
from tests.helpers import FINDING

STEPS = [
    ("verify_complaint", "dewi", []),
    ("assign_inspectors", "hendra", ['inspectors=["budi"]']),
    ("sign_spt", "rahmat", ["period_start=2026-05-04", "period_end=2026-05-04"]),
    ("record_finding", "budi", [f"{k}={json.dumps(v)}" for k, v in FINDING.items()]),
    ("record_inspection", "budi", ["inspection_date=2026-05-04"]),
    ("issue_nota_1", "budi", ["deadline_days=14"]),
]


def nota_case() -> str:
    filed = cli("complaint", "file", "--company", "9120001234567", "--complainant", "SP Tekstil", "--summary",
                "Upah di bawah UMK", "--by", "dewi", "--on", "2026-05-04", "--json")
    number = json.loads(filed.output)["case_number"]
    for trigger, by, data in STEPS:
        args = [x for d in data for x in ("-d", d)]
        result = cli("apply", trigger, "-c", number, "--by", by, "--on", "2026-05-05" if trigger.startswith(
            "issue") else "2026-05-04", *args)
        assert result.exit_code == 0, result.output
    return number


def test_a_nota_without_email_waits_for_its_tanda_terima_which_starts_the_deadline(home):
    number = nota_case()
    notices = json.loads(cli("notices", "list", "--case", number, "--json").output)
    [nota] = [n for n in notices if n["subject"].startswith("Nota Pemeriksaan I")]
    assert (nota["audience"], nota["channel"], nota["status"]) == ("company", "hand", "awaiting_service")
    waiting = json.loads(cli("notices", "list", "--status", "awaiting_service", "--json").output)
    assert nota["id"] in [n["id"] for n in waiting] and {n["status"] for n in waiting} == {"awaiting_service"}
    awaiting = json.loads(cli("timers", "list", "--status", "awaiting_receipt", "--json").output)
    assert [t["kind"] for t in awaiting] == ["nota_1_compliance"]
    assert json.loads(cli("timers", "list", "--status", "running", "--json").output) == []

    sent = cli("notices", "send")
    assert sent.exit_code == 0 and "no SMTP server configured" in sent.output and "nothing to send" in sent.output

    for args, message in [
        (["--received-on", "2099-01-01", "--by", "budi"], "error: received_on 2099-01-01 is in the future"),
        (["--received-on", "2026-05-01", "--by", "budi"], "error: received_on 2026-05-01 is before the letter's"),
        (["--received-on", "2026-05-06", "--by", "budi", "--method", "email"], "error: --method 'email': hand or"),
        (["--received-on", "2026-05-06", "--by", "kiki"], "error: record_receipt needs role"),
    ]:
        refused = cli("notices", "serve", str(nota["id"]), *args)
        assert refused.exit_code == 2 and refused.output.startswith(message), refused.output
    assert json.loads(cli("notices", "list", "--case", number, "--json").output) == notices

    served = cli("notices", "serve", str(nota["id"]), "--received-on", "2026-05-06", "--by", "budi")
    assert served.exit_code == 0 and "received 2026-05-06 (hand), recorded" in served.output
    [timer] = [t for t in json.loads(cli("timers", "list", "--json").output) if t["kind"] == "nota_1_compliance"]
    assert (timer["start"], timer["due"]) == ("2026-05-06", "2026-05-20")
    shown = cli("case", "show", number).output
    assert f"notice {nota['id']} to PT Sinar Tekstil Nusantara (hand): served, received 2026-05-06 (hand)" in shown

    moved = cli("notices", "serve", str(nota["id"]), "--received-on", "2026-05-08", "--method", "post", "--by",
                "budi", "--reason", "Resi pos tercatat")
    assert moved.exit_code == 0, moved.output
    [timer] = [t for t in json.loads(cli("timers", "list", "--json").output) if t["kind"] == "nota_1_compliance"]
    assert timer["due"] == "2026-05-22" and timer["history"][-1]["what"] == "receipt moved (post): Resi pos tercatat"


def test_the_digest_command_lists_what_is_due_per_officer(home):
    number = nota_case()
    cli("apply", "record_receipt", "-c", number, "--by", "budi", "--on", "2026-05-06", "-d", "received_on=2026-05-06")
    made = json.loads(cli("notices", "digest", "--as-of", "2026-05-16", "--json").output)["digests"]
    assert sorted(d["to"] for d in made) == ["budi", "hendra", "kiki"]
    assert all(d["channel"] == "inbox" for d in made)  # the default staff have no e-mail address: their inbox
    inbox = json.loads(cli("notices", "list", "--to", "budi", "--json").output)
    assert inbox[-1]["subject"] == "Ringkasan tenggat 16 Mei 2026: 0 terlambat, 1 segera jatuh tempo"
