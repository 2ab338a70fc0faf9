"""The moderator's workspace: claims, notes, reviewer history, filters and bulk publish."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from models import Review, State
from tests.conftest import csrf_from, login
from tests.integration.journey import decide, queued_review

pytestmark = pytest.mark.integration


def _queued(client: Any, engine: Any, settings: Any, **fields: str) -> int:
    return queued_review(client, engine, settings, **fields)


def test_claim_is_shown_to_the_other_moderator(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    rid = _queued(client, engine, settings)
    first, second = client.application.test_client(), client.application.test_client()
    login(first, accounts["moderator"])
    login(second, accounts["senior"])
    assert 'id="claimed"' not in first.get(f"/redactie/review/{rid}").text
    assert "in behandeling bij moderator" in second.get(f"/redactie/review/{rid}").text
    assert "bij moderator" in second.get("/redactie/").text


def test_notes_history_filters_and_bulk_publish(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    plain = _queued(client, engine, settings, email="zelfde@example.be")
    flagged = _queued(
        client,
        engine,
        settings,
        facility_id=2,
        email="zelfde@example.be",
        story="Bestel nu luiers met 20% korting op www.luierland-promo.be",
    )
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    page = mod.get(f"/redactie/review/{flagged}")
    assert "Eerdere waarderingen van deze persoon (1)" in page.text
    assert "zelfde@example.be" not in page.text
    mod.post(
        f"/redactie/review/{flagged}/notitie",
        data={"csrf_token": csrf_from(page.text), "note": "Lijkt reclame, nakijken."},
    )
    assert "Lijkt reclame, nakijken." in mod.get(f"/redactie/review/{flagged}").text
    only_spam = mod.get("/redactie/?signaal=spam").text
    assert f"Waardering #{flagged}" in only_spam
    assert f"Waardering #{plain}" not in only_spam
    elderly = mod.get("/redactie/?sector=ouderenzorg").text
    assert f"Waardering #{flagged}" in elderly
    assert f"Waardering #{plain}" not in elderly

    confirm_page = mod.get("/redactie/bulk")
    assert f"review:{plain}" in confirm_page.text
    assert f"review:{flagged}" not in confirm_page.text  # flagged items are never bulk-published
    mod.post(
        "/redactie/bulk",
        data={
            "csrf_token": csrf_from(confirm_page.text),
            "item": [f"review:{plain}", f"review:{flagged}"],
        },
    )
    with Session(engine) as session:
        states = {r.id: r.state for r in session.exec(select(Review))}
    assert states[plain] == State.PUBLISHED
    assert states[flagged] == State.AWAITING_MODERATION


def test_moderator_adds_a_redaction_the_checks_missed(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    rid = _queued(client, engine, settings, story="De kok heet Gaston en kookt lekker.")
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    page = mod.get(f"/redactie/review/{rid}")
    from services.composition import compose
    from services.subjects import load_subject, subject_parts

    with Session(engine) as session:
        subject = load_subject(session, "review", rid)
        assert subject is not None
        text, _ = compose(subject_parts(session, "review", subject))
    start = text.index("Gaston")
    token = csrf_from(page.text)
    bad = mod.post(
        f"/redactie/review/{rid}/redactie",
        follow_redirects=True,
        data={"csrf_token": token, "start": "5", "end": "99999", "label": "PERSON"},
    )
    assert "kon niet weggelakt worden" in bad.text
    mod.post(
        f"/redactie/review/{rid}/redactie",
        data={"csrf_token": token, "start": str(start), "end": str(start + 6), "label": "PERSON"},
    )
    page = mod.get(f"/redactie/review/{rid}")
    redact_ids = [
        line.split('value="')[1].split('"')[0]
        for line in page.text.splitlines()
        if 'name="redact"' in line
    ]
    mod.post(
        f"/redactie/review/{rid}/beslissing",
        data={"csrf_token": token, "action": "publish", "redact": redact_ids},
    )
    public = client.get("/voorziening/1").text
    assert "De kok heet [naam] en kookt lekker." in public


def test_facility_reports_a_published_review_and_a_moderator_handles_it(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    rid = _queued(client, engine, settings)
    with Session(engine) as session:
        review = session.get(Review, rid)
        assert review is not None
        review.state = State.PUBLISHED
        review.story_redacted = "Gepubliceerd verhaal."
        from models._base import utcnow

        review.published_at = utcnow()
        session.add(review)
        session.commit()
    facility = client.application.test_client()
    login(facility, accounts["facility"])
    dash = facility.get("/voorziening-account/")
    facility.post(
        f"/voorziening-account/waardering/{rid}/melden",
        data={"csrf_token": csrf_from(dash.text), "reason": "onwaar"},
    )
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    queue = mod.get("/redactie/")
    assert "Meldingen van voorzieningen (1)" in queue.text
    item = mod.get(f"/redactie/review/{rid}")
    assert "Bevat feiten die niet kloppen" in item.text
    mod.post(
        f"/redactie/review/{rid}/melding",
        data={"csrf_token": csrf_from(item.text), "action": "remove"},
    )
    with Session(engine) as session:
        gone = session.get(Review, rid)
        assert gone is not None
        assert gone.state == State.REMOVED
    assert "Meldingen van voorzieningen" not in mod.get("/redactie/").text
    assert "Gepubliceerd verhaal." not in client.get("/voorziening/1").text


def test_note_about_a_reviewer_shows_on_their_other_reviews(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    first = _queued(client, engine, settings, email="persoon@example.be")
    second = _queued(client, engine, settings, facility_id=2, email="persoon@example.be")
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    page = mod.get(f"/redactie/review/{first}")
    with Session(engine) as session:
        review = session.get(Review, first)
        assert review is not None
        reviewer_id = review.reviewer_id
    mod.post(
        f"/redactie/reviewer/{reviewer_id}/notitie",
        data={
            "csrf_token": csrf_from(page.text),
            "note": "Schrijft vaak heel kort.",
            "back": f"/redactie/review/{first}",
        },
    )
    assert "Schrijft vaak heel kort." in mod.get(f"/redactie/review/{second}").text


def test_queue_filters_by_facility_and_age(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    from datetime import timedelta

    from models._base import utcnow

    old = _queued(client, engine, settings, email="oud@example.be")
    new = _queued(client, engine, settings, facility_id=2, email="nieuw@example.be")
    with Session(engine) as session:
        review = session.get(Review, old)
        assert review is not None
        # Four days: late whatever weekday this runs (a Friday-evening item is due Monday).
        review.submitted_at = utcnow() - timedelta(days=4)
        session.add(review)
        session.commit()
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    aged = mod.get("/redactie/?ouder_dan=24").text
    assert f"Waardering #{old}" in aged
    assert f"Waardering #{new}" not in aged
    assert "doel overschreden" in aged
    by_name = mod.get("/redactie/?voorziening=linde").text
    assert f"Waardering #{new}" in by_name
    assert f"Waardering #{old}" not in by_name


def test_the_decision_buttons_come_from_the_state_machine(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    from models.states import DECISION_LIST

    rid = _queued(client, engine, settings)
    mod = client.application.test_client()
    login(mod, accounts["senior"])
    page = mod.get(f"/redactie/review/{rid}").text
    for decision in DECISION_LIST:
        shown = f'name="action" value="{decision.code}"' in page
        assert shown == (State.AWAITING_MODERATION in decision.from_states), decision.code
        assert (decision.title in page) == shown


def test_queue_rows_preview_the_published_text_and_count_my_day(
    client: Any, engine: Any, settings: Any, accounts: Any
) -> None:
    long_story = "Mijn zoon gaat er graag naartoe. " * 10
    named = _queued(
        client,
        engine,
        settings,
        story="Juf Annemieke Verhaegen is altijd vriendelijk. " + long_story,
    )
    scores_only = _queued(
        client, engine, settings, text_1="", story="", score_2="2", email="ander@example.be"
    )
    mod = client.application.test_client()
    login(mod, accounts["moderator"])
    page = mod.get("/redactie/").text
    assert "Je nam vandaag nog geen beslissing." in page
    row = page[page.index(f'data-id="{named}"') :]
    row = row[: row.index("</tr>")]
    assert "Verhaegen" not in row  # the preview is the redacted text, as it will be published
    assert "is altijd vriendelijk. Mijn zoon gaat er graag naartoe." in row
    assert "…" in row  # long texts are cut at a word
    assert "gemiddeld 4,5/5" in row
    other = page[page.index(f'data-id="{scores_only}"') :]
    assert "(alleen scores, geen tekst)" in other[: other.index("</tr>")]
    decide(mod, "review", named, "publish")
    decide(mod, "review", scores_only, "escalate", reason="ernstige_feiten")
    day = mod.get("/redactie/").text
    mine = day[day.index('id="my-day"') :]
    mine = mine[: mine.index("</p>")]
    assert "1 gepubliceerd" in mine
    assert "1 doorverwezen" in mine
    other_moderator = client.application.test_client()
    login(other_moderator, accounts["senior"])
    assert "Je nam vandaag nog geen beslissing." in other_moderator.get("/redactie/").text
