"""The demo's data recorded through the application layer, no Prefect needed: what `wasnaker up --demo` loads."""

from collections.abc import Callable
from datetime import date

from wasnaker import clock
from wasnaker.application import acts, documents, reference, sweep
from wasnaker.demo.story import COMPANIES, STORY, live_cases

# act(case_number or None, trigger, actor, day, data) -> case_number; sweep(day) moves time to `day`
Act = Callable[[str | None, str, str, date, dict], str]
Sweep = Callable[[date], object]


def play(steps: list[tuple], act: Act, sweep_on: Sweep) -> str | None:
    """One case of the story, step by step; a "timers" step is the sweep as of that day. Its case number."""
    number = None
    for trigger, actor, on, data in steps:
        day = date.fromisoformat(on)
        if trigger == "timers":
            sweep_on(day)
        else:
            number = act(number, trigger, actor, day, data)
    return number


def add_companies(rt) -> None:
    for company in COMPANIES:
        reference.add_company(rt, **company)


def load_demo_data(rt, today: date) -> list[str]:
    """The story and today's live cases (dated from `today`), acts recorded with their deadline runs; the documents
    rendered at the end, in one go. The case numbers."""
    def act(number, trigger, actor, day, data):
        return acts.record(rt, trigger=trigger, actor=actor, on=day, now=clock.now(), case_number=number,
                           data=data)["case_number"]

    def sweep_on(day):
        return sweep.sweep(rt, clock.start_of_day(day, rt.settings.timezone))

    add_companies(rt)
    numbers = [play(steps, act, sweep_on) for steps in [*STORY.values(), *live_cases(today)]]
    documents.render_pending(rt, clock.now())
    return numbers
