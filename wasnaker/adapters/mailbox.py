"""A local mail catcher for a machine without an SMTP relay: `wasnaker up` starts it when WASNAKER_SMTP_HOST is
unset, so notices still travel over real SMTP and land as one `.eml` file per message (any mail client opens
them) under WASNAKER_HOME/mailbox, instead of waiting in the outbox.

    python -m wasnaker.adapters.mailbox --port 8025 --dir ~/.wasnaker/mailbox [--keep-messages 1000] [--keep-days 30]

The mailbox stays bounded: after each message (and at start) only the newest `keep_messages` messages of the last
`keep_days` days are kept (WASNAKER_MAILBOX_KEEP_MESSAGES, WASNAKER_MAILBOX_KEEP_DAYS); other files are left alone.
"""

import argparse
import itertools
import re
import signal
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiosmtpd.controller import Controller

from wasnaker.settings import Settings

# the names this catcher gives: <UTC time received>-<sequence>-<recipients>.eml
RECEIVED = re.compile(r"^(\d{8}T\d{6})-\d+-.*\.eml$")


@dataclass(frozen=True)
class Retention:
    keep_messages: int | None = None  # None: no limit
    keep_days: int | None = None


def _received(name: str) -> datetime | None:
    match = RECEIVED.match(name)
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC) if match else None


def prune(folder: Path, now: datetime, retention: Retention) -> list[str]:
    """Delete the messages beyond the newest `keep_messages` and those received more than `keep_days` before `now`;
    the names deleted. Only files named as this catcher names them are touched."""
    dated = sorted((at, path.name) for path in folder.glob("*.eml") if (at := _received(path.name)))
    gone = set()
    if retention.keep_days is not None:
        gone |= {name for at, name in dated if at < now - timedelta(days=retention.keep_days)}
    if retention.keep_messages is not None:
        gone |= {name for _, name in dated[:max(0, len(dated) - retention.keep_messages)]}
    for name in gone:
        (folder / name).unlink(missing_ok=True)
    return sorted(gone)


class MailboxHandler:
    def __init__(self, folder: Path, retention: Retention = Retention()):
        self.folder = folder
        self.retention = retention
        self._seq = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        to = re.sub(r"[^A-Za-z0-9@._-]+", "_", ",".join(envelope.rcpt_tos))[:80]
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{next(self._seq):05d}-{to}.eml"
        tmp = self.folder / f".{name}.part"
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.replace(self.folder / name)
        prune(self.folder, datetime.now(UTC), self.retention)
        return "250 Message accepted for delivery"


def serve(port: int, folder: Path, host: str = "127.0.0.1", retention: Retention = Retention()) -> Controller:
    folder.mkdir(parents=True, exist_ok=True)
    prune(folder, datetime.now(UTC), retention)
    controller = Controller(MailboxHandler(folder, retention), hostname=host, port=port)
    controller.start()
    return controller


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--dir", type=Path, required=True)
    defaults = Settings.model_fields
    parser.add_argument("--keep-messages", type=int, default=defaults["mailbox_keep_messages"].default)
    parser.add_argument("--keep-days", type=int, default=defaults["mailbox_keep_days"].default)
    args = parser.parse_args()
    controller = serve(args.port, args.dir, retention=Retention(args.keep_messages, args.keep_days))
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
