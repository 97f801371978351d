"""What the finance screens read (Qt-free): the claims queue (paged SQL, filters, totals of the
filtered set), one claim's detail (what may be claimed and why), paid amounts per month, and the
dashboard's finance figures. The batch building uses the same filters (``batches.ClaimFilter``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import BatchLineStatus, ClaimStatus
from backoffice.db.session import UnitOfWork
from backoffice.services.authz import Actor, query_helper
from backoffice.services.finance import settlement, tax95a
from backoffice.services.finance.batches import ClaimFilter


@dataclass(frozen=True)
class ClaimQuery:
    status: str | None = None
    reason: str | None = None  # one hold reason code
    vendor_id: int | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None

    def batch_filter(self) -> ClaimFilter:
        return ClaimFilter(self.vendor_id, self.submitted_from, self.submitted_to)


@dataclass(frozen=True)
class ClaimRow:
    claim_id: int
    external_id: str
    order_external_id: str
    vendor_name: str
    vendor_ubn: str
    applicant_name: str
    applicant_ubn: str
    points_claimed: int
    claimable: int | None
    submitted_on: date
    status: str
    reasons: tuple[str, ...]
    batch_id: int | None
    rejected_reason: str | None


@dataclass(frozen=True)
class ClaimPage:
    rows: list[ClaimRow]
    offset: int
    total: int
    total_points: int


def _filtered(q: ClaimQuery) -> sa.Select[Any]:
    c = m.SettlementClaim
    stmt = q.batch_filter().apply(sa.select(c.id).select_from(c))
    if q.status:
        stmt = stmt.where(c.status == ClaimStatus(q.status))
    if q.reason:
        # Codes are comma-separated in a fixed order; match a whole code.
        stmt = stmt.where(sa.literal(",").concat(c.hold_reason).concat(",").like(f"%,{q.reason},%"))
    return stmt


@query_helper("finance desk reads for the screens (not yet tied to a viewer)")
def list_claims(uow: UnitOfWork, q: ClaimQuery, *, offset: int = 0, limit: int = 100) -> ClaimPage:
    """One page of claims (newest submission first) and the count and points of the whole filtered set."""
    s = uow.session
    c, o, v, a = m.SettlementClaim, m.Order, m.Vendor, m.Applicant
    ids = _filtered(q).subquery()
    total, points = s.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(c.points_claimed), 0))
                              .where(c.id.in_(sa.select(ids.c.id)))).one()
    stmt = (sa.select(c.id, c.external_id, o.external_id, v.name, v.ubn, a.name, a.ubn, c.points_claimed, c.claimable,
                      c.submitted_on, c.status, c.hold_reason, c.batch_id, c.rejected_reason)
            .join(o, o.id == c.order_id).join(v, v.id == c.vendor_id).join(a, a.id == o.applicant_id)
            .where(c.id.in_(sa.select(ids.c.id)))
            .order_by(c.submitted_on.desc(), c.id.desc()).offset(offset).limit(limit))
    rows = [ClaimRow(cid, ext, oext, vn, vu, an, au, int(pc), cl, sub, st.value, settlement.reasons_of(hr), bid, rr)
            for cid, ext, oext, vn, vu, an, au, pc, cl, sub, st, hr, bid, rr in s.execute(stmt)]
    return ClaimPage(rows, offset, int(total), int(points))


@dataclass(frozen=True)
class ClaimDetail:
    row: ClaimRow
    order_total: int
    order_points: int
    self_pay: int
    self_pay_paid: int
    invoiced_at: datetime | None
    contract_start: date | None
    contract_end: date | None
    refund_cases: list[tuple[str, int]]  # (status, points returned)
    claimable: int
    expected_status: str
    expected_reasons: tuple[str, ...]
    payments: list[tuple[str, int, str, date | None]]  # (reference, amount, status, paid_on)


@query_helper("finance desk reads for the screens (not yet tied to a viewer)")
def claim_detail(uow: UnitOfWork, claim_id: int, as_of: date) -> ClaimDetail:
    """Everything the check looks at for one claim, and what it concludes as of ``as_of``."""
    s = uow.session
    claim = s.get(m.SettlementClaim, claim_id)
    if claim is None:
        raise settlement.ClaimError(claim_id, "no such claim")
    order = s.get(m.Order, claim.order_id)
    contract = s.scalars(sa.select(m.Contract).where(m.Contract.order_id == claim.order_id)).first()
    cases = [(st.value, int(p)) for st, p in s.execute(
        sa.select(m.RefundCase.status, m.RefundCase.points_refund)
        .join(m.Termination, m.Termination.id == m.RefundCase.termination_id)
        .where(m.Termination.order_id == claim.order_id))]
    status, reasons, claimable = settlement.expected_state(s, claim, as_of)
    lines = [(ref, int(amount), st.value, paid_on) for ref, amount, st, paid_on in s.execute(
        sa.select(m.SettlementBatchLine.reference, m.SettlementBatchLine.amount, m.SettlementBatchLine.status,
                  m.SettlementBatchLine.paid_on).where(m.SettlementBatchLine.claim_id == claim_id)
        .order_by(m.SettlementBatchLine.id))]
    row = list_claims_by_id(uow, claim_id)[0]
    assert order is not None
    return ClaimDetail(row, int(order.total), int(order.points), int(order.self_pay), int(order.self_pay_paid),
                       order.invoiced_at, contract.start_on if contract else None,
                       contract.ends_on if contract else None, cases, claimable, status.value, reasons, lines)


@query_helper("finance desk reads for the screens (not yet tied to a viewer)")
def list_claims_by_id(uow: UnitOfWork, claim_id: int) -> list[ClaimRow]:
    s = uow.session
    c, o, v, a = m.SettlementClaim, m.Order, m.Vendor, m.Applicant
    stmt = (sa.select(c.id, c.external_id, o.external_id, v.name, v.ubn, a.name, a.ubn, c.points_claimed, c.claimable,
                      c.submitted_on, c.status, c.hold_reason, c.batch_id, c.rejected_reason)
            .join(o, o.id == c.order_id).join(v, v.id == c.vendor_id).join(a, a.id == o.applicant_id)
            .where(c.id == claim_id))
    return [ClaimRow(cid, ext, oext, vn, vu, an, au, int(pc), cl, sub, st.value, settlement.reasons_of(hr), bid, rr)
            for cid, ext, oext, vn, vu, an, au, pc, cl, sub, st, hr, bid, rr in s.execute(stmt)]


@query_helper("finance desk reads for the screens (not yet tied to a viewer)")
def paid_by_month(uow: UnitOfWork, tax_year: int) -> list[int]:
    """Paid amounts per month (1..12) of the batch payment dates in ``tax_year`` (the 95A basis)."""
    ln, b = m.SettlementBatchLine, m.SettlementBatch
    months = [0] * 12
    stmt = (sa.select(b.paid_on, sa.func.sum(ln.paid_amount)).join(b, b.id == ln.batch_id)
            .where(ln.status == BatchLineStatus.PAID, b.paid_on >= date(tax_year, 1, 1),
                   b.paid_on <= date(tax_year, 12, 31)).group_by(b.paid_on))
    for paid_on, amount in uow.session.execute(stmt):
        months[paid_on.month - 1] += int(amount or 0)
    return months


@dataclass(frozen=True)
class FinanceFigures:
    payable_count: int
    payable_points: int
    held_by_reason: dict[str, int]
    paid_this_year: int
    statements_year: int  # the tax year whose statements are due next
    statements_due: int
    filing_due: date
    delivery_due: date


@query_helper("finance figures for the dashboard (totals only)")
def finance_figures(uow: UnitOfWork, today: date) -> FinanceFigures:
    """The dashboard's finance group: payable, held by reason, paid this year, statements due."""
    s = uow.session
    c = m.SettlementClaim
    count, points = s.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(c.points_claimed), 0))
                              .where(c.status == ClaimStatus.PAYABLE)).one()
    held: dict[str, int] = {r.code: 0 for r in settlement.HOLD_REASONS}
    for stored, n in s.execute(sa.select(c.hold_reason, sa.func.count()).where(c.status == ClaimStatus.HELD)
                               .group_by(c.hold_reason)):
        for code in settlement.reasons_of(stored):
            held[code] = held.get(code, 0) + int(n)
    paid = sum(paid_by_month(uow, today.year))
    year = today.year - 1 if today.month <= 2 else today.year
    filing, delivery = tax95a.due_dates(year)
    due = len(tax95a.statements(s, year, datetime.combine(today, time(23, 59), UTC)))
    return FinanceFigures(int(count), int(points), held, paid, year, due, filing, delivery)


