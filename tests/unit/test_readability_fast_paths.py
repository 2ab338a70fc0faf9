"""The readability fast paths measure exactly what the plain loops measured."""

from __future__ import annotations

import random
import string

import pytest

from moderation.readability import lexicon
from moderation.readability.metrics import (
    _FILLERS,
    _PUNCTUATION,
    _WORD,
    Measurement,
    _longest_run,
    _spans,
    _word_counts,
    add_word_metrics,
    count_letters,
    looks_like_keyboard_mash,
    surface,
)
from moderation.readability.policy import ReadabilityPolicy

TEXTS = [
    "",
    "woord",
    "een twee drie, vier vijf. zes zeven acht negen tien elf - twaalf dertien",
    "x ''t is 't 's morgens; d'r (tussen haakjes) “aanhalingstekens” en/of\nnieuwe regel",
    "geen enkel leesteken in deze hele lange zin die maar doorgaat en doorgaat zonder einde",
    "a b. c d. e f.",  # equal runs: the first wins
    "... ,,, !!! woord ??? ;;;",
]


def _reference_longest_run(text: str, spans: list[tuple[int, int]]) -> tuple[int, tuple[int, int]]:
    best, best_span = 0, (0, 0)
    if not spans:
        return best, best_span
    breaks = [m.start() for m in _PUNCTUATION.finditer(text)]
    run_start = 0
    b = 0
    for i, (start, _end) in enumerate(spans):
        if i > 0:
            prev_end = spans[i - 1][1]
            while b < len(breaks) and breaks[b] < prev_end:
                b += 1
            if b < len(breaks) and breaks[b] < start:
                run_start = i
        if i - run_start + 1 > best:
            best = i - run_start + 1
            best_span = (spans[run_start][0], spans[i][1])
    return best, best_span


