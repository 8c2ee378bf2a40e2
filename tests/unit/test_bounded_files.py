"""Bounded growth on disk: the logs `wasnaker up` writes are rotated past their size (copies kept, the oldest
dropped, the child writing on into the emptied file), every minute while it runs; the local mail catcher keeps the
newest messages of the last days. Time is a parameter (the mailbox's `now`, the supervisor's seconds)."""

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from wasnaker import supervisor
from wasnaker.adapters.logfiles import rotate, rotate_all
from wasnaker.adapters.mailbox import MailboxHandler, Retention, prune
from wasnaker.application.retention import prune_prefect_history
from wasnaker.application.steps import PRUNE_PREFECT


def test_a_log_past_its_size_is_copied_and_emptied_while_the_child_appends_on(tmp_path):
    log = tmp_path / "runner-0.log"
    child = log.open("ab")  # as supervisor.start gives a child its stdout
    child.write(b"x" * 100)
    child.flush()
    assert not rotate(log, max_bytes=100, backups=3)  # not past the limit
    child.write(b"y")
    child.flush()
    assert rotate(log, max_bytes=100, backups=3)
    assert (tmp_path / "runner-0.log.1").read_bytes() == b"x" * 100 + b"y" and log.stat().st_size == 0
    child.write(b"after")
    child.close()
    assert log.read_bytes() == b"after"  # appending: no hole of zeros where the old content was


def test_rotation_keeps_the_newest_backups_and_drops_the_oldest(tmp_path):
    log = tmp_path / "web.log"
    for generation in "abcd":
        log.write_bytes(generation.encode() * 10)
        rotate(log, max_bytes=5, backups=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["web.log", "web.log.1", "web.log.2"]
    assert (tmp_path / "web.log.1").read_bytes() == b"d" * 10 and (tmp_path / "web.log.2").read_bytes() == b"c" * 10


def test_every_log_of_the_folder_past_its_size_is_rotated(tmp_path):
    (tmp_path / "big.log").write_bytes(b"z" * 50)
    (tmp_path / "small.log").write_bytes(b"z")
    assert rotate_all(tmp_path, max_bytes=10, backups=1) == ["big.log"]
    assert rotate_all(tmp_path / "missing", max_bytes=10, backups=1) == []


def test_up_rotates_its_logs_every_minute_while_the_children_run(monkeypatch, tmp_path):
    alive = iter([None] * 130 + [0])
    child = SimpleNamespace(poll=lambda: next(alive))
    slept, rotations = [], []
    monkeypatch.setattr(supervisor.time, "sleep", slept.append)
    monkeypatch.setattr(supervisor.signal, "signal", lambda *a: None)  # pytest keeps its own Ctrl-C
    monkeypatch.setattr(supervisor, "stop", lambda processes: None)
    supervisor.run_forever([child], housekeeping=lambda: rotations.append(len(slept)))
    assert rotations == [60, 120]

    settings = SimpleNamespace(home=tmp_path, log_max_bytes=10, log_backups=2)
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "mailbox.log").write_bytes(b"m" * 11)
    supervisor.log_rotation(settings)()
    assert (tmp_path / "logs" / "mailbox.log.1").exists()


def _mail(folder, received: str, seq: int):
    (folder / f"{received}-{seq:05d}-legal_karyalogam.co.id.eml").write_text("Subject: x\n\nx")


def test_the_mailbox_keeps_the_newest_messages_of_the_last_days(tmp_path):
    for seq, received in enumerate(["20261001T080000", "20261101T080000", "20261110T080000", "20261129T080000"]):
        _mail(tmp_path, received, seq)
    (tmp_path / "notes.eml").write_text("not the catcher's")
    now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert prune(tmp_path, now, Retention()) == []  # unbounded
    assert prune(tmp_path, now, Retention(keep_days=30)) == ["20261001T080000-00000-legal_karyalogam.co.id.eml"]
    assert prune(tmp_path, now, Retention(keep_messages=2)) == ["20261101T080000-00001-legal_karyalogam.co.id.eml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["20261110T080000-00002-legal_karyalogam.co.id.eml",
                                                          "20261129T080000-00003-legal_karyalogam.co.id.eml",
                                                          "notes.eml"]


def test_the_mail_catcher_prunes_as_each_message_lands(tmp_path):
    handler = MailboxHandler(tmp_path, Retention(keep_messages=2))
    for n in range(3):
        envelope = SimpleNamespace(rcpt_tos=["legal@karyalogam.co.id"], original_content=f"Subject: {n}\n\n".encode(),
                                   content=None)
        assert asyncio.run(handler.handle_DATA(None, None, envelope)).startswith("250")
    assert sorted(p.read_text().split("\n")[0] for p in tmp_path.glob("*.eml")) == ["Subject: 1", "Subject: 2"]


def test_the_prefect_prune_counts_the_retention_back_from_as_of_and_refuses_a_moment_without_a_zone():
    rt = SimpleNamespace(settings=SimpleNamespace(prefect_retention_days=30))
    calls = []
    prune_prefect_history(rt, datetime(2026, 11, 30, 1, 30, tzinfo=UTC), ["deliver-notices"],
                          runner=lambda rt, step, *args: calls.append((step, *args)))
    assert calls == [(PRUNE_PREFECT, datetime(2026, 10, 31, 1, 30, tzinfo=UTC), ["deliver-notices"])]
    with pytest.raises(ValueError, match="time zone"):
        prune_prefect_history(rt, datetime(2026, 11, 30), runner=lambda *a: None)
