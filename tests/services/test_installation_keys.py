"""Two wasnaker installations on one Prefect server: each database gets its own installation key when its schema is
made, and the idempotency keys of its runs carry it. The same timer and event ids in two databases (both count from
1) name different runs; one installation names the same expiry moment with the same key every time (a second sync,
or another process, cannot schedule it twice), and a deadline moved to another moment with that moment's key."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import select

from models import Timer
from tests.conftest import seed_reference
from tests.helpers import act, to_inspecting
from wasnaker.adapters import scheduling
from wasnaker.application import steps
from wasnaker.db import init_db, make_engine, session_scope
from wasnaker.runtime import Runtime
from wasnaker.services import deadlines, repo
from wasnaker.settings import Settings


def installation(tmp_path, name: str):
    """A database of its own with one Nota I whose clock runs (its timer wants a deadline run); its engine and the
    act's outcome."""
    engine = make_engine(f"sqlite:///{tmp_path / f'{name}.db'}")
    init_db(engine)
    seed_reference(engine)
    number = to_inspecting(engine)
    nota = act(engine, "issue_nota_1", "budi", "2026-03-03", number, deadline_days=14, received_on="2026-03-03")
    return engine, {"case_number": number, "trigger": "issue_nota_1", "from_state": "inspecting",
                    "event_id": nota.event_id}


def deadline_keys(engine) -> list[tuple[int, str]]:
    """(timer, the key of its moment's run) for every timer wanting a run."""
    with session_scope(engine) as s:
        installation = repo.installation_key(s)
        return [(timer_id, deadlines.moment_run(s, due, installation).key)
                for due, timer_ids in deadlines.plan(s).moments.items() for timer_id in timer_ids]


def stage_key(engine, outcome: dict, tmp_path, monkeypatch) -> str:
    """The key the act's stage run is created with (the adapter's call to Prefect stood in for)."""
    made = []
    monkeypatch.setattr(scheduling, "start_stage_run", lambda api, flow, params, name, tags, installation: made.append(
        scheduling.stage_run_key(installation, params["event_id"])) or "run")
    rt = Runtime(Settings(home=tmp_path, prefect_api_url="http://127.0.0.1:9/api"), engine)
    steps.start_stage_run(rt, outcome, "budi", date(2026, 3, 3))
    return made[0]


def test_two_installations_name_the_same_ids_differently_and_one_names_a_deadline_alike(tmp_path, monkeypatch):
    (first, nota_a), (second, nota_b) = installation(tmp_path, "a"), installation(tmp_path, "b")
    [(timer_a, key_a)], [(timer_b, key_b)] = deadline_keys(first), deadline_keys(second)
    assert timer_a == timer_b and nota_a["event_id"] == nota_b["event_id"]  # the same ids in both databases
    assert key_a != key_b
    assert stage_key(first, nota_a, tmp_path, monkeypatch) != stage_key(second, nota_b, tmp_path, monkeypatch)

    reopened = make_engine(first.url.render_as_string(hide_password=False))  # another process of the same installation
    assert deadline_keys(reopened) == deadline_keys(first) == [(timer_a, key_a)]
    assert stage_key(reopened, nota_a, tmp_path, monkeypatch) == stage_key(first, nota_a, tmp_path, monkeypatch)

    with session_scope(first) as s:  # the deadline moves: a new run, still this installation's
        timer = s.exec(select(Timer)).one()
        timer.expires_at = datetime(2026, 3, 20, 16, 59, 59, tzinfo=UTC) + timedelta(days=1)
        s.add(timer)
    [(_, moved)] = deadline_keys(first)
    assert moved != key_a and moved.split("-deadline-")[0] == key_a.split("-deadline-")[0]
    for engine in (first, second, reopened):
        engine.dispose()
