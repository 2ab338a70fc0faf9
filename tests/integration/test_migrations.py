"""The Alembic migrations build exactly the schema the models describe, from empty and from 0001."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.sqltypes import UTCDateTime

import models  # noqa: F401  (registers every table)
from models import Facility, Review, ReviewAnswer, Reviewer, State
from models.db import MIGRATIONS, make_engine, upgrade

pytestmark = pytest.mark.integration

PREVIOUS_RELEASE = "0001"
HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()
WRITTEN = datetime(2026, 3, 14, 9, 26, 53, tzinfo=UTC)

# The tables as release 0001 knew them: no `verified`, no `invitation_code_id` yet.
facility_0001 = sa.table(
    "facility",
    *(sa.column(c) for c in ("id", "name", "sector", "type", "municipality", "postcode")),
    *(sa.column(c) for c in ("address", "quality_label", "inspection_url")),
    sa.column("income_related_fee", sa.Boolean()),
    sa.column("participating", sa.Boolean()),
)
reviewer_0001 = sa.table(
    "reviewer", sa.column("id"), sa.column("email_hmac"), sa.column("created_at", UTCDateTime())
)
review_0001 = sa.table(
    "review",
    *(sa.column(c) for c in ("id", "facility_id", "reviewer_id", "state", "story")),
    *(sa.column(c) for c in ("story_redacted", "form_key", "author_token", "content_hash")),
    sa.column("experience_date", sa.Date()),
    *(
        sa.column(c, UTCDateTime())
        for c in ("created_at", "submitted_at", "state_changed_at", "published_at", "decided_at")
    ),
    sa.column("originals_purged", sa.Boolean()),
)
answer_0001 = sa.table(
    "reviewanswer",
    *(sa.column(c) for c in ("id", "review_id", "theme", "score", "text", "text_redacted")),
)


def schema_diff(engine: Any) -> list[Any]:
    """What Alembic autogenerate would still change to match the models."""
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), SQLModel.metadata))


def revision_of(engine: Any) -> str | None:
    """The Alembic revision the database is at."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def insert_release_0001_rows(engine: Any) -> int:
    """A participating facility, a reviewer and a published review with its eight answers."""
    with engine.begin() as conn:
        facility_id = conn.execute(
            sa.insert(facility_0001)
            .returning(facility_0001.c.id)
            .values(
                name="De Rupsjes",
                sector="kinderopvang",
                type="groepsopvang",
                municipality="Gent",
                postcode="9000",
                address="Kortrijksesteenweg 12",
                quality_label="",
                inspection_url="",
                income_related_fee=True,
                participating=True,
            )
        ).scalar_one()
        reviewer_id = conn.execute(
            sa.insert(reviewer_0001)
            .returning(reviewer_0001.c.id)
            .values(email_hmac="a" * 64, created_at=WRITTEN)
        ).scalar_one()
        review_id = conn.execute(
            sa.insert(review_0001)
            .returning(review_0001.c.id)
            .values(
                facility_id=facility_id,
                reviewer_id=reviewer_id,
                state=State.PUBLISHED,
                story="Onze dochter gaat er graag naartoe.",
                story_redacted="Onze dochter gaat er graag naartoe.",
                experience_date=date(2026, 2, 1),
                form_key="f" * 64,
                author_token="t" * 64,
                content_hash="c" * 64,
                created_at=WRITTEN,
                submitted_at=WRITTEN,
                state_changed_at=WRITTEN,
                published_at=WRITTEN,
                decided_at=WRITTEN,
                originals_purged=False,
            )
        ).scalar_one()
        conn.execute(
            sa.insert(answer_0001),
            [
                {
                    "review_id": review_id,
                    "theme": theme,
                    "score": 1 + theme % 5,
                    "text": f"Antwoord {theme}",
                    "text_redacted": f"Antwoord {theme}",
                }
                for theme in range(1, 9)
            ],
        )
    return int(review_id)


