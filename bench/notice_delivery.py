"""How fast the outbox delivers: N Nota I notices (PDF attached) sent by `notices.send_due` to a real local
SMTP server, against a floor measured in the same run: the same messages sent by bare smtplib, one connection
each (as the sender does), with no database work.

    .venv/bin/python bench/notice_delivery.py [--notices 50]

Writes bench/results/notice_delivery.md.
"""

import argparse
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from models import Notice  # noqa: E402
from wasnaker.adapters.mailbox import serve as mailbox  # noqa: E402
from wasnaker.adapters.smtp import SmtpSender  # noqa: E402
from wasnaker.application import documents, notices  # noqa: E402
from wasnaker.db import init_db  # noqa: E402
from wasnaker.defaults import seed_defaults  # noqa: E402
from wasnaker.runtime import runtime_for  # noqa: E402
from wasnaker.services import delivery, registry  # noqa: E402
from wasnaker.services.transitions import apply_trigger  # noqa: E402
from wasnaker.settings import Settings  # noqa: E402

NOW = datetime(2026, 5, 5, 3, 0, tzinfo=UTC)
FINDING = {"norm": "Upah minimum", "article": "Pasal 88E ayat (2) UU 13/2003 jo UU 6/2023",
           "facts": "40 pekerja dibayar di bawah UMK", "order": "Membayar upah sesuai UMK"}
STEPS = [("plan_inspection", "hendra", {"company_nib": "9120001234567"}),
         ("assign_inspectors", "hendra", {"inspectors": ["budi"]}),
         ("sign_spt", "rahmat", {"period_start": "2026-05-04", "period_end": "2026-05-04"}),
         ("record_finding", "budi", FINDING), ("record_inspection", "budi", {"inspection_date": "2026-05-04"}),
         ("issue_nota_1", "budi", {"deadline_days": 14})]


def prepare(rt, n: int) -> None:
    with rt.session() as s:
        seed_defaults(s)
        registry.add_company(s, name="PT Sinar Tekstil Nusantara", nib="9120001234567",
                             email="hrd@sinartekstil.co.id")
    for _ in range(n):
        number = None
        for trigger, actor, data in STEPS:
            with rt.session() as s:
                number = apply_trigger(session=s, trigger=trigger, actor=actor, on=date(2026, 5, 4), now=NOW,
                                       case_number=number, data=data).case_number
    with rt.session() as s:
        doc_ids = s.exec(select(Notice.document_id).where(Notice.channel == "email")).all()
    for doc_id in doc_ids:
        documents.render(rt, doc_id, NOW)


def floor(rt, sender: SmtpSender) -> float:
    with rt.session() as s:
        mails = [delivery.compose(s, i, rt) for i in delivery.due_ids(s, NOW)]
    start = time.perf_counter()
    for mail in mails:
        sender.send(mail)
    return time.perf_counter() - start


def measure(n: int) -> dict:
    home = Path(tempfile.mkdtemp(prefix="wasnaker-bench-"))
    controller = mailbox(18025, home / "mailbox")
    settings = Settings(home=home, smtp_host="127.0.0.1", smtp_port=18025)
    rt = runtime_for(settings)
    init_db(rt.engine)
    prepare(rt, n)
    floor_s = floor(rt, rt.sender)
    start = time.perf_counter()
    results = notices.send_due(rt, NOW)
    took = time.perf_counter() - start
    controller.stop()
    sent = sum(r["outcome"] == "sent" for r in results)
    size = statistics.mean(p.stat().st_size for p in (home / "mailbox").glob("*.eml"))
    return {"n": n, "sent": sent, "floor": floor_s, "wasnaker": took, "size": size,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def report(r: dict) -> str:
    per = lambda s: s / r["n"] * 1000  # noqa: E731
    return "\n".join([
        "# Notice delivery", "", "Command: `.venv/bin/python bench/notice_delivery.py --notices "
        f"{r['n']}` (2 cores, SQLite, the local mailbox as SMTP server; {datetime.now(UTC):%Y-%m-%d}).", "",
        f"{r['n']} Nota I e-mails with the PDF attached (mean message {r['size'] / 1024:.0f} KiB).", "",
        "| what | total s | per notice ms |", "|---|---|---|",
        f"| floor: bare smtplib, same messages, one connection each | {r['floor']:.2f} | {per(r['floor']):.1f} |",
        f"| `notices.send_due`: claim, compose (PDF from store), send, record attempt + audit event "
        f"| {r['wasnaker']:.2f} | {per(r['wasnaker']):.1f} |", "",
        f"Sent: {r['sent']}/{r['n']}. Overhead over the floor: {per(r['wasnaker'] - r['floor']):.1f} ms per notice "
        f"(three short transactions). Peak RSS of the process: {r['rss_mb']:.0f} MiB.", ""])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notices", type=int, default=50)
    text = report(measure(parser.parse_args().notices))
    (ROOT / "bench" / "results" / "notice_delivery.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
