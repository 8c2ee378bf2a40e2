"""Only the door writes Case.state; the event log is append-only; numbers are gap-free per kind."""

import re
from pathlib import Path

import pytest
from sqlmodel import select

from models import Case, CaseEvent, Document
from models.case import StateWriteOutsideDoor
from models.event import AppendOnly
from tests.helpers import act, to_inspecting
from wasnaker.db import session_scope
from wasnaker.domain.errors import GuardFailed

ROOT = Path(__file__).resolve().parents[2]


def test_writing_the_state_outside_the_door_is_refused(seeded):
    number = to_inspecting(seeded)
    with pytest.raises(StateWriteOutsideDoor), session_scope(seeded) as s:
        s.exec(select(Case).where(Case.number == number)).one().state = "closed"


def test_no_module_but_the_door_assigns_the_state():
    pattern = re.compile(r"\.state\s*=[^=]|update\(Case\)|values\(.*\bstate\s*=")
    writers = [p.relative_to(ROOT).as_posix() for folder in ("wasnaker", "flows", "models")
               for p in (ROOT / folder).rglob("*.py") if pattern.search(p.read_text())]
    assert writers == ["wasnaker/services/transitions.py"]


def test_the_event_log_is_append_only(seeded):
    to_inspecting(seeded)
    with pytest.raises(AppendOnly), session_scope(seeded) as s:
        s.exec(select(CaseEvent)).first().actor = "someone else"
    with pytest.raises(AppendOnly), session_scope(seeded) as s:
        s.delete(s.exec(select(CaseEvent)).first())


def test_numbers_are_gap_free_per_kind_and_a_failed_act_takes_none(seeded):
    first = to_inspecting(seeded)
    second = to_inspecting(seeded, start="2026-03-03")
    with pytest.raises(GuardFailed, match="exceeds the policy maximum"):
        act(seeded, "issue_nota_1", "budi", "2026-03-04", first, deadline_days=99)
    act(seeded, "issue_nota_1", "budi", "2026-03-04", first)
    act(seeded, "issue_nota_1", "budi", "2026-03-04", second)
    with session_scope(seeded) as s:
        notas = s.exec(select(Document).where(Document.kind == "nota_1").order_by(Document.seq)).all()
        spts = s.exec(select(Document).where(Document.kind == "spt").order_by(Document.seq)).all()
    assert [d.seq for d in notas] == [1, 2] and [d.seq for d in spts] == [1, 2]
    assert [d.number for d in notas] == ["R.560/0001/NP-I/UPTD-WIL.I/III/2026", "R.560/0002/NP-I/UPTD-WIL.I/III/2026"]
