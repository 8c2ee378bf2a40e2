"""indexes for the sweep's hot queries

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 07:51:03.628304

Issue #14: at a million timers the sweep must find what is due by an index. The new indexes lead with the status,
so they replace the status-only ones (made first, dropped after: no moment without an index on the status).
bench/results/scale.md has the plans before and after.
"""

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index('ix_notice_status_served_on', ['status', 'served_on'], unique=False)
        batch_op.drop_index(batch_op.f('ix_notice_status'))

    with op.batch_alter_table('timer', schema=None) as batch_op:
        batch_op.create_index('ix_timer_status_expires_at', ['status', 'expires_at'], unique=False)
        batch_op.create_index('ix_timer_status_scheduled_run_id', ['status', 'scheduled_run_id'], unique=False)
        batch_op.drop_index(batch_op.f('ix_timer_status'))


def downgrade() -> None:
    with op.batch_alter_table('timer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timer_status'), ['status'], unique=False)
        batch_op.drop_index('ix_timer_status_scheduled_run_id')
        batch_op.drop_index('ix_timer_status_expires_at')

    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_status'), ['status'], unique=False)
        batch_op.drop_index('ix_notice_status_served_on')
