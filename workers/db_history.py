"""The `History` the core asks about the past, backed by the database and the LSH index."""

from __future__ import annotations

import functools
import pickle
import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import DateTime, Integer, String, bindparam, cast, tuple_
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, or_, select

from models import ModerationReport, Reply, Review, ReviewAnswer
from models.queries import COUNTED_STATES as COUNTED
from moderation import PastSubmission, Submission
from moderation.history import as_past
from moderation.reliability.similarity import signature
from services.composition import compose
from services.subjects import (
    core_id,
    latest_report,
    load_subject,
    parse_core_id,
    to_submission,
)
from workers.batch_overlap import Unstored, bands, may_copy

# How many near-duplicate candidates one check loads at most.
MAX_CANDIDATES = 16


class DBHistory:
    """Answers the core's questions with a few indexed queries per submission."""

    def __init__(
        self,
        session: Session,
        index: Any | None = None,
        current: str = "",
        unstored: Sequence[Unstored] = (),
    ) -> None:
        self.session = session
        self.index = index
        self.current = current  # the submission being checked is not its own past
        # The batch's earlier checks, not stored yet: candidate copies where the index would
        # give them once stored (see `batch_overlap`).
        self.unstored = unstored
        self._totals: dict[int, int] = {}  # reviewer id -> counted reviews, for this check
        self._loaded: dict[tuple[str, int], PastSubmission] = {}  # candidates, loaded at once
        # What `prefetch` answered in one query: the reviewer and facility it was asked for,
        # the start of the window, the LSH candidates of the text, and the rows themselves.
        self._pre: _Prefetched | None = None

    def _past(self, kind: str, subject_id: int) -> PastSubmission | None:
        if (kind, subject_id) in self._loaded:
            return self._loaded[kind, subject_id]
        subject = load_subject(self.session, kind, subject_id)
        if subject is None:
            return None
        sub = to_submission(self.session, kind, subject)
        report = latest_report(self.session, kind, subject_id)
        return as_past(sub, tuple(report.flag_list) if report else ())

    def _reviews(self, *where: Any) -> list[PastSubmission]:
        """Counted reviews matching `where`, oldest first, loaded in three queries in all.

        A burst window may hold hundreds of reviews of one facility (a media story): loading
        them one by one made every check cost hundreds of queries.
        """
        rows = [
            r
            for r in self.session.exec(
                select(Review)
                .where(col(Review.state).in_(COUNTED), *where)
                .order_by(col(Review.submitted_at), col(Review.id))
            )
            if r.id is not None and core_id("review", r.id) != self.current
        ]
        if not rows:
            return []
        self._count_reviewers({r.reviewer_id for r in rows})
        return self._as_past(rows)

    def _as_past(self, rows: list[Review]) -> list[PastSubmission]:
        """The core's view of these reviews, with their answers and flags in two queries."""
        ids = [r.id for r in rows]
        answers: dict[int, list[ReviewAnswer]] = defaultdict(list)
        for answer in self.session.exec(
            select(ReviewAnswer)
            .where(col(ReviewAnswer.review_id).in_(ids))
            .order_by(col(ReviewAnswer.review_id), col(ReviewAnswer.theme))
        ):
            answers[answer.review_id].append(answer)
        flags: dict[int, tuple[str, ...]] = {}
        for report in self.session.exec(
            select(ModerationReport)
            .where(
                ModerationReport.subject_kind == "review",
                col(ModerationReport.subject_id).in_(ids),
            )
            .order_by(col(ModerationReport.id))
        ):
            flags[report.subject_id] = tuple(report.flag_list)  # the newest report wins
        out = []
        for r in rows:
            assert r.id is not None
            out.append(_past_review(r, answers[r.id], flags.get(r.id, ())))
        return out

    def _count_reviewers(self, reviewer_ids: set[int]) -> None:
        """Fill the cache of review counts for these reviewers with one GROUP BY."""
        missing = [i for i in reviewer_ids if i not in self._totals]
        if not missing:
            return
        self._totals.update({i: 0 for i in missing})
        current = parse_core_id(self.current)
        # The review being checked is not part of its author's history (it was counted once,
        # so no author ever looked new and the worker never saw a burst).
        not_current = Review.id != (current[1] if current and current[0] == "review" else -1)
        for reviewer_id, count in self.session.exec(
            select(Review.reviewer_id, func.count())
            .where(
                col(Review.reviewer_id).in_(missing),
                col(Review.state).in_(COUNTED),
                not_current,
            )
            .group_by(col(Review.reviewer_id))
        ):
            self._totals[reviewer_id] = int(count)

    def prefetch(
        self,
        sub: Submission,
        window_hours: int,
        candidates: list[str] | None = None,
        batch: BatchRows | None = None,
    ) -> None:
        """Answer the core's questions about `sub` with one query: its author's reviews of the
        facility and counts, and the near-duplicate candidates (one more query for the texts
        of candidates this process has not cached, or that changed).

        The facility's other reviews in the burst window come with a second query, only when
        the core asks for them (it does for a review of extreme scores; a busy facility's
        window holds hundreds). Reviews only; the LSH candidates are looked up in Redis first.
        The window's reviews come without texts (`History` allows it). Questions it does not
        cover fall back to the queries below. `candidates`: the text's LSH candidates, if the
        caller looked them up (a batch's, in one round trip). `batch`: the rows of that query
        for a whole batch, fetched at once (`prefetch_batch`), instead of a query of its own.
        """
        current = parse_core_id(self.current)
        reviewer = _reviewer_of(sub)
        if sub.kind != "review" or current is None or current[0] != "review" or reviewer is None:
            return
        since = sub.submitted_at - timedelta(hours=window_hours)
        if candidates is None:
            candidates = lsh_candidates(self.index, sub.text) if self.index is not None else []
        candidate_ids = _candidate_ids(sub, self.current, candidates)
        pre = _Prefetched(reviewer, int(sub.facility_id), since, sub.text, candidates)
        pre.current_id = current[1]
        missing = self._fill(pre, candidate_ids, window=False, batch=batch)
        if missing:  # candidates not seen before, or changed since: with their texts
            texts = _texts_of(self.session)
            for past, marker in self._candidates_with_texts(missing):
                self._loaded["review", int(past.id.partition(":")[2])] = past
                _remember_text(texts, past, marker)
        self._pre = pre

    def _fill(
        self,
        pre: _Prefetched,
        candidate_ids: list[int],
        window: bool,
        batch: BatchRows | None = None,
    ) -> list[int]:
        """Run the prefetch query (with the burst window or without), or take its rows from
        `batch` (without the window), and keep its answers in `pre`; return the candidates
        whose texts are not cached."""
        # Without the window, "since" lies past every review: only the author's rows match.
        since = pre.since if window else datetime.max.replace(tzinfo=pre.since.tzinfo)
        rows: Any
        if batch is not None and not window:
            rows = batch.rows_for(pre, candidate_ids)
        else:
            params: dict[str, Any] = {
                "current_id": pre.current_id,
                "reviewer_id": pre.reviewer_id,
                "facility_id": pre.facility_id,
                "since": since,
            }
            if candidate_ids:
                params["candidate_ids"] = candidate_ids
            rows = self.session.execute(_window_statement(bool(candidate_ids)), params)
        wanted = set(candidate_ids)
        texts = _texts_of(self.session)
        missing: list[int] = []
        pre.counted = []
        for row in rows:
            # Plain columns, not ORM objects, and no texts: a burst window can bring hundreds
            # of reviews, and the rules that ask about the window read no text (see `History`).
            review = _ReviewRow(*row[:_REVIEW_COLUMNS])
            scores, flags, count, own_count = row[_REVIEW_COLUMNS:]
            self._totals[review.reviewer_id] = int(count)
            self._totals[pre.reviewer_id] = int(own_count)
            if review.id in wanted:  # a candidate copy: its text from this process's cache
                known = texts.get(review.id)
                if known is not None and known[0] == review.marker:
                    self._loaded["review", review.id] = replace(
                        known[1], flags=tuple((flags or "").split())
                    )
                else:
                    missing.append(review.id)
            if (
                review.state in COUNTED
                and review.id != pre.current_id
                and review.facility_id == pre.facility_id
                and (
                    review.reviewer_id == pre.reviewer_id
                    or (review.submitted_at is not None and review.submitted_at >= since)
                )
            ):
                pre.counted.append((review, _past_in_window(review, scores, flags)))
        pre.window = window
        return missing

    def _candidates_with_texts(self, ids: list[int]) -> list[tuple[PastSubmission, Any]]:
        """These reviews with their texts and newest flags, each with its `marker`."""
        return _candidates_with_texts(self.session, ids)

    def by_reviewer(self, reviewer_id: str, facility_id: str) -> Sequence[PastSubmission]:
        """Earlier reviews of this reviewer for this facility, oldest first."""
        parsed = parse_core_id(reviewer_id.replace("reviewer:", "review:"))
        if parsed is None or not facility_id.isdigit():
            return []
        pre = self._pre
        if pre is not None and (pre.reviewer_id, pre.facility_id) == (parsed[1], int(facility_id)):
            return [p for r, p in pre.counted if r.reviewer_id == parsed[1]]
        return self._reviews(
            Review.reviewer_id == parsed[1], Review.facility_id == int(facility_id)
        )

    def reviewer_total(self, reviewer_id: str) -> int:
        """How many reviews this reviewer gave."""
        parsed = parse_core_id(reviewer_id.replace("reviewer:", "review:"))
        if parsed is None:
            return 0
        pre = self._pre
        if (
            pre is not None
            and not pre.window
            and parsed[1] == pre.reviewer_id
            and parsed[1] not in self._totals
        ):
            # The burst rule asks this first, then for the window: the window's query carries
            # the author's count, so it is the one query for both.
            self._fill(pre, [], window=True)
        self._count_reviewers({parsed[1]})
        return self._totals[parsed[1]]

    def recent_for_facility(self, facility_id: str, since: datetime) -> Sequence[PastSubmission]:
        """Reviews of this facility submitted at or after `since`, oldest first."""
        if not facility_id.isdigit():
            return []
        pre = self._pre
        if pre is not None and pre.facility_id == int(facility_id) and pre.since <= since:
            if not pre.window:  # asked for the first time: the window's rows now
                self._fill(pre, [], window=True)
            return [
                p for r, p in pre.counted if r.submitted_at is not None and r.submitted_at >= since
            ]
        return self._reviews(
            Review.facility_id == int(facility_id), col(Review.submitted_at) >= since
        )

    def similar(self, text: str, exclude_id: str) -> Sequence[PastSubmission]:
        """Candidates from the LSH index (its cost does not grow with the number stored)."""
        if self.index is None:
            return []
        pre = self._pre
        candidates = (
            pre.candidates
            if pre is not None and pre.text == text
            else lsh_candidates(self.index, text)
        )
        found = [
            parsed
            for cid in candidates
            if cid not in (exclude_id, self.current) and (parsed := parse_core_id(cid))
        ]
        unstored: dict[tuple[str, int], PastSubmission] = {}
        text_bands = bands(self.index, text) if self.unstored else ()
        for other in self.unstored:
            parsed_other = parse_core_id(other.past.id)
            if (
                parsed_other is not None
                and other.past.id not in (exclude_id, self.current)
                and may_copy(self.index, text, other, text_bands)
            ):
                unstored[parsed_other] = other.past
        found = [p for p in found if p not in unstored] + list(unstored)
        # A copy-paste flood makes every earlier copy a candidate: load only the earliest
        # few (the original is among them), so one review never costs O(flood) queries.
        found.sort(key=lambda p: (p[0], p[1]))
        chosen = found[:MAX_CANDIDATES]
        known = self._loaded
        reviews = [
            i
            for kind, i in chosen
            if kind == "review" and ("review", i) not in known and ("review", i) not in unstored
        ]
        if reviews:  # the reviews among them in three queries, not four each
            rows = list(self.session.exec(select(Review).where(col(Review.id).in_(reviews))))
            for loaded in self._as_past([r for r in rows if r.id is not None]):
                parsed = parse_core_id(loaded.id)
                assert parsed is not None
                self._loaded[parsed] = loaded
        out = []
        for parsed in chosen:
            past = unstored.get(parsed) or self._past(*parsed)
            if past is not None:
                out.append(past)
        return out


