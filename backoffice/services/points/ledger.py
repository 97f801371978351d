"""The points ledger (點數帳): grants, order holds and releases, returned points, balances.

This module (with its set-based twins in ``ledger_batch``, re-exported here, and the sweep in
``backoffice.services.points.sweep``) is the ONLY code that writes ``LedgerEntry``, ``PointLot`` and ``BudgetMovement`` rows or changes ``Budget.committed``
and ``Grant.status``. Every function takes the caller's SQLAlchemy session (inside a unit of
work) and never commits: the caller does, so the ledger and the business record that caused it
commit together. The rules come from ``backoffice.policy.points``; this module only books them.

Invariants (RULES §6): the ledger is append-only; a lot's balance is the sum of its entries and
never goes negative; ``Budget.committed`` = reservations - releases, and can never exceed the
total (one conditional UPDATE, see ``backoffice.db.budget``). The database holds two of them
itself (migration 0005): one live grant per applicant, lot balances >= 0; a refusal becomes
``DuplicateGrant`` / ``LotOverdrawn``. Every path that spends, releases or returns points takes
``locks.programme_write_lock`` before reading balances (docs/reliability.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import budget as budget_rows
from backoffice.db.enums import BudgetMovementKind, GrantStatus, LedgerKind, LotSource
from backoffice.db.models import (
    BudgetMovement,
    Grant,
    LedgerEntry,
    Order,
    PointLot,
    Programme,
    RefundCase,
    Termination,
)
from backoffice.policy import points as ppoints
from backoffice.policy.calendar import OfficeCalendar
from backoffice.policy.points import InsufficientPoints
from backoffice.policy.results import JsonResult
from backoffice.services.authz import query_helper
from backoffice.services.points.basics import (
    VOID_ORDER_STATES,
    BudgetExhausted,
    DuplicateGrant,
    LedgerError,
    LotOverdrawn,
    ParameterRow,
    budget_of,
    grant_programme_id,
    ledger_error_from,
    params_from_rows,
    programme_params,
    refused_as_ledger_error,
)
from backoffice.services.points.locks import programme_write_lock, programmes_write_lock

__all__ = [
    "VOID_ORDER_STATES",
    "BudgetExhausted",
    "DuplicateGrant",
    "GrantRequest",
    "HoldRequest",
    "InsufficientPoints",
    "LedgerError",
    "LotBalance",
    "LotOverdrawn",
    "ParameterRow",
    "ReleaseRequest",
    "ReturnOutcome",
    "balance",
    "hold_order_points",
    "hold_orders",
    "grant_programme_id",
    "issue_grant",
    "issue_grants",
    "ledger_error_from",
    "ledger_total",
    "lot_balances",
    "params_from_rows",
    "programme_params",
    "programme_write_lock",
    "programmes_write_lock",
    "release_order_points",
    "release_orders",
    "return_refund_points",
]

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
            raise DuplicateGrant(applicant_id)
    programme_id = grant_programme_id(session, application_id, previous)
    params = programme_params(session, programme_id, issued_on)
    b = budget_of(session, programme_id)
    # The budget first, then the grant: the order the feed import's batch takes them too, so an
    # approval and an import granting the same applicant wait for each other instead of deadlocking.
    if not budget_rows.try_reserve(session, b.id, params.grant_points, record=False):
        raise BudgetExhausted(params.grant_points, budget_rows.remaining(session, b.id))
    grant = Grant(
        programme_id=programme_id, applicant_id=applicant_id, application_id=application_id,
        issued_on=issued_on, points=params.grant_points, status=GrantStatus.ACTIVE,
        lapse_on=ppoints.lapse_date(issued_on, params),
        valid_until=ppoints.grant_valid_until(issued_on, params),
        reactivation_of_id=previous.id if previous else None, approved_by_id=officer_id,
    )
    session.add(grant)
    with refused_as_ledger_error(applicant_id):  # the one-live-grant index, under a race
        session.flush()
    session.add(BudgetMovement(budget_id=b.id, kind=BudgetMovementKind.RESERVE, points=grant.points,
                               grant_id=grant.id, officer_id=officer_id,
                               note="reactivation" if previous else "grant"))
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
    programmes_write_lock(session, session.scalars(
        sa.select(Grant.programme_id).where(Grant.applicant_id == order.applicant_id).distinct()))
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
    with refused_as_ledger_error(order.applicant_id):  # the lot balance CHECK
        session.flush()


def _recover_now(session: Session, grant: Grant, lot_id: int | None, amount: int, on: date,
                 kind: LedgerKind, note: str, order_id: int | None = None,
                 refund_case_id: int | None = None) -> None:
    """Take ``amount`` points back to the programme at once and release that much budget."""
    if amount <= 0:
        return
    session.add(LedgerEntry(applicant_id=grant.applicant_id, grant_id=grant.id, lot_id=lot_id, kind=kind,
                            points=-amount, on_date=on, order_id=order_id, refund_case_id=refund_case_id,
                            note=note))
    budget_rows.release(session, budget_of(session, grant.programme_id).id, amount, grant_id=grant.id,
                        note=note)


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def release_order_points(session: Session, order: Order, on: date) -> None:
    """A rejected or cancelled order gives its points back to the lots they came from
    (``order_release``). Points of a lot that has expired meanwhile are recovered at once; if that
    leaves the grant unused after its lapse date, the grant lapses now (RULES §6 [decision])."""
    programmes_write_lock(session, session.scalars(
        sa.select(Grant.programme_id).join(LedgerEntry, LedgerEntry.grant_id == Grant.id)
        .where(LedgerEntry.order_id == order.id).distinct()))
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
        budget_rows.release(session, budget_of(session, grant.programme_id).id, grant.points,
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
    programme_id = session.scalar(sa.select(Grant.programme_id).where(Grant.id == grant_id))
    if grant_id is None or programme_id is None:
        raise LedgerError(f"order {order.id} used no granted points")
    programme_write_lock(session, programme_id)  # then read the grant's status afresh
    grant = session.get(Grant, grant_id, populate_existing=True)
    assert grant is not None
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


# The set-based twins live in their own module; imported last because they call back into this one.
from backoffice.services.points.ledger_batch import (  # noqa: E402
    GrantRequest,
    HoldRequest,
    ReleaseRequest,
    hold_orders,
    issue_grants,
    release_orders,
)
