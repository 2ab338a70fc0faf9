"""Language identification (lingua's trigrams, short language list) and form notices."""

from __future__ import annotations

import functools
import re
from typing import Any

from moderation.readability import lexicon
from moderation.readability.metrics import looks_like_keyboard_mash
from moderation.readability.policy import ReadabilityPolicy

# A sentence in the writer's own language, for the form: reviews appear in Dutch.
_NOTICES: dict[str, str] = {
    "fr": "Les avis sont publiés en néerlandais. Merci d'écrire votre avis en néerlandais : "
    "des phrases simples suffisent.",
    "en": "Reviews are published in Dutch. Please write your review in Dutch: "
    "simple sentences are fine.",
    "de": "Bewertungen werden auf Niederländisch veröffentlicht. Bitte schreiben Sie Ihre "
    "Bewertung auf Niederländisch: einfache Sätze genügen.",
    "tr": "Yorumlar Felemenkçe yayımlanır. Lütfen yorumunuzu Felemenkçe yazın: "
    "basit cümleler yeterlidir.",
    "ar": "تُنشر التقييمات باللغة الهولندية. يُرجى كتابة تقييمك باللغة الهولندية، "
    "والجمل البسيطة كافية.",
    "pl": "Opinie są publikowane w języku niderlandzkim. Prosimy napisać opinię po "
    "niderlandzku: wystarczą proste zdania.",
    "ro": "Recenziile sunt publicate în limba neerlandeză. Vă rugăm să scrieți recenzia în "
    "neerlandeză: propozițiile simple sunt suficiente.",
    "es": "Las reseñas se publican en neerlandés. Por favor, escriba su reseña en neerlandés: "
    "bastan frases sencillas.",
}


