"""Fault injection: 500 reviews per fault, then nothing lost and nothing duplicated.

Real processes on loopback: our own redis-server, a `celery worker` child process, the web app
through the Flask test client. Faults strike mid-batch: a SIGKILLed worker, Redis stopped and
started, the review table locked, every form and confirmation link used twice (also at once).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pytest
import redis
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from models import Outbox, Review, State
from models.settings import Settings
from services.outbox import sweep
from tests.integration.conftest import FAULT_TABLE
from tests.integration.faults import (
    Family,
    FaultThread,
    Mailbox,
    Tally,
    WorkerProcess,
    broker_queue_length,
    drain,
    filled_form,
    impatient_engine,
    locked_database,
    tally,
    write_refused,
)
from workers.redis_server import RedisServer

pytestmark = pytest.mark.integration

# Reviews per fault; ZR_FAULT_REVIEWS lowers it for a quick local run (at least 50).
N = max(50, int(os.environ.get("ZR_FAULT_REVIEWS", "500")))
FACILITIES = 4


@dataclass
class Platform:
    """One test's platform: its own Redis, worker processes, the web app and a family."""

    settings: Settings
    engine: Engine
    redis: RedisServer
    app: Any
    tmp: Path
    family: Family
    mailbox: Mailbox
    workers: list[WorkerProcess] = field(default_factory=list)

    @property
    def celery(self) -> Any:
        """The Celery app the web enqueues with (the sweeper uses it too)."""
        return self.app.extensions["zr_celery"]

    def link_for(self, address: str) -> str:
        """The address's confirmation link; sweeps as the beat would while the queue is empty."""

        def sweep_if_idle() -> None:
            if broker_queue_length(self.settings.redis_url) == 0:
                sweep(self.engine, self.celery, self.settings.stuck_after_minutes)

        return self.mailbox.link_for(address, stalled=sweep_if_idle)

    def start_worker(self, name: str) -> WorkerProcess:
        """Start one more worker process and wait until it consumes."""
        worker = WorkerProcess(self.settings, self.tmp / "worker.log", name)
        self.workers.append(worker)
        return worker.start()


@pytest.fixture
def platform(
    make_settings: Callable[..., Settings], engine: Engine, tmp_path: Path
) -> Iterator[Platform]:
    """A private Redis (persisting, like production's) and the web app; workers on demand."""
    from web import create_app

    server = RedisServer(workdir=tmp_path / "redis", persist=True).start()
    # A confirmation mail whose task a fault lost is sent again by a sweep 2 s later.
    settings = make_settings(server.url, confirm_mail_grace_seconds=2)
    app = create_app(settings)
    p = Platform(
        settings=settings,
        engine=engine,
        redis=server,
        app=app,
        tmp=tmp_path,
        family=Family(app.test_client()),
        mailbox=Mailbox(Path(settings.mail_dir)),
    )
    try:
        yield p
    finally:
        for worker in p.workers:
            worker.stop()
        server.stop()
        runtime = app.extensions["zr_runtime"]
        if "engine" in vars(runtime):
            runtime.engine.dispose()


def journey(p: Platform, i: int) -> tuple[str, str]:
    """Family i writes a review and follows the confirmation link from the mail."""
    facility_id = 1 + i % FACILITIES
    data = filled_form(p.family.open_form(facility_id), i)
    sent = p.family.request("POST", f"/voorziening/{facility_id}/waardering", data)
    assert sent.status_code == 302, sent.get_data(as_text=True)[:2000]
    assert sent.location.endswith("/waardering/verstuurd")
    confirmed = p.family.request("GET", p.link_for(data["email"]))
    assert confirmed.status_code == 200
    return data["form_key"], data["email"]


def run_batch(
    p: Platform,
    fault: FaultThread | None = None,
    one: Callable[[Platform, int], tuple[str, str]] = journey,
) -> dict[str, str]:
    """Submit N reviews; halfway, wait until the fault has struck. Returns form key -> address."""
    submitted: dict[str, str] = {}
    for i in range(N):
        if fault is not None and i == N // 2:
            assert fault.struck.wait(120), "the fault was never injected"
        form_key, address = one(p, i)
        submitted[form_key] = address
    return submitted