class _ReviewRow(NamedTuple):
    """The columns of a review that the history needs (as `prefetch` selects them)."""

    id: int
    facility_id: int
    reviewer_id: int
    state: str
    submitted_at: datetime | None
    created_at: datetime
    version: int
    story: str = ""  # selected for the near-duplicate candidates only

    @property
    def marker(self) -> tuple[int, datetime, datetime | None]:
        """What changes whenever the review's texts or scores do (an edit or a purge bumps
        the row's version), and tells this row from a same-numbered one of another database."""
        return self.version, self.created_at, self.submitted_at


class _AnswerRow(NamedTuple):
    """The columns of an answer that the history needs."""

    theme: int
    text: str
    score: int


_REVIEW_COLUMNS = len(_ReviewRow._fields) - 1  # the story comes last, where selected


def _past_in_window(r: _ReviewRow, scores: str | None, flags: str | None) -> PastSubmission:
    """The core's view of a review in the window: no text (the window's rules read none)."""
    ratings = sorted(divmod(int(v), 10) for v in (scores or "").split(",") if v)
    return PastSubmission(
        id=core_id("review", r.id),
        kind="review",
        facility_id=str(r.facility_id),
        reviewer_id=f"reviewer:{r.reviewer_id}",
        submitted_at=r.submitted_at or r.created_at,
        text="",
        ratings={str(theme): score for theme, score in ratings},
        flags=tuple((flags or "").split()),
    )


