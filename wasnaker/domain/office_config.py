"""The office's own configuration (letterhead, closures, numbering, copy lists, signatories), as the office
edits it in a TOML file. Validated here with clear errors; pure (no database)."""

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from wasnaker.domain import validation
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.notices import Audience
from wasnaker.domain.numbering import format_number
from wasnaker.domain.policy import (
    DEFAULT_CONFIDENTIAL,
    DEFAULT_KIND_CODES,
    DEFAULT_NUMBER_PATTERN,
    DEFAULT_PPNS_PATTERNS,
    outside_copies,
)
from wasnaker.domain.vocabulary import DocKind, Role


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Letterhead(_Strict):
    code: str = Field(min_length=2, description="unit code used in letter numbers, e.g. UPTD-WIL.I")
    name: str = Field(min_length=5)
    parent: str = ""
    province: str = Field(min_length=3)
    city: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    timezone: str = "Asia/Jakarta"
    logo: str | None = Field(None, description="file name in the office's asset folder")
    closures: list[date] = []

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)")
        return value


def _sample(pattern: str, code: str = "K") -> str:
    try:
        return format_number(pattern, seq=1, unit="U", on=date(2026, 1, 1), classification="560",
                             confidential=False, code=code, ppns_unit="P")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"number pattern {pattern!r} is not valid: {exc}") from None


class Numbering(_Strict):
    classification: str = "560"
    pattern: str = DEFAULT_NUMBER_PATTERN
    patterns: dict[DocKind, str] = Field({}, description="a pattern of its own for some kinds")
    codes: dict[DocKind, str] = {}
    confidential: list[DocKind] | None = None

    @field_validator("pattern")
    @classmethod
    def _pattern(cls, value: str) -> str:
        if "{seq" not in value:
            raise ValueError("the number pattern must contain {seq...}")
        _sample(value)
        return value

    @model_validator(mode="after")
    def _distinct(self):
        """Sequences are per kind: two kinds must never be able to produce the same number."""
        seen: dict[str, DocKind] = {}
        for kind in DocKind:
            pattern = self.patterns.get(kind) or DEFAULT_PPNS_PATTERNS.get(kind, self.pattern)
            if "{seq" not in pattern:
                raise ValueError(f"the number pattern of {kind.value} must contain {{seq...}}")
            sample = _sample(pattern, self.codes.get(kind, DEFAULT_KIND_CODES[kind]))
            if sample in seen:
                raise ValueError(f"{seen[sample].value} and {kind.value} would get the same numbers ({sample})")
            seen[sample] = kind
        return self


class Signatory(_Strict):
    name: str = Field(min_length=3)
    nip: str
    rank: str = ""

    @field_validator("nip")
    @classmethod
    def _nip(cls, value: str) -> str:
        try:
            return validation.nip(value)
        except InvalidData as exc:
            raise ValueError(str(exc)) from None


class Contact(_Strict):
    """Where letters to an outside authority go: e-mail when there is one, otherwise by post or by hand."""

    name: str = Field(min_length=3)
    email: str = ""
    address: str = ""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        try:
            return validation.email(value) if value else value
        except InvalidData as exc:
            raise ValueError(str(exc)) from None


class Service(_Strict):
    """Serving letters (office policy)."""

    email_deemed_receipt_days: int = Field(3, ge=0, le=30, description="an unacknowledged e-mail counts as "
                                           "received this many days after sending; 0: never")
    reminder_working_days: int = Field(3, ge=1, le=10)
    digest_horizon_days: int = Field(7, ge=1, le=60)


class Criminal(_Strict):
    """The criminal track's outside parties and the PPNS register (office policy)."""

    ppns_unit: str | None = Field(None, min_length=2, description="unit in PPNS numbers; default PPNS-<code>")
    korwas: str | None = Field(None, min_length=10, description="e.g. Korwas PPNS Ditreskrimsus Polda Jawa Barat")
    prosecutors: dict[str, str] = Field({}, description="district -> its Kejaksaan Negeri, where the name differs")
    summons_notice_days: int = Field(3, ge=1, le=14, description="a summons is dated this many days before "
                                     "the hearing, at least")

    @field_validator("prosecutors")
    @classmethod
    def _kejari(cls, value: dict[str, str]) -> dict[str, str]:
        if bad := [k for k, v in value.items() if not v.startswith("Kejaksaan Negeri ")]:
            raise ValueError(f"a prosecutor's office is named 'Kejaksaan Negeri …' (check {', '.join(bad)})")
        return value


class Copies(_Strict):
    """Copy lists (tembusan) policy."""

    confidential_outside: bool = Field(False, description="letters marked Rahasia may be copied to parties outside "
                                       "the labour administration (a union, BPJS, another agency)")


OUTSIDE_AUTHORITIES = (Audience.prosecutor, Audience.licensing, Audience.court)


class OfficeConfig(_Strict):
    office: Letterhead
    numbering: Numbering = Numbering()
    tembusan: dict[DocKind, list[str]] = {}
    copies: Copies = Copies()
    signatories: dict[Role, Signatory] = {}
    contacts: dict[Audience, Contact] = {}
    service: Service = Service()
    criminal: Criminal = Criminal()

    @model_validator(mode="after")
    def _people_only(self):
        if Role.system in self.signatories:
            raise ValueError("the system does not sign documents")
        if unknown := [a.value for a in self.contacts if a not in OUTSIDE_AUTHORITIES]:
            raise ValueError(f"contacts are for {', '.join(OUTSIDE_AUTHORITIES)}; not {', '.join(unknown)} "
                             "(companies and complainants have their own addresses)")
        return self

    @model_validator(mode="after")
    def _confidential_copies(self):
        """A letter marked Rahasia is copied only inside the labour administration unless the policy says so."""
        if self.copies.confidential_outside:
            return self
        confidential = self.numbering.confidential if self.numbering.confidential is not None else DEFAULT_CONFIDENTIAL
        for kind in confidential:
            if outside := outside_copies(self.tembusan.get(kind, [])):
                raise ValueError(f"tembusan.{kind.value}: {', '.join(outside)} is outside the labour administration; "
                                 "a letter marked Rahasia is copied there only with [copies] confidential_outside = "
                                 "true")
        return self


def parse(data: dict) -> OfficeConfig:
    """The configuration, or InvalidData listing every problem with its place in the file."""
    try:
        return OfficeConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InvalidData(f"office configuration: {problems}") from None
