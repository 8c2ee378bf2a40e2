"""Run names coordinators can scan in the Prefect UI."""

from datetime import datetime


def at_moment() -> str:
    """`deliver-notices 2026-11-24 00:05 UTC`: the moment the run is about (its `as_of`, else its schedule)."""
    from prefect.runtime import flow_run

    moment = flow_run.parameters.get("as_of") or flow_run.scheduled_start_time
    if isinstance(moment, str):  # parameters of a deployment run arrive as JSON
        moment = datetime.fromisoformat(moment)
    return f"{flow_run.flow_name} {moment:%Y-%m-%d %H:%M %Z}".rstrip()
