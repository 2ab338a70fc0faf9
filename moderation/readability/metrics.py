"""Readability metrics of a text: surface signals first, then word knowledge."""

from __future__ import annotations

import functools
import re
import string
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from moderation.readability import lexicon
from moderation.readability.policy import ReadabilityPolicy
from moderation.regex_set import led

# A word: letters, optionally joined by an apostrophe or hyphen; a leading apostrophe stays so
# that standard "'t" and "'s" differ from chat-style "t".
_WORD = re.compile(r"['’]?[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n+")
# Anything that lets a reader breathe; a wall is a long run of words between two of these.
_PUNCTUATION = re.compile(r"[.,;:!?…()\[\]\"“”/]|\n|\s[-–—]\s")
# The same matches, found quicker: the sentence ends behind a lookahead for their first
# character (re no longer tries the pattern at every position), the breaks without their
# dash branch in a text without a dash (that branch starts at every space).
_SENTENCE_END_SCAN = led(_SENTENCE_END, r"[.!?…\n]")
_PLAIN_PUNCTUATION = re.compile(r"[.,;:!?…()\[\]\"“”/\n]")
_DASHES = ("-", "–", "—")
_EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
)
# Skin tones, variation selectors and joiners glue emoji together; they are not extra emoji.
_EMOJI_GLUE = re.compile("[\u200d\ufe0f\ufe0e\U0001f3fb-\U0001f3ff]")


# Letters that sit next to each other on a QWERTY or AZERTY keyboard row, both directions.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn")
_KEYBOARD_RUNS = frozenset(
    run[i : i + 4] for row in _ROWS for run in (row, row[::-1]) for i in range(len(run) - 3)
)
_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûü")
# Hesitations that speech-to-text writes out.
_FILLERS = frozenset({"euh", "uh", "uhm", "ehm", "eh", "hmm", "ehh", "euhm"})
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_ASCII_CAPITALS = string.ascii_uppercase.encode("ascii")
_FACTS_MAX = 200_000  # words in a per-word table before it starts afresh


def looks_like_keyboard_mash(word: str) -> bool:
    """A letter string nobody would type on purpose: 'lkjhg', 'qwerty', 'zzzzz'."""
    w = word.lower()
    if len(w) < 4:
        return False
    if len(set(w)) == 1:
        return True
    if not any(c in _VOWELS for c in w):
        return True
    return any(w[i : i + 4] in _KEYBOARD_RUNS for i in range(len(w) - 3))


@dataclass
class Measurement:
    """Metrics of one text, plus the spans that findings and hints point at."""

    metrics: dict[str, float] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    wall_span: tuple[int, int] = (0, 0)
    longest_sentence_span: tuple[int, int] = (0, 0)


@functools.cache
def _flood_pattern(n: int) -> re.Pattern[str]:
    return re.compile(rf"[!?]{{{n},}}")


@functools.cache
def _elongation_pattern(n: int) -> re.Pattern[str]:
    return re.compile(rf"([^\W\d_])\1{{{n - 1},}}", re.IGNORECASE)


_ASCII_LOWERCASE = frozenset(string.ascii_lowercase)


def _has_elongation(text: str, n: int) -> bool:
    """Does `_elongation_pattern(n)` match somewhere in `text`? In an ASCII text its letters
    are A-Z and a-z, and a run is n copies of one lowercase letter in the lowercased text:
    a few substring searches instead of a regex tried at every letter."""
    if text.isascii():
        lowered = text.lower()
        return any(ch * n in lowered for ch in _ASCII_LOWERCASE.intersection(lowered))
    return _elongation_pattern(n).search(text) is not None


@functools.cache
def _emoji_flood_pattern(n: int) -> re.Pattern[str]:
    one = _EMOJI.pattern
    return re.compile(rf"{one}(?:\s*{one}){{{n - 1},}}")


