"""Payment batches (撥款批次): build, approve with the card (four eyes), export the payment file.

A batch holds one vendor's payable claims for one payment date; each claim is one line with a
reference unique across all batches (what the bank echoes back in its result file). Building
re-checks the claims first, so a claim that became held since the last check is not paid.
The approval is a canonical JSON payload signed with the approver's card through the same code as
the review decisions (``decisions.require_signer`` / ``sign_checked``); the approver is never the
preparer, whatever their roles. The payment file (CSV or xlsx) is reproducible: its as-of time is
the approval, so exporting again gives the same bytes; its SHA-256 is stored with the batch and in
the audit log. Reconciliation of the bank's results is in ``reconcile.py``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.audit import signed_event_details
from backoffice.db.enums import BatchLineStatus, BatchStatus, ClaimStatus
from backoffice.db.session import UnitOfWork
from backoffice.policy.dates import roc_short
from backoffice.services.applications.decisions import Signer, canonical_json, require_signer, sign_checked
from backoffice.services.authz import (
    Actor,
    PermissionDenied,
    officer_id_of,
    pure,
    query_helper,
    require_officer,
    requires,
)
from backoffice.services.finance import settlement
from backoffice.services.finance.repro import save_reproducible_xlsx, write_atomically
from backoffice.services.points.locks import programmes_write_lock
from backoffice.smartcard.signing import sha256_hex

PAYLOAD_SCHEMA = "tcloud-backoffice/settlement-batch/v1"
EXPORT_COLUMNS = ("batch_id", "reference", "vendor_ubn", "vendor_name", "amount", "claim_ids", "paid_on")
EXPORT_HEADERS_ZH = ("批次", "明細參考號", "廠商統一編號", "廠商名稱", "金額", "請撥案號", "付款日")


class BatchError(Exception):
    """A batch action that cannot be done; carries the batch and why (views choose the words)."""

    def __init__(self, batch_id: int | None, problem: str) -> None:
        super().__init__(f"batch {batch_id}: {problem}" if batch_id is not None else problem)
        self.batch_id = batch_id
        self.problem = problem


class NothingToBatch(BatchError):
    """No payable claim matches the filters."""


class FourEyesViolation(PermissionDenied):
    """The officer who prepared the batch may not approve it (no role is exempt)."""

    def __init__(self, officer_id: int | None, batch_id: int) -> None:
        super().__init__(officer_id, f"approve batch {batch_id} they prepared")
        self.batch_id = batch_id


@dataclass(frozen=True)
class BatchSummary:
    id: int
    vendor: str  # the vendor's external id
    claims: int
    total: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "vendor": self.vendor, "claims": self.claims, "total": self.total}


@dataclass(frozen=True)
class ApprovalResult:
    batch_id: int
    signed: bool
    cert_sha256: str | None
    payload_sha256: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.batch_id, "status": BatchStatus.APPROVED.value, "signed": self.signed,
                "cert_sha256": self.cert_sha256, "payload_sha256": self.payload_sha256}


@dataclass(frozen=True)
class PaymentFile:
    path: str
    sha256: str
    lines: int
    as_of: datetime

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "lines": self.lines}


@dataclass(frozen=True)
class ClaimFilter:
    """The claims queue's filters that also select what goes into a batch."""

    vendor_id: int | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None

    def apply(self, stmt: sa.Select[Any]) -> sa.Select[Any]:
        c = m.SettlementClaim
        if self.vendor_id is not None:
            stmt = stmt.where(c.vendor_id == self.vendor_id)
        if self.submitted_from is not None:
            stmt = stmt.where(c.submitted_on >= self.submitted_from)
        if self.submitted_to is not None:
            stmt = stmt.where(c.submitted_on <= self.submitted_to)
        return stmt

    def to_json(self) -> dict[str, Any]:
        return {"vendor_id": self.vendor_id,
                "submitted_from": self.submitted_from.isoformat() if self.submitted_from else None,
                "submitted_to": self.submitted_to.isoformat() if self.submitted_to else None}


