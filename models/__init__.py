"""SQLModel tables, the engine helper and queries shared by the web and the workers."""

from models.account import Account, AccountFacility
from models.audit import AppendOnlyError, AuditEvent
from models.facility import Facility, ThemeQuestion
from models.invitation_code import InvitationCode
from models.moderation_report import FindingRow, ModerationReport
from models.outbox import Outbox
from models.reply import Reply
from models.review import Review, ReviewAnswer
from models.reviewer import Reviewer, email_key, normalise_email
from models.states import DECISIONS, IN_QUEUE, PENDING, Role, State

__all__ = [
    "DECISIONS",
    "IN_QUEUE",
    "PENDING",
    "Account",
    "AccountFacility",
    "AppendOnlyError",
    "AuditEvent",
    "Facility",
    "FindingRow",
    "InvitationCode",
    "ModerationReport",
    "Outbox",
    "Reply",
    "Review",
    "ReviewAnswer",
    "Reviewer",
    "Role",
    "State",
    "ThemeQuestion",
    "email_key",
    "normalise_email",
]