def _past_review(
    r: Review | _ReviewRow, own: Sequence[ReviewAnswer | _AnswerRow], flags: tuple[str, ...]
) -> PastSubmission:
    """The core's view of one review, given its answers (by theme) and its newest flags."""
    assert r.id is not None
    text, _ = compose([(f"theme:{a.theme}", a.text) for a in own] + [("story", r.story)])
    return PastSubmission(
        id=core_id("review", r.id),
        kind="review",
        facility_id=str(r.facility_id),
        reviewer_id=f"reviewer:{r.reviewer_id}",
        submitted_at=r.submitted_at or r.created_at,
        text=text,
        ratings={str(a.theme): a.score for a in own},
        flags=flags,
    )


class _Prefetched:
    """The rows one `prefetch` query brought, and the questions they answer."""

    def __init__(
        self, reviewer_id: int, facility_id: int, since: datetime, text: str, candidates: list[str]
    ) -> None:
        self.reviewer_id = reviewer_id
        self.facility_id = facility_id
        self.since = since
        self.text = text
        self.candidates = candidates
        self.current_id = -1  # the review being checked
        # Counted reviews of the facility, by this reviewer or in the window, oldest first.
        self.counted: list[tuple[_ReviewRow, PastSubmission]] = []
        #: Whether `counted` holds the window's reviews yet (or only the author's).
        self.window = False


