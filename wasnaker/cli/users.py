"""`wasnaker user`: the office administrator gives officers their sign-in to the web app, changes a password,
disables a user. Passwords are typed twice, hidden, or read from standard input (`--password-stdin`, for scripts);
they never appear on the command line, where the shell history and the process list would keep them."""

import sys

import typer

from wasnaker.cli.common import emit, fail, guarded

user_app = typer.Typer(help="Officers' sign-in to the web app (users)", no_args_is_help=True)

PASSWORD_STDIN = typer.Option(False, "--password-stdin", help="Read the password from the first line of standard "
                                                               "input instead of asking twice")


def _rt():
    from wasnaker.runtime import get_runtime

    return get_runtime()


def read_password(from_stdin: bool) -> str:
    """One line of standard input, or typed twice without being shown; two different entries are refused."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("no password on standard input")
        return password
    password = typer.prompt("Password", hide_input=True)
    if typer.prompt("The same password again", hide_input=True) != password:
        fail("the two passwords differ; nothing changed")
    return password


@user_app.command("add")
@guarded
def user_add(username: str = typer.Argument(..., help="The officer's username (wasnaker officer list)"),
             by: str = typer.Option(..., "--by", help="You, the administrator (recorded with the user)"),
             password_stdin: bool = PASSWORD_STDIN,
             oidc_subject: str = typer.Option(None, "--oidc-subject", help="The officer's subject (`sub`) at the "
                                              "single sign-on provider; given alone, the user has no password")):
    """Let an officer sign in to the web app: with a password (at least 10 characters), single sign-on, or both."""
    from wasnaker import clock
    from wasnaker.application import accounts

    rt = _rt()
    accounts.check_user(rt, username, exists=False)
    password = read_password(password_stdin) if password_stdin or not oidc_subject else None
    accounts.add_user(rt, username, password, by=by, now=clock.now(), oidc_subject=oidc_subject)
    typer.echo(f"user {username} added" + (f" (single sign-on subject {oidc_subject})" if oidc_subject else ""))


@user_app.command("set-password")
@guarded
def user_set_password(username: str, password_stdin: bool = PASSWORD_STDIN):
    """Give a user a new password; every session the user has open ends."""
    from wasnaker import clock
    from wasnaker.application import accounts

    rt = _rt()
    accounts.check_user(rt, username, exists=True)
    accounts.set_password(rt, username, read_password(password_stdin), now=clock.now())
    typer.echo(f"password of {username} changed; their open sessions ended")


@user_app.command("disable")
@guarded
def user_disable(username: str):
    """Stop a user signing in; every session the user has open ends at once."""
    from wasnaker import clock
    from wasnaker.application import accounts

    accounts.disable(_rt(), username, now=clock.now())
    typer.echo(f"user {username} disabled; their open sessions ended")


@user_app.command("list")
@guarded
def user_list(json_out: bool = typer.Option(False, "--json")):
    """Every user: office, role, how they sign in, disabled or not, who added them."""
    from wasnaker.application import accounts

    emit(accounts.list_users(_rt()), json_out, lambda rows: "\n".join(map(_user_line, rows)) or "no users")


def _user_line(row: dict) -> str:
    ways = "+".join(w for w, on in (("password", row["password"]), ("sso", row["oidc_subject"])) if on)
    status = "disabled" if row["disabled"] else "active"
    return f"{row['username']:12} {row['office']:12} {row['role']:12} {ways:13} {status:8} added by {row['created_by']}"
