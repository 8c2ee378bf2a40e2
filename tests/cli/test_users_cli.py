"""The administrator's commands: `user add|set-password|disable|list`, `officer list`, `company list`, and
`officer add --by` for the roles that sign and investigate. Bad input is one `error:` line, exit 2, nothing
written. And the demo's sign-ins: passwords made when the demo loads, different every time, printed and kept in
a file only its owner reads; nothing else makes a user with a password known in advance."""

import json
import stat
from datetime import UTC, datetime

import pytest

from tests.cli.conftest import runner
from wasnaker.cli.main import app

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
PASSWORD = "kata-sandi-baru-42"


def cli(*args, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def rt():
    from wasnaker.runtime import get_runtime

    return get_runtime()


def sign_in(username: str, password: str):
    from wasnaker.application import accounts

    return accounts.sign_in(rt(), username, password, address="127.0.0.1", user_agent="test", now=NOW)


def users() -> list[dict]:
    return json.loads(cli("user", "list", "--json").output)


def test_init_gives_nobody_a_sign_in(home):
    assert users() == [] and cli("user", "list").output.strip() == "no users"


def test_add_from_stdin_records_the_administrator_and_the_officer_signs_in(home):
    added = cli("user", "add", "budi", "--by", "pak.admin", "--password-stdin", input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    assert added.output.strip() == "user budi added"
    [row] = users()
    assert (row["username"], row["role"], row["created_by"], row["password"], row["disabled"]) == (
        "budi", "inspector", "pak.admin", True, False)
    _token, who = sign_in("budi", PASSWORD)
    assert who.username == "budi"
    assert "budi" in cli("user", "list").output and "added by pak.admin" in cli("user", "list").output


def test_add_asks_twice_without_showing_the_password(home):
    added = cli("user", "add", "dewi", "--by", "admin", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0, added.output
    assert PASSWORD not in added.output  # hidden input
    assert sign_in("dewi", PASSWORD)[1].username == "dewi"


def test_a_single_sign_on_user_needs_no_password(home):
    added = cli("user", "add", "sari", "--by", "admin", "--oidc-subject", "sari@disnaker.jabarprov.go.id")
    assert added.exit_code == 0, added.output
    [row] = users()
    assert (row["password"], row["oidc_subject"]) == (False, "sari@disnaker.jabarprov.go.id")
    assert "sso" in cli("user", "list").output


def test_set_password_ends_open_sessions_and_disable_stops_sign_in(home):
    from wasnaker.application import accounts

    cli("user", "add", "budi", "--by", "admin", "--password-stdin", input=PASSWORD + "\n")
    token, _ = sign_in("budi", PASSWORD)
    changed = cli("user", "set-password", "budi", "--password-stdin", input="kata-sandi-lain-77\n")
    assert changed.exit_code == 0 and "open sessions ended" in changed.output
    assert accounts.current(rt(), token, NOW) is None
    with pytest.raises(accounts.SignInRefused):
        sign_in("budi", PASSWORD)
    token, _ = sign_in("budi", "kata-sandi-lain-77")
    assert cli("user", "disable", "budi").exit_code == 0
    assert accounts.current(rt(), token, NOW) is None
    with pytest.raises(accounts.SignInRefused):
        sign_in("budi", "kata-sandi-lain-77")
    assert users()[0]["disabled"] is True and "disabled" in cli("user", "list").output


def _db(home):
    return (home / "wasnaker.db").read_bytes()


@pytest.mark.parametrize("args, stdin, message", [
    (["user", "add", "nobody", "--by", "admin", "--password-stdin"], PASSWORD, "error: no officer 'nobody'"),
    (["user", "add", "budi", "--by", "admin", "--password-stdin"], "pendek", "error: a password has at least 10 "),
    (["user", "add", "hendra", "--by", "admin", "--password-stdin"], PASSWORD,
     "error: hendra can already sign in (use set-password)"),
    (["user", "add", "budi", "--by", "  ", "--password-stdin"], PASSWORD, "error: name the administrator"),
    (["user", "add", "budi", "--by", "admin", "--password-stdin"], "", "error: no password on standard input"),
    (["user", "add", "budi", "--by", "admin"], f"{PASSWORD}\n{PASSWORD}x", "error: the two passwords differ"),
    (["user", "add", "budi", "--by", "admin", "--oidc-subject", "hendra@sso"], None,
     "error: the single sign-on subject 'hendra@sso' belongs to another user"),
    (["user", "set-password", "budi", "--password-stdin"], PASSWORD, "error: budi has no sign-in"),
    (["user", "set-password", "nobody", "--password-stdin"], PASSWORD, "error: no officer 'nobody'"),
    (["user", "set-password", "hendra", "--password-stdin"], "pendek", "error: a password has at least 10 "),
    (["user", "disable", "budi"], None, "error: budi has no sign-in"),
    (["user", "disable", "nobody"], None, "error: no officer 'nobody'"),
    (["officer", "add", "--office", "UPTD-WIL.I", "--username", "kadis2", "--name", "Kadis Baru", "--nip",
      "197001011995031001", "--role", "kadis"], None, "error: adding a kadis is an administrator's act"),
    (["officer", "add", "--office", "UPTD-WIL.I", "--username", "ppns2", "--name", "PPNS Baru", "--nip",
      "197001011995031001", "--role", "inspector", "--ppns"], None, "error: adding a PPNS is an administrator's"),
    (["officer", "list", "--office", "UPTD-XX"], None, "error: "),
])
def test_errors_are_one_line_exit_2_and_write_nothing(home, args, stdin, message):
    cli("user", "add", "hendra", "--by", "admin", "--oidc-subject", "hendra@sso", "--password-stdin",
        input=PASSWORD + "\n")
    before, listed = _db(home), users()
    result = cli(*args, input=None if stdin is None else stdin + "\n")
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().startswith(message) and len(result.stderr.strip().splitlines()) == 1
    assert _db(home) == before and users() == listed


def test_officer_and_company_lists(home):
    officers = json.loads(cli("officer", "list", "--json").output)
    assert [o["username"] for o in officers] == ["dewi", "budi", "sari", "hendra", "rahmat", "kiki"]
    assert {o["office"] for o in officers} == {"UPTD-WIL.I"} and officers[2]["ppns"] is True
    text = cli("officer", "list", "--office", "UPTD-WIL.I").output
    assert "sari" in text and "PPNS" in text and "Sari Wulandari" in text
    companies = json.loads(cli("company", "list", "--json").output)
    assert [(c["nib"], c["name"]) for c in companies] == [("9120001234567", "PT Sinar Tekstil Nusantara")]
    assert cli("company", "list").output.startswith("9120001234567  PT Sinar Tekstil Nusantara")


def test_adding_a_head_kadis_or_ppns_records_the_administrator(home):
    common = ["officer", "add", "--office", "UPTD-WIL.I", "--name", "Nama", "--nip", "197001011995031001"]
    assert cli(*common, "--username", "kadis2", "--role", "kadis", "--by", "pak.admin").exit_code == 0
    assert cli(*common, "--username", "pp2", "--role", "inspector", "--ppns", "--by", "bu.admin").exit_code == 0
    assert cli(*common, "--username", "desk2", "--role", "desk").exit_code == 0  # no --by needed
    added = {o["username"]: o["added_by"] for o in json.loads(cli("officer", "list", "--json").output)}
    assert (added["kadis2"], added["pp2"], added["desk2"], added["hendra"]) == (
        "pak.admin", "bu.admin", "", "wasnaker init")
    assert "[added by pak.admin]" in cli("officer", "list").output


def test_demo_sign_ins_are_made_at_load_differ_each_time_and_are_kept_for_the_owner_only(home, tmp_path,
                                                                                         monkeypatch):
    from wasnaker.demo.logins import create_logins, logins_path, sign_in_text
    from wasnaker.runtime import reset_caches

    first = create_logins(rt(), NOW)
    assert [(row["username"], row["role"]) for row in first] == [
        ("dewi", "desk"), ("budi", "inspector"), ("sari", "ppns"), ("hendra", "head"), ("rahmat", "kadis"),
        ("kiki", "coordinator")]
    for row in first:
        assert sign_in(row["username"], row["password"])[1].username == row["username"]
        assert len(row["password"]) >= 10
    assert create_logins(rt(), NOW) == []  # made once: a second call changes nobody's password
    path = logins_path(rt())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert all(f"{row['username']:10} {row['role']:12} {row['password']}" in path.read_text() for row in first)
    printed = sign_in_text(rt(), demo=True)
    assert "http://127.0.0.1:8000/masuk" in printed and str(path) in printed
    assert all(row["password"] in printed for row in first)

    other = tmp_path / "another-home"  # the same demo loaded again elsewhere: other passwords
    monkeypatch.setenv("WASNAKER_HOME", str(other))
    reset_caches()
    assert cli("init").exit_code == 0
    second = create_logins(rt(), NOW)
    assert {r["password"] for r in second}.isdisjoint(r["password"] for r in first)
    assert "user add" in sign_in_text(rt(), demo=False) and second[0]["password"] not in sign_in_text(rt(), False)
