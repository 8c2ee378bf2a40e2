"""Notices through Prefect: the stage run of an act sends its letter at once; with the SMTP server down the
`deliver-notices` runs record the failures and, once it is back, deliver every notice once; the digest flow."""

from datetime import timedelta

from flows.notices import daily_digest, deliver_notices
from flows.stages import warning_letters
from tests.flows.test_stage_flows import recorded
from tests.helpers import NOW, act, to_inspecting
from tests.notices.conftest import COMPANY_EMAIL, give_emails
from tests.smtp_sink import SmtpSink
from wasnaker.runtime import get_runtime, reset_caches
from wasnaker.services.queries import list_notices


def test_notices_flow_through_prefect_runs(runtime, monkeypatch):
    sink = SmtpSink().start()
    try:
        monkeypatch.setenv("WASNAKER_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("WASNAKER_SMTP_PORT", str(sink.port))
        reset_caches()
        rt = get_runtime()
        give_emails(rt.engine)
        first, second = to_inspecting(rt.engine, start="2026-05-04"), to_inspecting(rt.engine, start="2026-05-04")

        state = warning_letters(trigger="issue_nota_1", actor="budi", on=NOW.date().replace(month=5, day=5),
                                case_number=first, data={"deadline_days": 14}, now=NOW, return_state=True)
        assert recorded(state).state.is_completed()
        assert [r["outcome"] for r in state.result()["notices"]] == ["sent"]
        assert [m["X-Envelope-To"] for m in sink.received] == [COMPANY_EMAIL]

        sink.stop()
        state = warning_letters(trigger="issue_nota_1", actor="budi", on=NOW.date().replace(month=5, day=5),
                                case_number=second, data={"deadline_days": 14}, now=NOW, return_state=True)
        assert recorded(state).state.is_completed()  # the act stands; its letter waits to be delivered
        assert [r["outcome"] for r in state.result()["notices"]] == ["retry"]
        assert deliver_notices(as_of=NOW + timedelta(seconds=30))["notices"] == []  # backoff
        sink.start()
        result = deliver_notices(as_of=NOW + timedelta(minutes=5))
        assert result["sent"] == 1 and len(sink.received) == 2
        assert deliver_notices(as_of=NOW + timedelta(hours=1))["notices"] == []
        with rt.session() as s:
            [notice] = [n for n in list_notices(s, case_number=second) if n["audience"] == "company"]
        assert [h["outcome"] for h in notice["history"]] == ["retry", "sent"]

        act(rt.engine, "record_receipt", "budi", "2026-05-06", first, received_on="2026-05-06")  # tanda terima
        digest = daily_digest(as_of=NOW)  # its deadline (20 May) is long past
        assert {d["to"] for d in digest["digests"]} == {"budi", "sari", "hendra", "kiki"}
        assert sum(str(m["Subject"]).startswith("Ringkasan tenggat") for m in sink.received) == 4
    finally:
        sink.stop()
