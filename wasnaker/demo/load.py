"""The demo's data recorded through the application layer, no Prefect needed: what `wasnaker up --demo` loads."""

from collections.abc import Callable
from datetime import date

from wasnaker import clock
from wasnaker.application import acts, documents, reference, sweep
from wasnaker.demo.story import COMPANIES, STORY, live_cases

# act(label, case_number or None, trigger, actor, day, data) -> case_number; sweep(day) moves time to `day`
Act = Callable[[str, str | None, str, str, date, dict], str]
Sweep = Callable[[date], object]


def play(stories: dict[str, list[tuple]], act: Act, sweep_on: Sweep) -> dict[str, str | None]:
    """Every case of the story with their steps in date order, as the office lived them (the letters of a series
    are numbered in date order): one case's steps keep their order, and on one day the cases take turns in the
    order given. A "timers" step is the sweep as of that day. The case numbers, by label."""
    numbers: dict[str, str | None] = dict.fromkeys(stories)
    steps = [(date.fromisoformat(step[2]), label, step) for label, case in stories.items() for step in case]
    for day, label, (trigger, actor, _on, data) in sorted(steps, key=lambda s: s[0]):
        if trigger == "timers":
            sweep_on(day)
        else:
            numbers[label] = act(label, numbers[label], trigger, actor, day, data)
    return numbers


def add_companies(rt) -> None:
    for company in COMPANIES:
        reference.add_company(rt, **company)


def load_demo_data(rt, today: date) -> list[str]:
    """The story and today's live cases (dated from `today`), acts recorded with their deadline runs; the documents
    rendered at the end, in one go. The case numbers."""
    def act(_label, number, trigger, actor, day, data):
        return acts.record(rt, trigger=trigger, actor=actor, on=day, now=clock.now(), case_number=number,
                           data=data)["case_number"]

    def sweep_on(day):
        return sweep.sweep(rt, clock.start_of_day(day, rt.settings.timezone))

    add_companies(rt)
    live = {f"live {i}": steps for i, steps in enumerate(live_cases(today), 1)}
    numbers = play({**STORY, **live}, act, sweep_on)
    documents.render_pending(rt, clock.now())
    return list(numbers.values())
