"""who added an officer (`officer add --by`: the administrator; always recorded for the head, kadis and PPNS)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 00:42:52.707029
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('added_by', sa.String(), server_default=sa.text("''"), nullable=False))
    # Officers added before this revision: who added them was never recorded, and stays empty (not guessed).


def downgrade() -> None:
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.drop_column('added_by')

