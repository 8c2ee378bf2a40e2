"""The performance index of an inspection office (Indeks Kinerja Lembaga Pengawasan Ketenagakerjaan, issue #13).

The ministry's indicators were not found [U]: which measures count, their targets and weights are policy, in a
TOML file the ministry (or an office, for itself) edits — `wasnaker index template` prints the defaults below,
`wasnaker index check FILE` validates one, and the setting `index_file` (WASNAKER_INDEX_FILE) puts it in force.
Every indicator is one of the MEASURES, all read from the case records (wasnaker.services.figures.performance):

- a *rate* (a share of a base: Nota I complied, deadlines kept, …) scores `min(value / target, 1) × 100`;
- a *days* measure (a median lead time, lower is better) scores 100 at or under its target and
  `target / value × 100` above it.

The index is the weighted mean of the indicators that have data in the period (an indicator with an empty base —
no Nota II issued, no investigation opened — is shown as having no data and its weight goes to the others, so an
office is neither punished nor rewarded for cases it did not have). Pure: no database."""

import tomllib
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from wasnaker.domain.errors import InvalidData


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    kind: Literal["rate", "days"]
    explains: str  # what is counted, in Indonesian, shown on the index page
    target: float  # default target
    weight: float  # default weight


MEASURES: tuple[Measure, ...] = (
    Measure("inspection_quota", "Pemenuhan kuota pemeriksaan", "rate",
            "Pemeriksaan dan pemeriksaan ulang oleh pengawas dan PPNS dibagi kuota bulanan mereka dalam periode.",
            1.0, 20),
    Measure("complied_after_nota_1", "Kepatuhan setelah Nota Pemeriksaan I", "rate",
            "Perkara yang menerima Nota Pemeriksaan I dalam periode dan kemudian dipatuhi.", 0.8, 20),
    Measure("complied_after_nota_2", "Kepatuhan setelah Nota Pemeriksaan II", "rate",
            "Perkara yang menerima Nota Pemeriksaan II dalam periode dan kemudian dipatuhi.", 0.6, 10),
    Measure("complaint_to_inspection", "Pengaduan sampai pemeriksaan pertama (median hari)", "days",
            "Median hari dari pengaduan sampai pemeriksaan pertama, untuk pemeriksaan dalam periode.", 30, 15),
    Measure("office_deadlines_kept", "Tenggat penyidikan yang ditepati", "rate",
            "Tenggat SPDP, P-19, pelimpahan tipiring, dan pemberitahuan SP3 yang jatuh tempo dalam periode dan "
            "ditutup paling lambat pada hari jatuh temponya.", 1.0, 15),
    Measure("investigations_concluded", "Penyidikan yang tuntas", "rate",
            "Penyidikan yang dimulai dalam periode dan kemudian mencapai P-21 atau dihentikan (SP3, keadilan "
            "restoratif).", 0.7, 10),
    Measure("sprindik_to_p21", "Sprindik sampai P-21 (median hari)", "days",
            "Median hari dari Sprindik sampai P-21, untuk berkas yang dinyatakan lengkap dalam periode.", 90, 10),
)
MEASURE: dict[str, Measure] = {m.key: m for m in MEASURES}


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid")

    measure: str
    weight: float = Field(gt=0, le=1000)
    target: float = Field(gt=0)
    label: str | None = Field(None, min_length=3, max_length=120)

    @field_validator("measure")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in MEASURE:
            raise ValueError(f"unknown measure {value!r}; known: {', '.join(MEASURE)}")
        return value

    @model_validator(mode="after")
    def _target_fits(self):
        if MEASURE[self.measure].kind == "rate" and self.target > 1:
            raise ValueError(f"the target of {self.measure} is a share: between 0 and 1 (0.8 is 80 %)")
        return self

    @property
    def title(self) -> str:
        return self.label or MEASURE[self.measure].label

    def score(self, value: float | None) -> float | None:
        """0–100, or None without data."""
        if value is None:
            return None
        if MEASURE[self.measure].kind == "rate":
            return min(value / self.target, 1.0) * 100
        return 100.0 if value <= self.target else self.target / value * 100


class IndexDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field("Indeks Kinerja Lembaga Pengawasan Ketenagakerjaan", min_length=3, max_length=160)
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _once_each(self):
        seen = [i.measure for i in self.indicators]
        if doubled := sorted({m for m in seen if seen.count(m) > 1}):
            raise ValueError(f"measure listed twice: {', '.join(doubled)}")
        return self

    def index(self, values: dict[str, float | None]) -> float | None:
        """The weighted mean score of the indicators with data (None when none has)."""
        scored = [(i.weight, i.score(values.get(i.measure))) for i in self.indicators]
        scored = [(w, s) for w, s in scored if s is not None]
        total = sum(w for w, _ in scored)
        return sum(w * s for w, s in scored) / total if total else None


DEFAULT_INDEX = IndexDefinition(indicators=[Indicator(measure=m.key, weight=m.weight, target=m.target)
                                            for m in MEASURES])


def parse_index(text: str, source: str = "index file") -> IndexDefinition:
    """An index definition from TOML text; anything wrong is one InvalidData naming the place."""
    try:
        return IndexDefinition.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidData(f"{source}: not valid TOML: {exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise InvalidData(f"{source}: {where}: {first['msg'].removeprefix('Value error, ')}") from None


def template() -> str:
    """The default definition as the TOML file to edit."""
    lines = ["# Indeks Kinerja Lembaga Pengawasan Ketenagakerjaan: indicators, targets and weights (policy).",
             "# measure: one of " + ", ".join(MEASURE) + ".",
             "# A rate's target is a share (0.8 = 80 %); a days measure's target is a number of days (lower is",
             "# better). Weights are relative: an indicator without data in a period gives its weight to the others.",
             f'name = "{DEFAULT_INDEX.name}"', ""]
    for i in DEFAULT_INDEX.indicators:
        lines += ["[[indicators]]", f"# {MEASURE[i.measure].label}", f'measure = "{i.measure}"',
                  f"weight = {i.weight:g}", f"target = {i.target:g}", ""]
    return "\n".join(lines)