def _longest_run(text: str, spans: list[tuple[int, int]]) -> tuple[int, tuple[int, int]]:
    """Longest run of words with no punctuation between them: (words, span).

    No break stands inside a word, so each break opens a run at the first word after it; the
    first longest run wins.
    """
    if not spans:
        return 0, (0, 0)
    n = len(spans)
    starts = [start for start, _end in spans]
    breaks = _PUNCTUATION if any(d in text for d in _DASHES) else _PLAIN_PUNCTUATION
    openers = {bisect_right(starts, m.start()) for m in breaks.finditer(text)}
    bounds = sorted(b for b in openers if 0 < b < n)
    best, first = 0, 0
    for run_start, run_end in zip([0, *bounds], [*bounds, n], strict=True):
        if run_end - run_start > best:
            best, first = run_end - run_start, run_start
    return best, (spans[first][0], spans[first + best - 1][1])


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each word of `_WORD.findall(text)` stands: no word can start between two words,
    so the next occurrence of a word after the previous one is the one the regex found."""
    spans = []
    find = text.find
    pos = 0
    for word in words:
        start = find(word, pos)
        pos = start + len(word)
        spans.append((start, pos))
    return spans


def count_letters(text: str) -> tuple[int, int]:
    """How many characters of `text` are letters, and how many capitals (`str.isalpha`,
    `str.isupper`); an ASCII text's letters are A-Z and a-z, counted in its bytes."""
    if text.isascii():
        raw = text.encode("ascii")
        others = len(raw.translate(None, _ASCII_LETTERS))
        lowercase = len(raw.translate(None, _ASCII_CAPITALS))
        return len(raw) - others, len(raw) - lowercase
    return sum(map(str.isalpha, text)), sum(map(str.isupper, text))


#: Per word: its lowercase, whether it is in capitals (two letters or more), and whether it is
#: chat speak, an informal word, a hesitation (0 or 1 each). Bounded: cleared when full.
_SURFACE_FACTS: dict[str, tuple[str, bool, int, int, int]] = {}


def _surface_facts(word: str) -> tuple[str, bool, int, int, int]:
    lowered = word.lower()
    return (
        lowered,
        len(word) >= 2 and word.isupper(),
        int(lowered in lexicon.word_list("chat_speak")),
        int(lowered in lexicon.word_list("informal")),
        int(lowered in _FILLERS),
    )


def _word_counts(words: list[str], shouted_run: int) -> tuple[int, int, int, int]:
    """Shouted words, chat speak, dictation noise and informal words, in one pass."""
    if len(_SURFACE_FACTS) > _FACTS_MAX:
        _SURFACE_FACTS.clear()
    table = _SURFACE_FACTS
    shouted = caps_run = chat = noise = informal = 0
    previous = ""
    for word in words:
        facts = table.get(word)
        if facts is None:
            facts = table[word] = _surface_facts(word)
        lowered, capitals, is_chat, is_informal, is_filler = facts
        # Shouted words: all-caps words in a run; a single acronym ("MFC") is not shouting.
        if capitals:
            caps_run += 1
            if caps_run == shouted_run:
                shouted += caps_run
            elif caps_run > shouted_run:
                shouted += 1
        else:
            caps_run = 0
        chat += is_chat
        informal += is_informal
        # Dictation noise: hesitations written out and the same word twice in a row.
        noise += is_filler + (lowered == previous and len(lowered) > 1)
        previous = lowered
    return shouted, chat, noise, informal


def surface(text: str, policy: ReadabilityPolicy) -> Measurement:
    """Measure what needs no dictionary: lengths, capitals, floods, chat speak, walls."""
    m = Measurement()
    met = m.metrics
    words = _WORD.findall(text)
    spans = _spans(text, words)
    m.words = words
    n_words = len(words)
    letters, upper = count_letters(text)
    met["chars"] = float(len(text))
    met["words"] = float(n_words)
    met["letters"] = float(letters)
    met["capitals_ratio"] = upper / letters if letters >= policy.min_letters_for_shouting else 0.0

    # Sentences: runs between end marks; their lengths in words.
    sentence_lengths: list[int] = []
    w_i = 0
    longest = 0
    starts = [start for start, _end in spans]
    for end in [*(s.end() for s in _SENTENCE_END_SCAN.finditer(text)), len(text)]:
        first = w_i
        w_i = max(w_i, bisect_left(starts, end))  # the words that start before this end
        count = w_i - first
        if count:
            sentence_lengths.append(count)
            if count > longest:
                longest = count
                m.longest_sentence_span = (spans[first][0], spans[w_i - 1][1])
    met["sentences"] = float(len(sentence_lengths))
    met["mean_sentence_words"] = n_words / len(sentence_lengths) if sentence_lengths else 0.0
    met["max_sentence_words"] = float(longest)
    met["mean_word_length"] = sum(map(len, words)) / n_words if n_words else 0.0

    run, m.wall_span = _longest_run(text, spans)
    met["longest_unpunctuated_words"] = float(run)

    shouted, chat_speak, noise, informal = _word_counts(words, policy.shouted_run_words)
    met["shouted_words"] = float(shouted)

    met["punctuation_floods"] = float(
        len(_flood_pattern(policy.punctuation_flood_length).findall(text))
    )
    elongation = _elongation_pattern(policy.elongation_length)
    # A word's elongation is one of the text's: most texts have none and skip the word loop.
    met["elongated_words"] = float(
        sum(1 for w in words if elongation.search(w) and len(set(w.lower())) > 1)
        if _has_elongation(text, policy.elongation_length)
        else 0
    )
    if text.isascii():  # no emoji, no glue: the common case skips three passes
        met["emoji"] = met["emoji_floods"] = 0.0
    else:
        plain = _EMOJI_GLUE.sub("", text)
        met["emoji"] = float(len(_EMOJI.findall(plain)))
        flood = _emoji_flood_pattern(policy.emoji_flood_length)
        met["emoji_floods"] = float(len(flood.findall(plain)))
    met["chat_speak"] = float(chat_speak)
    met["dictation_noise"] = float(noise)
    met["informal_words"] = float(informal)
    return m


