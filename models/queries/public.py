"""What the public pages and the API read: facilities, scores, published reviews."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, or_
from sqlmodel import Session, col, func, select

from models._base import utcnow
from models.facility import Facility, ThemeQuestion
from models.reply import Reply
from models.review import Review, ReviewAnswer
from models.states import State


def visible() -> Any:
    """Published reviews whose publication moment has come (a notice period may delay it)."""
    return and_(col(Review.state) == State.PUBLISHED, col(Review.published_at) <= utcnow())


def search_facilities(
    session: Session,
    q: str = "",
    sector: str = "",
    limit: int = 50,
    offset: int = 0,
    kind: str = "",
    municipality: str = "",
    towns: Sequence[str] = (),
) -> list[Facility]:
    """Facilities whose name, municipality or postcode contains `q`, by sector, type, town(s)."""
    query = select(Facility).where(col(Facility.listed).is_(True))
    q = q.strip()
    if q:
        like = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(Facility.name).like(like),
                func.lower(Facility.municipality).like(like),
                col(Facility.postcode).like(f"{q}%"),
            )
        )
    if sector:
        query = query.where(Facility.sector == sector)
    if kind:
        query = query.where(Facility.type == kind)
    if municipality:
        query = query.where(Facility.municipality == municipality)
    if towns:
        query = query.where(col(Facility.municipality).in_(list(towns)))
    # The id breaks ties, so that pages neither repeat nor skip a facility on PostgreSQL.
    query = query.order_by(col(Facility.name), col(Facility.id))
    return list(session.exec(query.offset(offset).limit(limit)))


def facility_summaries(
    session: Session, facility_ids: list[int]
) -> dict[int, tuple[float | None, int]]:
    """Per facility: the average of all published theme scores, and the published reviews."""
    if not facility_ids:
        return {}
    rows = session.exec(
        select(
            Review.facility_id,
            func.avg(ReviewAnswer.score),
            func.count(func.distinct(Review.id)),
        )
        .join(ReviewAnswer, col(ReviewAnswer.review_id) == Review.id)
        .where(visible(), col(Review.facility_id).in_(facility_ids))
        .group_by(col(Review.facility_id))
    ).all()
    return {fid: (float(avg) if avg is not None else None, int(n)) for fid, avg, n in rows}


# Built once, SQLAlchemy keeps its cache key: every form page and post starts with it.
_FACILITY_BY_ID = select(Facility).where(col(Facility.id) == bindparam("facility_id"))


def public_facility(session: Session, facility_id: int) -> Facility | None:
    """A facility the public may see (a sign-up waits for an admin's approval)."""
    fac = session.exec(_FACILITY_BY_ID, params={"facility_id": facility_id}).first()
    return fac if fac is not None and fac.listed else None


def facility_types(session: Session) -> list[str]:
    """The types of facility that exist (groepsopvang, woonzorgcentrum...)."""
    return sorted(t for t in session.exec(select(Facility.type).distinct()) if t)


def theme_questions(session: Session, sector: str) -> list[ThemeQuestion]:
    """The eight questions of a sector, in theme order."""
    return list(
        session.exec(
            select(ThemeQuestion)
            .where(ThemeQuestion.sector == sector)
            .order_by(col(ThemeQuestion.number))
        )
    )


@dataclass
class ThemeScore:
    """The average and distribution of one theme's published answers."""

    number: int
    title: str
    average: float | None
    count: int
    distribution: dict[int, int] = field(default_factory=dict)


def theme_scores(session: Session, facility: Facility, years: int = 4) -> list[ThemeScore]:
    """Per-theme averages over published reviews of the last `years` years."""
    since = utcnow() - timedelta(days=365 * years)
    rows = session.exec(
        select(ReviewAnswer.theme, ReviewAnswer.score, func.count())
        .join(Review, col(Review.id) == ReviewAnswer.review_id)
        .where(
            Review.facility_id == facility.id,
            visible(),
            col(Review.published_at) >= since,
        )
        .group_by(col(ReviewAnswer.theme), col(ReviewAnswer.score))
    ).all()
    dist: dict[int, dict[int, int]] = defaultdict(dict)
    for theme, score, n in rows:
        dist[theme][score] = n
    out = []
    for q in theme_questions(session, facility.sector):
        d = dist.get(q.number, {})
        n = sum(d.values())
        avg = sum(s * c for s, c in d.items()) / n if n else None
        out.append(ThemeScore(q.number, q.title, avg, n, {s: d.get(s, 0) for s in range(1, 6)}))
    return out


def published_reviews(
    session: Session,
    facility_id: int,
    limit: int = 20,
    offset: int = 0,
    theme: int | None = None,
    sort: str = "nieuwste",
    score: int | None = None,
) -> list[Review]:
    """Published reviews of a facility (only those that answered `theme`; with an average
    score that rounds to `score`), newest first or as `sort` says: oudste, hoogste, laagste."""
    query = select(Review).where(Review.facility_id == facility_id, visible())
    if theme is not None:
        # Per review of this facility (the answers' review index), not over every answer.
        answered = select(ReviewAnswer.id).where(
            ReviewAnswer.review_id == Review.id, ReviewAnswer.theme == theme
        )
        query = query.where(answered.exists())
    order: tuple[Any, ...] = (col(Review.published_at).desc(), col(Review.id).desc())
    if sort == "oudste":
        order = (col(Review.published_at).asc(), col(Review.id).asc())
    if sort in ("hoogste", "laagste") or score is not None:
        # The average score of each of this facility's reviews only, and only when asked:
        # over every answer in the database, the grouping cost ~185 ms a page with 100,000
        # reviews stored (SQLite does not push the facility into a grouped subquery).
        average = (
            select(ReviewAnswer.review_id, func.avg(ReviewAnswer.score).label("average"))
            .join(Review, col(Review.id) == ReviewAnswer.review_id)
            .where(Review.facility_id == facility_id)
            .group_by(col(ReviewAnswer.review_id))
            .subquery()
        )
        query = query.join(average, average.c.review_id == Review.id, isouter=True)
        if score is not None:
            query = query.where(average.c.average >= score - 0.5, average.c.average < score + 0.5)
        if sort == "hoogste":
            order = (average.c.average.desc(), col(Review.id).desc())
        elif sort == "laagste":
            order = (average.c.average.asc(), col(Review.id).desc())
    return list(session.exec(query.order_by(*order).offset(offset).limit(limit)))


def published_period(session: Session, facility_id: int) -> tuple[datetime, datetime] | None:
    """The first and last publication date of a facility's reviews."""
    first, last = session.exec(
        select(func.min(Review.published_at), func.max(Review.published_at)).where(
            Review.facility_id == facility_id, visible()
        )
    ).one()
    return (first, last) if first and last else None


def count_published(session: Session, facility_id: int) -> int:
    """How many reviews of a facility are published."""
    return int(
        session.exec(
            select(func.count())
            .select_from(Review)
            .where(Review.facility_id == facility_id, visible())
        ).one()
    )


def answers_by_review(session: Session, review_ids: list[int]) -> dict[int, list[ReviewAnswer]]:
    """The answers of several reviews, in theme order."""
    out: dict[int, list[ReviewAnswer]] = defaultdict(list)
    if review_ids:
        for a in session.exec(
            select(ReviewAnswer)
            .where(col(ReviewAnswer.review_id).in_(review_ids))
            .order_by(col(ReviewAnswer.theme))
        ):
            out[a.review_id].append(a)
    return out


def published_replies(session: Session, review_ids: list[int]) -> dict[int, list[Reply]]:
    """Published replies per review."""
    out: dict[int, list[Reply]] = defaultdict(list)
    if review_ids:
        for r in session.exec(
            select(Reply)
            .where(col(Reply.review_id).in_(review_ids), Reply.state == State.PUBLISHED)
            .order_by(col(Reply.published_at))
        ):
            out[r.review_id].append(r)
    return out
