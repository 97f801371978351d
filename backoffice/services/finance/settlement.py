"""Claim checking (請撥核銷審查): every open claim against its order, contract, e-invoice, self-pay,
refund cases and the points used net of returns (須知八(五), RULES §9).

``check_claims`` is set-based: one ``UPDATE`` recomputes what may be claimed, the hold reasons and
the status of every claim not yet paid, rejected or in a batch, and writes only rows whose values
change, so running it twice changes nothing the second time, and a held claim becomes payable by
itself once its reason goes away (a refund case approved, the e-invoice issued...).
``check_claims_per_row`` is the reference: it applies the policy functions (``claimable_points``,
``claim_payable``) claim by claim; the tests hold both to the same answer and ``bench/`` times them.

Hold reasons are stable codes, stored comma-separated in the fixed order of ``HOLD_REASONS``:
term_not_ended, no_invoice, self_pay_unpaid, refund_open, over_claim, duplicate. Of several claims
for one order (rejected ones aside) the first by submission date, then id, is the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from backoffice.db import models as m
from backoffice.db.enums import ClaimStatus, RefundStatus, Role, TerminationStatus
from backoffice.db.session import UnitOfWork
from backoffice.policy import settlement as policy
from backoffice.services.authz import Actor, officer_id_of, pure, query_helper, require_officer, requires
from backoffice.services.points.locks import programmes_write_lock

FINANCE_ROLES: frozenset[Role] = frozenset({Role.FINANCE})
# Batches are approved by a second person: finance or a supervisor (never the preparer).
APPROVER_ROLES: frozenset[Role] = frozenset({Role.FINANCE, Role.SUPERVISOR})
# Claims a check may change: not yet paid or rejected, and not sitting in a batch awaiting the bank.
OPEN_STATUSES = (ClaimStatus.SUBMITTED, ClaimStatus.PAYABLE, ClaimStatus.HELD)
FINISHED_CASE = (RefundStatus.APPROVED, RefundStatus.REJECTED)


@dataclass(frozen=True)
class HoldReason:
    code: str
    label_zh: str
    label_en: str
    clause: str  # the published clause people see


HOLD_REASONS: tuple[HoldReason, ...] = (
    HoldReason("term_not_ended", "方案期程尚未結束，亦無已核准之退訂案", "Term not ended, no approved refund case",
               "須知八(五)"),
    HoldReason("no_invoice", "尚未開立全額電子發票", "Full e-invoice not issued", "須知八(四)"),
    HoldReason("self_pay_unpaid", "申請單位尚未付清自付款", "Self-pay not paid", "須知八(五)"),
    HoldReason("refund_open", "尚有未結之退訂退款案", "A refund case is still open", "須知七(六)、八(五)"),
    HoldReason("over_claim", "請撥點數超過可請撥點數（已使用扣除退還）", "Claim above the points used net of returns",
               "須知八(五)"),
    HoldReason("duplicate", "同一訂單重複請撥", "Duplicate claim for the same order", "須知八(五)"),
)
REASON_BY_CODE: dict[str, HoldReason] = {r.code: r for r in HOLD_REASONS}


class ClaimError(Exception):
    """A claim action that cannot be done; carries the claim and why."""

    def __init__(self, claim_id: int, problem: str) -> None:
        super().__init__(f"claim {claim_id}: {problem}")
        self.claim_id = claim_id
        self.problem = problem


@dataclass(frozen=True)
class HeldClaim:
    claim: str  # the feed's external id
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class CheckResult:
    as_of: date
    changed: int
    payable: int
    rejected: int
    held: tuple[HeldClaim, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """The CLI's stable shape: {"payable": n, "held": [{"claim", "reasons"}], "rejected": n}."""
        return {"payable": self.payable, "held": [h.to_json() for h in self.held], "rejected": self.rejected}


@pure
def reasons_of(stored: str | None) -> tuple[str, ...]:
    return tuple(c for c in (stored or "").split(",") if c)


# --- the set-based check ------------------------------------------------------------------------


