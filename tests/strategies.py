"""Hypothesis strategies for hostile input: weird text, huge values, bad JSON, wrong bodies."""

from __future__ import annotations

import json
from collections.abc import Mapping
from io import BytesIO
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st

# Characters that break naive code: RTL marks and text, zero-width joiners, combining marks,
# emoji with modifiers, look-alike and non-ASCII digits, quotes, NUL and other controls.
NASTY = [
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "שלום",
    "مرحبا",
    "\u200b\u200c\u200d\ufeff",  # zero-width space, non-joiner, joiner, BOM
    "e\u0301\u0301\u0301",  # stacked combining accents
    "👩‍👩‍👧‍👦",
    "🏳️‍🌈",
    "👍🏽",
    "²³¹",  # superscript digits: str.isdigit() says yes, int() says no
    "١٢٣",  # Arabic-Indic digits
    "\x00",
    "\x01\x07\x1b[31m",
    "\r\n",
    "\u2028\u2029",
    "'\"<>&%;--",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "%s%n%x",
    "../../etc/passwd",
    "NaN",
    "-0",
    "1e309",
    "ǅungla İstanbul ß ﬃ",
    "\U0010fffd",
    "\ufffd",
]

nasty_text = st.lists(
    st.one_of(
        st.sampled_from(NASTY),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    ),
    max_size=6,
).map("".join)

