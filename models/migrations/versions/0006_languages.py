"""the language a review or reply was written in, for the mails about it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("review", "reply"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "language",
                    sqlmodel.sql.sqltypes.AutoString(length=2),
                    nullable=False,
                    server_default="nl",
                )
            )


def downgrade() -> None:
    for table in ("review", "reply"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("language")
