"""With MAIL_URL set, mail goes out through SMTP (a real local aiosmtpd server receives it)."""

from __future__ import annotations

import email
from email import policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session

from models.db import make_engine, upgrade
from models.themes import seed_theme_questions
from tests.conftest import deliver_outbox
from tests.integration.journey import submit_review
from workers.redis_server import free_port

pytestmark = pytest.mark.integration


class Inbox:
    """Keeps every message the SMTP server receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=policy.default)  # type: ignore[arg-type]
        )
        return "250 OK"


def test_confirmation_mail_goes_through_smtp(make_settings: Any, tmp_path: Any) -> None:
    from models import Facility
    from web import create_app

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = make_settings(mail_url=f"smtp://127.0.0.1:{port}")
        engine = make_engine(settings.database_url)
        upgrade(engine)
        with Session(engine) as session:
            seed_theme_questions(session)
            session.add(
                Facility(name="De Rupsjes", sector="kinderopvang", type="x", municipality="Gent")
            )
            session.commit()
        app = create_app(settings)
        assert submit_review(app.test_client(), email="mama@example.be").status_code == 302
        assert deliver_outbox(app) == 1  # the worker's task, run here
        app.extensions["zr_runtime"].engine.dispose()
        engine.dispose()
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    msg = inbox.messages[0]
    assert msg["To"] == "mama@example.be"
    assert msg["Subject"] == "Bevestig je waardering"
    body = msg.get_body(("plain",))
    assert body is not None
    assert "/bevestig/" in body.get_content()
    assert not (tmp_path / "mail").exists()  # nothing written to the folder
