"""Helpers shared by the CLI commands: one-line errors, JSON output, dates, --data parsing."""

import json
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from functools import wraps
from typing import TypeVar

import typer

from wasnaker import clock
from wasnaker.domain import validation
from wasnaker.domain.errors import InvalidData, WasnakerError


def fail(message: str) -> None:
    typer.echo(f"error: {validation.visible(message, keep='')}", err=True)
    raise typer.Exit(2)


def guarded(fn: Callable) -> Callable:
    """Every input error becomes one clear line and exit code 2; the transaction has rolled back."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except WasnakerError as exc:
            fail(str(exc))

    return wrapper


def emit(value, as_json: bool, human: Callable[[object], str]) -> None:
    if as_json:
        json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        typer.echo(validation.visible(human(value)))  # data typed before the checks at entry acts on no terminal


E = TypeVar("E", bound=StrEnum)


def parse_choice(text: str | None, choices: type[E], option: str) -> E | None:
    """An option naming one value of a vocabulary enum (`--status running`); none given: None."""
    if text is None:
        return None
    try:
        return choices(text)
    except ValueError:
        fail(f"{option} {text!r}: one of {' | '.join(choices)}")


def warn(result: dict) -> None:
    """What the application recorded but could not finish (the Prefect server away): on stderr, after the result."""
    for warning in result.get("warnings", []):
        typer.echo(f"warning: {warning}", err=True)


def parse_date(text: str | None, tz: str) -> date:
    """`--on YYYY-MM-DD`; not given: today in the office time zone. Given empty (`--on ''`) is an error, not today."""
    if text is None:
        return clock.today(tz)
    try:
        return validation.calendar_date(date.fromisoformat(text.strip()))
    except ValueError:
        fail(f"malformed date {text!r}: use YYYY-MM-DD (a real day, e.g. 2026-02-28)")
    except InvalidData as exc:
        fail(str(exc))


def as_of_moment(as_of: str | None, tz: str):
    """`--as-of YYYY-MM-DD`: the start of that day in the office time zone; none given: now."""
    return clock.start_of_day(parse_date(as_of, tz), tz) if as_of is not None else clock.now()


def parse_data(pairs: list[str] | None, raw_json: str | None, text_fields: frozenset[str] = frozenset()) -> dict:
    """--data key=value and --data-json '{...}'. A value is read as JSON (numbers, lists, booleans, objects) unless
    the trigger's payload declares the field as text (`text_fields`: strings, dates, choices), which keeps it as
    typed: `-d company_nib=9120000000001` stays the NIB it is, not a number."""
    data: dict = {}
    if raw_json:
        try:
            loaded = json.loads(raw_json)
        except json.JSONDecodeError as exc:
            fail(f"--data-json is not valid JSON: {exc.msg}")
        if not isinstance(loaded, dict):
            fail("--data-json is one JSON object, {\"key\": value, …}")
        data.update(loaded)
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            fail(f"--data {pair!r}: use key=value")
        if key in text_fields:
            data[key] = value
            continue
        try:
            data[key] = json.loads(value)
        except json.JSONDecodeError:
            data[key] = value
    return data
