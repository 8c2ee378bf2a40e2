"""documents verify catches a tampered or missing PDF; documents preview gives a PDF and PNG pages."""

import json

from typer.testing import CliRunner

from wasnaker.cli.main import app

runner = CliRunner()


def test_verify_detects_a_tampered_file(home):
    filed = runner.invoke(app, ["complaint", "file", "--company", "9120001234567", "--complainant", "SP",
                                "--summary", "Upah telat", "--by", "dewi", "--on", "2026-03-02", "--json"])
    path = json.loads(filed.output)["documents"][0]["path"]
    ok = runner.invoke(app, ["documents", "verify"])
    assert ok.exit_code == 0 and "1 of 1 documents intact" in ok.output
    with open(path, "r+b") as fh:  # one byte changed, same length
        fh.seek(200)
        byte = fh.read(1)
        fh.seek(200)
        fh.write(bytes([byte[0] ^ 1]))
    bad = runner.invoke(app, ["documents", "verify", "--json"])
    assert bad.exit_code == 1 and json.loads(bad.output)[0]["status"] == "tampered"


def test_preview_renders_the_example_to_pdf_and_png(home, tmp_path):
    out = runner.invoke(app, ["documents", "preview", "penetapan", "--out", str(tmp_path), "--dpi", "40"])
    assert out.exit_code == 0, out.output
    files = out.output.split()
    assert files[0].endswith("penetapan.pdf") and files[1].endswith("penetapan-1.png")
    assert open(files[1], "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert runner.invoke(app, ["documents", "preview", "nota_9"]).exit_code == 2
