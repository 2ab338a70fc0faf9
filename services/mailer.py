"""Send a Dutch e-mail through SMTP, or write it to a folder in the embedded default."""

from __future__ import annotations

import logging
import smtplib
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlparse

from models.settings import Settings

log = logging.getLogger(__name__)
# One thread per process, started on the first mail sent through it.
_BACKGROUND = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zr-mail")


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
    name = uuid.uuid4().hex
    path = folder / f"{name}.eml"
    partial = folder / f".{name}.part"  # a reader of the folder never sees half a message
    partial.write_bytes(bytes(msg))
    partial.replace(path)
    log.info("mail written to %s: %s", path, subject)


def send_mail_soon(settings: Settings, to: str, subject: str, body: str) -> Future[None]:
    """Deliver one message from a background thread: the caller's answer does not wait for it.

    For a mail whose sending time would tell something (that an address reviewed here before).
    Not durable: a process that dies first loses it; the person can simply ask again.
    """
    return _BACKGROUND.submit(_send_or_log, settings, to, subject, body)


def _send_or_log(settings: Settings, to: str, subject: str, body: str) -> None:
    try:
        send_mail(settings, to, subject, body)
    except OSError as exc:
        log.warning("mail not sent (%s): %s", type(exc).__name__, subject)
