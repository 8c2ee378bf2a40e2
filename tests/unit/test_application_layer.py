"""Principle 10: the front ends (CLI, web pages, flows, demo, supervisor, deployments) reach the services only
through the application layer, which imports none of them; a step that is retried does outward I/O."""

import ast
from pathlib import Path

import pytest

from wasnaker.application import steps
from wasnaker.application.runner import Step

ROOT = Path(__file__).resolve().parents[2]
FRONT_ENDS = ["wasnaker/cli", "wasnaker/web", "wasnaker/demo", "wasnaker/supervisor.py", "flows", "deployments"]


def modules(*places: str) -> list[Path]:
    return sorted(p for place in places for p in ([ROOT / place] if place.endswith(".py")
                                                  else (ROOT / place).rglob("*.py")))


def imported(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    names = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return names


@pytest.mark.parametrize("path", modules(*FRONT_ENDS), ids=lambda p: str(p.relative_to(ROOT)))
def test_front_ends_use_the_application_layer_not_services_sessions_or_tables(path):
    reached = {n for n in imported(path) if n.startswith(("wasnaker.services", "models", "wasnaker.db"))}
    assert reached == set()
    assert ".session()" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", modules("wasnaker/application"), ids=lambda p: p.name)
def test_the_application_layer_imports_no_front_end(path):
    front = ("prefect", "typer", "fastapi", "flows", "deployments", "wasnaker.cli", "wasnaker.web", "wasnaker.demo")
    assert {n for n in imported(path, top_level_only=True) if n.startswith(front)} == set()


def test_only_steps_doing_outward_io_are_retried_and_each_name_is_one_step():
    assert all(s.outward_io for s in steps.ALL if s.retries)
    assert len({s.name for s in steps.ALL}) == len(steps.ALL)
    with pytest.raises(ValueError, match="outward I/O"):
        Step("record-twice", lambda rt: None, retries=2)
