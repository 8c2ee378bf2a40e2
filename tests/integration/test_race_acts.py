"""Two officers act on one case at the same moment: exactly one act wins, on SQLite as on PostgreSQL, whether they
act through the CLI, the web app, or one each.

Two long-lived racer processes (tests/integration/race_worker.py) are released together by a barrier; each acts as
its officer would — the real CLI entry point in-process, or the web app's act form (TestClient over `create_app`,
signed in). Every pair checks what the officers see: the winner's line (CLI) or the redirect to the case page
(web); the loser's single `error:` line with exit code 2 (CLI) or the Indonesian message on the page (web), naming
the winner's officer and act. Afterwards the database holds the winners' acts only: one event per raced case, one
Nota I number per Nota with no gap in the series, one compliance timer, notices only for the winner's letter, and
`audit verify` finds every chain intact. Two real `wasnaker apply` processes per pair, queued behind a held lock and
released together, close the module.

Most pairs race cheap acts that issue no letter (verifying a complaint, or withdrawing it); some race Nota I (a
document number). A pair whose loser is still allowed after the winner's act (a withdrawal after the verification,
a compliance after the Nota) races with the form's version only: that version is what says the act was meant for
the case as the officer saw it. The loser of a `form` pair is told the case changed; the loser of a `plain` pair
(no version: the CLI without --expected-version, a web client that never read the form) that the act is not
allowed in the case's new stage — both naming who acted. `WASNAKER_RACE_ROUNDS` sets the pairs per combination
and database (bench/race_conflicts.sh records a bigger run)."""

import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import cycle
from pathlib import Path

import pytest

from tests.helpers import COMPLAINT, FINDING
from tests.integration.race_checks import assert_only_winners_written, held, snapshot, wait_until_blocked
from tests.integration.race_worker import Racers, Result, WebAct
from tests.web.test_act_forms import flat
from wasnaker.application import audit
from wasnaker.db import session_scope
from wasnaker.domain import lifecycle
from wasnaker.domain.vocabulary import STATE_LABELS, State
from wasnaker.runtime import Runtime
from wasnaker.services import accounts, repo
from wasnaker.services.transitions import apply_trigger
from wasnaker.settings import Settings

ROUNDS = int(os.environ.get("WASNAKER_RACE_ROUNDS", "167"))  # pairs per combination and database: 3 × 2 × 167
WASNAKER = str(Path(sys.executable).parent / "wasnaker")
START, ON = "2026-03-02", "2026-03-03"
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
EMBEDDED_OFF = ("PREFECT_API_URL", "WASNAKER_PREFECT_API_URL", "WASNAKER_SMTP_HOST")  # no server, no mail
OFFICERS = ("dewi", "hendra", "budi", "sari")
COMBOS = {"cli-cli": ("cli", "cli"), "web-web": ("web", "web"), "web-cli": ("web", "cli")}  # racer 0, racer 1


@dataclass(frozen=True)
class Act:
    trigger: str
    officer: str
    data: dict

    @property
    def row(self) -> lifecycle.Transition:
        return next(t for t in lifecycle.TRANSITIONS if t.trigger == self.trigger)


@dataclass(frozen=True)
class Pair:
    start: str  # the state the case is in when the pair races
    acts: tuple[Act, Act]
    modes: tuple[str, ...]  # "plain" (no version) and/or "form" (the version the officer saw)


VERIFY, NOTA = Act("verify_complaint", "dewi", {}), Act("issue_nota_1", "sari", {"deadline_days": 14})
WITHDRAW = Act("withdraw_complaint", "hendra", {"reason": "Pengadu mencabut pengaduannya"})
PAIRS = {
    "verify": Pair("complaint_received", (VERIFY, Act("verify_complaint", "hendra", {})), ("plain", "form")),
    "verify_vs_withdraw": Pair("complaint_received", (VERIFY, WITHDRAW), ("form",)),
    "assign_vs_close": Pair("under_verification", (Act("assign_inspectors", "hendra", {"inspectors": ["budi", "sari"]}),
                                                   Act("close_unreachable", "dewi", {"reason": "Nomor tidak aktif"})),
                            ("plain", "form")),
    "withdraw": Pair("assigned", (Act("withdraw_complaint", "dewi", WITHDRAW.data), WITHDRAW), ("plain", "form")),
    "finding": Pair("inspecting", (Act("record_finding", "budi", FINDING), Act("record_finding", "sari", FINDING)),
                    ("form",)),
    "nota": Pair("inspecting", (Act("issue_nota_1", "budi", {"deadline_days": 14}), NOTA), ("plain", "form")),
    "compliance_vs_nota": Pair("inspecting", (Act("record_compliance", "budi", {}), NOTA), ("form",)),
}
# A prepared case hosts races until it is closed (or past the table below): each winner's state is the next
# pair's start. A complaint races about twice; a case at `inspecting` races a finding, then a Nota.
WALKS = {"complaint_received": ("verify", "verify_vs_withdraw"), "under_verification": ("assign_vs_close",),
         "assigned": ("withdraw",), "inspecting": ("finding", "nota", "finding", "compliance_vs_nota")}
