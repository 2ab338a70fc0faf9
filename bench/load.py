"""Load on loopback: families sending reviews to gunicorn while a real Celery worker moderates.

Starts redis-server, gunicorn as the Procfile does (BENCH_LOAD_WEB_WORKERS processes, default
2, of BENCH_LOAD_WEB_THREADS threads, default 2) and 1 or 2 Celery workers of one process each
as the Procfile runs them (BENCH_LOAD_POOL=prefork: one worker with a pool of 1 or 2) on a fresh
database (SQLite in a temp folder, or BENCH_DATABASE_URL), runs `locust --headless` with
BENCH_LOAD_USERS users (default 40) for BENCH_LOAD_SECONDS, then follows every confirmation
link from the mail folder and waits until every review is in the moderation queue.

The submit figures, from two phases, each on a platform and database of its own:
- saturated (`load_submit_per_s`, `load_submit_p95`): each user sends the next review as soon
  as the last is answered. The rate is the most the platform takes; the p95 there is mostly
  queueing, since in a closed loop the mean latency is users / rate (Little's law).
- offered (`load_submit_offered_per_s`, `load_submit_achieved_per_s`,
  `load_submit_p95_ms_at_offered`): the users pace themselves (locust's
  `constant_throughput`) so that together they offer BENCH_LOAD_OFFERED requests per second
  (default 200; 0 leaves the phase out). Achieved is what was answered: below the offered
  rate when the platform could not keep up (a user still waits for its answer). A target
  "so many per second within so many ms" is this pair. The worker mails each review's link
  meanwhile, as in production; the phase ends when the mails are out.

Each phase starts once the web processes and the worker are warm (answering, their CPU
quiet). In the saturated phase the worker consumes nothing (it listens to an empty queue);
between the families and the confirmation clicks it only sends the confirmation mails (the
outbox's tasks), and the moderation tasks of the clicks wait in Redis.
Then it is told to consume the real queue, and the end-to-end rate is the backlog it drains
per second, through Celery, Redis and the database, with the two cores to itself: the figure
says what a worker process does, not how locust and gunicorn share the cores with it.
Prints the submit figures, the confirm p95, that rate, the worker's memory, and how many
accepted reviews were lost or duplicated (both must be 0). Against it: the core alone in this
process on the very reviews drained, in their order, its history grown as the worker's
(`core_on_drained_reviews_per_s`; the fair denominator, since the core's cost grows with the
near-duplicate candidates a history holds), and the worker's CPU a review, main process and
pool apart. BENCH_LOAD_ONLY_SUBMIT=1 runs the
two submit phases only and prints their figures.
"""

from __future__ import annotations

import csv
import os
import re
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil
import requests
from celery import Celery
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import Facility, ModerationReport, Review, State
from models.db import make_engine, upgrade
from models.themes import seed_theme_questions
from workers.redis_server import RedisServer, free_port

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(rb"https?://[^/\s]+(/bevestig/[^\s]+)")
IN_QUEUE_OR_BEYOND = [
    s for s in State if s not in (State.UNCONFIRMED, State.SUBMITTED, State.CHECKING)
]


