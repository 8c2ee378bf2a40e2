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


def _layout() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Layout"):text.index("\n## ", text.index("## Layout") + 1)]


def _folders(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
                  and not p.name.endswith(".egg-info") and p.name != "var")


def test_the_layout_names_every_top_level_folder_every_package_and_module_and_every_test_tier():
    layout, root = _layout(), README.parent
    missing = [f"{name}/" for name in _folders(root) if f"{name}/" not in layout]
    missing += [f"wasnaker/{name}/" for name in _folders(root / "wasnaker") if f"wasnaker/{name}/" not in layout]
    missing += [p.name for p in (root / "wasnaker").glob("*.py") if p.name != "__init__.py" and p.name not in layout]
    missing += [f"tests/{name}" for name in _folders(root / "tests") if name not in layout]
    assert missing == [], "name them in the README's Layout section"
