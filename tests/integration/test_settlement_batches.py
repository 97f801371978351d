"""Payment batches on SQLite and PostgreSQL with a real SoftHSM2 token: build, four-eyes approval
signed with the card, reproducible payment files, and reconciliation of the bank's results."""

from __future__ import annotations

import csv
import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import BatchLineStatus, BatchStatus, ClaimStatus
from backoffice.services.applications import decisions
from backoffice.services.authz import PermissionDenied
from backoffice.services.finance import batches, reconcile, settlement
from backoffice.smartcard import signing
from tests.support import finance_seed as fs

pytestmark = [pytest.mark.pkcs11]
NOW = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)
PAID_ON = date(2026, 3, 5)


def signer_for(token: Any) -> decisions.Signer:
    def sign(payload: bytes) -> signing.SignedBlob:
        return signing.sign_bytes(token.module, payload, token.user_pin, expected_cert_der=token.cert_der)
    return sign


@pytest.fixture
def sc(uow: Any, soft_token: Any) -> fs.Scenario:
    return fs.scenario(uow, approver_cert=soft_token.cert_der)


def build(uow: Any, sc: fs.Scenario, **kw: Any) -> list[batches.BatchSummary]:
    with uow() as u:
        return batches.create_batches(u, sc.finance_id, paid_on=PAID_ON, as_of=fs.AS_OF, now=NOW, **kw)


def approve(uow: Any, sc: fs.Scenario, token: Any, batch_id: int) -> batches.ApprovalResult:
    with uow() as u:
        return batches.approve_batch(u, batch_id, sc.finance2_id, signer=signer_for(token), now=NOW)


def test_build_one_batch_per_vendor_of_the_payable_claims(uow: Any, sc: fs.Scenario) -> None:
    made = build(uow, sc)
    assert [(b.vendor, b.claims, b.total) for b in made] == [("V000", 2, 50_000), ("V001", 2, 60_000)]
    with uow() as u:
        assert [ln.claim for ln in batches.batch_lines(u, made[1].id)] == ["SC-PAY3", "SC-DUP-A"]
        refs = u.session.scalars(sa.select(m.SettlementBatchLine.reference)).all()
        assert len(set(refs)) == len(refs) == 4
        in_batch = u.session.scalars(sa.select(m.SettlementClaim.external_id)
                                     .where(m.SettlementClaim.batch_id.is_not(None))).all()
        assert sorted(in_batch) == ["SC-DUP-A", "SC-PAY1", "SC-PAY2", "SC-PAY3"]
    with uow() as u, pytest.raises(batches.NothingToBatch):  # nothing payable is left
        batches.create_batches(u, sc.finance_id, paid_on=PAID_ON, as_of=fs.AS_OF)


def test_build_for_one_vendor_and_by_submission_dates(uow: Any, sc: fs.Scenario) -> None:
    made = build(uow, sc, filters=batches.ClaimFilter(vendor_id=sc.vendor_ids[1]))
    assert [(b.vendor, b.claims) for b in made] == [("V001", 2)]
    made = build(uow, sc, filters=batches.ClaimFilter(submitted_from=date(2026, 1, 10), submitted_to=date(2026, 1, 10)))
    assert [(b.vendor, b.claims, b.total) for b in made] == [("V000", 2, 50_000)]


def test_only_finance_builds_a_batch(uow: Any, sc: fs.Scenario) -> None:
    with uow() as u, pytest.raises(PermissionDenied):
        batches.create_batches(u, sc.supervisor_id, paid_on=PAID_ON)


def test_the_preparer_may_not_approve_and_a_case_officer_may_not_either(uow: Any, sc: fs.Scenario,
                                                                       soft_token: Any) -> None:
    batch_id = build(uow, sc)[0].id
    with uow() as u, pytest.raises(batches.FourEyesViolation):
        batches.approve_batch(u, batch_id, sc.finance_id, signer=signer_for(soft_token))
    with uow() as u, pytest.raises(PermissionDenied):
        batches.approve_batch(u, batch_id, sc.officer_id, signer=signer_for(soft_token))
    with uow() as u, pytest.raises(decisions.SignatureRequired):  # not a demo database: a card is needed
        batches.approve_batch(u, batch_id, sc.finance2_id, signer=None)
    with uow() as u, pytest.raises(decisions.SignatureRequired):  # the supervisor has no card bound
        batches.approve_batch(u, batch_id, sc.supervisor_id, signer=signer_for(soft_token))
    with uow() as u:
        b = u.session.get(m.SettlementBatch, batch_id)
        assert b is not None and b.status is BatchStatus.PREPARED and b.approved_by_id is None


