"""Rules for a new password: long enough, not on a blocklist, not guessable (zxcvbn)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from flask_babel import gettext
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 200
MIN_SCORE = 3  # zxcvbn: 3 is "safely unguessable" (about 10^8 guesses or more)
_DUTCH_LIST = Path(__file__).with_name("blocked_passwords_nl.txt")


@cache
def blocklist() -> frozenset[str]:
    """zxcvbn's 30,000 most common passwords plus our own Dutch and platform list."""
    ours = {
        line.strip().lower()
        for line in _DUTCH_LIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return frozenset(FREQUENCY_LISTS["passwords"]) | ours


def _core(password: str) -> str:
    """The password without what people add to a blocked word: digits, symbols, spaces."""
    return re.sub(r"[\W\d_]+", "", password.lower())


def _(text: str, **values: object) -> str:
    return str(gettext(text, **values))


def password_problem(password: str, email: str = "", name: str = "") -> str | None:
    """What is wrong with `password` as a new password, in the page's language; None if fine."""
    if len(password) < MIN_LENGTH:
        return _("Gebruik minstens %(num)d tekens.", num=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Gebruik hoogstens %(num)d tekens.", num=MAX_LENGTH)
    words = blocklist()
    core = _core(password)
    if password.lower() in words or (len(core) >= 4 and core in words):
        return _(
            "Dit wachtwoord is te bekend: het staat op een lijst van veelgebruikte wachtwoorden."
        )
    parts = re.split(r"[@.\s_+-]+", f"{email} {name}".lower())
    personal = [part for part in parts if len(part) > 2]
    if any(part in password.lower() for part in personal):
        return _("Gebruik je naam of e-mailadres niet in je wachtwoord.")
    if zxcvbn(password[:100], user_inputs=personal)["score"] < MIN_SCORE:
        return _(
            "Dit wachtwoord is te makkelijk te raden. Kies bijvoorbeeld vier losse woorden "
            "die niet bij elkaar horen."
        )
    return None
