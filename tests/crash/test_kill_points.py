"""A deliverer killed at each moment of a send that matters, on purpose rather than at random: what the SMTP server
received and what the recovery (the next delivery run, after the 5-minute lease) does. The random kills
(test_kills.py) land here too; these rows pin each moment down.

Before `handed` existed, a kill after the server's answer and before the record left the notice `sending`, and
the next run after the lease sent it again: the row `after_the_answer` kept that defect (two messages)."""

import os
import shutil
import signal
from collections import Counter
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from sqlmodel import select

from models import CaseEvent, Notice, NoticeAttempt
from tests.crash import world
from tests.crash.world import ON, complaint
from tests.helpers import act
from tests.smtp_sink import SmtpSink
from wasnaker import clock
from wasnaker.application import documents, notices
from wasnaker.services import delivery, serving


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A seeded database built once (migrations take a second); each test works on a copy."""
    folder = tmp_path_factory.mktemp("template")
    world.build(f"sqlite:///{folder / 'wasnaker.db'}", folder / "home", 25)
    world.forget()
    return folder / "wasnaker.db"


@pytest.fixture
def setting(template, tmp_path):
    """(runtime, sink, notice id): one complaint filed, its receipt rendered, the complainant's e-mail queued."""
    sink = SmtpSink().start()
    saved = world.use_renderer("fast")
    shutil.copy(template, tmp_path / "wasnaker.db")
    rt = world.World(f"sqlite:///{tmp_path / 'wasnaker.db'}", tmp_path / "home", sink.port).runtime()
    act(rt.engine, "file_complaint", "dewi", ON, **complaint(1))
    documents.render_pending(rt, datetime.now(UTC))
    with rt.session() as s:
        notice_id = s.exec(select(Notice.id).where(Notice.channel == "email")).one()
    yield rt, sink, notice_id
    world.forget()
    world.restore(saved)
    sink.stop()


def killed_in_child(rt, at: str) -> None:
    """Deliver in a forked child that SIGKILLs itself at `at`; wait for it to die."""
    world.dispose_all()
    pid = os.fork()
    if pid == 0:
        try:
            with mock.patch.object(delivery, at.split(":")[0], _dying(at)):
                notices.send_due(rt, datetime.now(UTC))
        finally:
            os._exit(3)  # not reached when the kill comes
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status


def _dying(at: str):
    name, when = at.split(":")
    real = getattr(delivery, name)

    def fn(*args, **kwargs):
        if when == "after":
            real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    return fn


def recover(rt) -> list[dict]:
    later = clock.now() + delivery.LEASE + timedelta(seconds=1)
    with mock.patch.object(clock, "now", lambda: later):
        return notices.send_due(rt, later)


def received(sink) -> Counter:
    return Counter(str(m["Message-ID"]) for m in sink.received)


def state(rt, notice_id: int) -> tuple[str, list[str], list[dict]]:
    with rt.session() as s:
        notice = s.get(Notice, notice_id)
        attempts = s.exec(select(NoticeAttempt.detail).where(NoticeAttempt.notice_id == notice_id)).all()
        sent = [e.data for e in s.exec(select(CaseEvent).where(CaseEvent.trigger == "notice_sent"))]
        return notice.status, list(attempts), sent


@pytest.mark.parametrize("at, before, received_before, outcome, received_after", [
    ("mark_handed:before", "sending", 0, "sent", 1),  # nothing was handed over: sent by the recovery, once
    ("mark_handed:after", "handed", 0, "presumed", 0),  # handed, the end-of-data mark never written: the price
    ("record:before", "handed", 1, "presumed", 1),  # after the server's answer: never sent again (was: twice)
], ids=["before_handing", "between_handing_and_the_mark", "after_the_answer"])
def test_a_deliverer_killed_at(setting, at, before, received_before, outcome, received_after):
    rt, sink, notice_id = setting
    killed_in_child(rt, at)
    with rt.session() as s:
        assert s.get(Notice, notice_id).status == before
    assert sum(received(sink).values()) == received_before
    assert send_nothing_before_the_lease(rt)
    [result] = [r for r in recover(rt) if r["notice"] == notice_id]
    presumed = outcome == "presumed"
    assert result["outcome"] == "sent" and result.get("presumed", False) == presumed
    status, attempts, events = state(rt, notice_id)
    assert status == "sent" and len(attempts) == 1 and len(events) == 1
    assert ("presumed sent" in attempts[0]) == presumed == events[0].get("presumed", False)
    ours = {k: v for k, v in received(sink).items() if k.startswith(f"<notice-{notice_id}.")}
    assert sum(ours.values()) == received_after and max(ours.values(), default=1) == 1
    assert recover(rt) == [] and sum(received(sink).values()) == received_after + presumed  # + the officers' alert
    alerts = [m for m in sink.received if "mungkin tidak terkirim" in str(m["Subject"])]
    assert len(alerts) == presumed  # the inspector is told to check the server's log, once
    with rt.session() as s:  # and the letter starts no deadline on a guess: never deemed received
        assert (notice_id in [i for i, _ in serving.deemed_due(s, datetime.now(UTC) + timedelta(days=60), rt.policy)]
                ) == (not presumed)


def send_nothing_before_the_lease(rt) -> bool:
    """A deliverer's claim (and a handed message) is left alone while its lease runs: it may be alive."""
    return notices.send_due(rt, datetime.now(UTC)) == []


def test_a_deliverer_that_lost_its_claim_before_handing_over_sends_nothing(setting):
    """A deliverer so slow that its lease ran out and another claimed the notice: it finds out at the hand-over
    and drops the message before its end-of-data mark, so the server takes only the other deliverer's."""
    rt, sink, notice_id = setting
    real = delivery.mark_handed

    def taken_meanwhile(rt_, nid, claim, now):
        with rt.session() as s:
            notice = s.get(Notice, nid)
            notice.claim = "another-deliverer"
            s.add(notice)
        return real(rt_, nid, claim, now)

    with mock.patch.object(delivery, "mark_handed", taken_meanwhile):
        assert notices.send_due(rt, datetime.now(UTC)) == []  # nothing recorded: the other deliverer records
    assert sink.received == []
    with rt.session() as s:
        notice = s.get(Notice, notice_id)
        assert (notice.status, notice.claim, notice.attempts) == ("sending", "another-deliverer", 0)