# 100 kB to 2 MB: the app allows 1 MB per request, so both sides of the limit are covered.
huge_text = st.tuples(
    st.sampled_from(["x", "é", "😀", "\u200b", "ab ", "Heel lang verhaal. "]),
    st.sampled_from([100_000, 400_000, 900_000, 1_100_000, 2_000_000]),
).map(lambda pair: pair[0] * (pair[1] // len(pair[0].encode())))

wrong_number = st.one_of(
    st.sampled_from(["", "-1", "0", "1.5", "1e3", "0x10", " 3 ", "+4", "²", "١", "NaN", "∞"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def form_fields(
    fields: Mapping[str, st.SearchStrategy[str]],
) -> st.SearchStrategy[dict[str, Any]]:
    """Some of `fields` (each maybe repeated), plus maybe unknown extra fields."""

    def one(name: str, valid: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
        value = st.one_of(valid, valid, nasty_text, wrong_number)
        return st.one_of(value, st.lists(value, min_size=2, max_size=3))

    known = st.fixed_dictionaries({}, optional={n: one(n, v) for n, v in fields.items()})
    extra = st.dictionaries(st.sampled_from(["x", "id", "", "csrf_token[]", "ä"]), nasty_text)
    return st.tuples(known, extra).map(lambda pair: {**pair[1], **pair[0]})


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


json_value = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.floats(allow_nan=False),
        nasty_text,
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_text, inner, max_size=4),
    max_leaves=12,
)

malformed_json = st.one_of(
    st.sampled_from(
        [
            "",
            "{",
            '{"text": }',
            "{'text': 'x'}",
            '{"text": "\\ud800"}',
            "NaN",
            "[1, 2",
            '"just a string"',
            "null",
            '{"text": "a"}{"text": "b"}',
        ]
    ),
    st.sampled_from([1_000, 50_000, 400_000]).map(_deep),
    nasty_text,
)


class Body:
    """How a request carries its data: keyword arguments for the Flask test client."""

    def __init__(self, kind: str, kwargs: dict[str, Any]) -> None:
        self.kind = kind
        self.kwargs = kwargs

    def __repr__(self) -> str:
        return f"Body({self.describe()!r})"

    def describe(self) -> str:
        """A short label for failure messages (never the whole huge body)."""
        return f"{self.kind}: {str(self.kwargs)[:300]}"


def _multipart(data: dict[str, Any]) -> Body:
    parts: dict[str, Any] = {}
    for name, value in data.items():
        text = value[0] if isinstance(value, list) else value
        parts[name] = (BytesIO(str(text).encode("utf-8", "surrogatepass")), "bestand.txt")
    return Body("multipart", {"data": parts, "content_type": "multipart/form-data"})


def one_wrong(
    valid: Mapping[str, st.SearchStrategy[str]],
) -> st.SearchStrategy[dict[str, Any]]:
    """A valid form, or a valid form with one field hostile, repeated, huge or missing."""
    whole = st.fixed_dictionaries(dict(valid))
    if not valid:
        return whole
    bad = st.one_of(
        nasty_text,
        wrong_number,
        huge_text,
        st.lists(nasty_text, min_size=2, max_size=3),
        st.none(),
    )

    def spoil(pair: tuple[dict[str, Any], tuple[str, Any]]) -> dict[str, Any]:
        data, (name, value) = pair
        data = dict(data)
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
        return data

    return st.one_of(
        whole, st.tuples(whole, st.tuples(st.sampled_from(sorted(valid)), bad)).map(spoil)
    )


def bodies(
    fields: Mapping[str, st.SearchStrategy[str]],
    csrf: str | None,
    valid: Mapping[str, st.SearchStrategy[str]] | None = None,
) -> st.SearchStrategy[Body]:
    """Form posts (with a valid CSRF token when given) and every wrong way to send the same."""
    base = form_fields(fields)
    near = one_wrong(valid if valid is not None else fields)
    headers = {"X-CSRFToken": csrf} if csrf else {}

    def form(data: dict[str, Any]) -> Body:
        return Body("form", {"data": {**data, **({"csrf_token": csrf} if csrf else {})}})

    def huge(pair: tuple[dict[str, Any], str]) -> Body:
        data, text = pair
        name = next(iter(fields), "x")
        return form({**data, name: text})

    return st.one_of(
        near.map(form),
        near.map(form),
        near.map(form),
        base.map(form),
        st.tuples(base, huge_text).map(huge),
        base.map(lambda d: Body("json", {"json": d, "headers": headers})),
        json_value.map(lambda v: Body("json", {"json": v, "headers": headers})),
        base.map(lambda d: Body("form-no-csrf", {"data": d})),
        base.map(_multipart),
        st.binary(max_size=200).map(
            lambda b: Body(
                "binary",
                {"data": b, "content_type": "application/octet-stream", "headers": headers},
            )
        ),
        nasty_text.map(
            lambda t: Body(
                "text/plain",
                {"data": t.encode(), "content_type": "text/plain", "headers": headers},
            )
        ),
        malformed_json.map(
            lambda t: Body(
                "bad-json",
                {"data": t.encode(), "content_type": "application/json", "headers": headers},
            )
        ),
    )


def json_bodies(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Body]:
    """JSON posts, valid and not, and every non-JSON way of sending something."""
    return st.one_of(
        valid.map(lambda v: Body("json", {"json": v})),
        json_value.map(lambda v: Body("json", {"json": v})),
        st.fixed_dictionaries({"text": st.one_of(json_value, huge_text)}).map(
            lambda v: Body("json", {"json": v})
        ),
        malformed_json.map(
            lambda t: Body("bad-json", {"data": t.encode(), "content_type": "application/json"})
        ),
        form_fields({"text": nasty_text}).map(lambda d: Body("form", {"data": d})),
        form_fields({"text": nasty_text}).map(_multipart),
        st.binary(max_size=200).map(
            lambda b: Body("binary", {"data": b, "content_type": "application/octet-stream"})
        ),
        nasty_text.map(
            lambda t: Body("text/plain", {"data": t.encode(), "content_type": "text/plain"})
        ),
    )


def query_strings(params: Mapping[str, st.SearchStrategy[str]]) -> st.SearchStrategy[str]:
    """A query string of known parameters (maybe repeated), hostile values, unknown extras."""
    value = st.one_of(
        nasty_text,
        wrong_number,
        st.sampled_from(["-1", "0", str(10**30), "1" * 400, "%", "%zz", "&&&", "a=b"]),
        st.sampled_from([10_000, 100_000]).map(lambda n: "q" * n),
    )
    pairs = st.lists(
        st.tuples(
            st.sampled_from(sorted(params)) if params else st.just("q"),
            st.one_of(value, *params.values()) if params else value,
        ),
        max_size=5,
    )
    extra = st.lists(st.tuples(st.sampled_from(["taal", "next", "", "ä"]), value), max_size=2)

    def encode(items: list[tuple[str, str]]) -> str:
        return "&".join(
            f"{quote(k, safe='')}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}"
            for k, v in items
        )

    raw = st.sampled_from(["", "?", "&", "=", "a&&b==c", "%00=%00", "%ff%fe=%c3%28", "pagina"])
    return st.one_of((pairs | st.tuples(pairs, extra).map(lambda p: p[0] + p[1])).map(encode), raw)


def path_ids(known: list[int]) -> st.SearchStrategy[str]:
    """An id for a path: a real one, an unknown one, or something that is not an id."""
    real = st.sampled_from([str(i) for i in known])
    return st.one_of(
        real,
        real,
        real,
        st.sampled_from(
            ["0", "999999", "-1", str(2**31), str(2**63), str(10**30), "abc", "1.0", "²", "١"]
        ),
    ).map(lambda s: quote(s, safe=""))


def path_tokens(known: list[str]) -> st.SearchStrategy[str]:
    """A token in a path: a real one, or hostile text."""
    return st.one_of(
        st.sampled_from(known) if known else st.nothing(),
        nasty_text.filter(bool),
        st.just("x" * 5000),
        st.just(json.dumps({"r": 1})),
    ).map(lambda s: quote(s.encode("utf-8", "surrogatepass"), safe=""))
