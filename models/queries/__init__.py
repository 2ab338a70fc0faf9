"""Queries that several adapters share, by audience: public pages, the redactie, history."""

from models.queries.history import (
    COUNTED_STATES,
    ReportedReview,
    last_review_by,
    reported_reviews,
    scores_over_time,
)
from models.queries.public import (
    ThemeScore,
    answers_by_review,
    count_published,
    facility_summaries,
    facility_types,
    public_facility,
    published_period,
    published_replies,
    published_reviews,
    search_facilities,
    theme_questions,
    theme_scores,
    visible,
)
from models.queries.queue import (
    QueueItem,
    queue,
    queue_flag_counts,
    queue_size,
)
from models.queries.workload import decisions_since, previews, shorten

__all__ = [
    "decisions_since",
    "previews",
    "shorten",
    "COUNTED_STATES",
    "QueueItem",
    "ReportedReview",
    "ThemeScore",
    "answers_by_review",
    "count_published",
    "facility_summaries",
    "facility_types",
    "last_review_by",
    "public_facility",
    "published_period",
    "published_replies",
    "published_reviews",
    "queue",
    "queue_flag_counts",
    "queue_size",
    "reported_reviews",
    "scores_over_time",
    "search_facilities",
    "theme_questions",
    "theme_scores",
    "visible",
]