_REFUNDS = sa.Table(
    "settlement_check_refunds", sa.MetaData(),
    sa.Column("order_id", sa.Integer, primary_key=True), sa.Column("returned", sa.BigInteger),
    sa.Column("approved", sa.Integer), sa.Column("open", sa.Integer), prefixes=["TEMPORARY"],
)


def _refunds_select() -> Any:
    """Per order with a termination: points returned by approved cases, any approved, any open."""
    t, rc = m.Termination, m.RefundCase
    is_approved = rc.status == RefundStatus.APPROVED
    is_open = sa.and_(t.status != TerminationStatus.WITHDRAWN,
                      sa.or_(rc.id.is_(None), rc.status.not_in(FINISHED_CASE)))
    return (sa.select(t.order_id, sa.func.sum(sa.case((is_approved, rc.points_refund), else_=0)),
                      sa.func.max(sa.case((is_approved, 1), else_=0)), sa.func.max(sa.case((is_open, 1), else_=0)))
            .select_from(t).outerjoin(rc, rc.termination_id == t.id).group_by(t.order_id))


def _facts(refunds: Any) -> dict[str, Any]:
    """SQL expressions over a claim ``c`` joined to its order, (outer) contract and (outer) per-order
    refund facts ``refunds``: what the check sees."""
    c = m.SettlementClaim
    o, k = m.Order, m.Contract
    ended = sa.and_(k.ends_on.is_not(None), k.ends_on < sa.bindparam("as_of", type_=sa.Date))
    approved = sa.func.coalesce(refunds.c.approved, 0) == 1
    c2 = aliased(m.SettlementClaim)
    earlier = sa.exists().where(
        c2.order_id == c.order_id, c2.id != c.id, c2.status != ClaimStatus.REJECTED,
        sa.or_(c2.submitted_on < c.submitted_on, sa.and_(c2.submitted_on == c.submitted_on, c2.id < c.id)))
    claimable = o.points - sa.func.coalesce(refunds.c.returned, 0)
    conditions = {
        "term_not_ended": ~sa.or_(sa.func.coalesce(ended, False), approved),
        "no_invoice": o.invoiced_at.is_(None),
        "self_pay_unpaid": o.self_pay_paid < o.self_pay,
        "refund_open": sa.func.coalesce(refunds.c.open, 0) == 1,
        "over_claim": c.points_claimed > claimable,
        "duplicate": earlier,
    }
    return {"claimable": claimable, "conditions": conditions}


@pure
def facts_select(refunds: Any | None = None) -> sa.Select[Any]:
    """One row per claim: id, what may be claimed, the hold reasons ('' when none). ``refunds`` is
    the per-order refund table (the work table in a check; a subquery otherwise)."""
    c, o, k = m.SettlementClaim, m.Order, m.Contract
    r = refunds if refunds is not None else _refunds_select().subquery("refunds")
    f = _facts(r)
    return (sa.select(c.id.label("id"), f["claimable"].label("claimable"),
                      _reason_expression(f["conditions"]).label("reasons"))
            .join(o, o.id == c.order_id).outerjoin(k, k.order_id == c.order_id)
            .outerjoin(r, r.c.order_id == c.order_id))


def _reason_expression(conditions: dict[str, Any]) -> Any:
    """'code,code' in the fixed order, '' when none (rtrim drops the trailing comma; both databases)."""
    parts = [sa.case((conditions[r.code], sa.literal(r.code + ",")), else_=sa.literal("")) for r in HOLD_REASONS]
    joined: Any = parts[0]
    for p in parts[1:]:
        joined = joined.concat(p)
    return sa.func.rtrim(joined, ",")


