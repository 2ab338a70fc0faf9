"""Integration-only hooks: print the access-control and fault-injection tables at the end."""

from __future__ import annotations

from typing import Any

ACCESS_TABLE: list[tuple[str, dict[str, str]]] = []
# (fault, database, submitted, recovered, lost, duplicated, what happened), by test_faults.py
FAULT_TABLE: list[tuple[str, str, int, int, int, int, str]] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print route x role -> status, and the fault table, as filled by their tests."""
    if FAULT_TABLE:
        _fault_summary(terminalreporter)
    if not ACCESS_TABLE:
        return
    roles = list(ACCESS_TABLE[0][1])
    tr = terminalreporter
    tr.section("access control: route x role -> status")
    width = max(44, *(len(route) + 1 for route, _ in ACCESS_TABLE))
    tr.write_line(f"{'route':<{width}}" + "".join(f"{r:>11}" for r in roles))
    for route, row in ACCESS_TABLE:
        tr.write_line(f"{route:<{width}}" + "".join(f"{row.get(r, '-'):>11}" for r in roles))


def _fault_summary(tr: Any) -> None:
    tr.section("fault injection: nothing lost, nothing duplicated")
    head = ("injected fault", "db", "submitted", "recovered", "lost", "duplicated")
    width = max(len(head[0]), *(len(row[0]) for row in FAULT_TABLE))
    tr.write_line(f"{head[0]:<{width}} {head[1]:<10}" + "".join(f"{h:>11}" for h in head[2:]))
    for fault, db, *counts, note in FAULT_TABLE:
        tr.write_line(f"{fault:<{width}} {db:<10}" + "".join(f"{n:>11}" for n in counts))
        tr.write_line(f"{'':<{width}}   {note}")
