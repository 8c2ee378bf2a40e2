"""The data each trigger needs, validated before anything is written. Pure pydantic shapes."""

from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wasnaker.domain.notices import ServiceMethod


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    # date fields that may lie in the future (appointments, agreed due dates); every other date may not.
    future_ok: ClassVar[frozenset[str]] = frozenset()

    def past_dates(self) -> dict[str, date]:
        return {k: v for k, v in self.__dict__.items() if isinstance(v, date) and k not in self.future_ok}


class NoData(Payload):
    pass


class Note(Payload):
    note: str | None = None


class Reasoned(Payload):
    reason: str = Field(min_length=3)


class FileComplaint(Payload):
    company_nib: str
    complainant_name: str = Field(min_length=2)
    complainant_contact: str = ""
    channel: str = "walk-in"
    summary: str = Field(min_length=5)
    norms: list[str] = []
    evidence: list[str] = []
    complainant_consents: bool = False  # may the complainant's identity appear in letters to the company


class PlanReason(StrEnum):
    work_plan = "work_plan"
    norma100_red = "norma100_red"
    accident = "accident"
    superior_order = "superior_order"


class PlanInspection(Payload):
    company_nib: str
    reason: PlanReason = PlanReason.work_plan
    note: str | None = None


class AssignInspectors(Payload):
    inspectors: list[str] = Field(min_length=1)


class SignSpt(Payload):
    future_ok: ClassVar[frozenset[str]] = frozenset({"period_start", "period_end"})
    period_start: date
    period_end: date
    purpose: str = "melakukan pemeriksaan norma ketenagakerjaan"

    @model_validator(mode="after")
    def _period(self):
        if self.period_end < self.period_start:
            raise ValueError(f"period_end {self.period_end} is before period_start {self.period_start}")
        return self


class WorkerItem(Payload):
    """One right of one worker and the basis of its computation: what was due for the period, what was paid, and
    the shortfall (amount = due − paid). An item recorded with its amount alone is accepted on a finding, but a
    Penetapan refuses it: the determination must show its computation."""

    label: str = Field(min_length=3, description="the right, e.g. 'Upah', 'Upah kerja lembur'")
    period: str | None = Field(None, min_length=4, description="e.g. 'Desember 2025', 'Januari-Februari 2026'")
    due: int | None = Field(None, gt=0, description="what was due for the period (rupiah)")
    paid: int | None = Field(None, ge=0, description="what was paid for it (rupiah)")
    amount: int | None = Field(None, ge=0, description="the shortfall; computed as due − paid when they are given")

    @model_validator(mode="before")
    @classmethod
    def _shortfall(cls, data):
        if isinstance(data, dict) and data.get("amount") is None and None not in (data.get("due"), data.get("paid")):
            return {**data, "amount": data["due"] - data["paid"]}
        return data

    @model_validator(mode="after")
    def _consistent(self):
        if (self.due is None) != (self.paid is None):
            raise ValueError(f"{self.label}: give both due and paid (the shortfall is due − paid)")
        if self.due is not None:
            if self.paid >= self.due:
                raise ValueError(f"{self.label}: paid {self.paid} is not less than due {self.due}: nothing is owed")
            if self.amount != self.due - self.paid:
                raise ValueError(f"{self.label}: amount {self.amount} is not due − paid = {self.due - self.paid}")
        elif self.amount is None:
            raise ValueError(f"{self.label}: give due and paid (or the amount)")
        return self


BASIS_FIELDS = ("period", "due", "paid")


def missing_basis(workers: list[dict]) -> list[str]:
    """Each worker's item that lacks the basis of its computation, with what it lacks."""
    return [f"{w['name']}, {i['label']}: {', '.join(k for k in BASIS_FIELDS if i.get(k) is None)}"
            for w in workers for i in w["items"] if any(i.get(k) is None for k in BASIS_FIELDS)]


class WorkerAmount(Payload):
    name: str = Field(min_length=2)
    position: str = ""
    items: list[WorkerItem] = Field(min_length=1)

    @property
    def total(self) -> int:
        return sum(i.amount for i in self.items)


class RecordFinding(Payload):
    norm: str = Field(min_length=2)
    article: str = Field(min_length=3)
    facts: str = Field(min_length=3)
    order: str = Field(min_length=3)
    workers_affected: int = Field(ge=0, default=0)
    amount: int | None = Field(ge=0, default=None)
    workers: list[WorkerAmount] = []

    @model_validator(mode="after")
    def _workers_add_up(self):
        """The workers listed are among those affected, and their shortfalls make the finding's amount."""
        if not self.workers:
            return self
        if len(self.workers) > self.workers_affected:
            raise ValueError(f"{len(self.workers)} workers listed but workers_affected is {self.workers_affected}")
        total = sum(w.total for w in self.workers)
        if self.amount is not None and self.amount != total:
            raise ValueError(f"amount {self.amount} is not the total of the workers' shortfalls ({total})")
        return self

    @property
    def total(self) -> int | None:
        """The finding's amount: as given, else the total of the workers' shortfalls."""
        return self.amount if self.amount is not None or not self.workers else sum(w.total for w in self.workers)


