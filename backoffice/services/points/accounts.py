"""Points accounts (點數帳戶) for the officer's screen: who holds points, how many, until when, and why.

Read-only: this module never writes. The ledger (``backoffice.services.points.ledger``) books every
movement; the rules that date and explain the figures come from ``backoffice.policy.points``.
Every figure handed to a view carries the clauses (條文出處) it rests on.

- ``list_accounts``: one row per applicant holding a grant (their latest grant), paged in SQL,
  searchable by UBN or name, filterable by stored grant status.
- ``account_detail``: one applicant: grants with lapse/validity explained, lots with balances,
  ledger entries with a running balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm

from backoffice.db import models as m
from backoffice.db.enums import GrantStatus, LedgerKind, LotSource, OrderStatus
from backoffice.db.session import UnitOfWork
from backoffice.policy import clauses as C
from backoffice.policy import points as ppoints
from backoffice.policy.results import JsonResult
from backoffice.services.authz import pure, query_helper
from backoffice.services.points import ledger
from backoffice.services.points.pending import pending_by_applicant

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500

# Shown status of an account (RULES §6). "active" until the sweep or a spend says otherwise.
ACCOUNT_STATUSES = ("active", "lapsed", "expired", "exhausted", "reactivated", "revoked")

# Where each ledger movement comes from (shown beside the entry).
KIND_CLAUSES: dict[str, tuple[str, ...]] = {
    LedgerKind.GRANT.value: (C.POINT_VALUE, C.VALIDITY),
    LedgerKind.REACTIVATION.value: (C.LAPSE, C.DECISION_LAPSE_PENDING),
    LedgerKind.ORDER_HOLD.value: (C.COPAY_RATIO, C.DECISION_LOTS),
    LedgerKind.ORDER_RELEASE.value: (C.DECISION_LOTS,),
    LedgerKind.LAPSE.value: (C.LAPSE, C.BROCHURE_VALIDITY),
    LedgerKind.EXPIRY_RECOVERY.value: (C.EXPIRY, C.DECISION_EXPIRY_PENDING),
    LedgerKind.REFUND_RETURN.value: (C.RETURN_VALIDITY_ORIGINAL, C.RETURN_VALIDITY_EXTENSION),
    LedgerKind.FORFEIT.value: (C.RETURN_DEADLINE_BUDGET,),
}

# Orders that count as "used" for the lapse rule once the vendor took them (RULES §6).
_VOID = (OrderStatus.REJECTED, OrderStatus.CANCELLED)


@dataclass(frozen=True)
class AccountRow(JsonResult):
    """One applicant's account in the list (figures of the latest grant; balance of all lots)."""

    applicant_id: int
    ubn: str
    name: str
    grant_id: int
    issued_on: date
    granted: int
    balance: int  # usable on ``as_of`` (RULES §6: valid lots of a grant not lapsed)
    ledger_total: int  # plain sum of the ledger (points not yet swept still count here)
    lapse_on: date
    valid_until: date  # latest validity of any lot
    status: str  # one of ACCOUNT_STATUSES
    stored_status: str  # Grant.status as booked (the sweep may not have run yet)
    clauses: tuple[str, ...]
    pending_recovery: int = 0  # of ledger_total: lapsed/expired on as_of, not yet booked by the sweep

    @property
    def points_held(self) -> int:
        """The ledger's sum as of ``as_of`` (what the sweep will leave on the books)."""
        return self.ledger_total - self.pending_recovery


@dataclass(frozen=True)
class AccountPage(JsonResult):
    rows: tuple[AccountRow, ...]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class GrantView(JsonResult):
    grant_id: int
    issued_on: date
    points: int
    status: str
    stored_status: str
    lapse_on: date
    lapse_state: str  # policy.points.LapseState: used / open / held / lapsed
    lapsed_on: date | None
    valid_until: date
    reactivation_of_id: int | None
    lapse_clauses: tuple[str, ...]
    validity_clauses: tuple[str, ...]


