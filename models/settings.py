"""One typed settings object, read once from the environment (prefix ZR_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the web app and the workers need; secrets have no default and fail hard."""

    model_config = SettingsConfigDict(env_prefix="ZR_", frozen=True, populate_by_name=True)

    secret_key: SecretStr = Field(min_length=16)
    email_hmac_key: SecretStr = Field(min_length=16)
    database_url: str = Field(
        default="sqlite:///var/zorgreviews.db",
        validation_alias=AliasChoices("ZR_DATABASE_URL", "DATABASE_URL", "database_url"),
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0",
        validation_alias=AliasChoices("ZR_REDIS_URL", "REDIS_URL", "redis_url"),
    )
    mail_url: str | None = Field(
        default=None, validation_alias=AliasChoices("ZR_MAIL_URL", "MAIL_URL", "mail_url")
    )
    mail_dir: Path = Path("var/mail")
    mail_sender: str = "redactie@zorgreviews.local"
    base_url: str = "http://127.0.0.1:8000"
    secure_cookies: bool = True
    confirm_max_age_days: int = 7
    stuck_after_minutes: int = 10
    retention_days: int = 30
    undo_minutes: int = 10  # a moderator may undo a decision this long
    # A confirmation mail's task is sent at once; the sweeper sends it again only if the mail
    # is not out by then (broker down, a worker died).
    confirm_mail_grace_seconds: int = 120
    notify_delay_seconds: int = 600  # mail the author only after the undo window
    reply_notice_hours: int = 0  # a critical review waits this long so the facility can reply
    critical_average: float = 2.0  # "critical": the average score is at most this
    review_max_chars: int = 5000
    policy_file: Path | None = None  # the moderation policy (TOML); None: the shipped one
    testing: bool = False
    # Host names besides the base URL's that requests may name (Flask's TRUSTED_HOSTS).
    trusted_hosts: list[str] = Field(default_factory=list)
    session_idle_minutes: int = 30  # a logged-in session ends after this long without a request
    session_max_hours: int = 12  # ... and this long after login, whatever happens
    password_reset_minutes: int = 60  # a password reset link works this long (and once)
    # Rate limits (Flask-Limiter notation). Mobile networks put many families behind one
    # address (CGNAT), so per address of a client it is generous; per e-mail address it is not:
    # every review post mails that address.
    submit_limit_per_address: str = "5 per hour"
    submit_limit_per_ip: str = "2000 per hour"
    hints_limit_per_ip: str = "60 per minute"
    login_limit_per_account: str = "10 per hour"  # failed logins per e-mail address
