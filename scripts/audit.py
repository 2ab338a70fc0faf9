"""Dependency audit that works offline: the installed packages against a pinned advisory list.

    python scripts/audit.py                 # check this environment (no network; CI runs this)
    python scripts/audit.py --online        # and also pip-audit, if it is installed and reachable
    python scripts/audit.py --refresh DIR   # rebuild the list from pypa/advisory-database

The list (`scripts/audit-advisories.json`) holds the PyPA advisories for every package in
constraints.txt, with the commit and date of the database it came from. It sees exactly what the
database knew on that date, for those packages; nothing published later, nothing about a package
added since the refresh. See README, "Dependency audit".
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
ADVISORIES = ROOT / "scripts" / "audit-advisories.json"
CONSTRAINTS = ROOT / "constraints.txt"
# In every venv, pinned or not, and never imported by the platform: what is wrong with them is
# reported as a warning, not a failure. (The venv's setuptools is the one Python's ensurepip
# ships; newer ones drop pkg_resources, which python-stdnum and others still import.)
BUILD_TOOLS = ("pip", "setuptools", "wheel")


def canonical(name: str) -> str:
    """PEP 503 name: lowercase, runs of -_. as one dash."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Finding:
    """An installed package version that an advisory names."""

    package: str
    version: str
    advisory: str
    aliases: tuple[str, ...]
    fixed: str | None
    summary: str


def _in_range(version: Version, events: list[list[str]]) -> bool:
    """OSV semantics: walk the events in version order; the last one at or below decides."""
    affected = False
    for kind, raw in sorted(events, key=lambda e: Version(e[1])):
        bound = Version(raw)
        if kind == "introduced" and version >= bound:
            affected = True
        elif kind in ("fixed", "last_affected"):
            # `fixed` is the first good version; `last_affected` the last bad one.
            affected = affected and not (version >= bound if kind == "fixed" else version > bound)
    return affected


def _affected(version: Version, entry: Mapping[str, Any]) -> bool:
    if version.public in entry.get("versions", ()):
        return True
    return any(_in_range(version, events) for events in entry.get("ranges", ()))


def _fixes(entry: Mapping[str, Any]) -> list[str]:
    return [raw for events in entry.get("ranges", ()) for kind, raw in events if kind == "fixed"]


def audit(installed: Mapping[str, str], advisories: Iterable[Mapping[str, Any]]) -> list[Finding]:
    """Every (package, advisory) where the installed version is affected."""
    versions = {canonical(k): v for k, v in installed.items()}
    found = []
    for adv in advisories:
        raw = versions.get(canonical(adv["package"]))
        if raw is None:
            continue
        try:
            version = Version(raw)
        except InvalidVersion:
            continue
        for entry in adv["affected"]:
            if _affected(version, entry):
                fixes = [f for f in _fixes(entry) if Version(f) > version]
                found.append(
                    Finding(
                        adv["package"],
                        raw,
                        adv["id"],
                        tuple(adv.get("aliases", ())),
                        min(fixes, key=Version) if fixes else None,
                        adv.get("summary", ""),
                    )
                )
                break
    return found


def installed_packages() -> dict[str, str]:
    """Name -> version of every distribution in this environment."""
    return {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}