def record(fault: str, p: Platform, result: Tally, note: str) -> None:
    """Add the row to the table printed at the end of the run."""
    row = (
        fault,
        p.engine.dialect.name,
        result.submitted,
        result.recovered,
        result.lost,
        result.duplicated,
        note,
    )
    FAULT_TABLE.append(row)
    print(f"\n{row}")


def settle(p: Platform, submitted: dict[str, str], fault: str, note: str) -> Tally:
    """Let the platform recover (sweeping as the beat would), count, record and check."""
    sweeps = drain(p.engine, p.celery, p.settings.redis_url, list(submitted))
    result = tally(p.engine, p.settings, submitted)
    record(fault, p, result, f"{note}; sweeps={sweeps}, busy pages={p.family.busy_pages}")
    assert result.submitted == N
    assert result.lost == 0, result.details[:10]
    assert result.duplicated == 0, result.details[:10]
    assert result.recovered == N
    return result


def in_checking(engine: Engine) -> int:
    """Reviews a worker took but did not finish."""
    with Session(engine) as session:
        return int(
            session.exec(
                select(func.count()).select_from(Review).where(Review.state == State.CHECKING)
            ).one()
        )


def test_worker_killed_mid_batch_and_restarted(platform: Platform) -> None:
    p = platform
    worker = p.start_worker("fault-kill")
    seen: dict[str, int] = {}

    def kill_and_restart(struck: threading.Event) -> None:
        seen["pid"] = worker.pid
        seen["rc"] = worker.kill()
        seen["stranded"] = in_checking(p.engine)
        struck.set()
        p.start_worker("fault-kill-restarted")

    fault = FaultThread(p.engine, kill_and_restart)
    fault.start()
    submitted = run_batch(p, fault)
    fault.finish()
    assert seen["rc"] == -signal.SIGKILL
    assert not psutil.pid_exists(seen["pid"])
    assert 0 < fault.moderated_at_fault < N  # it died mid-batch, with work still to do
    assert p.workers[-1].alive()
    settle(
        p,
        submitted,
        "(a) worker SIGKILL + restart",
        f"pid {seen['pid']} killed at {fault.moderated_at_fault} moderated, "
        f"{seen['stranded']} left in checking",
    )


def test_redis_stopped_and_started_mid_batch(platform: Platform) -> None:
    p = platform
    p.start_worker("fault-redis")
    seen: dict[str, Any] = {}

    def unsent() -> int:
        with Session(p.engine) as session:
            return int(
                session.exec(
                    select(func.count())
                    .select_from(Outbox)
                    .where(col(Outbox.sent_at).is_(None), Outbox.attempts > 0)
                ).one()
            )

    def restart_redis(struck: threading.Event) -> None:
        p.redis.stop()
        seen["ping"] = p.redis.ping()
        try:
            redis.Redis.from_url(p.settings.redis_url, socket_connect_timeout=0.5).ping()
            seen["refused"] = False
        except redis.ConnectionError:
            seen["refused"] = True
        struck.set()
        # Down until families confirmed reviews the broker could not take (bounded wait).
        down_since = time.monotonic()
        while unsent() < 3 and time.monotonic() - down_since < 30:
            time.sleep(0.1)
        seen["unsent"] = unsent()
        p.redis.start()

    fault = FaultThread(p.engine, restart_redis)
    fault.start()
    submitted = run_batch(p, fault)
    fault.finish()
    assert seen["ping"] is False
    assert seen["refused"] is True
    assert seen["unsent"] >= 1  # confirmations really met the broker down
    assert 0 < fault.moderated_at_fault < N
    assert all(w.alive() for w in p.workers), p.workers[-1].tail()
    settle(
        p,
        submitted,
        "(b) redis-server stop + start",
        f"refused connections; {seen['unsent']} confirmations waited in the outbox",
    )


