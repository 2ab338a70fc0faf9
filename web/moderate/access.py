"""Who is moderating, what they may open, and the queue they can work on."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user

from models import Reply, Review, Role, State
from models.queries import queue as load_queue
from services.decisions import Moderator
from services.platform import Platform
from services.subjects import latest_report, load_subject
from web import db
from web.moderate.claims import holders

SENIOR = (Role.SENIOR, Role.ADMIN)


def is_senior() -> bool:
    """Whether the current moderator may handle escalations."""
    return bool(current_user.role in SENIOR)


def me() -> str:
    """How a claim names the current moderator: account id (to compare) and name (to show)."""
    return f"{current_user.id}:{current_user.name}"


def moderator() -> Moderator:
    """The current account as the services see a moderator."""
    return Moderator(account_id=int(current_user.id), senior=is_senior())


def platform() -> Platform:
    """The engine, Celery app and settings an operation sends its tasks with."""
    return Platform(db.engine(), db.celery(), db.settings())


def workable(session: Any) -> list[Any]:
    """The queue without the items another moderator is working on."""
    items = load_queue(session, include_escalated=is_senior())
    held = holders([(i.kind, i.id) for i in items])
    mine = me()
    return [i for i in items if held.get((i.kind, i.id), mine) == mine]


def load_item(kind: str, subject_id: int) -> Review | Reply:
    """The item, or 404; an escalation (or one the checks route there) only for seniors."""
    subject = load_subject(db.session(), kind, subject_id)
    if subject is None:
        abort(404)
    report = latest_report(db.session(), kind, subject_id)
    escalated = subject.state == State.ESCALATED or (
        report is not None and report.route == "escalate"
    )
    if escalated and not is_senior():
        abort(403)
    return subject
