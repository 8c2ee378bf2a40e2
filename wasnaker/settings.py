"""One typed settings object (env prefix WASNAKER_), reached through `get_settings()`."""

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    prefect_port: int = Field(4200, description="Port of the Prefect server that `wasnaker up` starts")

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'wasnaker.db'}"

    @property
    def documents_dir(self) -> Path:
        return self.home / "documents"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"


@lru_cache
def get_settings() -> Settings:
    return Settings()
