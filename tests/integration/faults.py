"""Helpers for the fault-injection tests: a worker process, a patient family, the final tally."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email import policy as email_policy
from functools import cache
from pathlib import Path
from typing import Any

import redis
from pydantic import SecretStr
from sqlalchemy import event, func, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, create_engine, select

from models import AuditEvent, ModerationReport, Outbox, Review, Reviewer, State, email_key
from models.db import make_engine
from models.settings import Settings
from services.outbox import MODERATE, sweep
from tests.conftest import csrf_from, wait_for

ROOT = Path(__file__).resolve().parents[2]
CELERY = ROOT / ".venv" / "bin" / "celery"
NOT_YET = (State.UNCONFIRMED, State.SUBMITTED, State.CHECKING)
BUSY_TEXT = "Het is even te druk."


def worker_env(settings: Settings) -> dict[str, str]:
    """The environment that makes `workers.app` build exactly these settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ZR_") and k not in ("DATABASE_URL", "REDIS_URL", "MAIL_URL")
    }
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        env[f"ZR_{name.upper()}"] = str(value)
    return env


class WorkerProcess:
    """`celery -A workers.app worker` (solo pool unless told) as a child process, with a log."""

    def __init__(self, settings: Settings, log_path: Path, name: str, pool: str = "solo") -> None:
        self.settings = settings
        self.pool = pool
        self.log_path = log_path
        self.name = name
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        """The process id."""
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 60.0) -> WorkerProcess:
        """Start the worker and wait until it says it is ready to consume."""
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603  (our own binary, fixed arguments)
                [
                    str(CELERY),
                    "-A",
                    "workers.app",
                    "worker",
                    "--pool",
                    self.pool,
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-n",
                    f"{self.name}@%h",
                ],
                cwd=ROOT,
                env=worker_env(self.settings),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def ready() -> bool:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited with {self.process.returncode}: {self.tail()}")
            with self.log_path.open("rb") as log:
                log.seek(offset)
                return b" ready." in log.read()

        wait_for(ready, timeout)
        return self

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.process is not None and self.process.poll() is None

    def kill(self) -> int:
        """SIGKILL the worker (no warm shutdown, no acks); return its exit code."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        return self.process.wait(10)

    def stop(self) -> None:
        """Warm shutdown, then SIGKILL if it does not stop in time."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    def tail(self, chars: int = 3000) -> str:
        """The end of the worker's log, for failure messages."""
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""


@dataclass
class Family:
    """A person with a browser: retries after a 'te druk' page like a person would (bounded)."""

    client: Any
    attempts: int = 40
    pause: float = 0.25
    busy_pages: int = 0
    forms_opened: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> Any:
        """One request; on 503 wait and try again (re-posting what the busy page carries)."""
        for _ in range(self.attempts):
            response = self.client.open(path, method=method, data=data)
            if response.status_code != 503:
                assert response.status_code < 500, f"{method} {path}: {response.status_code}"
                return response
            page = response.get_data(as_text=True)
            assert BUSY_TEXT in page, page[:2000]
            assert response.headers.get("Retry-After")
            if method == "POST":
                # The busy page carries the form: pressing 'Opnieuw versturen' posts it again.
                carried = dict(
                    re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page)
                )
                assert carried == data, "the busy page lost part of the form"
                assert "niet verloren" in page
            with self.lock:
                self.busy_pages += 1
            time.sleep(self.pause)
        raise AssertionError(f"{method} {path}: still busy after {self.attempts} attempts")

    def open_form(self, facility_id: int) -> dict[str, str]:
        """Open the review form; return its hidden fields (CSRF token and form key)."""
        page = self.request("GET", f"/voorziening/{facility_id}/waardering")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        key = re.search(r'name="form_key" type="hidden" value="([^"]+)"', html)
        assert key
        with self.lock:
            self.forms_opened += 1
        return {"csrf_token": csrf_from(html), "form_key": key.group(1)}


@cache
def _dutch_words() -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("nl", 3000) if w.isalpha() and len(w) > 3]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.sample(_dutch_words(), n))


def filled_form(hidden: dict[str, str], i: int) -> dict[str, str]:
    """A review of family i: its own words, so reviews are not near-duplicates of each other."""
    rng = random.Random(i)
    return {
        **hidden,
        "score_1": str(1 + i % 5),
        "score_2": str(1 + (i * 7) % 5),
        "text_1": f"De begeleiding was {_words(rng, 12)}.",
        "story": f"Ons kind ging er {1 + i % 4} jaar naartoe. {_words(rng, 20).capitalize()}.",
        "email": f"ouder{i}@example.be",
    }


