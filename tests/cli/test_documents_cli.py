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


def _case_with_receipt():
    filed = runner.invoke(app, ["complaint", "file", "--company", "9120001234567", "--complainant", "SP",
                                "--summary", "Upah telat", "--by", "dewi", "--on", "2026-03-02", "--json"])
    return json.loads(filed.output)


def test_chronology_on_demand_for_any_case(home):
    from wasnaker.adapters.rendering import pdf_text

    case = _case_with_receipt()["case_number"]
    out = runner.invoke(app, ["documents", "chronology", case, "--by", "hendra", "--on", "2026-03-03", "--json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    text = pdf_text(open(doc["path"], "rb").read())
    assert doc["number"].startswith("560/0001/KRN/") and "560/0001/TTP/" in text
    said = "".join(text.split())  # the facts of the act, wherever the table cell breaks its lines
    assert "menerimapengaduandariSP(datanglangsung);pokokpengaduan:“Upahtelat”;TandaTerimaPengaduanNomor" in said
    refused = runner.invoke(app, ["documents", "chronology", case, "--by", "dewi", "--on", "2026-03-03"])
    assert refused.exit_code == 2 and "dewi cannot issue documents" in refused.output


def test_a_correction_is_a_new_numbered_letter_and_the_original_is_untouched(home):
    from wasnaker.adapters.rendering import pdf_text

    original = _case_with_receipt()["documents"][0]
    before = open(original["path"], "rb").read()
    out = runner.invoke(app, ["documents", "correct", original["number"], "--by", "hendra", "--on", "2026-03-04",
                              "--reason", "Nama pengadu salah ketik", "--json", "--data-json",
                              json.dumps({"addressee": ["Serikat Pekerja Sinar Tekstil"]})])
    assert out.exit_code == 0, out.output
    fixed = json.loads(out.output)
    assert fixed["number"] == "560/0002/TTP/UPTD-WIL.I/III/2026" and fixed["path"] != original["path"]
    text = pdf_text(open(fixed["path"], "rb").read())
    assert f"Pengganti (ralat) surat Nomor {original['number']}" in text and "Serikat Pekerja Sinar Tekstil" in text
    assert open(original["path"], "rb").read() == before
    assert runner.invoke(app, ["documents", "verify"]).exit_code == 0
    bad = runner.invoke(app, ["documents", "correct", original["number"], "--by", "hendra", "--reason", "x y z",
                              "--data-json", '{"doc": {}}'])
    assert bad.exit_code == 2 and "cannot correct doc" in bad.output
