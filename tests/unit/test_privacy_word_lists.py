"""The shipped copies of wordfreq's and Faker's lists are theirs, so the sets built on them are."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderation.privacy import build_lists, lexicon
from tests.unit.fresh_process import run_fresh

wordfreq = pytest.importorskip("wordfreq")


@pytest.mark.parametrize(("lang", "count"), sorted(lexicon.FREQUENT_WORDS.items()))
def test_shipped_frequent_words_are_wordfreqs(lang: str, count: int) -> None:
    """Fails after a wordfreq upgrade: run `python -m moderation.privacy.build_lists`."""
    assert lexicon.top_n_list(lang, count) == wordfreq.top_n_list(lang, count)


@pytest.mark.parametrize(("lang", "count"), [("nl", 300), ("nl", 2000), ("fr", 300)])
def test_a_shorter_list_is_wordfreqs_shorter_list(lang: str, count: int) -> None:
    assert lexicon.top_n_list(lang, count) == wordfreq.top_n_list(lang, count)


def test_a_longer_list_than_shipped_is_refused() -> None:
    with pytest.raises(ValueError, match="holds 300 words"):
        lexicon.top_n_list("en", 301)


def test_the_sets_are_those_built_from_wordfreq() -> None:
    top = wordfreq.top_n_list
    names = {n.lower() for n in lexicon.first_names() | lexicon.surnames()}
    assert lexicon.common_words() == frozenset(top("nl", 40_000)) | frozenset(top("fr", 15_000))
    assert lexicon.function_words() == frozenset(w for w in top("nl", 2_000) if w not in names)
    stop = {w for lang in ("nl", "en", "fr") for w in top(lang, 300)} - {"jean", "an"}
    assert lexicon.stop_words() == frozenset(stop)


def test_the_builder_writes_what_is_shipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path
    monkeypatch.setattr(lexicon, "DATA", out)
    build_lists.write_frequent_words()
    build_lists.write_faker_lists()
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(
        [f"wordfreq_{lang}.txt" for lang in lexicon.FREQUENT_WORDS]
        + [f"faker_{k}.txt" for k in ("core_names", "first_names", "last_names", "places")]
    )
    shipped = Path(build_lists.__file__).parent / "data"
    for name in written:
        text = (out / name).read_text(encoding="utf-8")
        assert text == (shipped / name).read_text(encoding="utf-8")


def test_loading_the_word_lists_loads_neither_wordfreq_nor_faker() -> None:
    code = (
        "import sys\n"
        "from moderation.privacy import lexicon\n"
        "lexicon.warm_up()\n"
        "print(sorted(m for m in ('wordfreq', 'faker') if m in sys.modules))\n"
    )
    out = run_fresh(code)
    assert out.strip() == "[]"


@pytest.mark.parametrize("kind", ["core_names", "first_names", "last_names", "places"])
def test_shipped_faker_lists_are_fakers(kind: str) -> None:
    """Fails after a Faker upgrade: run `python -m moderation.privacy.build_lists`."""
    pytest.importorskip("faker")
    assert lexicon.faker_list(kind) == build_lists.faker_lists()[kind]


def test_the_name_sets_are_those_built_from_faker() -> None:
    pytest.importorskip("faker")
    live = build_lists.faker_lists()
    nicknames = set(lexicon._read("nicknames.txt"))
    assert lexicon.first_names() == frozenset(lexicon._name_parts(nicknames | live["first_names"]))
    assert lexicon.surnames() == frozenset(lexicon._name_parts(live["last_names"]))
    assert lexicon.core_names() == frozenset(lexicon._name_parts(nicknames | live["core_names"]))
    assert "Sofie" in lexicon.first_names()
    assert "gent" in lexicon.places()
