"""The embedded runner restarts a child that died, and gives up on one that keeps dying."""

from __future__ import annotations

import sys
from pathlib import Path

from devtools.supervisor import Child, keep_alive, restart_if_hung


def _child(tmp_path: Path, code: str) -> Child:
    return Child("test", [sys.executable, "-c", code], {}, tmp_path)


def test_a_dead_child_is_started_again(tmp_path: Path) -> None:
    marker = tmp_path / "runs"
    child = _child(tmp_path, f"open({str(marker)!r}, 'a').write('x')")
    child.start()
    assert child.process is not None
    child.process.wait(10)
    assert keep_alive([child])
    assert child.process is not None
    child.process.wait(10)
    assert marker.read_text() == "xx"


def test_a_child_that_keeps_dying_stops_the_platform(tmp_path: Path) -> None:
    child = _child(tmp_path, "raise SystemExit(3)")
    child.start()
    clock = iter(float(n) for n in range(100))
    results = []
    for _ in range(7):
        assert child.process is not None
        child.process.wait(10)
        results.append(keep_alive([child], now=lambda: next(clock)))
    assert results[:5] == [True] * 5
    assert results[-1] is False


def test_a_hung_beat_is_restarted(tmp_path: Path) -> None:
    child = _child(tmp_path, "import time; time.sleep(60)")
    child.start()
    first = child.process
    assert not restart_if_hung(child, 30.0, limit=300)
    assert not restart_if_hung(child, None, limit=300)
    assert restart_if_hung(child, 400.0, limit=300)
    assert child.process is not first
    child.stop()