@query_helper("role-checked inside when an officer is given; backoffice-admin runs it as a system job")
def check_claims(uow: UnitOfWork, *, as_of: date, officer: Actor = None, now: datetime | None = None) -> CheckResult:
    """Re-check every open claim as of ``as_of`` (set-based, idempotent) and commit.

    ``officer`` may be None: the check is a system job (like the sweep) that only derives state;
    given, it must be finance. The result lists every held claim with its reasons.
    """
    session: Session = uow.session
    if officer is not None:
        require_officer(session, officer, "check settlement claims", FINANCE_ROLES)
    # Every programme's write lock before the check reads orders and refund cases, so a refund
    # posting cannot change them under the check (services/points/locks.py).
    programmes_write_lock(session)
    changed = apply_check(session, as_of)
    result = _summary(session, as_of, changed)
    session.add(m.AuditEvent(officer_id=officer_id_of(officer), action="settlement.check", entity_type="settlement",
                             entity_id=as_of.isoformat(), at=now or datetime.now(UTC),
                             details={"as_of": as_of.isoformat(), "changed": changed, "payable": result.payable,
                                      "held": len(result.held), "rejected": result.rejected}))
    uow.commit()
    return result


_FACTS = sa.Table(
    "settlement_check_facts", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True), sa.Column("claimable", sa.BigInteger),
    sa.Column("reasons", sa.Text), prefixes=["TEMPORARY"],
)


@query_helper("the set-based check, called by check_claims inside its transaction")
def apply_check(session: Session, as_of: date) -> int:
    """The set-based check itself, without committing (batch building runs it first); rows changed.

    Each open claim's facts are computed once into a temporary work table keyed by claim id (one
    INSERT ... SELECT), then one UPDATE ... FROM writes only the rows whose stored values differ.
    (Joining the derived query straight into the UPDATE made SQLite re-run it per row: quadratic.)
    """
    c = m.SettlementClaim
    conn = session.connection()
    for table in (_FACTS, _REFUNDS):
        table.drop(conn, checkfirst=True)
        table.create(conn)
    try:
        conn.execute(sa.insert(_REFUNDS).from_select(["order_id", "returned", "approved", "open"], _refunds_select()))
        select = facts_select(_REFUNDS).where(c.status.in_(OPEN_STATUSES), c.batch_id.is_(None))
        conn.execute(sa.insert(_FACTS).from_select(["id", "claimable", "reasons"], select), {"as_of": as_of})
        x = _FACTS.c
        new_status = sa.case((x.reasons == "", sa.literal(ClaimStatus.PAYABLE.value)),
                             else_=sa.literal(ClaimStatus.HELD.value))
        new_reason = sa.case((x.reasons == "", sa.null()), else_=x.reasons)
        stmt = (sa.update(c)
                .where(c.id == x.id)
                .where(sa.or_(c.status.is_distinct_from(new_status), c.hold_reason.is_distinct_from(new_reason),
                              c.claimable.is_distinct_from(x.claimable)))
                .values(status=new_status, hold_reason=new_reason, claimable=x.claimable, checked_on=as_of)
                .execution_options(synchronize_session=False))
        return int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]
    finally:
        for table in (_FACTS, _REFUNDS):
            table.drop(conn, checkfirst=True)


def _summary(session: Session, as_of: date, changed: int) -> CheckResult:
    c = m.SettlementClaim
    counts: dict[ClaimStatus, int] = {st: n for st, n in session.execute(
        sa.select(c.status, sa.func.count()).group_by(c.status))}
    held = tuple(HeldClaim(ext, reasons_of(r)) for ext, r in session.execute(
        sa.select(c.external_id, c.hold_reason).where(c.status == ClaimStatus.HELD).order_by(c.external_id)))
    return CheckResult(as_of, changed, counts.get(ClaimStatus.PAYABLE, 0), counts.get(ClaimStatus.REJECTED, 0),
                       held)


# --- the per-row reference -----------------------------------------------------------------------


