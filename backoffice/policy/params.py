"""Programme parameters (RULES §3) and the programme state (須知二(三)).

Parameters are stored and edited by an administrator with an effective date; the policy
functions take a ``ProgrammeParams`` value and default to ``DEFAULT_PARAMS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from . import clauses as C
from .results import JsonResult


@dataclass(frozen=True)
class ProgrammeParams(JsonResult):
    """Editable programme parameters with the defaults of RULES §3."""

    grant_points: int = 30_000  # 須知二(一), 八(一)
    copay_points_part: int = 1  # points : self-pay = 1 : 1 (須知二(二), 七(五))
    copay_self_pay_part: int = 1
    validity_months: int = 3  # 須知七(二)
    lapse_months: int = 1  # 須知七(三)
    refund_window_days: int = 14  # 手冊 點數與自付款退還機制
    return_extension_working_days: int = 5  # 須知七(七)2
    vendor_confirm_working_days: int = 2  # 須知八(四)
    pay_working_days: int = 2  # 須知八(四)
    invoice_working_days: int = 2  # 須知八(四)
    service_start_days: int = 7  # 手冊 步驟4
    min_term_months: int = 4  # 須知四(五)
    subsidy_deadline: date | None = None  # 補助期限 (須知三, 七(八))
    total_budget: int | None = None  # 補助額度
    effective_from: date | None = None

    def __post_init__(self) -> None:
        for name in ("grant_points", "copay_points_part", "copay_self_pay_part", "validity_months",
                     "lapse_months", "vendor_confirm_working_days", "pay_working_days",
                     "invoice_working_days", "min_term_months"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for name in ("refund_window_days", "return_extension_working_days", "service_start_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.total_budget is not None and self.total_budget < 0:
            raise ValueError("total_budget must not be negative")


DEFAULT_PARAMS = ProgrammeParams()


class ProgrammeState(StrEnum):
    """Programme state (須知二(三)): each stop takes effect from its announcement date."""

    OPEN = "open"
    APPLICATIONS_STOPPED = "applications_stopped"  # no new application accepted or granted
    USE_STOPPED = "use_stopped"  # no new order may use points (and, [decision], no new grants)


@dataclass(frozen=True)
class ProgrammeStatus(JsonResult):
    """The announcements that stop the programme, each with its announcement date."""

    applications_stopped_on: date | None = None
    use_stopped_on: date | None = None
    clauses: tuple[str, ...] = field(default=(C.STOP_ANNOUNCEMENT,))

    def state_on(self, day: date) -> ProgrammeState:
        """State in force on ``day`` (an announcement applies from its own date)."""
        if self.use_stopped_on is not None and day >= self.use_stopped_on:
            return ProgrammeState.USE_STOPPED
        if self.applications_stopped_on is not None and day >= self.applications_stopped_on:
            return ProgrammeState.APPLICATIONS_STOPPED
        return ProgrammeState.OPEN

    def applications_open(self, day: date) -> bool:
        """May an application be accepted or granted on ``day``? (stopping use stops grants too)."""
        return self.state_on(day) is ProgrammeState.OPEN

    def points_usable(self, day: date) -> bool:
        """May a new order submitted on ``day`` use points?"""
        return self.state_on(day) is not ProgrammeState.USE_STOPPED
