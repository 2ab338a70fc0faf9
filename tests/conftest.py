"""Fixtures: the database (SQLite, and PostgreSQL for integration tests), a real redis-server,
the app, a real Celery worker."""

from __future__ import annotations

import email
import re
import time
from collections.abc import Callable, Iterator
from email import policy
from pathlib import Path
from typing import Any

import pyotp
import pytest
import redis
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import Account, AccountFacility, Facility, Outbox, Review, Role
from models.db import make_engine, upgrade
from models.settings import Settings
from models.themes import seed_theme_questions
from tests.pg_server import PostgresServer
from workers.redis_server import RedisServer

DATABASES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every integration test that touches the database once per database."""
    definition = metafunc.definition
    if (
        "database_url" in metafunc.fixturenames
        and definition.get_closest_marker("integration") is not None
        and definition.get_closest_marker("e2e") is None
    ):
        metafunc.parametrize("database_url", DATABASES, indirect=True)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A real redis-server on a free loopback port for the whole test session."""
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A private PostgreSQL server on a free loopback port for the whole test session."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The test's empty database: a temp SQLite file, or a fresh PostgreSQL database.

    Engines on it must be disposed before this fixture's teardown drops the database.
    """
    if getattr(request, "param", "sqlite") == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def make_settings(tmp_path: Path, database_url: str) -> Callable[..., Settings]:
    """Build test settings; the broker defaults to a closed port unless a URL is given."""

    def build(redis_url: str = "redis://127.0.0.1:1/0", **extra: Any) -> Settings:
        return Settings(
            secret_key="test-secret-key-" + "x" * 16,  # type: ignore[arg-type]
            email_hmac_key="test-hmac-key-" + "y" * 16,  # type: ignore[arg-type]
            redis_url=redis_url,
            mail_dir=tmp_path / "mail",
            secure_cookies=False,
            testing=True,
            **{"notify_delay_seconds": 0, "database_url": database_url, **extra},
        )

    return build


@pytest.fixture
def settings(make_settings: Callable[..., Settings], redis_server: RedisServer) -> Settings:
    """Settings wired to the real Redis server, its queue emptied of earlier tests' tasks.

    A task an earlier test left (a confirmation mail no worker took) names a row id that
    this test's database may reuse: a worker here must not send it.
    """
    redis.Redis.from_url(redis_server.url).flushdb()
    return make_settings(redis_server.url)


@pytest.fixture
def engine(settings: Settings) -> Any:
    """A migrated database with the theme questions and one facility per sector."""
    eng = make_engine(settings.database_url)
    upgrade(eng)
    seed_facilities(eng)
    yield eng
    eng.dispose()


def seed_facilities(engine: Any) -> None:
    """The theme questions and one facility per sector."""
    with Session(engine) as session:
        seed_theme_questions(session)
        for name, sector, town in [
            ("De Rupsjes", "kinderopvang", "Gent"),
            ("WZC Ter Linde", "ouderenzorg", "Leuven"),
            ("Het Kompas", "jeugdhulp", "Brugge"),
            ("De Hoeve", "handicap", "Hasselt"),
        ]:
            session.add(
                Facility(
                    name=name,
                    sector=sector,
                    type="groepsopvang",
                    municipality=town,
                    postcode="9000",
                )
            )
        session.commit()


@pytest.fixture
def app(settings: Settings, engine: Any) -> Iterator[Any]:
    """The Flask app on the test database."""
    from web import create_app

    flask_app = create_app(settings)
    yield flask_app
    runtime = flask_app.extensions["zr_runtime"]
    if "engine" in vars(runtime):  # only if a request or task built it
        runtime.engine.dispose()


@pytest.fixture
def client(app: Any) -> Any:
    """A test client."""
    return app.test_client()


@pytest.fixture
def worker(app: Any) -> Iterator[Any]:
    """A real Celery worker (solo pool, in a thread) consuming from the real Redis."""
    from celery.contrib.testing.worker import start_worker

    celery = app.extensions["zr_celery"]
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        app.extensions[WORKER_RUNS] = True  # mails come from the worker: wait, don't deliver
        yield celery
    app.extensions[WORKER_RUNS] = False


WORKER_RUNS = "zr_test_worker_runs"
STAFF_PASSWORD = "correct horse battery staple"  # noqa: S105  (test-only account)


@pytest.fixture
def accounts(engine: Any) -> dict[str, Account]:
    """One account per role; staff have a TOTP secret; the facility account owns facility 1."""
    from web.security import hash_password

    made: dict[str, Account] = {}
    with Session(engine, expire_on_commit=False) as session:
        for role in Role:
            acc = Account(
                email=f"{role.value}@test.be",
                display_name=role.value,
                password_hash=hash_password(STAFF_PASSWORD),
                role=role,
                totp_secret=None if role == Role.FACILITY else pyotp.random_base32(),
            )
            session.add(acc)
            session.flush()
            made[role.value] = acc
        session.add(AccountFacility(account_id=made["facility"].id, facility_id=1))
        session.commit()
    return made


def login(client: Any, account: Account) -> Any:
    """Log an account in through the real form (CSRF token taken from the page)."""
    page = client.get("/aanmelden")
    token = csrf_from(page.text)
    code = pyotp.TOTP(account.totp_secret).now() if account.totp_secret else ""
    return client.post(
        "/aanmelden",
        data={
            "csrf_token": token,
            "email": account.email,
            "password": STAFF_PASSWORD,
            "code": code,
        },
    )


def csrf_from(html: str) -> str:
    """The CSRF token in a page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


