"""The lifecycle table printed as Markdown, Mermaid or JSON (README, CLI, web UI all use these)."""

import json

from wasnaker.domain.lifecycle import TRANSITIONS, Transition
from wasnaker.domain.vocabulary import CLOSE_REASON_LABELS, STATE_LABELS, TERMINAL_STATES, State


def _source(t: Transition) -> str:
    return t.source.value if t.source else "(new case)"


def _target(t: Transition) -> str:
    return f"{t.target.value}/{t.close_reason.value}" if t.close_reason else t.target.value


def _row_dict(t: Transition) -> dict:
    return {
        "source": t.source.value if t.source else None,
        "trigger": t.trigger,
        "target": t.target.value,
        "close_reason": t.close_reason.value if t.close_reason else None,
        "stage": t.stage.value,
        "roles": sorted(r.value for r in t.roles),
        "guard": t.guard.name if t.guard else None,
        "guard_description": t.guard.description if t.guard else None,
        "data": sorted(t.payload.model_fields),
        "required_data": sorted(k for k, f in t.payload.model_fields.items() if f.is_required()),
        "schema": t.payload.model_json_schema(),  # each field's type, format (date), allowed values, limits
        "opens_timers": [o.kind.value for o in t.opens],
        "closes_timers": [k.value for k in t.closes],
        "documents": [d.value for d in t.documents],
        "basis": t.basis,
        "description": t.description,
    }


def to_json() -> str:
    states = [
        {"code": s.value, "label": STATE_LABELS[s], "terminal": s in TERMINAL_STATES} for s in State
    ]
    reasons = {r.value: label for r, label in CLOSE_REASON_LABELS.items()}
    body = {"states": states, "close_reasons": reasons, "transitions": [_row_dict(t) for t in TRANSITIONS]}
    return json.dumps(body, indent=2, ensure_ascii=False)


def to_markdown() -> str:
    head = "| From | Trigger | To | Roles | Guard | Timers opened / closed | Documents | Basis |\n"
    head += "|---|---|---|---|---|---|---|---|\n"
    return head + "\n".join(_md_row(t) for t in TRANSITIONS) + "\n"


def _md_row(t: Transition) -> str:
    timers = ", ".join([f"+{o.kind.value}" for o in t.opens] + [f"-{k.value}" for k in t.closes])
    cells = [
        f"`{_source(t)}`", f"`{t.trigger}`", f"`{_target(t)}`", ", ".join(sorted(r.value for r in t.roles)),
        t.guard.description if t.guard else "", timers, ", ".join(d.value for d in t.documents), t.basis,
    ]
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def to_mermaid() -> str:
    lines = ["stateDiagram-v2"]
    seen: set[tuple[str, str, str]] = set()
    for t in TRANSITIONS:
        if not t.moves:
            continue
        src = "[*]" if t.source is None else t.source.value
        edge = (src, t.target.value, t.trigger)
        if edge not in seen:
            seen.add(edge)
            lines.append(f"  {src} --> {t.target.value} : {t.trigger}")
    lines.append("  closed --> [*]")
    return "\n".join(lines) + "\n"


RENDERERS = {"md": to_markdown, "mermaid": to_mermaid, "json": to_json}
