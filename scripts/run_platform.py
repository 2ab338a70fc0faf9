"""Run the whole platform on one machine: Redis, migrations, demo data, web, worker and beat.

Secrets come from the environment; the embedded default creates random ones once in var/.
"""

from __future__ import annotations

import os
import secrets
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent


def _local_secrets() -> dict[str, str]:
    """Secrets for the embedded default, made once and kept out of the repo (var/ is ignored)."""
    path = VAR / "secrets.env"
    if not path.exists():
        path.write_text(
            f"ZR_SECRET_KEY={secrets.token_urlsafe(32)}\n"
            f"ZR_EMAIL_HMAC_KEY={secrets.token_urlsafe(32)}\n"
        )
    text = path.read_text()
    if "REDIS_PASSWORD=" not in text:  # a var/ made before the embedded Redis had a password
        text += f"REDIS_PASSWORD={secrets.token_urlsafe(24)}\n"
        path.write_text(text)
    path.chmod(0o600)
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {k: v for k, v in pairs}


def private_var(var: Path) -> None:
    """Make `var` and all that this process and its children write for this user only.

    The database, the mails with their links, Redis dumps and the secrets live there.
    """
    os.umask(0o077)
    var.mkdir(mode=0o700, exist_ok=True)
    var.chmod(0o700)


def main() -> int:
    """Start everything, print the URL and the demo accounts, and wait for Ctrl-C."""
    private_var(VAR)
    port = int(os.environ.get("PORT", "8000"))
    env = dict(os.environ)
    local = _local_secrets()
    redis_password = local.pop("REDIS_PASSWORD")
    for key, value in local.items():
        env.setdefault(key, value)
    env.setdefault("ZR_DATABASE_URL", f"sqlite:///{VAR / 'zorgreviews.db'}")
    env.setdefault("ZR_MAIL_DIR", str(VAR / "mail"))
    env.setdefault("ZR_SECURE_COOKIES", "false")
    env.setdefault("ZR_BASE_URL", f"http://127.0.0.1:{port}")
    os.environ.update(env)

    from workers.redis_server import RedisServer

    redis = None
    if "ZR_REDIS_URL" not in os.environ:
        redis = RedisServer(
            port=int(os.environ.get("ZR_REDIS_PORT", "6390")),
            workdir=VAR / "redis",
            persist=True,
            password=redis_password,
        ).start()
        env["ZR_REDIS_URL"] = os.environ["ZR_REDIS_URL"] = redis.url

    from devtools.demo import seed
    from models.db import make_engine, upgrade
    from models.settings import Settings

    settings = Settings()  # type: ignore[call-arg]
    engine = make_engine(settings.database_url)
    upgrade(engine)
    print("Demo data klaarzetten (eenmalig)…", flush=True)
    accounts = seed(engine, settings)
    from web.auth.totp import seal_plain_secrets

    # At rest only sealed; var/accounts.txt (0600) shows the demo secrets once, to set up an app.
    seal_plain_secrets(engine, settings.secret_key.get_secret_value().encode())
    if accounts:
        lines = ["", "Demo-accounts (bewaard in var/accounts.txt):"]
        for a in accounts:
            extra = f"  TOTP-geheim: {a.totp_secret}" if a.totp_secret else ""
            lines.append(f"  {a.role:<10} {a.email}  wachtwoord: {a.password}{extra}")
        lines.append("  Een TOTP-code: ./scripts/totp GEHEIM")
        (VAR / "accounts.txt").write_text("\n".join(lines) + "\n")
        (VAR / "accounts.txt").chmod(0o600)
    from devtools.supervisor import Child, keep_alive, restart_if_hung
    from services import health

    if accounts:  # fresh demo data: the near-duplicate index learns its texts
        from workers.rebuild_index import main as rebuild_index

        rebuild_index()
    children = [
        Child(
            "web",
            # As the Procfile: two threads a process overlap one request's waits (the disk,
            # Redis) with another's work; four cost ~1 ms more CPU a post in GIL handoffs on
            # two cores (bench load, issue 17's eighth round).
            [str(BIN / "gunicorn"), "-w", "2", "-k", "gthread", "--threads", "2"]
            + ["-b", f"127.0.0.1:{port}", "web:create_app()"],
            env,
            ROOT,
        ),
        # As the Procfile: a worker is one process (`-P solo`), two of them for the two cores.
        # Two such workers drained 1.97-2.03 x one; one worker with a pool of two 1.57-1.79 x
        # (its main process, consuming for both, shares a core with one of them).
        *(
            Child(
                f"worker-{n}",
                [str(BIN / "celery"), "-A", "workers.app", "worker", "-P", "solo"]
                + ["-n", f"worker-{n}@%h", "--loglevel", "INFO"]
                + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
                env,
                ROOT,
            )
            for n in (1, 2)
        ),
        Child(
            "beat",
            [str(BIN / "celery"), "-A", "workers.app", "beat"]
            + ["--schedule", str(VAR / "beat-schedule"), "--loglevel", "INFO"],
            env,
            ROOT,
        ),
    ]
    beat = next(child for child in children if child.name == "beat")
    for child in children:
        child.start()
    time.sleep(2)
    print((VAR / "accounts.txt").read_text() if (VAR / "accounts.txt").exists() else "")
    print(f"\nHet platform draait op http://127.0.0.1:{port}/  (stoppen: Ctrl-C)")
    print(f"Mails (met de bevestigingslinks) komen in {settings.mail_dir}\n", flush=True)
    stop = False

    def _stop(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    started = time.monotonic()
    next_check = started + 300  # the first sweep runs within a minute of the beat's start
    healthy = True
    try:
        while not stop and (healthy := keep_alive(children)):
            time.sleep(0.5)
            if time.monotonic() >= next_check:  # a beat (or worker) that hangs without dying
                next_check = time.monotonic() + 60
                last = health.check(engine, settings).last_sweep_seconds
                restart_if_hung(beat, last if last is not None else 1e9, limit=300)
    finally:
        for child in children:
            child.stop()
        if redis is not None:
            redis.stop()
    return 0 if healthy else 1  # a child that kept dying is an error, not a clean stop


if __name__ == "__main__":
    sys.exit(main())
