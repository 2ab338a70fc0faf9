"""Retention holds for every state and every copy, and never takes what a decision needs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from models import FindingRow, ModerationReport, Review, ReviewAnswer, Reviewer, State
from models._base import utcnow
from services.retention import PURGED_MESSAGE, purge_originals
from tests.integration.journey import submit_review

pytestmark = pytest.mark.integration

OLD = timedelta(days=31)


def _stored(client: Any, engine: Any, email: str, story: str, state: State, **when: Any) -> int:
    submit_review(client.application.test_client(), email=email, story=story)
    with Session(engine) as session:
        review = session.exec(select(Review).order_by(col(Review.id).desc())).first()
        assert review is not None
        review.state = state
        review.story_redacted = story.replace("An", "[naam]")
        review.state_changed_at = utcnow() - when.get("changed", timedelta(0))
        review.decided_at = utcnow() - when["decided"] if "decided" in when else None
        session.add(review)
        session.flush()
        report = ModerationReport(
            subject_kind="review", subject_id=review.id or 0, route="review", content_hash="h"
        )
        session.add(report)
        session.flush()
        session.add(
            FindingRow(
                report_id=report.id or 0,
                check="revenge",
                label="revenge",
                start=0,
                end=3,
                message="Bedreiging: „An”",
            )
        )
        session.commit()
        return review.id or 0


def _review(engine: Any, rid: int) -> Review:
    with Session(engine) as session:
        review = session.get(Review, rid)
        assert review is not None
        return review


@pytest.mark.parametrize(
    ("state", "when"),
    [
        (State.WITHDRAWN, {"changed": OLD}),  # withdrawn before any decision
        (State.RETURNED, {"changed": OLD, "decided": OLD}),
        (State.PUBLISHED, {"changed": OLD, "decided": OLD}),
    ],
)
def test_every_final_state_loses_its_originals_and_excerpts(
    client: Any, engine: Any, state: State, when: dict[str, timedelta]
) -> None:
    rid = _stored(client, engine, "een@example.be", "Juf An was lief.", state, **when)
    assert purge_originals(engine, retention_days=30) == 1
    review = _review(engine, rid)
    assert review.story == "Juf [naam] was lief."
    with Session(engine) as session:
        messages = session.exec(select(FindingRow.message)).all()
        assert messages == [PURGED_MESSAGE]
        assert session.exec(select(Reviewer.email_for_notice)).one() is None


def test_an_unconfirmed_review_loses_its_texts(client: Any, engine: Any) -> None:
    rid = _stored(client, engine, "twee@example.be", "Juf An.", State.UNCONFIRMED, changed=OLD)
    assert purge_originals(engine, retention_days=30) == 1
    assert _review(engine, rid).story == ""
    with Session(engine) as session:
        assert set(session.exec(select(ReviewAnswer.text)).all()) == {""}


def test_what_waits_for_a_decision_keeps_its_text_and_its_address(client: Any, engine: Any) -> None:
    waiting = _stored(
        client, engine, "drie@example.be", "Juf An.", State.AWAITING_MODERATION, changed=OLD
    )
    done = _stored(
        client, engine, "drie@example.be", "Meester An.", State.PUBLISHED, changed=OLD, decided=OLD
    )
    assert purge_originals(engine, retention_days=30) == 1
    assert _review(engine, waiting).story == "Juf An."
    assert _review(engine, done).story == "Meester [naam]."
    with Session(engine) as session:  # the waiting review still needs the decision mail
        assert session.exec(select(Reviewer.email_for_notice)).one() is not None


def test_an_edit_after_a_purge_is_purged_again(client: Any, engine: Any) -> None:
    rid = _stored(
        client, engine, "vier@example.be", "Juf An.", State.PUBLISHED, changed=OLD, decided=OLD
    )
    assert purge_originals(engine, retention_days=30) == 1
    with Session(engine) as session:
        review = session.get(Review, rid)
        assert review is not None
        review.story, review.story_redacted = "Nieuw: meester An.", "Nieuw: meester [naam]."
        review.originals_purged = False  # what an edit does (services.reviews.edit)
        review.state_changed_at = review.decided_at = utcnow() - OLD
        session.add(review)
        session.commit()
    assert purge_originals(engine, retention_days=30) == 1
    assert _review(engine, rid).story == "Nieuw: meester [naam]."


def test_notes_lose_their_words_but_the_log_keeps_its_events(client: Any, engine: Any) -> None:
    from models import AuditEvent
    from services.audit_log import add_note
    from services.retention import PURGED_NOTE

    old = _stored(
        client,
        engine,
        "oud@example.be",
        "Juf An was lief.",
        State.PUBLISHED,
        changed=OLD,
        decided=OLD,
    )
    new = _stored(client, engine, "nieuw@example.be", "Juf An zong.", State.AWAITING_MODERATION)
    with Session(engine) as session:
        for rid in (old, new):
            add_note(session, "review", rid, "published", "account:1", f"Juf An, zie {rid}", "note")
            reviewer = _review(engine, rid).reviewer_id
            add_note(session, "reviewer", reviewer, "-", "account:1", "Moeder van An", "note")
        session.commit()
        before = len(session.exec(select(AuditEvent)).all())
    purge_originals(engine, retention_days=30)
    with Session(engine) as session:
        events = session.exec(select(AuditEvent)).all()
        assert len(events) == before  # nothing deleted from the log
        notes = {(e.subject_kind, e.subject_id): e.note for e in events if e.reason_code == "note"}
    assert notes[("review", old)] == PURGED_NOTE
    assert notes[("review", new)] == f"Juf An, zie {new}"  # still waiting: kept
    assert notes[("reviewer", _review(engine, old).reviewer_id)] == PURGED_NOTE
    assert notes[("reviewer", _review(engine, new).reviewer_id)] == "Moeder van An"
