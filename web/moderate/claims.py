"""Claims on queue items, kept in Redis with an expiry: no table, no stale locks."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from functools import cache

import redis

from web import db

CLAIM_MINUTES = 15
log = logging.getLogger(__name__)


@cache
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)


def _key(kind: str, subject_id: int) -> str:
    settings = db.settings()
    space = hashlib.sha256(settings.database_url.encode()).hexdigest()[:12]
    return f"zr-claim:{space}:{kind}:{subject_id}"


def _text(value: object) -> str:
    """A Redis reply as text."""
    if isinstance(value, bytes):
        return value.decode()
    return str(value) if value is not None else ""


def holder_name(holder: str) -> str:
    """The display name in a stored holder ("12:An" -> "An")."""
    return holder.partition(":")[2] or holder


def claim(kind: str, subject_id: int, who: str) -> str | None:
    """Claim an item for `who` ("account id:name") unless someone else holds it.

    Return the other holder's name, if any. A moderator holds one item at a time: opening
    the next one frees the previous, so paging with j/k does not lock the whole queue.
    """
    try:
        r = _client(db.settings().redis_url)
        key = _key(kind, subject_id)
        if not r.set(key, who, nx=True, ex=CLAIM_MINUTES * 60):
            holder = _text(r.get(key))
            if holder != who:
                return holder_name(holder) if holder else None
            r.expire(key, CLAIM_MINUTES * 60)
        mine = _key("holder", 0) + ":" + who.partition(":")[0]
        previous = r.getset(mine, key)
        r.expire(mine, CLAIM_MINUTES * 60)
        if previous and _text(previous) != key and r.get(previous) == who.encode():
            r.delete(previous)
        return None
    except redis.RedisError:
        log.warning("claims unavailable (Redis)")
        return None


def holders(items: Sequence[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Who holds each of these items, as stored ("account id:name"; only claimed ones)."""
    if not items:
        return {}
    try:
        values = _client(db.settings().redis_url).mget([_key(k, i) for k, i in items])
    except redis.RedisError:
        return {}
    return {item: _text(v) for item, v in zip(items, values, strict=True) if v}


def release(kind: str, subject_id: int) -> None:
    """Release a claim once the item is decided."""
    try:
        _client(db.settings().redis_url).delete(_key(kind, subject_id))
    except redis.RedisError:
        return
