"""How many SQL statements one act costs at the door (issue #14: the door loads what an act needs in a few
queries). Counted exactly, so a change that adds one fails here and says so; a change that saves one lowers the
number. The count does not grow with the case's history or the office's staff."""

from sqlalchemy import event

from tests.helpers import FINDING, act, to_inspecting

# record_finding on a case at inspection: the case (locked) with the reference version (the officer, the office and
# its staff come from this process's copy), the case file (events with the chain's head, seals, findings, timers,
# documents, the assigned: one UNION ALL); the version UPDATE, the event INSERT and the finding INSERT (its number
# from the findings read for the guards; no timer to close, so none read again).
PLAIN_ACT = 5


def _statements(engine, *args, **data) -> list[str]:
    seen: list[str] = []

    def listener(conn, cursor, statement, *rest):
        if not statement.startswith(("BEGIN", "SAVEPOINT", "RELEASE")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        act(engine, *args, **data)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return seen


def test_a_plain_act_costs_a_fixed_number_of_statements(seeded):
    number = to_inspecting(seeded)
    first = _statements(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)
    assert len(first) == PLAIN_ACT, "\n".join(s.split(" FROM ")[0][:90] for s in first)
    for _ in range(10):  # a longer history, the same cost
        act(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)
    assert len(_statements(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)) == PLAIN_ACT