def test_approval_is_signed_and_the_signature_verifies(uow: Any, sc: fs.Scenario, soft_token: Any) -> None:
    batch_id = build(uow, sc)[0].id
    result = approve(uow, sc, soft_token, batch_id)
    assert result.signed and result.cert_sha256 == hashlib.sha256(soft_token.cert_der).hexdigest()
    with uow() as u:
        b = u.session.get(m.SettlementBatch, batch_id)
        assert b is not None and b.status is BatchStatus.APPROVED and b.approved_by_id == sc.finance2_id
        assert b.approval_payload and b.approval_signature and b.approval_cert_der
        assert signing.verify(b.approval_payload.encode("utf-8"), b.approval_signature, b.approval_cert_der)
        assert '"total":50000' in b.approval_payload and '"vendor_ubn":"04595257"' in b.approval_payload
    with uow() as u, pytest.raises(batches.BatchError):
        batches.approve_batch(u, batch_id, sc.finance2_id, signer=signer_for(soft_token))


def test_payment_files_are_reproducible_and_their_hash_is_stored(uow: Any, sc: fs.Scenario, soft_token: Any,
                                                                 tmp_path: Path) -> None:
    batch_id = build(uow, sc)[0].id
    with uow() as u, pytest.raises(batches.BatchError):  # not approved yet
        batches.export_batch(u, batch_id, tmp_path / "early.csv")
    approve(uow, sc, soft_token, batch_id)
    with uow() as u:
        first = batches.export_batch(u, batch_id, tmp_path / "a.csv")
        again = batches.export_batch(u, batch_id, tmp_path / "b.csv")
        x1 = batches.export_batch(u, batch_id, tmp_path / "a.xlsx")
        x2 = batches.export_batch(u, batch_id, tmp_path / "b.xlsx")
        with pytest.raises(batches.BatchError):
            batches.export_batch(u, batch_id, tmp_path / "a.txt")
    assert first.lines == 2 and first.sha256 == again.sha256
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes() and x1.sha256 == x2.sha256
    assert hashlib.sha256((tmp_path / "a.xlsx").read_bytes()).hexdigest() == x1.sha256
    rows = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8", newline="")))
    assert [r["vendor_ubn"] for r in rows] == ["04595257"] * 2
    assert sum(int(r["amount"]) for r in rows) == 50_000 and rows[0]["reference"].startswith("P")
    assert sorted(r["claim_ids"] for r in rows) == ["SC-PAY1", "SC-PAY2"]
    with uow() as u:
        b = u.session.get(m.SettlementBatch, batch_id)
        assert b is not None and b.export_csv_sha256 == first.sha256 and b.export_xlsx_sha256 == x1.sha256
        audits = u.session.scalars(sa.select(m.AuditEvent).where(m.AuditEvent.action == "settlement.batch.export")).all()
        assert {a.details["sha256"] for a in audits if a.details} == {first.sha256, x1.sha256}


