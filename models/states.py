"""The states of a review or reply, and which moves between them are allowed."""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    """A review's life: unconfirmed (e-mail not yet confirmed) up to published."""

    UNCONFIRMED = "unconfirmed"
    SUBMITTED = "submitted"
    CHECKING = "checking"
    AWAITING_MODERATION = "awaiting_moderation"
    PUBLISHED = "published"
    RETURNED = "returned"
    REJECTED = "rejected"
    ESCALATED = "escalated"
    WITHDRAWN = "withdrawn"
    REMOVED = "removed"


PENDING = (State.SUBMITTED, State.CHECKING)
IN_QUEUE = (State.AWAITING_MODERATION, State.ESCALATED)

DECISIONS: dict[str, State] = {
    "publish": State.PUBLISHED,
    "return": State.RETURNED,
    "reject": State.REJECTED,
    "escalate": State.ESCALATED,
}


class Role(StrEnum):
    """What an account may do."""

    MODERATOR = "moderator"
    SENIOR = "senior"
    FACILITY = "facility"
    ADMIN = "admin"
