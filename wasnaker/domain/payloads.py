"""The data each trigger needs, validated before anything is written. Pure pydantic shapes."""

from datetime import date
from enum import Enum, StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from wasnaker.domain import validation
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.notices import ServiceMethod


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    # date fields that may lie in the future (appointments, agreed due dates); every other date may not.
    future_ok: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*")
    @classmethod
    def _typed_text(cls, value, info: ValidationInfo):
        """Every text of the data holds no control character and fits its length (validation.text); every date
        lies in the years wasnaker counts in."""
        return _checked(value, info.field_name)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        """The schema a front end reads states the limits the check above applies (maxLength, maximum)."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        for name, prop in schema.get("properties", {}).items():
            for option in [*prop.get("anyOf", [prop]), *(o.get("items", {}) for o in prop.get("anyOf", [prop]))]:
                _limit(option, name)
        return schema

    def past_dates(self, prefix: str = "") -> dict[str, date]:
        """Every date of the data that must not lie in the future, nested parts included ("offence.date")."""
        out: dict[str, date] = {}
        for k, v in self.__dict__.items():
            if k in self.future_ok:
                continue
            for item in v if isinstance(v, list) else [v]:
                if isinstance(item, date):
                    out[prefix + k] = item
                elif isinstance(item, Payload):
                    out.update(item.past_dates(f"{prefix}{k}."))
        return out


# free text that may run over several lines (5,000 characters); every other text is a single line (300)
LONG_TEXT = frozenset({"summary", "facts", "order", "account", "instructions", "detail", "statement", "note",
                       "reason", "recommendation", "authority", "verdict", "description", "purpose"})


def _limit(option: dict, field: str) -> None:
    if option.get("type") == "string" and not {"format", "enum", "$ref", "pattern"} & option.keys():
        option.setdefault("maxLength", validation.LONG_TEXT_MAX if field in LONG_TEXT else validation.SINGLE_LINE_MAX)
    elif option.get("type") == "integer":
        option.setdefault("maximum", validation.MAX_NUMBER)


def _checked(value, field: str):
    if isinstance(value, int) and not isinstance(value, bool):
        return _valid(lambda v: validation.number(v, field), value)
    if isinstance(value, list):
        return [_checked(item, field) for item in value]
    if isinstance(value, str) and not isinstance(value, Enum):  # a choice keeps its type: it is one of its values
        return _valid(lambda v: validation.text(v, field, multiline=field in LONG_TEXT), value)
    if isinstance(value, date):
        return _valid(lambda v: validation.calendar_date(v, field), value)
    return value


class NoData(Payload):
    pass


class Note(Payload):
    note: str | None = None


class Reasoned(Payload):
    reason: str = Field(min_length=3)


def _nib_as_typed(value: str) -> str:
    """An NIB of the right form (13 digits, dots and spaces allowed), kept as typed: the door looks it up."""
    _valid(validation.nib, value)
    return value


class FileComplaint(Payload):
    company_nib: str
    _company_nib = field_validator("company_nib")(_nib_as_typed)
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
    _company_nib = field_validator("company_nib")(_nib_as_typed)
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

    @field_validator("complied", "partly")
    @classmethod
    def _finding_numbers(cls, value: list[int]) -> list[int]:
        if any(n < 1 for n in value):
            raise ValueError("a finding's number is 1 or more")
        return value


class IssuePenetapan(Payload):
    received_on: date | None = None


class RecordRedetermination(Payload):
    finding_no: int = Field(ge=1)
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


INCIDENT_GROUND_LABELS: dict[IncidentGround, str] = {
    IncidentGround.worst_forms_child_labour: "bentuk-bentuk pekerjaan terburuk untuk anak",
    IncidentGround.obstruction: "menghalang-halangi atau mengganggu tugas Pengawas Ketenagakerjaan",
    IncidentGround.fatal_accident: "kecelakaan kerja yang mengakibatkan kematian",
    IncidentGround.repeat_offence: "pengulangan pelanggaran",
    IncidentGround.warnings_ignored: "Nota Pemeriksaan tidak dipenuhi",
}


def _single_line(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("must not be empty")
    return value


class Sex(StrEnum):
    male = "laki-laki"
    female = "perempuan"


class Identity(Payload):
    """A natural person as criminal files identify one (KTP data)."""

    name: str = Field(min_length=2)
    sex: Sex
    birth_place: str = Field(min_length=2)
    birth_date: date
    nationality: str = Field("Indonesia", min_length=3)
    occupation: str = Field(min_length=2)
    address: str = Field(min_length=5)
    nik: str

    @field_validator("name", "birth_place", "nationality", "occupation", "address")
    @classmethod
    def _line(cls, value: str) -> str:
        return _single_line(value)

    @field_validator("nik")
    @classmethod
    def _nik(cls, value: str) -> str:
        return _valid(validation.nik, value)


def _valid(check, value: str) -> str:
    try:
        return check(value)
    except InvalidData as exc:
        raise ValueError(str(exc)) from None


class Corporation(Payload):
    """A corporate suspect and the pengurus who answers for it."""

    name: str = Field(min_length=3)
    nib: str
    address: str = Field(min_length=5)
    pengurus: Identity
    pengurus_position: str = Field(min_length=3, description="e.g. Direktur Utama")

    @field_validator("nib")
    @classmethod
    def _nib(cls, value: str) -> str:
        return _valid(validation.nib, value)


class Suspect(Payload):
    """Exactly one of a natural person or a corporation."""

    person: Identity | None = None
    corporation: Corporation | None = None

    @model_validator(mode="after")
    def _one(self):
        if (self.person is None) == (self.corporation is None):
            raise ValueError("give the suspect as either a person or a corporation")
        return self


class Statement(Payload):
    """A witness and, in one line, what they can state."""

    person: Identity
    statement: str = Field(min_length=10)

    @field_validator("statement")
    @classmethod
    def _line(cls, value: str) -> str:
        return _single_line(value)


class ExpertStatement(Statement):
    expertise: str = Field(min_length=3, description="e.g. ahli hukum ketenagakerjaan, Kementerian Ketenagakerjaan")


class Offence(Payload):
    """When and where the offence happened (not the report's date)."""

    date: date
    time: str | None = Field(None, pattern=r"^([01]\d|2[0-3])[.:][0-5]\d$", description="HH.MM, when known")
    place: str = Field(min_length=5)
    district: str = Field(min_length=5, description="kabupaten/kota, e.g. Kabupaten Bandung: decides the "
                                                    "Kejaksaan Negeri")


class Reference(Payload):
    """A letter of an earlier case (a repeat offence cites what was ordered before)."""

    title: str = Field(min_length=5, description="e.g. Nota Pemeriksaan I")
    number: str = Field(min_length=5)
    date: date


class ReportIncident(Payload):
    ground: IncidentGround | None = None
    earlier: Reference | None = Field(None, description="a repeat offence: the earlier case's letter")
    account: str = Field(min_length=20, description="a short account of what happened")
    offence: Offence
    suspect: Suspect
    articles: list[str] = Field(min_length=1)
    witnesses: list[Statement] = Field(min_length=1)
    experts: list[ExpertStatement] = []
    evidence: list[str] = Field(min_length=1)
    victim: Identity | None = Field(None, description="the victim, when the case has no complainant")

    @field_validator("account")
    @classmethod
    def _account(cls, value: str) -> str:
        return _single_line(value)

    @model_validator(mode="after")
    def _repeat(self):
        if self.ground == IncidentGround.repeat_offence and self.earlier is None:
            raise ValueError("a repeat offence cites the earlier case's letter (earlier: title, number, date)")
        return self


class StartInvestigation(Payload):
    investigators: list[str] = Field(min_length=1)


class PersonStatus(StrEnum):
    saksi = "saksi"
    tersangka = "tersangka"
    ahli = "ahli"


PERSON_STATUS_LABELS = {PersonStatus.saksi: "Saksi", PersonStatus.tersangka: "Tersangka", PersonStatus.ahli: "Ahli"}
_CLOCK = r"^([01]\d|2[0-3])[.:][0-5]\d$"


class Summon(Payload):
    """A summons: a witness or expert with their identity; the suspect is the one the Laporan Kejadian names
    (the pengurus, for a corporation)."""

    future_ok: ClassVar[frozenset[str]] = frozenset({"appointment_date"})
    status: PersonStatus
    person: Identity | None = None
    expertise: str | None = Field(None, min_length=3)
    appointment_date: date
    appointment_time: str = Field("09.00", pattern=_CLOCK, description="HH.MM, office time")
    place: str | None = Field(None, min_length=5, description="default: the office's address")

    @model_validator(mode="after")
    def _who(self):
        if self.status != PersonStatus.tersangka and self.person is None:
            raise ValueError(f"a summons of a {self.status.value} needs the person's identity (person)")
        if self.status == PersonStatus.ahli and not self.expertise:
            raise ValueError("a summons of an expert needs the expertise")
        return self


class RecordBap(Payload):
    name: str = Field(min_length=2)
    status: PersonStatus


class RecordSeizure(Payload):
    items: list[str] = Field(min_length=1)
    court_permit: str | None = None


class SubmitFile(Payload):
    """The prosecutor's office and the Korwas come from the office configuration (and the offence's district)."""

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
    detail: str = Field(min_length=10, description="the investigator's account of the ground (printed as such)")

    @field_validator("detail")
    @classmethod
    def _line(cls, value: str) -> str:
        return _single_line(value)


class Obligation(Payload):
    future_ok: ClassVar[frozenset[str]] = frozenset({"due_date"})
    description: str = Field(min_length=3)
    amount: int | None = Field(default=None, ge=0)
    method: str = Field(min_length=3, description="e.g. transfer ke rekening masing-masing pekerja/buruh")
    due_date: date


class Representative(Payload):
    """Who signs for a party, and by what authority (deed, power of attorney, union mandate)."""

    person: Identity
    capacity: str = Field(min_length=3, description="e.g. Direktur Utama PT …; Ketua PUK SP …")
    authority: str = Field(min_length=10, description="e.g. berdasarkan Akta Pendirian Nomor 12 tanggal …")


class WorkerShare(Payload):
    name: str = Field(min_length=2)
    amount: int = Field(ge=0)


class StartRestorativeJustice(Payload):
    place: str = Field(min_length=3, description="where the agreement is signed")
    employer: Representative
    workers: Representative
    schedule: list[WorkerShare] = Field(min_length=1, description="each worker and the amount due to them")
    obligations: list[Obligation] = Field(min_length=1)
    complainant_agrees: bool
    fulfilment_days: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _sums(self):
        owed, promised = sum(w.amount for w in self.schedule), sum(o.amount or 0 for o in self.obligations)
        if promised < owed:
            raise ValueError(f"the obligations pay {promised} but the schedule of workers totals {owed}")
        return self


class OpenTipiring(Payload):
    """The witnesses brought to court are the Laporan Kejadian's (with their identities); evidence defaults to
    the Laporan Kejadian's too."""

    bap_date: date
    court: str = Field(min_length=3, description="e.g. Pengadilan Negeri Bale Bandung")
    evidence: list[str] = []


class RecordCourtVerdict(Payload):
    verdict_number: str
    verdict: str = Field(min_length=3)
    fine: int | None = Field(default=None, ge=0)


class RecordPayment(Payload):
    amount: int | None = Field(default=None, ge=0)
    note: str | None = None
