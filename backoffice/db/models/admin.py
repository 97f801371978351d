"""Audit trail, outgoing mail, saved filters, follow-ups (附表1 聲明八-十) and 個資 requests."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from backoffice.db import audit
from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import DataRequestKind, DataRequestStatus, FollowupKind, OutboxStatus
from backoffice.db.models.points import _refuse_change


class AuditEvent(Base):  # 稽核紀錄 (append-only, hash-chained: backoffice.db.audit)
    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    entity_type: Mapped[str | None] = mapped_column(sa.String(64))
    entity_id: Mapped[str | None] = mapped_column(sa.String(64))
    details: Mapped[dict[str, Any] | None]
    # Assigned at flush by backoffice.db.audit (never by services): 1, 2, 3... without gaps.
    seq: Mapped[int] = mapped_column(sa.BigInteger, unique=True)
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))


class AuditChainHead(Base):  # the one row that serialises appends to the audit chain
    __tablename__ = "audit_chain_head"
    __table_args__ = (sa.CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(sa.BigInteger)
    hash: Mapped[str] = mapped_column(sa.String(64))


event.listen(AuditEvent, "before_update", _refuse_change)
event.listen(AuditEvent, "before_delete", _refuse_change)
event.listen(Session, "before_flush", audit.chain_new_events)


class OutboxEmail(Base):  # written in the business transaction, sent afterwards
    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)  # claims taken, a crashed send included
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    # The claim (services.admin.outbox): one sender moves a row to SENDING before it talks SMTP.
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column_type(OutboxStatus, "status"), default=OutboxStatus.PENDING,
        server_default=OutboxStatus.PENDING.value)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(100))
    claimed_at: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None]  # retry with backoff: not claimed before this


class SavedFilter(Base):
    __tablename__ = "saved_filters"
    __table_args__ = (sa.UniqueConstraint("officer_id", "name", name="uq_saved_filters_officer_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    definition: Mapped[dict[str, Any]]


class Followup(Base):  # 後續追蹤: questionnaires, satisfaction, performance, continuity
    __tablename__ = "followups"
    __table_args__ = (sa.Index("ix_followups_due_on_done_on", "due_on", "done_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(sa.ForeignKey("applicants.id"), index=True)
    grant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("grants.id"), index=True)
    kind: Mapped[FollowupKind] = mapped_column(enum_column_type(FollowupKind, "kind"))
    due_on: Mapped[date]
    done_on: Mapped[date | None]
    evidence: Mapped[str | None] = mapped_column(sa.Text)


class DataSubjectRequest(Base):  # 個資法 §3 當事人請求
    __tablename__ = "data_subject_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(sa.ForeignKey("applicants.id"), index=True)
    kind: Mapped[DataRequestKind] = mapped_column(enum_column_type(DataRequestKind, "kind"))
    received_on: Mapped[date]
    status: Mapped[DataRequestStatus] = mapped_column(
        enum_column_type(DataRequestStatus, "status"), default=DataRequestStatus.OPEN, index=True
    )
    handled_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    closed_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(sa.Text)
