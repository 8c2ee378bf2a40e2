"""A fresh WASNAKER_HOME with the default office and one company, for CLI tests."""

import pytest
from typer.testing import CliRunner

from wasnaker.cli.main import app

runner = CliRunner()


@pytest.fixture
def home(tmp_path, monkeypatch):
    from wasnaker.runtime import reset_caches

    monkeypatch.setenv("WASNAKER_HOME", str(tmp_path))
    for name in ("WASNAKER_DATABASE_URL", "PREFECT_API_URL", "WASNAKER_PREFECT_API_URL"):
        monkeypatch.delenv(name, raising=False)  # embedded mode: no Prefect server
    reset_caches()
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert runner.invoke(app, ["company", "add", "--name", "PT Sinar Tekstil Nusantara", "--nib", "9120001234567",
                               "--npwp", "01.234.567.8-901.000"]).exit_code == 0
    yield tmp_path
    reset_caches()
