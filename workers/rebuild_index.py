"""Fill the near-duplicate index from the database: `python -m workers.rebuild_index`.

Run once after a deploy that changes the signature scheme (its keys start empty), or after
restoring a backup into a new Redis.
"""

from __future__ import annotations

import sys

from sqlmodel import Session

from models.settings import Settings
from workers.db_history import rebuild_index
from workers.runtime import Runtime


def main() -> int:
    """Index every moderated review and reply; print how many."""
    runtime = Runtime(Settings())  # type: ignore[call-arg]
    with Session(runtime.engine) as session:
        count = rebuild_index(session, runtime.duplicate_index)
    print(f"near-duplicate index: {count} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