@dataclass(frozen=True)
class ReportResult:
    path: str
    sha256: str
    rows: int
    as_of: datetime


REPORT_HEADERS = ("請撥案號 Claim", "訂單 Order", "廠商統編 Vendor UBN", "廠商 Vendor", "申請單位統編 Applicant UBN",
                  "申請單位 Applicant", "請撥點數 Claimed", "可請撥 Claimable", "送件日 Submitted", "狀態 Status",
                  "暫緩原因 Hold reasons", "批次 Batch", "駁回理由 Rejection")


@query_helper("role-checked inside when an officer is given; backoffice-admin runs it as a system job")
def export_claims_xlsx(uow: UnitOfWork, q: ClaimQuery, path: str, *, as_of: datetime, officer: Actor = None,
                       page: int = 5000) -> ReportResult:
    """The settlement report: the claims queue's query, filters, order and columns, every page of it,
    with an About sheet (as-of, filters, totals); reproducible; its SHA-256 is audited."""
    from backoffice.services.authz import officer_id_of
    from backoffice.services.finance.repro import write_atomically
    from backoffice.services.finance.xlsx_stream import StreamingWorkbook

    count = {"rows": 0}
    first = list_claims(uow, q, offset=0, limit=1)

    def rows() -> Any:
        yield REPORT_HEADERS
        offset = 0
        while True:
            chunk = list_claims(uow, q, offset=offset, limit=page).rows
            for r in chunk:
                count["rows"] += 1
                yield (r.external_id, r.order_external_id, r.vendor_ubn, r.vendor_name, r.applicant_ubn,
                       r.applicant_name, r.points_claimed, r.claimable, r.submitted_on.isoformat(), r.status,
                       ",".join(r.reasons), r.batch_id, r.rejected_reason)
            if len(chunk) < page:
                return
            offset += page

    def write(f: Any) -> None:
        wb = StreamingWorkbook(f, as_of, title="請撥核銷報表 Settlement report")
        wb.write_sheet("請撥案件 Claims", rows(), header_rows=1)
        wb.write_sheet("說明 About", [
            ("資料時點 As of", as_of.isoformat()),
            ("篩選 Filters", ", ".join(f"{k}={v}" for k, v in sorted(vars(q).items()) if v is not None) or "全部 all"),
            ("件數 Claims", first.total), ("請撥點數合計 Points claimed", first.total_points),
            ("排序 Order", "送件日、案號由新到舊 submitted date, id, newest first"),
            ("依據 Clauses", "須知八(五)；須知八(四)")])
        wb.close()

    digest = write_atomically(path, write)
    uow.session.add(m.AuditEvent(officer_id=officer_id_of(officer), action="settlement.report.export",
                                 entity_type="settlement", entity_id=digest[:16],
                                 details={"path": path, "sha256": digest, "rows": count["rows"],
                                          "as_of": as_of.isoformat(),
                                          "filters": {k: str(v) for k, v in vars(q).items() if v is not None}}))
    uow.commit()
    return ReportResult(path, digest, count["rows"], as_of)