class Mailbox:
    """The confirmation mails in the embedded mail folder, found by address."""

    LINK = re.compile(r"https?://[^/\s]+(/bevestig/\S+)")

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.seen: set[str] = set()
        self.links: dict[str, list[str]] = {}

    def scan(self) -> None:
        """Read the mails not read before."""
        if not self.folder.exists():
            return
        for path in self.folder.glob("*.eml"):
            if path.name in self.seen:
                continue
            self.seen.add(path.name)
            msg = message_from_bytes(path.read_bytes(), policy=email_policy.default)
            if msg["Subject"] != "Bevestig je waardering":
                continue
            body = msg.get_body(("plain",))
            assert body is not None
            match = self.LINK.search(body.get_content())  # type: ignore[attr-defined]
            assert match, "a confirmation mail without a link"
            self.links.setdefault(str(msg["To"]), []).append(match.group(1))

    def link_for(
        self, address: str, stalled: Callable[[], object] | None = None, timeout: float = 90.0
    ) -> str:
        """The one confirmation link sent to this address, once a worker mailed it.

        `stalled` runs (as the beat's sweep would) whenever two seconds pass without it.
        """
        deadline = time.monotonic() + timeout
        quiet_since = time.monotonic()
        self.scan()
        while address not in self.links:
            assert time.monotonic() < deadline, f"no confirmation mail for {address}"
            time.sleep(0.01)
            self.scan()
            if stalled is not None and time.monotonic() - quiet_since > 2:
                stalled()
                quiet_since = time.monotonic()
        links = self.links[address]
        assert len(links) == 1, f"{len(links)} confirmation mails for {address}"
        return links[0]


def count_in_queue(engine: Engine, form_keys: list[str]) -> int:
    """How many of these reviews the worker already moved to the queue (or further)."""
    with Session(engine) as session:
        return int(
            session.exec(
                select(func.count())
                .select_from(Review)
                .where(col(Review.form_key).in_(form_keys), col(Review.state).not_in(NOT_YET))
            ).one()
        )


def moderated(engine: Engine) -> int:
    """How many reviews left `submitted`/`checking` (all reviews of this test's database)."""
    with Session(engine) as session:
        return int(
            session.exec(
                select(func.count()).select_from(Review).where(col(Review.state).not_in(NOT_YET))
            ).one()
        )


def broker_queue_length(redis_url: str) -> int:
    """Tasks waiting in the broker (0 if the broker is down)."""
    try:
        client = redis.Redis.from_url(redis_url, socket_connect_timeout=0.5, socket_timeout=0.5)
        with client:
            return int(client.llen("celery"))
    except redis.RedisError:
        return 0


def drain(
    engine: Engine, celery: Any, redis_url: str, form_keys: list[str], timeout: float = 90.0
) -> int:
    """Wait until every review reached the queue; sweep as the beat would when work stalls.

    Returns how often the sweeper had to run. The beat sweeps every minute for submissions
    stuck ten minutes; here it sweeps (stuck_after_minutes=0) once the broker queue is empty
    and nothing moved for two seconds, which is when only stranded reviews are left.
    """
    deadline = time.monotonic() + timeout
    sweeps = 0
    done = count_in_queue(engine, form_keys)
    last_move = time.monotonic()
    while done < len(form_keys):
        assert time.monotonic() < deadline, f"{len(form_keys) - done} reviews never arrived"
        time.sleep(0.2)
        now_done = count_in_queue(engine, form_keys)
        if now_done != done:
            done, last_move = now_done, time.monotonic()
        elif time.monotonic() - last_move > 2 and broker_queue_length(redis_url) == 0:
            sweep(engine, celery, stuck_after_minutes=0)
            sweeps += 1
            last_move = time.monotonic()
    return sweeps


@dataclass
class Tally:
    """What became of the submitted reviews."""

    submitted: int
    recovered: int
    lost: int
    duplicated: int
    details: list[str]


