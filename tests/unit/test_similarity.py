"""Near-duplicates: short copies, small edits, reordered sentences, one signature per text."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from moderation import InMemoryHistory, Submission, moderate
from moderation.reliability import NearDuplicateIndex
from moderation.reliability.similarity import NUM_PERM, normalise, signature, similarity
from tests.unit.fresh_process import run_fresh

T0 = datetime(2026, 5, 4, 9, 0)


def sub(text: str, sid: str, facility: str = "f1", hours: int = 0) -> Submission:
    return Submission(
        id=sid,
        kind="review",
        facility_id=facility,
        facility_name="De Kangoeroe",
        sector="kinderopvang",
        municipality="Mechelen",
        reviewer_id=f"u-{sid}",
        submitted_at=T0 + timedelta(hours=hours),
        text=text,
        ratings={"1": 3, "2": 4},
    )


def is_flagged_copy(original: str, later: str, facility: str = "f1") -> bool:
    history = InMemoryHistory()
    first = sub(original, "eerste")
    history.remember(first, moderate(first, history).flags)
    return "near_duplicate" in moderate(sub(later, "later", facility, hours=5), history).flags


@pytest.mark.parametrize(
    ("original", "later", "facility"),
    [
        # a very short text copied as it is, punctuation aside
        ("Fijne crèche, toffe begeleiders!", "fijne creche toffe begeleiders", "f1"),
        # a small edit, copied onto another facility
        (
            "Vriendelijke ploeg, maar de telefoon neemt niemand op. Na 16u is het bureau dicht.",
            "Vriendelijke ploeg, maar de telefoon neemt niemand op. Na 16 uur is het bureau dicht.",
            "f7",
        ),
        # copied onto another facility, with that facility's name and town put in
        (
            "Wij zijn zo blij met Kinderdagverblijf De Pagadder in Aalst. De juffen zijn lief, "
            "het eten is vers en er is altijd plaats, ook op woensdagnamiddag. Een aanrader!",
            "Wij zijn zo blij met Kinderopvang Het Speelhuis in Ninove. De juffen zijn lief, "
            "het eten is vers en er is altijd plaats, ook op woensdagnamiddag. Een aanrader!",
            "f8",
        ),
        # the same sentences in another order
        (
            "Ons ma zit hier sinds de winter. De verpleging is lief en geduldig. "
            "Het eten is elke dag warm en vers. Alleen de parking is te klein.",
            "De verpleging is lief en geduldig. Alleen de parking is te klein. "
            "Ons ma zit hier sinds de winter. Het eten is elke dag warm en vers.",
            "f1",
        ),
    ],
)
def test_copies_are_caught(original: str, later: str, facility: str) -> None:
    assert is_flagged_copy(original, later, facility)


@pytest.mark.parametrize(
    ("original", "later"),
    [
        ("Heel content van de opvang hier.", "Heel content van de begeleiding hier."),
        ("Toffe juffen en een propere zaal.", "Toffe juffen, propere zaal, goed eten."),
        ("Een warme plek voor ons pa.", "Een warme plek voor ons moeke."),
        ("Top!", "Top!"),  # too short to say anything about who wrote it
    ],
)
def test_different_short_texts_are_not_copies(original: str, later: str) -> None:
    assert not is_flagged_copy(original, later)


def test_a_text_that_contains_another_is_not_its_copy() -> None:
    short = "De begeleiding is warm en betrokken."
    longer = (
        short
        + " "
        + " ".join(
            [
                "Mijn broer woont er sinds twee jaar en gaat elke week mee naar de markt.",
                "De dagbesteding is gevarieerd, van koken tot houtbewerking en muziek.",
                "Wel jammer dat er zoveel wissels in de ploeg zijn geweest dit jaar.",
            ]
        )
    )
    assert similarity(short, longer) < 85
    assert similarity(longer, short) < 85


def test_texts_without_words_are_never_alike() -> None:
    assert similarity("!!! ???", "!!! ???") == 0.0


def test_normalise_strips_accents_case_and_punctuation() -> None:
    assert normalise("Crèche ‘t Kriebeltje: héél tof!") == "creche t kriebeltje heel tof"


def test_check_and_save_share_one_signature() -> None:
    history = InMemoryHistory()
    text = "De kinesist komt twee keer per week en neemt echt de tijd voor ons moeke."
    before = signature.cache_info()
    submission = sub(text, "enige")
    history.remember(submission, moderate(submission, history).flags)
    after = signature.cache_info()
    assert after.misses - before.misses == 1
    assert after.hits - before.hits >= 1


def test_signatures_are_the_same_in_every_process() -> None:
    text = "Elke vrijdag is er soep met balletjes en de bewoners kijken ernaar uit."
    code = (
        "from moderation.reliability.similarity import signature; "
        f"print(list(signature({text!r}).hashvalues))"
    )
    other = run_fresh(code)
    assert other.strip() == str(list(signature(text).hashvalues))


def test_an_edited_copy_is_a_candidate_of_the_index() -> None:
    index = NearDuplicateIndex()
    index.add("a", "Goede zorg, maar de bel wordt 's nachts pas na een half uur beantwoord.")
    index.add("b", "Een heel ander verhaal over de tuin, de kippen en de moestuin van het huis.")
    found = index.candidates("Goede zorg, maar de bel wordt 's nachts pas na 30 min beantwoord.")
    assert found == ["a"]
    assert len(index.band_keys("Goede zorg.")) == index.lsh.b


def test_close_signatures_are_kept_as_one_by_one() -> None:
    """The one numpy comparison keeps the same keys as the key-by-key loop, at every count
    of equal values (the threshold itself included), and without signatures falls back."""
    rng = np.random.default_rng(17)
    index = NearDuplicateIndex()
    for n in range(200):
        text = f"De opvang in de straat nummer {n} is goed en de juf is lief voor ons kind."
        sig = signature(text).hashvalues
        keys, stored = [], []
        for k in range(int(rng.integers(1, 40))):
            other = sig.copy()
            changed = rng.choice(NUM_PERM, size=int(rng.integers(0, NUM_PERM + 1)), replace=False)
            other[changed] ^= np.uint32(1 + k)
            keys.append(f"k{k}")
            stored.append(other.tobytes())
        expected = index._keep_close_one_by_one(sig, keys, stored)
        assert index.keep_close(text, keys, stored) == expected
        assert 0 < len(expected) < len(keys) or len(keys) < 8
        with_missing: list[bytes | None] = [*stored, None]
        assert index.keep_close(text, [*keys, "old"], with_missing) == [*expected, "old"]
