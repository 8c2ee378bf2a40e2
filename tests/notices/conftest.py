"""A seeded database whose company and complainant have e-mail addresses, a runtime that sends through a real
local SMTP server, and that server."""

import pytest
from sqlmodel import select

from models import Company, Officer
from tests.conftest import seed_reference
from tests.smtp_sink import SmtpSink
from wasnaker.db import session_scope
from wasnaker.runtime import Runtime
from wasnaker.settings import Settings

COMPANY_EMAIL = "hrd@sinartekstil.co.id"
SECRET = "test-secret-for-acknowledgement-links"


def give_emails(engine) -> None:
    with session_scope(engine) as s:
        company = s.exec(select(Company).where(Company.nib == "9120001234567")).one()
        company.email = COMPANY_EMAIL
        s.add(company)
        for officer in s.exec(select(Officer)):
            officer.email = f"{officer.username}@disnaker.example.go.id"
            s.add(officer)


@pytest.fixture
def sink():
    server = SmtpSink().start()
    yield server
    server.stop()


def runtime(engine, tmp_path, port: int) -> Runtime:
    return Runtime(Settings(home=tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_timeout=5,
                            secret_key=SECRET, public_url="https://wasnaker.example.go.id",
                            mail_from="UPTD Wilayah I <noreply@disnaker.example.go.id>"), engine)


@pytest.fixture
def rt(sqlite_engine, tmp_path, sink):
    seed_reference(sqlite_engine)
    give_emails(sqlite_engine)
    return runtime(sqlite_engine, tmp_path, sink.port)
