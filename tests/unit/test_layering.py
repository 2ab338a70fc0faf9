"""The core stays pure: nothing in moderation/ imports the web, the workers or the database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

FORBIDDEN = {
    "flask",
    "celery",
    "sqlmodel",
    "sqlalchemy",
    "redis",
    "web",
    "workers",
    "models",
    "requests",
    "httpx",
}
CORE = Path(__file__).resolve().parents[2] / "moderation"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.name))
def test_core_module_imports_no_adapter_library(path: Path) -> None:
    assert not (_imports(path) & FORBIDDEN)


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from flask import Flask\nimport sqlmodel.main\n")
    assert _imports(bad) & FORBIDDEN == {"flask", "sqlmodel"}


ROOT = CORE.parent
# What each adapter layer may import of the project's own packages (ARCHITECTURE.md).
ALLOWED = {
    "web": {"web", "services", "models", "moderation", "workers.celery_app", "workers.runtime"},
    "services": {"services", "models", "moderation"},
    "models": {"models"},
}
PROJECT = {"web", "services", "models", "moderation", "workers", "devtools", "bench", "tests"}


def _project_imports(path: Path) -> set[str]:
    """Dotted names of the project's own modules that a file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.split(".")[0] in PROJECT}
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and node.module.split(".")[0] in PROJECT
        ):
            names.add(node.module)
    return names


def _allowed(name: str, allowed: set[str]) -> bool:
    return any(name == a or name.startswith(a + ".") for a in allowed)


@pytest.mark.parametrize(
    "path",
    sorted(
        p for layer in ALLOWED for p in (ROOT / layer).rglob("*.py") if "migrations" not in p.parts
    ),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_adapters_import_only_the_layers_below(path: Path) -> None:
    layer = path.relative_to(ROOT).parts[0]
    bad = {n for n in _project_imports(path) if not _allowed(n, ALLOWED[layer])}
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_the_layer_check_sees_a_worker_import_in_the_web(tmp_path: Path) -> None:
    bad = tmp_path / "view.py"
    bad.write_text("from workers.moderation_job import run_moderation\nfrom services import x\n")
    names = _project_imports(bad)
    assert {n for n in names if not _allowed(n, ALLOWED["web"])} == {"workers.moderation_job"}