BATCH = ("complaint_received",) * 12 + ("inspecting",) * 3  # prepared in one transaction

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def racers():
    racers = Racers()
    yield racers
    racers.close()


@pytest.fixture
def officers(seeded):
    """The racing officers' web sessions (signed in by single sign-on: no password to hash per test)."""
    with session_scope(seeded) as s:
        users = [accounts.add_user(s, name, None, by="admin", now=NOW, oidc_subject=name) for name in OFFICERS]
        signed = [accounts.sign_in_sso(s, u.oidc_subject, address="127.0.0.1", user_agent="racer",
                                       now=datetime.now(UTC)) for u in users]
    return seeded, {name: (token, who.csrf_token) for name, (token, who) in zip(OFFICERS, signed)}


def cli_env(engine, home) -> dict:
    return {"WASNAKER_HOME": str(home), "WASNAKER_DATABASE_URL": engine.url.render_as_string(hide_password=False)}


class Races:
    """The pairs of one test: prepared cases, each walked through the WALKS, every pair's outcome checked."""

    def __init__(self, engine, channels, sessions):
        self.engine, self.channels, self.sessions = engine, channels, sessions
        self.cases: list[tuple[str, str, int]] = []  # (number, state, version) still able to race
        self.seen, self.winners, self.tally = Counter(), defaultdict(list), Counter()
        self.walks = {state: cycle(kinds) for state, kinds in WALKS.items()}
        self.prepared: list[tuple[dict, dict]] = []  # (snapshot before, after) each batch of prepared cases

    def next_pair(self):
        if not self.cases:
            first = snapshot(self.engine)
            self.cases = [(n, start, v) for (n, v), start in zip(prepare(self.engine, BATCH), BATCH)][::-1]
            self.prepared.append((first, snapshot(self.engine)))
        number, state, version = self.cases.pop()
        return number, state, version, next(self.walks[state])

    def run(self, racers, env) -> None:
        number, state, version, kind = self.next_pair()
        pair, k = PAIRS[kind], self.seen[kind]
        self.seen[kind] += 1
        mode, flip = pair.modes[k % len(pair.modes)], (k // len(pair.modes)) % 2  # each act from each racer
        acts = pair.acts[::-1] if flip else pair.acts
        jobs = [job(self.channels[r], acts[r], number, version if mode == "form" else None, self.sessions)
                for r in (0, 1)]
        won, what = settle(number, pair.start, acts, self.channels, racers.race(env, *jobs), mode)
        self.winners[number].append((acts[won], self.channels[won]))
        self.tally.update([f"{kind} {mode}: won {acts[won].trigger} via {self.channels[won]}", f"refused: {what}"])
        after = acts[won].row.target.value
        if after in WALKS:
            self.cases.append((number, after, version + 1))


@pytest.mark.parametrize("combo", COMBOS)
def test_exactly_one_of_two_simultaneous_acts_wins(officers, racers, tmp_path, combo):
    (engine, sessions), env = officers, cli_env(officers[0], tmp_path)
    before, started = snapshot(engine), time.monotonic()
    races = Races(engine, COMBOS[combo], sessions)
    for _ in range(ROUNDS):
        races.run(racers, env)
    seconds = time.monotonic() - started
    assert_only_winners_written(engine, before, races.winners, races.prepared)
    assert all(row["intact"] for row in audit.verify(Runtime(Settings(home=tmp_path), engine)))
    print(f"\n{engine.dialect.name} {combo}: {ROUNDS} pairs in {seconds:.1f} s, {dict(sorted(races.tally.items()))}")


def prepare(engine, starts) -> list[tuple[str, int]]:
    """(number, version) of a fresh case per start, prepared in one transaction (each through the door)."""
    with session_scope(engine) as s:
        prepared = [_prepared(s, start) for start in starts]
    return prepared


def _prepared(s, start: str) -> tuple[str, int]:
    def step(trigger, actor, number=None, **data):
        return apply_trigger(session=s, trigger=trigger, actor=actor, on=date.fromisoformat(START), now=NOW,
                             case_number=number, data=data).case_number

    number = step("file_complaint", "dewi", **COMPLAINT)
    if start == "inspecting":
        step("verify_complaint", "dewi", number)
        step("assign_inspectors", "hendra", number, inspectors=["budi", "sari"])
        step("sign_spt", "kadis", number, period_start=START, period_end=START)
        step("record_finding", "budi", number, **FINDING)
        step("record_inspection", "budi", number, inspection_date=START)
    return number, repo.case(s, number).version


def job(channel: str, act: Act, number: str, version: int | None, sessions: dict | None = None):
    """The act as its officer sends it: CLI arguments, or the web act form (read first when it carries a version)."""
    if channel == "web":
        fields = flat({**act.data, "_on": ON})
        return WebAct(act.officer, f"/perkara/{number}/aksi/{act.trigger}", fields, version is not None,
                      sessions[act.officer])
    seen = ["--expected-version", str(version)] if version is not None else []
    return ["apply", act.trigger, "--case", number, "--by", act.officer, "--on", ON, "--data-json",
            json.dumps(act.data), *seen, "--no-render"]


def settle(number: str, start: str, acts, channels, results, mode: str) -> tuple[int, str]:
    """Check one pair: one winner, one clean refusal of the kind its mode gives, naming the winner's act."""
    assert not any(r.crash for r in results), results
    assert sum(r.code == 0 for r in results) == 1, results
    won = [r.code for r in results].index(0)
    act, loser = acts[won], results[1 - won]
    if channels[won] == "cli":
        assert results[won].stdout.splitlines()[0] == f"{number}: {start} -> {act.row.target.value} ({act.trigger})"
    else:
        assert results[won].stdout == f"/perkara/{number}"
    kind = (cli_refusal if channels[1 - won] == "cli" else web_refusal)(loser, act)
    assert kind == ("conflict" if mode == "form" else "not allowed"), (mode, loser)
    return won, f"{kind} ({channels[1 - won]})"


def cli_refusal(loser: Result, winner: Act) -> str:
    """One `error:` line on stderr, exit 2, nothing on stdout, naming who acted and how."""
    lines = loser.stderr.splitlines()
    assert loser.code == 2 and loser.stdout == "" and len(lines) == 1 and lines[0].startswith("error: "), loser
    assert f" by {winner.officer} ({winner.trigger} at " in lines[0], lines[0]
    if "was changed meanwhile by" in lines[0]:
        return "conflict"
    assert f"is not allowed in state {winner.row.target.value}; " in lines[0], lines[0]
    return "not allowed"


def web_refusal(loser: Result, winner: Act) -> str:
    """The page's one message in Indonesian, naming who acted and the act's own words: 409 for a stale form, 403
    (the act no longer offered) or 422 (refused by the door) for an act no longer allowed."""
    by = f"oleh {winner.officer} ({winner.row.description}, "
    assert loser.stderr.count("\n") == 0 and by in loser.stderr and "muat ulang halaman perkara" in loser.stderr, loser
    if loser.code == 409:
        assert loser.stderr.startswith(f"Perkara ini baru saja diubah {by}"), loser
        return "conflict"
    label = STATE_LABELS[State(winner.row.target.value)]
    assert loser.code in (403, 422) and f"untuk perkara dalam tahap {label}. Perkara ini terakhir diubah {by}" \
        in loser.stderr, loser
    return "not allowed"


def test_two_real_cli_processes_released_together(seeded, tmp_path):
    """Four real `wasnaker apply` processes, two pairs on two cases (a plain and a form pair), queued behind held
    locks and released together: the same outcome as the in-process racers."""
    engine = seeded
    env = {k: v for k, v in os.environ.items() if k not in EMBEDDED_OFF} | cli_env(engine, tmp_path)
    pairs = [(PAIRS["nota"], "plain"), (PAIRS["compliance_vs_nota"], "form")]
    cases, before = prepare(engine, [p.start for p, _ in pairs]), snapshot(engine)
    commands = [[WASNAKER, *job("cli", a, number, version if mode == "form" else None)]
                for (pair, mode), (number, version) in zip(pairs, cases) for a in pair.acts]
    results = race_processes(engine, [n for n, _ in cases], commands, env)
    winners, tally = {}, Counter()
    for k, ((pair, mode), (number, _)) in enumerate(zip(pairs, cases)):
        won, what = settle(number, pair.start, pair.acts, ("cli", "cli"), results[2 * k:2 * k + 2], mode)
        winners[number] = [(pair.acts[won], "cli")]
        tally.update([f"won {pair.acts[won].trigger}", f"refused: {what}"])
    assert_only_winners_written(engine, before, winners)
    print(f"\n{engine.dialect.name} real processes: {dict(sorted(tally.items()))}")


def race_processes(engine, numbers: list[str], commands: list[list[str]], env: dict) -> list[Result]:
    procs = []
    try:
        with held(engine, numbers):
            procs += [subprocess.Popen(c, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                      for c in commands]
            wait_until_blocked(procs)
        outputs = [p.communicate(timeout=120) for p in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()  # only on failure: a process that never got past the lock
    return [Result(p.returncode, out, err) for p, (out, err) in zip(procs, outputs)]
