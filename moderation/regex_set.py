"""Many regexes matched as their alternation would be, each skipped when the text lacks a
character that every match of it contains (most cue patterns need a digit, an "@" or a "%"),
or a word every match holds ignoring case ("code", "www." or "://").

`RegexSet(patterns).scan(text)` yields exactly what `re.compile("|".join(patterns)).finditer`
yields (leftmost match first, the earlier pattern on a tie, scanning on from the match's
end), as (pattern index, match). One alternation tries every pattern at every position of
the text; here each pattern searches on its own and only when it can match at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

try:  # the parser re itself uses; its name lost the "sre_" in Python 3.11
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre
    import sre_parse as _sre_parse

#: A needle meaning "some decimal digit" (what `\d` matches in a str pattern).
DIGIT = r"\d"
_DIGIT = re.compile(r"\d")
_COMMON = frozenset(" .,-'\n" + DIGIT)
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)}


def _char_ok(ch: str, ignorecase: bool) -> bool:
    """Can `ch` stand for itself as a needle? Under IGNORECASE only a caseless ASCII one."""
    return not ignorecase or (ch.isascii() and not ch.isalpha())


def _in_needles(items: list[tuple[Any, Any]], ignorecase: bool) -> frozenset[str] | None:
    """The needles of a character set, or None if it matches too much to name them."""
    if any(op is _sre.NEGATE for op, _ in items):
        return None
    digits = all(
        (op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT)
        or (op is _sre.LITERAL and chr(av) in "0123456789")
        or (op is _sre.RANGE and ord("0") <= av[0] <= av[1] <= ord("9"))
        for op, av in items
    )
    if digits:
        return frozenset({DIGIT})
    chars = [chr(av) for op, av in items if op is _sre.LITERAL]
    if len(chars) == len(items) and all(_char_ok(c, ignorecase) for c in chars):
        return frozenset(chars)
    return None


def _branch_needles(branches: list[Any], ignorecase: bool) -> list[frozenset[str]]:
    """Needle sets every branch provides a member of: the ones all branches need, else one
    set made of a needle set of each branch (none if a branch needs nothing)."""
    per_branch = [_needles(list(branch), ignorecase) for branch in branches]
    if not all(per_branch):
        return []
    shared = [n for n in per_branch[0] if all(n in other for other in per_branch[1:])]
    if shared:
        return shared
    return [frozenset().union(*(min(needs, key=_commonness) for needs in per_branch))]


def _commonness(needle: AbstractSet[str]) -> tuple[bool, bool, int]:
    """Sort key: the needle set least likely to be in any text first ("@" before "." or "e")."""
    return (any(c.isalpha() for c in needle), bool(needle & _COMMON), len(needle))


def _needles(items: list[tuple[Any, Any]], ignorecase: bool) -> list[frozenset[str]]:
    """Needle sets of a sequence: every match contains a member of each set."""
    out: list[frozenset[str]] = []
    for op, av in items:
        found: frozenset[str] | None = None
        if op is _sre.LITERAL:
            ch = chr(av)
            found = frozenset({ch}) if _char_ok(ch, ignorecase) else None
        elif op is _sre.IN:
            found = _in_needles(list(av), ignorecase)
        elif op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            inner = (ignorecase or bool(add_flags & _sre.SRE_FLAG_IGNORECASE)) and not (
                del_flags & _sre.SRE_FLAG_IGNORECASE
            )
            out.extend(_needles(list(sub), inner))
        elif op in _REPEATS and av[0] >= 1:
            out.extend(_needles(list(av[2]), ignorecase))
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            out.extend(_needles(list(av), ignorecase))
        elif op is _sre.BRANCH:
            out.extend(_branch_needles(list(av[1]), ignorecase))
        if found:
            out.append(found)
    return out


def needles(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of characters (or `DIGIT`) such that every match holds a member of each set."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
        ignorecase = bool(parsed.state.flags & _sre.SRE_FLAG_IGNORECASE)
        return tuple(set(_needles(list(parsed), ignorecase)))
    except Exception:  # an unknown parser: no needles, the pattern always runs
        return ()


#: The characters outside ASCII that IGNORECASE takes for an ASCII letter although their
#: `str.lower()` is not that letter (a unit test checks every code point). Only in a text
#: holding one of them may a word match where the lowercased text lacks it.
FOLD_BREAKERS = frozenset("\u0130\u0131\u017f")


def folded(text: str) -> str | None:
    """`text.lower()`, in which every word needle of a match stands, or None when a
    character of the text may match an ASCII letter that its lowercase is not."""
    if not text.isascii() and not FOLD_BREAKERS.isdisjoint(text):
        return None
    return text.lower()


def _foldable(ch: str) -> bool:
    """Does `ch` stand in `folded(text)` as it matches in `text`: an ASCII character, or a
    sign without case ("€", "’"), which matches itself alone even under IGNORECASE?"""
    return ch.isascii() or (not ch.isalpha() and ch.lower() == ch == ch.upper())


def _word_needles(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Sets of lowercase words (two characters or more, or a sign such as "€"): every match
    holds, ignoring case, a member of each set. Runs of literals; a branch gives one word
    per branch."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2 or (run and not run[0].isascii()):
            out.append(frozenset({"".join(run).lower()}))
        run.clear()

    for op, av in items:
        if op is _sre.LITERAL and _foldable(chr(av)):
            run.append(chr(av))
            continue
        flush()
        if op is _sre.SUBPATTERN:
            out.extend(_word_needles(list(av[3])))
        elif op in _REPEATS and av[0] >= 1:
            out.extend(_word_needles(list(av[2])))
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            out.extend(_word_needles(list(av)))
        elif op is _sre.BRANCH:
            per_branch = [_word_needles(list(branch)) for branch in av[1]]
            if all(per_branch):
                longest = [max(sets, key=lambda n: min(map(len, n))) for sets in per_branch]
                out.append(frozenset().union(*longest))
    flush()
    return out


def word_needles(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of lowercase words such that every match holds, ignoring case, a member of each
    set (in `folded(text)` whenever that is not None)."""
    try:
        return tuple(set(_word_needles(list(_sre_parse.parse(pattern, flags)))))
    except Exception:  # an unknown parser: no needles, the pattern always runs
        return ()


