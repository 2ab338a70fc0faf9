"""Reliability: Flemish cases of my own for every flag, negations and near-misses."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from moderation import InMemoryHistory, PastSubmission, Policy, Submission, moderate
from moderation.reliability import NearDuplicateIndex, ReliabilityPolicy, check_reliability

T0 = datetime(2026, 3, 2, 10, 0)


def sub(
    text: str,
    sid: str = "s1",
    reviewer: str = "u1",
    facility: str = "f1",
    at: datetime = T0,
    ratings: dict[str, int] | None = None,
    kind: str = "review",
    sector: str = "kinderopvang",
) -> Submission:
    return Submission(
        id=sid,
        kind=kind,
        facility_id=facility,  # type: ignore[arg-type]
        facility_name="De Speelvogel",
        sector=sector,
        municipality="Leuven",
        reviewer_id=reviewer,
        submitted_at=at,
        text=text,
        ratings=ratings if ratings is not None else {"1": 3, "2": 3},
    )


def flags(text: str, **kw: object) -> set[str]:
    result = check_reliability(sub(text, **kw), InMemoryHistory(), ReliabilityPolicy())  # type: ignore[arg-type]
    return {f.check for f in result.findings} - {"risk"}


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        (
            "De begeleider heeft onze zoon in het gezicht geslagen omdat hij niet wou eten.",
            "serious_allegation",
        ),
        (
            "Mijn moeder lag 's morgens in een natte pamper en niemand had het gezien.",
            "serious_allegation",
        ),
        ("Ze hebben ons kindje drie uur alleen gelaten in de slaapkamer.", "serious_allegation"),
        (
            "Mijn vader is gevallen in de gang en ze hebben hem tot de ochtend laten liggen, "
            "niemand kwam.",
            "serious_allegation",
        ),
        ("Een begeleider heeft mijn dochter ongepast aangeraakt.", "serious_allegation"),
        ("Onze zoon kwam thuis met blauwe plekken op zijn armen.", "serious_allegation"),
        (
            "Ik heb daar 5 jaar gewerkt en ben buitengegooid. Ik zal ervoor zorgen dat iedereen "
            "weet wat voor bende het is.",
            "revenge",
        ),
        ("Boycot deze opvang! Haal uw kinderen daar weg zolang het kan.", "revenge"),
        (
            "De beste opvang van heel Vlaanderen! Ons kind heeft er nog nooit één traan gelaten.",
            "implausible",
        ),
        (
            "Na twee weken liep oma terug zonder rollator, ze is precies tien jaar jonger. Een "
            "wonder!",
            "implausible",
        ),
        ("Die verantwoordelijke is een echte trut.", "abusive"),
        ("Wat een bende idioten daar, echt waar.", "abusive"),
        ("Leuke opvang! Bestel nu luiers met 15% korting op www.luierkoning-shop.be", "spam"),
        ("Verdien €300 per dag met crypto, stuur INFO via WhatsApp.", "spam"),
    ],
)
def test_flags_what_it_should(text: str, flag: str) -> None:
    assert flag in flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ons zoontje is daar nooit geslagen of gestraft, ze gaan heel rustig met hem om.",
        "Als ouder voel je je soms alleen gelaten in de zoektocht naar een plaats.",
        "De communicatie kan beter, we horen pas laat van sluitingsdagen.",
        "Juf An is een schat en de tuin is mooi. Echt een aanrader voor Leuven!",
        "Meer info over de inspectie vind je op www.zorginspectie.be.",
        "Ik heb er als student gewerkt en vond het een fijne plek voor de kinderen.",
        "De prijs is hoog, maar de zorg is goed.",
        "Ze hebben zijn medicatie altijd goed opgevolgd, ook 's avonds.",
    ],
)
def test_ordinary_reviews_stay_unflagged(text: str) -> None:
    assert flags(text) == set()


def test_near_duplicate_flags_the_copy_and_names_the_original() -> None:
    history = InMemoryHistory()
    original = (
        "De juffen zijn warm en geduldig en we krijgen elke dag een verslagje met "
        "foto's. Parkeren is wel lastig aan de ingang."
    )
    first = sub(original, sid="a")
    history.add(PastSubmission("a", "review", "f1", "u1", T0, original, {}))
    copy = original.replace("lastig", "moeilijk") + " Aanrader!"
    report = moderate(
        sub(copy, sid="b", reviewer="u2", facility="f9", at=T0 + timedelta(days=1)), history
    )
    dup = [f for f in report.findings if f.check == "near_duplicate"]
    assert len(dup) == 1
    assert dup[0].related_id == "a"
    assert "near_duplicate" not in moderate(first, InMemoryHistory()).flags


class _Listed:
    """A history whose candidates come in the order given (as an index may return them)."""

    def __init__(self, pasts: list[PastSubmission]) -> None:
        self.pasts = pasts

    def similar(self, text: str, exclude_id: str) -> list[PastSubmission]:
        return [p for p in self.pasts if p.id != exclude_id]


@pytest.mark.parametrize("reverse", [False, True])
def test_of_two_identical_earlier_copies_the_earliest_is_named(reverse: bool) -> None:
    from moderation.reliability.history_rules import near_duplicate

    text = (
        "Onze zoon gaat er graag naartoe, de begeleiders nemen de tijd voor een babbel en "
        "de maaltijden zijn vers. Alleen de parking is te klein."
    )
    pasts = [
        PastSubmission("early", "review", "f1", "u1", T0, text, {}),
        PastSubmission("later", "review", "f1", "u2", T0 + timedelta(hours=3), text, {}),
    ]
    history = _Listed(pasts[::-1] if reverse else pasts)
    found = near_duplicate(
        sub(text, sid="now", reviewer="u3", at=T0 + timedelta(days=1)),
        history,  # type: ignore[arg-type]
        ReliabilityPolicy(),
    )
    assert [f.related_id for f in found] == ["early"]


def test_burst_flags_every_member_including_the_earlier_ones() -> None:
    history = InMemoryHistory()
    ids = []
    retro: set[str] = set()
    for n in range(5):
        s = sub(
            f"Fantastische opvang, echt de max, nummer {n}!",
            sid=f"b{n}",
            reviewer=f"new{n}",
            at=T0 + timedelta(minutes=20 * n),
            ratings={str(t): 5 for t in range(1, 9)},
        )
        report = moderate(s, history)
        retro |= {i for i, flag in report.retro_flags if flag == "burst"}
        if "burst" in report.flags:
            retro.add(s.id)
        history.add(
            PastSubmission(
                s.id,
                "review",
                s.facility_id,
                s.reviewer_id,
                s.submitted_at,
                s.text,
                s.ratings,
                report.flags,
            )
        )
        ids.append(s.id)
    assert retro == set(ids)


def test_no_burst_for_mixed_or_slow_reviews() -> None:
    history = InMemoryHistory()
    for n in range(5):
        s = sub(
            f"Gewone waardering {n}.",
            sid=f"m{n}",
            reviewer=f"r{n}",
            at=T0 + timedelta(days=7 * n),
            ratings={"1": 5, "2": 5},
        )
        assert "burst" not in moderate(s, history).flags
        history.add(
            PastSubmission(s.id, "review", "f1", s.reviewer_id, s.submitted_at, s.text, s.ratings)
        )


@pytest.mark.parametrize(
    ("sector", "months_later", "flagged"),
    [("kinderopvang", 6, True), ("kinderopvang", 13, False), ("ouderenzorg", 5, False)],
)
def test_interval_per_sector(sector: str, months_later: int, flagged: bool) -> None:
    policy = Policy(reliability=ReliabilityPolicy(interval_months_per_sector={"ouderenzorg": 3}))
    history = InMemoryHistory()
    history.add(PastSubmission("old", "review", "f1", "u1", T0, "Eerste waardering.", {}))
    later = sub(
        "Tweede waardering.", sid="new", sector=sector, at=T0 + timedelta(days=30 * months_later)
    )
    report = moderate(later, history, policy)
    assert ("interval" in report.flags) is flagged


def test_index_candidates_do_not_scan_everything() -> None:
    index = NearDuplicateIndex()
    for n in range(200):
        index.add(f"k{n}", f"Een heel andere tekst over onderwerp {n} met eigen woorden {n * 7}.")
    text = "De juffen zijn warm en geduldig en we krijgen elke dag een verslagje met foto's."
    index.add("target", text)
    assert "target" in index.candidates(text + " Top!")
    assert len(index.candidates(text)) < 10


def test_serious_allegation_is_routed_to_escalate() -> None:
    report = moderate(
        sub("De nachtverpleger heeft mijn moeder hardhandig vastgepakt en geduwd."),
        InMemoryHistory(),
    )
    assert report.route == "escalate"


class _WindowWithoutTexts:
    """An in-memory history that gives its window and reviewer answers without texts."""

    def __init__(self) -> None:
        self.inner = InMemoryHistory()

    def by_reviewer(self, reviewer_id: str, facility_id: str) -> list[PastSubmission]:
        return [replace(p, text="") for p in self.inner.by_reviewer(reviewer_id, facility_id)]

    def reviewer_total(self, reviewer_id: str) -> int:
        return self.inner.reviewer_total(reviewer_id)

    def recent_for_facility(self, facility_id: str, since: datetime) -> list[PastSubmission]:
        return [replace(p, text="") for p in self.inner.recent_for_facility(facility_id, since)]

    def similar(self, text: str, exclude_id: str) -> list[PastSubmission]:
        return list(self.inner.similar(text, exclude_id))


def test_the_window_rules_read_no_text_as_the_history_contract_allows() -> None:
    """Reports are the same when `by_reviewer` and `recent_for_facility` give empty texts
    (the worker's history does, to keep a burst window's query light)."""
    stories = [
        "Fantastische opvang, de juffen zijn warm en geduldig en het eten is elke dag vers.",
        "Slechte opvang, niemand luistert en de kinderen zitten de hele dag voor een scherm.",
        "Gewone opvang, soms goed en soms minder, het parkeren is lastig aan de ingang.",
    ]
    full, bare = InMemoryHistory(), _WindowWithoutTexts()
    seen: set[str] = set()
    for n in range(30):
        score = (5, 1, 3)[n % 3]
        s = sub(
            stories[n % 3] + ("" if n % 4 == 0 else f" Dat zegt ouder nummer {n}."),
            sid=f"w{n}",
            reviewer="again" if n % 5 == 0 else f"new{n}",
            facility=f"f{n % 2}",
            at=T0 + timedelta(minutes=15 * n),
            ratings={str(t): score for t in range(1, 9)},
        )
        reports = [moderate(s, full), moderate(s, bare)]
        assert reports[0] == reports[1]
        seen |= set(reports[0].flags)
        for history in (full, bare.inner):
            history.remember(s, reports[0].flags)
    assert {"burst", "interval", "near_duplicate"} <= seen  # each rule had something to read