class RecordInspection(Payload):
    inspection_date: date
    place: str = ""
    recommendation: str = ""


class IssueNota(Payload):
    deadline_days: int | None = Field(default=None, ge=1)
    received_on: date | None = None


class RecordReceipt(Payload):
    received_on: date
    method: ServiceMethod = ServiceMethod.hand
    reason: str | None = None
    letter: str | None = None  # the number of the letter received; default: every letter awaiting its receipt


class RecordRecheck(Payload):
    complied: list[int] = []
    partly: list[int] = []
    note: str | None = None


class IssuePenetapan(Payload):
    received_on: date | None = None


class RecordRedetermination(Payload):
    finding_no: int
    workers: list[WorkerAmount] = Field(min_length=1)
    received_on: date | None = None


class RecommendSanction(Payload):
    licensing_official: str = Field(min_length=3)
    recommended_sanction: str = "teguran tertulis"


class RecordSanctionDecision(Payload):
    decision_number: str
    sanction: str
    official: str = ""


class IncidentGround(StrEnum):
    worst_forms_child_labour = "worst_forms_child_labour"
    obstruction = "obstruction"
    fatal_accident = "fatal_accident"
    repeat_offence = "repeat_offence"
    warnings_ignored = "warnings_ignored"


class ReportIncident(Payload):
    ground: IncidentGround | None = None
    description: str = Field(min_length=5)
    suspect_name: str = Field(min_length=2)
    suspect_capacity: str = ""
    suspect_address: str = ""
    articles: list[str] = Field(min_length=1)
    evidence: list[str] = []


class StartInvestigation(Payload):
    investigators: list[str] = Field(min_length=1)


class Recipients(Payload):
    recipients: list[str] = []


class PersonStatus(StrEnum):
    saksi = "saksi"
    tersangka = "tersangka"
    ahli = "ahli"


class Summon(Payload):
    future_ok: ClassVar[frozenset[str]] = frozenset({"appointment_date"})
    name: str = Field(min_length=2)
    status: PersonStatus
    address: str = ""
    appointment_date: date
    appointment_time: str = "09.00 WIB"
    place: str = ""
    reason: str = ""


class RecordBap(Payload):
    name: str = Field(min_length=2)
    status: PersonStatus


class RecordSeizure(Payload):
    items: list[str] = Field(min_length=1)
    court_permit: str | None = None


class SubmitFile(Payload):
    prosecutor_office: str = Field(min_length=3)
    via: str = Field(min_length=3)
    file_contents: list[str] = Field(min_length=1)
    received_on: date | None = None


class ReceiveP19(Payload):
    p19_number: str
    instructions: str = Field(min_length=3)
    received_on: date | None = None


class ReceiveP21(Payload):
    p21_number: str


class ResubmitFile(Payload):
    file_contents: list[str] = []
    received_on: date | None = None


class HandOver(Payload):
    place: str = Field(min_length=3)
    evidence: list[str] = []
    prosecutor_name: str = Field(min_length=3)
    prosecutor_nip: str = ""


class Sp3Ground(StrEnum):
    insufficient_evidence = "insufficient_evidence"
    not_a_crime = "not_a_crime"
    by_operation_of_law = "by_operation_of_law"
    max_fine_paid = "max_fine_paid"
    restorative_justice = "restorative_justice"


SP3_GROUND_LABELS: dict[Sp3Ground, str] = {
    Sp3Ground.insufficient_evidence: "Tidak terdapat cukup bukti",
    Sp3Ground.not_a_crime: "Peristiwa tersebut ternyata bukan merupakan tindak pidana",
    Sp3Ground.by_operation_of_law: "Penyidikan dihentikan demi hukum",
    Sp3Ground.max_fine_paid: "Tersangka telah membayar denda maksimum",
    Sp3Ground.restorative_justice: "Telah tercapai penyelesaian melalui keadilan restoratif",
}


class Terminate(Payload):
    ground: Sp3Ground
    detail: str = Field(min_length=3)


class Obligation(Payload):
    future_ok: ClassVar[frozenset[str]] = frozenset({"due_date"})
    description: str = Field(min_length=3)
    amount: int | None = Field(default=None, ge=0)
    due_date: date


class StartRestorativeJustice(Payload):
    parties: list[str] = Field(min_length=2)
    obligations: list[Obligation] = Field(min_length=1)
    complainant_agrees: bool
    fulfilment_days: int | None = Field(default=None, ge=1)


class OpenTipiring(Payload):
    bap_date: date
    court: str = Field(min_length=3)
    witnesses: list[str] = []
    evidence: list[str] = []


class RecordCourtVerdict(Payload):
    verdict_number: str
    verdict: str = Field(min_length=3)
    fine: int | None = Field(default=None, ge=0)


class RecordPayment(Payload):
    amount: int | None = Field(default=None, ge=0)
    note: str | None = None
