"""render claims: a drain claims reserved documents before rendering them

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 09:30:00

Issue #14 part 4: documents are issued in batches by `render-documents` runs on the workers of a Prefect work
pool; a claim (`document.claimed_until`) keeps two runs from rendering the same document.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_column('claimed_until')
