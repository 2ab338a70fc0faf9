"""What a check in a batch was told about its unstored batch-mates (workers/batch_overlap)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from moderation import InMemoryHistory, Report, Submission
from moderation.reliability.similarity import NearDuplicateIndex
from workers.batch_overlap import AskingHistory, Unstored, depends_on, may_copy

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
STORY = (
    "De begeleiders van de leefgroep nemen echt de tijd voor onze zoon en bellen ons na elk "
    "weekend. De kamers zijn proper en het eten is gevarieerd."
)


def _sub(n: int, text: str = STORY, reviewer: str = "") -> Submission:
    return Submission(
        id=f"review:{n}",
        kind="review",
        facility_id="1",
        facility_name="De Speelboom",
        sector="kinderopvang",
        municipality="Gent",
        reviewer_id=reviewer or f"reviewer:{n}",
        submitted_at=NOW + timedelta(minutes=n),
        text=text,
        ratings={"1": 1},
    )


def _report(retro: tuple[tuple[str, str], ...] = ()) -> Report:
    return Report((), "", ("burst",), "review", retro_flags=retro)


def test_a_batch_mate_as_the_database_has_it_makes_the_check_run_again() -> None:
    """The database's row of an unstored batch-mate lacks its report; the batch-mate as the
    worker holds it does not."""
    index = NearDuplicateIndex()
    mate = Unstored.of(_sub(1), _report(), index)
    database = InMemoryHistory()
    database.remember(_sub(1))  # the claimed row: no flags yet
    asking = AskingHistory(database, [mate])
    assert asking.recent_for_facility("1", NOW - timedelta(hours=1))
    assert depends_on(asking.asked, [mate])

    held = InMemoryHistory()
    held.add(mate.past)  # the very object the worker holds, with its report's flags
    asking = AskingHistory(held, [mate])
    assert asking.recent_for_facility("1", NOW - timedelta(hours=1))[0].flags == ("burst",)
    assert not depends_on(asking.asked, [mate])


def test_a_submission_an_unstored_report_flags_afterwards_makes_it_run_again() -> None:
    earlier = InMemoryHistory()
    earlier.remember(_sub(1, reviewer="reviewer:7"))
    mate = Unstored.of(_sub(2, "Heel iets anders."), _report((("review:1", "burst"),)), None)
    asking = AskingHistory(earlier, [mate])
    assert asking.by_reviewer("reviewer:7", "1")
    assert depends_on(asking.asked, [mate])
    assert not depends_on(asking.asked, [replace(mate, retro_ids=frozenset({"review:9"}))])


def test_answers_that_name_nobody_in_the_batch_need_no_second_run() -> None:
    asking = AskingHistory(InMemoryHistory(), [Unstored.of(_sub(1), _report(), None)])
    assert asking.reviewer_total("reviewer:1") == 0
    assert not asking.by_reviewer("reviewer:2", "1")
    assert not depends_on(asking.asked, [Unstored.of(_sub(1), _report(), None)])


def test_a_copy_is_a_candidate_where_the_index_would_give_it_once_stored() -> None:
    index = NearDuplicateIndex()
    mate = Unstored.of(_sub(1), _report(), index)
    assert mate.bands
    assert mate.stored_signature
    assert may_copy(index, STORY.replace("zoon", "dochter"), mate)
    other = "Wij vonden de opvang te duur en de uren passen niet bij ons werk, jammer genoeg."
    assert not may_copy(index, other, mate)
    stored = NearDuplicateIndex()
    stored.add(mate.past.id, mate.past.text)
    for text in (STORY.replace("zoon", "dochter"), other):
        assert (mate.past.id in stored.candidates(text)) == may_copy(index, text, mate)
    assert not may_copy(None, STORY, Unstored.of(_sub(1), _report(), None))