@pure
def reference(batch_id: int, seq: int) -> str:
    """The line reference the bank echoes: batch and line number, unique across batches."""
    return f"P{batch_id:06d}-{seq:05d}"


@query_helper("vendor id lookup for the command line")
def vendor_by_external_id(uow: UnitOfWork, external_id: str) -> int | None:
    return uow.session.scalar(sa.select(m.Vendor.id).where(m.Vendor.external_id == external_id))


@requires(settlement.FINANCE_ROLES)
def create_batches(uow: UnitOfWork, officer: Actor, *, paid_on: date, filters: ClaimFilter | None = None,
                   as_of: date | None = None, now: datetime | None = None) -> list[BatchSummary]:
    """One batch per vendor of the payable claims matching ``filters``; committed together."""
    session: Session = uow.session
    me = require_officer(session, officer, "build a payment batch", settlement.FINANCE_ROLES)
    at = now or datetime.now(UTC)
    filt = filters or ClaimFilter()
    # Every programme's write lock before the re-check and the selection (services/points/locks.py).
    programmes_write_lock(session)
    settlement.apply_check(session, as_of or paid_on)
    c = m.SettlementClaim
    stmt = filt.apply(sa.select(c).where(c.status == ClaimStatus.PAYABLE, c.batch_id.is_(None))
                      .order_by(c.vendor_id, c.submitted_on, c.id))
    claims = list(session.scalars(stmt.with_for_update(of=c).execution_options(populate_existing=True)))
    if not claims:
        raise NothingToBatch(None, "no payable claim matches the filters")
    by_vendor: dict[int, list[m.SettlementClaim]] = {}
    for claim in claims:
        by_vendor.setdefault(claim.vendor_id, []).append(claim)
    vendors = {v.id: v for v in session.scalars(sa.select(m.Vendor).where(m.Vendor.id.in_(by_vendor)))}
    out: list[BatchSummary] = []
    for vendor_id in sorted(by_vendor):
        rows = by_vendor[vendor_id]
        batch = m.SettlementBatch(vendor_id=vendor_id, paid_on=paid_on, total=sum(r.points_claimed for r in rows),
                                  created_by_id=me.id, created_at=at, status=BatchStatus.PREPARED)
        session.add(batch)
        session.flush()
        for seq, claim in enumerate(rows, start=1):
            session.add(m.SettlementBatchLine(batch_id=batch.id, claim_id=claim.id, reference=reference(batch.id, seq),
                                              amount=claim.points_claimed, status=BatchLineStatus.PENDING))
            claim.batch_id = batch.id
        out.append(BatchSummary(batch.id, vendors[vendor_id].external_id, len(rows), batch.total))
        session.add(m.AuditEvent(officer_id=me.id, action="settlement.batch.create", entity_type="settlement_batch",
                                 entity_id=str(batch.id), at=at,
                                 details={"vendor_id": vendor_id, "paid_on": paid_on.isoformat(), "claims": len(rows),
                                          "total": batch.total, "filters": filt.to_json()}))
    session.flush()
    uow.commit()
    return out


def _lines(session: Session, batch_id: int) -> list[tuple[m.SettlementBatchLine, str]]:
    rows = session.execute(sa.select(m.SettlementBatchLine, m.SettlementClaim.external_id)
                           .join(m.SettlementClaim, m.SettlementClaim.id == m.SettlementBatchLine.claim_id)
                           .where(m.SettlementBatchLine.batch_id == batch_id).order_by(m.SettlementBatchLine.id))
    return [(line, ext) for line, ext in rows]


@pure
def approval_payload(session: Session, batch: m.SettlementBatch, approver: m.Officer, at: datetime) -> dict[str, Any]:
    vendor = session.get(m.Vendor, batch.vendor_id)
    assert vendor is not None
    return {
        "schema": PAYLOAD_SCHEMA, "batch_id": batch.id, "vendor_ubn": vendor.ubn, "vendor_name": vendor.name,
        "paid_on": batch.paid_on.isoformat(), "total": batch.total,
        "lines": [[line.reference, ext, line.amount] for line, ext in _lines(session, batch.id)
                  if line.status is BatchLineStatus.PENDING],
        "prepared_by": batch.created_by_id, "approved_by": approver.id,
        "officer_cert_sha256": approver.cert_sha256, "approved_at": at.isoformat(),
    }


