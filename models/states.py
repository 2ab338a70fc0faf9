"""The one state machine of a review or reply: states, decisions, allowed moves and titles.

Views, queue queries, notifications, the dashboard and the templates all read this module;
a state's or decision's title is written here once, in Dutch, French and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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

    @property
    def label(self) -> str:
        """The Dutch title a moderator reads."""
        return STATE_TITLES[self]["nl"]

    def title_in(self, language: str) -> str:
        """The title in `language` (nl, fr or en; Dutch otherwise)."""
        titles = STATE_TITLES[self]
        return titles.get(language, titles["nl"])


STATE_TITLES: Mapping[State, Mapping[str, str]] = {
    State.UNCONFIRMED: {"nl": "Niet bevestigd", "fr": "Non confirmé", "en": "Not confirmed"},
    State.SUBMITTED: {"nl": "Ontvangen", "fr": "Reçu", "en": "Received"},
    State.CHECKING: {"nl": "Wordt nagekeken", "fr": "En vérification", "en": "Being checked"},
    State.AWAITING_MODERATION: {
        "nl": "Wacht op redactie",
        "fr": "En attente de relecture",
        "en": "Awaiting moderation",
    },
    State.PUBLISHED: {"nl": "Online", "fr": "En ligne", "en": "Published"},
    State.RETURNED: {"nl": "Teruggestuurd", "fr": "Renvoyé", "en": "Returned"},
    State.REJECTED: {"nl": "Niet gepubliceerd", "fr": "Non publié", "en": "Rejected"},
    State.ESCALATED: {"nl": "Doorverwezen", "fr": "Transmis", "en": "Escalated"},
    State.WITHDRAWN: {"nl": "Ingetrokken", "fr": "Retiré", "en": "Withdrawn"},
    State.REMOVED: {"nl": "Verwijderd", "fr": "Supprimé", "en": "Removed"},
}

# What the author reads on the private page, per state.
AUTHOR_NOTES: Mapping[State, Mapping[str, str]] = {
    State.UNCONFIRMED: {
        "nl": "Nog niet bevestigd: klik op de link in je mail.",
        "fr": "Pas encore confirmé : cliquez sur le lien dans votre e-mail.",
        "en": "Not confirmed yet: click the link in your e-mail.",
    },
    State.SUBMITTED: {
        "nl": "Ontvangen. We lezen ze zo snel mogelijk na.",
        "fr": "Reçu. Nous le relisons dès que possible.",
        "en": "Received. We will read it as soon as we can.",
    },
    State.CHECKING: {
        "nl": "Ontvangen. We lezen ze zo snel mogelijk na.",
        "fr": "Reçu. Nous le relisons dès que possible.",
        "en": "Received. We will read it as soon as we can.",
    },
    State.AWAITING_MODERATION: {
        "nl": "Ontvangen. Iemand van de redactie leest ze na.",
        "fr": "Reçu. Un membre de la rédaction le relit.",
        "en": "Received. Someone of the editorial team is reading it.",
    },
    State.ESCALATED: {
        "nl": "Een ervaren medewerker bekijkt je waardering met extra zorg.",
        "fr": "Un collaborateur expérimenté examine votre avis avec une attention particulière.",
        "en": "An experienced colleague is looking at your review with extra care.",
    },
    State.PUBLISHED: {"nl": "Online.", "fr": "En ligne.", "en": "Published."},
    State.RETURNED: {
        "nl": "Teruggestuurd: we vragen je iets aan te passen.",
        "fr": "Renvoyé : nous vous demandons d'adapter quelque chose.",
        "en": "Returned: we ask you to change something.",
    },
    State.REJECTED: {"nl": "Niet gepubliceerd.", "fr": "Non publié.", "en": "Not published."},
    State.WITHDRAWN: {"nl": "Ingetrokken.", "fr": "Retiré.", "en": "Withdrawn."},
    State.REMOVED: {"nl": "Verwijderd.", "fr": "Supprimé.", "en": "Removed."},
}

# The checks' suggested route, as a moderator reads it.
ROUTE_TITLES: Mapping[str, str] = {
    "publish": "publiceren",
    "review": "nalezen",
    "return": "terugsturen",
    "reject": "weigeren",
    "escalate": "doorverwijzen",
}

PENDING = (State.SUBMITTED, State.CHECKING)
IN_QUEUE = (State.AWAITING_MODERATION, State.ESCALATED)
FINAL = (State.PUBLISHED, State.REJECTED, State.WITHDRAWN, State.REMOVED)
# What the author may still do through the private link, by state.
EDITABLE = (State.RETURNED, State.AWAITING_MODERATION, State.PUBLISHED, State.SUBMITTED)
WITHDRAWABLE = (State.PUBLISHED, State.AWAITING_MODERATION, State.RETURNED, State.SUBMITTED)


@dataclass(frozen=True)
class Decision:
    """A moderator's decision: where it leads, from where it may be taken, what follows."""

    code: str
    to_state: State
    from_states: tuple[State, ...]
    titles: Mapping[str, str]
    done: str  # how the dashboard counts it: "gepubliceerd"
    reasons: str | None = None  # which list of the code of conduct a reason comes from
    decides: bool = True  # sets `decided_at` (an escalation still waits for a decision)
    notify_author: bool = True
    style: str = "secondary"  # the button: "" (the main one), "secondary" or "danger"

    @property
    def title(self) -> str:
        """The Dutch title on the decision's button."""
        return self.titles["nl"]


