"""Stored enumerations (plain ``StrEnum``, no SQLAlchemy), shared by models and services.

Values are the strings stored in the database (as VARCHAR with a CHECK constraint, never a
native enum, so SQLite and PostgreSQL behave the same). Renaming a value needs a migration.
"""

from __future__ import annotations

from enum import StrEnum


class ProgrammeState(StrEnum):
    OPEN = "open"
    APPLICATIONS_STOPPED = "applications_stopped"  # 停止受理申請 (須知二(三))
    USE_STOPPED = "use_stopped"  # 停止使用點數


class BudgetMovementKind(StrEnum):
    RESERVE = "reserve"
    RELEASE = "release"


class OutboxStatus(StrEnum):
    PENDING = "pending"  # waiting for a sender (again, after a failure: from next_attempt_at)
    SENDING = "sending"  # claimed by one sender (claimed_by, claimed_at); stale after a timeout
    SENT = "sent"


class Role(StrEnum):
    OFFICER = "officer"  # 承辦人
    SUPERVISOR = "supervisor"  # 主管
    FINANCE = "finance"  # 會計/財務
    ADMIN = "admin"  # 系統管理者


class ApplicantType(StrEnum):
    SME = "sme"  # 中小企業
    TAX_REGISTERED = "tax_registered"  # 稅籍登記之營利事業
    COOPERATIVE = "cooperative"  # 合作社
    SOCIAL_INNOVATION_NONPROFIT = "social_innovation_nonprofit"  # 社會創新組織(非營利)
    SOCIAL_INNOVATION_FORPROFIT = "social_innovation_forprofit"  # 社會創新組織(營利)


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    SUPPLEMENT_REQUESTED = "supplement_requested"  # 補件
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class IdentityMethod(StrEnum):
    MOEACA = "moeaca"  # 工商憑證
    MOICA = "moica"  # 自然人憑證 (IC card)
    MOICA_MOBILE = "moica_mobile"  # 行動自然人憑證
    PHONE = "phone"  # 負責人手機門號驗證
    XCA = "xca"  # 組織及團體憑證


class ProofSource(StrEnum):
    PLATFORM = "platform"  # verified by the application platform (feed)
    DESK = "desk"  # verified at the back-office desk with a card reader


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105  (an outcome, not a password)
    FAIL = "fail"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class AuthorisationForm(StrEnum):
    FORM2 = "form2"  # 附表2 勞保投保人數查詢授權書
    FORM3 = "form3"  # 附表3 商工登記資料查詢授權書


class QueryOutcome(StrEnum):
    SUCCESS = "success"
    BACKEND_FAILURE = "backend_failure"
    OTHER_FAILURE = "other_failure"


class DecisionKind(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    SUPPLEMENT = "supplement"


class GrantStatus(StrEnum):
    ACTIVE = "active"
    LAPSED = "lapsed"  # 未使用, returned after 1 month (須知七(三))
    EXPIRED = "expired"  # validity ended (須知七(二))
    EXHAUSTED = "exhausted"  # every point spent
    REACTIVATED = "reactivated"  # lapsed grant superseded by a reactivation grant (重新開通)
    REVOKED = "revoked"


class LotSource(StrEnum):
    GRANT = "grant"
    RETURN = "return"  # points returned by a refund (須知七(七))


class LedgerKind(StrEnum):
    GRANT = "grant"
    ORDER_HOLD = "order_hold"
    ORDER_RELEASE = "order_release"
    LAPSE = "lapse"
    EXPIRY_RECOVERY = "expiry_recovery"
    REFUND_RETURN = "refund_return"
    FORFEIT = "forfeit"
    REACTIVATION = "reactivation"


class OrderStatus(StrEnum):
    SUBMITTED = "submitted"
    VENDOR_CONFIRMED = "vendor_confirmed"  # 接單
    PAID = "paid"
    PAYMENT_CONFIRMED = "payment_confirmed"  # 訂單確認
    INVOICED = "invoiced"
    IN_SERVICE = "in_service"
    COMPLETED = "completed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    TERMINATED = "terminated"


class Party(StrEnum):
    APPLICANT = "applicant"
    VENDOR = "vendor"


class TerminationStatus(StrEnum):
    FILED = "filed"
    REFUND_PENDING = "refund_pending"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class RefundStatus(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    APPROVED = "approved"
    REJECTED = "rejected"  # kept for old rows; the refunds desk never sets it
    SUBMITTED = "submitted"  # for a supervisor's approval
    RETURNED = "returned"  # by the supervisor to the officer, with a reason


class ClaimStatus(StrEnum):
    SUBMITTED = "submitted"
    PAYABLE = "payable"
    HELD = "held"
    PAID = "paid"
    REJECTED = "rejected"


class BatchStatus(StrEnum):
    PREPARED = "prepared"  # built by finance, awaiting a second person's approval
    APPROVED = "approved"  # signed by the approver; may be exported and reconciled
    CLOSED = "closed"  # every line reconciled (paid or failed)


class BatchLineStatus(StrEnum):
    PENDING = "pending"  # sent to the bank, no result yet
    PAID = "paid"
    FAILED = "failed"  # the claim may go into a later batch


class FollowupKind(StrEnum):
    QUESTIONNAIRE = "questionnaire"
    SATISFACTION = "satisfaction"
    PERFORMANCE = "performance"
    CONTINUITY = "continuity"


class DataRequestKind(StrEnum):  # 個資法 §3
    INSPECT = "inspect"
    COPY = "copy"
    CORRECT = "correct"
    STOP = "stop"
    DELETE = "delete"


class DataRequestStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REFUSED = "refused"


class CalendarSource(StrEnum):
    OFFICIAL = "official"  # 政府行政機關辦公日曆表
    CLOSURE = "closure"  # one-off office closure (停止上班)
