"""A backup restores to exactly what was there, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, select, text

from devtools.backup import backup, restore
from models import Review
from tests.integration.journey import confirm, submit_review

pytestmark = pytest.mark.integration


def _snapshot(engine: Any) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{t.name}"'))), key=repr)
            for t in SQLModel.metadata.sorted_tables
        }


def test_backup_and_restore_give_back_every_row(
    client: Any, engine: Any, settings: Any, tmp_path: Path
) -> None:
    for n in range(3):
        submit_review(client, email=f"ouder{n}@example.be", story=f"Verhaal {n}.")
    confirm(client, settings)
    before = _snapshot(engine)
    target = tmp_path / "backup.dump"
    backup(settings.database_url, target)
    assert target.stat().st_mode & 0o077 == 0  # personal data: for the owner only
    with Session(engine) as session:  # a mistake after the backup
        for review in session.exec(select(Review)):
            review.story = "weg"
            session.add(review)
        session.commit()
    assert _snapshot(engine) != before
    engine.dispose()
    restore(settings.database_url, target)
    assert _snapshot(engine) == before
