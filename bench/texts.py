"""Synthetic Flemish review texts of a given length for the benchmarks (no real reviews)."""

from __future__ import annotations

import random

SENTENCES = [
    "Onze dochter gaat er nu een jaar naartoe en we zijn heel tevreden.",
    "De begeleiders zijn warm en geduldig en nemen de tijd om te luisteren.",
    "Juf Sofie stuurt elke dag een paar foto's via de app.",
    "Het eten is vers en gevarieerd, maar de porties zijn soms wat klein.",
    "Parkeren aan de ingang is 's morgens echt een drama.",
    "Bij vragen kan je altijd bellen naar 09 123 45 67 of mailen.",
    "De communicatie over sluitingsdagen kwam pas laat.",
    "Mijn moeder woont er sinds vorig jaar en ze voelt zich er thuis.",
    "Er is veel wissel in het personeel en dat merk je aan de opvolging.",
    "De tuin is mooi aangelegd en de kinderen spelen er graag buiten.",
    "Meneer Peeters van de directie reageerde snel op onze opmerking.",
    "De prijs is aan de hoge kant, maar je krijgt er kwaliteit voor terug.",
]


def review_text(words: int, seed: int) -> str:
    """A text of about `words` words built from plain review sentences."""
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES)
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


WORDS = [
    "opvang",
    "juf",
    "begeleiding",
    "eten",
    "tuin",
    "slapen",
    "spelen",
    "buiten",
    "binnen",
    "ouders",
    "kinderen",
    "dag",
    "week",
    "maand",
    "jaar",
    "team",
    "personeel",
    "directie",
    "communicatie",
    "app",
    "foto",
    "verslag",
    "ziek",
    "gezond",
    "veilig",
    "proper",
    "warm",
    "vriendelijk",
    "geduldig",
    "druk",
    "rustig",
    "lawaai",
    "parking",
    "prijs",
    "factuur",
    "inschrijving",
    "wachtlijst",
    "zomer",
    "winter",
    "vakantie",
    "activiteit",
    "knutselen",
    "zingen",
    "lezen",
    "wandelen",
    "fruit",
    "soep",
    "middag",
    "avond",
]


def distinct_review(words: int, seed: int) -> str:
    """A review-like text that differs from every other seed, as real reviews do."""
    rng = random.Random(seed)
    base = review_text(words * 2 // 3, seed).split()
    extra = [rng.choice(WORDS) for _ in range(words - len(base) if words > len(base) else 10)]
    for word in extra:
        base.insert(rng.randrange(len(base) + 1), word)
    return " ".join(base)
