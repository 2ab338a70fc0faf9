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
