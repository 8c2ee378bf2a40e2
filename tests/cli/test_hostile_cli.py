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


# Every other command that takes free input (wasnaker/cli/*: apply's data and case, complaint file, case show, timers
# list, office/officer/company add, user add/disable, notices serve/send, documents preview, lifecycle readme). One
# home for all of them, its complaint recorded without rendering: a row is refused before it writes anything, and the
# database fingerprint (every table's rows, every case's state and version) says so.
OTHER_ROWS = [
    ("data-json-list", [*ACT, "--on", "2026-03-03", "--data-json", "[1, 2]"], "error: --data-json is one JSON object"),
    ("data-json-broken", [*ACT, "--on", "2026-03-03", "--data-json", "{not json"], "error: --data-json is not valid"),
    ("data-pair", [*ACT, "--on", "2026-03-03", "-d", "noequals"], "error: --data 'noequals': use key=value"),
    ("data-1mb", [*ACT, "--on", "2026-03-03", "-d", "note=" + "x" * (1 << 20)],
     "error: verify_complaint: invalid data: note: Value error, note is 1048576 characters long; at most 5000"),
    ("data-unknown-key", [*ACT, "--on", "2026-03-03", "-d", "hacker=1"], "error: verify_complaint: invalid data: "
                                                                         "hacker: Extra inputs are not permitted"),
    ("case-sql", ["apply", "verify_complaint", "--case", "'; DROP TABLE case; --", "--by", "dewi", "--on",
                  "2026-03-03"], "error: unknown case \"'; DROP TABLE case; --\""),
    ("by-sql", ["apply", "verify_complaint", "--case", CASE, "--by", "'; DROP", "--on", "2026-03-03"],
     "error: unknown officer \"'; DROP\""),
    ("late-reason-ansi", [*ACT, "--on", "2026-03-03", "--late-reason", "telat\x1b[2J karena banjir"],
     "error: late reason (a single line) holds a control character (U+001B)"),
    ("complaint-norm-crlf", ["complaint", "file", "--company", "9120001234567", "--complainant", "SP", "--summary",
                             "Upah telat", "--by", "dewi", "--on", "2026-03-02", "--norm", "Upah\r\nminimum"],
     "error: file_complaint: invalid data: norms: Value error, norms (a single line) holds a control character"),
    ("case-show-ansi", ["case", "show", "\x1b[2J"], "error: unknown case '\\x1b[2J'"),
    ("timers-unknown-status", ["timers", "list", "--status", "hacker"], "error: --status 'hacker': one of"),
    ("office-name-crlf", ["office", "add", "--code", "UPTD-X", "--name", "Kantor\r\nPalsu", "--province", "Jabar"],
     "error: office name (a single line) holds a control character (U+000D)"),
    ("office-code-rlo", ["office", "add", "--code", "UPTD-\u202eX", "--name", "Kantor", "--province", "Jabar"],
     "error: office code (a single line) holds a bidirectional control (U+202E)"),
    ("office-address-1mb", ["office", "add", "--code", "UPTD-X", "--name", "Kantor", "--province", "Jabar",
                            "--address", "x" * (1 << 20)], "error: office address is 1048576 characters long"),
    ("office-time-zone", ["office", "add", "--code", "UPTD-X", "--name", "Kantor", "--province", "Jabar",
                          "--timezone", "../../etc/passwd"], "error: unknown time zone '../../etc/passwd'"),
    ("officer-username-crlf", ["officer", "add", "--office", "UPTD-WIL.I", "--username", "tono\r\nBcc", "--name",
                               "Tono", "--nip", "198001012005011099", "--role", "inspector"],
     "error: username 'tono\\x0d\\x0aBcc': 1-64 letters"),
    ("officer-username-1mb", ["officer", "add", "--office", "UPTD-WIL.I", "--username", "x" * (1 << 20), "--name",
                              "Tono", "--nip", "198001012005011099", "--role", "inspector"], "error: username 'xxx"),
    ("officer-nip-sql", ["officer", "add", "--office", "UPTD-WIL.I", "--username", "tono", "--name", "Tono", "--nip",
                         "1980'; DROP", "--role", "inspector"], "error: malformed NIP"),
    ("officer-unknown-role", ["officer", "add", "--office", "UPTD-WIL.I", "--username", "tono", "--name", "Tono",
                              "--nip", "198001012005011099", "--role", "hacker"], "error: unknown role 'hacker'"),
    ("officer-rank-rlo", ["officer", "add", "--office", "UPTD-WIL.I", "--username", "tono", "--name", "Tono", "--nip",
                          "198001012005011099", "--role", "inspector", "--rank", "III\u202e"],
     "error: rank (a single line) holds a bidirectional control (U+202E)"),
    ("officer-email-crlf", ["officer", "add", "--office", "UPTD-WIL.I", "--username", "tono", "--name", "Tono",
                            "--nip", "198001012005011099", "--role", "inspector", "--email", "a@b.co\r\nBcc: x@y.z"],
     "error: malformed e-mail address"),
    ("company-workforce-negative", ["company", "add", "--name", "PT W", "--nib", "9120000000009", "--workforce", "-5"],
     "error: workforce -5 is negative"),
    ("company-workforce-huge", ["company", "add", "--name", "PT W", "--nib", "9120000000009", "--workforce",
                                "1" + "0" * 30], "error: workforce 1000000000000000000000000000000 is too large"),
    ("company-email-crlf", ["company", "add", "--name", "PT W", "--nib", "9120000000009", "--email",
                            "a@b.co\r\nBcc: x@y.z"], "error: email (a single line) holds a control character"),
    ("company-kbli-rlo", ["company", "add", "--name", "PT W", "--nib", "9120000000009", "--kbli", "1\u202e2"],
     "error: kbli (a single line) holds a bidirectional control (U+202E)"),
    ("user-by-crlf", ["user", "add", "budi", "--by", "ad\r\nmin", "--oidc-subject", "sso-budi"],
     "error: administrator (--by) (a single line) holds a control character (U+000D)"),
    ("user-subject-ansi", ["user", "add", "budi", "--by", "admin", "--oidc-subject", "s\x1b]0;x\x07"],
     "error: single sign-on subject (a single line) holds a control character (U+001B)"),
    ("user-unknown-rlo", ["user", "disable", "\u202ebudi"], "error: no officer '\\u202ebudi'"),
    ("serve-30-february", ["notices", "serve", "1", "--received-on", "2026-02-30", "--by", "dewi"],
     "error: malformed date '2026-02-30'"),
    ("serve-year-0001", ["notices", "serve", "1", "--received-on", "0001-01-01", "--by", "dewi"],
     "error: date 0001-01-01 is outside the years 1900-2100"),
    ("serve-unknown-method", ["notices", "serve", "1", "--received-on", "2026-03-03", "--by", "dewi", "--method",
                              "hacker"], "error: --method 'hacker': hand or post"),
    ("serve-huge-id", ["notices", "serve", "9" * 30, "--received-on", "2026-03-03", "--by", "dewi"],
     "error: no notice 999999999999999999999999999999"),
    ("serve-reason-ansi", ["notices", "serve", "1", "--received-on", "2026-03-03", "--by", "dewi", "--reason",
                           "tanggal\x1b[2J salah"], "error: reason holds a control character (U+001B)"),
    ("send-year-9999", ["notices", "send", "--as-of", "9999-12-31"], "error: date 9999-12-31 is outside the years"),
    ("preview-unknown-kind", ["documents", "preview", "../../etc/passwd"], "error: no document kind"),
    ("preview-dpi-negative", ["documents", "preview", "nota_1", "--dpi", "-5"], "error: --dpi -5: between 10 and"),
    ("readme-unwritable", ["lifecycle", "readme", "/proc/self/mem"], "error: /proc/self/mem: cannot read or write"),
]


