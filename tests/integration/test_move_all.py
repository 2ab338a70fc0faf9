"""`move_all`, the worker's batch of moves as statements: what `move` writes, and no more."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from models import AuditEvent, Review, Reviewer, State
from services.audit_log import Move, move, move_all
from services.errors import Conflict

pytestmark = pytest.mark.integration


def _reviews(engine: Any, n: int) -> list[int]:
    """`n` submitted reviews of facility 1, each by a family of its own."""
    with Session(engine) as session:
        ids = []
        for _ in range(n):
            reviewer = Reviewer(email_hmac=secrets.token_hex(16))
            session.add(reviewer)
            session.flush()
            assert reviewer.id is not None
            review = Review(
                facility_id=1,
                reviewer_id=reviewer.id,
                state=State.SUBMITTED,
                story="Een warm onthaal.",
                form_key=secrets.token_hex(16),
                author_token=secrets.token_hex(16),
            )
            session.add(review)
            session.flush()
            assert review.id is not None
            ids.append(review.id)
        session.commit()
        return ids


def _written(engine: Any, review_id: int) -> tuple[Any, ...]:
    """What a move left of a review: its row's state and version, and its audit events."""
    with Session(engine) as session:
        review = session.get(Review, review_id)
        assert review is not None
        events = session.exec(
            select(AuditEvent)
            .where(AuditEvent.subject_id == review_id)
            .order_by(col(AuditEvent.id))
        ).all()
        return (
            review.state,
            review.version,
            review.content_hash,
            [(e.subject_kind, e.actor, e.from_state, e.to_state, e.reason_code) for e in events],
        )


def test_move_all_writes_what_move_writes_and_leaves_nothing_to_flush(engine: Any) -> None:
    by_orm, by_statements = _reviews(engine, 2), _reviews(engine, 2)
    with Session(engine, expire_on_commit=False) as session:
        rows = session.exec(select(Review).where(col(Review.id).in_(by_orm))).all()
        for review in rows:
            move(session, "review", review, State.CHECKING, "worker")
        session.commit()
        for review in rows:
            review.content_hash = "abc"
            move(session, "review", review, State.ESCALATED, "worker", "ernstige_feiten")
        session.commit()
    with Session(engine, expire_on_commit=False) as session:
        rows = session.exec(select(Review).where(col(Review.id).in_(by_statements))).all()
        move_all(session, "review", [Move(r, State.CHECKING) for r in rows], "worker")
        assert not session.dirty
        assert all(r.state == State.CHECKING for r in rows)
        session.commit()
        values = {"content_hash": "abc"}
        moves = [Move(r, State.ESCALATED, "ernstige_feiten", values) for r in rows]
        move_all(session, "review", moves, "worker")
        assert not session.dirty
        assert [r.version for r in rows] == [3, 3]
        session.commit()
    for orm_id, statement_id in zip(by_orm, by_statements, strict=True):
        assert _written(engine, statement_id) == _written(engine, orm_id)
        assert _written(engine, statement_id)[0] == State.ESCALATED


def test_a_row_changed_meanwhile_fails_the_whole_batch_of_moves(engine: Any) -> None:
    ids = _reviews(engine, 3)
    with Session(engine, expire_on_commit=False) as session:
        rows = session.exec(select(Review).where(col(Review.id).in_(ids))).all()
        with Session(engine) as other:  # someone else changes one of them first
            other.exec(
                update(Review)
                .where(col(Review.id) == ids[1])
                .values(version=col(Review.version) + 1)
            )
            other.commit()
        with pytest.raises(StaleDataError):
            move_all(session, "review", [Move(r, State.CHECKING) for r in rows], "worker")
        session.rollback()
    for review_id in ids:
        state, _, _, events = _written(engine, review_id)
        assert state == State.SUBMITTED
        assert events == []


def test_a_move_the_state_machine_refuses_writes_nothing(engine: Any) -> None:
    ids = _reviews(engine, 2)
    with Session(engine, expire_on_commit=False) as session:
        rows = session.exec(select(Review).where(col(Review.id).in_(ids))).all()
        with pytest.raises(Conflict):  # submitted cannot be published without the checks
            move_all(session, "review", [Move(r, State.PUBLISHED) for r in rows], "worker")
        session.rollback()
    assert [_written(engine, i)[0] for i in ids] == [State.SUBMITTED, State.SUBMITTED]
