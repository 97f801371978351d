"""Points validity, lapse, lots and returned points (RULES §6, §8; 須知七(二)(三)(四)(七)(八)).

The ledger itself lives in the database; this module answers the questions the ledger service
asks: when does a grant expire or lapse, which lots pay an order, where do released points go,
and how long are returned points valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from . import clauses as C
from .calendar import OfficeCalendar
from .dates import months_from_event
from .params import DEFAULT_PARAMS, ProgrammeParams
from .results import JsonResult

LotId = int | str


def grant_valid_until(issued: date, params: ProgrammeParams = DEFAULT_PARAMS) -> date:
    """Last day the granted points can be used: period_end(D0 + 1, 3) (須知七(二))."""
    return months_from_event(issued, params.validity_months)


def lapse_date(issued: date, params: ProgrammeParams = DEFAULT_PARAMS) -> date:
    """Last day by which some points must be used, or the grant lapses (須知七(三))."""
    return months_from_event(issued, params.lapse_months)


@dataclass(frozen=True)
class Lot(JsonResult):
    """A batch of points with one validity: the grant, or one return of points (§6)."""

    lot_id: LotId
    amount: int  # points still available in the lot (not held by orders)
    valid_until: date
    valid_from: date | None = None

    def usable_on(self, on: date) -> bool:
        return self.valid_until >= on and (self.valid_from is None or self.valid_from <= on)


class InsufficientPoints(ValueError):
    """The usable balance does not cover the requested points."""

    def __init__(self, requested: int, available: int) -> None:
        super().__init__(f"requested {requested} points, only {available} usable")
        self.requested = requested
        self.available = available


def usable_balance(lots: Iterable[Lot], on: date) -> int:
    """Points usable on ``on`` (sum of lots valid that day)."""
    return sum(lot.amount for lot in lots if lot.amount > 0 and lot.usable_on(on))


def allocate(lots: Sequence[Lot], amount: int, on: date) -> list[tuple[LotId, int]]:
    """Take ``amount`` points from the lots usable on ``on``, the one that expires first first
    (RULES §6 [decision]; ties keep the given order). Raises InsufficientPoints."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    usable = sorted(
        ((lot.valid_until, i), lot) for i, lot in enumerate(lots) if lot.amount > 0 and lot.usable_on(on)
    )
    available = sum(lot.amount for _, lot in usable)
    if available < amount:
        raise InsufficientPoints(amount, available)
    out: list[tuple[LotId, int]] = []
    left = amount
    for _, lot in usable:
        if left == 0:
            break
        take = min(left, lot.amount)
        out.append((lot.lot_id, take))
        left -= take
    return out


def apply_allocation(lots: Sequence[Lot], allocation: Iterable[tuple[LotId, int]], sign: int = -1) -> list[Lot]:
    """New lots after taking (sign -1) or giving back (sign +1) an allocation."""
    by_id = {lot.lot_id: i for i, lot in enumerate(lots)}
    out = list(lots)
    for lot_id, amt in allocation:
        if lot_id not in by_id:
            raise KeyError(f"unknown lot {lot_id!r}")
        i = by_id[lot_id]
        new_amount = out[i].amount + sign * amt
        if new_amount < 0:
            raise ValueError(f"lot {lot_id!r} would go negative")
        out[i] = replace(out[i], amount=new_amount)
    return out


@dataclass(frozen=True)
class Release(JsonResult):
    """Where the points of a cancelled or rejected order go (§6, §7)."""

    restored: tuple[tuple[LotId, int], ...]  # back to a lot still valid
    recovered: tuple[tuple[LotId, int], ...]  # the lot has expired: recovered at once
    clauses: tuple[str, ...]


def release(lots: Sequence[Lot], allocation: Iterable[tuple[LotId, int]], on: date) -> Release:
    """Points return to the lots they came from, with those lots' validity; points whose lot
    expired meanwhile are recovered at once (RULES §6 [decision: expiry])."""
    valid = {lot.lot_id: lot.valid_until >= on for lot in lots}
    restored: list[tuple[LotId, int]] = []
    recovered: list[tuple[LotId, int]] = []
    for lot_id, amt in allocation:
        if lot_id not in valid:
            raise KeyError(f"unknown lot {lot_id!r}")
        (restored if valid[lot_id] else recovered).append((lot_id, amt))
    cl: tuple[str, ...] = (C.DECISION_LOTS,) + ((C.EXPIRY, C.DECISION_EXPIRY_PENDING) if recovered else ())
    return Release(tuple(restored), tuple(recovered), cl)


def expired_amounts(lots: Iterable[Lot], as_of: date) -> list[tuple[LotId, int]]:
    """For the expiry sweep: points of lots whose validity ended before ``as_of`` (須知七(四))."""
    return [(lot.lot_id, lot.amount) for lot in lots if lot.amount > 0 and lot.valid_until < as_of]


