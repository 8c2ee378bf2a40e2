"""A fresh WASNAKER_HOME with the default office and one company, for CLI tests."""

import pytest
from typer.testing import CliRunner

from wasnaker.cli.main import app

runner = CliRunner()


@pytest.fixture
def home(tmp_path, monkeypatch):
    from wasnaker.db import get_engine
    from wasnaker.runtime import get_runtime
    from wasnaker.settings import get_settings

    monkeypatch.setenv("WASNAKER_HOME", str(tmp_path))
    monkeypatch.delenv("WASNAKER_DATABASE_URL", raising=False)
    caches = (get_settings, get_engine, get_runtime)
    for cached in caches:
        cached.cache_clear()
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert runner.invoke(app, ["company", "add", "--name", "PT Sinar Tekstil Nusantara", "--nib", "9120001234567",
                               "--npwp", "01.234.567.8-901.000"]).exit_code == 0
    yield tmp_path
    for cached in caches:
        cached.cache_clear()
