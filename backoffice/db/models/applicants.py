"""Applicants (申請單位, 附表1) and their applications with review records."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import (
    ApplicantType,
    ApplicationStatus,
    AuthorisationForm,
    DecisionKind,
    IdentityMethod,
    Outcome,
    ProofSource,
    QueryOutcome,
)


class Applicant(Base):  # 申請單位 (附表1 申請資料)
    __tablename__ = "applicants"
    __table_args__ = (
        # Substring search of names in the queue: a pg_trgm GIN index on PostgreSQL. SQLite has
        # no such index; there it is an empty partial index, only so both schemas match the models.
        sa.Index("ix_applicants_name_trgm", "name", postgresql_using="gin",
                 postgresql_ops={"name": "gin_trgm_ops"}, sqlite_where=sa.text("0")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)  # 申請單位名稱
    ubn: Mapped[str] = mapped_column(sa.String(8), unique=True)  # 統一編號
    applicant_type: Mapped[ApplicantType] = mapped_column(
        enum_column_type(ApplicantType, "applicant_type"), index=True
    )
    # A for-profit social-innovation organisation applies as an SME or tax-registered business.
    as_type: Mapped[ApplicantType | None] = mapped_column(enum_column_type(ApplicantType, "as_type"))
    industry_section: Mapped[str | None] = mapped_column(sa.String(1), index=True)  # 行業大類 letter
    industry_division: Mapped[str | None] = mapped_column(sa.String(8), index=True)  # 中類, "62", "45-46"
    industry_other: Mapped[str | None] = mapped_column(sa.String(200))
    registered_on: Mapped[date | None]  # 設立登記日期
    paid_in_capital: Mapped[int | None] = mapped_column(sa.BigInteger)  # 實收資本額 NT$
    employees: Mapped[int | None]  # 員工人數
    address: Mapped[str | None] = mapped_column(sa.Text)
    representative_name: Mapped[str | None] = mapped_column(sa.String(100))  # 負責人
    representative_title: Mapped[str | None] = mapped_column(sa.String(100))
    # National ID: collected only for XCA/MOICA/phone methods (RULES §5.9); show masked.
    representative_id: Mapped[str | None] = mapped_column(sa.String(10))
    contact_name: Mapped[str | None] = mapped_column(sa.String(100))
    contact_title: Mapped[str | None] = mapped_column(sa.String(100))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(32))
    contact_phone_ext: Mapped[str | None] = mapped_column(sa.String(16))
    contact_mobile: Mapped[str | None] = mapped_column(sa.String(32))
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    # Registration facts (須知四, 五(四)).
    has_company_registration: Mapped[bool] = mapped_column(default=False)
    has_business_registration: Mapped[bool] = mapped_column(default=False)
    has_tax_registration: Mapped[bool] = mapped_column(default=False)
    cooperative_registered: Mapped[bool] = mapped_column(default=False)
    is_subsidiary_unit: Mapped[bool] = mapped_column(default=False)  # 附屬單位
    social_innovation_listed: Mapped[bool] = mapped_column(default=False)
    mainland_capital: Mapped[bool] = mapped_column(default=False)  # 陸資
    foreign_branch: Mapped[bool] = mapped_column(default=False)
    domestic_branch: Mapped[bool] = mapped_column(default=False)  # 分公司
    personal_data_erased_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    applications: Mapped[list[Application]] = relationship(back_populates="applicant", lazy="raise")


class Application(Base):  # 點數申請
    __tablename__ = "applications"
    __table_args__ = (
        sa.Index("ix_applications_status_submitted_at", "status", "submitted_at"),
        sa.Index("ix_applications_assigned_officer_status", "assigned_officer_id", "status"),
        # Queue filters, then the default sort (migration 0003).
        sa.Index("ix_applications_applicant_type_submitted_at", "applicant_type", "submitted_at"),
        sa.Index("ix_applications_industry_section_submitted_at", "industry_section", "submitted_at"),
        sa.Index("ix_applications_industry_division_submitted_at", "industry_division", "submitted_at"),
        sa.Index("ix_applications_assigned_officer_submitted_at", "assigned_officer_id", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(sa.String(64), unique=True)  # the feed's id
    programme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    applicant_id: Mapped[int] = mapped_column(sa.ForeignKey("applicants.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[ApplicationStatus] = mapped_column(
        enum_column_type(ApplicationStatus, "status"), default=ApplicationStatus.SUBMITTED
    )
    identity_method: Mapped[IdentityMethod | None] = mapped_column(
        enum_column_type(IdentityMethod, "identity_method")
    )
    personal_data_consent: Mapped[bool] = mapped_column(default=False)
    declarations: Mapped[dict[str, Any]] = mapped_column(default=dict)  # 聲明一..十 + agreement
    self_assessment_done: Mapped[bool] = mapped_column(default=False)  # 數位自評
    no_tax_arrears_declared: Mapped[bool] = mapped_column(default=False)  # 無欠稅 (手冊)
    assigned_officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"))
    claimed_at: Mapped[datetime | None]
    supplement_deadline: Mapped[date | None]
    decided_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    # Copies of the applicant's type and industry for the queue's indexes (migration 0003).
    # Database triggers write them on insert and when the applicant changes: never set them.
    applicant_type: Mapped[str | None] = mapped_column(sa.String(32))
    industry_section: Mapped[str | None] = mapped_column(sa.String(32))
    industry_division: Mapped[str | None] = mapped_column(sa.String(32))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  optimistic locking

    applicant: Mapped[Applicant] = relationship(back_populates="applications", lazy="raise")
    status_changes: Mapped[list[ApplicationStatusChange]] = relationship(
        back_populates="application", lazy="raise", order_by="ApplicationStatusChange.id"
    )
    identity_proofs: Mapped[list[IdentityProof]] = relationship(lazy="raise")
    authorisations: Mapped[list[Authorisation]] = relationship(back_populates="application", lazy="raise")
    eligibility_checks: Mapped[list[EligibilityCheck]] = relationship(lazy="raise")
    attachments: Mapped[list[Attachment]] = relationship(lazy="raise")
    decisions: Mapped[list[Decision]] = relationship(lazy="raise", order_by="Decision.id")


class ApplicationStatusChange(Base):
    __tablename__ = "application_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    from_status: Mapped[ApplicationStatus | None] = mapped_column(
        enum_column_type(ApplicationStatus, "from_status")
    )
    to_status: Mapped[ApplicationStatus] = mapped_column(enum_column_type(ApplicationStatus, "to_status"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    reason_code: Mapped[str | None] = mapped_column(sa.String(64))
    note: Mapped[str | None] = mapped_column(sa.Text)

    application: Mapped[Application] = relationship(back_populates="status_changes", lazy="raise")


class IdentityProof(Base):  # 身分驗證紀錄
    __tablename__ = "identity_proofs"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    method: Mapped[IdentityMethod] = mapped_column(enum_column_type(IdentityMethod, "method"))
    source: Mapped[ProofSource] = mapped_column(enum_column_type(ProofSource, "source"))
    cert_serial: Mapped[str | None] = mapped_column(sa.String(128))
    cert_subject: Mapped[str | None] = mapped_column(sa.Text)
    cert_issuer: Mapped[str | None] = mapped_column(sa.Text)
    cert_sha256: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    cert_not_before: Mapped[datetime | None]
    cert_not_after: Mapped[datetime | None]
    cert_der: Mapped[bytes | None]
    holder_ubn: Mapped[str | None] = mapped_column(sa.String(8), index=True)
    holder_id_last4: Mapped[str | None] = mapped_column(sa.String(4))
    subject_type: Mapped[str | None] = mapped_column(sa.String(64))  # e.g. company / branch / citizen
    validation_status: Mapped[str | None] = mapped_column(sa.String(32))  # valid/expired/revoked/...
    verified_at: Mapped[datetime] = mapped_column(default=utcnow)
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    outcome: Mapped[Outcome] = mapped_column(enum_column_type(Outcome, "outcome"))
    detail: Mapped[str | None] = mapped_column(sa.Text)


class Authorisation(Base):  # 授權書 (附表2 / 附表3)
    __tablename__ = "authorisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    form: Mapped[AuthorisationForm] = mapped_column(enum_column_type(AuthorisationForm, "form"))
    company_name: Mapped[str] = mapped_column(sa.String(200))
    ubn: Mapped[str] = mapped_column(sa.String(8))
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    consent: Mapped[bool] = mapped_column(default=False)
    signed_on: Mapped[date | None]
    representative_name: Mapped[str | None] = mapped_column(sa.String(100))
    representative_id: Mapped[str | None] = mapped_column(sa.String(10))  # 附表3 only
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship(back_populates="authorisations", lazy="raise")
    queries: Mapped[list[AuthorisationQuery]] = relationship(
        back_populates="authorisation", lazy="raise", order_by="AuthorisationQuery.id"
    )


class AuthorisationQuery(Base):  # one query made under an authorisation (RULES §5.7)
    __tablename__ = "authorisation_queries"

    id: Mapped[int] = mapped_column(primary_key=True)
    authorisation_id: Mapped[int] = mapped_column(sa.ForeignKey("authorisations.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    outcome: Mapped[QueryOutcome] = mapped_column(enum_column_type(QueryOutcome, "outcome"))
    result: Mapped[dict[str, Any] | None]  # e.g. {"labour_insurance_headcount": [...]}
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    note: Mapped[str | None] = mapped_column(sa.Text)

    authorisation: Mapped[Authorisation] = relationship(back_populates="queries", lazy="raise")


class EligibilityCheck(Base):  # 資格審查項目
    __tablename__ = "eligibility_checks"
    __table_args__ = (sa.Index("ix_eligibility_checks_application_code", "application_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"))
    code: Mapped[str] = mapped_column(sa.String(32))
    outcome: Mapped[Outcome] = mapped_column(enum_column_type(Outcome, "outcome"), index=True)
    clauses: Mapped[str | None] = mapped_column(sa.Text)
    evidence: Mapped[str | None] = mapped_column(sa.Text)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)  # None = system
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Attachment(Base):  # 附件
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(32))
    filename: Mapped[str] = mapped_column(sa.String(255))
    media_type: Mapped[str] = mapped_column(sa.String(100))
    # Deferred: lists of attachments never pull the blobs.
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    size: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)


class Decision(Base):  # 審查決定, signed with the officer's card
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    kind: Mapped[DecisionKind] = mapped_column(enum_column_type(DecisionKind, "kind"))
    reason_code: Mapped[str | None] = mapped_column(sa.String(64))
    note: Mapped[str | None] = mapped_column(sa.Text)
    payload: Mapped[str] = mapped_column(sa.Text)  # canonical JSON text that was signed
    signature: Mapped[bytes | None]
    cert_der: Mapped[bytes | None]
    cert_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)


from sqlalchemy import event  # noqa: E402

from backoffice.db.models.points import _refuse_change  # noqa: E402

# A signed decision is evidence: never edited nor deleted (the database triggers of 0011 too).
event.listen(Decision, "before_update", _refuse_change)
event.listen(Decision, "before_delete", _refuse_change)
