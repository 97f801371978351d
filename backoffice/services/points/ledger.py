"""The points ledger (點數帳): grants, order holds and releases, returned points, balances.

This module (with the set-based sweep in ``backoffice.services.points.sweep``) is the ONLY code that
writes ``LedgerEntry``, ``PointLot`` and ``BudgetMovement`` rows or changes ``Budget.committed``
and ``Grant.status``. Every function takes the caller's SQLAlchemy session (inside a unit of
work) and never commits: the caller does, so the ledger and the business record that caused it
commit together. The rules come from ``backoffice.policy.points``; this module only books them.

Invariants (RULES §6): the ledger is append-only; a lot's balance is the sum of its entries and
never goes negative; ``Budget.committed`` = reservations - releases, and can never exceed the
total (one conditional UPDATE, see ``backoffice.db.budget``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import budget as budget_rows
from backoffice.db.enums import BudgetMovementKind, GrantStatus, LedgerKind, LotSource, OrderStatus
from backoffice.db.models import (
    Application,
    Budget,
    BudgetMovement,
    Grant,
    LedgerEntry,
    Order,
    PointLot,
    Programme,
    ProgrammeParameter,
    RefundCase,
    Termination,
)
from backoffice.policy import points as ppoints
from backoffice.policy.calendar import OfficeCalendar
from backoffice.policy.params import DEFAULT_PARAMS, ProgrammeParams
from backoffice.policy.points import InsufficientPoints
from backoffice.policy.results import JsonResult
from backoffice.services.authz import pure, query_helper

__all__ = [
    "BudgetExhausted",
    "GrantRequest",
    "HoldRequest",
    "InsufficientPoints",
    "LedgerError",
    "LotBalance",
    "ReturnOutcome",
    "balance",
    "hold_order_points",
    "hold_orders",
    "issue_grant",
    "issue_grants",
    "ledger_total",
    "lot_balances",
    "params_from_rows",
    "programme_params",
    "ReleaseRequest",
    "release_order_points",
    "release_orders",
    "return_refund_points",
]

# Orders in these states gave their points back: they never count as "use" (RULES §6 lapse).
VOID_ORDER_STATES = (OrderStatus.REJECTED, OrderStatus.CANCELLED)


class LedgerError(ValueError):
    """A ledger operation that is not allowed (wrong state, missing programme or budget...)."""


class BudgetExhausted(LedgerError):
    """Less than one grant's worth of budget remains (RULES §6 [decision])."""

    def __init__(self, requested: int, remaining: int) -> None:
        super().__init__(f"budget exhausted: {requested} points requested, {remaining} remain")
        self.requested = requested
        self.remaining = remaining


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def programme_params(session: Session, programme_id: int, on: date) -> ProgrammeParams:
    """Programme parameters in force on ``on``: the latest stored value of each with
    ``effective_from <= on``, defaults for the rest; the programme's deadline and budget total."""
    rows = session.execute(
        sa.select(ProgrammeParameter.effective_from, ProgrammeParameter.name, ProgrammeParameter.int_value,
                  ProgrammeParameter.text_value)
        .where(ProgrammeParameter.programme_id == programme_id, ProgrammeParameter.effective_from <= on)
        .order_by(ProgrammeParameter.effective_from, ProgrammeParameter.id)
    ).all()
    programme = session.get(Programme, programme_id)
    return params_from_rows(rows, programme.subsidy_deadline if programme is not None else None, on)


def _params_lookup(session: Session, programme_id: int) -> Callable[[date], ProgrammeParams]:
    """``programme_params`` for many days: the programme's rows are read once."""
    rows = session.execute(
        sa.select(ProgrammeParameter.effective_from, ProgrammeParameter.name, ProgrammeParameter.int_value,
                  ProgrammeParameter.text_value)
        .where(ProgrammeParameter.programme_id == programme_id)
        .order_by(ProgrammeParameter.effective_from, ProgrammeParameter.id)
    ).all()
    deadline = session.scalar(sa.select(Programme.subsidy_deadline).where(Programme.id == programme_id))
    memo: dict[date, ProgrammeParams] = {}

    def on(day: date) -> ProgrammeParams:
        p = memo.get(day)
        if p is None:
            p = memo[day] = params_from_rows(rows, deadline, day)  # type: ignore[arg-type]
        return p

    return on