@dataclass(frozen=True)
class LotView(JsonResult):
    lot_id: int
    grant_id: int
    source: str  # grant / return
    created_on: date
    valid_until: date
    initial: int
    balance: int
    usable: bool  # valid on as_of and its grant is live
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class EntryView(JsonResult):
    entry_id: int
    on_date: date
    kind: str
    points: int
    running_balance: int
    grant_id: int
    lot_id: int | None
    order_id: int | None
    order_external_id: str | None
    refund_case_id: int | None
    note: str | None
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class AccountDetail(JsonResult):
    applicant_id: int
    ubn: str
    name: str
    applicant_type: str
    as_of: date
    balance: int
    ledger_total: int
    status: str
    grants: tuple[GrantView, ...]
    lots: tuple[LotView, ...]
    entries: tuple[EntryView, ...]
    balance_clauses: tuple[str, ...]
    pending_recovery: int = 0  # of ledger_total: lapsed/expired on as_of, not yet booked by the sweep

    @property
    def points_held(self) -> int:
        """The ledger's sum as of ``as_of`` (what the sweep will leave on the books)."""
        return self.ledger_total - self.pending_recovery


class AccountNotFound(LookupError):
    def __init__(self, applicant_id: int) -> None:
        super().__init__(f"applicant {applicant_id} has no points account")
        self.applicant_id = applicant_id


@pure
def derive_status(stored: GrantStatus | str, *, ledger_total: int, lapse_on: date,
                  valid_until: date, used: bool, as_of: date) -> str:
    """The status to show on ``as_of`` for one grant (``ledger_total`` = the grant's entries): the
    stored one, corrected for what the nightly sweep has not booked yet (a grant past its lapse date without use is lapsed; past every lot's validity,
    expired; nothing left after spending, exhausted)."""
    stored = GrantStatus(stored)
    if stored is not GrantStatus.ACTIVE:
        return stored.value
    if not used and as_of > lapse_on:
        return GrantStatus.LAPSED.value
    if ledger_total > 0 and as_of > valid_until:
        return GrantStatus.EXPIRED.value
    if ledger_total <= 0 and used:
        return GrantStatus.EXHAUSTED.value
    return GrantStatus.ACTIVE.value


def _clean_limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_PAGE_SIZE))


def _search_clause(search: str | None) -> Any:
    text = (search or "").strip()
    if not text:
        return None
    if text.isdigit():
        return m.Applicant.ubn.startswith(text)  # UBN prefix uses the unique index
    like = f"%{text.replace('%', '').replace('_', '')}%"
    return m.Applicant.name.like(like)


@pure
def shown_status_expr(as_of: date) -> Any:
    """SQL twin of ``derive_status`` for one grant row, so the status filter matches the screen."""
    stored = sa.type_coerce(m.Grant.status, sa.String(32))
    le, o = sa.orm.aliased(m.LedgerEntry), sa.orm.aliased(m.Order)
    used = sa.exists().where(le.grant_id == m.Grant.id, le.kind == LedgerKind.ORDER_HOLD,
                             le.on_date <= m.Grant.lapse_on, o.id == le.order_id, o.status.not_in(_VOID))
    total = (sa.select(sa.func.coalesce(sa.func.sum(m.LedgerEntry.points), 0))
             .where(m.LedgerEntry.grant_id == m.Grant.id).scalar_subquery())
    last_valid = (sa.select(sa.func.max(m.PointLot.valid_until))
                  .where(m.PointLot.grant_id == m.Grant.id).scalar_subquery())
    active = GrantStatus.ACTIVE.value
    return sa.case(
        (stored != active, stored),
        (sa.and_(~used, m.Grant.lapse_on < as_of), GrantStatus.LAPSED.value),
        (sa.and_(total > 0, sa.func.coalesce(last_valid, m.Grant.valid_until) < as_of), GrantStatus.EXPIRED.value),
        (sa.and_(total <= 0, used), GrantStatus.EXHAUSTED.value),
        else_=active,
    )


