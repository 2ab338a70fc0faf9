"""One table of personal-data kinds: placeholders, priorities, messages and hints follow."""

from __future__ import annotations

from moderation.contract import PERSONAL_DATA_KINDS, PII_LABELS, PLACEHOLDERS
from moderation.privacy import MESSAGES, PRIORITY, lexicon


def test_every_kind_has_all_its_fields_and_a_unique_priority() -> None:
    assert set(PII_LABELS) == set(PERSONAL_DATA_KINDS) == set(PLACEHOLDERS) == set(MESSAGES)
    for kind in PERSONAL_DATA_KINDS.values():
        assert {"placeholder", "priority", "message", "hint"} <= set(kind)
    priorities = [int(k["priority"]) for k in PERSONAL_DATA_KINDS.values()]
    assert sorted(priorities) == list(range(1, len(priorities) + 1))
    assert PRIORITY[0] == "EMAIL"
    assert PRIORITY[-1] == "HEALTH"


def test_every_evidence_has_a_score_and_a_reason() -> None:
    for key, entry in lexicon.evidence().items():
        assert 0 < float(entry["score"]) <= 1, key
        assert entry["reason"], key
