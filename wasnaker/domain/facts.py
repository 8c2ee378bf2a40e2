"""Plain-value snapshot of a case that guards and effect planning read (no ORM objects)."""

from dataclasses import dataclass, field
from datetime import date

from wasnaker.domain.calendar import LegalCalendar
from wasnaker.domain.policy import DEFAULT_POLICY, Policy
from wasnaker.domain.vocabulary import DocKind, DocStatus, FindingStatus, Regime, Role, State, TimerKind, TimerStatus


@dataclass(frozen=True)
class FindingFacts:
    no: int
    status: FindingStatus
    article: str
    order: str
    workers_affected: int
    has_worker_amounts: bool
    missing_basis: tuple[str, ...] = ()  # worker items lacking due/paid/period ("Siti Aminah, Upah: due, paid")


@dataclass(frozen=True)
class TimerFacts:
    kind: TimerKind
    status: TimerStatus
    due_date: date | None


@dataclass(frozen=True)
class DocFacts:
    kind: DocKind
    status: DocStatus
    on: date | None
    number: str | None


@dataclass(frozen=True)
class ActorFacts:
    username: str
    role: Role
    is_ppns: bool
    assigned: bool


@dataclass(frozen=True)
class CaseFacts:
    state: State | None
    on: date
    actor: ActorFacts
    regime: Regime = Regime.kuhap_2025
    findings: tuple[FindingFacts, ...] = ()
    timers: tuple[TimerFacts, ...] = ()
    documents: tuple[DocFacts, ...] = ()
    history: tuple[tuple[str, date], ...] = ()  # (trigger, act date), oldest first
    details: dict = field(default_factory=dict)
    office_ppns: frozenset[str] = frozenset()
    office_inspectors: frozenset[str] = frozenset()
    policy: Policy = DEFAULT_POLICY
    calendar: LegalCalendar | None = None  # the office's working days, for acts that must fall on one

    def open_findings(self) -> tuple[FindingFacts, ...]:
        return tuple(f for f in self.findings if f.status != FindingStatus.complied)

    def timer(self, kind: TimerKind) -> TimerFacts | None:
        found = [t for t in self.timers if t.kind == kind]
        return found[-1] if found else None

    def last(self, trigger: str) -> date | None:
        dates = [d for t, d in self.history if t == trigger]
        return dates[-1] if dates else None

    def happened_since(self, trigger: str, since_trigger: str) -> bool:
        """True when `trigger` was applied after the latest `since_trigger` (or ever, if that never happened)."""
        names = [t for t, _ in self.history]
        start = max((i for i, t in enumerate(names) if t == since_trigger), default=-1)
        return trigger in names[start + 1:]
