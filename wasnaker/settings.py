"""One typed settings object (env prefix WASNAKER_), reached through `get_settings()`."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "development-only-secret-change-me"


def _default_home() -> Path:
    return Path.home() / ".wasnaker"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WASNAKER_", extra="ignore")

    environment: str = Field("development", description="development | test | production")
    home: Path = Field(default_factory=_default_home, description="Folder for the SQLite file, PDFs, Prefect state")
    database_url: str | None = Field(None, description="SQLAlchemy URL; default: SQLite file under home")
    timezone: str = Field("Asia/Jakarta", description="Default office time zone (WIB); offices may differ")
    templates_dir: Path = Field(
        default_factory=lambda: Path(__file__).resolve().parents[1] / "document_templates",
        description="Folder of document templates (one folder per document kind)",
    )
    echo_sql: bool = Field(False, description="Log every SQL statement")
    prefect_api_url: str | None = Field(
        None, validation_alias=AliasChoices("WASNAKER_PREFECT_API_URL", "PREFECT_API_URL"),
        description="Prefect server API (e.g. http://127.0.0.1:4200/api). Set: acts schedule deadline runs and "
                    "stage flows run in the background on the server. Unset: everything runs in-process.",
    )
    prefect_ui_url: str | None = Field(
        None, validation_alias=AliasChoices("WASNAKER_PREFECT_UI_URL", "PREFECT_UI_URL"),
        description="Address of the Prefect UI the case pages link to (a case's runs); unset: the API's address "
                    "without /api",
    )
    prefect_port: int = Field(4200, description="Port of the Prefect server that `wasnaker up` starts")
    workers: int = Field(0, ge=0, description="0: `wasnaker up` serves every deployment from one process; N: it "
                         "deploys them to a Prefect process work pool and starts N workers (more can join from "
                         "other machines: `wasnaker worker`)")
    work_pool: str = Field("wasnaker", description="Name of the Prefect process work pool (WASNAKER_WORKERS > 0)")
    smtp_host: str | None = Field(None, description="SMTP server for notices; unset: e-mails wait in the outbox")
    smtp_port: int = Field(25, description="SMTP port (587 with starttls, 465 with ssl)")
    smtp_security: Literal["none", "starttls", "ssl"] = Field("none", description="none | starttls | ssl")
    smtp_username: str | None = Field(None, description="SMTP login; unset: no authentication")
    smtp_password: SecretStr | None = Field(None, description="SMTP password")
    smtp_timeout: float = Field(15, description="Seconds before an SMTP conversation counts as failed")
    smtp_ca_file: Path | None = Field(None, description="CA certificates to verify the SMTP server with (PEM); "
                                                        "unset: the system's")
    mail_from: str = Field("wasnaker <noreply@wasnaker.localhost>", description="From: of every notice e-mail")
    notice_max_attempts: int = Field(12, description="Delivery attempts before a notice is marked failed")
    notice_backoff_seconds: int = Field(60, description="Wait after the first failed attempt; doubles each time")
    notice_backoff_cap_seconds: int = Field(3600, description="Longest wait between two attempts")
    secret_key: SecretStr = Field(SecretStr(DEV_SECRET), description="Signs acknowledgement links; must be set "
                                  "(long and random) outside development and test")
    public_url: str = Field("http://127.0.0.1:8000", description="Address companies reach the web pages at")
    web_port: int = Field(8000, description="Port of the web pages (acknowledgements) that `wasnaker up` starts")
    mailbox_port: int = Field(8025, description="Port of the local mail catcher `wasnaker up` starts when no "
                                                "SMTP server is configured (mail lands in home/mailbox)")
    expiry_batch: int = Field(200, ge=1, description="Due timers handled together: one task (with a Prefect "
                              "server and more than one batch, one run of expire-timers) per this many, each timer "
                              "still in its own transaction")
    expiry_batch_wait_seconds: int = Field(3600, ge=1, description="How long a deadline or sweep run waits for its "
                                           "expire-timers runs before it reports the unfinished ones")

    prefect_retention_days: int = Field(30, ge=1, description="Days the Prefect server keeps a finished flow run "
                                        "(its task runs, logs and artifacts) before the daily prune-prefect-history "
                                        "run deletes it [U]; wasnaker's own records are never pruned")
    log_max_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="A log file of `wasnaker up` (home/logs) "
                                                                      "larger than this is rotated")
    log_backups: int = Field(5, ge=1, description="Rotated copies kept of each log file (<name>.log.1 the newest)")
    mailbox_keep_messages: int = Field(1000, ge=1, description="Messages the local mail catcher keeps (the newest)")
    mailbox_keep_days: int = Field(30, ge=1, description="Days the local mail catcher keeps a message")

    index_file: Path | None = Field(None, description="The performance index's indicators, targets and weights "
                                  "(TOML; `wasnaker index template` prints the defaults); unset: the defaults")

    session_idle_minutes: int = Field(30, ge=1, description="A web session ends after this long without a request")
    session_max_hours: int = Field(12, ge=1, description="A web session ends this long after sign-in, whatever")
    sign_in_max_failures: int = Field(5, ge=1, description="Failed sign-ins (per user and per address) before a "
                                                         "lock")
    sign_in_lock_minutes: int = Field(15, ge=1, description="How long too many failures lock sign-in")
    upload_max_bytes: int = Field(10 * 1024 * 1024, description="Largest signed scan an officer may upload")
    oidc_issuer: str | None = Field(None, description="OpenID Connect issuer URL for single sign-on; unset: off")
    oidc_client_id: str | None = Field(None, description="OpenID Connect client id")
    oidc_client_secret: SecretStr | None = Field(None, description="OpenID Connect client secret")

    @property
    def secure_cookies(self) -> bool:
        """Session cookies carry `Secure` everywhere but development and test (served over HTTPS)."""
        return self.environment not in ("development", "test")

    @model_validator(mode="after")
    def _no_default_secret_in_production(self):
        if self.environment not in ("development", "test") and self.secret_key.get_secret_value() == DEV_SECRET:
            raise ValueError("WASNAKER_SECRET_KEY must be set outside development: it signs acknowledgement links")
        return self

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'wasnaker.db'}"

    @property
    def documents_dir(self) -> Path:
        return self.home / "documents"

    @property
    def mailbox_dir(self) -> Path:
        return self.home / "mailbox"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"


@lru_cache
def get_settings() -> Settings:
    return Settings()
