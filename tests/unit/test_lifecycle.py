"""Invariants of the lifecycle table."""

import json
from collections import Counter, deque

from wasnaker.domain import lifecycle
from wasnaker.domain.lifecycle import TRANSITIONS
from wasnaker.domain.lifecycle_render import to_json, to_markdown, to_mermaid
from wasnaker.domain.vocabulary import INITIAL_STATES, TERMINAL_STATES, DocKind, Role, State


def test_every_state_is_reachable_from_a_new_case():
    seen, queue = set(), deque(t.target for t in TRANSITIONS if t.source is None)
    while queue:
        state = queue.popleft()
        if state not in seen:
            seen.add(state)
            queue.extend(t.target for t in TRANSITIONS if t.source == state)
    assert seen == set(State)


def test_initial_states_are_the_targets_of_creating_rows():
    assert {t.target for t in TRANSITIONS if t.source is None} == set(INITIAL_STATES)


def test_terminal_states_have_no_exit():
    assert [t for t in TRANSITIONS if t.source in TERMINAL_STATES] == []


def test_every_non_terminal_state_has_an_exit_that_moves():
    for state in set(State) - set(TERMINAL_STATES):
        assert any(t.moves for t in lifecycle.available(state)), state


def test_no_duplicate_source_and_trigger():
    counts = Counter((t.source, t.trigger) for t in TRANSITIONS)
    assert [k for k, n in counts.items() if n > 1] == []


def test_closing_rows_carry_a_reason_and_only_they_do():
    for t in TRANSITIONS:
        assert (t.target == State.closed) == (t.close_reason is not None), t.trigger


def test_system_rows_need_no_data_and_only_system_applies_them():
    """Consequences the law attaches are the system's alone; a receipt the system may also record (confirmed on
    the acknowledgement page, or deemed by policy), carrying the data an officer would give."""
    for t in TRANSITIONS:
        if Role.system in t.roles and t.trigger != "record_receipt":
            assert t.roles == {Role.system} and not t.payload.model_fields, t.trigger
    receipts = [t for t in TRANSITIONS if t.trigger == "record_receipt"]
    assert receipts and all(Role.system in t.roles and Role.inspector in t.roles for t in receipts)


def test_every_document_kind_is_issued_somewhere_or_by_the_system():
    issued = {d for t in TRANSITIONS for d in t.documents}
    assert set(DocKind) - issued <= {DocKind.reminder}  # reminders come from the timer sweep


def test_triggers_are_snake_case_verbs():
    for t in TRANSITIONS:
        assert t.trigger.islower() and " " not in t.trigger


def test_json_lists_every_state_and_every_row():
    body = json.loads(to_json())
    assert {s["code"] for s in body["states"]} == {s.value for s in State}
    assert len(body["transitions"]) == len(TRANSITIONS)
    nota = next(r for r in body["transitions"] if r["trigger"] == "issue_nota_1")
    assert nota["opens_timers"] == ["nota_1_compliance"] and nota["documents"] == ["nota_1"]


def test_markdown_and_mermaid_cover_every_trigger():
    md, mermaid = to_markdown(), to_mermaid()
    for t in TRANSITIONS:
        assert f"`{t.trigger}`" in md
        if t.moves:
            assert f": {t.trigger}" in mermaid


def test_every_document_kind_has_a_template_folder():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "document_templates"
    for kind in DocKind:
        folder = root / kind.value
        assert (folder / "template.html").is_file(), kind
        meta = json.loads((folder / "metadata.json").read_text())
        assert meta["kind"] == kind.value and meta["version"] and meta["required"], kind
