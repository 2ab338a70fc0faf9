"""The batch command: `moderation check` and `moderation redact` over JSON Lines."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, TextIO

from moderation.contract import Report, Submission
from moderation.history import InMemoryHistory
from moderation.pipeline import moderate
from moderation.policy import Policy
from moderation.privacy import find_personal_data, redact


def submission_from_json(data: dict[str, Any]) -> Submission:
    """Build a `Submission` from one line of the batch format."""
    ratings = data.get("ratings") or {}
    return Submission(
        id=str(data["id"]),
        kind="reply" if data.get("kind") == "reply" else "review",
        facility_id=str(data.get("facility_id", "")),
        facility_name=str(data.get("facility_name", "")),
        sector=str(data.get("sector", "")),
        municipality=str(data.get("municipality", "")),
        reviewer_id=str(data.get("reviewer_id", "")),
        submitted_at=datetime.fromisoformat(str(data["submitted_at"])),
        text=str(data.get("text") or ""),
        ratings={str(k): int(v) for k, v in ratings.items()},
        in_reply_to=data.get("in_reply_to"),
    )


def report_to_json(submission_id: str, report: Report) -> dict[str, Any]:
    """Serialise a report in the batch output format."""
    return {
        "id": submission_id,
        "route": report.route,
        "flags": list(report.flags),
        "redacted": report.redacted,
        "language": report.language,
        "findings": [
            {
                "start": f.start,
                "end": f.end,
                "label": f.label,
                "check": f.check,
                "message": f.message,
                **({"related_id": f.related_id} if f.related_id else {}),
            }
            for f in report.findings
        ],
    }


def check_stream(lines: Iterable[str], policy: Policy | None = None) -> Iterator[dict[str, Any]]:
    """Moderate a time-ordered stream; yield each final report once the stream has ended."""
    history = InMemoryHistory()
    order: list[str] = []
    outputs: dict[str, dict[str, Any]] = {}
    for line in lines:
        if not line.strip():
            continue
        sub = submission_from_json(json.loads(line))
        report = moderate(sub, history, policy)
        out = report_to_json(sub.id, report)
        for earlier_id, flag in report.retro_flags:
            earlier = outputs.get(earlier_id)
            if earlier is not None and flag not in earlier["flags"]:
                earlier["flags"].append(flag)
                if earlier["route"] == "publish":
                    earlier["route"] = "review"
        if sub.id not in outputs:
            order.append(sub.id)
        outputs[sub.id] = out
        history.remember(sub, report.flags)
    for sid in order:
        yield outputs[sid]


def _write(out: TextIO, obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `moderation` console script."""
    parser = argparse.ArgumentParser(prog="moderation", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="run the whole pipeline on JSON Lines submissions from stdin")
    sub.add_parser("redact", help='redact personal data in JSON Lines {"text"} from stdin')
    args = parser.parse_args(argv)
    if args.command == "check":
        for obj in check_stream(sys.stdin):
            _write(sys.stdout, obj)
        return 0
    for line in sys.stdin:
        if not line.strip():
            continue
        data = json.loads(line)
        text = str(data.get("text") or "")
        found = find_personal_data(
            text, str(data.get("facility_name", "")), str(data.get("municipality", ""))
        )
        _write(
            sys.stdout,
            {
                "redacted": redact(text, found),
                "findings": [{"start": f.start, "end": f.end, "label": f.label} for f in found],
            },
        )
    return 0
