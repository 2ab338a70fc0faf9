"""The pure moderation core: `moderate(submission, history, policy) -> Report`."""

from moderation.contract import (
    FLAGS,
    PII_LABELS,
    PLACEHOLDERS,
    Finding,
    History,
    PastSubmission,
    Report,
    Submission,
)
from moderation.history import InMemoryHistory
from moderation.pipeline import moderate, suggest_route, warm_up
from moderation.policy import Policy

__all__ = [
    "FLAGS",
    "PII_LABELS",
    "PLACEHOLDERS",
    "Finding",
    "History",
    "InMemoryHistory",
    "PastSubmission",
    "Policy",
    "Report",
    "Submission",
    "moderate",
    "suggest_route",
    "warm_up",
]
