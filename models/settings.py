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
    confirm_mail_grace_seconds: int = 120  # then the outbox sends a confirmation mail owed
    stuck_after_minutes: int = 10
    retention_days: int = 30
    undo_minutes: int = 10  # a moderator may undo a decision this long
    notify_delay_seconds: int = 600  # mail the author only after the undo window
    reply_notice_hours: int = 0  # a critical review waits this long so the facility can reply
    critical_average: float = 2.0  # "critical": the average score is at most this
    review_max_chars: int = 5000
    policy_file: Path | None = None  # the moderation policy (TOML); None: the shipped one
    testing: bool = False