ParameterRow = tuple[date, str, int | None, str | None]  # effective_from, name, int_value, text_value


@pure
def params_from_rows(rows: Iterable[ParameterRow], subsidy_deadline: date | None, on: date) -> ProgrammeParams:
    """``programme_params`` without the database: stored rows (in effective_from, id order) and
    the programme's own deadline; rows dated after ``on`` are ignored."""
    fields = set(ProgrammeParams.__dataclass_fields__)
    values: dict[str, object] = {}
    for effective_from, name, int_value, text_value in rows:  # later rows win
        if effective_from > on:
            continue
        if name in fields and name != "effective_from":
            if name == "subsidy_deadline":
                values[name] = date.fromisoformat(text_value) if text_value else None
            elif int_value is not None:
                values[name] = int(int_value)
    if subsidy_deadline is not None:
        values.setdefault("subsidy_deadline", subsidy_deadline)
    return ProgrammeParams(**values) if values else DEFAULT_PARAMS  # type: ignore[arg-type]


def _programme_id(session: Session, application_id: int | None, reactivation_of: Grant | None) -> int:
    if reactivation_of is not None:
        return reactivation_of.programme_id
    if application_id is not None:
        pid = session.scalar(sa.select(Application.programme_id).where(Application.id == application_id))
        if pid is not None:
            return int(pid)
    ids = session.scalars(sa.select(Programme.id).order_by(Programme.id).limit(2)).all()
    if len(ids) != 1:
        raise LedgerError("cannot tell which programme the grant belongs to")
    return int(ids[0])


def _budget(session: Session, programme_id: int) -> Budget:
    b = session.scalar(sa.select(Budget).where(Budget.programme_id == programme_id))
    if b is None:
        raise LedgerError(f"programme {programme_id} has no budget")
    return b


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def issue_grant(
    session: Session,
    *,
    applicant_id: int,
    application_id: int | None,
    issued_on: date,
    officer_id: int | None = None,
    reactivation_of: Grant | int | None = None,
) -> Grant:
    """Grant the programme's points on ``issued_on`` (D0): reserve them from the budget with one
    conditional UPDATE (raises ``BudgetExhausted``), create the grant lot valid through
    ``grant_valid_until(D0)`` and book a ``grant`` (or ``reactivation``) ledger entry.

    ``reactivation_of`` (重新開通) must be a lapsed grant of the same applicant; it is marked
    ``reactivated`` and the new grant gets a new D0 and a new reservation (RULES §6 [decision]).
    """
    previous: Grant | None = None
    if reactivation_of is not None:
        previous = reactivation_of if isinstance(reactivation_of, Grant) else session.get(Grant, reactivation_of)
        if previous is None or previous.applicant_id != applicant_id:
            raise LedgerError("the grant to reactivate does not belong to this applicant")
        if previous.status is not GrantStatus.LAPSED:
            raise LedgerError(f"only a lapsed grant can be reactivated (status {previous.status.value})")
    else:
        live = session.scalar(sa.select(sa.func.count()).select_from(Grant).where(
            Grant.applicant_id == applicant_id,
            Grant.status.in_((GrantStatus.ACTIVE, GrantStatus.EXHAUSTED))))
        if live:
            raise LedgerError("the applicant already has an active grant (須知八(一))")
    programme_id = _programme_id(session, application_id, previous)
    params = programme_params(session, programme_id, issued_on)
    b = _budget(session, programme_id)
    grant = Grant(
        programme_id=programme_id, applicant_id=applicant_id, application_id=application_id,
        issued_on=issued_on, points=params.grant_points, status=GrantStatus.ACTIVE,
        lapse_on=ppoints.lapse_date(issued_on, params),
        valid_until=ppoints.grant_valid_until(issued_on, params),
        reactivation_of_id=previous.id if previous else None, approved_by_id=officer_id,
    )
    session.add(grant)
    session.flush()
    if not budget_rows.try_reserve(session, b.id, grant.points, grant_id=grant.id, officer_id=officer_id,
                                   note="reactivation" if previous else "grant"):
        remaining = budget_rows.remaining(session, b.id)
        raise BudgetExhausted(grant.points, remaining)
    lot = PointLot(grant_id=grant.id, source=LotSource.GRANT, created_on=issued_on,
                   valid_until=grant.valid_until, points=grant.points)
    session.add(lot)
    session.flush()
    session.add(LedgerEntry(
        applicant_id=applicant_id, grant_id=grant.id, lot_id=lot.id,
        kind=LedgerKind.REACTIVATION if previous else LedgerKind.GRANT,
        points=grant.points, on_date=issued_on, officer_id=officer_id,
    ))
    if previous is not None:
        previous.status = GrantStatus.REACTIVATED
    session.flush()
    return grant