@query_helper("a screen read with no viewer check yet (orders/points desks); totals and business data, no national IDs")
def list_accounts(uow: UnitOfWork, *, as_of: date, search: str | None = None, status: str | None = None,
                  offset: int = 0, limit: int = DEFAULT_PAGE_SIZE, sort: str = "issued_on",
                  descending: bool = True) -> AccountPage:
    """A page of accounts (applicants with a grant), their latest grant's figures.

    ``status`` filters on the status as shown on ``as_of`` (stored status corrected for what the
    sweep has not booked yet, see ``derive_status``); ``sort`` is one of ``issued_on``, ``ubn``,
    ``name``, ``valid_until``, ``lapse_on``. Only the page's rows are read; balances are summed for
    those rows only.
    """
    session = uow.session
    latest = (sa.select(m.Grant.applicant_id, sa.func.max(m.Grant.id).label("grant_id"))
              .group_by(m.Grant.applicant_id).subquery("latest"))
    shown = shown_status_expr(as_of).label("shown_status")
    base = (sa.select(m.Applicant.id, m.Applicant.ubn, m.Applicant.name, m.Grant, shown)
            .join(latest, latest.c.applicant_id == m.Applicant.id)
            .join(m.Grant, m.Grant.id == latest.c.grant_id))
    clause = _search_clause(search)
    if clause is not None:
        base = base.where(clause)
    if status:
        base = base.where(shown_status_expr(as_of) == GrantStatus(status).value)
    total = int(session.scalar(sa.select(sa.func.count()).select_from(base.subquery())) or 0)
    sort_columns = {
        "issued_on": m.Grant.issued_on, "ubn": m.Applicant.ubn, "name": m.Applicant.name,
        "valid_until": m.Grant.valid_until, "lapse_on": m.Grant.lapse_on,
    }
    col = sort_columns.get(sort, m.Grant.issued_on)
    order = [col.desc() if descending else col.asc(), m.Applicant.id.desc() if descending else m.Applicant.id]
    limit = _clean_limit(limit)
    rows = session.execute(base.order_by(*order).offset(max(0, int(offset))).limit(limit)).all()
    ids = [int(r[0]) for r in rows]
    totals = _ledger_totals(session, ids)
    latest_validity = _latest_validity(session, ids)
    usable_by_applicant = _usable_points(session, ids, as_of)
    pending = pending_by_applicant(session, as_of, ids)
    out: list[AccountRow] = []
    for applicant_id, ubn, name, grant, shown_status in rows:
        # Same answer as ledger.balance (valid lots of the live grant; none once it is due to lapse),
        # in one query for the page instead of several per row.
        usable = 0 if shown_status == GrantStatus.LAPSED.value else usable_by_applicant.get(applicant_id, 0)
        until = max(latest_validity.get(applicant_id, grant.valid_until), grant.valid_until)
        out.append(AccountRow(
            applicant_id=int(applicant_id), ubn=ubn, name=name, grant_id=grant.id, issued_on=grant.issued_on,
            granted=grant.points, balance=usable, ledger_total=totals.get(applicant_id, 0),
            lapse_on=grant.lapse_on, valid_until=until, status=str(shown_status),
            stored_status=grant.status.value,
            clauses=(C.VALIDITY, C.LAPSE, C.CIVIL_CODE_120, C.CIVIL_CODE_121, C.DECISION_LOTS),
            pending_recovery=pending.get(applicant_id, 0),
        ))
    return AccountPage(tuple(out), total, max(0, int(offset)), limit)


def _ledger_totals(session: Any, applicant_ids: list[int]) -> dict[int, int]:
    if not applicant_ids:
        return {}
    q = (sa.select(m.LedgerEntry.applicant_id, sa.func.coalesce(sa.func.sum(m.LedgerEntry.points), 0))
         .where(m.LedgerEntry.applicant_id.in_(applicant_ids)).group_by(m.LedgerEntry.applicant_id))
    return {int(a): int(s) for a, s in session.execute(q)}


