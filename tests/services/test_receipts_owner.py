"""A letter's receipt has one owner (wasnaker.services.receipts): the models refuse `Document.received_on`,
`Notice.served_on` and `Notice.service_method` written anywhere else, and no other module assigns them."""

import ast
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from models import Case, Document, Notice, ReceiptWriteOutsideOwner
from tests.helpers import act, to_inspecting
from wasnaker.db import session_scope
from wasnaker.domain.notices import NoticeChannel, NoticeStatus, ServiceMethod
from wasnaker.domain.vocabulary import DocKind
from wasnaker.services import receipts

ROOT = Path(__file__).resolve().parents[2]
RECEIPT_FIELDS = {"received_on", "served_on", "service_method"}
OWNER = "wasnaker/services/receipts.py"


def nota_issued(engine, **data) -> str:
    number = to_inspecting(engine, start="2026-05-04")
    act(engine, "issue_nota_1", "budi", "2026-05-05", number, deadline_days=14, **data)
    return number


def nota_and_notice(s, number: str) -> tuple[Document, Notice]:
    case = s.exec(select(Case).where(Case.number == number)).one()
    doc = s.exec(select(Document).where(Document.case_id == case.id, Document.kind == DocKind.nota_1)).one()
    return doc, s.exec(select(Notice).where(Notice.document_id == doc.id, Notice.audience == "company")).one()


@pytest.mark.parametrize("write", [
    lambda doc, notice: setattr(doc, "received_on", date(2026, 5, 6)),
    lambda doc, notice: setattr(doc, "received_on", None),
    lambda doc, notice: setattr(notice, "served_on", date(2026, 5, 6)),
    lambda doc, notice: setattr(notice, "service_method", ServiceMethod.hand),
])
def test_writing_a_receipt_outside_its_owner_is_refused(seeded, write):
    number = nota_issued(seeded)
    with pytest.raises(ReceiptWriteOutsideOwner), session_scope(seeded) as s:
        write(*nota_and_notice(s, number))
    with session_scope(seeded) as s:
        doc, notice = nota_and_notice(s, number)
        assert (doc.received_on, notice.served_on, notice.service_method) == (None, None, "")


def test_a_new_row_starts_without_a_receipt_and_cannot_be_born_with_one():
    Document(case_id=1, office_id=1, kind=DocKind.nota_1, status="draft", doc_date=date(2026, 5, 5))
    Notice(key="k", audience="company", recipient="pt@example.com", subject="Nota")
    with pytest.raises(ReceiptWriteOutsideOwner):
        Document(case_id=1, office_id=1, kind=DocKind.nota_1, status="draft", doc_date=date(2026, 5, 5),
                 received_on=date(2026, 5, 6))
    with pytest.raises(ReceiptWriteOutsideOwner):
        Notice(key="k", audience="company", recipient="pt@example.com", subject="Nota", served_on=date(2026, 5, 6))


def test_the_owner_writes_and_closes_the_gate_behind_it():
    notice = Notice(key="k", audience="company", recipient="pt@example.com", subject="Nota",
                    status=NoticeStatus.awaiting_service)
    receipts.served_at_issue(notice, date(2026, 5, 6))
    assert (notice.channel, notice.status, notice.served_on, notice.service_method) == (
        NoticeChannel.hand, NoticeStatus.served, date(2026, 5, 6), ServiceMethod.hand)
    with pytest.raises(ReceiptWriteOutsideOwner):
        notice.served_on = date(2026, 5, 7)


def test_a_receipt_given_at_issue_is_stamped_by_the_owner(seeded):
    number = nota_issued(seeded, received_on="2026-05-05")
    with session_scope(seeded) as s:
        doc, notice = nota_and_notice(s, number)
        assert doc.received_on == notice.served_on == date(2026, 5, 5)
        assert (notice.channel, notice.status, notice.service_method) == ("hand", "served", "hand")


def _receipt_writes(tree: ast.AST) -> list[int]:
    """Lines assigning a receipt attribute, or passing one to a row constructor or an UPDATE's values()."""
    lines = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AugAssign, ast.AnnAssign)) else []
        flat = [t for target in targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
        lines += [node.lineno for t in flat if isinstance(t, ast.Attribute) and t.attr in RECEIPT_FIELDS]
        if isinstance(node, ast.Call) and _callee(node) in {"Document", "Notice", "values"}:
            lines += [node.lineno for k in node.keywords if k.arg in RECEIPT_FIELDS]
    return lines


def _callee(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def test_no_module_but_the_owner_writes_a_receipt():
    writers = {p.relative_to(ROOT).as_posix(): lines for folder in ("wasnaker", "flows", "models")
               for p in sorted((ROOT / folder).rglob("*.py"))
               if (lines := _receipt_writes(ast.parse(p.read_text())))}
    assert list(writers) == [OWNER], writers