def _bank_file(path: Path, rows: list[str]) -> Path:
    path.write_text("reference,amount,paid_on,status,reason\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _refs(uow: Any, batch_id: int) -> dict[str, str]:
    with uow() as u:
        return {ln.claim: ln.reference for ln in batches.batch_lines(u, batch_id)}


def test_reconciliation_pays_fails_and_refuses_bad_files_whole(uow: Any, sc: fs.Scenario, soft_token: Any,
                                                               tmp_path: Path) -> None:
    made = build(uow, sc)
    for b in made:
        approve(uow, sc, soft_token, b.id)
    refs = {**_refs(uow, made[0].id), **_refs(uow, made[1].id)}
    bad = _bank_file(tmp_path / "bad.csv", [
        f"{refs['SC-PAY1']},30000,2026-03-05,paid,",
        f"{refs['SC-PAY2']},19000,2026-03-05,paid,",
        "P999999-00001,100,2026-03-05,paid,",
        f"{refs['SC-DUP-A']},30000,2026-13-05,paid,",
        f"{refs['SC-PAY1']},30000,2026-03-05,paid,",
        f"{refs['SC-PAY3']},30000,2026-03-05,bounced,",
    ])
    with uow() as u:
        result = reconcile.reconcile_file(u, bad, now=NOW)
    assert result.paid == 0 and [(r.row, r.reason.split(":")[0]) for r in result.rejected] == [
        (3, "amount_mismatch"), (4, "unknown_reference"), (5, "bad_date"), (6, "duplicate_reference"),
        (7, "bad_status")]
    with uow() as u:  # nothing reconciled; the differing amount only flagged
        lines = {ln.claim: ln for b in made for ln in batches.batch_lines(u, b.id)}
        assert {ln.status for ln in lines.values()} == {"pending"}
        assert lines["SC-PAY2"].mismatch_amount == 19_000
    good = _bank_file(tmp_path / "good.csv", [
        f"{refs['SC-PAY1']},30000,2026-03-05,paid,",
        f"{refs['SC-PAY2']},20000,2026-03-05,paid,",
        f"{refs['SC-DUP-A']},0,,failed,帳號錯誤",
    ])
    with uow() as u:
        result = reconcile.reconcile_file(u, good, officer=sc.finance_id, now=NOW)
    assert result.to_json() == {"paid": 2, "failed": 1, "rejected": []}
    with uow() as u:
        s = u.session
        claims = dict(s.execute(sa.select(m.SettlementClaim.external_id, m.SettlementClaim.status)).all())
        assert claims["SC-PAY1"] is ClaimStatus.PAID and claims["SC-DUP-A"] is ClaimStatus.PAYABLE
        assert claims["SC-PAY3"] is ClaimStatus.PAYABLE
        statuses = {b.id: s.get(m.SettlementBatch, b.id).status for b in made}  # type: ignore[union-attr]
        assert statuses == {made[0].id: BatchStatus.CLOSED, made[1].id: BatchStatus.APPROVED}
        line = s.scalars(sa.select(m.SettlementBatchLine).where(m.SettlementBatchLine.reference == refs["SC-DUP-A"])).one()
        assert line.status is BatchLineStatus.FAILED and line.failure_reason == "帳號錯誤"
    with uow() as u, pytest.raises(reconcile.NothingToReconcile):  # the same file again changes nothing
        reconcile.reconcile_file(u, good, now=NOW)
    conflict = _bank_file(tmp_path / "conflict.csv", [f"{refs['SC-PAY1']},0,,failed,退回"])
    with uow() as u:
        assert [r.reason.split(":")[0] for r in reconcile.reconcile_file(u, conflict, now=NOW).rejected] == [
            "already_reconciled"]
    # The failed claim goes into a later batch, with a new reference.
    later = build(uow, sc)
    assert [(b.vendor, b.claims, b.total) for b in later] == [("V001", 1, 30_000)]
    assert _refs(uow, later[0].id)["SC-DUP-A"] != refs["SC-DUP-A"]


def test_reconciliation_from_xlsx_and_a_prepared_batch_is_refused(uow: Any, sc: fs.Scenario, soft_token: Any,
                                                                  tmp_path: Path) -> None:
    from openpyxl import Workbook

    made = build(uow, sc)
    approve(uow, sc, soft_token, made[1].id)
    ref_prepared = _refs(uow, made[0].id)["SC-PAY1"]
    ref_approved = _refs(uow, made[1].id)["SC-PAY3"]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(reconcile.COLUMNS))
    ws.append([ref_approved, 30000, date(2026, 3, 5), "paid", None])
    ws.append([ref_prepared, 30000, date(2026, 3, 5), "paid", None])
    wb.save(tmp_path / "bank.xlsx")
    with uow() as u:
        result = reconcile.reconcile_file(u, tmp_path / "bank.xlsx", now=NOW)
    assert [(r.row, r.reason.split(":")[0]) for r in result.rejected] == [(3, "batch_not_approved")]
    ws.delete_rows(3)
    wb.save(tmp_path / "bank.xlsx")
    with uow() as u:
        assert reconcile.reconcile_file(u, tmp_path / "bank.xlsx", now=NOW).paid == 1


def test_a_claim_in_a_batch_is_left_alone_by_the_check(uow: Any, sc: fs.Scenario) -> None:
    build(uow, sc)
    with uow() as u:  # the order loses its invoice after batching: the batched claim is not re-held
        u.session.execute(sa.update(m.Order).values(invoiced_at=None))
        u.commit()
    with uow() as u:
        settlement.check_claims(u, as_of=fs.AS_OF)
        st = dict(u.session.execute(sa.select(m.SettlementClaim.external_id, m.SettlementClaim.status)).all())
    assert st["SC-PAY1"] is ClaimStatus.PAYABLE
