"""The batch command's JSON Lines contract."""

from __future__ import annotations

import json

from moderation.cli import check_stream


def line(**kw: object) -> str:
    base = {
        "id": "a",
        "kind": "review",
        "facility_id": "f1",
        "facility_name": "De Rupsjes",
        "sector": "kinderopvang",
        "municipality": "Gent",
        "reviewer_id": "u1",
        "submitted_at": "2025-03-01T10:00:00",
        "ratings": {"1": 4},
        "text": "Fijne opvang.",
    }
    base.update(kw)
    return json.dumps(base)


def test_one_output_per_input_in_order_with_the_contract_fields() -> None:
    out = list(check_stream([line(id="a"), "", line(id="b", text="Mail an@telenet.be")]))
    assert [o["id"] for o in out] == ["a", "b"]
    for o in out:
        assert set(o) >= {"id", "route", "flags", "redacted", "findings"}
        for finding in o["findings"]:
            assert set(finding) >= {"start", "end", "label", "check"}
    assert "[e-mailadres]" in out[1]["redacted"]
    assert "privacy" in out[1]["flags"]
