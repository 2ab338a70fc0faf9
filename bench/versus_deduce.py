"""Side by side with deduce's de-identification: the same texts, in one run, interleaved rounds.

deduce (LGPL-3, the Dutch clinical de-identifier) is never a dependency of the platform: it
runs in a child process, from the `bench` extra installed in its own environment (its pins
clash with ours), found through BENCH_DEDUCE_PYTHON or in this interpreter. Without it the
module prints one line saying so and gives no figures.

On this shared machine absolute rates drift from minute to minute: each round times our
pipeline, our privacy step and deduce on the same chunk one after the other, and the figures
are the medians of the per-round ratios. Start-up is measured from outside: from starting a
process to reading its first answer.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from bench.texts import distinct_review

ROUNDS = int(os.environ.get("BENCH_VS_ROUNDS", "5"))
PER_ROUND = int(os.environ.get("BENCH_VS_TEXTS_PER_ROUND", "100"))
ROOT = Path(__file__).resolve().parents[1]

_PEER = """
import json, resource, sys, time
from deduce import Deduce
deduce = Deduce()
deduce.deidentify("Jan Peeters woont in de Kerkstraat 12 in Gent.")
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    texts = json.loads(line)
    t0 = time.perf_counter()
    for text in texts:
        deduce.deidentify(text)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss}), flush=True)
"""

_OURS_FIRST_ANSWER = """
import resource
from datetime import datetime
from moderation import InMemoryHistory, Submission, moderate
moderate(
    Submission("s", "review", "f", "De Rupsjes", "kinderopvang", "Gent", "u",
               datetime(2026, 1, 5), "Juf Sofie is heel lief, bel haar op 09 123 45 67."),
    InMemoryHistory(),
)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
"""


def peer_python() -> str | None:
    """The interpreter that can import deduce, or None."""
    configured = os.environ.get("BENCH_DEDUCE_PYTHON")
    if configured:
        return configured
    if importlib.util.find_spec("deduce") is not None:
        return sys.executable
    return None


def _texts() -> list[str]:
    """Texts to compare on: BENCH_VS_TEXTS (JSON Lines with "text") or synthetic reviews."""
    path = os.environ.get("BENCH_VS_TEXTS")
    if path:
        with open(path, encoding="utf-8") as lines:
            texts = [str(json.loads(line).get("text") or "") for line in lines if line.strip()]
        return [t for t in texts if t.strip()]
    return [distinct_review(150, 50_000 + i) for i in range(ROUNDS * PER_ROUND)]


def _first_answer(args: list[str], stdin: str | None = None) -> tuple[float, str]:
    """Seconds from starting a process to its first line of output, and that line."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    if stdin is not None:
        proc.stdin.write(stdin)
    proc.stdin.close()
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=120)
    return elapsed, line.strip()


def _answer(stream: IO[str], key: str) -> dict[str, Any]:
    """The next JSON line holding `key` (deduce may print notices of its own first)."""
    for line in stream:
        if line.startswith("{"):
            found = json.loads(line)
            if key in found:
                return dict(found)
    raise RuntimeError("deduce stopped before answering")


def run() -> list[tuple[str, float, str]]:
    """Ratios to deduce (ours / deduce, texts per second), start-up and memory of both."""
    python = peer_python()
    if python is None:
        print(
            "# versus_deduce: deduce is not installed: skipped (install the `bench` extra in "
            "its own environment and set BENCH_DEDUCE_PYTHON to its python)",
            file=sys.stderr,
            flush=True,
        )
        return []
    ours_start, ours_rss = _first_answer([sys.executable, "-c", _OURS_FIRST_ANSWER])
    t0 = time.perf_counter()
    peer = subprocess.Popen(
        [python, "-c", _PEER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert peer.stdin is not None
    assert peer.stdout is not None
    _answer(peer.stdout, "ready")
    peer_start = time.perf_counter() - t0

    from moderation import InMemoryHistory, Submission, moderate
    from moderation.pipeline import warm_up
    from moderation.privacy import find_personal_data, redact

    warm_up()
    texts = _texts()
    rounds = max(1, min(ROUNDS, len(texts) // max(PER_ROUND, 1)))
    size = len(texts) // rounds
    history = InMemoryHistory()
    day = datetime(2026, 1, 5)
    subs = [
        Submission(
            id=f"v{i}",
            kind="review",
            facility_id=f"f{i % 40}",
            facility_name="De Rupsjes",
            sector="kinderopvang",
            municipality="Gent",
            reviewer_id=f"u{i}",
            submitted_at=day + timedelta(hours=i),
            text=text,
            ratings={str(t): 1 + (i + t) % 5 for t in range(1, 9)},
        )
        for i, text in enumerate(texts)
    ]
    for sub in subs[:20]:  # per-word caches warm, as in a worker that has run a while
        moderate(sub, InMemoryHistory())
    pipeline_ratio, privacy_ratio, peer_rate, ours_rate, privacy_rate = [], [], [], [], []
    peer_rss = 0.0
    for r in range(rounds):
        chunk = subs[r * size : (r + 1) * size]
        t = time.perf_counter()
        for sub in chunk:
            report = moderate(sub, history)
            history.remember(sub, report.flags)
        ours = time.perf_counter() - t
        t = time.perf_counter()
        for sub in chunk:
            redact(sub.text, find_personal_data(sub.text, sub.facility_name, sub.municipality))
        privacy = time.perf_counter() - t
        peer.stdin.write(json.dumps([s.text for s in chunk]) + "\n")
        peer.stdin.flush()
        answer = _answer(peer.stdout, "seconds")
        theirs = float(answer["seconds"])
        peer_rss = max(peer_rss, float(answer["rss_mb"]))
        pipeline_ratio.append(theirs / ours)
        privacy_ratio.append(theirs / privacy)
        peer_rate.append(len(chunk) / theirs)
        ours_rate.append(len(chunk) / ours)
        privacy_rate.append(len(chunk) / privacy)
    peer.stdin.close()
    peer.wait(timeout=60)
    median = statistics.median
    return [
        ("vs_deduce_pipeline_ratio", median(pipeline_ratio), "x"),
        ("vs_deduce_privacy_ratio", median(privacy_ratio), "x"),
        ("vs_deduce_deduce_texts_per_s", median(peer_rate), "texts/s"),
        ("vs_deduce_pipeline_texts_per_s", median(ours_rate), "texts/s"),
        ("vs_deduce_privacy_texts_per_s", median(privacy_rate), "texts/s"),
        ("vs_deduce_rounds", float(rounds), "rounds"),
        ("startup_to_first_answer_pipeline", ours_start, "s"),
        ("startup_to_first_answer_deduce", peer_start, "s"),
        ("rss_at_first_answer_pipeline", float(ours_rss), "MB"),
        ("rss_peak_deduce", peer_rss, "MB"),
    ]
