"""Send a Dutch e-mail through SMTP, or write it to a folder in the embedded default."""

from __future__ import annotations

import logging
import smtplib
import uuid
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlparse

from models.settings import Settings

log = logging.getLogger(__name__)


def send_mail(
    settings: Settings, to: str, subject: str, body: str, html: str | None = None
) -> None:
    """Deliver one message; never logs the address or the body."""
    msg = EmailMessage()
    msg["From"] = settings.mail_sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    if settings.mail_url:
        url = urlparse(settings.mail_url)
        with smtplib.SMTP(url.hostname or "127.0.0.1", url.port or 25, timeout=10) as smtp:
            if url.scheme == "smtp+starttls":
                smtp.starttls()
            if url.username:
                smtp.login(url.username, url.password or "")
            smtp.send_message(msg)
        log.info("mail sent: %s", subject)
        return
    folder = Path(settings.mail_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.eml"
    path.write_bytes(bytes(msg))
    log.info("mail written to %s: %s", path, subject)
