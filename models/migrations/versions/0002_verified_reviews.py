"""verified reviews: invitation codes that facilities hand out

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 13:02:08.094928
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invitation_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("invitation_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_code_code"), ["code"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_invitation_code_facility_id"), ["facility_id"], unique=False
        )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invitation_code_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("verified", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_foreign_key(
            "fk_review_invitation_code", "invitation_code", ["invitation_code_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_constraint("fk_review_invitation_code", type_="foreignkey")
        batch_op.drop_column("verified")
        batch_op.drop_column("invitation_code_id")
    with op.batch_alter_table("invitation_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_code_facility_id"))
        batch_op.drop_index(batch_op.f("ix_invitation_code_code"))
    op.drop_table("invitation_code")
