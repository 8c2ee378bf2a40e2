"""Officers' sign-in: a user per officer (argon2id password hash and/or a single sign-on subject), server-side
web sessions (only the token's sha256 is stored; revocable), and the sign-in attempts throttling reads."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from models._types import utc_column


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    officer_id: int = Field(foreign_key="officer.id", unique=True, index=True)
    password_hash: str | None = Field(default=None, description="argon2id; None: single sign-on only")
    oidc_subject: str | None = Field(default=None, unique=True, description="the OpenID Connect `sub` claim")
    disabled: bool = False
    created_at: datetime = Field(sa_column=utc_column())
    created_by: str = Field(description="the administrator who added the user")
    password_changed_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class WebSession(SQLModel, table=True):
    __tablename__ = "web_session"

    id: str = Field(primary_key=True, description="sha256 of the session cookie's token (the token is not stored)")
    user_id: int = Field(foreign_key="user.id", index=True)
    csrf_token: str = Field(description="the token every state-changing request of this session must carry")
    created_at: datetime = Field(sa_column=utc_column())
    last_seen_at: datetime = Field(sa_column=utc_column())
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    address: str = ""
    user_agent: str = ""


class SignInAttempt(SQLModel, table=True):
    __tablename__ = "sign_in_attempt"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True)
    address: str = Field(index=True)
    at: datetime = Field(sa_column=utc_column())
    succeeded: bool = False
