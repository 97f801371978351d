"""Reconciliation (對帳): the bank's result file marks each batch line paid or failed.

The file is a UTF-8 CSV with the header ``reference,amount,paid_on,status,reason`` (``status`` is
``paid`` or ``failed``), or an xlsx with the same columns on its first sheet. The whole file is
validated before anything is written; each bad row is reported with its row number (the header is
row 1) and a reason ``code: detail``. If any row is bad nothing is reconciled; lines whose paid
amount differs from the line are only flagged (``mismatch_amount``), never accepted. A row for a
line already reconciled the same way changes nothing; a file that changes nothing is refused.
A paid line marks its claim paid; a failed line frees its claim for a later batch.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import BatchLineStatus, BatchStatus, ClaimStatus
from backoffice.db.session import UnitOfWork
from backoffice.services.authz import Actor, officer_id_of, pure, query_helper, require_officer
from backoffice.services.finance import settlement
from backoffice.services.points.locks import programmes_write_lock

COLUMNS = ("reference", "amount", "paid_on", "status", "reason")


@dataclass(frozen=True)
class RejectedRow:
    row: int
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "reason": self.reason}


@dataclass(frozen=True)
class ReconcileResult:
    paid: int
    failed: int
    unchanged: int
    rejected: tuple[RejectedRow, ...] = field(default_factory=tuple)
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return not self.rejected

    def to_json(self) -> dict[str, Any]:
        return {"paid": self.paid, "failed": self.failed, "rejected": [r.to_json() for r in self.rejected]}


class ReconcileError(ValueError):
    """The file cannot be read at all, or changes nothing (carries why)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class NothingToReconcile(ReconcileError):
    """Every row names a line already reconciled that way: the file was probably imported before."""