@dataclass(frozen=True)
class LotBalance(JsonResult):
    lot_id: int
    grant_id: int
    source: str
    valid_until: date
    balance: int


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def lot_balances(session: Session, applicant_id: int, *, statuses: tuple[GrantStatus, ...] | None = None
                 ) -> list[LotBalance]:
    """Every lot of the applicant's grants (optionally only grants in ``statuses``) with its balance."""
    q = (
        sa.select(PointLot.id, PointLot.grant_id, PointLot.source, PointLot.valid_until,
                  sa.func.coalesce(sa.func.sum(LedgerEntry.points), 0))
        .join(Grant, Grant.id == PointLot.grant_id)
        .outerjoin(LedgerEntry, LedgerEntry.lot_id == PointLot.id)
        .where(Grant.applicant_id == applicant_id)
        .group_by(PointLot.id, PointLot.grant_id, PointLot.source, PointLot.valid_until)
        .order_by(PointLot.valid_until, PointLot.id)
    )
    if statuses is not None:
        q = q.where(Grant.status.in_(statuses))
    return [LotBalance(int(i), int(g), LotSource(s).value, v, int(b)) for i, g, s, v, b in session.execute(q)]


def _has_use(session: Session, grant: Grant, excluding_order_id: int | None = None) -> bool:
    """Was an order with points submitted on or before the lapse date and not voided? (§6)"""
    q = (
        sa.select(LedgerEntry.id)
        .join(Order, Order.id == LedgerEntry.order_id)
        .where(LedgerEntry.grant_id == grant.id, LedgerEntry.kind == LedgerKind.ORDER_HOLD,
               LedgerEntry.on_date <= grant.lapse_on, Order.points > 0, Order.status.not_in(VOID_ORDER_STATES))
        .limit(1)
    )
    if excluding_order_id is not None:
        q = q.where(Order.id != excluding_order_id)
    return session.scalar(q) is not None


def _lapse_due(session: Session, grant: Grant, on: date) -> bool:
    return grant.status is GrantStatus.ACTIVE and on > grant.lapse_on and not _has_use(session, grant)


def _usable_lots(session: Session, applicant_id: int, on: date) -> list[ppoints.Lot]:
    grants = {g.id: g for g in session.scalars(sa.select(Grant).where(
        Grant.applicant_id == applicant_id, Grant.status == GrantStatus.ACTIVE))}
    lapsing = {gid for gid, g in grants.items() if _lapse_due(session, g, on)}
    return [
        ppoints.Lot(lb.lot_id, lb.balance, lb.valid_until)
        for lb in lot_balances(session, applicant_id, statuses=(GrantStatus.ACTIVE,))
        if lb.grant_id not in lapsing
    ]


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def balance(session: Session, applicant_id: int, on: date) -> int:
    """Points the applicant can use on ``on``: lots valid that day, of grants neither lapsed nor
    due to lapse (even if the sweep has not booked it yet)."""
    return ppoints.usable_balance(_usable_lots(session, applicant_id, on), on)


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def ledger_total(session: Session, applicant_id: int) -> int:
    """The plain sum of the applicant's ledger entries (equals the sum of lot balances)."""
    total = session.scalar(sa.select(sa.func.coalesce(sa.func.sum(LedgerEntry.points), 0))
                           .where(LedgerEntry.applicant_id == applicant_id))
    return int(total or 0)


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def hold_order_points(session: Session, order: Order, on: date) -> None:
    """Take ``order.points`` from the applicant's lots valid on ``on``, earliest expiry first, one
    ``order_hold`` entry per lot (RULES §6 [decision]). Raises ``InsufficientPoints``."""
    if order.points <= 0:
        return
    already = session.scalar(sa.select(LedgerEntry.id).where(
        LedgerEntry.order_id == order.id, LedgerEntry.kind == LedgerKind.ORDER_HOLD).limit(1))
    if already is not None:
        raise LedgerError(f"order {order.id} already holds its points")
    lots = _usable_lots(session, order.applicant_id, on)
    allocation = ppoints.allocate(lots, order.points, on)
    grant_of = {lot_id: gid for lot_id, gid in session.execute(
        sa.select(PointLot.id, PointLot.grant_id).where(PointLot.id.in_([int(i) for i, _ in allocation])))}
    for lot_id, amount in allocation:
        session.add(LedgerEntry(applicant_id=order.applicant_id, grant_id=grant_of[int(lot_id)],
                                lot_id=int(lot_id), kind=LedgerKind.ORDER_HOLD, points=-amount, on_date=on,
                                order_id=order.id))
    if order.grant_id is None and allocation:
        order.grant_id = grant_of[int(allocation[0][0])]
    session.flush()


