"""Only entrypoints read the clock, in the office time zone: moved with freezegun, never by sleeping."""

import json

from freezegun import freeze_time
from typer.testing import CliRunner

from wasnaker.cli.main import app


def test_the_default_act_date_is_today_in_jakarta_not_utc(home):
    runner = CliRunner()
    # 23:30 UTC on 4 March is already 06:30 on 5 March in Jakarta (WIB, UTC+7).
    with freeze_time("2026-03-04 23:30:00", tick=True):
        out = runner.invoke(app, ["complaint", "file", "--company", "9120001234567", "--complainant", "SP",
                                  "--summary", "Upah telat", "--by", "dewi", "--json"])
        assert out.exit_code == 0, out.output
        shown = json.loads(runner.invoke(app, ["case", "show", "WAS/UPTD-WIL.I/2026/0001", "--json"]).output)
    assert shown["opened_on"] == "2026-03-05"
    with freeze_time("2026-03-05 16:59:00", tick=True):  # 23:59 WIB: still the 5th, so the 6th is the future
        late = runner.invoke(app, ["apply", "verify_complaint", "-c", "WAS/UPTD-WIL.I/2026/0001", "--by", "dewi",
                                   "--on", "2026-03-06"])
    assert late.exit_code == 2 and "2026-03-06 is in the future (today is 2026-03-05 in Asia/Jakarta)" in late.output
