"""The moderation pipeline: privacy, reliability, readability, then a suggested route."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from moderation.contract import FLAGS, Finding, History, Report, Route, Submission
from moderation.policy import Policy
from moderation.privacy import find_personal_data, redact
from moderation.readability import check_readability
from moderation.reliability import RISK_CHECK, check_reliability

_REJECT = {"spam"}
_RETURN = {"abusive", "revenge", "language", "readability", "interval"}


def suggest_route(flags: set[str], findings: Iterable[Finding] = ()) -> Route:
    """Suggest what a moderator will most likely do with a submission carrying `flags`.

    A risk cue below the escalation threshold (a `RISK_CHECK` finding) is never "publish".
    """
    if "serious_allegation" in flags:
        return "escalate"
    if flags & _REJECT:
        return "reject"
    if flags & _RETURN:
        return "return"
    if flags - {"privacy"} or any(f.check == RISK_CHECK for f in findings):
        return "review"
    return "publish"


@cache
def _default_policy() -> Policy:
    """The default policy, built once (it is frozen, so every call may share it)."""
    return Policy()


def moderate(submission: Submission, history: History, policy: Policy | None = None) -> Report:
    """Run every check on one submission and return its report (pure but for `history`)."""
    policy = policy or _default_policy()
    text = submission.text
    privacy = find_personal_data(text, submission.facility_name, submission.municipality)
    reliability = check_reliability(submission, history, policy.reliability)
    readability = check_readability(text, policy.readability)
    findings: list[Finding] = [*privacy, *reliability.findings, *readability.findings]
    flags = {f.check for f in findings} & set(FLAGS)
    findings.sort(key=lambda f: (f.start, f.end, f.check))
    return Report(
        findings=tuple(findings),
        redacted=redact(text, privacy),
        flags=tuple(sorted(flags, key=FLAGS.index)),
        route=suggest_route(flags, findings),
        language=readability.language,
        metrics=dict(readability.metrics),
        retro_flags=tuple(reliability.retro_flags),
    )


def warm_up() -> None:
    """Load every model and lexicon now, so the first real submission is not slow."""
    from moderation import privacy, readability, reliability

    privacy.warm_up()
    readability.warm_up()
    reliability.warm_up()
