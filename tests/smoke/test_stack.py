"""The stack this project stands on answers for real: Prefect's server imports, WeasyPrint renders,
PostgreSQL answers."""

import os

import psycopg
import pytest


@pytest.mark.slow  # importing Prefect's server is ~9 s; uv.lock fixes the versions, CI still proves they work
def test_prefect_server_imports_with_a_working_fastapi():
    import prefect.server.api.server as server

    app = server.create_app(ephemeral=True)
    assert app is not None


def test_weasyprint_renders_indonesian_text():
    from weasyprint import HTML

    from wasnaker.adapters.rendering import pdf_text

    pdf = HTML(string="<p>Nota Pemeriksaan I — 25 September 2026</p>").write_pdf()
    assert pdf.startswith(b"%PDF") and "Nota Pemeriksaan I" in pdf_text(pdf)


def test_postgresql_answers():
    dsn = os.environ.get("WASNAKER_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(dsn, connect_timeout=5) as conn:
        assert conn.execute("select 1").fetchone() == (1,)
