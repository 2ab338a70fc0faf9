"""Browser fixtures: the app served on loopback in a thread, and headless Debian Chromium."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from werkzeug.serving import make_server

from workers.redis_server import free_port

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
def live_server(app: Any) -> Iterator[str]:
    """Serve the app on a free loopback port; yield its base URL."""
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from Debian, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    path = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page (no shared cookies between tests)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-BE")
    pg = context.new_page()
    pg.set_default_timeout(20000)
    yield pg
    context.close()


def log_in(page: Any, base: str, account: Any) -> None:
    """Log a staff or facility account in through the form (with its TOTP code if it has one)."""
    import pyotp

    from tests.conftest import STAFF_PASSWORD

    page.goto(base + "/aanmelden")
    page.fill("#email", account.email)
    page.fill("#password", STAFF_PASSWORD)
    if account.totp_secret:
        page.fill("#code", pyotp.TOTP(account.totp_secret).now())
    page.click("button[type=submit]")
    page.wait_for_load_state()
