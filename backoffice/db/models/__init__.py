"""All ORM models, re-exported. Importing this module registers every table on ``Base.metadata``."""

from __future__ import annotations

from backoffice.db.base import Base, UtcDateTime, utcnow
from backoffice.db.models.admin import (
    AuditChainHead,
    AuditEvent,
    DataSubjectRequest,
    Followup,
    OutboxEmail,
    SavedFilter,
)
from backoffice.db.models.applicants import (
    Applicant,
    Application,
    ApplicationStatusChange,
    Attachment,
    Authorisation,
    AuthorisationQuery,
    Decision,
    EligibilityCheck,
    IdentityProof,
)
from backoffice.db.models.calendar import CalendarDay, CalendarYear
from backoffice.db.models.feed import FeedImport, FeedRecord
from backoffice.db.models.officers import Officer, OfficerRole
from backoffice.db.models.orders import (
    Contract,
    Order,
    OrderEvent,
    RefundCase,
    RefundCaseEvent,
    RefundConfirmation,
    RefundEvidence,
    Solution,
    Termination,
    Vendor,
)
from backoffice.db.models.points import AppendOnlyError, Grant, LedgerEntry, PointLot
from backoffice.db.models.programme import Budget, BudgetMovement, Programme, ProgrammeParameter
from backoffice.db.models.settlement import (
    SettlementBatch,
    SettlementBatchLine,
    SettlementClaim,
    WithholdingStatement,
)

# Tables whose rows are never updated nor deleted (ORM events + database triggers; decisions: 0011).
APPEND_ONLY_TABLES = ("ledger_entries", "budget_movements", "audit_events", "decisions")

__all__ = [
    "APPEND_ONLY_TABLES",
    "AppendOnlyError",
    "Applicant",
    "Application",
    "ApplicationStatusChange",
    "Attachment",
    "AuditChainHead",
    "AuditEvent",
    "Authorisation",
    "AuthorisationQuery",
    "Base",
    "Budget",
    "BudgetMovement",
    "CalendarDay",
    "CalendarYear",
    "Contract",
    "DataSubjectRequest",
    "Decision",
    "EligibilityCheck",
    "FeedImport",
    "FeedRecord",
    "Followup",
    "Grant",
    "IdentityProof",
    "LedgerEntry",
    "Officer",
    "OfficerRole",
    "Order",
    "OrderEvent",
    "OutboxEmail",
    "PointLot",
    "Programme",
    "ProgrammeParameter",
    "RefundCase",
    "RefundCaseEvent",
    "RefundConfirmation",
    "RefundEvidence",
    "SavedFilter",
    "SettlementBatch",
    "SettlementBatchLine",
    "SettlementClaim",
    "WithholdingStatement",
    "Solution",
    "Termination",
    "UtcDateTime",
    "Vendor",
    "utcnow",
]
