"""Keep the embedded platform's processes running: restart a dead child, report a hung beat."""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("zorgreviews.supervisor")


@dataclass
class Child:
    """One process of the platform, started again when it dies."""

    name: str
    argv: Sequence[str]
    env: dict[str, str]
    cwd: Path
    process: subprocess.Popen[bytes] | None = None
    restarts: list[float] = field(default_factory=list)

    def start(self) -> None:
        """Start (or start again) the process."""
        self.process = subprocess.Popen(  # noqa: S603  (our own binaries, fixed arguments)
            list(self.argv), env=self.env, cwd=self.cwd
        )

    def alive(self) -> bool:
        """Whether the process is running."""
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Ask the process to end; kill it if it does not within 10 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


MAX_RESTARTS_PER_MINUTE = 5


def keep_alive(children: Sequence[Child], now: Callable[[], float] = time.monotonic) -> bool:
    """Restart each dead child; False when one keeps dying (more than 5 times a minute)."""
    for child in children:
        if child.alive():
            continue
        code = child.process.returncode if child.process is not None else None
        t = now()
        child.restarts = [r for r in child.restarts if t - r < 60] + [t]
        if len(child.restarts) > MAX_RESTARTS_PER_MINUTE:
            log.error("%s keeps stopping (exit %s): the platform stops", child.name, code)
            return False
        log.warning("%s stopped (exit %s): started again", child.name, code)
        child.start()
    return True


def restart_if_hung(child: Child, seconds_since_beat: float | None, limit: float) -> bool:
    """Restart a child whose heartbeat is older than `limit` seconds; True if it was."""
    if seconds_since_beat is None or seconds_since_beat < limit:
        return False
    log.warning("%s: no periodic sweep for %.0f s: started again", child.name, seconds_since_beat)
    child.stop()
    child.start()
    return True
