"""Checks against the past: near-duplicates, bursts of one-sided reviews, the interval rule."""

from __future__ import annotations

from datetime import timedelta

from moderation.contract import Finding, History, PastSubmission, Submission
from moderation.interval import next_review_allowed
from moderation.reliability.policy import ReliabilityPolicy
from moderation.reliability.similarity import similarity


def near_duplicate(sub: Submission, history: History, policy: ReliabilityPolicy) -> list[Finding]:
    """Flag a text that (nearly) copies an earlier one; the finding names the original."""
    if len(sub.text.strip()) < policy.duplicate_min_chars:
        return []
    best: tuple[float, PastSubmission] | None = None
    for past in history.similar(sub.text, sub.id):
        if past.submitted_at > sub.submitted_at:
            continue  # the copy is the later one, never the original
        score = similarity(sub.text, past.text)
        if score < policy.duplicate_min_ratio:
            continue
        # Of equally close texts the earliest is the original: the answer must not depend on
        # the order the index happens to return them in.
        if best is None or (-score, past.submitted_at, past.id) < (
            -best[0],
            best[1].submitted_at,
            best[1].id,
        ):
            best = (score, past)
    if best is None:
        return []
    score, original = best
    return [
        Finding(
            "near_duplicate",
            "near_duplicate",
            0,
            len(sub.text),
            f"Bijna dezelfde tekst als inzending {original.id} ({score:.0f}% gelijk); "
            "vergelijk ze naast elkaar.",
            related_id=original.id,
        )
    ]


def _average(ratings: object) -> float | None:
    values = [int(v) for v in dict(ratings).values()] if ratings else []  # type: ignore[call-overload]
    return sum(values) / len(values) if values else None


def _side(avg: float | None, policy: ReliabilityPolicy) -> str:
    if avg is None:
        return ""
    if avg >= policy.burst_glowing_average:
        return "glowing"
    if avg <= policy.burst_damning_average:
        return "damning"
    return ""


def burst(
    sub: Submission, history: History, policy: ReliabilityPolicy
) -> tuple[list[Finding], list[str]]:
    """Many one-sided reviews of one facility in a short window from reviewers without history.

    Returns the finding for this submission and the ids of earlier members to flag as well.
    """
    if sub.kind != "review":
        return [], []
    side = _side(_average(sub.ratings), policy)
    if not side or history.reviewer_total(sub.reviewer_id) > policy.burst_max_reviewer_history:
        return [], []
    since = sub.submitted_at - timedelta(hours=policy.burst_window_hours)
    members = [
        p
        for p in history.recent_for_facility(sub.facility_id, since)
        if p.kind == "review"
        and p.id != sub.id
        and p.submitted_at <= sub.submitted_at
        and _side(_average(p.ratings), policy) == side
        and history.reviewer_total(p.reviewer_id) <= policy.burst_max_reviewer_history + 1
    ]
    if len(members) + 1 < policy.burst_min_size:
        return [], []
    words = "lovende" if side == "glowing" else "vernietigende"
    message = (
        f"{len(members) + 1} {words} waarderingen van nieuwe reviewers voor deze "
        f"voorziening binnen {policy.burst_window_hours} uur: mogelijk een campagne."
    )
    retro = [p.id for p in members if "burst" not in p.flags]  # the others already carry it
    return [Finding("burst", "burst", 0, len(sub.text), message)], retro


def interval(sub: Submission, history: History, policy: ReliabilityPolicy) -> list[Finding]:
    """The same person reviews the same facility again within the re-review interval."""
    if sub.kind != "review":
        return []
    months = policy.interval_for(sub.sector)
    for past in reversed(history.by_reviewer(sub.reviewer_id, sub.facility_id)):
        if past.kind != "review" or past.id == sub.id or past.submitted_at > sub.submitted_at:
            continue
        if sub.submitted_at < next_review_allowed(past.submitted_at, months):
            when = past.submitted_at.strftime("%d/%m/%Y")
            return [
                Finding(
                    "interval",
                    "interval",
                    0,
                    len(sub.text),
                    f"Dezelfde persoon waardeerde deze voorziening al op {when}; een nieuwe "
                    f"waardering kan pas na {months} maanden.",
                    related_id=past.id,
                )
            ]
    return []
