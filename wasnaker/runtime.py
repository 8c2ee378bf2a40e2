"""The composition root: settings, database, renderer, document store and policy, built once per process."""

import time
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from sqlalchemy import Engine

from wasnaker.db import get_engine, make_engine, session_scope
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.policy import DEFAULT_POLICY, Policy
from wasnaker.settings import Settings, get_settings

SCHEMA_RECHECK_SECONDS = 30  # one query: cheap, and a web process lives for months


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    policy: Policy = field(default=DEFAULT_POLICY)
    schema_checked_at: float | None = field(default=None, repr=False)

    def session(self):
        """A unit of work. The database is checked to be at this version's schema revision before the first one,
        and again every half minute in a long-lived process (the web pages, `up`), so no process works on tables
        it does not know after another upgraded them (`wasnaker db upgrade` says what to run)."""
        if self.schema_checked_at is None or time.monotonic() - self.schema_checked_at > SCHEMA_RECHECK_SECONDS:
            from wasnaker.db import unavailable_as_error
            from wasnaker.schema_guard import require_current

            with unavailable_as_error():
                require_current(self.engine)
            self.schema_checked_at = time.monotonic()
        return session_scope(self.engine)

    @cached_property
    def renderer(self):
        from wasnaker.adapters.rendering import PdfRenderer  # WeasyPrint loads only when rendering

        return PdfRenderer(self.settings.templates_dir, self.settings.home / "assets")

    @cached_property
    def scheduler(self):
        from wasnaker.adapters.scheduling import NullScheduler, PrefectScheduler

        return PrefectScheduler(self.settings.prefect_api_url) if self.settings.prefect_api_url else NullScheduler()

    @property
    def on_server(self) -> bool:
        return bool(self.settings.prefect_api_url)

    @cached_property
    def sender(self):
        """The SMTP sender, or None when no SMTP server is configured (notices wait in the outbox)."""
        from wasnaker.adapters.smtp import SmtpSender

        return SmtpSender.from_settings(self.settings) if self.settings.smtp_host else None

    @cached_property
    def index(self):
        """The performance index in force: the file of the `index_file` setting, else the defaults."""
        from wasnaker.domain.performance_index import DEFAULT_INDEX, parse_index

        path = self.settings.index_file
        if path is None:
            return DEFAULT_INDEX
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidData(f"index file {path}: cannot be read ({exc.strerror})") from None
        return parse_index(text, str(path))

    @cached_property
    def store(self):
        from wasnaker.adapters.storage import FileDocumentStore

        return FileDocumentStore(self.settings.documents_dir)


@lru_cache
def get_runtime() -> Runtime:
    return Runtime(get_settings(), get_engine())


def reset_caches() -> None:
    """Settings, engine and runtime are read once per process; after changing the environment, read again."""
    for cached in (get_settings, get_engine, get_runtime):
        cached.cache_clear()


def runtime_for(settings: Settings) -> Runtime:
    """A runtime for explicit settings (tests, the demo's own home)."""
    if settings.db_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    return Runtime(settings, make_engine(settings.db_url, settings.echo_sql))