@pytest.fixture(scope="module")
def one_home(tmp_path_factory):
    from sqlalchemy import create_engine

    from wasnaker.runtime import reset_caches

    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WASNAKER_HOME", str(home))
        for name in ("WASNAKER_DATABASE_URL", "PREFECT_API_URL", "WASNAKER_PREFECT_API_URL"):
            patch.delenv(name, raising=False)
        reset_caches()
        for args in (["init"], ["company", "add", "--name", "PT Sinar", "--nib", "9120001234567"],
                     ["apply", "file_complaint", "--by", "dewi", "--on", "2026-03-02", "--no-render", "-d",
                      "company_nib=9120001234567", "-d", "complainant_name=SP", "-d", "summary=Upah telat"]):
            assert cli(*args).exit_code == 0, args
        engine = create_engine(f"sqlite:///{home / 'wasnaker.db'}")
        yield home, engine
        engine.dispose()
        reset_caches()


@pytest.mark.parametrize("args, message", [r[1:] for r in OTHER_ROWS], ids=[r[0] for r in OTHER_ROWS])
def test_every_command_taking_free_input_refuses_hostile_input_in_one_line(one_home, args, message):
    from tests.helpers import fingerprint

    _home, engine = one_home
    before = fingerprint(engine)
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(message) and len(result.output.strip().splitlines()) == 1, result.output
    assert "\x1b" not in result.output and "\r" not in result.output
    assert fingerprint(engine) == before


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