def _usable_points(session: Any, applicant_ids: list[int], as_of: date) -> dict[int, int]:
    """Points in lots valid on ``as_of`` of each applicant's active grant (one active grant each)."""
    if not applicant_ids:
        return {}
    q = (sa.select(m.Grant.applicant_id, sa.func.coalesce(sa.func.sum(m.LedgerEntry.points), 0))
         .join(m.PointLot, m.PointLot.grant_id == m.Grant.id)
         .join(m.LedgerEntry, m.LedgerEntry.lot_id == m.PointLot.id)
         .where(m.Grant.applicant_id.in_(applicant_ids), m.Grant.status == GrantStatus.ACTIVE,
                m.PointLot.valid_until >= as_of)
         .group_by(m.Grant.applicant_id))
    return {int(a): max(int(s), 0) for a, s in session.execute(q)}


def _latest_validity(session: Any, applicant_ids: list[int]) -> dict[int, date]:
    if not applicant_ids:
        return {}
    q = (sa.select(m.Grant.applicant_id, sa.func.max(m.PointLot.valid_until))
         .join(m.PointLot, m.PointLot.grant_id == m.Grant.id)
         .where(m.Grant.applicant_id.in_(applicant_ids)).group_by(m.Grant.applicant_id))
    return {int(a): v for a, v in session.execute(q) if v is not None}


def _used_grants(session: Any, grant_ids: list[int]) -> set[int]:
    """Grants with an order holding points, submitted by the lapse date and not voided (§6)."""
    if not grant_ids:
        return set()
    q = (sa.select(m.LedgerEntry.grant_id).distinct()
         .join(m.Order, m.Order.id == m.LedgerEntry.order_id)
         .join(m.Grant, m.Grant.id == m.LedgerEntry.grant_id)
         .where(m.LedgerEntry.grant_id.in_(grant_ids), m.LedgerEntry.kind == LedgerKind.ORDER_HOLD,
                m.LedgerEntry.on_date <= m.Grant.lapse_on, m.Order.status.not_in(_VOID)))
    return {int(g) for g in session.scalars(q)}


def _order_uses(session: Any, grant: m.Grant) -> list[ppoints.OrderUse]:
    """The grant's orders as the lapse rule sees them (submission date, points, state)."""
    from backoffice.services.orders.orders_view import taipei_date  # one conversion rule for both screens

    q = (sa.select(m.Order.submitted_at, m.Order.points, m.Order.status, m.Order.closed_at)
         .where(m.Order.grant_id == grant.id))
    uses: list[ppoints.OrderUse] = []
    for submitted_at, points_used, status, closed_at in session.execute(q):
        status = OrderStatus(status)
        if status in _VOID:
            state: ppoints.UseState = "void"
        elif status is OrderStatus.SUBMITTED:
            state = "pending"
        else:
            state = "confirmed"
        uses.append(ppoints.OrderUse(taipei_date(submitted_at), int(points_used), state,
                                     taipei_date(closed_at) if closed_at is not None else None))
    return uses


def _lot_clauses(source: LotSource | str, valid_until: date, grant: m.Grant) -> tuple[str, ...]:
    if LotSource(source) is LotSource.GRANT:
        return (C.VALIDITY, C.BROCHURE_VALIDITY, C.CIVIL_CODE_120, C.CIVIL_CODE_121)
    # A returned lot is valid through the later of the original validity and R + 5 working days.
    if valid_until == ppoints.grant_valid_until(grant.issued_on):
        return (C.RETURN_VALIDITY_ORIGINAL, C.DECISION_RETURN_DATE)
    return (C.RETURN_VALIDITY_EXTENSION, C.WORKING_DAYS, C.RETURN_DEADLINE_BUDGET, C.DECISION_RETURN_DATE)


