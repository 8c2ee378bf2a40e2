from sqlalchemy import text
from sqlmodel import Field, SQLModel

from models._types import json_column, json_list_column


class Office(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, description="unit code used in letter numbers, e.g. UPTD-WIL.I")
    name: str
    parent: str = ""
    province: str
    city: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    timezone: str = "Asia/Jakarta"
    closures: list = Field(default_factory=list, sa_column=json_list_column(),
                           description="ISO dates the office is closed (counted as non-working days)")
    settings: dict = Field(default_factory=dict, sa_column=json_column(),
                           description="numbering, tembusan and signatories from the office's configuration file")


class Officer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    office_id: int = Field(foreign_key="office.id", index=True)
    username: str = Field(unique=True, index=True)
    name: str
    nip: str = Field(description="18-digit civil-servant number")
    rank: str = ""
    role: str = Field(description="wasnaker.domain.vocabulary.Role value")
    is_ppns: bool = False
    email: str = ""
    active: bool = True
    added_by: str = Field(default="", sa_column_kwargs={"server_default": text("''")},
                          description="who added the officer (`officer add --by`); always recorded for the head, "
                                      "the kadis and PPNS")


class Company(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    nib: str = Field(unique=True, index=True, description="Nomor Induk Berusaha, 13 digits")
    npwp: str = Field(default="", description="15 or 16 digits")
    address: str = ""
    province: str = ""
    email: str = ""
    kbli: str = ""
    workforce: int = 0
    head_name: str = ""
    head_title: str = "Pimpinan Perusahaan"