def tally(engine: Engine, settings: Settings, submitted: dict[str, str]) -> Tally:
    """Count, per form key and per e-mail address, reviews and reports: lost and duplicated."""
    secret = settings.email_hmac_key.get_secret_value().encode()
    with Session(engine) as session:
        rows = session.exec(
            select(Review.id, Review.form_key, Review.state, Reviewer.email_hmac).join(
                Reviewer, col(Reviewer.id) == Review.reviewer_id
            )
        ).all()
        reports = Counter(
            session.exec(
                select(ModerationReport.subject_id).where(ModerationReport.subject_kind == "review")
            ).all()
        )
        confirmations = Counter(
            session.exec(
                select(AuditEvent.subject_id).where(
                    AuditEvent.subject_kind == "review",
                    AuditEvent.from_state == State.UNCONFIRMED,
                    AuditEvent.to_state == State.SUBMITTED,
                )
            ).all()
        )
        enqueued = Counter(
            session.exec(
                select(Outbox.subject_id).where(
                    Outbox.subject_kind == "review", Outbox.task == MODERATE
                )
            ).all()
        )
    by_key: dict[str, list[Any]] = {}
    by_email = Counter(row.email_hmac for row in rows)
    for row in rows:
        by_key.setdefault(row.form_key, []).append(row)
    lost = duplicated = recovered = 0
    details: list[str] = []
    for form_key, address in submitted.items():
        found = by_key.get(form_key, [])
        hmac_key = email_key(address, secret)
        if not found or any(row.state in NOT_YET for row in found):
            lost += 1
            details.append(f"lost: {address} ({[str(r.state) for r in found]})")
            continue
        extra = [
            len(found) - 1,
            by_email[hmac_key] - 1,
            *(reports[row.id] - 1 for row in found),
            *(confirmations[row.id] - 1 for row in found),
        ]
        missing_report = any(reports[row.id] == 0 for row in found)
        if missing_report:
            lost += 1
            details.append(f"no report: {address}")
        elif any(extra):
            duplicated += 1
            details.append(
                f"duplicated: {address} reviews={len(found)} reports="
                f"{[reports[r.id] for r in found]} confirmations="
                f"{[confirmations[r.id] for r in found]} enqueued={[enqueued[r.id] for r in found]}"
            )
        else:
            recovered += 1
    return Tally(len(submitted), recovered, lost, duplicated, details)


def impatient_engine(url: str, timeout_ms: int = 500) -> Engine:
    """An engine that gives up on a locked table after `timeout_ms` instead of 30 s.

    A real front end (gunicorn's worker timeout, a proxy) gives up long before the 30 s the
    platform waits for a lock; the web side of the lock test does so too, so that families
    really meet the fault and see the 'te druk' page.
    """
    if url.startswith("sqlite"):
        engine = make_engine(url)

        @event.listens_for(engine, "connect")
        def _short(dbapi_conn: Any, _record: Any) -> None:  # runs after make_engine's pragmas
            dbapi_conn.execute(f"PRAGMA busy_timeout={timeout_ms}")

        return engine
    return create_engine(
        url, pool_pre_ping=True, connect_args={"options": f"-c lock_timeout={timeout_ms}"}
    )


def write_refused(engine: Engine) -> bool:
    """Whether a write on the review table is refused right now (probe, 100 ms patience)."""
    if engine.dialect.name == "sqlite":
        probe = sqlite3.connect(str(engine.url.database), timeout=0.1, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as exc:
            return "locked" in str(exc)
        finally:
            probe.close()
    probe_engine = create_engine(engine.url, connect_args={"options": "-c lock_timeout=100"})
    try:
        with probe_engine.connect() as conn:
            try:
                conn.execute(text("LOCK TABLE review IN ROW EXCLUSIVE MODE"))
            except Exception as exc:  # psycopg's LockNotAvailable, wrapped by SQLAlchemy
                return "lock" in str(exc).lower()
            conn.rollback()
            return False
    finally:
        probe_engine.dispose()


@contextmanager
def locked_database(engine: Engine) -> Iterator[None]:
    """Hold the review table locked from another connection while the block runs."""
    if engine.dialect.name == "sqlite":
        holder = sqlite3.connect(str(engine.url.database), timeout=30, isolation_level=None)
        try:
            holder.execute("BEGIN EXCLUSIVE")
            yield
            holder.execute("ROLLBACK")
        finally:
            holder.close()
        return
    with engine.connect() as conn:
        conn.execute(text("LOCK TABLE review IN ACCESS EXCLUSIVE MODE"))
        try:
            yield
        finally:
            conn.rollback()


class FaultThread(threading.Thread):
    """Inject a fault once the worker is moderating, while the families go on submitting.

    `inject(struck)` sets `struck` once the fault is in place; the batch waits for it halfway,
    so the fault always strikes mid-batch however fast either side is.
    """

    def __init__(
        self, engine: Engine, inject: Callable[[threading.Event], None], after: int = 25
    ) -> None:
        super().__init__(daemon=True)
        self.engine = engine
        self.after = after
        self.inject = inject
        self.struck = threading.Event()
        self.error: BaseException | None = None
        self.moderated_at_fault = -1

    def run(self) -> None:
        """Wait for the trigger, then inject; keep any error for the test to raise."""
        try:
            wait_for(lambda: moderated(self.engine) >= self.after, timeout=90)
            self.moderated_at_fault = moderated(self.engine)
            self.inject(self.struck)
        except BaseException as exc:  # re-raised by `finish` in the test's thread
            self.error = exc
        finally:
            self.struck.set()

    def finish(self, timeout: float = 120.0) -> None:
        """Join and re-raise what went wrong in the thread."""
        self.join(timeout)
        assert not self.is_alive(), "the fault thread did not finish"
        if self.error is not None:
            raise self.error
