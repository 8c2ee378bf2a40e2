"""Officers' sign-in for the front ends (the web app, `wasnaker user …`): each function one unit of work."""

import secrets
from datetime import datetime

from wasnaker.adapters import oidc
from wasnaker.adapters.oidc import SsoFailed
from wasnaker.services import accounts
from wasnaker.services.accounts import SignedIn, SignInLocked, SignInRefused

__all__ = ["MIN_PASSWORD", "SSO_MAX_SECONDS", "SignedIn", "SignInLocked", "SignInRefused", "SsoExpired", "SsoFailed",
           "SsoUnknownSubject", "add_user", "check_user", "current", "disable", "list_users", "set_password",
           "sign_in", "sign_in_sso", "sign_out", "sso_enabled", "sso_finish", "sso_start"]

MIN_PASSWORD = accounts.MIN_PASSWORD
SSO_MAX_SECONDS = 600  # from leaving for the identity provider to coming back


class SsoExpired(SsoFailed):
    """No attempt, one sealed by someone else, too old, or a state that is not this attempt's."""


class SsoUnknownSubject(SignInRefused):
    """The provider vouched for someone no active user of wasnaker is: nothing is created."""

    def __init__(self, subject: str):
        super().__init__(f"no active user has the single sign-on subject {subject!r}")
        self.subject = subject


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


def sign_in_sso(rt, subject: str, *, address: str, user_agent: str, now: datetime) -> tuple[str, SignedIn]:
    """The same server-side session as a password sign-in, for the user with this single sign-on subject (the
    identity provider has vouched for it: the caller validated its ID token); SignInRefused when no active user
    has it, and nothing is created."""
    with rt.session() as session:
        return accounts.sign_in_sso(session, subject, address=address, user_agent=user_agent, now=now)


def sso_enabled(rt) -> bool:
    return oidc.provider_of(rt.settings) is not None


def sso_start(rt, redirect_uri: str, next_path: str, now: datetime) -> tuple[str, str]:
    """Where to send the browser (the provider's authorization endpoint: code flow, PKCE, state, nonce), and the
    sealed attempt for the browser to carry back (a short-lived cookie)."""
    url, attempt = oidc.start(_provider(rt), redirect_uri, next_path)
    return url, oidc.seal(attempt, rt.settings.secret_key.get_secret_value(), now)


def sso_finish(rt, sealed: str | None, state: str, code: str, redirect_uri: str, *, address: str,
               user_agent: str, now: datetime) -> tuple[str, SignedIn, str]:
    """Back from the provider: the attempt checked (sealed by this app within SSO_MAX_SECONDS, the same state), the
    code exchanged, the ID token verified, and its `sub` mapped to the user with that single sign-on subject; a
    session opened as for a password. The session's token, who signed in, and where to go next. SsoExpired,
    SsoFailed, or SsoUnknownSubject (nothing created)."""
    attempt = oidc.unseal(sealed, rt.settings.secret_key.get_secret_value(), now, SSO_MAX_SECONDS)
    if attempt is None or not state or not secrets.compare_digest(attempt.state, state):
        raise SsoExpired("the single sign-on attempt is unknown, expired, or not this browser's")
    subject = str(oidc.finish(_provider(rt), redirect_uri, attempt, code)["sub"])
    try:
        token, who = sign_in_sso(rt, subject, address=address, user_agent=user_agent, now=now)
    except SignInRefused:
        raise SsoUnknownSubject(subject) from None
    return token, who, attempt.next


def _provider(rt) -> oidc.Provider:
    provider = oidc.provider_of(rt.settings)
    if provider is None:
        raise SsoFailed("single sign-on is not configured (WASNAKER_OIDC_ISSUER, WASNAKER_OIDC_CLIENT_ID)")
    return provider


def check_user(rt, username: str, *, exists: bool) -> None:
    """NotFound for an unknown officer; an error when the officer has (not `exists`) or lacks (`exists`) a
    sign-in. Asked before the administrator types a password."""
    with rt.session() as session:
        accounts.check_user(session, username, exists=exists)


def list_users(rt) -> list[dict]:
    with rt.session() as session:
        return accounts.list_users(session)


def add_user(rt, username: str, password: str | None, *, by: str, now: datetime,
             oidc_subject: str | None = None) -> None:
    """A sign-in for an officer: a password (at least MIN_PASSWORD characters), a single sign-on subject, or both;
    `by` (the administrator) is recorded."""
    with rt.session() as session:
        accounts.add_user(session, username, password, by=by, now=now, oidc_subject=oidc_subject)


def set_password(rt, username: str, password: str, *, now: datetime) -> None:
    with rt.session() as session:
        accounts.set_password(session, username, password, now=now)


def disable(rt, username: str, *, now: datetime) -> None:
    with rt.session() as session:
        accounts.disable(session, username, now=now)
