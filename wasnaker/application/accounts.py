"""Officers' sign-in for the front ends (the web app, `wasnaker user …`): each function one unit of work."""

from datetime import datetime

from wasnaker.services import accounts
from wasnaker.services.accounts import SignedIn, SignInLocked, SignInRefused

__all__ = ["SignedIn", "SignInLocked", "SignInRefused", "add_user", "current", "disable", "set_password",
           "sign_in", "sign_out"]


def sign_in(rt, username: str, password: str, *, address: str, user_agent: str,
            now: datetime) -> tuple[str, SignedIn]:
    """A new session's token and who it belongs to; SignInLocked or SignInRefused otherwise (a refusal is
    recorded for the throttle in a transaction of its own, as the refused one rolls back)."""
    settings = rt.settings
    try:
        with rt.session() as session:
            return accounts.sign_in(session, username, password, address=address, user_agent=user_agent, now=now,
                                    max_failures=settings.sign_in_max_failures,
                                    lock_minutes=settings.sign_in_lock_minutes)
    except SignInLocked:
        raise
    except SignInRefused:
        with rt.session() as session:
            accounts.record_failure(session, username, address, now)
        raise


def current(rt, token: str | None, now: datetime) -> SignedIn | None:
    settings = rt.settings
    with rt.session() as session:
        return accounts.session_for(session, token, now, idle_minutes=settings.session_idle_minutes,
                                    max_hours=settings.session_max_hours)


def sign_out(rt, token: str | None, now: datetime) -> None:
    with rt.session() as session:
        accounts.sign_out(session, token, now)


def add_user(rt, username: str, password: str | None, *, by: str, now: datetime) -> None:
    with rt.session() as session:
        accounts.add_user(session, username, password, by=by, now=now)


def set_password(rt, username: str, password: str, *, now: datetime) -> None:
    with rt.session() as session:
        accounts.set_password(session, username, password, now=now)


def disable(rt, username: str, *, now: datetime) -> None:
    with rt.session() as session:
        accounts.disable(session, username, now=now)
