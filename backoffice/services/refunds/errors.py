"""Typed failures of the refunds desk (they carry data; the views and the CLI choose the words)."""

from __future__ import annotations

from datetime import date

# The card-signature failures are the decision service's own: one meaning, one type.
from backoffice.services.applications.decisions import SignatureRequired, WrongSigningCard
from backoffice.services.authz import PermissionDenied

__all__ = [
    "CaseNotFound",
    "EvidenceNotFound",
    "FourEyesViolation",
    "InvalidEffectiveDate",
    "InvalidTransition",
    "PermissionDenied",
    "ReasonRequired",
    "RefundError",
    "SelfPayRefundError",
    "SignatureRequired",
    "WrongSigningCard",
]


class RefundError(Exception):
    """Base of the refunds desk's expected failures."""


class CaseNotFound(RefundError, LookupError):  # noqa: N818
    def __init__(self, case_id: int) -> None:
        super().__init__(f"no refund case {case_id}")
        self.case_id = case_id


class EvidenceNotFound(RefundError, LookupError):  # noqa: N818
    def __init__(self, evidence_id: int) -> None:
        super().__init__(f"no evidence {evidence_id}")
        self.evidence_id = evidence_id


class InvalidTransition(RefundError):
    """The case is not in a state from which ``action`` is allowed (or another officer moved it)."""

    def __init__(self, case_id: int, action: str, status: str, allowed_from: tuple[str, ...]) -> None:
        super().__init__(f"refund case {case_id} is {status}: cannot {action} "
                         f"(only from {', '.join(allowed_from)})")
        self.case_id = case_id
        self.action = action
        self.status = status
        self.allowed_from = allowed_from


class FourEyesViolation(RefundError):
    """The supervisor prepared, resolved or submitted this case: another supervisor must decide."""

    def __init__(self, case_id: int, officer_id: int, roles_held: tuple[str, ...]) -> None:
        super().__init__(f"officer {officer_id} {'/'.join(roles_held)} refund case {case_id}: "
                         "four eyes forbid them to approve or return it")
        self.case_id = case_id
        self.officer_id = officer_id
        self.roles_held = roles_held


class ReasonRequired(RefundError):
    def __init__(self, action: str) -> None:
        super().__init__(f"{action} needs a reason")
        self.action = action


class InvalidEffectiveDate(RefundError):
    """E must lie within the contract: from its first day of service to the end of its term."""

    def __init__(self, effective_on: date, start: date, end: date) -> None:
        super().__init__(f"last day of service {effective_on} is outside the contract {start}..{end}")
        self.effective_on = effective_on
        self.start = start
        self.end = end


class SelfPayRefundError(RefundError):
    """The self-pay refund cannot be recorded as paid (nothing owed, already paid, not approved...)."""

    def __init__(self, case_id: int, problem: str) -> None:
        super().__init__(f"refund case {case_id}: {problem}")
        self.case_id = case_id
        self.problem = problem