# --- Set-based versions for bulk callers (the feed importer) ------------------------------------
# Same rows as one call per record, written with one statement per table (executemany).

_CHUNK = 900  # ids per IN (...) list


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    return (ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK))


def _table(model: type) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True)
class GrantRequest:
    applicant_id: int
    application_id: int | None
    issued_on: date
    officer_id: int | None = None


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def issue_grants(session: Session, requests: Sequence[GrantRequest]) -> list[int | None]:
    """``issue_grant`` for many new grants (no reactivations) at once; returns the grant ids in
    request order, None where the budget could not cover the grant.

    The budget is reserved for the whole batch with one conditional UPDATE per budget (the same
    never-over-commit guarantee); if the batch does not fit, the grants of that budget are issued
    one by one, each in a savepoint, so exactly the ones that fit succeed (first come, first
    served). Raises ``LedgerError`` (nothing written) if an applicant already has a live grant."""
    if not requests:
        return []
    applicant_ids = [r.applicant_id for r in requests]
    if len(set(applicant_ids)) != len(applicant_ids):
        raise LedgerError("two grants for one applicant (須知八(一))")
    for chunk in _chunks(applicant_ids):
        if session.scalar(sa.select(Grant.id).where(
                Grant.applicant_id.in_(chunk), Grant.status.in_((GrantStatus.ACTIVE, GrantStatus.EXHAUSTED)))
                .limit(1)) is not None:
            raise LedgerError("the applicant already has an active grant (須知八(一))")
    app_ids = [r.application_id for r in requests if r.application_id is not None]
    programme_of: dict[int, int] = {}
    for chunk in _chunks(app_ids):
        programme_of.update((int(a), int(p)) for a, p in session.execute(
            sa.select(Application.id, Application.programme_id).where(Application.id.in_(chunk))) if p is not None)
    params_of: dict[int, Callable[[date], ProgrammeParams]] = {}
    budgets: dict[int, int] = {}
    groups: dict[int, list[tuple[int, GrantRequest, int, ProgrammeParams]]] = {}
    for i, r in enumerate(requests):
        pid = programme_of.get(r.application_id) if r.application_id is not None else None
        if pid is None:
            pid = _programme_id(session, None, None)
        if pid not in budgets:
            budgets[pid] = _budget(session, pid).id
            params_of[pid] = _params_lookup(session, pid)
        params = params_of[pid](r.issued_on)
        groups.setdefault(budgets[pid], []).append((i, r, pid, params))
    out: list[int | None] = [None] * len(requests)
    for budget_id, items in groups.items():
        total = sum(p.grant_points for _, _, _, p in items)
        fits = session.execute(
            sa.update(Budget).where(Budget.id == budget_id, Budget.total - Budget.committed >= total)
            .values(committed=Budget.committed + total).execution_options(synchronize_session=False))
        if fits.rowcount != 1:  # type: ignore[attr-defined]
            for i, r, _, _ in items:
                try:
                    with session.begin_nested():
                        out[i] = issue_grant(session, applicant_id=r.applicant_id, application_id=r.application_id,
                                             issued_on=r.issued_on, officer_id=r.officer_id).id
                except BudgetExhausted:
                    out[i] = None
            continue
        grant_ids = session.execute(sa.insert(_table(Grant)).returning(
            _table(Grant).c.id, sort_by_parameter_order=True), [
            {"programme_id": pid, "applicant_id": r.applicant_id, "application_id": r.application_id,
             "issued_on": r.issued_on, "points": p.grant_points, "status": GrantStatus.ACTIVE,
             "lapse_on": ppoints.lapse_date(r.issued_on, p), "valid_until": ppoints.grant_valid_until(r.issued_on, p),
             "reactivation_of_id": None, "approved_by_id": r.officer_id, "budget_released": False}
            for _, r, pid, p in items]).scalars().all()
        session.execute(sa.insert(_table(BudgetMovement)), [
            {"budget_id": budget_id, "kind": BudgetMovementKind.RESERVE, "points": p.grant_points, "grant_id": gid,
             "officer_id": r.officer_id, "note": "grant"} for gid, (_, r, _, p) in zip(grant_ids, items, strict=True)])
        lot_ids = session.execute(sa.insert(_table(PointLot)).returning(
            _table(PointLot).c.id, sort_by_parameter_order=True), [
            {"grant_id": gid, "source": LotSource.GRANT, "created_on": r.issued_on,
             "valid_until": ppoints.grant_valid_until(r.issued_on, p), "points": p.grant_points}
            for gid, (_, r, _, p) in zip(grant_ids, items, strict=True)]).scalars().all()
        session.execute(sa.insert(_table(LedgerEntry)), [
            {"applicant_id": r.applicant_id, "grant_id": gid, "lot_id": lid, "kind": LedgerKind.GRANT,
             "points": p.grant_points, "on_date": r.issued_on, "officer_id": r.officer_id, "order_id": None,
             "refund_case_id": None, "note": None}
            for gid, lid, (_, r, _, p) in zip(grant_ids, lot_ids, items, strict=True)])
        for gid, (i, _, _, _) in zip(grant_ids, items, strict=True):
            out[i] = int(gid)
    return out


