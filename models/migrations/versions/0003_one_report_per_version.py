"""one moderation report per version of a submission (two workers cannot both write one)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 23:40:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keep the first report of each (kind, id, content hash); later copies and their findings go.
    op.execute(
        "DELETE FROM finding WHERE report_id IN (SELECT r.id FROM moderationreport r "
        "WHERE EXISTS (SELECT 1 FROM moderationreport e WHERE e.subject_kind = r.subject_kind "
        "AND e.subject_id = r.subject_id AND e.content_hash = r.content_hash AND e.id < r.id))"
    )
    op.execute(
        "DELETE FROM moderationreport WHERE id IN (SELECT r.id FROM moderationreport r "
        "WHERE EXISTS (SELECT 1 FROM moderationreport e WHERE e.subject_kind = r.subject_kind "
        "AND e.subject_id = r.subject_id AND e.content_hash = r.content_hash AND e.id < r.id))"
    )
    with op.batch_alter_table("moderationreport", schema=None) as batch_op:
        batch_op.create_index(
            "ux_moderationreport_version",
            ["subject_kind", "subject_id", "content_hash"],
            unique=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("moderationreport", schema=None) as batch_op:
        batch_op.drop_index("ux_moderationreport_version")