def _reviewer_of(sub: Submission) -> int | None:
    """The reviewer id of a review whose facility is a stored one, else None."""
    reviewer = parse_core_id(sub.reviewer_id.replace("reviewer:", "review:"))
    if reviewer is None or not sub.facility_id.isdigit():
        return None
    return reviewer[1]


def _candidate_ids(sub: Submission, current: str, candidates: list[str]) -> list[int]:
    """The reviews among the first `MAX_CANDIDATES` of a text's LSH candidates."""
    chosen = sorted(
        p for cid in candidates if cid not in (sub.id, current) and (p := parse_core_id(cid))
    )[:MAX_CANDIDATES]
    return [i for kind, i in chosen if kind == "review"]


def _candidates_with_texts(session: Session, ids: list[int]) -> list[tuple[PastSubmission, Any]]:
    """These reviews with their texts and newest flags, each with its `marker`."""
    rows: dict[int, tuple[_ReviewRow, list[_AnswerRow], tuple[str, ...]]] = {}
    for row in session.execute(_candidates_statement(), {"ids": ids}):
        review = _ReviewRow(*row[: _REVIEW_COLUMNS + 1])
        theme, answer_text, score, flags = row[_REVIEW_COLUMNS + 1 :]
        entry = rows.get(review.id)
        if entry is None:
            entry = rows[review.id] = (review, [], tuple((flags or "").split()))
        if theme is not None:
            entry[1].append(_AnswerRow(theme, answer_text, score))
    return [
        (_past_review(review, answers, flags), review.marker)
        for review, answers, flags in rows.values()
    ]