@dataclass(frozen=True)
class HoldRequest:
    order_id: int
    applicant_id: int
    points: int
    on: date


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def hold_orders(session: Session, requests: Sequence[HoldRequest]) -> None:
    """``hold_order_points`` for many orders, in request order (a later order of the same applicant
    sees the lots after the earlier ones): lot balances, grants and their use are loaded once,
    the allocation is ``points.allocate`` per order, the entries one executemany. Validates every
    order before writing anything (raises ``LedgerError`` / ``InsufficientPoints``)."""
    reqs = [r for r in requests if r.points > 0]
    if not reqs:
        return
    order_ids = [r.order_id for r in reqs]
    if len(set(order_ids)) != len(order_ids):
        raise LedgerError("an order appears twice in one batch of holds")
    orders: dict[int, tuple[int | None, OrderStatus]] = {}
    for chunk in _chunks(order_ids):
        if (dup := session.scalar(sa.select(LedgerEntry.order_id).where(
                LedgerEntry.order_id.in_(chunk), LedgerEntry.kind == LedgerKind.ORDER_HOLD).limit(1))) is not None:
            raise LedgerError(f"order {dup} already holds its points")
        orders.update((int(i), (g, OrderStatus(st))) for i, g, st in session.execute(
            sa.select(Order.id, Order.grant_id, Order.status).where(Order.id.in_(chunk))))
    applicants = sorted({r.applicant_id for r in reqs})
    lapse_on: dict[int, date] = {}
    grants_of: dict[int, list[int]] = {}
    for chunk in _chunks(applicants):
        for gid, aid, lapse in session.execute(sa.select(Grant.id, Grant.applicant_id, Grant.lapse_on).where(
                Grant.applicant_id.in_(chunk), Grant.status == GrantStatus.ACTIVE)):
            lapse_on[int(gid)] = lapse
            grants_of.setdefault(int(aid), []).append(int(gid))
    grant_ids = sorted(lapse_on)
    used: set[int] = set()  # grants with a qualifying use (see _has_use)
    lots: dict[int, list[list[object]]] = {}  # applicant -> [lot_id, grant_id, valid_until, balance]
    for chunk in _chunks(grant_ids):
        used.update(int(g) for g in session.scalars(
            sa.select(LedgerEntry.grant_id).distinct().join(Order, Order.id == LedgerEntry.order_id)
            .join(Grant, Grant.id == LedgerEntry.grant_id)
            .where(LedgerEntry.grant_id.in_(chunk), LedgerEntry.kind == LedgerKind.ORDER_HOLD,
                   LedgerEntry.on_date <= Grant.lapse_on, Order.points > 0, Order.status.not_in(VOID_ORDER_STATES))))
        for lid, gid, aid, until, bal in session.execute(
                sa.select(PointLot.id, PointLot.grant_id, Grant.applicant_id, PointLot.valid_until,
                          sa.func.coalesce(sa.func.sum(LedgerEntry.points), 0))
                .join(Grant, Grant.id == PointLot.grant_id).outerjoin(LedgerEntry, LedgerEntry.lot_id == PointLot.id)
                .where(PointLot.grant_id.in_(chunk))
                .group_by(PointLot.id, PointLot.grant_id, Grant.applicant_id, PointLot.valid_until)):
            lots.setdefault(int(aid), []).append([int(lid), int(gid), until, int(bal)])
    for rows in lots.values():
        rows.sort(key=lambda x: (x[2], x[0]))  # as lot_balances: valid_until, id
    entries: list[dict[str, object]] = []
    set_grant: list[dict[str, int]] = []
    for r in reqs:
        mine = lots.get(r.applicant_id, [])
        lapsing = {g for g in grants_of.get(r.applicant_id, ()) if r.on > lapse_on[g] and g not in used}
        usable = [x for x in mine if x[1] not in lapsing]
        allocation = ppoints.allocate([ppoints.Lot(x[0], x[3], x[2]) for x in usable], r.points, r.on)  # type: ignore[arg-type]
        by_lot = {x[0]: x for x in usable}
        grant_id, status = orders[r.order_id]
        for lot_id, amount in allocation:
            lot = by_lot[lot_id]
            lot[3] = int(lot[3]) - amount  # type: ignore[call-overload]
            gid = int(lot[1])  # type: ignore[call-overload]
            entries.append({"applicant_id": r.applicant_id, "grant_id": gid, "lot_id": lot_id,
                            "kind": LedgerKind.ORDER_HOLD, "points": -amount, "on_date": r.on, "order_id": r.order_id,
                            "refund_case_id": None, "officer_id": None, "note": None})
            if r.on <= lapse_on[gid] and status not in VOID_ORDER_STATES:
                used.add(gid)
        if grant_id is None and allocation:
            set_grant.append({"oid": r.order_id, "gid": int(by_lot[allocation[0][0]][1])})  # type: ignore[call-overload]
    session.execute(sa.insert(_table(LedgerEntry)), entries)
    if set_grant:
        t = _table(Order)
        session.execute(sa.update(t).where(t.c.id == sa.bindparam("oid")).values(grant_id=sa.bindparam("gid")),
                        set_grant)