def test_migrations_from_empty_match_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        assert revision_of(engine) == HEAD
        upgrade(engine)  # running it again is harmless
        assert schema_diff(engine) == []
    finally:
        engine.dispose()


def test_upgrade_from_the_previous_release_keeps_the_data(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, PREVIOUS_RELEASE)
        assert revision_of(engine) == PREVIOUS_RELEASE
        review_id = insert_release_0001_rows(engine)

        upgrade(engine)
        assert revision_of(engine) == HEAD
        assert schema_diff(engine) == []
        upgrade(engine)  # running it again is harmless
        assert revision_of(engine) == HEAD

        with Session(engine) as session:
            review = session.get(Review, review_id)
            assert review is not None
            assert review.state == State.PUBLISHED
            assert review.verified is False  # the new column's default
            assert review.invitation_code_id is None
            assert review.published_at == WRITTEN
            assert review.experience_date == date(2026, 2, 1)
            facility = session.get(Facility, review.facility_id)
            assert facility is not None
            assert (facility.name, facility.income_related_fee) == ("De Rupsjes", True)
            answers = session.exec(
                select(ReviewAnswer)
                .where(ReviewAnswer.review_id == review_id)
                .order_by(col(ReviewAnswer.theme))
            ).all()
            assert [(a.theme, a.score) for a in answers] == [(t, 1 + t % 5) for t in range(1, 9)]
            # New rows get fresh ids after the upgrade (sequences still in step).
            reviewer = Reviewer(email_hmac="b" * 64)
            session.add(reviewer)
            session.flush()
            assert reviewer.id is not None
            session.add(
                Review(
                    facility_id=review.facility_id,
                    reviewer_id=reviewer.id,
                    form_key="g" * 64,
                    author_token="u" * 64,
                )
            )
            session.commit()
            assert len(session.exec(select(Review)).all()) == 2
    finally:
        engine.dispose()


def test_0003_keeps_one_report_per_version_and_then_refuses_a_second(database_url: str) -> None:
    """Release 0002 could hold two reports of one version (two workers); 0003 keeps the first."""
    engine = make_engine(database_url)
    report = sa.table(
        "moderationreport",
        *(sa.column(c) for c in ("id", "subject_kind", "subject_id", "content_hash", "route")),
        sa.column("flags"),
        sa.column("language"),
        sa.column("metrics_json"),
        sa.column("created_at", UTCDateTime()),
    )
    finding = sa.table(
        "finding",
        *(sa.column(c) for c in ("report_id", "check", "label", "start", "end", "message")),
        sa.column("severity"),
        sa.column("replacement"),
        sa.column("enabled"),
    )

    def row(report_id: int, digest: str) -> dict[str, Any]:
        return {
            "id": report_id,
            "subject_kind": "review",
            "subject_id": 7,
            "content_hash": digest,
            "route": "review",
            "flags": "",
            "language": "nl",
            "metrics_json": "{}",
            "created_at": WRITTEN,
        }

    try:
        upgrade(engine, "0002")
        with engine.begin() as conn:
            conn.execute(sa.insert(report), [row(1, "a"), row(2, "a"), row(3, "b")])
            conn.execute(
                sa.insert(finding),
                [
                    {
                        "report_id": rid,
                        "check": "privacy",
                        "label": "PERSON",
                        "start": 0,
                        "end": 3,
                        "message": "",
                        "severity": "redact",
                        "replacement": "",
                        "enabled": True,
                    }
                    for rid in (1, 2)
                ],
            )
        upgrade(engine)
        with engine.connect() as conn:
            ids = conn.execute(sa.select(report.c.id).order_by(report.c.id)).scalars().all()
            kept = conn.execute(sa.select(finding.c.report_id)).scalars().all()
        assert ids == [1, 3]
        assert kept == [1]
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.execute(sa.insert(report), [row(4, "b")])
    finally:
        engine.dispose()