class BatchRows:
    """The prefetch query's rows for a whole batch, fetched in one query (`prefetch_batch`).

    Each check of the batch takes the rows its own query would have given, in the same order
    and with the same counts, while the database stands as it did (nothing of the batch
    stored yet): every review of the batch is in `checking` (counted), so a count without the
    review being checked is the count with it, less one for its own author.
    """

    def __init__(self, rows: list[Any], totals: dict[int, int]) -> None:
        self.rows = rows
        self.totals = totals  # reviewer id -> counted reviews, the batch's own included

    def rows_for(self, pre: _Prefetched, candidate_ids: list[int]) -> list[tuple[Any, ...]]:
        """The rows of `_window_statement(...)` without the window for this check."""
        wanted = set(candidate_ids)
        own_count = self.totals.get(pre.reviewer_id, 0) - 1
        out: list[tuple[Any, ...]] = []
        for row in self.rows:
            review = _ReviewRow(*row[:_REVIEW_COLUMNS])
            if review.id in wanted or (
                review.reviewer_id == pre.reviewer_id
                and review.facility_id == pre.facility_id
                and review.id != pre.current_id
                and review.state in COUNTED
            ):
                scores, flags, count = row[_REVIEW_COLUMNS:]
                if review.reviewer_id == pre.reviewer_id:
                    count -= 1  # the review being checked is its author's too
                out.append((*row[:_REVIEW_COLUMNS], scores, flags, count, own_count))
        return out


def prefetch_batch(
    session: Session,
    subs: Sequence[Submission],
    currents: Sequence[str],
    found: Sequence[list[str]],
) -> BatchRows:
    """The prefetch rows (without the burst window) of a batch's reviews in two queries:
    each author's counted reviews of its facility, the near-duplicate candidates (`found`:
    each text's LSH candidates), and the authors' counts; and in a third, the texts of the
    candidates this process has not cached. `currents`: the core ids the
    checks run under. Every review named must be in a counted state (`checking`)."""
    pairs: set[tuple[int, int]] = set()
    candidate_ids: set[int] = set()
    for sub, current, candidates in zip(subs, currents, found, strict=True):
        reviewer = _reviewer_of(sub)
        if sub.kind == "review" and reviewer is not None:
            pairs.add((int(sub.facility_id), reviewer))
            candidate_ids.update(_candidate_ids(sub, current, candidates))
    if not pairs:
        return BatchRows([], {})
    reviewer_ids = sorted({r for _, r in pairs})
    params: dict[str, Any] = {"pairs": sorted(pairs), "reviewer_ids": reviewer_ids}
    if candidate_ids:
        params["candidate_ids"] = sorted(candidate_ids)
    rows = list(session.execute(_batch_statement(bool(candidate_ids)), params))
    # The candidates' texts this process has not cached (or that changed), in one query too.
    texts = _texts_of(session)
    missing = [
        review.id
        for row in rows
        if (review := _ReviewRow(*row[:_REVIEW_COLUMNS])).id in candidate_ids
        and ((known := texts.get(review.id)) is None or known[0] != review.marker)
    ]
    if missing:
        for past, marker in _candidates_with_texts(session, missing):
            _remember_text(texts, past, marker)
    totals = {
        int(reviewer_id): int(count)
        for reviewer_id, count in session.execute(
            _totals_statement(), {"reviewer_ids": reviewer_ids}
        )
    }
    return BatchRows(rows, totals)


def _scores() -> Any:
    """A review's scores ("theme * 10 + score", comma-separated), as a scalar subquery on
    `Review`."""
    return (
        sa_select(
            func.aggregate_strings(
                cast(col(ReviewAnswer.theme) * 10 + col(ReviewAnswer.score), String), ","
            )
        )
        .where(col(ReviewAnswer.review_id) == Review.id)
        .scalar_subquery()
    )


def _newest_flags() -> Any:
    """The flags of a review's newest report, as a scalar subquery on `Review`."""
    return (
        select(ModerationReport.flags)
        .where(ModerationReport.subject_kind == "review", ModerationReport.subject_id == Review.id)
        .order_by(col(ModerationReport.id).desc())
        .limit(1)
        .scalar_subquery()
    )


_REVIEW_SELECT = (  # the columns of `_ReviewRow`, in its order
    col(Review.id),
    col(Review.facility_id),
    col(Review.reviewer_id),
    col(Review.state),
    col(Review.submitted_at),
    col(Review.created_at),
    col(Review.version),
)


