"""The dependency audit works offline: a pinned advisory list, no network needed (issue 15)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "audit.py"


def _module() -> Any:
    spec = importlib.util.spec_from_file_location("audit", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["audit"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    # Any attempt to reach the network goes nowhere.
    env.update(HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    return env


def test_a_known_vulnerable_version_is_found() -> None:
    audit = _module()
    snapshot = audit.load_advisories()
    found = audit.audit({"Flask": "2.2.4", "werkzeug": "2.2.2"}, snapshot["advisories"])
    ids = {f.advisory for f in found}
    aliases = {a for f in found for a in f.aliases}
    assert "PYSEC-2023-62" in ids  # Flask's session cookie cached by proxies
    assert "CVE-2023-25577" in aliases  # Werkzeug's multipart parser
    assert any(f.package == "werkzeug" for f in found)
    assert not audit.audit({"Flask": "3.1.3"}, snapshot["advisories"])
    assert not audit.audit({"Flask": "2.2.5"}, snapshot["advisories"])  # fixed there
    assert audit.audit({"Flask": "2.3.1"}, snapshot["advisories"])  # ... but not in 2.3.1


def test_the_pinned_versions_pass_and_every_pin_is_covered() -> None:
    audit = _module()
    snapshot = audit.load_advisories()
    pins = dict(
        line.split("==", 1)
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line
    )
    assert audit.pinned_names() <= set(snapshot["packages"]), (
        "refresh scripts/audit-advisories.json"
    )
    assert audit.audit(pins, snapshot["advisories"]) == []
    assert snapshot["commit"] != "unknown"
    assert snapshot["date"] != "unknown"


def test_the_audit_runs_without_network_and_can_fail(tmp_path: Path) -> None:
    clean = subprocess.run(
        [sys.executable, str(SCRIPT), "--online"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_offline_env(),
        check=False,
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "0 vulnerable" in clean.stdout
    assert "online:" in clean.stdout  # the online part said why it saw nothing

    fake = json.loads((ROOT / "scripts" / "audit-advisories.json").read_text())
    fake["advisories"].append(
        {
            "id": "TEST-0001",
            "aliases": [],
            "package": "Flask",
            "summary": "every Flask",
            "affected": [{"ranges": [[["introduced", "0"]]]}],
        }
    )
    path = tmp_path / "advisories.json"
    path.write_text(json.dumps(fake))
    dirty = subprocess.run(
        [sys.executable, str(SCRIPT), "--advisories", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_offline_env(),
        check=False,
    )
    assert dirty.returncode == 1
    assert "VULNERABLE flask" in dirty.stdout.lower().replace("vulnerable", "VULNERABLE")
