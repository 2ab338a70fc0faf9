"""Start a private PostgreSQL server on loopback for the tests; one empty database per test."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from workers.redis_server import free_port

SUPERUSER = "postgres"


def postgres_bindir() -> Path:
    """The newest Debian PostgreSQL bin folder, else the one holding `initdb` on the PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
        "apt-get install -y postgresql, or run scripts/test as root"
    )


class PostgresServer:
    """A `postgres` child process with trust auth on 127.0.0.1; ready once `start()` returns.

    initdb and postgres refuse to run as root, so as root they run as the `postgres` user.
    """

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.workdir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._names = itertools.count(1)

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _as_owner(self) -> dict[str, Any]:
        if os.geteuid() != 0:
            return {}
        return {"user": "postgres", "group": "postgres", "extra_groups": []}

    def start(self, timeout: float = 30.0) -> PostgresServer:
        """Create a throwaway cluster, start the server and wait until it accepts connections."""
        bindir = postgres_bindir()
        self.workdir = Path(tempfile.mkdtemp(prefix="zr-pg-"))
        data = self.workdir / "data"
        log = self.workdir / "postgres.log"
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres", "postgres")
        initdb = subprocess.run(  # noqa: S603
            [
                str(bindir / "initdb"),
                "--pgdata",
                str(data),
                "--username",
                SUPERUSER,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
                "--no-sync",
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.workdir,
            **self._as_owner(),
        )
        if initdb.returncode != 0:
            self.stop()
            raise RuntimeError(f"initdb failed: {initdb.stderr.decode(errors='replace')}")
        # Only TCP on loopback, trusted: nothing else can reach this throwaway server.
        (data / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n", encoding="utf-8")
        with log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    str(bindir / "postgres"),
                    "-D",
                    str(data),
                    "-p",
                    str(self.port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "unix_socket_directories=",
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                    "-c",
                    "shared_buffers=32MB",
                    "-c",
                    "max_connections=300",
                    "-c",
                    "TimeZone=UTC",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
                **self._as_owner(),
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ping():
                return self
            if self.process.poll() is not None:
                message = (
                    f"postgres exited with {self.process.returncode}: "
                    + log.read_text(errors="replace")[-2000:]
                )
                self.stop()
                raise RuntimeError(message)
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("postgres did not accept connections in time")

    def _connect(self, database: str = "postgres") -> Any:
        import psycopg

        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            dbname=database,
            autocommit=True,
            connect_timeout=2,
        )

    def ping(self) -> bool:
        """Whether the server accepts connections."""
        import psycopg

        try:
            with self._connect():
                return True
        except psycopg.OperationalError:
            return False

    def create_database(self) -> str:
        """Create a fresh empty database and return its name (never reused in this session)."""
        name = f"t_{next(self._names)}"
        with self._connect() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, cutting off connections still open (say, an undisposed pool)."""
        with self._connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its data."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