@pytest.mark.parametrize("text", TEXTS)
def test_word_spans_are_the_regex_spans(text: str) -> None:
    assert _spans(text, _WORD.findall(text)) == [m.span() for m in _WORD.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_longest_run_is_the_plain_loop(text: str) -> None:
    spans = [m.span() for m in _WORD.finditer(text)]
    assert _longest_run(text, spans) == _reference_longest_run(text, spans)


def _reference_word_metrics(m: Measurement, policy: ReadabilityPolicy) -> None:
    """add_word_metrics as it was before its facts were kept per word."""
    met = m.metrics
    chat = lexicon.word_list("chat_speak")
    informal = lexicon.word_list("informal")
    lowered = [w.lower() for w in m.words if not w[:1].isupper() or w.isupper()]
    judged = [w for w in lowered if w not in chat and w not in informal]
    unknown_words = [w for w in judged if not lexicon.is_known(w, policy)]
    unknown = len(unknown_words)
    mash = sum(1 for w in unknown_words if looks_like_keyboard_mash(w))
    met["gibberish_words"] = float(mash)
    met["gibberish_rate"] = mash / len(m.words) if m.words else 0.0
    met["spelling_errors"] = float(unknown)
    met["spelling_error_rate"] = unknown / len(judged) if judged else 0.0
    bare = [w.strip("'’") for w in lowered]
    zipfs = [lexicon.zipf(w) for w in bare if w]
    met["mean_zipf"] = sum(zipfs) / len(zipfs) if zipfs else 0.0
    met["difficult_word_ratio"] = (
        sum(1 for z in zipfs if z < policy.difficult_zipf) / len(zipfs) if zipfs else 0.0
    )
    n_words = len(m.words)
    if n_words and met["sentences"]:
        syl = sum(lexicon.syllables(w.lower().strip("'’")) for w in m.words)
        met["flesch_douma"] = 206.835 - 0.93 * (n_words / met["sentences"]) - 77 * (syl / n_words)
    else:
        met["flesch_douma"] = 0.0


_WORDS = [
    "de",
    "opvang",
    "is",
    "goed",
    "'t",
    "'s",
    "morgens",
    "kinderopvangcentrum",
    "juf",
    "Sofie",
    "GENT",
    "MFC",
    "lol",
    "wtf",
    "zalig",
    "gezellig",
    "asdf",
    "qwerty",
    "zzzz",
    "lkjhg",
    "brrr",
    "kindjes",
    "manneke",
    "laarskes",
    "bxqz",
    "’t",
    "d'r",
    "oud-werknemer",
    "straatnaamgeving",
    "Crèche",
    "ÉÉN",
    "überhaupt",
    "xyzzy",
    "ok",
    "oke",
    "dikke",
    "merci",
]


@pytest.mark.parametrize(
    "policy",
    [ReadabilityPolicy(), ReadabilityPolicy(known_zipf=4.0, min_compound_part=4)],
    ids=["default", "strict"],
)
def test_word_metrics_are_the_plain_lists(policy: ReadabilityPolicy) -> None:
    """Same metrics, to the last bit, as the list-by-list computation on 3000 texts."""
    rng = random.Random(17)
    for n in range(3000):
        words = rng.choices(_WORDS, k=rng.randint(0, 40))
        if n % 7 == 0:
            words = [w.upper() if rng.random() < 0.5 else w.capitalize() for w in words]
        text = " ".join(w + rng.choice(["", "", ".", ",", "!"]) for w in words)
        fast, plain = surface(text, policy), surface(text, policy)
        add_word_metrics(fast, policy)
        _reference_word_metrics(plain, policy)
        assert repr(fast.metrics) == repr(plain.metrics), text


def test_letters_and_capitals_are_counted_as_str_counts_them() -> None:
    """The byte count of an ASCII text gives what isalpha/isupper give, char by char."""
    rng = random.Random(5)
    alphabet = string.printable + "éÉßİıſ€😀ǅ"
    for n in range(5000):
        text = "".join(rng.choices(alphabet if n % 2 else string.printable, k=rng.randint(0, 80)))
        expected = (sum(c.isalpha() for c in text), sum(c.isupper() for c in text))
        assert count_letters(text) == expected, text


def _reference_word_counts(words: list[str], shouted_run: int) -> tuple[int, int, int, int]:
    """The shouted, chat, dictation and informal counts as surface made them word list by list."""
    shouted = 0
    caps_run = 0
    for w in words:
        if len(w) >= 2 and w.isupper():
            caps_run += 1
            if caps_run == shouted_run:
                shouted += caps_run
            elif caps_run > shouted_run:
                shouted += 1
        else:
            caps_run = 0
    chat = lexicon.word_list("chat_speak")
    informal = lexicon.word_list("informal")
    lowered = [w.lower() for w in words]
    noise = sum(1 for w in lowered if w in _FILLERS) + sum(
        1 for a, b in zip(lowered, lowered[1:], strict=False) if a == b and len(a) > 1
    )
    return (
        shouted,
        sum(1 for w in lowered if w in chat),
        noise,
        sum(1 for w in lowered if w in informal),
    )


@pytest.mark.parametrize("shouted_run", [1, 2, 3, 5])
def test_word_counts_are_the_list_by_list_counts(shouted_run: int) -> None:
    """One pass counts what the four list passes counted, on 4000 generated word lists."""
    rng = random.Random(shouted_run)
    pool = [*_WORDS, "euh", "Euh", "HMM", "a", "A", "LOL", "Oke", "I", "ſ", "İK"]
    for _ in range(4000):
        words = rng.choices(pool, k=rng.randint(0, 30))
        if words and rng.random() < 0.3:
            words.insert(rng.randint(0, len(words)), words[0].upper())
        assert _word_counts(words, shouted_run) == _reference_word_counts(words, shouted_run)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_the_elongation_check_answers_what_the_elongation_regex_answers(n: int) -> None:
    from moderation.readability.metrics import _elongation_pattern, _has_elongation

    rng = random.Random(n)
    alphabet = "aAbB_1 .eE'ſİıK\u212aé"
    texts = [*TEXTS, "suuuper", "SuUuper", "zzz", "a_aa", "1111", "éééé", "ſſſ", "KKK"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(3000)]
    for text in texts:
        assert _has_elongation(text, n) == bool(_elongation_pattern(n).search(text)), text


def test_the_quicker_break_and_sentence_patterns_find_what_the_plain_ones_find() -> None:
    from moderation.readability.metrics import (
        _DASHES,
        _PLAIN_PUNCTUATION,
        _SENTENCE_END,
        _SENTENCE_END_SCAN,
    )

    rng = random.Random(5)
    alphabet = "ab .,;:!?…()[]\"“”/\n-–—\t\u00a0'"
    texts = [*TEXTS, "a - b", "x\n\n- y", "1 — 2 – 3", "ok...  !? \n\n", "end.", "…"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(16))) for _ in range(3000)]
    for text in texts:
        spans = [m.span() for m in _SENTENCE_END_SCAN.finditer(text)]
        assert spans == [m.span() for m in _SENTENCE_END.finditer(text)], text
        if not any(d in text for d in _DASHES):
            plain = [m.span() for m in _PLAIN_PUNCTUATION.finditer(text)]
            assert plain == [m.span() for m in _PUNCTUATION.finditer(text)], text
