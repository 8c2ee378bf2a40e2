"""The README's lifecycle table, diagram and timer table are generated from the code; drift fails here."""

from pathlib import Path

from wasnaker.readme import SECTIONS, render

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_has_every_generated_section():
    text = README.read_text(encoding="utf-8")
    for name in SECTIONS:
        assert f"<!-- {name}:start -->" in text and f"<!-- {name}:end -->" in text


def test_readme_is_in_sync_with_the_lifecycle_table():
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "run: .venv/bin/wasnaker lifecycle readme"