_TOKEN = re.compile(r"[^\W\d_]+")
_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÀ-ÖØ-Þ][\w'’-]*")
# Scripts no listed language uses: a text in them is surely not Dutch, and the script names it.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("hy", re.compile("[\u0530-\u058f]")),
    ("ka", re.compile("[\u10a0-\u10ff]")),
    ("am", re.compile("[\u1200-\u137f]")),
    ("hi", re.compile("[\u0900-\u097f]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("ja", re.compile("[\u3040-\u30ff]")),
    ("ko", re.compile("[\uac00-\ud7af]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
)
_UKRAINIAN_LETTERS = re.compile("[іїєґІЇЄҐ]")


def _script_language(sample: str, letters: int) -> str | None:
    """Name the language of a text written mostly in a script none of the listed ones use."""
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(sample)) * 2 > letters:
            if code == "ru" and _UKRAINIAN_LETTERS.search(sample):
                return "uk"
            return code
    return None


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# The short-list detector: frequent words that only Dutch of the listed languages uses, and
# frequent words of the other listed languages written in the Latin script. Words two of them
# share ("de", "en", "is", "in", "die", "was", "te", "je", "ze", "we", "wie", "hier", "alle",
# "dit", "of", "pas", "nu", "les", "dans", "los") are in neither.
_DUTCH_ONLY = _words(
    """het een van niet maar zijn ook naar wij ons onze heel echt zeer erg goed wel nog dat
    voor heeft hebben wordt worden werd kunnen moet moeten zou zouden geen mijn zij hij ik
    deze alles iets niets iemand welke zich waren hadden gaat gaan komt komen
    krijgen doen maken soms vaak nooit steeds toch zelfs weer meer veel altijd daar
    omdat want waar hoe wanneer tijdens sinds dus jullie uw"""
)
_OTHER_LANGUAGES = _words(
    """the and to with for that this are were have has they their our she it not but
    very always would will from about you your who which there what
    le la des du un une est et pour avec que qui nous vous très sont mais au aux
    ce cette il elle ils mon notre nos sur par bien tout
    und ist nicht mit ein eine sich auf für auch sehr wir sind wird haben hat werden
    dem zu im ich es sie aber unsere unser
    el del y por con para una muy está pero su sus nuestro nuestra mi lo se
    jest się że bardzo jak ale od są jestem nasz nasza moja mój
    și este în cu pe sunt foarte care mai pentru din
    ve bir bu çok için ile ama gibi daha olarak var yok"""
)
# Measured on 1,000 Dutch and 40 other review-like texts: these bounds answer "nl" for nine
# Dutch reviews in ten and never where lingua says otherwise (mixed texts go to lingua).
_SHORTLIST_MIN_WORDS = 8
_SHORTLIST_MIN_HITS = 3
_SHORTLIST_RATIO = 0.12
_SHORTLIST_MARGIN = 4  # Dutch-only words at least four times the other languages' words
# Four Dutch-only words are enough in a text of any length (with the margin): on the dev streams,
# the readability corpus and 900 bench reviews (3,223 texts, 34 of them answered other than
# "nl" by lingua, none with more than two Dutch-only words) this answers 471 of the 833 texts
# the ratio bound left to lingua, each as lingua does.
_SHORTLIST_ENOUGH_HITS = 4


def _clearly_dutch(sample: str, policy: ReadabilityPolicy) -> bool:
    """True if Dutch function words are so frequent that asking lingua would be wasted time."""
    words = _TOKEN.findall(sample.lower())
    if len(words) < min(policy.dutch_shortcut_min_words, _SHORTLIST_MIN_WORDS):
        return False
    dutch = lexicon.word_list("dutch_function_words")
    hits = sum(1 for w in words if w in dutch)
    if len(words) >= policy.dutch_shortcut_min_words and hits >= (
        policy.dutch_shortcut_ratio * len(words)
    ):
        return True
    ours = sum(1 for w in words if w in _DUTCH_ONLY)
    theirs = sum(1 for w in words if w in _OTHER_LANGUAGES)
    needed = min(_SHORTLIST_ENOUGH_HITS, max(_SHORTLIST_MIN_HITS, _SHORTLIST_RATIO * len(words)))
    return ours >= needed and theirs * _SHORTLIST_MARGIN <= ours


# Lingua judges a text this long (lowercased, without punctuation and digits) by its trigrams
# alone, in either accuracy mode. Shorter texts are where its high-accuracy mode adds 1- to
# 5-grams, which for nine languages cost ~1.5 s and ~250 MB a process; the low-accuracy mode
# (trigrams, ~0.15 s and ~15 MB) is used instead, and its answer on a short text is kept only
# when the words do not contradict it.
_LINGUA_LONG_TEXT = 120
_NOT_COUNTED_BY_LINGUA = re.compile(r"[^\w\s]|[\d_]")
_LATIN_LETTER = re.compile(r"[a-zà-öø-ÿ]")


def _is_short(sample: str) -> bool:
    """True if lingua's high-accuracy mode would have read `sample` by more than trigrams."""
    cleaned = " ".join(_NOT_COUNTED_BY_LINGUA.sub("", sample.lower()).split())
    return len(cleaned) < _LINGUA_LONG_TEXT


def _words_agree(sample: str, code: str, policy: ReadabilityPolicy) -> bool:
    """True unless the words of a short text contradict lingua's trigram answer `code`.

    "nl" needs most words to be Dutch ones (keyboard mash left out: the gibberish check speaks
    of it); another language on Latin letters needs one of its frequent words, or a word
    Dutch does not know, and no Dutch-only word without it.
    """
    words = _TOKEN.findall(sample.lower())
    if code == "nl":
        typed = [w for w in words if not looks_like_keyboard_mash(w)]
        known = sum(1 for w in typed if lexicon.is_known(w, policy))
        return known >= policy.short_text_min_known_share * len(typed)
    if len(_LATIN_LETTER.findall(sample.lower())) * 2 < sum(map(len, words)):
        return True  # another script: lingua placed it by its letters
    if any(w in _OTHER_LANGUAGES for w in words):
        return True
    if any(w in _DUTCH_ONLY for w in words):
        return False
    return not all(lexicon.is_known(w, policy) for w in words)


@functools.lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...], min_relative_distance: float) -> Any:
    """Build the lingua detector (trigrams only) once per process and language list."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in languages]
    return (
        LanguageDetectorBuilder.from_languages(*chosen)
        .with_minimum_relative_distance(min_relative_distance)
        .with_low_accuracy_mode()
        .build()
    )


def detect_language(text: str, policy: ReadabilityPolicy) -> str:
    """Return the ISO 639-1 code of `text`, or "unknown" when it is too short or unclear."""
    sample = text[: policy.max_chars_for_language]
    if len(text) > len(sample):
        # Cut at a word boundary so the last word is not a fragment of another language.
        sample = sample.rsplit(None, 1)[0]
    letters = sum(map(str.isalpha, sample))
    if letters < policy.min_letters_for_language:
        return "unknown"
    if _clearly_dutch(sample, policy):
        return "nl"
    # Names of facilities and towns are Dutch whatever the writer's language: leave capitalised
    # words out, unless too little text would remain.
    lowered = _CAPITALISED.sub(" ", sample)
    if sum(map(str.isalpha, lowered)) >= policy.min_letters_for_language:
        sample = lowered
    detector = _detector(policy.languages, policy.min_relative_distance)
    found = detector.detect_language_of(sample)
    if found is None:
        return _script_language(sample, letters) or "unknown"
    code = str(found.iso_code_639_1.name.lower())
    if _is_short(sample) and not _words_agree(sample, code, policy):
        return "unknown"
    return code


def language_notice(lang: str) -> str | None:
    """Say, in language `lang`, that reviews are published in Dutch (None for Dutch/unknown)."""
    return _NOTICES.get(lang)


def warm_up(policy: ReadabilityPolicy) -> None:
    """Build the detector now, so the first real text is not slow."""
    _detector(policy.languages, policy.min_relative_distance).detect_language_of("opvang")