def _has_words(lowered: str, sets: tuple[frozenset[str], ...]) -> bool:
    return all(any(word in lowered for word in words) for words in sets)


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}
_OPAQUE = ("ASSERT", "ASSERT_NOT", "AT")  # they look, they consume nothing


class _Unbounded(Exception):
    """The pattern may consume a character that no class here can name."""


def _class_item(op: Any, av: Any) -> str:
    if op is _sre.LITERAL:
        return re.escape(chr(av))
    if op is _sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is _sre.CATEGORY and str(av) in _CATEGORIES:
        return _CATEGORIES[str(av)]
    raise _Unbounded


def _alphabet(items: list[tuple[Any, Any]], out: set[str]) -> bool:
    """Add to `out` a class item for every character the sequence may consume; return
    whether some part of it is matched ignoring case."""
    ignorecase = False
    for op, av in items:
        name = str(op)
        if name in _OPAQUE:
            continue
        if op is _sre.LITERAL:
            out.add(_class_item(op, av))
        elif op is _sre.IN:
            if any(o is _sre.NEGATE for o, _ in av):
                raise _Unbounded
            out.update(_class_item(o, a) for o, a in av)
        elif op is _sre.SUBPATTERN:
            ignorecase |= bool(av[1] & _sre.SRE_FLAG_IGNORECASE) | _alphabet(list(av[3]), out)
        elif op in _REPEATS:
            ignorecase |= _alphabet(list(av[2]), out)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            ignorecase |= _alphabet(list(av), out)
        elif op is _sre.BRANCH:
            for branch in av[1]:
                ignorecase |= _alphabet(list(branch), out)
        else:  # ANY, NOT_LITERAL, GROUPREF, ...: anything may be consumed
            raise _Unbounded
    return ignorecase


def _starts_with_repeat(items: list[tuple[Any, Any]]) -> bool:
    """Does the first consuming element repeat a character class (`\b[a-z]+...`)? Such a
    pattern backtracks at every word of a text that a plain search walks through."""
    for op, av in items:
        if str(op) in _OPAQUE:
            continue
        if op is _sre.SUBPATTERN:
            return _starts_with_repeat(list(av[3]))
        body = list(av[2]) if op in _REPEATS and av[0] >= 1 else []
        return bool(body) and body[0][0] is _sre.IN
    return False


