"""Row counts of the main tables, for ``backoffice-admin stats`` and the about box."""

from __future__ import annotations

from sqlalchemy import func, select

from backoffice.db import models as m
from backoffice.db.session import UnitOfWork
from backoffice.services.authz import system_job

# Stable keys (other tools read them) -> model.
COUNTED: dict[str, type[m.Base]] = {
    "programmes": m.Programme,
    "officers": m.Officer,
    "applicants": m.Applicant,
    "applications": m.Application,
    "decisions": m.Decision,
    "grants": m.Grant,
    "point_lots": m.PointLot,
    "ledger_entries": m.LedgerEntry,
    "vendors": m.Vendor,
    "solutions": m.Solution,
    "orders": m.Order,
    "order_events": m.OrderEvent,
    "contracts": m.Contract,
    "terminations": m.Termination,
    "refund_cases": m.RefundCase,
    "confirmations": m.RefundConfirmation,
    "settlement_claims": m.SettlementClaim,
    "settlement_batches": m.SettlementBatch,
    "audit_events": m.AuditEvent,
    "outbox_emails": m.OutboxEmail,
    "followups": m.Followup,
    "data_subject_requests": m.DataSubjectRequest,
    "calendar_days": m.CalendarDay,
    "calendar_years": m.CalendarYear,
    "feed_imports": m.FeedImport,
    "feed_records": m.FeedRecord,
}


@system_job("backoffice-admin db status")
def record_counts(uow: UnitOfWork) -> dict[str, int]:
    """Number of rows per kind of record. Read-only; call inside ``with uow:``."""
    session = uow.session
    return {
        key: int(session.scalar(select(func.count()).select_from(model)) or 0)
        for key, model in COUNTED.items()
    }
