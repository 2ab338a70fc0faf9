"""Language identification (lingua, short language list) and notices for the review form."""

from __future__ import annotations

import functools
from typing import Any

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


@functools.lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...], min_relative_distance: float) -> Any:
    """Build the lingua detector once per process and language list (≈ 1.5 s, ≈ 300 MB)."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in languages]
    return (
        LanguageDetectorBuilder.from_languages(*chosen)
        .with_minimum_relative_distance(min_relative_distance)
        .build()
    )


def detect_language(text: str, policy: ReadabilityPolicy) -> str:
    """Return the ISO 639-1 code of `text`, or "unknown" when it is too short or unclear."""
    sample = text[: policy.max_chars_for_language]
    if sum(c.isalpha() for c in sample) < policy.min_letters_for_language:
        return "unknown"
    detector = _detector(policy.languages, policy.min_relative_distance)
    found = detector.detect_language_of(sample)
    if found is None:
        return "unknown"
    return str(found.iso_code_639_1.name.lower())


def language_notice(lang: str) -> str | None:
    """Say, in language `lang`, that reviews are published in Dutch (None for Dutch/unknown)."""
    return _NOTICES.get(lang)


def warm_up(policy: ReadabilityPolicy) -> None:
    """Build the detector now, so the first real text is not slow."""
    _detector(policy.languages, policy.min_relative_distance).detect_language_of("opvang")
