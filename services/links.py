"""Absolute links in mails, always from the configured base URL (never a request's Host)."""

from __future__ import annotations

from models.settings import Settings


def absolute(settings: Settings, path: str) -> str:
    """`path` on the platform's own, configured address."""
    return settings.base_url.rstrip("/") + "/" + path.lstrip("/")


def confirm_link(settings: Settings, token: str) -> str:
    """The link that confirms a review's e-mail address."""
    return absolute(settings, f"/bevestig/{token}")


def status_link(settings: Settings, author_token: str) -> str:
    """The author's private page of one review."""
    return absolute(settings, f"/mijn-waardering/{author_token}")