#: What a word adds to the word metrics: judged for spelling, unknown, keyboard mash (0 or 1
#: each), its Zipf frequency (None when it does not count) and its syllables.
_Facts = tuple[int, int, int, float | None, int]
#: Those facts per word, per setting of the spelling check (bounded: cleared when full).
_FACTS: dict[tuple[int, int, float], dict[str, _Facts]] = {}


def _word_facts(word: str, policy: ReadabilityPolicy) -> _Facts:
    """What one word of `Measurement.words` adds to the word metrics (see add_word_metrics)."""
    syl = lexicon.syllables(word.lower().strip("'’"))
    # Capitalised words are mostly names (facilities, towns): neither errors nor difficult.
    if word[:1].isupper() and not word.isupper():
        return 0, 0, 0, None, syl
    lowered = word.lower()
    judged = lowered not in lexicon.word_list("chat_speak") and lowered not in lexicon.word_list(
        "informal"
    )
    unknown = judged and not lexicon.is_known(lowered, policy)
    mash = unknown and looks_like_keyboard_mash(lowered)
    bare = lowered.strip("'’")
    return int(judged), int(unknown), int(mash), lexicon.zipf(bare) if bare else None, syl


def add_word_metrics(m: Measurement, policy: ReadabilityPolicy) -> None:
    """Add spelling-error rate, word difficulty and Flesch-Douma (facts cached per word)."""
    met = m.metrics
    setting = (policy.max_compound_length, policy.min_compound_part, policy.known_zipf)
    table = _FACTS.get(setting)
    if table is None or len(table) > _FACTS_MAX:
        table = _FACTS[setting] = {}
    judged = unknown = mash = syl = 0
    zipfs: list[float] = []
    for word in m.words:
        facts = table.get(word)
        if facts is None:
            facts = table[word] = _word_facts(word, policy)
        judged += facts[0]
        unknown += facts[1]
        mash += facts[2]
        if facts[3] is not None:
            zipfs.append(facts[3])
        syl += facts[4]
    n_words = len(m.words)
    met["gibberish_words"] = float(mash)
    met["gibberish_rate"] = mash / n_words if n_words else 0.0
    met["spelling_errors"] = float(unknown)
    met["spelling_error_rate"] = unknown / judged if judged else 0.0
    met["mean_zipf"] = sum(zipfs) / len(zipfs) if zipfs else 0.0
    met["difficult_word_ratio"] = (
        sum(1 for z in zipfs if z < policy.difficult_zipf) / len(zipfs) if zipfs else 0.0
    )
    if n_words and met["sentences"]:
        # Flesch-Douma, textstat's Dutch constants: 206.835 - 0.93 ASL - 77 ASW.
        met["flesch_douma"] = 206.835 - 0.93 * (n_words / met["sentences"]) - 77 * (syl / n_words)
    else:
        met["flesch_douma"] = 0.0


def measure(text: str, policy: ReadabilityPolicy) -> Measurement:
    """All metrics of `text`."""
    m = surface(text, policy)
    add_word_metrics(m, policy)
    return m
