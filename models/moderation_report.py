"""The stored outcome of the moderation pipeline for one version of a submission."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models._base import utcnow


class ModerationReport(SQLModel, table=True):
    """Flags and suggested route for a review or reply; one per content hash."""

    __table_args__ = (
        Index("ix_moderationreport_subject", "subject_kind", "subject_id", "id"),
        # Two workers that take the same submission at once cannot both write a report.
        Index(
            "ux_moderationreport_version",
            "subject_kind",
            "subject_id",
            "content_hash",
            unique=True,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    subject_kind: str = Field(max_length=10, index=True)
    subject_id: int = Field(index=True)
    content_hash: str = Field(max_length=64)
    route: str = Field(max_length=20)
    flags: str = Field(default="")  # space-separated flag names
    language: str = Field(default="unknown", max_length=10)
    metrics_json: str = Field(default="{}")
    created_at: datetime = Field(default_factory=utcnow)

    @property
    def flag_list(self) -> list[str]:
        """The flags as a list."""
        return self.flags.split()


class FindingRow(SQLModel, table=True):
    """One finding; `start`/`end` index the combined text the pipeline saw."""

    __tablename__ = "finding"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="moderationreport.id", index=True)
    check: str = Field(max_length=30)
    label: str = Field(max_length=30)
    start: int
    end: int
    message: str = Field(default="")
    severity: str = Field(default="warning", max_length=10)
    replacement: str | None = Field(default=None, max_length=40)
    related_id: str | None = Field(default=None, max_length=40)
    enabled: bool = True
