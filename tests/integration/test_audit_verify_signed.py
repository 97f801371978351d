"""``audit verify`` re-verifies signed refund approvals/returns and payment-batch approvals, and
reports one tampered with plain SQL (triggers out of the way, as the owner could), on SQLite and
PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from backoffice.db.audit import canonical_json_text
from backoffice.db.enums import Party, RefundStatus
from backoffice.services.admin import audit_verify
from backoffice.services.refunds import workflow
from tests.integration.test_audit_verify import anchors, rechain
from tests.integration.test_refunds import (
    APPROVED_AT,
    E_OVER_HALF,
    F,
    add_case,
    cards,
    holders,
    signer_for,
    world,
)
from tests.integration.test_settlement_batches import approve, build, sc
from tests.support.pki import make_pki
from tests.support.tamper import attacker

pytestmark = [pytest.mark.pkcs11]
__all__ = ["anchors", "cards", "holders", "sc", "world"]  # fixtures used by name


def signed_problems(uow: Any, trust: Path | None = None) -> list[audit_verify.Problem]:
    with uow() as u:
        report = audit_verify.verify(u, [], trust)
    return [p for p in report.problems if p.check in ("refund", "batch")]


def test_a_signed_batch_approval_edited_or_with_its_signature_changed_is_reported(
        uow: Any, engine: sa.Engine, sc: Any, soft_token: Any) -> None:
    made = build(uow, sc)
    approve(uow, sc, soft_token, made[0].id)
    approve(uow, sc, soft_token, made[1].id)
    with uow() as u:
        assert audit_verify.verify(u, [], None).signed_acts == 2
    assert signed_problems(uow) == []
    with attacker(engine) as conn:  # pay more than was signed, payload rewritten to match
        text = conn.execute(sa.text("SELECT approval_payload FROM settlement_batches WHERE id = :b"),
                            {"b": made[0].id}).scalar_one()
        payload = json.loads(text)
        payload["total"] = payload["total"] * 10
        conn.execute(sa.text("UPDATE settlement_batches SET approval_payload = :p, total = :t WHERE id = :b"),
                     {"p": json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
                      "t": payload["total"], "b": made[0].id})
        conn.execute(sa.text("UPDATE settlement_batches SET approval_signature = :s WHERE id = :b"),
                     {"s": b"\x00" * 256, "b": made[1].id})
    found = {(p.entity, p.what) for p in signed_problems(uow)}
    assert (f"settlement_batch:{made[0].id}", "payload differs from the one its audit event committed to (edited)"
            ) in found
    assert (f"settlement_batch:{made[0].id}", "signature does not verify over the stored payload") in found
    assert (f"settlement_batch:{made[1].id}",
            "certificate or signature differs from the ones its audit event committed to") in found
    assert all(p.check == "batch" and p.seq is not None for p in signed_problems(uow))


def test_a_signed_refund_return_and_approval_edited_in_sql_are_reported(
        uow: Any, engine: sa.Engine, world: Any, cards: Any, holders: tuple[Any, Any], tmp_path: Path) -> None:
    cid = add_case(uow, world, filed_on=F, effective_on=E_OVER_HALF, status=RefundStatus.DISPUTED,
                   confirmations=((Party.VENDOR, True), (Party.APPLICANT, False)))
    with uow() as u:
        workflow.resolve(u, cid, world.officer_id, effective_on=E_OVER_HALF, reason="依供應商紀錄")
    with uow() as u:
        workflow.submit(u, cid, world.officer_id)
    with uow() as u:
        workflow.return_case(u, cid, world.supervisor_id, reason="請附服務紀錄",
                             signer=signer_for(cards, holders[0].der))
    with uow() as u:
        workflow.resolve(u, cid, world.officer_id, effective_on=E_OVER_HALF, reason="已附服務紀錄")
    with uow() as u:
        workflow.submit(u, cid, world.officer_id)
    with uow() as u:
        workflow.approve(u, cid, world.supervisor_id, signer=signer_for(cards, holders[0].der), now=APPROVED_AT)
    with uow() as u:
        assert audit_verify.verify(u, [], None).signed_acts == 3  # the return, the approval, the case's copy
    assert signed_problems(uow) == []
    with attacker(engine) as conn:
        ret_id = conn.execute(sa.text("SELECT id FROM refund_case_events WHERE case_id = :c AND action = 'return'"),
                              {"c": cid}).scalar_one()
        text = conn.execute(sa.text("SELECT payload FROM refund_case_events WHERE id = :e"),
                            {"e": ret_id}).scalar_one()
        conn.execute(sa.text("UPDATE refund_case_events SET payload = :p WHERE id = :e"),
                     {"p": text.replace("請附服務紀錄", "同意退款"), "e": ret_id})
        conn.execute(sa.text("UPDATE refund_cases SET approved_by_id = :o WHERE id = :c"),
                     {"o": world.supervisor2_id, "c": cid})
    found = {(p.check, p.entity, p.what) for p in signed_problems(uow)}
    assert ("refund", f"refund_event:{ret_id}", "signature does not verify over the stored payload") in found
    assert ("refund", f"refund_case:{cid}", "row names another signer than its signed payload") in found


def test_a_batch_approval_re_signed_with_a_home_made_certificate_and_rechained_is_reported(
        uow: Any, engine: sa.Engine, sc: Any, soft_token: Any, anchors: Path) -> None:
    """The careful attacker: a bigger total re-signed with a home-made certificate, the officer row
    re-pointed to it, the audit event rewritten to match and the chain rehashed from there."""
    made = build(uow, sc)
    approve(uow, sc, soft_token, made[0].id)
    assert signed_problems(uow, anchors) == []
    evil = make_pki("Evil Root CA").issue("moica", name="會計王", id_last4="6789", subject_type="citizen")
    sha = hashlib.sha256(evil.der).hexdigest()
    with attacker(engine) as conn:
        text = conn.execute(sa.text("SELECT approval_payload FROM settlement_batches WHERE id = :b"),
                            {"b": made[0].id}).scalar_one()
        data = json.loads(text)
        data |= {"total": data["total"] * 10, "officer_cert_sha256": sha}
        new = canonical_json_text(data)
        sig = evil.key.sign(new.encode(), padding.PKCS1v15(), hashes.SHA256())
        conn.execute(sa.text("UPDATE settlement_batches SET approval_payload = :p, approval_signature = :s, "
                             "approval_cert_der = :c, approval_cert_sha256 = :h, total = :t WHERE id = :b"),
                     {"p": new, "s": sig, "c": evil.der, "h": sha, "t": data["total"], "b": made[0].id})
        conn.execute(sa.text("UPDATE officers SET cert_der = :c, cert_sha256 = :h WHERE id = :o"),
                     {"c": evil.der, "h": sha, "o": sc.finance2_id})
        seq, details = conn.execute(sa.text("SELECT seq, details FROM audit_events WHERE action = "
                                            "'settlement.batch.approve'")).one()
        details = json.loads(details) if isinstance(details, str) else details
        details |= {"payload_sha256": hashlib.sha256(new.encode()).hexdigest(), "cert_sha256": sha,
                    "signature_sha256": hashlib.sha256(sig).hexdigest(), "total": data["total"]}
        conn.execute(sa.text("UPDATE audit_events SET details = :d WHERE seq = :s"),
                     {"d": canonical_json_text(details), "s": seq})
        rechain(conn, seq)
    found = [(p.check, p.entity, p.what) for p in signed_problems(uow, anchors)]
    assert found == [("batch", f"settlement_batch:{made[0].id}",
                      "signer certificate does not chain to the trust anchors")]