def test_database_locked_mid_batch(platform: Platform) -> None:
    p = platform
    worker = p.start_worker("fault-lock")
    # The web side gives up on a lock after 0.5 s (as a front end would), the worker waits.
    runtime = p.app.extensions["zr_runtime"]
    runtime.__dict__["engine"] = impatient_engine(p.settings.database_url)
    seen: dict[str, Any] = {}

    def lock(struck: threading.Event) -> None:
        # Lock again (up to five times) until a family meets a lock: one that strikes while
        # the family waits for a mail that the (equally blocked) worker has yet to write
        # meets no family at all.
        for _ in range(5):
            # Strike just after a family opened a form, so that its post meets the lock: at
            # a random moment the family may be waiting for a mail that the (equally blocked)
            # worker cannot write, and then meets nothing (seen on PostgreSQL under load).
            opened, deadline = p.family.forms_opened, time.monotonic() + 10
            while p.family.forms_opened == opened and time.monotonic() < deadline:
                time.sleep(0.001)
            with locked_database(p.engine):
                seen["refused"] = write_refused(p.engine)
                struck.set()
                start = time.monotonic()
                # Hold 2-3 s, long enough for families to meet it.
                while time.monotonic() - start < 3 and (
                    p.family.busy_pages == 0 or time.monotonic() - start < 2
                ):
                    time.sleep(0.05)
                seen["busy_during_lock"] = p.family.busy_pages
            seen["refused_after"] = write_refused(p.engine)
            if seen["busy_during_lock"]:
                return
            time.sleep(0.5)

    fault = FaultThread(p.engine, lock)
    fault.start()
    submitted = run_batch(p, fault)
    fault.finish()
    assert seen["refused"] is True  # the lock really blocked a write
    assert seen["refused_after"] is False
    assert seen["busy_during_lock"] >= 1  # a family met it, got the 503 page and retried
    assert 0 < fault.moderated_at_fault < N
    assert worker.alive(), worker.tail()  # the worker waited it out
    settle(
        p,
        submitted,
        "(c) review table locked ~2-3 s",
        f"a probe write was refused; {seen['busy_during_lock']} 'te druk' pages during the lock",
    )


def test_every_form_and_link_used_twice(platform: Platform) -> None:
    p = platform
    p.start_worker("fault-twice")
    pool = ThreadPoolExecutor(2)
    counts = {"at once": 0, "one after the other": 0}

    def twice(at_once: bool, method: str, path: str, data: dict[str, str] | None = None) -> Any:
        """The same request twice: from two threads at the same moment, or one after the other."""
        if not at_once:
            return [p.family.request(method, path, data) for _ in range(2)]
        barrier = threading.Barrier(2)

        def one() -> Any:
            barrier.wait(10)
            return p.family.request(method, path, data)

        return [f.result(60) for f in [pool.submit(one), pool.submit(one)]]

    def double_journey(_: Platform, i: int) -> tuple[str, str]:
        at_once = i % 2 == 1
        facility_id = 1 + i % FACILITIES
        data = filled_form(p.family.open_form(facility_id), i)
        sent = twice(at_once, "POST", f"/voorziening/{facility_id}/waardering", data)
        assert [r.status_code for r in sent] == [302, 302], [r.status_code for r in sent]
        assert len({r.location for r in sent}) == 1, "one form, two reviews"
        confirmed = twice(at_once, "GET", p.link_for(data["email"]))
        assert [r.status_code for r in confirmed] == [200, 200]
        counts["at once" if at_once else "one after the other"] += 1
        return data["form_key"], data["email"]

    try:
        submitted = run_batch(p, one=double_journey)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    assert counts == {"at once": N // 2, "one after the other": N - N // 2}
    settle(
        p,
        submitted,
        "(d) form posted 2x, link opened 2x",
        f"{2 * N} posts and {2 * N} confirmations; half of the pairs at the same moment",
    )