@dataclass(frozen=True)
class ReleaseRequest:
    order_id: int
    on: date


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def release_orders(session: Session, requests: Sequence[ReleaseRequest]) -> None:
    """``release_order_points`` for many orders of different applicants. The plain case (every
    lot still valid, grant active, not past its lapse date) is one executemany of
    ``order_release`` entries; any other order goes through ``release_order_points``."""
    order_ids = [r.order_id for r in requests]
    if len(set(order_ids)) != len(order_ids):
        raise LedgerError("an order appears twice in one batch of releases")
    held: dict[int, list[tuple[int, int, int, int, date, GrantStatus, date]]] = {}
    for chunk in _chunks(order_ids):
        for oid, aid, lot_id, gid, total, until, status, lapse in session.execute(
                sa.select(sa.func.coalesce(LedgerEntry.order_id, 0), LedgerEntry.applicant_id, PointLot.id,
                          LedgerEntry.grant_id, sa.func.sum(LedgerEntry.points), PointLot.valid_until, Grant.status,
                          Grant.lapse_on)
                .join(PointLot, PointLot.id == LedgerEntry.lot_id).join(Grant, Grant.id == LedgerEntry.grant_id)
                .where(LedgerEntry.order_id.in_(chunk),
                       LedgerEntry.kind.in_((LedgerKind.ORDER_HOLD, LedgerKind.ORDER_RELEASE)))
                .group_by(LedgerEntry.order_id, LedgerEntry.applicant_id, PointLot.id, LedgerEntry.grant_id,
                          PointLot.valid_until, Grant.status, Grant.lapse_on)
                .order_by(LedgerEntry.order_id, PointLot.id, LedgerEntry.grant_id)):
            held.setdefault(int(oid), []).append(
                (int(aid), int(lot_id), int(gid), -int(total), until, GrantStatus(status), lapse))
    entries: list[dict[str, object]] = []
    others: list[ReleaseRequest] = []
    for r in requests:
        rows = [x for x in held.get(r.order_id, []) if x[3] > 0]
        if not rows:
            continue
        if all(until >= r.on and status is GrantStatus.ACTIVE and r.on <= lapse
               for _, _, _, _, until, status, lapse in rows):
            entries.extend({"applicant_id": aid, "grant_id": gid, "lot_id": lot_id, "kind": LedgerKind.ORDER_RELEASE,
                            "points": amount, "on_date": r.on, "order_id": r.order_id, "refund_case_id": None,
                            "officer_id": None, "note": None} for aid, lot_id, gid, amount, _, _, _ in rows)
        else:
            others.append(r)
    if entries:
        session.execute(sa.insert(_table(LedgerEntry)), entries)
    for r in others:
        order = session.get(Order, r.order_id)
        assert order is not None
        release_order_points(session, order, r.on)


