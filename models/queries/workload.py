"""What a moderator sees beside the queue: a preview per item and their own day so far."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlmodel import Session, col, func, select

from models.audit import AuditEvent
from models.reply import Reply
from models.review import Review, ReviewAnswer
from models.states import DECISION_LIST

PREVIEW_LENGTH = 140


def shorten(text: str, length: int = PREVIEW_LENGTH) -> str:
    """The first `length` characters, cut at a word, with an ellipsis if anything was left."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0] if " " in flat[:length] else flat[:length]
    return cut.rstrip(",.;:–- ") + "…"


def previews(
    session: Session, review_ids: list[int], reply_ids: list[int]
) -> dict[tuple[str, int], tuple[str, float | None]]:
    """(kind, id) -> (the start of the text as it will be published, the mean score).

    Reads the redacted texts only: a list on a screen shows no personal data. Three queries
    whatever the number of items.
    """
    out: dict[tuple[str, int], tuple[str, float | None]] = {}
    texts: dict[int, list[tuple[int, str]]] = {i: [] for i in review_ids}
    means: dict[int, float] = {}
    if review_ids:
        for rid, story in session.exec(
            select(Review.id, Review.story_redacted).where(col(Review.id).in_(review_ids))
        ):
            if story:
                texts[rid or 0].append((0, story))
        for rid, theme, text in session.exec(
            select(ReviewAnswer.review_id, ReviewAnswer.theme, ReviewAnswer.text_redacted).where(
                col(ReviewAnswer.review_id).in_(review_ids)
            )
        ):
            if text:
                texts[rid].append((theme, text))
        for rid, mean in session.exec(
            select(ReviewAnswer.review_id, func.avg(ReviewAnswer.score))
            .where(col(ReviewAnswer.review_id).in_(review_ids))
            .group_by(col(ReviewAnswer.review_id))
        ):
            means[rid] = float(mean)
        for rid, parts in texts.items():
            ordered = " · ".join(text for _, text in sorted(parts))
            out[("review", rid)] = (shorten(ordered), means.get(rid))
    if reply_ids:
        for pid, text in session.exec(
            select(Reply.id, Reply.text_redacted).where(col(Reply.id).in_(reply_ids))
        ):
            out[("reply", pid or 0)] = (shorten(text or ""), None)
    return out


def decisions_since(session: Session, actor: str, since: datetime) -> list[tuple[str, int]]:
    """(what the dashboard calls it, how many) of this actor's decisions since `since`.

    An undo counts on its own line ("ongedaan gemaakt"), so the figures add up to the events.
    """
    words = {d.to_state.value: d.done for d in DECISION_LIST}
    rows = session.exec(
        select(AuditEvent.to_state, AuditEvent.reason_code, func.count())
        .where(AuditEvent.actor == actor, col(AuditEvent.at) >= since)
        .group_by(col(AuditEvent.to_state), col(AuditEvent.reason_code))
    ).all()
    counts: Counter[str] = Counter()
    for to_state, reason, n in rows:
        if reason == "undo":
            counts["ongedaan gemaakt"] += n
        elif to_state in words:
            counts[words[to_state]] += n
    order = [d.done for d in DECISION_LIST] + ["ongedaan gemaakt"]
    return [(word, counts[word]) for word in order if counts[word]]
