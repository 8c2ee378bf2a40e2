"""Officers' sign-in: users (argon2id hashes), server-side sessions and the throttle. Functions on a session;
the caller commits. Only a session token's sha256 is stored, so a copy of the database opens no session."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, func, select

from models import Office, Officer, SignInAttempt, User, WebSession
from models._types import as_utc
from wasnaker.domain import validation
from wasnaker.domain.errors import InvalidData, NotFound, WasnakerError

_HASHER = PasswordHasher()  # argon2id with the library's current parameters (RFC 9106 low-memory profile)
MIN_PASSWORD = 10


class SignInRefused(WasnakerError):
    """Wrong name or password, a disabled user, or too many failures: one message for all, so that nobody learns
    which names exist."""


class SignInLocked(SignInRefused):
    pass


@dataclass(frozen=True)
class SignedIn:
    """Who a valid session belongs to, as plain values."""

    session_id: str
    csrf_token: str
    user_id: int
    officer_id: int
    username: str
    name: str
    role: str
    office_id: int
    is_ppns: bool


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidData(f"a password has at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def _password_ok(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def officer_by_username(session: Session, username: str) -> Officer:
    officer = session.exec(select(Officer).where(Officer.username == username)).first()
    if officer is None:
        raise NotFound(f"no officer {username!r}")
    return officer


def user_of(session: Session, officer: Officer) -> User | None:
    return session.exec(select(User).where(User.officer_id == officer.id)).first()


def check_user(session: Session, username: str, *, exists: bool) -> None:
    """The officer exists and has (`exists`) or has not yet a sign-in; asked before a password is typed."""
    found = user_of(session, officer_by_username(session, username))
    if exists and found is None:
        raise NotFound(f"{username} has no sign-in (wasnaker user add {username})")
    if not exists and found is not None:
        raise InvalidData(f"{username} can already sign in (use set-password)")


def add_user(session: Session, username: str, password: str | None, *, by: str, now: datetime,
             oidc_subject: str | None = None) -> User:
    """A sign-in for an officer, by a password, a single sign-on subject, or both; `by` names the administrator."""
    if not by.strip():
        raise InvalidData("name the administrator who adds the user (--by)")
    if not password and not oidc_subject:
        raise InvalidData("a user signs in with a password or a single sign-on subject; give one")
    by = validation.text(by, "administrator (--by)")
    oidc_subject = validation.text(oidc_subject, "single sign-on subject") if oidc_subject else oidc_subject
    check_user(session, username, exists=False)
    officer = officer_by_username(session, username)
    if oidc_subject and session.exec(select(User).where(User.oidc_subject == oidc_subject)).first():
        raise InvalidData(f"the single sign-on subject {oidc_subject!r} belongs to another user")
    user = User(officer_id=officer.id, password_hash=hash_password(password) if password else None,
                oidc_subject=oidc_subject, created_at=now, created_by=by.strip(),
                password_changed_at=now if password else None)
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, username: str, password: str, *, now: datetime) -> User:
    """A new password ends every open session of the user."""
    user = _user(session, username)
    user.password_hash, user.password_changed_at = hash_password(password), now
    session.add(user)
    revoke_all(session, user.id, now)
    return user


def disable(session: Session, username: str, *, now: datetime) -> User:
    user = _user(session, username)
    user.disabled = True
    session.add(user)
    revoke_all(session, user.id, now)
    return user


def _user(session: Session, username: str) -> User:
    user = user_of(session, officer_by_username(session, username))
    if user is None:
        raise NotFound(f"{username} has no sign-in (wasnaker user add {username})")
    return user


def _failures(session: Session, column, value: str, since: datetime) -> int:
    return session.exec(select(func.count()).select_from(SignInAttempt).where(
        column == value, SignInAttempt.succeeded.is_(False), SignInAttempt.at >= since)).one()


# A name typed at sign-in is kept in the attempts' log at most this long (a megabyte pasted into the field is not
# stored whole at each try); no username is longer.
ATTEMPT_NAME_MAX = 300


def check_throttle(session: Session, username: str, address: str, now: datetime, *, max_failures: int,
                   lock_minutes: int) -> None:
    """Too many failures for this name or from this address within the lock period: refused before the password
    is even checked."""
    since, username = now - timedelta(minutes=lock_minutes), username[:ATTEMPT_NAME_MAX]
    if (_failures(session, SignInAttempt.username, username, since) >= max_failures
            or _failures(session, SignInAttempt.address, address, since) >= max_failures):
        raise SignInLocked(f"too many failed sign-ins: try again in {lock_minutes} minutes")


def sign_in(session: Session, username: str, password: str, *, address: str, user_agent: str, now: datetime,
            max_failures: int = 5, lock_minutes: int = 15) -> tuple[str, SignedIn]:
    """A new session's token (for the cookie) and who it belongs to; or SignInRefused, the failure recorded."""
    check_throttle(session, username, address, now, max_failures=max_failures, lock_minutes=lock_minutes)
    officer = session.exec(select(Officer).where(Officer.username == username)).first()
    user = user_of(session, officer) if officer else None
    if not (user and officer.active and not user.disabled and _password_ok(user.password_hash, password)):
        raise SignInRefused("wrong name or password")  # the caller records the failure (its transaction ends)
    session.add(SignInAttempt(username=username, address=address, at=now, succeeded=True))
    return open_session(session, user, officer, address=address, user_agent=user_agent, now=now)


