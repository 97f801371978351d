"""Set-based twins of the ledger's grant, hold and release for bulk callers (the feed importer).

Same rows as one ``ledger`` call per record, written with one statement per table (executemany).
Moved out of ``ledger.py``, which re-exports these names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db.enums import BudgetMovementKind, GrantStatus, LedgerKind, LotSource, OrderStatus
from backoffice.db.models import Application, Budget, BudgetMovement, Grant, LedgerEntry, Order, PointLot
from backoffice.policy import points as ppoints
from backoffice.policy.params import ProgrammeParams
from backoffice.services.authz import query_helper
from backoffice.services.points.basics import (
    VOID_ORDER_STATES,
    BudgetExhausted,
    DuplicateGrant,
    LedgerError,
    budget_of,
    grant_programme_id,
    params_lookup,
    refused_as_ledger_error,
)
from backoffice.services.points.locks import programmes_write_lock

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


@query_helper("a ledger step called with its session by the feed import")
def issue_grants(session: Session, requests: Sequence[GrantRequest]) -> list[int | None]:
    """``issue_grant`` for many new grants (no reactivations) at once; returns the grant ids in
    request order, None where the budget could not cover the grant.

    The budget is reserved for the whole batch with one conditional UPDATE per budget (the same
    never-over-commit guarantee); if the batch does not fit, the grants of that budget are issued
    one by one, each in a savepoint, so exactly the ones that fit succeed (first come, first
    served). Raises ``LedgerError`` (nothing written) if an applicant already has a live grant."""
    if not requests:
        return []
    from backoffice.services.points.ledger import issue_grant  # the module re-exports this one

    applicant_ids = [r.applicant_id for r in requests]
    if len(set(applicant_ids)) != len(applicant_ids):
        raise DuplicateGrant(next(a for a in applicant_ids if applicant_ids.count(a) > 1))
    for chunk in _chunks(applicant_ids):
        if (live := session.scalar(sa.select(Grant.applicant_id).where(
                Grant.applicant_id.in_(chunk), Grant.status.in_((GrantStatus.ACTIVE, GrantStatus.EXHAUSTED)))
                .limit(1))) is not None:
            raise DuplicateGrant(int(live))
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
            pid = grant_programme_id(session, None, None)
        if pid not in budgets:
            budgets[pid] = budget_of(session, pid).id
            params_of[pid] = params_lookup(session, pid)
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
        with refused_as_ledger_error():  # the one-live-grant index, under a race
            grant_ids = _insert_grants(session, items)
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


def _insert_grants(session: Session, items: Sequence[tuple[int, GrantRequest, int, ProgrammeParams]]) -> list[int]:
    """The batch's grant rows, one executemany; their ids in request order."""
    return list(session.execute(sa.insert(_table(Grant)).returning(
        _table(Grant).c.id, sort_by_parameter_order=True), [
        {"programme_id": pid, "applicant_id": r.applicant_id, "application_id": r.application_id,
         "issued_on": r.issued_on, "points": p.grant_points, "status": GrantStatus.ACTIVE,
         "lapse_on": ppoints.lapse_date(r.issued_on, p), "valid_until": ppoints.grant_valid_until(r.issued_on, p),
         "reactivation_of_id": None, "approved_by_id": r.officer_id, "budget_released": False}
        for _, r, pid, p in items]).scalars().all())


@dataclass(frozen=True)
class HoldRequest:
    order_id: int
    applicant_id: int
    points: int
    on: date


@query_helper("a ledger step called with its session by the feed import")
def hold_orders(session: Session, requests: Sequence[HoldRequest]) -> None:
    """``hold_order_points`` for many orders, in request order (a later order of the same applicant
    sees the lots after the earlier ones): lot balances, grants and their use are loaded once,
    the allocation is ``points.allocate`` per order, the entries one executemany. Validates every
    order before writing anything (raises ``LedgerError`` / ``InsufficientPoints``)."""
    reqs = [r for r in requests if r.points > 0]
    if not reqs:
        return
    programmes_write_lock(session)  # before reading any balance (the sweep takes it too)
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


@query_helper("a ledger step called with its session by the feed import")
def release_orders(session: Session, requests: Sequence[ReleaseRequest]) -> None:
    """``release_order_points`` for many orders of different applicants. The plain case (every
    lot still valid, grant active, not past its lapse date) is one executemany of
    ``order_release`` entries; any other order goes through ``release_order_points``."""
    from backoffice.services.points.ledger import release_order_points  # the module re-exports this one

    order_ids = [r.order_id for r in requests]
    if len(set(order_ids)) != len(order_ids):
        raise LedgerError("an order appears twice in one batch of releases")
    if order_ids:
        programmes_write_lock(session)
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
