"""Working safely with several moderators: undo, claims, the same-working-day target."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session, col, select

from models import AuditEvent, Review, State
from tests.conftest import csrf_from, login
from tests.integration.journey import queued_review
from web.moderate.target import due_at, target_status

pytestmark = pytest.mark.integration


def _queued(client: Any, engine: Any, settings: Any, **fields: Any) -> int:
    return queued_review(client, engine, settings, **fields)


def _state(engine: Any, rid: int) -> Review:
    with Session(engine) as session:
        review = session.get(Review, rid)
        assert review is not None
        return review


def test_undo_goes_back_by_a_new_event_even_after_a_note(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    rid = _queued(client, engine, settings)
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    token = csrf_from(mod.get(f"/redactie/review/{rid}").text)
    mod.post(f"/redactie/review/{rid}/beslissing", data={"csrf_token": token, "action": "publish"})
    assert _state(engine, rid).state == State.PUBLISHED
    # A note after the decision is an audit event too, but not a decision to undo.
    mod.post(f"/redactie/review/{rid}/notitie", data={"csrf_token": token, "note": "Nagekeken."})
    mod.post(f"/redactie/review/{rid}/ongedaan", data={"csrf_token": token})
    review = _state(engine, rid)
    assert review.state == State.AWAITING_MODERATION
    assert review.published_at is None
    with Session(engine) as session:
        trail = [
            (e.from_state, e.to_state, e.reason_code)
            for e in session.exec(
                select(AuditEvent)
                .where(AuditEvent.subject_kind == "review", AuditEvent.subject_id == rid)
                .order_by(col(AuditEvent.id))
            )
        ]
    assert trail[-3:] == [
        (State.AWAITING_MODERATION, State.PUBLISHED, None),
        (State.PUBLISHED, State.PUBLISHED, "note"),
        (State.PUBLISHED, State.AWAITING_MODERATION, "undo"),
    ]
    assert "published" not in [t for _, t, _ in trail[:-3]]  # nothing rewritten or deleted
    # Undo once; a second undo finds no decision of this moderator to take back.
    again = mod.post(
        f"/redactie/review/{rid}/ongedaan", data={"csrf_token": token}, follow_redirects=True
    )
    assert "niet meer ongedaan maken" in again.text
    assert _state(engine, rid).state == State.AWAITING_MODERATION


def test_another_moderator_cannot_undo_my_decision(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    rid = _queued(client, engine, settings)
    mine, other = client.application.test_client(), client.application.test_client()
    login(mine, accounts["moderator"])
    login(other, accounts["senior"])
    token = csrf_from(mine.get(f"/redactie/review/{rid}").text)
    mine.post(f"/redactie/review/{rid}/beslissing", data={"csrf_token": token, "action": "publish"})
    other_token = csrf_from(other.get("/redactie/").text)
    other.post(f"/redactie/review/{rid}/ongedaan", data={"csrf_token": other_token})
    assert _state(engine, rid).state == State.PUBLISHED


def test_two_moderators_are_led_to_different_items(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    first = _queued(client, engine, settings, email="een@example.be")
    second = _queued(client, engine, settings, email="twee@example.be")
    third = _queued(client, engine, settings, email="drie@example.be")
    a, b = client.application.test_client(), client.application.test_client()
    login(a, accounts["moderator"])
    login(b, accounts["senior"])
    a.get(f"/redactie/review/{first}")  # a claims the oldest
    page_b = b.get(f"/redactie/review/{second}")
    assert 'id="claimed"' not in page_b.text
    # b's "next" skips what a holds; after b's decision b lands on a free item, not on a's.
    token = csrf_from(page_b.text)
    landed = b.post(
        f"/redactie/review/{second}/beslissing", data={"csrf_token": token, "action": "publish"}
    )
    assert landed.location.endswith(f"/redactie/review/{third}")
    queue = b.get("/redactie/").text
    assert "bij moderator" in queue
    # One claim per moderator: when a moves on, the first item is free again.
    a.get(f"/redactie/review/{third}")
    assert "bij moderator" in b.get("/redactie/").text
    assert 'id="claimed"' not in b.get(f"/redactie/review/{first}").text
    assert "in behandeling bij moderator" in b.get(f"/redactie/review/{third}").text


def test_bulk_publish_leaves_what_a_colleague_has_open(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    open_elsewhere = _queued(client, engine, settings, email="open@example.be")
    free = _queued(client, engine, settings, email="vrij@example.be")
    colleague, me = client.application.test_client(), client.application.test_client()
    login(colleague, accounts["senior"])
    login(me, accounts["moderator"])
    colleague.get(f"/redactie/review/{open_elsewhere}")
    confirm_page = me.get("/redactie/bulk").text
    assert f"review:{free}" in confirm_page
    assert f"review:{open_elsewhere}" not in confirm_page
    me.post(
        "/redactie/bulk",
        data={
            "csrf_token": csrf_from(confirm_page),
            "item": [f"review:{free}", f"review:{open_elsewhere}"],
        },
    )
    assert _state(engine, free).state == State.PUBLISHED
    assert _state(engine, open_elsewhere).state == State.AWAITING_MODERATION


def test_history_counts_all_earlier_reviews_without_the_address(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    ids = [
        _queued(client, engine, settings, facility_id=f, email="vaak@example.be") for f in (1, 2, 3)
    ]
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    page = mod.get(f"/redactie/review/{ids[-1]}").text
    assert "Eerdere waarderingen van deze persoon (2)" in page
    assert "vaak@example.be" not in page


BRUSSELS_SUMMER = 2  # CEST: UTC+2


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        # Wednesday 10:00 local -> Wednesday 17:00 local
        (datetime(2025, 6, 11, 8, 0, tzinfo=UTC), datetime(2025, 6, 11, 15, 0, tzinfo=UTC)),
        # Wednesday 18:00 local (after hours) -> Thursday 17:00
        (datetime(2025, 6, 11, 16, 0, tzinfo=UTC), datetime(2025, 6, 12, 15, 0, tzinfo=UTC)),
        # Friday 20:00 local -> Monday 17:00
        (datetime(2025, 6, 13, 18, 0, tzinfo=UTC), datetime(2025, 6, 16, 15, 0, tzinfo=UTC)),
        # Saturday -> Monday; a naive value is read as UTC
        (datetime(2025, 6, 14, 9, 0), datetime(2025, 6, 16, 15, 0, tzinfo=UTC)),
        # winter time (CET, UTC+1): Tuesday 9:00 local -> Tuesday 17:00 local
        (datetime(2025, 1, 14, 8, 0, tzinfo=UTC), datetime(2025, 1, 14, 16, 0, tzinfo=UTC)),
    ],
)
def test_due_at_is_the_end_of_the_same_working_day(submitted: datetime, due: datetime) -> None:
    assert due_at(submitted) == due


def test_target_status_in_words() -> None:
    submitted = datetime(2025, 6, 11, 8, 0, tzinfo=UTC)
    on_time = target_status(submitted, datetime(2025, 6, 11, 10, 30, tzinfo=UTC))
    assert (on_time.age_hours, on_time.late, on_time.hours_left) == (2, False, 4)
    assert on_time.words == "nog 4 uur binnen het doel"
    late = target_status(submitted, datetime(2025, 6, 12, 9, 0, tzinfo=UTC))
    assert late.late
    assert late.words == "doel overschreden (18 uur te laat)"


def test_old_items_show_their_age_in_working_days() -> None:
    submitted = datetime(2024, 6, 11, 8, 0, tzinfo=UTC)  # a Tuesday, long ago
    old = target_status(submitted, datetime(2026, 6, 11, 10, 0, tzinfo=UTC))
    assert old.age_words == "522 werkdagen oud"
    assert old.words == "doel overschreden"
    fresh = target_status(submitted, datetime(2024, 6, 11, 11, 0, tzinfo=UTC))
    assert fresh.age_words == "3 uur oud"