def _wait_http(url: str, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def seed(url: str, facilities: int) -> Any:
    """A fresh database at `url` with the theme questions and `facilities` facilities."""
    engine = make_engine(url)
    if not url.startswith("sqlite"):  # a scratch PostgreSQL database: start empty
        from sqlalchemy import text

        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    with Session(engine) as session:
        seed_theme_questions(session)
        for i in range(facilities):
            session.add(
                Facility(
                    name=f"Kinderdagverblijf Nummer {i}",
                    sector="kinderopvang",
                    type="groepsopvang",
                    municipality="Gent",
                )
            )
        session.commit()
    return engine


def _locust(
    base: str, users: int, seconds: int, prefix: Path, env: dict[str, str]
) -> tuple[dict[str, str], float]:
    """Run the families; their stats row and the CPU seconds locust itself used.

    BENCH_LOAD_PACE in `env` (requests per second and user) paces them; without it they
    send as fast as they are answered.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(  # noqa: S603  (our own locustfile, fixed arguments)
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=seconds + 120,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(f"{prefix}_stats.csv", newline="") as fh:
        rows = {row["Name"]: row for row in csv.DictReader(fh)}
    return rows["submit"], cpu


def _confirm_all(base: str, mail_dir: Path, done: set[str]) -> list[float]:
    """Follow every confirmation link in the mail folder not followed yet; their times in ms."""
    links = [
        link
        for path in mail_dir.glob("*.eml")
        if (m := LINK.search(path.read_bytes().replace(b"=\n", b"")))
        and (link := m.group(1).decode()) not in done
    ]
    done.update(links)

    def follow(link: str) -> float:
        t0 = time.perf_counter()
        response = requests.get(base + link, timeout=30)
        response.raise_for_status()
        return (time.perf_counter() - t0) * 1000

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(follow, links))


def _wait_ready(control: Any, name: str, timeout: float = 120.0) -> None:
    """Wait until the worker answers a ping (its processes are forked and warm)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if control.ping(destination=[name], timeout=1.0):
            return
    raise RuntimeError(f"worker {name} did not answer in {timeout} s")


def _wait_quiet(pids: list[int], timeout: float = 120.0) -> None:
    """Wait until these processes and their children use under 5 % of a core (start-up done),
    at most `timeout` seconds."""

    def cpu_seconds() -> float:
        total = 0.0
        for pid in pids:
            proc = psutil.Process(pid)
            for p in [proc, *proc.children(recursive=True)]:
                times = p.cpu_times()
                total += times.user + times.system
        return total

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu_seconds()
        time.sleep(0.5)
        if cpu_seconds() - before < 0.025:
            return


def _tree(workers: Sequence[subprocess.Popen[bytes]]) -> list[psutil.Process]:
    """The worker processes and their pool children."""
    found: list[psutil.Process] = []
    for worker in workers:
        proc = psutil.Process(worker.pid)
        found += [proc, *proc.children(recursive=True)]
    return found


def _cpu_split(workers: Sequence[subprocess.Popen[bytes]]) -> tuple[float, float]:
    """CPU seconds so far of the workers' main processes and of their pool children together
    (a solo worker has no children: its consuming and its batches are all in the first)."""
    main = pool = 0.0
    for worker in workers:
        proc = psutil.Process(worker.pid)
        times = proc.cpu_times()
        main += times.user + times.system
        for child in proc.children(recursive=True):
            try:
                times = child.cpu_times()
            except psutil.NoSuchProcess:
                continue
            pool += times.user + times.system
    return main, pool


def _mails(folder: Path) -> int:
    return len(list(folder.glob("*.eml"))) if folder.exists() else 0


def _count(engine: Any, states: Sequence[State] | None = None) -> int:
    with Session(engine) as session:
        query = select(func.count()).select_from(Review)
        if states is not None:
            query = query.where(col(Review.state).in_(states))
        return int(session.exec(query).one())


def _rss_mb(workers: Sequence[subprocess.Popen[bytes]]) -> float:
    return sum(int(p.memory_info().rss) for p in _tree(workers)) / 2**20


def _largest_rss_mb(workers: Sequence[subprocess.Popen[bytes]]) -> float:
    """The RSS of the largest of the workers' processes (a main one or a pool child)."""
    return float(max(p.memory_info().rss for p in _tree(workers))) / 2**20


def _pss_mb(workers: Sequence[subprocess.Popen[bytes]]) -> float:
    """Proportional set size: pages the processes share are counted once, split among them."""
    return float(sum(p.memory_full_info().pss for p in _tree(workers))) / 2**20


def measure(
    url: str,
    users: int,
    seconds: int,
    web_workers: int = 2,
    facilities: int = 20,
    worker_procs: int = 1,
    offered_per_s: float = 0.0,
    only_submit: bool = False,
) -> dict[str, float]:
    """Serve `url` with gunicorn and a worker, run the families, and count what reached the queue.

    With `offered_per_s` the families offer that many requests per second in all, and the
    worker sends the mails meanwhile; without, they send as fast as they are answered.
    `only_submit` stops once the mails are out: the submit figures only.
    `url` must be an empty database (a PostgreSQL one is emptied first).
    """
    tmp = Path(tempfile.mkdtemp(prefix="zr-load-"))
    redis = RedisServer().start()
    procs: list[subprocess.Popen[bytes]] = []
    logs = open(tmp / "processes.log", "wb")  # noqa: SIM115  (closed in `finally`)
    try:
        engine = seed(url, facilities)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "ZR_SECRET_KEY": secrets.token_urlsafe(32),
            "ZR_EMAIL_HMAC_KEY": secrets.token_urlsafe(32),
            "ZR_DATABASE_URL": url,
            "ZR_REDIS_URL": redis.url,
            "ZR_MAIL_DIR": str(tmp / "mail"),
            "ZR_SECURE_COOKIES": "false",
            "ZR_BASE_URL": base,
            "BENCH_LOAD_FACILITIES": str(facilities),
            # Every simulated family posts from loopback: a per-address limit would cut them off.
            "ZR_SUBMIT_LIMIT_PER_IP": "1000000 per hour",
        }
        quiet: dict[str, Any] = {"stdout": logs, "stderr": subprocess.STDOUT}
        procs.append(
            subprocess.Popen(  # noqa: S603  (our own binaries, fixed arguments)
                [
                    str(BIN / "gunicorn"),
                    "-w",
                    str(web_workers),
                    # As the Procfile runs it: threads overlap one request's waits for the
                    # disk and Redis with another's work; two, since four cost ~1 ms more
                    # CPU a post in GIL handoffs on two cores.
                    "-k",
                    "gthread",
                    "--threads",
                    os.environ.get("BENCH_LOAD_WEB_THREADS", "2"),
                    "-b",
                    f"127.0.0.1:{port}",
                    "--log-level",
                    "warning",
                    "web:create_app()",
                ],
                env=env,
                cwd=ROOT,
                **quiet,
            )
        )
        idle_queue = f"bench-idle-{secrets.token_hex(4)}"
        # solo (as the Procfile): `worker_procs` workers of one process each; prefork: one
        # worker with a pool of `worker_procs` processes, its main process consuming for them.
        solo = os.environ.get("BENCH_LOAD_POOL", "solo") == "solo"
        names = [f"{idle_queue}-{n}@bench" for n in range(worker_procs if solo else 1)]
        workers = [
            subprocess.Popen(  # noqa: S603  (our own binaries, fixed arguments)
                [
                    str(BIN / "celery"),
                    "-A",
                    "workers.app",
                    "worker",
                    *(["-P", "solo"] if solo else ["-c", str(worker_procs)]),
                    "-Q",
                    idle_queue,  # nothing is sent there: the real tasks wait until told below
                    "-n",
                    name,
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel",
                    "WARNING",
                ],
                env=env,
                cwd=ROOT,
                **quiet,
            )
            for name in names
        ]
        procs.extend(workers)
        _wait_http(base + "/")
        control = Celery(broker=redis.url).control
        for name in names:
            _wait_ready(control, name)
        # The first answer comes from one web process; the other, and the worker's child, may
        # still be loading the language models: the families start once all are warm.
        _wait_quiet([p.pid for p in procs])
        families = env
        if offered_per_s > 0:  # paced, and the worker mails each link as it comes
            control.add_consumer("celery", destination=names, reply=True, timeout=10)
            families = {**env, "BENCH_LOAD_PACE": str(offered_per_s / users)}
        stats, locust_cpu = _locust(base, users, seconds, tmp / "locust", families)
        accepted = int(stats["Request Count"]) - int(stats["Failure Count"])
        if offered_per_s <= 0:
            control.add_consumer("celery", destination=names, reply=True, timeout=10)
        # The confirmation mails are the worker's (through the outbox): let it send them, then
        # stop it again, so that the moderation tasks of the clicks below wait in Redis.
        # Requests locust cut off at the stop still finish on the server: wait for their mail.
        settle = time.monotonic() + 120
        while time.monotonic() < settle and _mails(tmp / "mail") < _count(engine):
            time.sleep(0.2)
        control.cancel_consumer("celery", destination=names, reply=True, timeout=10)
        submit = {
            "submit_per_s": float(stats["Requests/s"]),
            "submit_p95_ms": float(stats["95%"]),
            "submit_failures": float(stats["Failure Count"]),
            # The load generator's share of the machine's cores while it ran.
            "locust_cpu_share": locust_cpu / (seconds * (os.cpu_count() or 1)),
            "accepted": float(accepted),
        }
        if only_submit:
            engine.dispose()
            return submit
        followed: set[str] = set()
        confirm_ms = _confirm_all(base, tmp / "mail", followed)
        # Requests still running when locust stopped store their review (and mail) later:
        # follow those links too, until every stored review is confirmed.
        settle = time.monotonic() + 60
        while _count(engine, [State.UNCONFIRMED]) and time.monotonic() < settle:
            time.sleep(0.5)
            confirm_ms += _confirm_all(base, tmp / "mail", followed)
        stored = _count(engine)  # also those whose answer locust no longer read at the stop
        cpu0 = _cpu_split(workers)
        t0 = time.perf_counter()
        control.add_consumer("celery", destination=names, reply=True, timeout=10)
        deadline = time.monotonic() + 600
        while _count(engine, IN_QUEUE_OR_BEYOND) < stored and time.monotonic() < deadline:
            time.sleep(0.05)
        in_queue = _count(engine, IN_QUEUE_OR_BEYOND)
        moderated_per_s = in_queue / (time.perf_counter() - t0)
        cpu1 = _cpu_split(workers)
        with Session(engine) as session:
            about_reviews = ModerationReport.subject_kind == "review"
            reported = session.exec(
                select(func.count(func.distinct(ModerationReport.subject_id))).where(about_reviews)
            ).one()
            reports = session.exec(
                select(func.count()).select_from(ModerationReport).where(about_reviews)
            ).one()
        # The core alone on the very reviews drained, composed as the worker composed them.
        core_drained = _core_rate_on(_drained_submissions(engine))
        rss = _rss_mb(workers)
        rss_one = _largest_rss_mb(workers)
        pss = _pss_mb(workers)
        engine.dispose()
        return {
            **submit,
            "stored": float(stored),
            "confirm_p95_ms": statistics.quantiles(confirm_ms, n=20)[-1] if confirm_ms else 0.0,
            "confirmed": float(len(confirm_ms)),
            "moderated_per_s": moderated_per_s,
            # Lost: stored but never in the queue, or accepted but not stored at all.
            "lost": float(stored - min(in_queue, reported) + max(0, accepted - stored)),
            "duplicated": float(reports - reported),
            # CPU a review while draining: the main process (consuming, acknowledging) and
            # the pool (the batches); the least noisy figures of the worker's own cost.
            "core_on_drained_per_s": core_drained,
            "main_cpu_ms": 1000 * (cpu1[0] - cpu0[0]) / max(in_queue, 1),
            "pool_cpu_ms": 1000 * (cpu1[1] - cpu0[1]) / max(in_queue, 1),
            "worker_rss_mb": rss,
            "worker_largest_process_rss_mb": rss_one,
            "worker_pss_mb": pss,
        }
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        redis.stop()
        logs.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _drained_submissions(engine: Any) -> list[Any]:
    """The reviews the worker moderated, as it composed them for the core, in id order."""
    from services.subjects import to_submission
    from workers.moderation_job import _answers_of

    with Session(engine) as session:
        reviews = list(
            session.exec(
                select(Review)
                .where(col(Review.state).in_(IN_QUEUE_OR_BEYOND))
                .order_by(col(Review.id))
            )
        )
        answers = _answers_of(session, [r.id for r in reviews])
        # Held in the session's identity map, so that composing asks no query per review.
        held = session.exec(select(Facility)).all()
        subs = [to_submission(session, "review", r, answers.get(r.id or 0, [])) for r in reviews]
        del held
        return subs