@requires(settlement.APPROVER_ROLES)
def approve_batch(uow: UnitOfWork, batch_id: int, officer: Actor, *, signer: Signer | None,
                  now: datetime | None = None) -> ApprovalResult:
    """A second person (finance or supervisor, never the preparer) approves, signed with the card."""
    session: Session = uow.session
    me = require_officer(session, officer, "approve a payment batch", settlement.APPROVER_ROLES)
    batch = session.get(m.SettlementBatch, batch_id, with_for_update=True, populate_existing=True)
    if batch is None:
        raise BatchError(batch_id, "no such batch")
    if batch.created_by_id == me.id:
        raise FourEyesViolation(me.id, batch_id)
    if batch.status is not BatchStatus.PREPARED:
        raise BatchError(batch_id, f"a {batch.status.value} batch cannot be approved")
    require_signer(uow, me, signer)
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    data = canonical_json(approval_payload(session, batch, me, at))
    blob = sign_checked(me, data, signer)
    batch.status = BatchStatus.APPROVED
    batch.approved_by_id, batch.approved_at = me.id, at
    batch.approval_payload = data.decode("utf-8")
    if blob is not None:
        batch.approval_signature, batch.approval_cert_der = blob.signature, blob.cert_der
        batch.approval_cert_sha256 = blob.cert_sha256
    session.add(m.AuditEvent(officer_id=me.id, action="settlement.batch.approve", entity_type="settlement_batch",
                             entity_id=str(batch.id), at=at,
                             # The chain commits to the signature: payload, certificate, signature digests.
                             details={**signed_event_details(blob, data), "total": batch.total}))
    uow.commit()
    return ApprovalResult(batch_id, blob is not None, blob.cert_sha256 if blob else None, sha256_hex(data))


def _export_rows(session: Session, batch: m.SettlementBatch) -> list[tuple[Any, ...]]:
    vendor = session.get(m.Vendor, batch.vendor_id)
    assert vendor is not None
    return [(batch.id, line.reference, vendor.ubn, vendor.name, line.amount, ext, batch.paid_on.isoformat())
            for line, ext in _lines(session, batch.id)]


@pure
def payment_csv(rows: list[tuple[Any, ...]], out: IO[bytes]) -> None:
    """UTF-8 CSV, header row, LF line ends (byte-identical for the same rows)."""
    text = io.StringIO(newline="")
    w = csv.writer(text, lineterminator="\n")
    w.writerow(EXPORT_COLUMNS)
    w.writerows(rows)
    out.write(text.getvalue().encode("utf-8"))


def _payment_xlsx(rows: list[tuple[Any, ...]], batch: m.SettlementBatch, path: Path, as_of: datetime) -> str:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("撥款明細 Payments")
    bold = Font(bold=True)
    for headers in (EXPORT_HEADERS_ZH, EXPORT_COLUMNS):
        cells = []
        for h in headers:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)
    for r in rows:
        ws.append(list(r))
    about = wb.create_sheet("說明 About")
    for pair in (("批次 Batch", batch.id), ("付款日 Paid on", f"{roc_short(batch.paid_on)} ({batch.paid_on})"),
                 ("資料時點 As of (approval)", as_of.isoformat()), ("筆數 Lines", len(rows)),
                 ("總額 Total (NT$)", sum(int(r[4]) for r in rows)),
                 ("依據 Clauses", "須知八(五)；付款批次經第二人以憑證卡核准 (four eyes)")):
        about.append(list(pair))
    return save_reproducible_xlsx(wb, path, as_of)


