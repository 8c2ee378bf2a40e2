"""The `wasnaker` program itself (`wasnaker.cli.main:main`, the installed script): a command line that cannot be
parsed is refused like any other input — one `error:` line naming the command, exit 2 — and help stays help."""

import pytest

from wasnaker.cli.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        main(list(args))
    out, err = capsys.readouterr()
    return stopped.value.code, out, err


@pytest.mark.parametrize(("args", "says"), [
    (("apply", "issue_nota_1", "--expected-version", "-1"), "wasnaker apply: Invalid value for '--expected-version'"),
    (("notices", "serve", "abc"), "wasnaker notices serve: Invalid value for 'notice'"),
    (("case", "list", "--nosuch"), "wasnaker case list: No such option: --nosuch"),
    (("nosuch",), "wasnaker: No such command 'nosuch'"),
    (("apply", "issue_nota_1", "--case"), "Option '--case' requires an argument"),
    (("case", "list", "--state", "\x1b]0;owned\x07"), "error: "),
])
def test_a_command_line_that_cannot_be_parsed_is_one_error_line_exit_2(capsys, args, says):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and says in err and err.count("\n") == 1, err
    assert "\x1b" not in err and "\x07" not in err


@pytest.mark.parametrize("args", [(), ("lifecycle",), ("--help",), ("apply", "--help")])
def test_help_is_still_help(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 0 and "Usage: wasnaker" in out and err == ""


def test_a_command_keeps_its_own_exit_code(capsys, tmp_path, monkeypatch):
    from wasnaker.runtime import reset_caches

    monkeypatch.setenv("WASNAKER_HOME", str(tmp_path))
    monkeypatch.delenv("WASNAKER_DATABASE_URL", raising=False)
    reset_caches()
    try:
        code, out, err = run(capsys, "audit", "verify")
    finally:
        reset_caches()
    assert code == 2 and err.startswith("error: the database has no tables yet")
