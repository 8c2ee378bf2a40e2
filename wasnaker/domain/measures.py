"""What the coordinators' figures count, as tables read by the services and every face that shows them: the rungs
of the enforcement funnel (the triggers that put a case on each rung), the compliance outcomes measured
against them, and the lead times between two acts. Labels are those of the lifecycle's states.

Period rule (every figure): an event counts in the period its `on_date` (the day the act happened, in the
office's time zone) falls in, both ends included. A case whose Nota I is dated 31 March and whose compliance is
dated 2 April is on the Nota I rung of March, not April's."""

from dataclasses import dataclass

from wasnaker.domain.vocabulary import STATE_LABELS
from wasnaker.domain.vocabulary import State as S


@dataclass(frozen=True)
class Rung:
    """A rung of the funnel: the distinct cases with one of `triggers` in the period. `base` is the rung its
    conversion rate is measured against: the rung before it, except where the ladder branches — a sanction
    recommendation and an incident report are both escalations of Nota II, tipiring comes from the incident
    report, and P-21, SP3 and RJ are the outcomes of an investigation. A rate can pass 100 % (an incident
    report straight from an inspection on a serious ground has no Nota II)."""

    key: str
    label: str
    triggers: tuple[str, ...]
    base: str | None


FUNNEL: tuple[Rung, ...] = (
    Rung("inspection", STATE_LABELS[S.inspecting], ("record_inspection",), None),
    Rung("nota_1", STATE_LABELS[S.nota_1], ("issue_nota_1",), "inspection"),
    Rung("nota_2", STATE_LABELS[S.nota_2], ("issue_nota_2",), "nota_1"),
    Rung("sanction_recommendation", STATE_LABELS[S.sanction_recommended],
         ("recommend_sanction", "send_sanction_recommendation"), "nota_2"),
    Rung("incident_report", STATE_LABELS[S.incident_report], ("report_incident",), "nota_2"),
    Rung("investigation", STATE_LABELS[S.investigation], ("start_investigation",), "incident_report"),
    Rung("p21", STATE_LABELS[S.file_complete], ("receive_p21", "deem_file_complete"), "investigation"),
    Rung("tipiring", STATE_LABELS[S.tipiring], ("open_tipiring",), "incident_report"),
    Rung("sp3", STATE_LABELS[S.investigation_terminated], ("terminate_investigation", "record_rj_fulfilment"),
         "investigation"),
    Rung("restorative_justice", STATE_LABELS[S.restorative_justice], ("start_restorative_justice",),
         "investigation"),
)
RUNGS: dict[str, Rung] = {r.key: r for r in FUNNEL}


@dataclass(frozen=True)
class Outcome:
    """Of the cases on rung `of` in the period, those that complied while that Nota was the case's state (at
    any date after it: the outcome of the period's Notas as known now)."""

    key: str
    label: str
    of: str
    trigger: str
    from_state: S


COMPLIANCE: tuple[Outcome, ...] = (
    Outcome("complied_after_nota_1", "Dipatuhi setelah Nota Pemeriksaan I", "nota_1", "record_compliance", S.nota_1),
    Outcome("complied_after_nota_2", "Dipatuhi setelah Nota Pemeriksaan II", "nota_2", "record_compliance",
            S.nota_2),
)
OUTCOMES: dict[str, Outcome] = {o.key: o for o in COMPLIANCE}


@dataclass(frozen=True)
class LeadTime:
    """Days from a case's first `start` act to its first `end` act on or after it; it counts in the period of
    the end act."""

    key: str
    label: str
    start: tuple[str, ...]
    end: tuple[str, ...]


LEAD_TIMES: tuple[LeadTime, ...] = (
    LeadTime("complaint_to_inspection", "Pengaduan sampai pemeriksaan pertama", ("file_complaint",),
             ("record_inspection",)),
    LeadTime("sprindik_to_p21", "Sprindik sampai P-21", ("start_investigation",),
             ("receive_p21", "deem_file_complete")),
)
LEAD: dict[str, LeadTime] = {t.key: t for t in LEAD_TIMES}

# Workload: the acts that are an inspection on the ground (the first one and each re-check, both under an SPT).
INSPECTION_TRIGGERS = ("record_inspection", "record_recheck")

# The office's own procedural deadlines in an investigation (the company's deadlines are its compliance, measured
# by the funnel): a performance index counts how many of them were kept.
OFFICE_DEADLINES = ("spdp_delivery", "p19_completion", "tipiring_to_court", "sp3_notification")

# An investigation is concluded when its file is complete (P-21) or it is terminated (SP3, restorative justice).
CONCLUSIONS = RUNGS["p21"].triggers + RUNGS["sp3"].triggers


@dataclass(frozen=True)
class Tally:
    """A column of the PPNS record: the distinct cases of a PPNS with one of `triggers` in the period."""

    key: str
    label: str
    triggers: tuple[str, ...]


PPNS_RECORD: tuple[Tally, ...] = (
    Tally("investigations", "Penyidikan dimulai (Sprindik)", RUNGS["investigation"].triggers),
    Tally("p21", "Berkas lengkap (P-21)", RUNGS["p21"].triggers),
    Tally("tipiring", "Tipiring selesai disidik (BAP)", RUNGS["tipiring"].triggers),
    Tally("sp3", "Penyidikan dihentikan (SP3)", ("terminate_investigation",)),
    Tally("restorative_justice", "Keadilan restoratif terpenuhi", ("record_rj_fulfilment",)),
)
TALLIES: dict[str, Tally] = {t.key: t for t in PPNS_RECORD}