@functools.cache
def _window_statement(with_candidates: bool) -> Any:
    """One SELECT for the interval, burst and count questions about one review: its author's
    and its facility's counted reviews in the window, one row each with its scores
    ("theme * 10 + score", comma-separated), its newest report's flags and its author's count
    of counted reviews; and this author's count.

    Built once per process with bound parameters (`current_id`, `reviewer_id`, `facility_id`,
    `since`, `candidate_ids`): building the expression anew cost more than running it. No
    texts: the rules that ask these questions read none, and a burst window's texts cost most
    of the query. The near-duplicate candidates come with it (their texts are cached).
    """
    current_id = bindparam("current_id", type_=Integer)
    reviewer_id = bindparam("reviewer_id", type_=Integer)
    other = aliased(Review)
    counted = col(other.state).in_(COUNTED)

    def count_of(reviewer: Any) -> Any:
        return (
            select(func.count())
            .select_from(other)
            .where(other.reviewer_id == reviewer, counted, other.id != current_id)
            .scalar_subquery()
        )

    scores = _scores()
    wanted: Any = (
        col(Review.state).in_(COUNTED)
        & (Review.id != current_id)
        & (Review.facility_id == bindparam("facility_id", type_=Integer))
        & or_(
            Review.reviewer_id == reviewer_id,
            col(Review.submitted_at) >= bindparam("since", type_=DateTime),
        )
    )
    if with_candidates:
        wanted = or_(wanted, col(Review.id).in_(bindparam("candidate_ids", expanding=True)))
    return (
        sa_select(
            *_REVIEW_SELECT,
            scores,
            _newest_flags(),
            count_of(Review.reviewer_id),
            count_of(reviewer_id),
        )
        .where(wanted)
        .order_by(col(Review.submitted_at), col(Review.id))
    )


@functools.cache
def _batch_statement(with_candidates: bool) -> Any:
    """`_window_statement` without the window for a batch: the reviews of the (facility,
    author) `pairs` (of `reviewer_ids`), and the reviews `candidate_ids`; one row each with its
    scores, its newest report's flags and its author's count of counted reviews."""
    other = aliased(Review)
    count = (
        select(func.count())
        .select_from(other)
        .where(other.reviewer_id == Review.reviewer_id, col(other.state).in_(COUNTED))
        .scalar_subquery()
    )
    scores = _scores()
    # The pairs' reviews in any state (`BatchRows.rows_for` keeps the counted ones), found
    # through the authors' index: with the state in the WHERE, SQLite took the state's
    # index and read every counted review in the database (3.7 ms a batch at 20,000
    # reviews, 0.5 ms this way, whatever their number).
    wanted: Any = col(Review.reviewer_id).in_(bindparam("reviewer_ids", expanding=True)) & tuple_(
        col(Review.facility_id), col(Review.reviewer_id)
    ).in_(bindparam("pairs", expanding=True))
    if with_candidates:
        wanted = or_(wanted, col(Review.id).in_(bindparam("candidate_ids", expanding=True)))
    return (
        sa_select(*_REVIEW_SELECT, scores, _newest_flags(), count)
        .where(wanted)
        .order_by(col(Review.submitted_at), col(Review.id))
    )


@functools.cache
def _totals_statement() -> Any:
    """The counted reviews of each of `reviewer_ids` (a GROUP BY), built once."""
    return (
        sa_select(col(Review.reviewer_id), func.count())
        .where(
            col(Review.reviewer_id).in_(bindparam("reviewer_ids", expanding=True)),
            col(Review.state).in_(COUNTED),
        )
        .group_by(col(Review.reviewer_id))
    )


@functools.cache
def _candidates_statement() -> Any:
    """The near-duplicate candidates `ids` with their texts: one row per answer (joined), each
    with its review's story and newest report's flags; built once per process."""
    return (
        sa_select(
            *_REVIEW_SELECT,
            col(Review.story),
            col(ReviewAnswer.theme),
            col(ReviewAnswer.text),
            col(ReviewAnswer.score),
            _newest_flags(),
        )
        .outerjoin(ReviewAnswer, col(ReviewAnswer.review_id) == Review.id)
        .where(col(Review.id).in_(bindparam("ids", expanding=True)))
        .order_by(col(Review.id), col(ReviewAnswer.theme))
    )


# Per database engine (so that tests' databases never mix): review id -> (marker, the review
# as a near-duplicate candidate, flags aside). The earliest copies are every later copy's
# candidates: without it, each check re-read and re-composed the same texts.
_TEXTS: weakref.WeakKeyDictionary[Any, dict[int, tuple[Any, PastSubmission]]] = (
    weakref.WeakKeyDictionary()
)
MAX_CACHED_TEXTS = 4096


def _texts_of(session: Session) -> dict[int, tuple[Any, PastSubmission]]:
    """The cache of candidate texts for the session's database."""
    return _TEXTS.setdefault(session.get_bind(), {})