@pure
def expected_state(session: Session, claim: m.SettlementClaim, as_of: date) -> tuple[ClaimStatus, tuple[str, ...],
                                                                                      int]:
    """What the check must make of one claim, by the policy functions (the reference, and the detail view)."""
    order = session.get(m.Order, claim.order_id)
    assert order is not None
    contract = session.scalars(sa.select(m.Contract).where(m.Contract.order_id == order.id)).first()
    cases = session.execute(
        sa.select(m.Termination.status, m.RefundCase.status, m.RefundCase.points_refund)
        .outerjoin(m.RefundCase, m.RefundCase.termination_id == m.Termination.id)
        .where(m.Termination.order_id == order.id)).all()
    returned = sum(p for _, s, p in cases if s is RefundStatus.APPROVED)
    approved = any(s is RefundStatus.APPROVED for _, s, _ in cases)
    refund_open = any(ts is not TerminationStatus.WITHDRAWN and s not in FINISHED_CASE for ts, s, _ in cases)
    ended = contract is not None and contract.ends_on is not None and contract.ends_on < as_of
    verdict = policy.claim_payable(order.invoiced_at is not None, order.self_pay_paid >= order.self_pay,
                                   refund_open, ended or approved)
    claimable = policy.claimable_points(order.points, min(returned, order.points))
    codes: list[str] = []
    if not verdict.ok:
        flags = {"term_not_ended": not (ended or approved), "no_invoice": order.invoiced_at is None,
                 "self_pay_unpaid": order.self_pay_paid < order.self_pay, "refund_open": refund_open}
        codes += [code for code, bad in flags.items() if bad]
    if claim.points_claimed > claimable:
        codes.append("over_claim")
    earlier = session.scalar(sa.select(sa.func.count()).select_from(m.SettlementClaim).where(
        m.SettlementClaim.order_id == claim.order_id, m.SettlementClaim.id != claim.id,
        m.SettlementClaim.status != ClaimStatus.REJECTED,
        sa.or_(m.SettlementClaim.submitted_on < claim.submitted_on,
               sa.and_(m.SettlementClaim.submitted_on == claim.submitted_on, m.SettlementClaim.id < claim.id))))
    if earlier:
        codes.append("duplicate")
    return (ClaimStatus.HELD if codes else ClaimStatus.PAYABLE), tuple(codes), claimable


@query_helper("the per-row baseline the benchmark compares with")
def check_claims_per_row(uow: UnitOfWork, *, as_of: date) -> CheckResult:
    """The same check claim by claim through the policy functions (baseline; slow on purpose)."""
    session: Session = uow.session
    c = m.SettlementClaim
    changed = 0
    ids = session.scalars(sa.select(c.id).where(c.status.in_(OPEN_STATUSES), c.batch_id.is_(None))
                          .order_by(c.id)).all()
    for claim_id in ids:
        claim = session.get(c, claim_id)
        assert claim is not None
        status, codes, claimable = expected_state(session, claim, as_of)
        stored = ",".join(codes) or None
        if (claim.status, claim.hold_reason, claim.claimable) != (status, stored, claimable):
            claim.status, claim.hold_reason, claim.claimable, claim.checked_on = status, stored, claimable, as_of
            changed += 1
            session.flush()  # later duplicates depend on earlier rows' state
    result = _summary(session, as_of, changed)
    uow.commit()
    return result


# --- finance's own decision -----------------------------------------------------------------------


@requires(FINANCE_ROLES)
def reject_claim(uow: UnitOfWork, claim_id: int, officer: Actor, *, reason: str, now: datetime | None = None) -> None:
    """Finance rejects a claim with its reason (required); paid claims and claims in a batch cannot be."""
    session: Session = uow.session
    me = require_officer(session, officer, "reject a settlement claim", FINANCE_ROLES)
    text = (reason or "").strip()
    if not text:
        raise ClaimError(claim_id, "a rejection needs a reason")
    claim = session.get(m.SettlementClaim, claim_id, with_for_update=True)
    if claim is None:
        raise ClaimError(claim_id, "no such claim")
    if claim.status not in OPEN_STATUSES or claim.batch_id is not None:
        raise ClaimError(claim_id, f"a claim that is {claim.status.value} or in a batch cannot be rejected")
    at = now or datetime.now(UTC)
    before = claim.status
    claim.status, claim.rejected_reason, claim.rejected_by_id, claim.rejected_at = (
        ClaimStatus.REJECTED, text, me.id, at)
    session.add(m.AuditEvent(officer_id=me.id, action="settlement.reject", entity_type="settlement_claim",
                             entity_id=str(claim.id), at=at,
                             details={"external_id": claim.external_id, "from": before.value, "reason": text}))
    uow.commit()