DECISION_LIST: tuple[Decision, ...] = (
    Decision(
        "publish",
        State.PUBLISHED,
        IN_QUEUE,
        {"nl": "Publiceren", "fr": "Publier", "en": "Publish"},
        "gepubliceerd",
        style="",
    ),
    Decision(
        "return",
        State.RETURNED,
        IN_QUEUE,
        {"nl": "Terugsturen", "fr": "Renvoyer", "en": "Return"},
        "teruggestuurd",
        reasons="return",
    ),
    Decision(
        "reject",
        State.REJECTED,
        IN_QUEUE,
        {"nl": "Weigeren", "fr": "Refuser", "en": "Reject"},
        "geweigerd",
        reasons="reject",
        style="danger",
    ),
    Decision(
        "escalate",
        State.ESCALATED,
        (State.AWAITING_MODERATION,),
        {"nl": "Doorverwijzen", "fr": "Transmettre", "en": "Escalate"},
        "doorverwezen",
        reasons="escalate",
        decides=False,
    ),
)
DECISIONS: Mapping[str, Decision] = {d.code: d for d in DECISION_LIST}
DECIDED = tuple(dict.fromkeys(d.to_state for d in DECISION_LIST))

# Every allowed move. An edit sends a text back to `submitted`; an undo goes back to the queue.
TRANSITIONS: Mapping[State, frozenset[State]] = {
    State.UNCONFIRMED: frozenset({State.SUBMITTED}),
    State.SUBMITTED: frozenset({State.CHECKING, State.SUBMITTED, State.WITHDRAWN}),
    State.CHECKING: frozenset(
        {State.AWAITING_MODERATION, State.ESCALATED, State.SUBMITTED, State.WITHDRAWN}
    ),
    State.AWAITING_MODERATION: frozenset({*DECIDED, State.SUBMITTED, State.WITHDRAWN}),
    State.ESCALATED: frozenset(
        {*DECIDED, State.AWAITING_MODERATION, State.SUBMITTED, State.WITHDRAWN}
    ),
    State.PUBLISHED: frozenset({*IN_QUEUE, State.WITHDRAWN, State.REMOVED, State.SUBMITTED}),
    State.RETURNED: frozenset({*IN_QUEUE, State.SUBMITTED, State.WITHDRAWN}),
    State.REJECTED: frozenset(IN_QUEUE),
    State.WITHDRAWN: frozenset(),
    State.REMOVED: frozenset(),
}


def can_move(from_state: str, to_state: str) -> bool:
    """Whether the state machine allows this move."""
    try:
        return State(to_state) in TRANSITIONS[State(from_state)]
    except ValueError:
        return False


def state_title(value: str, language: str = "nl") -> str:
    """The title of a stored state code; the code itself if it is unknown."""
    try:
        return State(value).title_in(language)
    except ValueError:
        return value


def author_note(value: str, language: str = "nl") -> str:
    """What the author reads about a stored state."""
    try:
        notes = AUTHOR_NOTES[State(value)]
    except ValueError:
        return value
    return notes.get(language, notes["nl"])


class Role(StrEnum):
    """What an account may do."""

    MODERATOR = "moderator"
    SENIOR = "senior"
    FACILITY = "facility"
    ADMIN = "admin"