def _remember_text(
    texts: dict[int, tuple[Any, PastSubmission]], past: PastSubmission, marker: Any
) -> None:
    """Cache a candidate's text under its marker; the oldest entry goes when it is full."""
    if len(texts) >= MAX_CACHED_TEXTS:
        del texts[next(iter(texts))]
    texts[int(past.id.partition(":")[2])] = (marker, past)


def _redis_of(index: Any) -> Any | None:
    """The Redis client behind a Redis-stored index (datasketch's), or None."""
    tables = getattr(getattr(index, "lsh", None), "hashtables", None)
    return getattr(tables[0], "_redis", None) if tables else None


def lsh_candidates(index: Any, text: str) -> list[str]:
    """`index.candidates(text)` in one or two Redis round trips (datasketch makes one per
    band, with every key once per band it shares), with the signatures this process read
    before taken from its cache."""
    return lsh_candidates_many(index, [text])[0]


def lsh_candidates_many(index: Any, texts: Sequence[str]) -> list[list[str]]:
    """`lsh_candidates` of each text, all in one or two Redis round trips (a batch's)."""
    client = _redis_of(index)
    if client is None or not hasattr(index, "band_keys"):
        return [list(index.candidates(text)) for text in texts]
    # One SUNION per text: Redis merges the bands' sets, so a key in many bands (a close
    # text) comes back once, not once per band. The batch's SUNIONs go in one pipeline.
    pipe = client.pipeline(transaction=False)
    for text in texts:
        pipe.sunion(
            [
                table.redis_key(band)
                for table, band in zip(index.lsh.hashtables, index.band_keys(text), strict=True)
            ]
        )
    decoded = _decoded_of(index)
    found = [
        [decoded.get(raw) or _decode(index, decoded, raw) for raw in keys]
        for keys in pipe.execute()
    ]
    known = _signatures_of(index)
    missing = list(dict.fromkeys(n for row in found for _, n in row if n not in known))
    if missing:
        pipe = client.pipeline(transaction=False)
        for name in missing:
            pipe.lrange(name, 0, 0)
        for name, values in zip(missing, pipe.execute(), strict=True):
            if values:  # a key indexed before signatures were kept has none (and never will)
                _remember(known, name, values[0])
    return [
        list(index.keep_close(text, [k for k, _ in row], [known.get(n) for _, n in row]))
        if row
        else []
        for text, row in zip(texts, found, strict=True)
    ]


# Per index: a key as its band sets hold it (pickled by datasketch) -> the key and the Redis
# name of its stored signature. Both follow from the bytes alone, and a burst's earlier
# reviews come back for every later one (hundreds of keys a text): decoding each of them
# again was most of the lookup's own time.
_DECODED: weakref.WeakKeyDictionary[Any, dict[bytes, tuple[str, bytes]]] = (
    weakref.WeakKeyDictionary()
)


def _decoded_of(index: Any) -> dict[bytes, tuple[str, bytes]]:
    return _DECODED.setdefault(index, {})


def _decode(index: Any, decoded: dict[bytes, tuple[str, bytes]], raw: bytes) -> tuple[str, bytes]:
    """Unpickle a band set's key (ours: datasketch pickles the keys it stores) and name its
    signature; kept, the oldest going first once `MAX_CACHED_SIGNATURES` are kept."""
    key = str(pickle.loads(raw))  # noqa: S301
    found = (key, index.signatures.redis_key(key.encode()))
    _remember(decoded, raw, found)
    return found


# Per index: Redis key of a stored signature -> its bytes. `lsh_add` writes a key's signature
# once and never changes it, so a process may keep what it read: a burst's earlier reviews
# are every later one's LSH candidates, and fetching their signatures again and again was
# most of a worker's Redis time. (The keys carry the database and the signature scheme; an
# index lost with Redis and rebuilt from edited texts wants the workers restarted.)
_SIGNATURES: weakref.WeakKeyDictionary[Any, dict[bytes, bytes]] = weakref.WeakKeyDictionary()
MAX_CACHED_SIGNATURES = 20_000  # 512 bytes each


def _signatures_of(index: Any) -> dict[bytes, bytes]:
    """The cache of stored signatures of this index."""
    return _SIGNATURES.setdefault(index, {})