def _core_rate_on(subs: list[Any]) -> float:
    """Reviews per second of the core alone in this process on `subs`, in their order, with
    an in-memory history that grows as the worker's did and gives each check at most the
    earliest `MAX_CANDIDATES` near-duplicate candidates, as the worker's does."""
    from moderation import InMemoryHistory, moderate, warm_up
    from workers.db_history import MAX_CANDIDATES

    class Capped(InMemoryHistory):
        def similar(self, text: str, exclude_id: str) -> Any:
            found = super().similar(text, exclude_id)
            return sorted(found, key=lambda p: int(p.id.partition(":")[2]))[:MAX_CANDIDATES]

    warm_up()
    history = Capped()
    t0 = time.perf_counter()
    for sub in subs:
        history.remember(sub, moderate(sub, history).flags)
    return len(subs) / max(time.perf_counter() - t0, 1e-9)


def _core_rate() -> float:
    """Reviews per second of the moderation core alone in one process (`bench.pipeline`)."""
    from bench.pipeline import run as pipeline_run

    return pipeline_run()[0][1]


def _core_rate_on_load_reviews(n: int = 600) -> float:
    """Reviews per second of the core alone on reviews like the load's families send (eight
    short answers and a story, composed as the web composes them), with a growing history."""
    from datetime import datetime, timedelta

    from bench.texts import distinct_review
    from moderation import InMemoryHistory, Submission, moderate
    from services.composition import compose

    history = InMemoryHistory()
    subs = []
    for i in range(n):
        parts = [(f"theme:{t}", distinct_review(12, (i * 8 + t) * 7919 + 1)) for t in range(1, 9)]
        text, _ = compose([*parts, ("story", distinct_review(80, i * 7919 + 3))])
        subs.append(
            Submission(
                id=f"review:{i}",
                kind="review",
                facility_id=str(1 + i % 20),
                facility_name="Kinderdagverblijf Nummer 1",
                sector="kinderopvang",
                municipality="Gent",
                reviewer_id=f"reviewer:{i}",
                submitted_at=datetime(2026, 12, 1) + timedelta(seconds=i),
                text=text,
                ratings={str(t): 1 + (t + i) % 5 for t in range(1, 9)},
            )
        )
    for sub in subs[:50]:  # warm-up
        moderate(sub, history)
    t0 = time.perf_counter()
    for sub in subs[50:]:
        history.remember(sub, moderate(sub, history).flags)
    return (n - 50) / (time.perf_counter() - t0)


