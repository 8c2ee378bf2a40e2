"""The door keeps the officers and offices per process (wasnaker.services.reference) and knows its copy is current:
every write to an officer or an office moves `installation.reference_version` on, in the writer's transaction, and
the act reads the version with its case lock. So an officer added, moved, made PPNS or let go, or an office's
closures changed, in this process or in another (another engine on the same database), counts at the next act."""

from datetime import date

import pytest
from sqlmodel import Session, select

from models import Installation, Office, Officer
from tests.helpers import COMPLAINT, FINDING, act, to_inspecting
from wasnaker.db import make_engine, session_scope
from wasnaker.domain.errors import NotFound, RoleNotAllowed
from wasnaker.services import reference, registry


def _version(engine) -> int:
    with Session(engine) as s:
        return s.exec(select(Installation.reference_version)).one()


def _other_process(engine):
    """Another engine on the same database: what another process (a worker, the web app) writes with."""
    return make_engine(engine.url.render_as_string(hide_password=False))


def test_writing_an_officer_or_an_office_moves_the_version_on_and_nothing_else_does(seeded):
    seen = [_version(seeded)]
    number = to_inspecting(seeded)  # acts, findings, timers, documents: not reference data
    assert _version(seeded) == seen[-1]
    with session_scope(seeded) as s:
        office = s.exec(select(Office)).first()
        registry.add_officer(s, office=office, username="rina", name="Rina Marlina", nip="198001012005011009",
                             role="inspector")
    seen.append(_version(seeded))
    with session_scope(seeded) as s:
        s.exec(select(Office)).first().closures = ["2026-03-04"]
    seen.append(_version(seeded))
    assert len(set(seen)) == 3
    with session_scope(seeded) as s:  # read, not changed
        s.exec(select(Officer).where(Officer.username == "rina")).one()
    act(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)
    assert _version(seeded) == seen[-1]


def test_a_copy_read_in_a_transaction_that_rolled_back_is_never_taken_for_current(seeded):
    """An officer added, the copy read with it, then the transaction rolled back: a later committed write gives a
    version the rolled-back copy does not carry."""
    with pytest.raises(RuntimeError), session_scope(seeded) as s:
        office = s.exec(select(Office)).first()
        registry.add_officer(s, office=office, username="ghost", name="Tidak Pernah Ada", nip="198001012005011011",
                             role="inspector")
        assert "ghost" in reference.current(s, reference.token(s)).officers
        raise RuntimeError("the form failed after the flush")
    with session_scope(seeded) as s:
        s.exec(select(Officer).where(Officer.username == "kiki")).one().email = "kiki@disnaker.example.go.id"
    assert "ghost" not in _current(seeded).officers


def test_an_officer_let_go_in_another_process_is_refused_at_the_next_act(seeded):
    number = to_inspecting(seeded)
    act(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)  # this process now keeps a copy
    other = _other_process(seeded)
    try:
        with session_scope(other) as s:
            s.exec(select(Officer).where(Officer.username == "budi")).one().active = False
    finally:
        other.dispose()
    with pytest.raises(NotFound, match="unknown officer 'budi'"):
        act(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)


def test_an_officer_moved_to_another_office_no_longer_acts_on_its_cases(seeded):
    number = to_inspecting(seeded)
    act(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)
    with session_scope(seeded) as s:
        other = registry.add_office(s, code="UPTD-WIL.II", name="UPTD Wilayah II", province="Jawa Barat")
        s.exec(select(Officer).where(Officer.username == "budi")).one().office_id = other.id
    with pytest.raises(RoleNotAllowed, match="budi does not belong to the office of case"):
        act(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)


def test_a_new_ppns_counts_for_the_guards_at_once(seeded):
    """start_investigation names PPNS of the office: one added a moment ago is one."""
    with session_scope(seeded) as s:
        office = s.exec(select(Office)).first()
        registry.add_officer(s, office=office, username="yoga", name="Yoga Pratama", nip="198001012005011010",
                             role="ppns", is_ppns=True)
    ref = _current(seeded)
    assert "yoga" in ref.staff[office.id].ppns and "yoga" in ref.officers


def test_the_copy_is_read_once_while_the_version_stays(seeded):
    first = _current(seeded)
    act(seeded, "file_complaint", "dewi", date(2026, 3, 2).isoformat(), **COMPLAINT)
    assert _current(seeded) is first
    with session_scope(seeded) as s:
        s.exec(select(Officer).where(Officer.username == "kiki")).one().email = "kiki@disnaker.example.go.id"
    again = _current(seeded)
    assert again is not first and again.officers["kiki"].email == "kiki@disnaker.example.go.id"


def test_the_copies_are_in_no_session_and_an_act_never_writes_them(seeded):
    number = to_inspecting(seeded)
    ref = _current(seeded)
    budi = ref.officers["budi"]
    budi.name = "changed in memory only"  # a copy: no session sees it
    act(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)
    with Session(seeded) as s:
        assert s.exec(select(Officer.name).where(Officer.username == "budi")).one() == "Budi Santoso"
    reference.forget(seeded)


def test_an_office_closure_added_in_another_process_moves_the_next_acts_deadline(seeded):
    """The calendar is kept with the copy: a closure day added elsewhere is a non-working day at the next act."""
    number = to_inspecting(seeded)
    act(seeded, "record_finding", "budi", "2026-03-02", number, **FINDING)
    other = _other_process(seeded)
    try:
        with session_scope(other) as s:
            s.exec(select(Office)).first().closures = ["2026-03-04"]
    finally:
        other.dispose()
    with Session(seeded) as s:
        ref = reference.current(s, reference.token(s))
        office = next(iter(ref.offices.values()))
        assert date(2026, 3, 4) in reference.calendar(ref, office, date(2026, 3, 2)).closures


def test_an_unknown_officer_is_refused_without_a_case_too(seeded):
    with pytest.raises(NotFound, match="unknown officer 'nobody'"):
        act(seeded, "file_complaint", "nobody", "2026-03-02", **COMPLAINT)


def _current(engine) -> reference.Reference:
    with Session(engine) as s:
        return reference.current(s, reference.token(s))