def _remember(cache: dict[bytes, Any], key: bytes, value: Any) -> None:
    """Keep one entry (a stored signature, a decoded key); the oldest goes when it is full."""
    if len(cache) >= MAX_CACHED_SIGNATURES:
        del cache[next(iter(cache))]
    cache[key] = value


# Index one key as datasketch's Redis storage would, in one atomic round trip, unless the key
# is indexed already (then nothing changes: a key's bands and signature are written once).
# KEYS: the keys hash, the key's band list, the signatures hash, the key's signature list, then
# the n band tables' hashes and the n band sets. ARGV: the pickled key, the raw key, the
# signature, then the n bands.
_ADD_SCRIPT = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
local n = #ARGV - 3
redis.call('HSET', KEYS[1], ARGV[1], KEYS[2])
redis.call('RPUSH', KEYS[2], unpack(ARGV, 4, 3 + n))
for i = 1, n do
  redis.call('HSET', KEYS[4 + i], ARGV[3 + i], KEYS[4 + n + i])
  redis.call('SADD', KEYS[4 + n + i], ARGV[1])
end
redis.call('HSET', KEYS[3], ARGV[2], KEYS[4])
redis.call('RPUSH', KEYS[4], ARGV[3])
return 1
"""
_SCRIPTS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def lsh_add(index: Any, key: str, text: str) -> None:
    """`index.add(key, text)` in one Redis round trip (a script), written as datasketch
    writes it; a key indexed before is left as it is."""
    lsh_add_many(index, [(key, text)])


def lsh_add_many(index: Any, items: Sequence[tuple[str, str]]) -> None:
    """`index.add(key, text)` for each item, all in one Redis round trip (a script per key in
    one pipeline), written as datasketch writes it; keys indexed before are left as they are."""
    client = _redis_of(index)
    if client is None or not hasattr(index, "band_keys"):
        for key, text in items:
            index.add(key, text)
        return
    known = _signatures_of(index)
    script = _SCRIPTS.get(client)
    if script is None:
        script = _SCRIPTS[client] = client.register_script(_ADD_SCRIPT)
    keys, tables = index.lsh.keys, index.lsh.hashtables
    pipe = client.pipeline(transaction=False)
    sent: list[tuple[bytes, bytes]] = []
    for key, text in items:
        raw = key.encode()
        sig_key = index.signatures.redis_key(raw)
        if sig_key in known or any(name == sig_key for name, _ in sent):
            continue  # indexed before: its signature was read or written here
        pickled = pickle.dumps(key)
        bands = index.band_keys(text)
        value = signature(text).hashvalues.tobytes()
        script(
            keys=[
                keys._name,
                keys.redis_key(pickled),
                index.signatures._name,
                sig_key,
                *(table._name for table in tables),
                *(table.redis_key(band) for table, band in zip(tables, bands, strict=True)),
            ],
            args=[pickled, raw, value, *bands],
            client=pipe,
        )
        sent.append((sig_key, value))
    if not sent:
        return
    for (sig_key, value), added in zip(sent, pipe.execute(), strict=True):
        if added:  # else another text was indexed under the key before: that one stays stored
            _remember(known, sig_key, value)


def rebuild_index(session: Session, index: Any, batch: int = 500) -> int:
    """Index every moderated review and reply again; return how many were offered.

    For a fresh index, e.g. after a change of the signature scheme (the index's keys carry
    the scheme's name, so a new scheme starts empty). Keys already indexed are left alone.
    """
    count = 0
    for kind, model in (("review", Review), ("reply", Reply)):
        reported = select(ModerationReport.subject_id).where(ModerationReport.subject_kind == kind)
        ids = list(
            session.exec(
                select(model.id).where(col(model.id).in_(reported)).order_by(col(model.id))
            )
        )
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            if kind == "review":
                rows = list(session.exec(select(Review).where(col(Review.id).in_(chunk))))
                texts = [(p.id, p.text) for p in DBHistory(session)._as_past(rows)]
            else:
                replies = session.exec(select(Reply).where(col(Reply.id).in_(chunk)))
                texts = [
                    (core_id("reply", r.id), compose([("reply", r.text)])[0])
                    for r in replies
                    if r.id is not None
                ]
            for key, text in texts:
                lsh_add(index, key, text)
                count += 1
    return count


__all__ = [
    "COUNTED",
    "DBHistory",
    "core_id",
    "lsh_add",
    "lsh_add_many",
    "lsh_candidates",
    "lsh_candidates_many",
    "rebuild_index",
]
