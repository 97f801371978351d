"""What a supervisor signs for a refund case, and its re-verification (`refund verify`).

The signed payload is canonical JSON (the decision service's ``canonical_json``: sorted keys, no
spaces, UTF-8) holding the case's *facts*: the figures, the clauses, both confirmations, the
resolution and who handled the case. ``verify_case`` checks the signature over the stored payload
and then rebuilds the facts from the stored rows: any later change to the case shows as
``payload_mismatch``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import RefundStatus
from backoffice.db.session import UnitOfWork
from backoffice.policy.results import JsonResult
from backoffice.services.applications.decisions import canonical_json
from backoffice.services.authz import pure, query_helper
from backoffice.smartcard.certinfo import CERT_ERRORS
from backoffice.smartcard.signing import sha256_hex
from backoffice.smartcard.signing import verify as verify_signature

PAYLOAD_SCHEMA = "tcloud-backoffice/refund-decision/v1"


@pure
def split_clauses(text: str | None) -> list[str]:
    """The case's clauses column ("、"-joined, as the feed writes it) as a list."""
    return [c for c in (text or "").split("、") if c]


def _iso(at: date | None) -> str | None:
    return at.isoformat() if at is not None else None


@query_helper("the facts a supervisor's signature covers, built inside approve/return/verify")
def case_facts(session: Session, case: m.RefundCase) -> dict[str, Any]:
    """The facts of a case that a supervisor's signature covers (rebuilt the same way to verify)."""
    term = session.get(m.Termination, case.termination_id)
    assert term is not None
    order_ext = session.scalar(sa.select(m.Order.external_id).where(m.Order.id == term.order_id))
    confirmations = session.scalars(sa.select(m.RefundConfirmation).where(
        m.RefundConfirmation.case_id == case.id).order_by(m.RefundConfirmation.id)).all()
    return {
        "case_id": case.id,
        "termination": term.external_id,
        "order": order_ext,
        "filed_on": term.filed_on.isoformat(),
        "effective_on": (case.effective_on or term.effective_on).isoformat(),
        "window_ends_on": case.window_ends_on.isoformat(),
        "figures": {
            "term_months": case.term_months, "months_used": case.months_used,
            "points_total": case.points_total, "points_used": case.points_used,
            "points_refund": case.points_refund, "self_pay_paid": case.self_pay_paid,
            "self_pay_used": case.self_pay_used, "self_pay_refund": case.self_pay_refund,
        },
        "clauses": split_clauses(case.clauses),
        "confirmations": [{"party": c.party.value, "agrees": c.agrees, "at": _iso(c.at), "note": c.note}
                          for c in confirmations],
        "resolution": None if case.resolved_by_id is None else {
            "officer_id": case.resolved_by_id, "at": _iso(case.resolved_at), "note": case.resolution_note,
        },
        "prepared_by_id": case.prepared_by_id,
        "submitted_by_id": case.submitted_by_id,
    }


@pure
def decision_payload(facts: dict[str, Any], *, decision: str, reason: str | None, supervisor: m.Officer,
                     decided_at: datetime, returned_on: str | None) -> bytes:
    """The bytes the supervisor's card signs for ``decision`` ("approve" or "return")."""
    return canonical_json({
        "schema": PAYLOAD_SCHEMA,
        **facts,
        "decision": decision,
        "reason": reason,
        "supervisor_id": supervisor.id,
        "supervisor_cert_sha256": supervisor.cert_sha256,
        "decided_at": decided_at.isoformat(),
        "returned_on": returned_on,
    })


@dataclass(frozen=True)
class CaseVerification(JsonResult):
    case_id: int
    ok: bool
    status: str  # valid / unsigned / bad_signature / cert_mismatch / payload_mismatch
    decision: str | None
    signer_subject: str | None
    cert_sha256: str | None


@query_helper("re-verifies a stored signature (refund verify); reads the case only")
def verify_case(uow: UnitOfWork, case_id: int) -> CaseVerification:
    """Re-verify the case's latest signed decision (the approval once approved, else a return)."""
    from backoffice.services.refunds.errors import CaseNotFound

    session: Session = uow.session
    case = session.get(m.RefundCase, case_id)
    if case is None:
        raise CaseNotFound(case_id)
    if case.status is RefundStatus.APPROVED:
        text, sig, der, sha = (case.approval_payload, case.approval_signature, case.approval_cert_der,
                               case.approval_cert_sha256)
    else:
        ev = session.scalars(sa.select(m.RefundCaseEvent).where(
            m.RefundCaseEvent.case_id == case_id, m.RefundCaseEvent.payload.is_not(None))
            .order_by(m.RefundCaseEvent.id.desc()).limit(1)).first()
        text, sig, der, sha = (ev.payload, ev.signature, ev.cert_der, ev.cert_sha256) if ev else (None,) * 4
    try:
        payload = json.loads(text) if text else {}
    except ValueError:
        payload = {}
    decision = payload.get("decision")
    if not text or sig is None or der is None:
        return CaseVerification(case_id, False, "unsigned", decision, None, sha)
    subject = None
    try:
        from cryptography import x509

        subject = x509.load_der_x509_certificate(der).subject.rfc4514_string()
        good = verify_signature(text.encode("utf-8"), sig, der)
    except CERT_ERRORS:
        good = False
    status = "valid"
    if not good:
        status = "bad_signature"
    elif sha256_hex(der) != sha or payload.get("supervisor_cert_sha256") != sha:
        status = "cert_mismatch"
    elif not _matches(session, case, payload):
        status = "payload_mismatch"
    return CaseVerification(case_id, status == "valid", status, decision, subject, sha)


def _matches(session: Session, case: m.RefundCase, payload: dict[str, Any]) -> bool:
    """Whether the stored case still says what was signed."""
    if payload.get("schema") != PAYLOAD_SCHEMA:
        return False
    if case.status is RefundStatus.APPROVED:
        if (payload.get("decision") != "approve" or payload.get("supervisor_id") != case.approved_by_id
                or payload.get("returned_on") != _iso(case.returned_on)):
            return False
    elif case.status is not RefundStatus.RETURNED:
        return True  # re-resolved since it was returned: the return's facts are history by design
    facts = case_facts(session, case)
    return all(payload.get(k) == v for k, v in facts.items())
