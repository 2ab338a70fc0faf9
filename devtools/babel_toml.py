"""A Babel extractor for models/themes.toml: every theme title and question is a msgid."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

_TEXT = re.compile(r'\b(?:title|question)\s*=\s*"((?:[^"\\]|\\.)*)"')


def extract_themes(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield (line, funcname, message, comments) for each title and question in the file."""
    for lineno, line in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        for match in _TEXT.finditer(line):
            yield lineno, "_", match.group(1).encode().decode("unicode_escape"), []
