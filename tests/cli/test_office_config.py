"""An office edits its configuration file; invalid files are refused with every problem named and change
nothing; a valid one changes numbers, copy lists, signatories and the letterhead of the letters that follow."""

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from wasnaker.adapters.rendering import pdf_text
from wasnaker.cli.main import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "document_templates" / "office.example.toml"


def test_an_invalid_configuration_names_every_problem_and_changes_nothing(home, tmp_path):
    bad = tmp_path / "office.toml"
    bad.write_text(EXAMPLE.read_text().replace('timezone = "Asia/Jakarta"', 'timezone = "Asia/Bandung"')
                   .replace('nip = "197206081998031004"', 'nip = "1972"')
                   .replace('nota_1 = "NP-I"', 'nota_3 = "NP-III"'))
    out = runner.invoke(app, ["office", "configure", str(bad)])
    assert out.exit_code == 2 and len(out.output.strip().splitlines()) == 1
    for problem in ("office.timezone", "unknown time zone 'Asia/Bandung'", "numbering.codes.nota_3",
                    "signatories.head.nip", "malformed NIP '1972'"):
        assert problem in out.output
    broken = tmp_path / "broken.toml"
    broken.write_text("[office\ncode = 1")
    assert "broken.toml" in runner.invoke(app, ["office", "configure", str(broken)]).output


def test_a_configured_office_numbers_and_signs_its_letters(home, tmp_path):
    config = tmp_path / "office.toml"
    shutil.copy(EXAMPLE, config)
    text = config.read_text().replace('nota_1 = "NP-I"', 'complaint_receipt = "TT-ADU"') \
        .replace('name = "Drs. Hendra Gunawan, M.Si."', 'name = "Dra. Ratna Sari Dewi, M.M."') \
        .replace('address = "Jl. Soekarno-Hatta No. 532, Bandung 40266"', 'address = "Jl. Martadinata No. 9"')
    config.write_text(text.replace("[signatories.head]", 'complaint_receipt = ["Kepala UPTD", "Arsip UPTD"]\n\n'
                                                         "[signatories.head]"))
    out = runner.invoke(app, ["office", "configure", str(config)])
    assert out.exit_code == 0, out.output
    filed = json.loads(runner.invoke(app, ["complaint", "file", "--company", "9120001234567", "--complainant", "SP",
                                           "--summary", "Upah telat", "--by", "dewi", "--on", "2026-03-02",
                                           "--json"]).output)
    doc = filed["documents"][0]
    assert doc["number"] == "560/0001/TT-ADU/UPTD-WIL.I/III/2026"
    pdf = pdf_text(open(doc["path"], "rb").read())
    assert "Jl. Martadinata No. 9" in pdf and "Arsip UPTD" in pdf
    chrono = json.loads(runner.invoke(app, ["documents", "chronology", filed["case_number"], "--by", "hendra",
                                            "--on", "2026-03-03", "--json"]).output)
    assert "Dra. Ratna Sari Dewi, M.M." in pdf_text(open(chrono["path"], "rb").read())
