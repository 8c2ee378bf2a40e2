"""The README's generated sections (lifecycle table, diagram, timers), kept in sync by a test."""

import re
from pathlib import Path

from wasnaker.domain.lifecycle_render import to_markdown, to_mermaid
from wasnaker.domain.policy import DEFAULT_POLICY


def timers_markdown() -> str:
    rows = ["| Timer | Length | Starts | Rolls to a working day | On expiry | Basis |", "|---|---|---|---|---|---|"]
    for rule in DEFAULT_POLICY.timer_rules.values():
        length = f"{rule.length} {'hari' if rule.unit == 'days' else 'hari kerja'}"
        if rule.max_length:
            length += f" (max {rule.max_length})"
        expiry = f"`{rule.expiry.auto_trigger}` (system)" if rule.expiry.auto_trigger else rule.expiry.message
        rows.append(f"| `{rule.kind.value}` | {length} | {rule.starts} | {'yes' if rule.roll_forward else 'no'} "
                    f"| {expiry} | {rule.basis} |")
    return "\n".join(rows) + "\n"


SECTIONS = {
    "lifecycle-table": to_markdown,
    "lifecycle-diagram": lambda: f"```mermaid\n{to_mermaid()}```\n",
    "timers": timers_markdown,
}


def render(text: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m: m.group(1) + make() + m.group(2), text)
    return text


def update(path: Path) -> bool:
    """Rewrite the generated sections; True when the file changed."""
    old = path.read_text(encoding="utf-8")
    new = render(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old