def alphabet_runs(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """A regex for the runs of characters that a match of `pattern` lies within, or None.

    Every character a match consumes is in the pattern's alphabet, so a match stands inside
    one maximal run of alphabet characters (lookarounds consume nothing). Under IGNORECASE
    anywhere the class is compiled with it too (a larger class only makes runs longer).
    Only worth it (None otherwise) for a pattern that starts by repeating a class and whose
    runs span words and spaces: then they are the few stretches between punctuation marks.
    """
    try:
        parsed = _sre_parse.parse(pattern, flags)
        if not _starts_with_repeat(list(parsed)):
            return None
        items: set[str] = set()
        ignorecase = _alphabet(list(parsed), items)
        ignorecase |= bool(parsed.state.flags & _sre.SRE_FLAG_IGNORECASE)
    except Exception:
        return None
    letters = r"\w" in items or any(i.startswith("a-") and i.endswith("z") for i in items)
    if r"\s" not in items or not letters:
        return None
    return re.compile(f"[{''.join(sorted(items))}]+", re.IGNORECASE if ignorecase else 0)


_last_digit: tuple[str | None, bool] = (None, False)  # the last text asked, and its answer


def has_digit(text: str) -> bool:
    """Does `text` hold a decimal digit? Remembered for the last text: the detectors of one
    text ask in turn (one tuple, swapped whole, so threads never see half an answer)."""
    global _last_digit
    last = _last_digit
    if last[0] is text:
        return last[1]
    found = _DIGIT.search(text) is not None
    _last_digit = (text, found)
    return found


def possible(text: str, sets: tuple[frozenset[str], ...]) -> bool:
    """Does `text` hold a member of every needle set?"""
    for s in sets:
        if DIGIT in s:
            if has_digit(text) or any(ch in text for ch in s if ch != DIGIT):
                continue
        elif any(ch in text for ch in s):
            continue
        return False
    return True


def _is_digit_class(op: Any, av: Any) -> bool:
    """Does this element consume exactly one decimal digit (`\\d`, `[0-9]`, "7")?"""
    if op is _sre.LITERAL:
        return chr(av) in "0123456789"
    if op is _sre.IN:
        return bool(av) and all(
            (o is _sre.CATEGORY and a is _sre.CATEGORY_DIGIT)
            or (o is _sre.LITERAL and chr(a) in "0123456789")
            or (o is _sre.RANGE and ord("0") <= a[0] <= a[1] <= ord("9"))
            for o, a in av
        )
    return False


def _min_digits(items: list[tuple[Any, Any]]) -> int:
    """The fewest decimal digits a match of this sequence consumes."""
    total = 0
    for op, av in items:
        if _is_digit_class(op, av):
            total += 1
        elif op is _sre.SUBPATTERN:
            total += _min_digits(list(av[3]))
        elif op in _REPEATS:
            total += av[0] * _min_digits(list(av[2]))
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            total += _min_digits(list(av))
        elif op is _sre.BRANCH:
            total += min(_min_digits(list(branch)) for branch in av[1])
    return total


def min_digits(pattern: str, flags: int = 0) -> int:
    """The fewest decimal digits (`\\d`: Unicode category Nd) any match of `pattern` holds."""
    try:
        return _min_digits(list(_sre_parse.parse(pattern, flags)))
    except Exception:  # an unknown parser: no bound
        return 0


_ASCII_DIGITS = b"0123456789"
_last_count: tuple[str | None, int] = (None, 0)  # the last text counted, and its digits


def count_digits(text: str) -> int:
    """How many decimal digits `text` holds (what `\\d` matches); remembered for the last text."""
    global _last_count
    last = _last_count
    if last[0] is text:
        return last[1]
    if text.isascii():
        raw = text.encode("ascii")
        found = len(raw) - len(raw.translate(None, _ASCII_DIGITS))
    else:
        found = sum(map(str.isdecimal, text))
    _last_count = (text, found)
    return found


class Guarded:
    """One compiled regex whose `finditer` gives nothing at once on a text without its needles."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles = needles(pattern.pattern, pattern.flags)
        # A national number needs 11 digits, a loose phone number 9: a text with a year or
        # an age in it has a digit, not that many.
        self.min_digits = min_digits(pattern.pattern, pattern.flags) if self.needles else 0

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What `pattern.finditer(text)` gives."""
        if not possible(text, self.needles):
            return iter(())
        if self.min_digits > 1 and count_digits(text) < self.min_digits:
            return iter(())
        return self.pattern.finditer(text)


class RegexSet:
    """Patterns compiled one by one, with their needles and their alternation as a fallback."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = [re.compile(p) for p in patterns]
        self.needles = [needles(p) for p in patterns]
        self.words = [word_needles(p) for p in patterns]
        # A pattern equal to an earlier one never wins a tie against it: it is never searched.
        self.shadowed = frozenset(i for i, p in enumerate(patterns) if p in patterns[:i])
        self.runs = [
            alphabet_runs(p) if n else None for p, n in zip(patterns, self.needles, strict=True)
        ]
        self.alternation = re.compile("|".join(f"(?P<p{i}>{p})" for i, p in enumerate(patterns)))

    def _search(self, i: int, text: str, pos: int, runs: list[tuple[int, int]] | None) -> Any:
        """`patterns[i].search(text, pos)`, tried only inside the runs that hold its needles."""
        pattern = self.patterns[i]
        if runs is None:
            return pattern.search(text, pos)
        match = pattern.match
        for start, end in runs:
            for p in range(max(pos, start), end):
                m = match(text, p)
                if m is not None:
                    return m
        return None

    def _needle_runs(
        self, i: int, text: str, lowered: str | None = None
    ) -> list[tuple[int, int]] | None:
        """The alphabet runs of pattern i that hold a member of each of its needle sets (and,
        when `lowered` is the folded text, of its word needle sets), or None when they cover
        most of the text (a plain search is then as quick)."""
        runs = self.runs[i]
        if runs is None:
            return None
        sets = self.needles[i]
        words = self.words[i] if lowered is not None else ()
        found = [
            m.span()
            for m in runs.finditer(text)
            if possible(m.group(), sets)
            and (not words or _has_words(lowered[m.start() : m.end()], words))  # type: ignore[index]
        ]
        if sum(end - start for start, end in found) * 2 > len(text):
            return None
        return found

    def _possible(self, text: str, lowered: str | None = None) -> list[int]:
        """Indexes of the patterns whose every needle set has a member in `text` (and every
        word needle set one in `lowered`, the folded text, unless that is None); a pattern
        shadowed by an equal earlier one is left out."""
        has_digit: bool | None = None
        out = []
        for i, sets in enumerate(self.needles):
            if i in self.shadowed:
                continue
            words = self.words[i]
            if words and lowered is not None and not _has_words(lowered, words):
                continue
            ok = True
            for s in sets:
                if any(ch in text for ch in s if ch != DIGIT):
                    continue
                if DIGIT in s:
                    if has_digit is None:
                        has_digit = _DIGIT.search(text) is not None
                    if has_digit:
                        continue
                ok = False
                break
            if ok:
                out.append(i)
        return out

    def scan(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        """(pattern index, match) in the order the alternation's `finditer` gives them."""
        lowered = folded(text) if any(self.words) else None
        live = self._possible(text, lowered)
        runs = {i: self._needle_runs(i, text, lowered) for i in live}
        nxt = {i: self._search(i, text, 0, runs[i]) for i in live}
        pos = 0
        while True:
            best: re.Match[str] | None = None
            best_i = -1
            for i in live:
                m = nxt[i]
                if m is None:
                    continue
                if m.start() < pos:
                    m = nxt[i] = self._search(i, text, pos, runs[i])
                    if m is None:
                        continue
                if best is None or m.start() < best.start():
                    best, best_i = m, i
            if best is None:
                return
            if best.end() == best.start():  # empty matches: leave the details to re itself
                yield from self._alternation_from(text, pos)
                return
            yield best_i, best
            pos = best.end()

    def _alternation_from(self, text: str, pos: int) -> Iterator[tuple[int, re.Match[str]]]:
        for m in self.alternation.finditer(text, pos):
            yield int((m.lastgroup or "p0")[1:]), m


def led(pattern: re.Pattern[str], first: str) -> re.Pattern[str]:
    """`pattern` behind a lookahead for `first`, a class holding the first character of every
    match (under the pattern's flags): the same matches, but re now skips to the positions
    that hold such a character, where a pattern that starts with \\b, a lookbehind or an
    alternation under IGNORECASE tries every position of the text."""
    return re.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags)
