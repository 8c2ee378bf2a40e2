"""Acts of the administrative track refused for the data a letter would lack: a re-inspection without an SPT
ordering it, a Penetapan without the computation of each worker's rights."""

import pytest

from tests.helpers import FINDING, act, fingerprint, to_inspecting
from wasnaker.domain.errors import GuardFailed, InvalidData


def _refused(engine, exc, match, *args, **data):
    before = fingerprint(engine)
    with pytest.raises(exc, match=match):
        act(engine, *args, **data)
    assert fingerprint(engine) == before


def test_a_re_inspection_needs_an_spt_whose_period_includes_it(seeded):
    number = to_inspecting(seeded, start="2026-06-01")
    act(seeded, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=7, received_on="2026-06-02")
    _refused(seeded, GuardFailed, r"re-inspection on 2026-06-10 is not covered by an SPT \(periods ordered: "
             r"2026-06-01 to 2026-06-01\).*sign_spt", "record_recheck", "budi", "2026-06-10", number)
    _refused(seeded, GuardFailed, "cannot order a period starting 2026-06-09, before it was signed",
             "sign_spt", "kadis", "2026-06-10", number, period_start="2026-06-09", period_end="2026-06-10")
    act(seeded, "sign_spt", "kadis", "2026-06-10", number, period_start="2026-06-10", period_end="2026-06-11")
    act(seeded, "record_recheck", "budi", "2026-06-11", number, note="Belum dibayar")
    outcome = act(seeded, "issue_nota_2", "budi", "2026-06-11", number, deadline_days=7)
    assert outcome.to_state == "nota_2"


def test_a_penetapan_names_the_basis_its_workers_lack(seeded):
    legacy = {**FINDING, "workers": [{"name": "Siti Aminah", "items": [{"label": "Upah", "amount": 900_000}]}]}
    number = to_inspecting(seeded, start="2026-07-01", finding=legacy)
    _refused(seeded, GuardFailed, r"missing: finding 1, Siti Aminah, Upah: period, due, paid",
             "issue_penetapan", "budi", "2026-07-02", number)
    _refused(seeded, InvalidData, "paid 5 is not less than due 5", "record_finding", "budi", "2026-07-02", number,
             **{**FINDING, "workers": [{"name": "Joko", "items": [{"label": "Upah", "due": 5, "paid": 5}]}]})
