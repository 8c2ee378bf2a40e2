"""A local mail catcher for a machine without an SMTP relay: `wasnaker up` starts it when WASNAKER_SMTP_HOST is
unset, so notices still travel over real SMTP and land as one `.eml` file per message (any mail client opens
them) under WASNAKER_HOME/mailbox, instead of waiting in the outbox.

    python -m wasnaker.adapters.mailbox --port 8025 --dir ~/.wasnaker/mailbox
"""

import argparse
import itertools
import re
import signal
import threading
from datetime import UTC, datetime
from pathlib import Path

from aiosmtpd.controller import Controller


class MailboxHandler:
    def __init__(self, folder: Path):
        self.folder = folder
        self._seq = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        to = re.sub(r"[^A-Za-z0-9@._-]+", "_", ",".join(envelope.rcpt_tos))[:80]
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{next(self._seq):05d}-{to}.eml"
        tmp = self.folder / f".{name}.part"
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.replace(self.folder / name)
        return "250 Message accepted for delivery"


def serve(port: int, folder: Path, host: str = "127.0.0.1") -> Controller:
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(MailboxHandler(folder), hostname=host, port=port)
    controller.start()
    return controller


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args()
    controller = serve(args.port, args.dir)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
