"""Refresh the French and English catalogues from the code: `pybabel extract`, then `update`.

The .po files under web/translations are the source of truth for translations: edit the
msgstr there. This script only runs the standard Babel flow (from the repository root, so
that babel.cfg's extractor for models/themes.toml can be imported):

    python -m babel.messages.frontend extract -F babel.cfg -k _l -k lazy_gettext \
        -w 100 --project zorgreviews \
        -o web/translations/messages.pot web models services
    python -m babel.messages.frontend update -w 100 --no-fuzzy-matching \
        -i web/translations/messages.pot -d web/translations

`update` keeps every existing translation and adds new msgids with an empty msgstr (shown
in Dutch until translated). `--check` fails when a msgid has no French or English msgstr.
web/i18n.py compiles the .mo files at start-up.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "web" / "translations"
TEMPLATE = FOLDER / "messages.pot"
LANGUAGES = ("fr", "en")
SOURCES = ("web", "models", "services")


def extract() -> None:
    """Write messages.pot from the code, templates and themes.toml."""
    pybabel(
        "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
        "-w", "100", "--project", "zorgreviews",
        "-o", str(TEMPLATE.relative_to(ROOT)), *SOURCES,
    )  # fmt: skip


def update() -> None:
    """Merge messages.pot into the fr and en catalogues, keeping their translations."""
    pybabel(
        "update", "-w", "100", "--no-fuzzy-matching",
        "-i", str(TEMPLATE.relative_to(ROOT)), "-d", str(FOLDER.relative_to(ROOT)),
    )  # fmt: skip


def untranslated() -> dict[str, list[str]]:
    """The msgids without a translation, per language."""
    missing: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        with (FOLDER / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            catalog = read_po(fh)
        missing[lang] = [
            str(m.id)
            for m in catalog
            if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
        ]
    return missing


def pybabel(*args: str) -> None:
    """Run one pybabel command in this process, from the root (which is put on sys.path)."""
    os.chdir(ROOT)  # locations in the catalogues stay relative
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    CommandLineInterface().run(["pybabel", "-q", *args])


def main(argv: list[str]) -> int:
    """Extract and update; with --check, only report untranslated msgids (exit 1 if any)."""
    if "--check" not in argv:
        extract()
        update()
    missing = untranslated()
    for lang, ids in missing.items():
        for msgid in ids:
            print(f"{lang}: untranslated: {msgid}")
    return 1 if any(missing.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
