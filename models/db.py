"""The engine and session helpers, and schema migration to the newest version."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Table, event, inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str, durable_commits: bool = True) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout for many processes.

    `durable_commits=False` is for processes whose every write can be redone (the workers): a
    commit returns without waiting for the disk (SQLite `synchronous=NORMAL` in WAL mode,
    PostgreSQL `synchronous_commit=off`). The database stays consistent; a power cut may
    undo the last moments of such commits, never those of the web (accepted reviews,
    decisions), and the sweeper moderates again what was undone.
    """
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            if not durable_commits:
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "postgresql":
        _drop_nul_from_text(engine)
        if not durable_commits:

            @event.listens_for(engine, "connect")
            def _fast_commits(dbapi_conn: Any, _record: Any) -> None:
                cur = dbapi_conn.cursor()
                cur.execute("SET synchronous_commit TO OFF")
                cur.close()
                dbapi_conn.commit()

    return engine


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for statements that skip the ORM (SQLModel leaves
    `__table__` untyped)."""
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table


def _drop_nul_from_text(engine: Engine) -> None:
    """Drop NUL from every string sent: PostgreSQL text cannot hold it (SQLite's can).

    `clean_text` already drops it from what people write; this covers the rest (a search, an
    e-mail address), so a stray NUL is not a server error on PostgreSQL only.
    """
    from psycopg.types.string import StrDumperUnknown

    class StrWithoutNul(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(obj.replace("\x00", ""))

    @event.listens_for(engine, "connect")
    def _register(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.adapters.register_dumper(str, StrWithoutNul)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest Alembic revision (or to `revision`)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild a table by dropping it; with foreign keys on, SQLite
            # refuses that once other rows point at it. The pragma only works outside a
            # transaction, so it is set before ours begins and the keys are checked at the end.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