def _recover_now(session: Session, grant: Grant, lot_id: int | None, amount: int, on: date,
                 kind: LedgerKind, note: str, order_id: int | None = None,
                 refund_case_id: int | None = None) -> None:
    """Take ``amount`` points back to the programme at once and release that much budget."""
    if amount <= 0:
        return
    session.add(LedgerEntry(applicant_id=grant.applicant_id, grant_id=grant.id, lot_id=lot_id, kind=kind,
                            points=-amount, on_date=on, order_id=order_id, refund_case_id=refund_case_id,
                            note=note))
    budget_rows.release(session, _budget(session, grant.programme_id).id, amount, grant_id=grant.id,
                        note=note)


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def release_order_points(session: Session, order: Order, on: date) -> None:
    """A rejected or cancelled order gives its points back to the lots they came from
    (``order_release``). Points of a lot that has expired meanwhile are recovered at once; if that
    leaves the grant unused after its lapse date, the grant lapses now (RULES §6 [decision])."""
    held = session.execute(
        sa.select(LedgerEntry.lot_id, LedgerEntry.grant_id, sa.func.sum(LedgerEntry.points))
        .where(LedgerEntry.order_id == order.id,
               LedgerEntry.kind.in_((LedgerKind.ORDER_HOLD, LedgerKind.ORDER_RELEASE)))
        .group_by(LedgerEntry.lot_id, LedgerEntry.grant_id)
    ).all()
    outstanding = [(int(lot_id), int(gid), -int(s)) for lot_id, gid, s in held if lot_id is not None and s < 0]
    if not outstanding:
        return
    lots = {lot.id: lot for lot in session.scalars(
        sa.select(PointLot).where(PointLot.id.in_([lot_id for lot_id, _, _ in outstanding])))}
    policy_lots = [ppoints.Lot(lot_id, 0, lots[lot_id].valid_until) for lot_id, _, _ in outstanding]
    decision = ppoints.release(policy_lots, [(lot_id, amt) for lot_id, _, amt in outstanding], on)
    recovered = dict(decision.recovered)
    grants: dict[int, Grant] = {}
    for lot_id, gid, amount in outstanding:
        grant = grants.get(gid) or session.get(Grant, gid)
        assert grant is not None
        grants[gid] = grant
        session.add(LedgerEntry(applicant_id=order.applicant_id, grant_id=gid, lot_id=lot_id,
                                kind=LedgerKind.ORDER_RELEASE, points=amount, on_date=on, order_id=order.id))
        if lot_id in recovered or grant.status in (GrantStatus.LAPSED, GrantStatus.EXPIRED,
                                                   GrantStatus.REVOKED, GrantStatus.REACTIVATED):
            _recover_now(session, grant, lot_id, amount, on, LedgerKind.EXPIRY_RECOVERY,
                         "released after expiry", order_id=order.id)
    session.flush()
    for grant in grants.values():
        if grant.status is GrantStatus.ACTIVE and on > grant.lapse_on and not _has_use(
                session, grant, excluding_order_id=order.id):
            _lapse_now(session, grant, on)


