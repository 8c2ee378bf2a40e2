"""Baseline: the schema of release 0.1.0, the last one that built its tables with `create_all`.

A database that release made has no revision table; `wasnaker db upgrade` checks it has every column below and
stamps it with this revision without changing it (wasnaker/schema.py). A new database is created by it.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("nib", sa.String(), nullable=False),
        sa.Column("npwp", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("province", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("kbli", sa.String(), nullable=False),
        sa.Column("workforce", sa.Integer(), nullable=False),
        sa.Column("head_name", sa.String(), nullable=False),
        sa.Column("head_title", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_company_nib"), "company", ["nib"], unique=True)
    op.create_table("office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("parent", sa.String(), nullable=False),
        sa.Column("province", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("closures", sa.JSON(), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_office_code"), "office", ["code"], unique=True)
    op.create_table("case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("close_reason", sa.String(), nullable=True),
        sa.Column("regime", sa.String(), nullable=False),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_case_company_id"), "case", ["company_id"], unique=False)
    op.create_index(op.f("ix_case_number"), "case", ["number"], unique=True)
    op.create_index(op.f("ix_case_office_id"), "case", ["office_id"], unique=False)
    op.create_index(op.f("ix_case_state"), "case", ["state"], unique=False)
    op.create_table("numbercounter",
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("office_id", "kind", "year")
    )
    op.create_table("officer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("nip", sa.String(), nullable=False),
        sa.Column("rank", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("is_ppns", sa.Boolean(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_officer_office_id"), "officer", ["office_id"], unique=False)
    op.create_index(op.f("ix_officer_username"), "officer", ["username"], unique=True)
    op.create_table("caseevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("trigger", sa.String(), nullable=False),
        sa.Column("from_state", sa.String(), nullable=True),
        sa.Column("to_state", sa.String(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_caseevent_case_id"), "caseevent", ["case_id"], unique=False)
    op.create_table("caseofficer",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"]),
        sa.PrimaryKeyConstraint("case_id", "officer_id")
    )
    op.create_table("complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("complainant_name", sa.String(), nullable=False),
        sa.Column("complainant_contact", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("norms", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("consents", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id")
    )
    op.create_table("finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("norm", sa.String(), nullable=False),
        sa.Column("article", sa.String(), nullable=False),
        sa.Column("facts", sa.String(), nullable=False),
        sa.Column("corrective_order", sa.String(), nullable=False),
        sa.Column("workers_affected", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("workers", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_finding_case_id"), "finding", ["case_id"], unique=False)
    op.create_table("document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("number", sa.String(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("doc_date", sa.Date(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=True),
        sa.Column("file_path", sa.String(), nullable=True),
        sa.Column("template_version", sa.String(), nullable=True),
        sa.Column("rendered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("signed_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["caseevent.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["replaces_id"], ["document.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
        sa.UniqueConstraint("office_id", "kind", "year", "seq")
    )
    op.create_index(op.f("ix_document_case_id"), "document", ["case_id"], unique=False)
    op.create_index(op.f("ix_document_kind"), "document", ["kind"], unique=False)
    op.create_index(op.f("ix_document_status"), "document", ["status"], unique=False)
    op.create_table("notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("audience", sa.String(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("recipient_name", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim", sa.String(), nullable=False),
        sa.Column("last_error", sa.String(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.String(), nullable=False),
        sa.Column("ack_nonce", sa.String(), nullable=False),
        sa.Column("served_on", sa.Date(), nullable=True),
        sa.Column("service_method", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"]),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_notice_case_id"), "notice", ["case_id"], unique=False)
    op.create_index(op.f("ix_notice_key"), "notice", ["key"], unique=True)
    op.create_index(op.f("ix_notice_status"), "notice", ["status"], unique=False)
    op.create_table("timer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("roll_forward", sa.Boolean(), nullable=False),
        sa.Column("calendar", sa.String(), nullable=False),
        sa.Column("rule_text", sa.String(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("reminded_on", sa.Date(), nullable=True),
        sa.Column("scheduled_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scheduled_run_id", sa.String(), nullable=True),
        sa.Column("expired_handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"]),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_timer_case_id"), "timer", ["case_id"], unique=False)
    op.create_index(op.f("ix_timer_kind"), "timer", ["kind"], unique=False)
    op.create_index(op.f("ix_timer_status"), "timer", ["status"], unique=False)
    op.create_table("noticeattempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("code", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notice.id"]),
        sa.PrimaryKeyConstraint("id")
    )
    op.create_index(op.f("ix_noticeattempt_notice_id"), "noticeattempt", ["notice_id"], unique=False)


def downgrade() -> None:
    for table in ("noticeattempt", "notice", "timer", "document", "caseevent", "numbercounter", "finding",
                  "complaint", "caseofficer", "officer", "case", "office", "company"):
        op.drop_table(table)