def sign_in_sso(session: Session, subject: str, *, address: str, user_agent: str,
                now: datetime) -> tuple[str, SignedIn]:
    """A new session for the user whose single sign-on subject the identity provider has just vouched for (the
    caller validated the ID token); SignInRefused for a subject no active user has. Nothing is created."""
    user = session.exec(select(User).where(User.oidc_subject == subject)).first() if subject else None
    officer = session.get(Officer, user.officer_id) if user else None
    if not (user and officer and officer.active and not user.disabled):
        raise SignInRefused(f"no active user has the single sign-on subject {subject!r}")
    session.add(SignInAttempt(username=officer.username, address=address, at=now, succeeded=True))
    return open_session(session, user, officer, address=address, user_agent=user_agent, now=now)


def list_users(session: Session) -> list[dict]:
    """Every user with their officer: how they sign in, whether disabled, who added them."""
    query = select(User, Officer, Office.code).join(Officer, Officer.id == User.officer_id).join(
        Office, Office.id == Officer.office_id)
    return [{"username": o.username, "name": o.name, "role": o.role, "office": code,
             "password": u.password_hash is not None, "oidc_subject": u.oidc_subject, "disabled": u.disabled,
             "created_by": u.created_by, "created_at": u.created_at.isoformat()}
            for u, o, code in session.exec(query.order_by(Office.code, Officer.username))]


def record_failure(session: Session, username: str, address: str, now: datetime) -> None:
    session.add(SignInAttempt(username=username[:ATTEMPT_NAME_MAX], address=address, at=now, succeeded=False))


def open_session(session: Session, user: User, officer: Officer, *, address: str, user_agent: str,
                 now: datetime) -> tuple[str, SignedIn]:
    token = secrets.token_urlsafe(32)
    row = WebSession(id=_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32), created_at=now,
                     last_seen_at=now, address=address, user_agent=user_agent[:300])
    session.add(row)
    session.flush()
    return token, _signed_in(row, user, officer)


def _signed_in(row: WebSession, user: User, officer: Officer) -> SignedIn:
    return SignedIn(row.id, row.csrf_token, user.id, officer.id, officer.username, officer.name, officer.role,
                    officer.office_id, officer.is_ppns)


def session_for(session: Session, token: str | None, now: datetime, *, idle_minutes: int,
                max_hours: int) -> SignedIn | None:
    """The signed-in officer of a cookie's token, or None when it is unknown, revoked, idle too long, too old,
    or its user was disabled. A valid session's last use is moved to `now`."""
    if not token:
        return None
    row = session.get(WebSession, _digest(token))
    if row is None or row.revoked_at is not None:
        return None
    user = session.get(User, row.user_id)
    officer = session.get(Officer, user.officer_id) if user else None
    if (user is None or user.disabled or officer is None or not officer.active
            or now - as_utc(row.last_seen_at) > timedelta(minutes=idle_minutes)
            or now - as_utc(row.created_at) > timedelta(hours=max_hours)):
        return None
    row.last_seen_at = now
    session.add(row)
    return _signed_in(row, user, officer)


def sign_out(session: Session, token: str | None, now: datetime) -> None:
    row = session.get(WebSession, _digest(token)) if token else None
    if row is not None and row.revoked_at is None:
        row.revoked_at = now
        session.add(row)


def revoke_all(session: Session, user_id: int, now: datetime) -> int:
    rows = session.exec(select(WebSession).where(WebSession.user_id == user_id,
                                                 WebSession.revoked_at.is_(None))).all()
    for row in rows:
        row.revoked_at = now
        session.add(row)
    return len(rows)
