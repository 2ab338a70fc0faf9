"""Spelling tips in the live hints: a few likely typos with their fix, and nothing for dialect."""

from __future__ import annotations

from moderation.contract import Finding
from moderation.readability.hints import writing_hints
from moderation.readability.policy import ReadabilityPolicy
from moderation.readability.spelling import spelling_suggestions


def test_typos_of_care_words_get_their_fix() -> None:
    text = "De opvnag is goed en de begeleidng is warm. De kinderverzorster is tevreeden."
    assert spelling_suggestions(text) == [
        ("opvnag", "opvang"),
        ("begeleidng", "begeleiding"),
        ("kinderverzorster", "kinderverzorgster"),
    ]


def test_flemish_words_and_dialect_are_left_alone() -> None:
    text = (
        "Ons bomma zit daar content in haar zetel. Da is goe, ni slecht: plezant volk, "
        "de kinesiste komt seffens en de onthaalmoeder was ambetant noch sjiek."
    )
    assert spelling_suggestions(text) == []


def test_capitals_and_personal_data_are_never_corrected() -> None:
    assert spelling_suggestions("Opvnag en Begeleidng zijn goed.") == []  # a capital: a name?
    text = "Zij heet begeleidng en doet de opvnag."
    start = text.index("begeleidng")
    name = Finding("privacy", "PERSON", start, start + len("begeleidng"), "naam")
    assert spelling_suggestions(text) == [("begeleidng", "begeleiding"), ("opvnag", "opvang")]
    assert spelling_suggestions(text, [name]) == [("opvnag", "opvang")]


def test_at_most_the_policy_number_of_suggestions() -> None:
    text = "opvnag begeleidng tevreeden aktiviteiten"
    assert len(spelling_suggestions(text, policy=ReadabilityPolicy(max_suggestions=2))) == 2


def test_the_spelling_hint_is_kind_and_never_blocks() -> None:
    hints = writing_hints("We zijn tevreeden over de opvnag van ons dochtertje.", [])
    spelling = [h for h in hints if h.code == "spelling"]
    assert len(spelling) == 1
    assert "'tevreden' in plaats van 'tevreeden'" in spelling[0].message
    assert "Zo laten mag ook" in spelling[0].message
    assert not [
        h for h in writing_hints("We zijn tevreden over de opvang.", []) if h.code == "spelling"
    ]
