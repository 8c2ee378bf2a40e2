"""Two acts on two cases number the year's first letter of a kind at the same moment: both get a number, one after
the other, none lost — the second waits for the first's counter row instead of failing on its primary key (seen as
a traceback in the real-process race on PostgreSQL, where no lock covers a row that does not exist yet)."""

import threading

from sqlmodel import select

from models import NumberCounter
from wasnaker.db import session_scope
from wasnaker.services.sequences import next_seq


def test_two_transactions_creating_the_same_counter_both_get_a_number(seeded):
    got, failed, started = [], [], threading.Event()

    def second():
        started.set()
        try:
            with session_scope(seeded) as s:
                got.append(next_seq(s, 1, "nota_1", 2031))
        except Exception as exc:  # noqa: BLE001 - the defect: IntegrityError on the counter's primary key
            failed.append(repr(exc))

    with session_scope(seeded) as first:
        got.append(next_seq(first, 1, "nota_1", 2031))  # the counter row, created and not yet committed
        racer = threading.Thread(target=second)
        racer.start()
        started.wait(5)
        racer.join(1.0)  # the second waits on the first's uncommitted row (PostgreSQL) or write lock (SQLite)
        assert racer.is_alive()
    racer.join(30)
    assert failed == [] and sorted(got) == [1, 2]
    with session_scope(seeded) as s:
        assert s.exec(select(NumberCounter.last).where(NumberCounter.year == 2031)).all() == [2]
