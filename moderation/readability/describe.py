"""Dutch phrases that explain a text's metrics on the moderator screen."""

from __future__ import annotations

from collections.abc import Mapping

from moderation.readability import rules
from moderation.readability.policy import ReadabilityPolicy

_DEFAULT = ReadabilityPolicy()

# Flesch-Douma bands as Douma described them; a moderator reads the word, not the number.
_DOUMA_BANDS = (
    (30.0, "zeer moeilijk"),
    (45.0, "moeilijk"),
    (60.0, "vrij moeilijk"),
    (70.0, "gewoon"),
    (80.0, "vrij makkelijk"),
    (90.0, "makkelijk"),
)


def douma_band(score: float) -> str:
    """Name the Flesch-Douma band of `score` in Dutch."""
    for upper, name in _DOUMA_BANDS:
        if score < upper:
            return name
    return "zeer makkelijk"


def _n(value: float) -> str:
    return f"{value:.0f}"


def _count(value: float, one: str, many: str) -> str:
    return f"{value:.0f} {one if round(value) == 1 else many}"


def reasons(metrics: Mapping[str, float], policy: ReadabilityPolicy = _DEFAULT) -> list[str]:
    """The phrases of `describe_metrics` that point at noise, not at length or reading ease."""
    return [
        p
        for p in describe_metrics(metrics, policy)
        if not p.startswith(("leesgemak", "heel korte", "moeilijk leesbaar"))
    ]


def describe_metrics(
    metrics: Mapping[str, float], policy: ReadabilityPolicy = _DEFAULT
) -> list[str]:
    """Return short Dutch phrases for what stands out in `metrics`, most serious first."""
    g = metrics.get
    out: list[str] = []
    if rules.is_shouting(metrics, policy):
        out.append(f"{g('capitals_ratio', 0.0):.0%} van de letters in hoofdletters")
    if g("longest_unpunctuated_words", 0.0) >= policy.wall_signal_words:
        out.append(f"{_n(g('longest_unpunctuated_words', 0.0))} woorden na elkaar zonder leesteken")
    if g("chat_speak", 0.0) >= 1:
        out.append(f"{_n(g('chat_speak', 0.0))} keer chattaal zoals 'lol' of 'idk'")
    if g("punctuation_floods", 0.0) >= 1:
        out.append(f"{_n(g('punctuation_floods', 0.0))} keer een reeks uitroep- of vraagtekens")
    if g("elongated_words", 0.0) >= 1:
        out.append(
            _count(g("elongated_words", 0.0), "uitgerekt woord", "uitgerekte woorden")
            + " zoals 'suuuper'"
        )
    if g("shouted_words", 0.0) >= policy.shouted_run_words and not rules.is_shouting(
        metrics, policy
    ):
        out.append(_count(g("shouted_words", 0.0), "woord", "woorden") + " in hoofdletters")
    if (
        g("words", 0.0) >= policy.min_words_for_spelling
        and g("spelling_error_rate", 0.0) >= policy.misspelling_signal_rate
    ):
        share = round(1 / max(g("spelling_error_rate", 0.0), 1e-9))
        out.append(f"veel spelfouten: ongeveer 1 op {share} woorden")
    if rules.is_heavy_chat(metrics, policy):
        out.append(
            f"{rules.nonstandard_rate(metrics):.0%} van de woorden chattaal, dialectspelling "
            "of spelfout"
        )
    if g("emoji_floods", 0.0) >= 1:
        out.append(f"{_n(g('emoji', 0.0))} emoji, deels in lange reeksen")
    if g("mean_sentence_words", 0.0) > policy.hard_mean_sentence_words:
        out.append(
            f"moeilijk leesbaar: zinnen van gemiddeld {_n(g('mean_sentence_words', 0.0))} woorden"
        )
    if g("words", 0.0) >= policy.min_words_for_spelling and "flesch_douma" in metrics:
        score = g("flesch_douma", 0.0)
        out.append(f"leesgemak {douma_band(score)} (Flesch-Douma {_n(score)})")
    if 0 < g("words", 0.0) < policy.hint_min_words:
        out.append(f"heel korte tekst ({_n(g('words', 0.0))} woorden)")
    return out
