"""The tamper-evident audit trail: each case's events and the seals of its issued PDFs form one hash chain.

A link's hash is the sha256 of the canonical JSON (sorted keys, no spaces, ISO dates, UTC datetimes) of its content
plus `prev`, the hash of the link before it in its case (GENESIS for the first). Events are links; an issued PDF
cannot go into the hash of the event that reserved its number (written before the PDF existed), so rendering it
appends a *seal* (document number, kind, sha256), chained like an event: the PDF and its `document.sha256`
changed together then disagree with the seal, and a seal rewritten to match breaks the link after it (or, for the
last link, the head hash printed on the case's chronology).

The order of a case's chain: events by id, each followed by the seals written while it was the case's latest
event (by seal id). Verification walks that order and names the first link that does not hold: its `prev` is not
the hash before it (an event deleted; or reordered, when it names a link further on), its content no longer hashes
to its hash (edited), or a seal no longer matches its document (PDF or sha256 changed). Pure: no I/O.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

GENESIS = "0" * 64


def _utc(moment: datetime) -> str:
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)).isoformat()


def event_content(*, case: str, at: datetime, on_date: date, actor: str, role: str, trigger: str,
                  from_state: str | None, to_state: str, data: dict, channel: str) -> dict:
    """What an event's hash covers (not its id: the order is covered by the chain itself)."""
    return {"case": case, "at": _utc(at), "on_date": on_date.isoformat(), "actor": actor, "role": role,
            "trigger": trigger, "from_state": from_state, "to_state": to_state,
            "data": json.loads(json.dumps(data, default=str)), "channel": channel}


def seal_content(*, case: str, document: str, kind: str, sha256: str) -> dict:
    """What a document seal's hash covers: the issued PDF's sha256 under its number."""
    return {"case": case, "document": document, "kind": kind, "sha256": sha256}


def canonical(content: dict, prev: str) -> bytes:
    return json.dumps({**content, "prev": prev}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def link_hash(content: dict, prev: str) -> str:
    return hashlib.sha256(canonical(content, prev)).hexdigest()


@dataclass(frozen=True)
class Link:
    """One link of a case's chain as stored. `after`: the event id it follows (an event's own id). `observed`:
    for a seal, what the document says now ("document.sha256", "file"), each to equal the sealed sha256."""

    kind: str  # "event" or "seal"
    id: int
    label: str  # the event's trigger, the seal's document number
    after: int
    content: dict
    prev_hash: str | None
    hash: str | None
    observed: dict = field(default_factory=dict)


def ordered(links: list[Link]) -> list[Link]:
    return sorted(links, key=lambda link: (link.after, link.kind == "seal", link.id))


def compute(links: list[Link]) -> list[tuple[Link, str, str]]:
    """(link, prev_hash, hash) for links not chained yet (a migration computing an existing database's chain)."""
    out, head = [], GENESIS
    for link in ordered(links):
        digest = link_hash(link.content, head)
        out.append((link, head, digest))
        head = digest
    return out


@dataclass(frozen=True)
class Break:
    kind: str
    id: int
    label: str
    what: str


def _broken(link: Link, head: str, later: list[Link]) -> str | None:
    if link.prev_hash != head:
        return ("reordered: its prev_hash is the hash of a link further on"
                if link.prev_hash in {other.hash for other in later}
                else "prev_hash does not match the link before it: a link before it was deleted or replaced")
    if link_hash(link.content, link.prev_hash) != link.hash:
        return "content edited: it no longer hashes to its stored hash"
    changed = [name for name, value in link.observed.items() if value != link.content.get("sha256")]
    return f"document changed: {' and '.join(changed)} no longer match its seal" if changed else None


def first_break(links: list[Link]) -> Break | None:
    """The first link of one case's chain that does not hold, or None when the chain is intact."""
    chain = ordered(links)
    head = GENESIS
    for i, link in enumerate(chain):
        if what := _broken(link, head, chain[i + 1:]):
            return Break(link.kind, link.id, link.label, what)
        head = link.hash
    return None


def head_hash(links: list[Link]) -> str:
    chain = ordered(links)
    return chain[-1].hash if chain else GENESIS
