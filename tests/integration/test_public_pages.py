"""The facility page: averages from five reviews, distribution, period, theme filter, positive."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from models import Review
from tests.integration.journey import publish_reviews

pytestmark = pytest.mark.integration


def _publish(engine: Any, n: int, score: int, theme: int = 1) -> None:
    publish_reviews(engine, [f"Verhaal {score}-{i}" for i in range(n)], {theme: score})


def test_averages_only_from_five_reviews_with_distribution(client: Any, engine: Any) -> None:
    _publish(engine, 4, 5)
    page = client.get("/voorziening/1").text
    assert "We tonen gemiddelden vanaf 5" in page
    assert "Positief verhaal" in page
    _publish(engine, 1, 1, theme=2)
    page = client.get("/voorziening/1").text
    assert "5 gepubliceerde waarderingen, van" in page
    assert "5,0 (heel goed)" in page  # the Flemish decimal comma
    overall = page[page.index('id="overall"') :]
    assert overall.index("4,2") < overall.index("gemiddelde van 5 waarderingen")  # it leads
    assert 'aria-label="0 keer 1, 0 keer 2, 0 keer 3, 0 keer 4, 4 keer 5"' in page
    only_theme_2 = client.get("/voorziening/1?thema=2").text
    assert "Verhaal 1-0" in only_theme_2
    assert "Verhaal 5-0" not in only_theme_2
    assert client.get("/voorziening/1?thema=99").status_code == 200  # ignored, not an error


def test_search_by_name_town_postcode_sector_and_type(client: Any, engine: Any) -> None:
    from models import Facility

    with Session(engine) as session:
        session.add(
            Facility(
                name="Zonnewende",
                sector="ouderenzorg",
                type="woonzorgcentrum",
                municipality="Brugge",
                postcode="8000",
            )
        )
        session.commit()
    assert "Zonnewende" in client.get("/zoeken?q=brugge").text
    assert "Zonnewende" in client.get("/zoeken?q=8000").text
    assert "Zonnewende" in client.get("/zoeken?type=woonzorgcentrum").text
    assert "Zonnewende" not in client.get("/zoeken?type=groepsopvang").text
    assert "Zonnewende" not in client.get("/zoeken?sector=kinderopvang").text


def test_facility_dashboard_shows_scores_per_quarter(
    client: Any, engine: Any, accounts: Any
) -> None:
    from tests.conftest import login

    _publish(engine, 2, 4)
    facility = client.application.test_client()
    login(facility, accounts["facility"])
    page = facility.get("/voorziening-account/").text
    assert "Gemiddelde score per kwartaal" in page
    assert ": 4,0 op 5 (2 antwoorden)" in page


def test_right_of_reply_delays_a_critical_review_and_warns_the_facility(
    make_settings: Any, redis_server: Any, engine: Any, accounts: Any
) -> None:
    from datetime import timedelta

    from sqlmodel import select

    from services.notices import notify
    from tests.conftest import csrf_from, login, mails
    from tests.integration.journey import confirm, submit_review
    from web import create_app
    from workers.moderation_job import run_moderation

    settings = make_settings(redis_server.url, reply_notice_hours=72)
    app = create_app(settings)
    family = app.test_client()
    submit_review(family, score_1="1", score_2="2", story="Heel teleurstellend.")
    confirm(family, settings)
    with Session(engine, expire_on_commit=False) as session:
        review = session.exec(select(Review)).one()
        assert review.id is not None
        run_moderation(session, "review", review.id)
    mod = app.test_client()
    login(mod, accounts["moderator"])
    item = mod.get(f"/redactie/review/{review.id}")
    mod.post(
        f"/redactie/review/{review.id}/beslissing",
        data={"csrf_token": csrf_from(item.text), "action": "publish"},
    )
    assert "Heel teleurstellend." not in family.get("/voorziening/1").text
    notify(engine, settings, "review", review.id)
    assert "Een kritische waardering komt binnenkort online" in [
        m["Subject"] for m in mails(settings)
    ]
    # The family is not told "online" while it is not: when, in Belgian time, and why.
    from services.notices import local_time

    told = next(
        m for m in mails(settings) if m["Subject"] == "Je waardering komt binnenkort online"
    )
    with Session(engine) as session:
        due = session.get(Review, review.id).published_at  # type: ignore[union-attr]
    assert due is not None
    text = told.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"Ze komt online op {local_time(due)}." in text
    assert "Tot dan kan de voorziening een reactie schrijven" in text
    assert "Je waardering staat online" not in [m["Subject"] for m in mails(settings)]
    facility = app.test_client()
    login(facility, accounts["facility"])
    assert "komt online op" in facility.get("/voorziening-account/").text
    with Session(engine) as session:
        stored = session.get(Review, review.id)
        assert stored is not None
        assert stored.published_at is not None
        stored.published_at -= timedelta(hours=73)
        session.add(stored)
        session.commit()
    assert "Heel teleurstellend." in family.get("/voorziening/1").text


def test_reviews_sort_and_filter_by_score_with_a_link_each(client: Any, engine: Any) -> None:
    _publish(engine, 2, 5)
    _publish(engine, 2, 1)
    _publish(engine, 1, 3)
    low_first = client.get("/voorziening/1?sorteer=laagste").text
    assert low_first.index("Verhaal 1-0") < low_first.index("Verhaal 5-0")
    high_first = client.get("/voorziening/1?sorteer=hoogste").text
    assert high_first.index("Verhaal 5-0") < high_first.index("Verhaal 1-0")
    only_three = client.get("/voorziening/1?score=3").text
    assert "Verhaal 3-0" in only_three
    assert "Verhaal 5-0" not in only_three
    assert "Verhaal 1-0" not in only_three
    assert 'id="waardering-' in only_three  # each review has a link of its own


def test_theme_score_and_order_combine(client: Any, engine: Any) -> None:
    _publish(engine, 1, 4, theme=2)
    _publish(engine, 1, 2, theme=2)
    _publish(engine, 1, 5)
    lowest_of_theme_2 = client.get("/voorziening/1?thema=2&sorteer=laagste").text
    assert lowest_of_theme_2.index("Verhaal 2-0") < lowest_of_theme_2.index("Verhaal 4-0")
    assert "Verhaal 5-0" not in lowest_of_theme_2
    fours_of_theme_2 = client.get("/voorziening/1?thema=2&score=4").text
    assert "Verhaal 4-0" in fours_of_theme_2
    assert "Verhaal 2-0" not in fours_of_theme_2
    oldest = client.get("/voorziening/1?sorteer=oudste").text
    assert oldest.index("Verhaal 4-0") < oldest.index("Verhaal 2-0") < oldest.index("Verhaal 5-0")
    newest = client.get("/voorziening/1").text
    assert newest.index("Verhaal 5-0") < newest.index("Verhaal 2-0") < newest.index("Verhaal 4-0")
