"""Back up and restore the platform's database: `python -m devtools.backup backup|restore FILE`.

SQLite through its online backup API (safe while the platform runs); PostgreSQL through
pg_dump's custom format and pg_restore. The database comes from ZR_DATABASE_URL.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse


def _sqlite_path(url: str) -> str:
    return url.split("///", 1)[1]


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise SystemExit(f"{name} not found: apt-get install -y postgresql-client")
    return found


def _pg_args(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the PostgreSQL tools; the password goes in the environment."""
    parsed = urlparse(url.replace("+psycopg", ""))
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    args = ["--host", parsed.hostname or "127.0.0.1", "--port", str(parsed.port or 5432)]
    if parsed.username:
        args += ["--username", parsed.username]
    return [*args, "--dbname", parsed.path.lstrip("/")], env


def backup(database_url: str, target: Path) -> None:
    """Write a consistent copy of the database to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if database_url.startswith("sqlite"):
        with sqlite3.connect(_sqlite_path(database_url)) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        target.chmod(0o600)
        return
    args, env = _pg_args(database_url)
    subprocess.run(  # noqa: S603  (our own arguments, no shell)
        [_pg_tool("pg_dump"), "--format=custom", "--file", str(target), *args],
        check=True,
        env=env,
    )
    target.chmod(0o600)


def restore(database_url: str, source: Path) -> None:
    """Replace the database's contents by the backup in `source`."""
    if not source.exists():
        raise SystemExit(f"no backup at {source}")
    if database_url.startswith("sqlite"):
        with sqlite3.connect(source) as src, sqlite3.connect(_sqlite_path(database_url)) as dst:
            src.backup(dst)
        return
    args, env = _pg_args(database_url)
    subprocess.run(  # noqa: S603
        [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", *args, str(source)],
        check=True,
        env=env,
    )


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m devtools.backup", description=__doc__)
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    url = os.environ.get("ZR_DATABASE_URL", "sqlite:///var/zorgreviews.db")
    (backup if args.action == "backup" else restore)(url, args.file)
    print(f"{args.action}: {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
