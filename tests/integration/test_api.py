"""The public JSON API: schemathesis against its OpenAPI document, and no unpublished data."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from sqlmodel import Session

from models import Review, State
from models._base import utcnow
from tests.integration.journey import confirm, submit_review
from workers.moderation_job import run_moderation

pytestmark = pytest.mark.integration


@pytest.fixture
def published_app(app: Any, client: Any, engine: Any, settings: Any) -> Any:
    """The app with one published and one waiting review for facility 1."""
    for story, publish in (
        ("Gepubliceerd verhaal, juf Anouk is fijn.", True),
        ("Geheim verhaal dat nog wacht.", False),
    ):
        c = app.test_client()
        submit_review(c, story=story, email=f"{publish}@example.be")
        confirm(c, settings)
        with Session(engine) as session:
            from sqlmodel import select

            review = session.exec(select(Review).where(Review.story == story)).one()
            assert review.id is not None
            run_moderation(session, "review", review.id)
            if publish:
                review.state = State.PUBLISHED
                review.published_at = utcnow()
                session.add(review)
                session.commit()
    return app


def test_api_conforms_to_its_openapi_document(published_app: Any) -> None:
    """Schemathesis generates requests for every operation and validates the answers."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", published_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 3
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def check(case: Any) -> None:
            case.call_and_validate()

        check()


def test_only_published_redacted_data_leaves_the_api(published_app: Any) -> None:
    client = published_app.test_client()
    facilities = client.get("/api/v1/facilities?q=rups").get_json()
    assert [f["name"] for f in facilities["items"]] == ["De Rupsjes"]
    assert facilities["items"][0]["published_reviews"] == 1
    reviews = client.get("/api/v1/facilities/1/reviews").get_json()
    body = str(reviews)
    assert len(reviews["items"]) == 1
    assert "Geheim verhaal" not in body
    assert "Anouk" not in body
    assert "[naam]" in reviews["items"][0]["story"]
    detail = client.get("/api/v1/facilities/1").get_json()
    assert all(t["average"] is None for t in detail["themes"])  # fewer than five reviews
    assert client.get("/api/v1/facilities/999").status_code == 404
    assert client.get("/api/v1/facilities/999/reviews").get_json() == {
        "error": "Deze voorziening bestaat niet."
    }