def load_advisories(path: Path = ADVISORIES) -> dict[str, Any]:
    """The pinned list."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def pinned_names(path: Path = CONSTRAINTS) -> set[str]:
    """The packages constraints.txt pins, plus what every venv has."""
    names = {
        canonical(line.split("==", 1)[0]) for line in path.read_text().splitlines() if "==" in line
    }
    return names | set(BUILD_TOOLS)


def refresh(
    database: Path, out: Path = ADVISORIES, commit: str | None = None, date: str | None = None
) -> int:
    """Rebuild the pinned list from a checkout of github.com/pypa/advisory-database."""
    import yaml

    wanted = pinned_names()
    advisories = []
    for folder in sorted((database / "vulns").iterdir()):
        if canonical(folder.name) not in wanted:
            continue
        for path in sorted(folder.glob("*.yaml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            if doc.get("withdrawn"):
                continue
            affected = []
            for item in doc.get("affected", []):
                ranges = [
                    [[k, str(v)] for e in r.get("events", []) for k, v in e.items()]
                    for r in item.get("ranges", [])
                    if r.get("type") == "ECOSYSTEM"
                ]
                entry: dict[str, Any] = {"ranges": ranges}
                if not ranges:
                    entry["versions"] = item.get("versions", [])
                affected.append(entry)
            summary = str(doc.get("summary") or doc.get("details") or "").split("\n")[0][:160]
            advisories.append(
                {
                    "id": doc["id"],
                    "aliases": sorted(doc.get("aliases") or []),
                    "package": folder.name,
                    "summary": summary,
                    "affected": affected,
                }
            )
    if commit is None or date is None:
        head = subprocess.run(  # noqa: S603
            ["git", "-C", str(database), "log", "-1", "--format=%H %cs"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        commit, date = (head + ["unknown", "unknown"])[:2] if len(head) < 2 else head[:2]
    snapshot = {
        "source": "https://github.com/pypa/advisory-database (CC-BY-4.0)",
        "commit": commit,
        "date": date,
        "packages": sorted(wanted),
        "advisories": advisories,
    }
    out.write_text(json.dumps(snapshot, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(advisories)} advisories for {len(wanted)} packages written to {out}")
    return 0


def online(timeout: float = 60.0) -> None:
    """pip-audit against the live services; never fails the run for want of a network."""
    try:
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--skip-editable"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        print("online: pip-audit took too long (no network?); skipped")
        return
    if "No module named pip_audit" in done.stderr:
        print("online: pip-audit is not installed; skipped")
    elif done.returncode == 0:
        print("online: pip-audit found no known vulnerabilities")
    elif "vulnerabilit" in done.stdout.lower() and "Found" in done.stdout + done.stderr:
        print("online: pip-audit reports:\n" + done.stdout + done.stderr)
    else:
        print("online: pip-audit could not reach its services; skipped\n" + done.stderr[-400:])


def main(argv: list[str] | None = None) -> int:
    """Check the installed packages; 1 if any is affected by an advisory in the pinned list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refresh", type=Path, metavar="DIR")
    parser.add_argument("--online", action="store_true")
    parser.add_argument("--advisories", type=Path, default=ADVISORIES)
    parser.add_argument("--commit", help="with --refresh from an export: its commit")
    parser.add_argument("--date", help="with --refresh from an export: its date")
    args = parser.parse_args(argv)
    if args.refresh:
        return refresh(args.refresh, args.advisories, args.commit, args.date)
    snapshot = load_advisories(args.advisories)
    installed = installed_packages()
    findings = audit(installed, snapshot["advisories"])
    unlisted = sorted(set(installed) - set(snapshot["packages"]) - {"zorgreviews"})
    print(
        f"audit: {len(installed)} installed packages against {len(snapshot['advisories'])} "
        f"advisories (pypa/advisory-database {snapshot['date']}, {snapshot['commit'][:12]})"
    )
    if unlisted:
        print(f"audit: not in the list (refresh it): {', '.join(unlisted)}")
    failing = [f for f in findings if canonical(f.package) not in BUILD_TOOLS]
    for f in findings:
        also = f" ({', '.join(f.aliases)})" if f.aliases else ""
        fix = f", fixed in {f.fixed}" if f.fixed else ""
        label = "VULNERABLE" if f in failing else "warning (venv build tool)"
        print(f"{label} {f.package} {f.version}: {f.advisory}{also}{fix} - {f.summary}")
    if args.online:
        online()
    print(f"audit: {len(failing)} vulnerable, {len(findings) - len(failing)} build-tool warnings")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
