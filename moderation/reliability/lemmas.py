"""Words of a text and their possible lemmas (Dutch and French), computed once per text."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

# Letters only: "'s" -> "s", "oud-werknemer" -> "oud", "werknemer", "l'enfant" -> "l", "enfant".
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?;\n]+")

# Dutch endings to try without a part-of-speech tag (French forms come from the table); a
# wrong guess is harmless, because a guess only counts when it equals a cue word.
# Diminutives first ("pilletjes" -> "pil").
_NL_ENDINGS: tuple[tuple[str, str], ...] = (
    ("etjes", ""),
    ("etje", ""),
    ("tjes", ""),
    ("tje", ""),
    ("pjes", ""),
    ("pje", ""),
    ("jes", ""),
    ("je", ""),
    ("skes", ""),
    ("ske", ""),
    ("ekes", ""),
    ("eke", ""),
    ("kes", ""),
    ("ke", ""),
    ("heden", "heid"),
    ("ën", ""),
    ("en", ""),
    ("es", ""),
    ("s", ""),
    ("n", ""),
    ("e", ""),
    ("dde", "den"),
    ("tte", "ten"),
    ("de", "en"),
    ("te", "en"),
    ("dt", "den"),
    ("d", "en"),
    ("t", "en"),
    ("end", "en"),
)
_VOWELS = set("aeiouy")
FORMS = Path(__file__).parent / "data" / "lemma_forms.txt"


class Token(NamedTuple):
    """One word: its span in the original text, its normal form and its sentence number."""

    start: int
    end: int
    norm: str
    sentence: int


def fold(text: str) -> str:
    """Lowercase and strip accents ("Crèche" -> "creche")."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _fast_fold(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def tokenize(text: str) -> list[Token]:
    """The words of `text` with spans, folded forms and sentence numbers."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    n_ends = len(ends)
    out: list[Token] = []
    append = out.append
    new = tuple.__new__
    find = text.find
    sentence = 0
    pos = 0
    for word in _WORD.findall(text):
        # No letter or digit stands between two words (it would start one): the next
        # occurrence of the word from the end of the last one is where the regex found it.
        start = find(word, pos)
        pos = start + len(word)
        while sentence < n_ends and ends[sentence] <= start:
            sentence += 1
        norm = word.lower() if word.isascii() else fold(word)
        append(new(Token, (start, pos, norm, sentence)))
    return out


def _undouble(stem: str) -> Iterable[str]:
    """Spelling variants of a stem after an ending is cut: "pill" -> "pil", "strat" -> "straat"."""
    yield stem
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        yield stem[:-1]
    if (
        len(stem) >= 3
        and stem[-1] not in _VOWELS
        and stem[-2] in "aeou"
        and stem[-3] not in _VOWELS
    ):
        yield stem[:-1] + stem[-2] + stem[-1]  # open syllable: "strat(en)" -> "straat"
    if len(stem) >= 2 and stem[-1] not in _VOWELS and stem[-2] in _VOWELS:
        yield stem + stem[-1]  # short vowel: "pak(t)" -> "pakk(en)"
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in "aeou" and stem[-1] not in _VOWELS:
        yield stem[:-2] + stem[-1]  # "raak(t)" -> "rak(en)"
    if stem.endswith("v"):
        yield stem[:-1] + "f"
    if stem.endswith("z"):
        yield stem[:-1] + "s"


class Lemmatizer:
    """Candidate lemmas per word: lookup tables for the wanted lemmas, then ending rules."""

    def __init__(self, tables: dict[str, tuple[str, ...]]) -> None:
        self.tables = tables
        self._cache: dict[str, frozenset[str]] = {}

    def candidates(self, word: str) -> frozenset[str]:
        """The word itself and every lemma it may have (cached; the cache is bounded)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        out = {word, *self.tables.get(word, ())}
        if len(word) > 3:
            self._rules(word, out)
            # Flemish speech drops a final n: "gelate", "gevalle", "hebbe" -> "gelaten", ...
            if word.endswith("e") and not word.endswith("ee"):
                out.add(word + "n")
                out.update(self.tables.get(word + "n", ()))
                self._rules(word + "n", out)
        result = frozenset(out)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _rules(self, word: str, out: set[str]) -> None:
        for ending, repl in _NL_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                stem = word[: len(word) - len(ending)]
                for variant in _undouble(stem):
                    out.add(variant + repl)
                    out.update(self.tables.get(variant + repl, ()))
        # Past participles: "geduwd" -> "duwen", "vastgepakt" -> "vastpakken".
        at = word.find("ge", 0, 8)
        if at >= 0 and len(word) - at > 4:
            head, rest = word[:at], word[at + 2 :]
            found = set(self.tables.get("ge" + rest, ()))
            if rest[-1] in "dt":
                found.update(v + "en" for v in _undouble(rest[:-1]))
                found.add(rest + "en")  # the d or t of the stem: "gerand" -> "randen"
            elif rest.endswith("en"):
                found.add(rest)
            out.update(head + f for f in found)


def _spacy_table(name: str) -> dict[str, object]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data: dict[str, object] = json.load(fh)
    return data


def _spacy_forms(wanted: set[str]) -> dict[str, tuple[str, ...]]:
    """Word -> lemmas from spaCy's Dutch lookup and exception tables, kept for `wanted` lemmas."""
    out: dict[str, set[str]] = {}

    def keep(form: str, lemma: str) -> None:
        if lemma in wanted or (not lemma.isascii() and fold(lemma) in wanted):
            out.setdefault(_fast_fold(form), set()).add(_fast_fold(lemma))

    for form, lemma in _spacy_table("nl_lemma_lookup").items():
        keep(form, str(lemma))
    for by_word in _spacy_table("nl_lemma_exc").values():
        assert isinstance(by_word, dict)
        for form, lemmas in by_word.items():
            for lemma in lemmas:
                keep(form, lemma)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def vocabulary_key(wanted: set[str]) -> str:
    """A short fingerprint of the cue lemmas, to tell whether `FORMS` was built for them."""
    return hashlib.sha1("\n".join(sorted(wanted)).encode(), usedforsecurity=False).hexdigest()


def write_forms(wanted: set[str], path: Path = FORMS) -> None:
    """Store the forms of the cue lemmas (run after editing a cue file; a test checks it)."""
    forms = _spacy_forms(wanted)
    lines = [f"# forms of the cue lemmas from spacy-lookups-data; key {vocabulary_key(wanted)}"]
    lines += [f"{form}\t{' '.join(lemmas)}" for form, lemmas in sorted(forms.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load_tables(wanted: set[str], path: Path = FORMS) -> dict[str, tuple[str, ...]]:
    """Word -> lemmas for the `wanted` lemmas: the stored forms, or spaCy's tables if stale.

    spaCy's full tables hold 210,000 forms (half a second to read, 60 MB); the cue words need
    a few thousand, stored in `FORMS`. French cue words are stems ("frapp*") and need no table.
    """
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        if lines and lines[0].endswith(vocabulary_key(wanted)):
            out: dict[str, tuple[str, ...]] = {}
            for line in lines[1:]:
                form, _, lemmas = line.partition("\t")
                out[form] = tuple(lemmas.split())
            return out
    return _spacy_forms(wanted)