@query_helper("role-checked inside when an officer is given; backoffice-admin runs it as a system job")
def export_batch(uow: UnitOfWork, batch_id: int, path: str | Path, *, officer: Actor = None) -> PaymentFile:
    """Write the payment file (CSV or xlsx by the extension); store and audit its SHA-256."""
    session: Session = uow.session
    if officer is not None:
        require_officer(session, officer, "export a payment batch", settlement.APPROVER_ROLES)
    batch = session.get(m.SettlementBatch, batch_id)
    if batch is None:
        raise BatchError(batch_id, "no such batch")
    if batch.status is BatchStatus.PREPARED or batch.approved_at is None:
        raise BatchError(batch_id, "only an approved batch can be exported")
    target = Path(path)
    kind = target.suffix.lower()
    if kind not in (".csv", ".xlsx"):
        raise BatchError(batch_id, f"the payment file must end in .csv or .xlsx, not {kind or '(none)'}")
    rows = _export_rows(session, batch)
    as_of = batch.approved_at
    if kind == ".csv":
        digest = write_atomically(target, lambda f: payment_csv(rows, f))
        batch.export_csv_sha256 = digest
    else:
        digest = _payment_xlsx(rows, batch, target, as_of)
        batch.export_xlsx_sha256 = digest
    session.add(m.AuditEvent(officer_id=officer_id_of(officer), action="settlement.batch.export",
                             entity_type="settlement_batch", entity_id=str(batch.id),
                             details={"path": str(target), "format": kind[1:], "sha256": digest, "lines": len(rows),
                                      "as_of": as_of.isoformat()}))
    uow.commit()
    return PaymentFile(str(target), digest, len(rows), as_of)


@dataclass(frozen=True)
class BatchRow:
    id: int
    vendor_id: int
    vendor_ubn: str
    vendor_name: str
    paid_on: date
    total: int
    status: str
    lines: int
    paid: int
    failed: int
    created_by_id: int | None
    approved_by_id: int | None
    export_csv_sha256: str | None
    export_xlsx_sha256: str | None


@query_helper("finance desk reads for the screens (not yet tied to a viewer)")
def list_batches(uow: UnitOfWork, *, limit: int = 200) -> list[BatchRow]:
    """Batches, newest first, with per-status line counts (one grouped query)."""
    b, v, ln = m.SettlementBatch, m.Vendor, m.SettlementBatchLine
    counts = (sa.select(ln.batch_id, sa.func.count().label("n"),
                        sa.func.sum(sa.case((ln.status == BatchLineStatus.PAID, 1), else_=0)).label("paid"),
                        sa.func.sum(sa.case((ln.status == BatchLineStatus.FAILED, 1), else_=0)).label("failed"))
              .group_by(ln.batch_id).subquery())
    stmt = (sa.select(b, v.ubn, v.name, counts.c.n, counts.c.paid, counts.c.failed)
            .join(v, v.id == b.vendor_id).outerjoin(counts, counts.c.batch_id == b.id)
            .order_by(b.id.desc()).limit(limit))
    return [BatchRow(x.id, x.vendor_id, ubn, name, x.paid_on, x.total, x.status.value, n or 0, paid or 0, failed or 0,
                     x.created_by_id, x.approved_by_id, x.export_csv_sha256, x.export_xlsx_sha256)
            for x, ubn, name, n, paid, failed in uow.session.execute(stmt)]


@dataclass(frozen=True)
class LineRow:
    reference: str
    claim: str
    amount: int
    status: str
    paid_amount: int | None
    paid_on: date | None
    failure_reason: str | None
    mismatch_amount: int | None


@query_helper("finance desk reads for the screens (not yet tied to a viewer)")
def batch_lines(uow: UnitOfWork, batch_id: int) -> list[LineRow]:
    return [LineRow(line.reference, ext, line.amount, line.status.value, line.paid_amount, line.paid_on,
                    line.failure_reason, line.mismatch_amount) for line, ext in _lines(uow.session, batch_id)]


@requires(settlement.APPROVER_ROLES)
def approver_certificate(uow: UnitOfWork, officer: Actor) -> tuple[bytes | None, bool]:
    """(the card certificate bound to the approving officer, whether this is a demo database)."""
    from backoffice.services.admin.officers import is_demo_database

    row = require_officer(uow.session, officer, "approve a payment batch", settlement.APPROVER_ROLES)
    return (bytes(row.cert_der) if row.cert_der else None), is_demo_database(uow)
