"""Tunable numbers of the readability and language checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadabilityPolicy:
    """Every threshold of the readability and language checks, with documented defaults.

    The check helps the writer first: a moderator is flagged only when a text cannot be
    published as it is (shouting, a wall without punctuation, or several kinds of noise at
    once). Plain, short or slightly misspelled texts stay clean.
    """

    # --- language -------------------------------------------------------------------------
    #: Languages the detector chooses from (ISO 639-1); a short list keeps memory and start-up low.
    languages: tuple[str, ...] = ("nl", "fr", "en", "de", "tr", "ar", "pl", "ro", "es")
    #: Languages a review may be published in; anything else detected gets a "language" finding.
    published_languages: tuple[str, ...] = ("nl",)
    #: Lingua's minimum relative distance: below it the detector answers "unknown", not a guess.
    min_relative_distance: float = 0.25
    #: Texts with fewer letters than this are "unknown": "Top!" says nothing about a language.
    min_letters_for_language: int = 20
    #: Only the first characters are read by the detector; a review does not switch language.
    max_chars_for_language: int = 300
    #: A text of at least this many words whose share of Dutch-only function words ("het",
    #: "niet", "maar") reaches the ratio is Dutch without asking lingua (4x faster; other
    #: languages score 0.00-0.05, Dutch reviews 0.10-0.40).
    dutch_shortcut_min_words: int = 12
    dutch_shortcut_ratio: float = 0.2
    #: A text this long that lingua cannot place and whose words are mostly not Dutch still
    #: gets a language finding (Italian, Somali, ... are outside the detector's list).
    min_words_for_foreign_fallback: int = 8
    foreign_fallback_error_rate: float = 0.3
    #: A short text (under lingua's 120 characters) is Dutch only if at least this share of its
    #: words are known Dutch words: trigrams alone mistake short Romanian or Somali for Dutch.
    short_text_min_known_share: float = 0.5

    # --- shouting -------------------------------------------------------------------------
    #: Share of capitals among letters above which a text shouts.
    max_capitals_ratio: float = 0.6
    #: Shouting is judged only on texts with at least this many letters ("OK" is not shouting).
    min_letters_for_shouting: int = 16
    #: ... and with at least this many all-caps words, so one long name in capitals is not shouting.
    min_shouted_words: int = 3

    # --- walls without punctuation --------------------------------------------------------
    #: This many words in a row without any punctuation make a wall a moderator must return.
    max_unpunctuated_words: int = 60
    #: From this many words in a row without punctuation the run counts as a noise signal.
    wall_signal_words: int = 40

    # --- gibberish: keyboard mash ------------------------------------------------------------
    #: At least this many unknown words that look like keyboard mash (no vowel, "asdf", "zzzz") ...
    min_gibberish_words: int = 3
    #: ... making up at least this share of all words.
    min_gibberish_rate: float = 0.25

    # --- noise: several kinds of sloppiness together -----------------------------------------
    #: Runs of at least this many "!" or "?" count as a punctuation flood ("!!!").
    punctuation_flood_length: int = 3
    #: A letter repeated this often makes an elongated word ("suuuper").
    elongation_length: int = 3
    #: At least this many emoji in a row make an emoji flood.
    emoji_flood_length: int = 3
    #: All-caps words in a run of at least this many count as shouted words.
    shouted_run_words: int = 2
    #: Spelling-error rate from which misspelling counts as a noise signal.
    misspelling_signal_rate: float = 0.12
    #: Misspelling is judged only from this many words on.
    min_words_for_spelling: int = 8
    #: Weights of each signal in the noise score.
    weight_punctuation_flood: float = 1.0
    weight_elongation: float = 1.0
    weight_chat_speak: float = 1.0
    weight_informal: float = 0.5
    #: Informal spellings ("da", "ni", "mr") add at most this much: dialect is not noise.
    max_informal_points: float = 2.0
    weight_emoji_flood: float = 1.0
    weight_shouted_word: float = 0.5
    weight_wall: float = 2.0
    #: Each hesitation written out ("euh") or word said twice ("de de") from dictation.
    weight_dictation_noise: float = 0.75
    weight_misspelling: float = 2.0
    #: Heavy chat speak: at least this many chat-speak words ("idk", "lol", "ff") ...
    heavy_chat_words: int = 3
    #: ... while this share of all words is chat speak, informal spelling or misspelled.
    heavy_chat_nonstandard_rate: float = 0.1
    #: A text is flagged when its noise score reaches this ...
    min_noise_score: float = 4.5
    #: ... and at least this many different kinds of noise are present.
    min_noise_kinds: int = 2

    # --- words ----------------------------------------------------------------------------
    #: Words with a Zipf frequency below this count as difficult (wordfreq, Dutch).
    difficult_zipf: float = 3.0
    #: Words this frequent are known even when the spelling dictionary lacks them.
    known_zipf: float = 2.5
    #: Compound parts must be at least this long ("woon" + "zorg" + "centrum").
    min_compound_part: int = 3
    #: Longer words are not split into compounds (random strings would cost milliseconds each).
    max_compound_length: int = 30

    # --- hints for the writer (never blocking) -----------------------------------------------
    #: A sentence longer than this gets the "split it" hint.
    hint_sentence_words: int = 30
    #: Average sentence length above which the moderator screen says "moeilijk leesbaar".
    hard_mean_sentence_words: float = 25.0
    #: Texts shorter than this get the "tell a bit more" hint.
    hint_min_words: int = 5
    #: Emoji above this count get the "fewer emoji" hint.
    hint_max_emoji: int = 5
    #: A spelling suggestion must itself be at least this common (wordfreq Zipf, Dutch).
    suggestion_min_zipf: float = 1.5
    #: Words shorter than this get no spelling suggestion ("da", "ni" are Flemish, not errors).
    suggestion_min_length: int = 5
    #: At most this many suggestions in the spelling hint.
    max_suggestions: int = 3
