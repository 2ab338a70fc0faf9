"""a version on every review and reply (compare-and-set); facilities listed after approval

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 20:45:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("listed", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    for table in ("review", "reply"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), nullable=False, server_default="1")
            )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("due_at")
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_column("listed")
    for table in ("review", "reply"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