# --- Lapse (須知七(三)) ---------------------------------------------------------------------

UseState = Literal["pending", "confirmed", "void"]  # void = rejected or cancelled


@dataclass(frozen=True)
class OrderUse:
    """An order seen by the lapse rule: submission date, points, and where it stands now."""

    submitted: date
    points: int
    state: UseState
    closed_on: date | None = None  # date it was rejected or cancelled, for state "void"


LapseState = Literal["used", "open", "held", "lapsed"]


@dataclass(frozen=True)
class LapseStatus(JsonResult):
    """``used``: never lapses; ``open``: may still be used before ``lapse_date``; ``held``: past
    the date but a qualifying order is pending; ``lapsed``: lapsed, on ``lapsed_on`` (first day
    the points are gone)."""

    state: LapseState
    lapse_date: date
    lapsed_on: date | None
    clauses: tuple[str, ...]


def lapse_status(
    issued: date, as_of: date, orders: Iterable[OrderUse], params: ProgrammeParams = DEFAULT_PARAMS
) -> LapseStatus:
    """Does the grant issued on ``issued`` lapse? "Used" = an order with points > 0 submitted on or
    before the lapse date; a pending one holds the lapse; if all are voided, it lapses the day the
    last one was voided (RULES §6 [decision])."""
    last = lapse_date(issued, params)
    qualifying = [o for o in orders if o.points > 0 and o.submitted <= last]
    cl: tuple[str, ...] = (C.LAPSE, C.BROCHURE_VALIDITY, C.CIVIL_CODE_120, C.CIVIL_CODE_121)
    if any(o.state == "confirmed" for o in qualifying):
        return LapseStatus("used", last, None, cl)
    if as_of <= last:
        return LapseStatus("open", last, None, cl)
    cl += (C.DECISION_LAPSE_PENDING,) if qualifying else ()
    if any(o.state == "pending" for o in qualifying):
        return LapseStatus("held", last, None, cl)
    day = last + timedelta(days=1)
    closed = [o.closed_on for o in qualifying if o.closed_on is not None]
    if closed and max(closed) > day:
        day = max(closed)
    return LapseStatus("lapsed", last, day, cl)


# --- Returned points (須知七(七)(八)) ----------------------------------------------------------


@dataclass(frozen=True)
class ReturnValidity(JsonResult):
    """Whether refunded points are returned, and the validity of the new lot."""

    returned: bool
    valid_until: date | None
    provisional: bool
    clauses: tuple[str, ...]
    original_until: date | None = None  # 七(七)1 candidate
    extension_until: date | None = None  # 七(七)2 candidate


def returned_points_validity(
    issued: date,
    returned: date,
    subsidy_deadline: date | None,
    budget_exhausted_on: date | None,
    calendar: OfficeCalendar,
    params: ProgrammeParams = DEFAULT_PARAMS,
) -> ReturnValidity:
    """Validity of points returned on R (the supervisor's approval posting date; R never counts):
    the later of period_end(D0 + 1, 3) and the 5th working day after R, cut to the subsidy
    deadline; forfeited if R is after that deadline or on/after the budget-exhaustion day."""
    base = (C.DECISION_RETURN_DATE,)
    if subsidy_deadline is not None and returned > subsidy_deadline:
        return ReturnValidity(False, None, False, (C.RETURN_DEADLINE_BUDGET, *base))
    if budget_exhausted_on is not None and returned >= budget_exhausted_on:
        return ReturnValidity(False, None, False, (C.RETURN_DEADLINE_BUDGET, *base))
    original = grant_valid_until(issued, params)
    ext = calendar.add_working_days(returned, params.return_extension_working_days)
    if ext.due > original:
        until, provisional = ext.due, ext.provisional
        cl: tuple[str, ...] = (C.RETURN_VALIDITY_EXTENSION, *ext.clauses)
    else:
        # A provisional calendar could still move the extension past the original date.
        until, provisional = original, ext.provisional
        cl = (C.RETURN_VALIDITY_ORIGINAL, C.CIVIL_CODE_120, C.CIVIL_CODE_121)
        if ext.provisional:
            cl += (C.PROVISIONAL_CALENDAR,)
    if subsidy_deadline is not None and until > subsidy_deadline:
        # Cut to the deadline; the extension's calendar can still matter only if the original
        # validity ends before the deadline (ending on it, the answer is the deadline either way).
        provisional = provisional and original < subsidy_deadline
        until = subsidy_deadline
        cl += (C.RETURN_DEADLINE_BUDGET,)
    return ReturnValidity(True, until, provisional, cl + base, original, ext.due)
