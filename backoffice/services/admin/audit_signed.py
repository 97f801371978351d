"""``audit verify``, part 3b: the other signed acts (refund approvals and returns, payment-batch
approvals), re-verified like decisions.

Each one: the signature verifies over the stored payload with the stored certificate; the stored
certificate hash is the certificate's and the one the payload names; the signer in the payload is
the officer the row names; the certificate is the one registered for that officer at the time
(and chains to the trust anchors when given); its audit event commits to the same payload,
certificate and signature (``signed_event_details``). A refund case's or batch's approval columns
must also still be what was signed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.authz import system_job
from backoffice.smartcard.certinfo import CERT_ERRORS

REFUND_ACTIONS = ("refund.approve", "refund.return")
BATCH_ACTION = "settlement.batch.approve"


@dataclass(frozen=True)
class SignedAct:
    """One stored signed act, as read from its row."""

    entity: str  # refund_event:12 / refund_case:3 / settlement_batch:5
    officer_id: int | None
    at: datetime | None
    payload: str | None
    signature: bytes | None
    cert_der: bytes | None
    cert_sha256: str | None
    signer_key: str  # the payload's field naming the signer's officer id
    cert_key: str  # the payload's field naming the signer's certificate hash


def _events(session: Any, actions: tuple[str, ...]) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Audit events of ``actions`` by entity id: [(seq, details)] in chain order."""
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for seq, eid, details in session.execute(sa.select(m.AuditEvent.seq, m.AuditEvent.entity_id,
                                                       m.AuditEvent.details)
                                             .where(m.AuditEvent.action.in_(actions)).order_by(m.AuditEvent.seq)):
        out.setdefault(str(eid), []).append((int(seq), details if isinstance(details, dict) else {}))
    return out


def _acts(session: Any) -> list[tuple[SignedAct, str, dict[str, Any] | None, int | None]]:
    """Every signed act with the audit event that must commit to it: (act, kind, details, seq)."""
    refund_events = _events(session, REFUND_ACTIONS)
    by_event_id: dict[int, tuple[int, dict[str, Any]]] = {}
    for evs in refund_events.values():
        for seq, details in evs:
            if isinstance(details.get("event_id"), int):
                by_event_id[details["event_id"]] = (seq, details)
    out: list[tuple[SignedAct, str, dict[str, Any] | None, int | None]] = []
    e = m.RefundCaseEvent
    approval_event: dict[int, int] = {}  # case -> its latest signed approve event id
    for row in session.execute(sa.select(e.id, e.case_id, e.officer_id, e.at, e.action, e.payload, e.signature,
                                         e.cert_der, e.cert_sha256).where(e.payload.is_not(None)).order_by(e.id)):
        ev = by_event_id.get(row.id)
        if row.action == "approve":
            approval_event[row.case_id] = row.id
        out.append((SignedAct(f"refund_event:{row.id}", row.officer_id, row.at, row.payload, row.signature,
                              row.cert_der, row.cert_sha256, "supervisor_id", "supervisor_cert_sha256"),
                    "refund", ev[1] if ev else None, ev[0] if ev else None))
    c = m.RefundCase
    for row in session.execute(sa.select(c.id, c.approved_by_id, c.approved_at, c.approval_payload,
                                         c.approval_signature, c.approval_cert_der, c.approval_cert_sha256)
                               .where(c.approval_payload.is_not(None)).order_by(c.id)):
        ev = by_event_id.get(approval_event.get(row.id, -1))
        out.append((SignedAct(f"refund_case:{row.id}", row.approved_by_id, row.approved_at, row.approval_payload,
                              row.approval_signature, row.approval_cert_der, row.approval_cert_sha256,
                              "supervisor_id", "supervisor_cert_sha256"),
                    "refund", ev[1] if ev else None, ev[0] if ev else None))
    batch_events = _events(session, (BATCH_ACTION,))
    b = m.SettlementBatch
    for row in session.execute(sa.select(b.id, b.approved_by_id, b.approved_at, b.approval_payload,
                                         b.approval_signature, b.approval_cert_der, b.approval_cert_sha256)
                               .where(b.approval_payload.is_not(None)).order_by(b.id)):
        batch_evs = batch_events.get(str(row.id))
        out.append((SignedAct(f"settlement_batch:{row.id}", row.approved_by_id, row.approved_at,
                              row.approval_payload, row.approval_signature, row.approval_cert_der,
                              row.approval_cert_sha256, "approved_by", "officer_cert_sha256"),
                    "batch", batch_evs[-1][1] if batch_evs else None, batch_evs[-1][0] if batch_evs else None))
    return out


@system_job("audit verify, run by an administrator (backoffice-admin audit verify)")
def verify_signed_acts(session: Any, add: Callable[[str, str, int | None, str], None],
                       registered: Callable[[int, datetime], str | None], store: Any) -> int:
    """Re-verify every signed refund event, refund approval and batch approval; ``add(check, what,
    seq, entity)`` reports a problem; ``registered(officer, at)`` is the certificate hash registered
    for the officer then. Returns how many signed acts were checked."""
    from cryptography import x509

    from backoffice.smartcard.signing import verify as verify_signature
    from backoffice.smartcard.validation import build_chain

    checked = 0
    sha = hashlib.sha256
    for act, kind, details, seq in _acts(session):
        def bad(what: str, act: SignedAct = act, kind: str = kind, seq: int | None = seq) -> None:
            add(kind, what, seq, act.entity)

        payload_bytes = (act.payload or "").encode("utf-8")
        if details is None:
            bad("no audit event records this signed act (inserted outside the program)")
        elif details.get("payload_sha256") != sha(payload_bytes).hexdigest():
            bad("payload differs from the one its audit event committed to (edited)")
        if act.signature is None or act.cert_der is None:
            if details is not None and details.get("signed"):
                bad("signature removed: its audit event records a signed act")
            continue
        checked += 1
        if details is not None and (details.get("cert_sha256") != act.cert_sha256
                                    or details.get("signature_sha256") != sha(act.signature).hexdigest()):
            bad("certificate or signature differs from the ones its audit event committed to")
        try:
            good = verify_signature(payload_bytes, act.signature, act.cert_der)
        except ValueError:
            good = False
        if not good:
            bad("signature does not verify over the stored payload")
            continue
        try:
            payload = json.loads(act.payload or "")
        except ValueError:
            payload = {}
        payload = payload if isinstance(payload, dict) else {}
        if sha(act.cert_der).hexdigest() != act.cert_sha256 or payload.get(act.cert_key) != act.cert_sha256:
            bad("stored certificate hash does not match the certificate")
        elif act.officer_id is None or payload.get(act.signer_key) != act.officer_id:
            bad("row names another signer than its signed payload")
        elif act.at is None or registered(act.officer_id, act.at) != act.cert_sha256:
            bad("signed with a certificate not registered for the officer at the time")
        if store is not None:
            try:
                cert = x509.load_der_x509_certificate(act.cert_der)
            except CERT_ERRORS:
                cert = None
            if cert is None or build_chain(cert, store) is None:
                bad("signer certificate does not chain to the trust anchors")
    return checked
