"""Hostile input through the CLI (issue #12 part 5): each row one command line and its one `error:` line (exit 2,
nothing written); data that predates the checks at entry prints its control characters as visible codes."""

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from wasnaker.cli.main import app

runner = CliRunner()
CASE = "WAS/UPTD-WIL.I/2026/0001"
ACT = ["apply", "verify_complaint", "--case", CASE, "--by", "dewi"]


def cli(*args):
    return runner.invoke(app, list(args))


def csv_file(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


ROWS = [  # (id, command line — a callable of tmp_path when it needs a file, the error line's start)
    ("on-empty", [*ACT, "--on", ""], "error: malformed date ''"),
    ("on-blank", [*ACT, "--on", " "], "error: malformed date ' '"),
    ("on-30-february", [*ACT, "--on", "2026-02-30"], "error: malformed date '2026-02-30'"),
    ("on-year-0001", [*ACT, "--on", "0001-01-01"], "error: date 0001-01-01 is outside the years 1900-2100"),
    ("on-year-9999", [*ACT, "--on", "9999-12-31"], "error: date 9999-12-31 is outside the years 1900-2100"),
    ("on-sql", [*ACT, "--on", "2026-03-03'; DROP TABLE case; --"], "error: malformed date"),
    ("as-of-empty", ["timers", "run", "--as-of", ""], "error: malformed date ''"),
    ("company-name-crlf", ["company", "add", "--name", "PT A\r\nB", "--nib", "9120000000009"],
     "error: company name (a single line) holds a control character (U+000D)"),
    ("company-name-ansi", ["company", "add", "--name", "PT \x1b]0;pwned\x07", "--nib", "9120000000009"],
     "error: company name (a single line) holds a control character (U+001B)"),
    ("company-name-rlo", ["company", "add", "--name", "PT \u202eAB", "--nib", "9120000000009"],
     "error: company name (a single line) holds a bidirectional control (U+202E)"),
    ("company-nib-sql", ["company", "add", "--name", "PT A", "--nib", "'; DROP TABLE company; --"],
     "error: malformed NIB"),
    ("company-npwp-short", ["company", "add", "--name", "PT A", "--nib", "9120000000009", "--npwp", "1.2"],
     "error: malformed NPWP"),
    ("import-1mb-field", lambda tmp: ["company", "import", csv_file(tmp, "big.csv", b"name,nib\n" + b"A" * (1 << 20)
                                                                  + b",9120000000009\n")],
     "error: big.csv, line 2: not a readable CSV row (field larger than field limit"),
    ("import-latin-1", lambda tmp: ["company", "import", csv_file(tmp, "l1.csv", "name,nib\nPT Ñusantara,"
                                                                "9120000000009\n".encode("latin-1"))],
     "error: l1.csv is not UTF-8 text"),
    ("import-name-crlf", lambda tmp: ["company", "import", csv_file(tmp, "lf.csv", b'name,nib\n"PT A\r\nB",'
                                                                  b"9120000000009\n")],
     "error: lf.csv, line 2: company name (a single line) holds a control character (U+000D)"),
    ("complainant-ansi", ["complaint", "file", "--company", "9120001234567", "--complainant", "SP \x1b[2J",
                          "--summary", "Upah telat", "--by", "dewi", "--on", "2026-03-02"],
     "error: file_complaint: invalid data: complainant_name: Value error, complainant_name (a single line) holds"),
    ("plan-unknown-reason", ["apply", "plan_inspection", "--by", "hendra", "--on", "2026-03-02", "-d",
                           "company_nib=9120001234567", "-d", "reason=hacker"],
     "error: plan_inspection: invalid data: reason: Input should be"),
]


@pytest.mark.parametrize("args, message", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_hostile_command_lines_get_one_error_line_and_write_nothing(home, tmp_path, args, message):
    cli("complaint", "file", "--company", "9120001234567", "--complainant", "SP", "--summary", "Upah telat",
        "--by", "dewi", "--on", "2026-03-02")
    before = [cli(*a).output for a in (["case", "list", "--json"], ["company", "list", "--json"],
                                       ["case", "show", CASE, "--json"], ["timers", "list"])]
    result = cli(*(args(tmp_path) if callable(args) else args))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(message) and len(result.output.strip().splitlines()) == 1, result.output
    assert "\x1b" not in result.output and "\r" not in result.output
    assert [cli(*a).output for a in (["case", "list", "--json"], ["company", "list", "--json"],
                                     ["case", "show", CASE, "--json"], ["timers", "list"])] == before


def test_a_name_stored_before_the_checks_prints_its_escapes_visibly(home):
    """An ANSI/OSC sequence that reached the database earlier reaches no terminal through case show or list."""
    with sqlite3.connect(home / "wasnaker.db") as db:
        db.execute("UPDATE company SET name = ? WHERE nib = '9120001234567'",
                   ("PT Sinar\x1b[2J\x1b]0;pwned\x07\r\nTekstil",))
    cli("complaint", "file", "--company", "9120001234567", "--complainant", "SP", "--summary", "Upah telat",
        "--by", "dewi", "--on", "2026-03-02")
    for args in (["case", "show", CASE], ["case", "list"], ["company", "list"]):
        out = cli(*args).output
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out, args
        assert "PT Sinar\\x1b[2J\\x1b]0;pwned\\x07\\x0d" in out, (args, out)
    stored = json.loads(cli("company", "list", "--json").output)
    assert stored[0]["name"].startswith("PT Sinar\x1b[2J")  # --json gives the data as stored, JSON-escaped