def run() -> list[tuple[str, float, str]]:
    """Load figures (BENCH_LOAD_USERS, _SECONDS, _WEB_WORKERS, _OFFERED): the saturated runs
    with 1 and 2 worker processes, then the offered phase; BENCH_LOAD_ONLY_SUBMIT=1: the two
    submit phases only."""
    only_submit = os.environ.get("BENCH_LOAD_ONLY_SUBMIT", "") not in ("", "0")
    offered = float(os.environ.get("BENCH_LOAD_OFFERED", "200"))
    phases = [(1, 0.0), (2, 0.0)] if not only_submit else [(1, 0.0)]
    if offered > 0:
        phases.append((1, offered))
    runs: dict[tuple[int, float], dict[str, float]] = {}
    for procs, rate in phases:
        tmp = Path(tempfile.mkdtemp(prefix="zr-load-db-"))
        try:
            runs[procs, rate] = measure(
                os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'load.db'}",
                users=int(os.environ.get("BENCH_LOAD_USERS", "40")),
                seconds=int(os.environ.get("BENCH_LOAD_SECONDS", "20")),
                web_workers=int(os.environ.get("BENCH_LOAD_WEB_WORKERS", "2")),
                worker_procs=procs,
                offered_per_s=rate,
                only_submit=only_submit or rate > 0,
            )
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    m = runs[1, 0.0]
    submit = [
        ("load_submit_per_s", m["submit_per_s"], "req/s"),
        ("load_submit_p95", m["submit_p95_ms"], "ms"),
        ("load_submit_failures", m["submit_failures"], "requests"),
    ]
    if offered > 0:
        at = runs[1, offered]
        submit += [
            ("load_submit_offered_per_s", offered, "req/s"),
            ("load_submit_achieved_per_s", at["submit_per_s"], "req/s"),
            ("load_submit_p95_ms_at_offered", at["submit_p95_ms"], "ms"),
            ("load_submit_failures_at_offered", at["submit_failures"], "requests"),
        ]
    submit += [
        ("load_generator_cpu_share", m["locust_cpu_share"], "of all cores"),
        ("load_accepted", m["accepted"], "reviews"),
    ]
    if only_submit:
        return submit
    core = _core_rate()
    core_same = _core_rate_on_load_reviews()
    two = runs[2, 0.0]
    return [
        *submit,
        ("load_confirm_p95", m["confirm_p95_ms"], "ms"),
        ("load_moderated_end_to_end_per_s", m["moderated_per_s"], "reviews/s"),
        ("load_moderated_end_to_end_2_procs_per_s", two["moderated_per_s"], "reviews/s"),
        ("load_worker_main_cpu_per_review", m["main_cpu_ms"], "ms"),
        ("load_worker_pool_cpu_per_review", m["pool_cpu_ms"], "ms"),
        ("load_2_procs_over_1", two["moderated_per_s"] / max(m["moderated_per_s"], 1e-9), "x"),
        ("core_reviews_per_s", core, "reviews/s"),
        ("load_end_to_end_over_core", m["moderated_per_s"] / max(core, 1e-9), "x"),
        # The fairest: the core alone on the very reviews the worker drained, in their order,
        # its history grown as the worker's was (the same candidates to compare each time).
        ("core_on_drained_reviews_per_s", m["core_on_drained_per_s"], "reviews/s"),
        (
            "load_end_to_end_over_core_drained",
            m["moderated_per_s"] / max(m["core_on_drained_per_s"], 1e-9),
            "x",
        ),
        (
            "load_2_procs_end_to_end_over_core_drained",
            two["moderated_per_s"] / max(two["core_on_drained_per_s"], 1e-9),
            "x",
        ),
        # The same ratio against the core on reviews like those the families sent (the fair
        # one: the 150-word texts above are one part each, the load's reviews nine).
        ("core_on_load_reviews_per_s", core_same, "reviews/s"),
        (
            "load_end_to_end_over_core_same_reviews",
            m["moderated_per_s"] / max(core_same, 1e-9),
            "x",
        ),
        ("load_lost", m["lost"] + two["lost"], "reviews"),
        ("load_duplicated", m["duplicated"] + two["duplicated"], "reports"),
        ("worker_rss", m["worker_rss_mb"], "MB"),
        ("worker_largest_process_rss", m["worker_largest_process_rss_mb"], "MB"),
        ("worker_pss", m["worker_pss_mb"], "MB"),
        ("worker_rss_2_procs", two["worker_rss_mb"], "MB"),
        ("worker_pss_2_procs", two["worker_pss_mb"], "MB"),
    ]