@query_helper("a screen read with no viewer check yet (orders/points desks); totals and business data, no national IDs")
def account_detail(uow: UnitOfWork, applicant_id: int, *, as_of: date) -> AccountDetail:
    """Everything the account screen shows for one applicant. Raises ``AccountNotFound``."""
    session = uow.session
    applicant = session.get(m.Applicant, applicant_id)
    grants = list(session.scalars(sa.select(m.Grant).where(m.Grant.applicant_id == applicant_id)
                                  .order_by(m.Grant.issued_on, m.Grant.id)))
    if applicant is None or not grants:
        raise AccountNotFound(applicant_id)
    by_id = {g.id: g for g in grants}
    usable = ledger.balance(session, applicant_id, as_of)
    total_points = ledger.ledger_total(session, applicant_id)
    lots_raw = list(session.scalars(sa.select(m.PointLot).where(m.PointLot.grant_id.in_(by_id))
                                    .order_by(m.PointLot.valid_until, m.PointLot.id)))
    balances = {lb.lot_id: lb.balance for lb in ledger.lot_balances(session, applicant_id)}
    used = _used_grants(session, list(by_id))

    grant_views: list[GrantView] = []
    for g in grants:
        lapse = ppoints.lapse_status(g.issued_on, as_of, _order_uses(session, g))
        until = max([lot.valid_until for lot in lots_raw if lot.grant_id == g.id] or [g.valid_until])
        g_total = sum(balances.get(lot.id, 0) for lot in lots_raw if lot.grant_id == g.id)
        grant_views.append(GrantView(
            grant_id=g.id, issued_on=g.issued_on, points=g.points,
            status=derive_status(g.status, ledger_total=g_total, lapse_on=g.lapse_on,
                                 valid_until=until, used=g.id in used, as_of=as_of),
            stored_status=g.status.value, lapse_on=g.lapse_on, lapse_state=lapse.state,
            lapsed_on=lapse.lapsed_on, valid_until=g.valid_until, reactivation_of_id=g.reactivation_of_id,
            lapse_clauses=lapse.clauses,
            validity_clauses=(C.VALIDITY, C.BROCHURE_VALIDITY, C.CIVIL_CODE_120, C.CIVIL_CODE_121),
        ))
    live = {g.grant_id for g in grant_views if g.status == GrantStatus.ACTIVE.value}
    lot_views = tuple(
        LotView(lot_id=lot.id, grant_id=lot.grant_id, source=LotSource(lot.source).value,
                created_on=lot.created_on, valid_until=lot.valid_until, initial=lot.points,
                balance=balances.get(lot.id, 0),
                usable=lot.grant_id in live and lot.valid_until >= as_of and balances.get(lot.id, 0) > 0,
                clauses=_lot_clauses(lot.source, lot.valid_until, by_id[lot.grant_id]))
        for lot in lots_raw
    )
    rows = session.execute(
        sa.select(m.LedgerEntry, m.Order.external_id)
        .outerjoin(m.Order, m.Order.id == m.LedgerEntry.order_id)
        .where(m.LedgerEntry.applicant_id == applicant_id)
        .order_by(m.LedgerEntry.on_date, m.LedgerEntry.id)
    ).all()
    running = 0
    entries: list[EntryView] = []
    for entry, order_ext in rows:
        running += entry.points
        kind = LedgerKind(entry.kind).value
        entries.append(EntryView(
            entry_id=entry.id, on_date=entry.on_date, kind=kind, points=entry.points, running_balance=running,
            grant_id=entry.grant_id, lot_id=entry.lot_id, order_id=entry.order_id, order_external_id=order_ext,
            refund_case_id=entry.refund_case_id, note=entry.note, clauses=KIND_CLAUSES.get(kind, ()),
        ))
    latest = grant_views[-1]
    return AccountDetail(
        applicant_id=applicant.id, ubn=applicant.ubn, name=applicant.name,
        applicant_type=str(getattr(applicant.applicant_type, "value", applicant.applicant_type)),
        as_of=as_of, balance=usable, ledger_total=total_points, status=latest.status,
        grants=tuple(grant_views), lots=lot_views, entries=tuple(entries),
        balance_clauses=(C.POINT_VALUE, C.VALIDITY, C.LAPSE, C.DECISION_LOTS),
        pending_recovery=pending_by_applicant(session, as_of, [applicant_id]).get(applicant_id, 0),
    )