def _lapse_now(session: Session, grant: Grant, on: date) -> None:
    """Lapse one grant on ``on`` (its last qualifying order was voided after the lapse date)."""
    rows = session.execute(
        sa.select(LedgerEntry.lot_id, sa.func.sum(LedgerEntry.points))
        .where(LedgerEntry.grant_id == grant.id, LedgerEntry.lot_id.is_not(None))
        .group_by(LedgerEntry.lot_id)
    ).all()
    for lot_id, s in rows:
        if s and s > 0:
            session.add(LedgerEntry(applicant_id=grant.applicant_id, grant_id=grant.id, lot_id=lot_id,
                                    kind=LedgerKind.LAPSE, points=-int(s), on_date=on, note="lapsed"))
    grant.status = GrantStatus.LAPSED
    if not grant.budget_released:
        # The whole reservation goes back, as in the sweep (RULES §6: all points return).
        budget_rows.release(session, _budget(session, grant.programme_id).id, grant.points,
                            grant_id=grant.id, note="lapse")
        grant.budget_released = True
    session.flush()


@dataclass(frozen=True)
class ReturnOutcome(JsonResult):
    """What a refund did to the points (RULES §8, 須知七(七)(八))."""

    points: int
    returned: bool  # False: forfeited (or nothing to return)
    forfeited: bool
    lot_id: int | None
    valid_until: date | None
    provisional: bool
    clauses: tuple[str, ...]


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def return_refund_points(
    session: Session, refund_case: RefundCase, returned_on: date, calendar: OfficeCalendar
) -> ReturnOutcome:
    """Post the points refund of an approved case on R = ``returned_on``: a new lot valid through
    ``returned_points_validity`` (``refund_return``), or, after the subsidy deadline / budget
    exhaustion, a forfeit (``refund_return`` + ``forfeit``, no lot, budget released).
    Sets the case's ``returned_on``, ``return_lot_id`` and ``forfeited``."""
    if refund_case.returned_on is not None:
        raise LedgerError(f"refund case {refund_case.id} was already posted on {refund_case.returned_on}")
    amount = refund_case.points_refund
    order = session.scalar(sa.select(Order).join(Termination, Termination.order_id == Order.id)
                           .where(Termination.id == refund_case.termination_id))
    if order is None:
        raise LedgerError(f"refund case {refund_case.id} has no order")
    refund_case.returned_on = returned_on
    if amount <= 0:
        session.flush()
        return ReturnOutcome(0, False, False, None, None, False, ())
    grant_id = order.grant_id or session.scalar(sa.select(LedgerEntry.grant_id).where(
        LedgerEntry.order_id == order.id, LedgerEntry.kind == LedgerKind.ORDER_HOLD).limit(1))
    grant = session.get(Grant, grant_id) if grant_id is not None else None
    if grant is None:
        raise LedgerError(f"order {order.id} used no granted points")
    programme = session.get(Programme, grant.programme_id)
    assert programme is not None
    params = programme_params(session, grant.programme_id, returned_on)
    answer = ppoints.returned_points_validity(
        grant.issued_on, returned_on, params.subsidy_deadline, programme.budget_exhausted_on, calendar, params)
    if not answer.returned:
        # The points come back and go straight to the programme, not to the applicant (須知七(八)):
        # both movements are booked so the ledger shows the forfeited amount.
        session.add(LedgerEntry(applicant_id=grant.applicant_id, grant_id=grant.id, lot_id=None,
                                kind=LedgerKind.REFUND_RETURN, points=amount, on_date=returned_on,
                                refund_case_id=refund_case.id, note="returned then forfeited"))
        _recover_now(session, grant, None, amount, returned_on, LedgerKind.FORFEIT, "forfeited",
                     refund_case_id=refund_case.id)
        refund_case.forfeited = True
        session.flush()
        return ReturnOutcome(amount, False, True, None, None, answer.provisional, answer.clauses)
    assert answer.valid_until is not None
    lot = PointLot(grant_id=grant.id, source=LotSource.RETURN, created_on=returned_on,
                   valid_until=answer.valid_until, points=amount)
    session.add(lot)
    session.flush()
    session.add(LedgerEntry(applicant_id=grant.applicant_id, grant_id=grant.id, lot_id=lot.id,
                            kind=LedgerKind.REFUND_RETURN, points=amount, on_date=returned_on,
                            refund_case_id=refund_case.id))
    refund_case.return_lot_id = lot.id
    if grant.status is GrantStatus.EXPIRED:
        grant.status = GrantStatus.ACTIVE  # a new valid lot: usable again until it expires
    session.flush()
    return ReturnOutcome(amount, True, False, lot.id, answer.valid_until, answer.provisional, answer.clauses)
