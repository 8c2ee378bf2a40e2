"""Defects the lifecycle state machine found, each kept as the example it shrank to."""

from datetime import date

import pytest

from tests.properties.machine import LifecycleMachine
from wasnaker.application import acts
from wasnaker.domain.errors import InvalidData


@pytest.fixture
def machine():
    machine = LifecycleMachine()
    yield machine
    machine.teardown()


@pytest.mark.parametrize("on", [date(1, 1, 1), date(1899, 12, 31)])
def test_an_act_dated_outside_the_calendar_opens_no_case(machine, on):
    """Shrunk: `plan_inspection` by hendra dated 0001-01-01 opened case WAS/UPTD-WIL.I/1/0001 (the web form's
    day/month/year parts let any year through, and the door did not check the act's own date as it checks the
    dates inside the data). Now refused, nothing written."""
    before = machine.world.dump()
    with pytest.raises(InvalidData, match=f"date of the act {on.isoformat()} is outside the years 1900-2100"):
        acts.record(machine.world.rt, trigger="plan_inspection", actor="hendra", on=on, now=machine.world.now,
                    data={"company_nib": "9120001234567"})
    assert machine.world.dump() == before


def test_the_web_form_says_so_beside_the_act_date():
    from wasnaker.web.form_messages import refusal

    refused = InvalidData("date of the act 0001-01-01 is outside the years 1900-2100")
    assert refusal(refused) == ("_on", "Tahun tanggal tindakan harus di antara 1900 dan 2100")
