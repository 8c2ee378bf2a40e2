"""`wasnaker report rakornas`: the report written to --out (here the XLSX of a database with no case yet: every
office in scope listed with zeros), and every bad input one `error:` line, exit 2, with no file written and no
temporary file left beside it."""

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from wasnaker.cli.main import app

runner = CliRunner()
PERIOD = ["--from", "2026-01-01", "--to", "2026-12-31"]


def _report(*args: str):
    return runner.invoke(app, ["report", "rakornas", *args])


def test_the_report_is_written_to_out(home):
    out = home / "rakornas.xlsx"
    done = _report(*PERIOD, "--format", "xlsx", "--out", str(out), "--by", "kiki")
    assert done.exit_code == 0, done.output
    assert done.output.startswith(f"{out} (") and sorted(p.name for p in home.glob("rakornas*")) == [out.name]
    book = load_workbook(out)
    assert [c.value for c in book["Per kantor"][2]] == [
        "UPTD-WIL.I", "UPTD Pengawasan Ketenagakerjaan Wilayah I", "Jawa Barat", *[0] * 10]
    assert book["Keterangan"]["B2"].value == "1 Januari 2026 s.d. 31 Desember 2026"


ERRORS = [  # (who and which offices, the error line)
    (["--by", "budi"], "error: the figures are for the head, the kadis and the coordinator; budi is inspector"),
    (["--by", "hendra", "--office", "UPTD-WIL.II"], "error: hendra sees the figures of their own office only"),
    (["--by", "kiki", "--office", "UPTD-X"], "error: unknown office UPTD-X"),
    (["--by", "nobody"], "error: unknown officer 'nobody'"),
]


def test_who_and_which_offices_are_checked(home):
    added = runner.invoke(app, ["office", "add", "--code", "UPTD-WIL.II", "--name", "UPTD Wilayah II",
                                "--province", "Jawa Barat"])
    assert added.exit_code == 0, added.output
    out = home / "r.pdf"
    for args, message in ERRORS:
        refused = _report(*PERIOD, "--format", "pdf", "--out", str(out), *args)
        assert (refused.exit_code, refused.output) == (2, message + "\n"), args
    assert list(home.glob("*r.pdf*")) == []


def test_bad_input_is_one_error_line_and_no_file(home):
    out = str(home / "r.pdf")
    rows = [
        (["--from", "2026-02-30", "--to", "2026-12-31", "--format", "pdf", "--out", out],
         "error: --from '2026-02-30': use YYYY-MM-DD (a real day, e.g. 2026-12-31)"),
        (["--from", "2026-03-01", "--to", "2026-02-01", "--format", "pdf", "--out", out],
         "error: the period ends (2026-02-01) before it starts (2026-03-01)"),
        (["--from", "2026-01-01", "--to", "3026-01-01", "--format", "pdf", "--out", out],
         "error: --to 3026-01-01 is outside the years 1900-2100"),
        ([*PERIOD, "--format", "docx", "--out", out], "error: --format 'docx': use pdf or xlsx"),
        ([*PERIOD, "--format", "pdf", "--out", str(home / "missing" / "r.pdf")],
         f"error: --out {home / 'missing' / 'r.pdf'}: cannot write it (No such file or directory)"),
        ([*PERIOD, "--format", "pdf", "--out", str(home)], f"error: --out {home}: cannot write it (it is a folder)"),
    ]
    for args, message in rows:
        refused = _report(*args, "--by", "kiki")
        assert (refused.exit_code, refused.output) == (2, message + "\n"), args
    assert [p for p in Path(home).iterdir() if "r.pdf" in p.name] == []
