"""a reference version: officers and offices kept per process, and known to be current

Issue #14: the door reads the acting officer, the office and its staff on every act; they change rarely. Every
write to an officer or an office gives `installation.reference_version` a new random value in its own transaction
(wasnaker.services.reference), and the door reads the version with its case lock: a process keeps its copy while
the version stays the same.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 09:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference_version', sa.Integer(), server_default=sa.text('0'), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('installation', schema=None) as batch_op:
        batch_op.drop_column('reference_version')