def mails(settings: Settings) -> list[email.message.EmailMessage]:
    """The mails the embedded mailer wrote, oldest first."""
    folder = Path(settings.mail_dir)
    files = (
        sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns) if folder.exists() else []
    )
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in files]  # type: ignore[misc]


def deliver_outbox(app: Any) -> int:
    """Send the confirmation mails the outbox still owes, as a worker would, in this process.

    For tests without a worker (with one, wait for its mail instead): each unsent row runs
    the real task, `zr.confirm_mail`, which settles it.
    """
    from services.outbox import CONFIRM_MAIL

    with Session(app.extensions["zr_runtime"].engine) as session:
        rows = session.exec(
            select(Outbox)
            .where(Outbox.task == CONFIRM_MAIL, col(Outbox.sent_at).is_(None))
            .order_by(col(Outbox.id))
        ).all()
    celery = app.extensions["zr_celery"]
    for row in rows:
        celery.tasks[row.task].apply(args=[row.subject_kind, row.subject_id], throw=True)
    return len(rows)


def _confirm_links(settings: Settings) -> list[str]:
    links = []
    for msg in mails(settings):
        body = msg.get_body(("plain",))
        assert body is not None
        match = re.search(r"https?://[^/\s]+(/bevestig/\S+)", body.get_content())
        if match:
            links.append(match.group(1))
    return links


def confirm_link(settings: Settings, app: Any = None) -> str:
    """The path of the newest confirmation link.

    With `app`: of the app's newest review, once the outbox delivered it (here, or by the
    running worker, waited for).
    """
    if app is None:
        links = _confirm_links(settings)
        assert links, "no confirmation mail"
        return links[-1]
    with Session(app.extensions["zr_runtime"].engine) as session:
        review_id = session.exec(select(func.max(Review.id))).one()
    assert review_id is not None, "no review stored"
    if not app.extensions.get(WORKER_RUNS):
        deliver_outbox(app)
    from services.reviews import confirm_serializer

    def of_review() -> str | None:
        for link in reversed(_confirm_links(settings)):
            token = link.removeprefix("/bevestig/")
            if confirm_serializer(settings).loads(token).get("r") == review_id:
                return link
        return None

    found: str = wait_for(of_review)
    return found


def wait_for(predicate: Callable[[], Any], timeout: float = 30.0) -> Any:
    """Poll until `predicate()` is truthy (used to wait for the worker, never to time it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")
