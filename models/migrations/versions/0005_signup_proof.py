"""a sign-up's proof (KBO and licence number) and its state (waiting, approved, rejected)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("enterprise_number", sa.String(10), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("licence_number", sa.String(40), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("signup_state", sa.String(10), nullable=False, server_default="")
        )
        batch_op.create_index("ix_facility_signup_state", ["signup_state"])
    # Sign-ups so far are the facilities that were never listed nor approved.
    op.execute(
        "UPDATE facility SET signup_state = 'waiting'"
        " WHERE listed = false AND participating = false"
    )


def downgrade() -> None:
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_index("ix_facility_signup_state")
        batch_op.drop_column("signup_state")
        batch_op.drop_column("licence_number")
        batch_op.drop_column("enterprise_number")
