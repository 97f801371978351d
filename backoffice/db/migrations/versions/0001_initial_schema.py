"""Initial schema: every table of the back office, plus append-only triggers.

The ledger (ledger_entries), budget movements and the audit trail are append-only: triggers
refuse UPDATE and DELETE on both SQLite and PostgreSQL, whatever client writes.

Revision ID: 0001
Revises:
Create Date: 2026-11-21 05:07:37.133947
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Never updated nor deleted (RULES §6: "entries are never edited or deleted").
APPEND_ONLY_TABLES = ("ledger_entries", "budget_movements", "audit_events")


def _create_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION backoffice_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; "
            "END $$"
        )
        for table in APPEND_ONLY_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION backoffice_refuse_change()"
            )
    elif dialect == "sqlite":
        for table in APPEND_ONLY_TABLES:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )


def _drop_append_only_triggers() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in APPEND_ONLY_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS backoffice_refuse_change()")
    elif dialect == "sqlite":
        for table in APPEND_ONLY_TABLES:
            for event in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")


def upgrade() -> None:
    op.create_table('applicants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('ubn', sa.String(length=8), nullable=False),
    sa.Column('applicant_type', sa.Enum('sme', 'tax_registered', 'cooperative', 'social_innovation_nonprofit', 'social_innovation_forprofit', name='applicant_type', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('as_type', sa.Enum('sme', 'tax_registered', 'cooperative', 'social_innovation_nonprofit', 'social_innovation_forprofit', name='as_type', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('industry_section', sa.String(length=1), nullable=True),
    sa.Column('industry_division', sa.String(length=8), nullable=True),
    sa.Column('industry_other', sa.String(length=200), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=True),
    sa.Column('paid_in_capital', sa.BigInteger(), nullable=True),
    sa.Column('employees', sa.Integer(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('representative_name', sa.String(length=100), nullable=True),
    sa.Column('representative_title', sa.String(length=100), nullable=True),
    sa.Column('representative_id', sa.String(length=10), nullable=True),
    sa.Column('contact_name', sa.String(length=100), nullable=True),
    sa.Column('contact_title', sa.String(length=100), nullable=True),
    sa.Column('contact_phone', sa.String(length=32), nullable=True),
    sa.Column('contact_phone_ext', sa.String(length=16), nullable=True),
    sa.Column('contact_mobile', sa.String(length=32), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('has_company_registration', sa.Boolean(), nullable=False),
    sa.Column('has_business_registration', sa.Boolean(), nullable=False),
    sa.Column('has_tax_registration', sa.Boolean(), nullable=False),
    sa.Column('cooperative_registered', sa.Boolean(), nullable=False),
    sa.Column('is_subsidiary_unit', sa.Boolean(), nullable=False),
    sa.Column('social_innovation_listed', sa.Boolean(), nullable=False),
    sa.Column('mainland_capital', sa.Boolean(), nullable=False),
    sa.Column('foreign_branch', sa.Boolean(), nullable=False),
    sa.Column('domestic_branch', sa.Boolean(), nullable=False),
    sa.Column('personal_data_erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applicants')),
    sa.UniqueConstraint('ubn', name=op.f('uq_applicants_ubn'))
    )
    op.create_index(op.f('ix_applicants_applicant_type'), 'applicants', ['applicant_type'])
    op.create_index(op.f('ix_applicants_industry_division'), 'applicants', ['industry_division'])
    op.create_index(op.f('ix_applicants_industry_section'), 'applicants', ['industry_section'])
    op.create_index(op.f('ix_applicants_name'), 'applicants', ['name'])

    op.create_table('calendar_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_off', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('source', sa.Enum('official', 'closure', name='source', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_days'))
    )
    op.create_table('calendar_years',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_calendar_years'))
    )
    op.create_table('officers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('cert_sha256', sa.String(length=64), nullable=True),
    sa.Column('cert_serial', sa.String(length=128), nullable=True),
    sa.Column('cert_subject', sa.Text(), nullable=True),
    sa.Column('cert_issuer', sa.Text(), nullable=True),
    sa.Column('cert_der', sa.LargeBinary(), nullable=True),
    sa.Column('id_last4', sa.String(length=4), nullable=True),
    sa.Column('cert_bound_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officers')),
    sa.UniqueConstraint('cert_sha256', name=op.f('uq_officers_cert_sha256')),
    sa.UniqueConstraint('email', name=op.f('uq_officers_email'))
    )
    op.create_index(op.f('ix_officers_active'), 'officers', ['active'])

    op.create_table('outbox_emails',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('to_address', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_emails'))
    )
    op.create_index(op.f('ix_outbox_emails_sent_at'), 'outbox_emails', ['sent_at'])

    op.create_table('programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('state', sa.Enum('open', 'applications_stopped', 'use_stopped', name='programme_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('applications_stopped_on', sa.Date(), nullable=True),
    sa.Column('use_stopped_on', sa.Date(), nullable=True),
    sa.Column('subsidy_deadline', sa.Date(), nullable=True),
    sa.Column('budget_exhausted_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programmes')),
    sa.UniqueConstraint('code', name=op.f('uq_programmes_code'))
    )
    op.create_table('vendors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('ubn', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('contact_name', sa.String(length=100), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('contact_phone', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendors')),
    sa.UniqueConstraint('external_id', name=op.f('uq_vendors_external_id'))
    )
    op.create_index(op.f('ix_vendors_name'), 'vendors', ['name'])
    op.create_index(op.f('ix_vendors_ubn'), 'vendors', ['ubn'])

    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'under_review', 'supplement_requested', 'approved', 'rejected', 'withdrawn', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('identity_method', sa.Enum('moeaca', 'moica', 'moica_mobile', 'phone', 'xca', name='identity_method', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('personal_data_consent', sa.Boolean(), nullable=False),
    sa.Column('declarations', sa.JSON(), nullable=False),
    sa.Column('self_assessment_done', sa.Boolean(), nullable=False),
    sa.Column('no_tax_arrears_declared', sa.Boolean(), nullable=False),
    sa.Column('assigned_officer_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('supplement_deadline', sa.Date(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_applications_applicant_id_applicants')),
    sa.ForeignKeyConstraint(['assigned_officer_id'], ['officers.id'], name=op.f('fk_applications_assigned_officer_id_officers')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_applications_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('external_id', name=op.f('uq_applications_external_id'))
    )
    op.create_index(op.f('ix_applications_applicant_id'), 'applications', ['applicant_id'])
    op.create_index('ix_applications_assigned_officer_status', 'applications', ['assigned_officer_id', 'status'])
    op.create_index(op.f('ix_applications_programme_id'), 'applications', ['programme_id'])
    op.create_index('ix_applications_status_submitted_at', 'applications', ['status', 'submitted_at'])
    op.create_index(op.f('ix_applications_submitted_at'), 'applications', ['submitted_at'])

    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity_type', sa.String(length=64), nullable=True),
    sa.Column('entity_id', sa.String(length=64), nullable=True),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_audit_events_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    op.create_index(op.f('ix_audit_events_action'), 'audit_events', ['action'])
    op.create_index(op.f('ix_audit_events_at'), 'audit_events', ['at'])
    op.create_index('ix_audit_events_entity', 'audit_events', ['entity_type', 'entity_id'])
    op.create_index(op.f('ix_audit_events_officer_id'), 'audit_events', ['officer_id'])

    op.create_table('budgets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('committed', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('committed <= total', name=op.f('ck_budgets_not_over_committed')),
    sa.CheckConstraint('committed >= 0', name=op.f('ck_budgets_committed_not_negative')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_budgets_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budgets')),
    sa.UniqueConstraint('programme_id', name=op.f('uq_budgets_programme_id'))
    )
    op.create_table('data_subject_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('inspect', 'copy', 'correct', 'stop', 'delete', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'in_progress', 'done', 'refused', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_data_subject_requests_applicant_id_applicants')),
    sa.ForeignKeyConstraint(['handled_by_id'], ['officers.id'], name=op.f('fk_data_subject_requests_handled_by_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_subject_requests'))
    )
    op.create_index(op.f('ix_data_subject_requests_applicant_id'), 'data_subject_requests', ['applicant_id'])
    op.create_index(op.f('ix_data_subject_requests_handled_by_id'), 'data_subject_requests', ['handled_by_id'])
    op.create_index(op.f('ix_data_subject_requests_status'), 'data_subject_requests', ['status'])

    op.create_table('feed_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('accepted', sa.Integer(), nullable=False),
    sa.Column('duplicates', sa.Integer(), nullable=False),
    sa.Column('rejected', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_feed_imports_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_imports'))
    )
    op.create_index(op.f('ix_feed_imports_file_sha256'), 'feed_imports', ['file_sha256'])
    op.create_index(op.f('ix_feed_imports_officer_id'), 'feed_imports', ['officer_id'])

    op.create_table('officer_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('officer', 'supervisor', 'finance', 'admin', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_officer_roles_officer_id_officers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer_roles')),
    sa.UniqueConstraint('officer_id', 'role', name='uq_officer_roles_officer_role')
    )
    op.create_index(op.f('ix_officer_roles_officer_id'), 'officer_roles', ['officer_id'])

    op.create_table('programme_parameters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('int_value', sa.BigInteger(), nullable=True),
    sa.Column('text_value', sa.Text(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint('int_value IS NOT NULL OR text_value IS NOT NULL', name=op.f('ck_programme_parameters_has_value')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_parameters_programme_id_programmes')),
    sa.ForeignKeyConstraint(['set_by_id'], ['officers.id'], name=op.f('fk_programme_parameters_set_by_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_parameters')),
    sa.UniqueConstraint('programme_id', 'name', 'effective_from', name='uq_programme_parameters_programme_name_from')
    )
    op.create_index(op.f('ix_programme_parameters_programme_id'), 'programme_parameters', ['programme_id'])
    op.create_index(op.f('ix_programme_parameters_set_by_id'), 'programme_parameters', ['set_by_id'])

    op.create_table('saved_filters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_saved_filters_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_filters')),
    sa.UniqueConstraint('officer_id', 'name', name='uq_saved_filters_officer_name')
    )
    op.create_index(op.f('ix_saved_filters_officer_id'), 'saved_filters', ['officer_id'])

    op.create_table('settlement_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['officers.id'], name=op.f('fk_settlement_batches_created_by_id_officers')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_settlement_batches_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_batches'))
    )
    op.create_index(op.f('ix_settlement_batches_created_by_id'), 'settlement_batches', ['created_by_id'])
    op.create_index(op.f('ix_settlement_batches_paid_on'), 'settlement_batches', ['paid_on'])
    op.create_index(op.f('ix_settlement_batches_vendor_id'), 'settlement_batches', ['vendor_id'])

    op.create_table('solutions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('in_subsidy_zone', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_solutions_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_solutions')),
    sa.UniqueConstraint('external_id', name=op.f('uq_solutions_external_id'))
    )
    op.create_index(op.f('ix_solutions_category'), 'solutions', ['category'])
    op.create_index(op.f('ix_solutions_in_subsidy_zone'), 'solutions', ['in_subsidy_zone'])
    op.create_index(op.f('ix_solutions_vendor_id'), 'solutions', ['vendor_id'])

    op.create_table('application_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.Enum('submitted', 'under_review', 'supplement_requested', 'approved', 'rejected', 'withdrawn', name='from_status', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('to_status', sa.Enum('submitted', 'under_review', 'supplement_requested', 'approved', 'rejected', 'withdrawn', name='to_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('reason_code', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_status_changes_application_id_applications')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_application_status_changes_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_status_changes'))
    )
    op.create_index(op.f('ix_application_status_changes_application_id'), 'application_status_changes', ['application_id'])
    op.create_index(op.f('ix_application_status_changes_officer_id'), 'application_status_changes', ['officer_id'])

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_attachments_application_id_applications')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['officers.id'], name=op.f('fk_attachments_uploaded_by_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    op.create_index(op.f('ix_attachments_application_id'), 'attachments', ['application_id'])
    op.create_index(op.f('ix_attachments_sha256'), 'attachments', ['sha256'])
    op.create_index(op.f('ix_attachments_uploaded_by_id'), 'attachments', ['uploaded_by_id'])

    op.create_table('authorisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('form', sa.Enum('form2', 'form3', name='form', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('company_name', sa.String(length=200), nullable=False),
    sa.Column('ubn', sa.String(length=8), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('representative_name', sa.String(length=100), nullable=True),
    sa.Column('representative_id', sa.String(length=10), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_authorisations_application_id_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authorisations'))
    )
    op.create_index(op.f('ix_authorisations_application_id'), 'authorisations', ['application_id'])

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('approve', 'reject', 'supplement', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason_code', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.Column('cert_der', sa.LargeBinary(), nullable=True),
    sa.Column('cert_sha256', sa.String(length=64), nullable=True),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_decisions_application_id_applications')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_decisions_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    op.create_index(op.f('ix_decisions_application_id'), 'decisions', ['application_id'])
    op.create_index(op.f('ix_decisions_officer_id'), 'decisions', ['officer_id'])

    op.create_table('eligibility_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('outcome', sa.Enum('pass', 'fail', 'unknown', 'not_applicable', name='outcome', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('clauses', sa.Text(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_eligibility_checks_application_id_applications')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['officers.id'], name=op.f('fk_eligibility_checks_decided_by_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_eligibility_checks'))
    )
    op.create_index('ix_eligibility_checks_application_code', 'eligibility_checks', ['application_id', 'code'])
    op.create_index(op.f('ix_eligibility_checks_decided_by_id'), 'eligibility_checks', ['decided_by_id'])
    op.create_index(op.f('ix_eligibility_checks_outcome'), 'eligibility_checks', ['outcome'])

    op.create_table('feed_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['feed_imports.id'], name=op.f('fk_feed_records_import_id_feed_imports')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_records')),
    sa.UniqueConstraint('type', 'external_id', name='uq_feed_records_type_external_id')
    )
    op.create_index(op.f('ix_feed_records_import_id'), 'feed_records', ['import_id'])

    op.create_table('grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('active', 'lapsed', 'expired', 'exhausted', 'reactivated', 'revoked', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('lapse_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('reactivation_of_id', sa.Integer(), nullable=True),
    sa.Column('budget_released', sa.Boolean(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('points > 0', name=op.f('ck_grants_points_positive')),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_grants_applicant_id_applicants')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_grants_application_id_applications')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['officers.id'], name=op.f('fk_grants_approved_by_id_officers')),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_grants_programme_id_programmes')),
    sa.ForeignKeyConstraint(['reactivation_of_id'], ['grants.id'], name=op.f('fk_grants_reactivation_of_id_grants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grants'))
    )
    op.create_index(op.f('ix_grants_applicant_id'), 'grants', ['applicant_id'])
    op.create_index(op.f('ix_grants_application_id'), 'grants', ['application_id'])
    op.create_index(op.f('ix_grants_approved_by_id'), 'grants', ['approved_by_id'])
    op.create_index(op.f('ix_grants_issued_on'), 'grants', ['issued_on'])
    op.create_index(op.f('ix_grants_programme_id'), 'grants', ['programme_id'])
    op.create_index(op.f('ix_grants_reactivation_of_id'), 'grants', ['reactivation_of_id'])
    op.create_index('ix_grants_status_lapse_on', 'grants', ['status', 'lapse_on'])
    op.create_index('ix_grants_status_valid_until', 'grants', ['status', 'valid_until'])

    op.create_table('identity_proofs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.Enum('moeaca', 'moica', 'moica_mobile', 'phone', 'xca', name='method', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('source', sa.Enum('platform', 'desk', name='source', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('cert_serial', sa.String(length=128), nullable=True),
    sa.Column('cert_subject', sa.Text(), nullable=True),
    sa.Column('cert_issuer', sa.Text(), nullable=True),
    sa.Column('cert_sha256', sa.String(length=64), nullable=True),
    sa.Column('cert_not_before', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cert_not_after', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cert_der', sa.LargeBinary(), nullable=True),
    sa.Column('holder_ubn', sa.String(length=8), nullable=True),
    sa.Column('holder_id_last4', sa.String(length=4), nullable=True),
    sa.Column('subject_type', sa.String(length=64), nullable=True),
    sa.Column('validation_status', sa.String(length=32), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.Enum('pass', 'fail', 'unknown', 'not_applicable', name='outcome', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_identity_proofs_application_id_applications')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_identity_proofs_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_proofs'))
    )
    op.create_index(op.f('ix_identity_proofs_application_id'), 'identity_proofs', ['application_id'])
    op.create_index(op.f('ix_identity_proofs_cert_sha256'), 'identity_proofs', ['cert_sha256'])
    op.create_index(op.f('ix_identity_proofs_holder_ubn'), 'identity_proofs', ['holder_ubn'])
    op.create_index(op.f('ix_identity_proofs_officer_id'), 'identity_proofs', ['officer_id'])

    op.create_table('authorisation_queries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('authorisation_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.Enum('success', 'backend_failure', 'other_failure', name='outcome', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['authorisation_id'], ['authorisations.id'], name=op.f('fk_authorisation_queries_authorisation_id_authorisations')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_authorisation_queries_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authorisation_queries'))
    )
    op.create_index(op.f('ix_authorisation_queries_authorisation_id'), 'authorisation_queries', ['authorisation_id'])
    op.create_index(op.f('ix_authorisation_queries_officer_id'), 'authorisation_queries', ['officer_id'])

    op.create_table('budget_movements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('budget_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reserve', 'release', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('points', sa.BigInteger(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=True),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint('points > 0', name=op.f('ck_budget_movements_points_positive')),
    sa.ForeignKeyConstraint(['budget_id'], ['budgets.id'], name=op.f('fk_budget_movements_budget_id_budgets')),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_budget_movements_grant_id_grants')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_budget_movements_officer_id_officers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_movements'))
    )
    op.create_index(op.f('ix_budget_movements_budget_id'), 'budget_movements', ['budget_id'])
    op.create_index(op.f('ix_budget_movements_grant_id'), 'budget_movements', ['grant_id'])
    op.create_index(op.f('ix_budget_movements_officer_id'), 'budget_movements', ['officer_id'])

    op.create_table('followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('questionnaire', 'satisfaction', 'performance', 'continuity', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_followups_applicant_id_applicants')),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_followups_grant_id_grants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followups'))
    )
    op.create_index(op.f('ix_followups_applicant_id'), 'followups', ['applicant_id'])
    op.create_index('ix_followups_due_on_done_on', 'followups', ['due_on', 'done_on'])
    op.create_index(op.f('ix_followups_grant_id'), 'followups', ['grant_id'])

    op.create_table('orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('solution_id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=True),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('self_pay', sa.BigInteger(), nullable=False),
    sa.Column('self_pay_paid', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'vendor_confirmed', 'paid', 'payment_confirmed', 'invoiced', 'in_service', 'completed', 'rejected', 'cancelled', 'terminated', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('vendor_confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('payment_confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('invoiced_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('service_started_on', sa.Date(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('existing_customer_renewal', sa.Boolean(), nullable=False),
    sa.CheckConstraint('points + self_pay = total', name=op.f('ck_orders_points_plus_self_pay_is_total')),
    sa.CheckConstraint('points >= 0', name=op.f('ck_orders_points_not_negative')),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_orders_applicant_id_applicants')),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_orders_grant_id_grants')),
    sa.ForeignKeyConstraint(['solution_id'], ['solutions.id'], name=op.f('fk_orders_solution_id_solutions')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_orders_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('external_id', name=op.f('uq_orders_external_id'))
    )
    op.create_index('ix_orders_applicant_status', 'orders', ['applicant_id', 'status'])
    op.create_index(op.f('ix_orders_grant_id'), 'orders', ['grant_id'])
    op.create_index(op.f('ix_orders_solution_id'), 'orders', ['solution_id'])
    op.create_index('ix_orders_status_submitted_at', 'orders', ['status', 'submitted_at'])
    op.create_index(op.f('ix_orders_submitted_at'), 'orders', ['submitted_at'])
    op.create_index(op.f('ix_orders_vendor_id'), 'orders', ['vendor_id'])

    op.create_table('point_lots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Enum('grant', 'return', name='source', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.CheckConstraint('points >= 0', name=op.f('ck_point_lots_points_not_negative')),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_point_lots_grant_id_grants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_point_lots'))
    )
    op.create_index(op.f('ix_point_lots_grant_id'), 'point_lots', ['grant_id'])
    op.create_index(op.f('ix_point_lots_valid_until'), 'point_lots', ['valid_until'])

    op.create_table('contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_contracts_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracts')),
    sa.UniqueConstraint('order_id', name=op.f('uq_contracts_order_id'))
    )
    op.create_index(op.f('ix_contracts_ends_on'), 'contracts', ['ends_on'])

    op.create_table('order_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_events_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_events')),
    sa.UniqueConstraint('external_id', name=op.f('uq_order_events_external_id'))
    )
    op.create_index(op.f('ix_order_events_kind'), 'order_events', ['kind'])
    op.create_index('ix_order_events_order_at', 'order_events', ['order_id', 'at'])

    op.create_table('settlement_claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('points_claimed', sa.BigInteger(), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'payable', 'held', 'paid', 'rejected', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('hold_reason', sa.Text(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('points_claimed >= 0', name=op.f('ck_settlement_claims_points_not_negative')),
    sa.ForeignKeyConstraint(['batch_id'], ['settlement_batches.id'], name=op.f('fk_settlement_claims_batch_id_settlement_batches')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_settlement_claims_order_id_orders')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_settlement_claims_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_claims')),
    sa.UniqueConstraint('external_id', name=op.f('uq_settlement_claims_external_id'))
    )
    op.create_index(op.f('ix_settlement_claims_batch_id'), 'settlement_claims', ['batch_id'])
    op.create_index(op.f('ix_settlement_claims_order_id'), 'settlement_claims', ['order_id'])
    op.create_index(op.f('ix_settlement_claims_status'), 'settlement_claims', ['status'])
    op.create_index(op.f('ix_settlement_claims_submitted_on'), 'settlement_claims', ['submitted_on'])
    op.create_index(op.f('ix_settlement_claims_vendor_id'), 'settlement_claims', ['vendor_id'])

    op.create_table('terminations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('initiated_by', sa.Enum('applicant', 'vendor', name='initiated_by', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('filed', 'refund_pending', 'closed', 'withdrawn', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_terminations_contract_id_contracts')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_terminations_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terminations')),
    sa.UniqueConstraint('external_id', name=op.f('uq_terminations_external_id'))
    )
    op.create_index(op.f('ix_terminations_contract_id'), 'terminations', ['contract_id'])
    op.create_index(op.f('ix_terminations_filed_on'), 'terminations', ['filed_on'])
    op.create_index(op.f('ix_terminations_order_id'), 'terminations', ['order_id'])
    op.create_index(op.f('ix_terminations_status'), 'terminations', ['status'])

    op.create_table('refund_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('termination_id', sa.Integer(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('months_used', sa.Integer(), nullable=False),
    sa.Column('points_total', sa.Integer(), nullable=False),
    sa.Column('points_used', sa.Integer(), nullable=False),
    sa.Column('points_refund', sa.Integer(), nullable=False),
    sa.Column('self_pay_paid', sa.BigInteger(), nullable=False),
    sa.Column('self_pay_used', sa.BigInteger(), nullable=False),
    sa.Column('self_pay_refund', sa.BigInteger(), nullable=False),
    sa.Column('clauses', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('awaiting_confirmation', 'confirmed', 'disputed', 'escalated', 'resolved', 'approved', 'rejected', name='status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('window_ends_on', sa.Date(), nullable=False),
    sa.Column('prepared_by_id', sa.Integer(), nullable=True),
    sa.Column('prepared_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approval_payload', sa.Text(), nullable=True),
    sa.Column('approval_signature', sa.LargeBinary(), nullable=True),
    sa.Column('approval_cert_der', sa.LargeBinary(), nullable=True),
    sa.Column('approval_cert_sha256', sa.String(length=64), nullable=True),
    sa.Column('returned_on', sa.Date(), nullable=True),
    sa.Column('return_lot_id', sa.Integer(), nullable=True),
    sa.Column('forfeited', sa.Boolean(), nullable=False),
    sa.Column('self_pay_refund_proof', sa.Text(), nullable=True),
    sa.Column('self_pay_refunded_on', sa.Date(), nullable=True),
    sa.CheckConstraint('points_used + points_refund = points_total', name=op.f('ck_refund_cases_points_add_up')),
    sa.CheckConstraint('self_pay_used + self_pay_refund = self_pay_paid', name=op.f('ck_refund_cases_self_pay_adds_up')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['officers.id'], name=op.f('fk_refund_cases_approved_by_id_officers')),
    sa.ForeignKeyConstraint(['prepared_by_id'], ['officers.id'], name=op.f('fk_refund_cases_prepared_by_id_officers')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['officers.id'], name=op.f('fk_refund_cases_resolved_by_id_officers')),
    sa.ForeignKeyConstraint(['return_lot_id'], ['point_lots.id'], name=op.f('fk_refund_cases_return_lot_id_point_lots')),
    sa.ForeignKeyConstraint(['termination_id'], ['terminations.id'], name=op.f('fk_refund_cases_termination_id_terminations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_cases')),
    sa.UniqueConstraint('termination_id', name=op.f('uq_refund_cases_termination_id'))
    )
    op.create_index(op.f('ix_refund_cases_approved_by_id'), 'refund_cases', ['approved_by_id'])
    op.create_index(op.f('ix_refund_cases_prepared_by_id'), 'refund_cases', ['prepared_by_id'])
    op.create_index(op.f('ix_refund_cases_resolved_by_id'), 'refund_cases', ['resolved_by_id'])
    op.create_index(op.f('ix_refund_cases_return_lot_id'), 'refund_cases', ['return_lot_id'])
    op.create_index('ix_refund_cases_status_window_ends_on', 'refund_cases', ['status', 'window_ends_on'])

    op.create_table('ledger_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('grant', 'order_hold', 'order_release', 'lapse', 'expiry_recovery', 'refund_return', 'forfeit', 'reactivation', name='kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('refund_case_id', sa.Integer(), nullable=True),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_ledger_entries_applicant_id_applicants')),
    sa.ForeignKeyConstraint(['grant_id'], ['grants.id'], name=op.f('fk_ledger_entries_grant_id_grants')),
    sa.ForeignKeyConstraint(['lot_id'], ['point_lots.id'], name=op.f('fk_ledger_entries_lot_id_point_lots')),
    sa.ForeignKeyConstraint(['officer_id'], ['officers.id'], name=op.f('fk_ledger_entries_officer_id_officers')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_ledger_entries_order_id_orders')),
    sa.ForeignKeyConstraint(['refund_case_id'], ['refund_cases.id'], name=op.f('fk_ledger_entries_refund_case_id_refund_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entries'))
    )
    op.create_index(op.f('ix_ledger_entries_applicant_id'), 'ledger_entries', ['applicant_id'])
    op.create_index('ix_ledger_entries_grant_lot', 'ledger_entries', ['grant_id', 'lot_id'])
    op.create_index(op.f('ix_ledger_entries_kind'), 'ledger_entries', ['kind'])
    op.create_index(op.f('ix_ledger_entries_lot_id'), 'ledger_entries', ['lot_id'])
    op.create_index(op.f('ix_ledger_entries_officer_id'), 'ledger_entries', ['officer_id'])
    op.create_index(op.f('ix_ledger_entries_on_date'), 'ledger_entries', ['on_date'])
    op.create_index(op.f('ix_ledger_entries_order_id'), 'ledger_entries', ['order_id'])
    op.create_index(op.f('ix_ledger_entries_refund_case_id'), 'ledger_entries', ['refund_case_id'])

    op.create_table('refund_confirmations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('party', sa.Enum('applicant', 'vendor', name='party', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('agrees', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['refund_cases.id'], name=op.f('fk_refund_confirmations_case_id_refund_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_confirmations')),
    sa.UniqueConstraint('external_id', name=op.f('uq_refund_confirmations_external_id'))
    )
    op.create_index(op.f('ix_refund_confirmations_case_id'), 'refund_confirmations', ['case_id'])

    _create_append_only_triggers()


def downgrade() -> None:
    _drop_append_only_triggers()
    op.drop_table('refund_confirmations')
    op.drop_table('ledger_entries')
    op.drop_table('refund_cases')
    op.drop_table('terminations')
    op.drop_table('settlement_claims')
    op.drop_table('order_events')
    op.drop_table('contracts')
    op.drop_table('point_lots')
    op.drop_table('orders')
    op.drop_table('followups')
    op.drop_table('budget_movements')
    op.drop_table('authorisation_queries')
    op.drop_table('identity_proofs')
    op.drop_table('grants')
    op.drop_table('feed_records')
    op.drop_table('eligibility_checks')
    op.drop_table('decisions')
    op.drop_table('authorisations')
    op.drop_table('attachments')
    op.drop_table('application_status_changes')
    op.drop_table('solutions')
    op.drop_table('settlement_batches')
    op.drop_table('saved_filters')
    op.drop_table('programme_parameters')
    op.drop_table('officer_roles')
    op.drop_table('feed_imports')
    op.drop_table('data_subject_requests')
    op.drop_table('budgets')
    op.drop_table('audit_events')
    op.drop_table('applications')
    op.drop_table('vendors')
    op.drop_table('programmes')
    op.drop_table('outbox_emails')
    op.drop_table('officers')
    op.drop_table('calendar_years')
    op.drop_table('calendar_days')
    op.drop_table('applicants')
