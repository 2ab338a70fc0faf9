"""Integration-only hooks: print the access-control table at the end of the run."""

from __future__ import annotations

from typing import Any

ACCESS_TABLE: list[tuple[str, dict[str, str]]] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print route x role -> status as filled by the access-control test."""
    if not ACCESS_TABLE:
        return
    roles = list(ACCESS_TABLE[0][1])
    tr = terminalreporter
    tr.section("access control: route x role -> status")
    width = max(44, *(len(route) + 1 for route, _ in ACCESS_TABLE))
    tr.write_line(f"{'route':<{width}}" + "".join(f"{r:>11}" for r in roles))
    for route, row in ACCESS_TABLE:
        tr.write_line(f"{route:<{width}}" + "".join(f"{row.get(r, '-'):>11}" for r in roles))
