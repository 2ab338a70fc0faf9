"""When a text cannot be published as it is: shouting, walls, several kinds of noise together."""

from __future__ import annotations

from collections.abc import Mapping

from moderation.readability.policy import ReadabilityPolicy


def noise_signals(metrics: Mapping[str, float], policy: ReadabilityPolicy) -> dict[str, float]:
    """Points per kind of noise present in a text (only kinds with points > 0)."""
    g = metrics.get
    points = {
        "punctuation_floods": policy.weight_punctuation_flood * g("punctuation_floods", 0.0),
        "elongated_words": policy.weight_elongation * g("elongated_words", 0.0),
        "chat_speak": policy.weight_chat_speak * g("chat_speak", 0.0),
        "informal_words": min(
            policy.max_informal_points, policy.weight_informal * g("informal_words", 0.0)
        ),
        "emoji_floods": policy.weight_emoji_flood * g("emoji_floods", 0.0),
        "shouted_words": policy.weight_shouted_word * g("shouted_words", 0.0),
        "dictation_noise": policy.weight_dictation_noise * g("dictation_noise", 0.0),
        "wall": policy.weight_wall
        * (g("longest_unpunctuated_words", 0.0) >= policy.wall_signal_words),
        "misspelling": policy.weight_misspelling
        * (
            g("words", 0.0) >= policy.min_words_for_spelling
            and g("spelling_error_rate", 0.0) >= policy.misspelling_signal_rate
        ),
    }
    return {k: v for k, v in points.items() if v > 0}


def is_shouting(metrics: Mapping[str, float], policy: ReadabilityPolicy) -> bool:
    """True if nearly every letter is a capital."""
    return (
        metrics.get("capitals_ratio", 0.0) >= policy.max_capitals_ratio
        and metrics.get("shouted_words", 0.0) >= policy.min_shouted_words
    )


def is_gibberish(metrics: Mapping[str, float], policy: ReadabilityPolicy) -> bool:
    """True if a good part of the text is keyboard mash ("asdfgh lkjhg opvang qwerty")."""
    return (
        metrics.get("gibberish_words", 0.0) >= policy.min_gibberish_words
        and metrics.get("gibberish_rate", 0.0) >= policy.min_gibberish_rate
    )


def is_wall(metrics: Mapping[str, float], policy: ReadabilityPolicy) -> bool:
    """True if a long run of words has no punctuation at all."""
    return metrics.get("longest_unpunctuated_words", 0.0) >= policy.max_unpunctuated_words


def nonstandard_rate(metrics: Mapping[str, float]) -> float:
    """Share of words that are chat speak, informal spelling or misspelled."""
    g = metrics.get
    odd = g("chat_speak", 0.0) + g("informal_words", 0.0) + g("spelling_errors", 0.0)
    return odd / g("words", 0.0) if g("words", 0.0) else 0.0


def is_heavy_chat(metrics: Mapping[str, float], policy: ReadabilityPolicy) -> bool:
    """True if chat speak comes with many other non-standard words ("idk wa ge bedoelt lol")."""
    return (
        metrics.get("chat_speak", 0.0) >= policy.heavy_chat_words
        and nonstandard_rate(metrics) >= policy.heavy_chat_nonstandard_rate
    )


def is_noisy(metrics: Mapping[str, float], policy: ReadabilityPolicy) -> bool:
    """True if several kinds of noise add up (chat speak with floods, misspellings, ...)."""
    if is_heavy_chat(metrics, policy):
        return True
    signals = noise_signals(metrics, policy)
    # Informal dialect spelling is a weak kind: it never makes a second kind on its own.
    kinds = len([k for k in signals if k != "informal_words"])
    return sum(signals.values()) >= policy.min_noise_score and kinds >= policy.min_noise_kinds