@pure
def read_rows(path: str | Path) -> list[tuple[int, dict[str, str]]]:
    """(row number, values) for each data row of a CSV or xlsx; the header must name COLUMNS."""
    p = Path(path)
    if p.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(p, read_only=True, data_only=True)
        try:
            raw = [["" if v is None else (v.isoformat()[:10] if isinstance(v, (date, datetime)) else str(v))
                    for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
    else:
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReconcileError("the file is not UTF-8 text") from exc
        raw = list(csv.reader(io.StringIO(text, newline="")))
    if not raw:
        raise ReconcileError("the file is empty")
    header = [h.strip().lower() for h in raw[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ReconcileError(f"the header lacks {', '.join(missing)} (expected {','.join(COLUMNS)})")
    index = {c: header.index(c) for c in COLUMNS}
    out: list[tuple[int, dict[str, str]]] = []
    for number, row in enumerate(raw[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines at the end of a bank file
        out.append((number, {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}))
    return out


@dataclass
class _Plan:
    line_id: int
    claim_id: int
    batch_id: int
    status: BatchLineStatus
    amount: int
    paid_on: date | None
    reason: str | None


@query_helper("role-checked inside when an officer is given; backoffice-admin runs it as a system job")
def reconcile_file(uow: UnitOfWork, path: str | Path, *, officer: Actor = None, now: datetime | None = None) -> ReconcileResult:
    """Validate the whole file, then apply it in one transaction (or nothing, with the bad rows)."""
    session: Session = uow.session
    if officer is not None:
        require_officer(session, officer, "reconcile payments", settlement.FINANCE_ROLES)
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    rows = read_rows(path)
    at = now or datetime.now(UTC)
    refs = [r["reference"] for _, r in rows if r["reference"]]
    ln, b = m.SettlementBatchLine, m.SettlementBatch
    known = {line.reference: (line, status) for line, status in session.execute(
        sa.select(ln, b.status).join(b, b.id == ln.batch_id).where(ln.reference.in_(refs)))} if refs else {}
    rejected: list[RejectedRow] = []
    mismatches: list[tuple[int, int]] = []
    plans: list[_Plan] = []
    seen: set[str] = set()
    unchanged = 0
    for number, r in rows:
        problem, plan = _validate(r, known, seen)
        if problem == "unchanged":
            unchanged += 1
            continue
        if problem is not None:
            rejected.append(RejectedRow(number, problem))
            if problem.startswith("amount_mismatch") and r["reference"] in known:
                mismatches.append((known[r["reference"]][0].id, int(r["amount"])))
            continue
        assert plan is not None
        plans.append(plan)
    if not rejected and not plans:
        raise NothingToReconcile("the file changes nothing: every line is already reconciled as stated")
    details: dict[str, Any] = {"file": Path(path).name, "sha256": digest, "rows": len(rows)}
    if rejected:
        # Nothing is reconciled; only the differing amounts are flagged on their lines.
        for line_id, amount in mismatches:
            session.execute(sa.update(ln).where(ln.id == line_id).values(mismatch_amount=amount))
        details["rejected"] = [x.to_json() for x in rejected]
        session.add(m.AuditEvent(officer_id=officer_id_of(officer), action="settlement.reconcile.refused",
                                 entity_type="settlement", entity_id=digest[:16], at=at, details=details))
        uow.commit()
        return ReconcileResult(0, 0, unchanged, tuple(rejected), digest)
    # The claims' payments touch what refund postings and the settlement check read: every
    # programme's write lock first (services/points/locks.py; ids in order, so no deadlock).
    programmes_write_lock(session)
    paid = failed = 0
    for p in plans:
        if p.status is BatchLineStatus.PAID:
            paid += 1
            session.execute(sa.update(ln).where(ln.id == p.line_id).values(
                status=p.status, paid_amount=p.amount, paid_on=p.paid_on, failure_reason=None, mismatch_amount=None,
                reconciled_at=at))
            session.execute(sa.update(m.SettlementClaim).where(m.SettlementClaim.id == p.claim_id)
                            .values(status=ClaimStatus.PAID))
        else:
            failed += 1
            session.execute(sa.update(ln).where(ln.id == p.line_id).values(
                status=p.status, paid_amount=None, paid_on=p.paid_on, failure_reason=p.reason, reconciled_at=at))
            # Out of the batch and payable again: the next check and batch take it up.
            session.execute(sa.update(m.SettlementClaim).where(m.SettlementClaim.id == p.claim_id)
                            .values(status=ClaimStatus.PAYABLE, batch_id=None))
    for batch_id in sorted({p.batch_id for p in plans}):
        pending = session.scalar(sa.select(sa.func.count()).select_from(ln).where(
            ln.batch_id == batch_id, ln.status == BatchLineStatus.PENDING))
        if not pending:
            session.execute(sa.update(b).where(b.id == batch_id).values(status=BatchStatus.CLOSED))
    details.update(paid=paid, failed=failed, unchanged=unchanged)
    session.add(m.AuditEvent(officer_id=officer_id_of(officer), action="settlement.reconcile",
                             entity_type="settlement", entity_id=digest[:16], at=at, details=details))
    uow.commit()
    return ReconcileResult(paid, failed, unchanged, (), digest)


def _validate(r: dict[str, str], known: dict[str, tuple[m.SettlementBatchLine, BatchStatus]],
              seen: set[str]) -> tuple[str | None, _Plan | None]:
    ref = r["reference"]
    if not ref:
        return "missing_reference: the reference is empty", None
    if ref in seen:
        return f"duplicate_reference: {ref} appears more than once in the file", None
    seen.add(ref)
    if ref not in known:
        return f"unknown_reference: no batch line {ref}", None
    line, batch_status = known[ref]
    if batch_status is BatchStatus.PREPARED:
        return f"batch_not_approved: batch {line.batch_id} is not approved", None
    status = r["status"].lower()
    if status not in ("paid", "failed"):
        return f"bad_status: status must be paid or failed, not {r['status']!r}", None
    try:
        amount = int(r["amount"].replace(",", "")) if r["amount"] else (0 if status == "failed" else -1)
    except ValueError:
        return f"bad_amount: {r['amount']!r} is not a whole number", None
    if amount < 0:
        return "bad_amount: the amount is missing or negative", None
    paid_on: date | None = None
    if r["paid_on"]:
        try:
            paid_on = date.fromisoformat(r["paid_on"])
        except ValueError:
            return f"bad_date: {r['paid_on']!r} is not a date YYYY-MM-DD", None
    elif status == "paid":
        return "bad_date: a paid line needs paid_on", None
    if status == "failed" and not r["reason"]:
        return "missing_reason: a failed line needs a reason", None
    target = BatchLineStatus(status)
    if line.status is not BatchLineStatus.PENDING:
        same = line.status is target and (target is BatchLineStatus.FAILED or
                                          (line.paid_amount == amount and line.paid_on == paid_on))
        if same:
            return "unchanged", None
        return f"already_reconciled: {ref} is already {line.status.value}", None
    if target is BatchLineStatus.PAID and amount != line.amount:
        return f"amount_mismatch: paid {amount} but the line is {line.amount}", None
    return None, _Plan(line.id, line.claim_id, line.batch_id, target, amount, paid_on, r["reason"] or None)
