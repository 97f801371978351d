"""The refund case's state machine (RULES §8; 須知七(六)(七)(八)) and its transitions.

    awaiting_confirmation -> confirmed (both agree in the window)        [feed]
                          -> disputed  (either disagrees)                [feed]
                          -> escalated (window ended without both)       [escalate, set-based]
    disputed | escalated | returned -> resolved                          [officer, new E, recomputed]
    confirmed | resolved -> submitted                                    [officer]
    submitted -> approved (posted) | returned                            [supervisor, four eyes, signed]

Each transition checks the actor's role and the case's state here (not only in the GUI), writes a
``RefundCaseEvent`` (who, when, why) and an ``AuditEvent`` in the same transaction, and commits.
The status changes with a conditional UPDATE (``WHERE status IN (allowed)``): of two officers
acting on one case at once, one wins and the other gets ``InvalidTransition``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.audit import signed_event_details
from backoffice.db.enums import RefundStatus, Role
from backoffice.db.session import UnitOfWork
from backoffice.policy import refunds as prefunds
from backoffice.policy.dates import contract_end
from backoffice.policy.results import JsonResult
from backoffice.services.admin.officers import is_demo_database
from backoffice.services.applications.decisions import Signer
from backoffice.services.authz import (
    REVIEW_ROLES,
    Actor,
    pure,
    query_helper,
    require_officer,
    requires,
    system_job,
)
from backoffice.services.refunds.errors import (
    CaseNotFound,
    FourEyesViolation,
    InvalidEffectiveDate,
    InvalidTransition,
    ReasonRequired,
    SelfPayRefundError,
    SignatureRequired,
    WrongSigningCard,
)
from backoffice.services.refunds.signed import case_facts, decision_payload
from backoffice.smartcard.signing import SignedBlob

S = RefundStatus
TAIPEI_OFFSET_HOURS = 8

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[RefundStatus, ...], RefundStatus]] = {
    "escalate": ((S.AWAITING_CONFIRMATION,), S.ESCALATED),
    "resolve": ((S.DISPUTED, S.ESCALATED, S.RETURNED), S.RESOLVED),
    "submit": ((S.CONFIRMED, S.RESOLVED), S.SUBMITTED),
    "approve": ((S.SUBMITTED,), S.APPROVED),
    "return": ((S.SUBMITTED,), S.RETURNED),
}
OPEN_STATES = (S.AWAITING_CONFIRMATION, S.CONFIRMED, S.DISPUTED, S.ESCALATED, S.RESOLVED, S.SUBMITTED,
               S.RETURNED)
SUPERVISOR_ROLES: frozenset[Role] = frozenset({Role.SUPERVISOR})
# Officers who handle cases (承辦人; a supervisor may too, and then cannot approve that case).
HANDLER_ROLES: frozenset[Role] = REVIEW_ROLES
FINANCE_ROLES: frozenset[Role] = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.FINANCE})


@dataclass(frozen=True)
class TransitionResult(JsonResult):
    case_id: int
    action: str
    from_status: str
    status: str
    event_id: int
    signed: bool = False


@pure
def table(model: type) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


@pure
def taipei_date(at: datetime) -> date:
    from backoffice.services.applications.review import taipei_date as td

    return td(at)


@pure
def now_utc(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)


@query_helper("a workflow step called with the acting officer's session")
def load_case(session: Session, case_id: int) -> m.RefundCase:
    case = session.get(m.RefundCase, case_id, populate_existing=True)
    if case is None:
        raise CaseNotFound(case_id)
    return case


@pure
def require_state(case: m.RefundCase, action: str) -> RefundStatus:
    allowed, _ = TRANSITIONS[action]
    if case.status not in allowed:
        raise InvalidTransition(case.id, action, case.status.value, tuple(s.value for s in allowed))
    return case.status


@query_helper("a workflow step called with the acting officer's session")
def move(session: Session, case: m.RefundCase, action: str, values: dict[str, Any] | None = None) -> RefundStatus:
    """The conditional status UPDATE: refused when someone moved the case since we read it."""
    allowed, target = TRANSITIONS[action]
    before = require_state(case, action)
    t = table(m.RefundCase)
    done = session.execute(sa.update(t).where(t.c.id == case.id, t.c.status.in_([s.value for s in allowed]))
                           .values(status=target.value, **(values or {})))
    if done.rowcount != 1:  # type: ignore[attr-defined]
        fresh = session.scalar(sa.select(t.c.status).where(t.c.id == case.id))
        raise InvalidTransition(case.id, action, str(fresh), tuple(s.value for s in allowed))
    session.refresh(case)
    return before


@query_helper("a workflow step called with the acting officer's session")
def record(session: Session, case: m.RefundCase, action: str, before: RefundStatus, officer_id: int | None,
           at: datetime, *, reason: str | None = None, details: dict[str, Any] | None = None,
           payload: bytes | None = None, blob: SignedBlob | None = None) -> m.RefundCaseEvent:
    """History row + audit event for one transition (same transaction as the change)."""
    ev = m.RefundCaseEvent(case_id=case.id, at=at, officer_id=officer_id, action=action,
                           from_status=before.value, to_status=case.status.value, reason=reason, details=details,
                           payload=payload.decode("utf-8") if payload is not None else None,
                           signature=blob.signature if blob else None, cert_der=blob.cert_der if blob else None,
                           cert_sha256=blob.cert_sha256 if blob else None)
    session.add(ev)
    session.flush()
    session.add(m.AuditEvent(officer_id=officer_id, at=at, action=f"refund.{action}", entity_type="refund_case",
                             entity_id=str(case.id), details={
                                 "event_id": ev.id, "from": before.value, "to": case.status.value, "reason": reason,
                                 # The chain commits to the signature: digests of payload, certificate, signature.
                                 **(signed_event_details(blob, payload) if payload is not None
                                    else {"signed": False, "payload_sha256": None}),
                                 **(details or {})}))
    return ev


@query_helper("a workflow step called with the acting officer's session")
def handlers_of(session: Session, case: m.RefundCase) -> dict[int, set[str]]:
    """Every officer who prepared, resolved or submitted the case, now or before a return."""
    out: dict[int, set[str]] = {}
    for oid, what in ((case.prepared_by_id, "prepared"), (case.resolved_by_id, "resolved"),
                      (case.submitted_by_id, "submitted")):
        if oid is not None:
            out.setdefault(oid, set()).add(what)
    past = session.execute(sa.select(m.RefundCaseEvent.officer_id, m.RefundCaseEvent.action).where(
        m.RefundCaseEvent.case_id == case.id, m.RefundCaseEvent.action.in_(("resolve", "submit")),
        m.RefundCaseEvent.officer_id.is_not(None)))
    for oid, action in past:
        if oid is None:  # pragma: no cover - filtered by the query
            continue
        out.setdefault(oid, set()).add("resolved" if action == "resolve" else "submitted")
    return out


# --- escalation (the daily timer) -------------------------------------------------------------


@system_job("the daily timer (backoffice-admin refund escalate)")
def escalate(uow: UnitOfWork, as_of: date, *, now: datetime | None = None) -> int:
    """Move every case still awaiting confirmation whose window ended on or before ``as_of`` to
    escalated, in one set-based UPDATE with one history row per case (INSERT ... SELECT, no
    per-row round trips) and one audit event for the run naming the history rows it wrote (the
    audit chain numbers and hashes events one by one, so a run is one link, not 100,000);
    idempotent."""
    session: Session = uow.session
    at = now_utc(now)
    t, ev = table(m.RefundCase), table(m.RefundCaseEvent)
    due = sa.and_(t.c.status == S.AWAITING_CONFIRMATION.value, t.c.window_ends_on <= as_of)
    at_value = sa.literal(at, m.RefundCaseEvent.at.type)
    # The history row says what happened (the action); the day it was run for is in the run's audit row.
    cols = ["case_id", "at", "action", "from_status", "to_status"]
    fixed = (at_value, sa.literal("escalate"), sa.literal(S.AWAITING_CONFIRMATION.value),
             sa.literal(S.ESCALATED.value))
    if session.get_bind().dialect.name == "postgresql":
        # One statement: the UPDATE's RETURNING feeds the history INSERT (exactly the rows this
        # run moved, whatever runs beside it).
        moved = sa.update(t).where(due).values(status=S.ESCALATED.value).returning(t.c.id).cte("moved")
        stmt = ev.insert().from_select(cols, sa.select(moved.c.id, *fixed)).returning(ev.c.id)
        ids = [int(i) for i in session.scalars(stmt)]
        count, first, last = len(ids), min(ids, default=0), max(ids, default=0)
    else:
        # SQLite has one writer at a time: the history INSERT takes the write lock, so the rows it
        # adds are the newest ``count`` ids; the same predicate then moves the cases.
        inserted = session.execute(ev.insert().from_select(cols, sa.select(t.c.id, *fixed).where(due)))
        count = int(inserted.rowcount)  # type: ignore[attr-defined]
        last = int(session.scalar(sa.select(sa.func.max(ev.c.id))) or 0) if count else 0
        first = last - count + 1 if count else 0
        if count:
            session.execute(sa.update(t).where(due).values(status=S.ESCALATED.value))
    if count:
        session.add(m.AuditEvent(at=at, action="refund.escalate_run", entity_type="refund_case", entity_id=None,
                                 details={"as_of": as_of.isoformat(), "escalated": count,
                                          "history_ids": [first, last]}))
    uow.commit()
    return int(count)


# --- officer: resolve, submit ---------------------------------------------------------------------


@requires(HANDLER_ROLES)
def resolve(uow: UnitOfWork, case_id: int, officer: Actor, *, effective_on: date, reason: str,
            evidence_ids: tuple[int, ...] = (), now: datetime | None = None) -> TransitionResult:
    """Record the officer's finding: the last day of service E (figures recomputed by the policy)."""
    session: Session = uow.session
    me = require_officer(session, officer, "resolve a refund case", HANDLER_ROLES)
    if not (reason or "").strip():
        raise ReasonRequired("resolve")
    at = now_utc(now)
    case = load_case(session, case_id)
    require_state(case, "resolve")
    term = session.get(m.Termination, case.termination_id)
    assert term is not None
    start = _service_start(session, term)
    end = contract_end(start, case.term_months)
    if not start <= effective_on <= end:
        raise InvalidEffectiveDate(effective_on, start, end)
    q = prefunds.quote_refund(case.points_total, case.self_pay_paid, start, case.term_months, effective_on)
    old = _figures(case, term)
    new = {"effective_on": effective_on.isoformat(), "months_used": q.months_used, "points_used": q.points_used,
           "points_refund": q.points_refund, "self_pay_used": q.self_pay_used, "self_pay_refund": q.self_pay_refund,
           "clauses": list(q.clauses)}
    before = move(session, case, "resolve", {
        "effective_on": effective_on, "months_used": q.months_used, "points_used": q.points_used,
        "points_refund": q.points_refund, "self_pay_used": q.self_pay_used, "self_pay_refund": q.self_pay_refund,
        "clauses": "、".join(q.clauses), "resolved_by_id": me.id, "resolved_at": at,
        "resolution_note": reason.strip(), "prepared_by_id": case.prepared_by_id or me.id,
        "evidence": ",".join(str(i) for i in evidence_ids) or case.evidence,
    })
    ev = record(session, case, "resolve", before, me.id, at, reason=reason.strip(),
                details={"old": old, "new": new, "evidence_ids": list(evidence_ids)})
    uow.commit()
    return TransitionResult(case.id, "resolve", before.value, case.status.value, ev.id)


@requires(HANDLER_ROLES)
def submit(uow: UnitOfWork, case_id: int, officer: Actor, *, note: str | None = None,
           now: datetime | None = None) -> TransitionResult:
    """Submit a confirmed (checked) or resolved case for a supervisor's approval."""
    session: Session = uow.session
    me = require_officer(session, officer, "submit a refund case", HANDLER_ROLES)
    at = now_utc(now)
    case = load_case(session, case_id)
    before = move(session, case, "submit", {"submitted_by_id": me.id, "submitted_at": at,
                                            "prepared_by_id": case.prepared_by_id or me.id})
    ev = record(session, case, "submit", before, me.id, at, reason=(note or "").strip() or None)
    uow.commit()
    return TransitionResult(case.id, "submit", before.value, case.status.value, ev.id)


# --- supervisor: approve (and post), return ----------------------------------------------------------


def _supervisor_checks(session: Session, case_id: int, supervisor: Actor, action: str,
                       uow: UnitOfWork, signer: Signer | None) -> tuple[m.Officer, m.RefundCase]:
    precheck_decision(uow, case_id, supervisor, action)
    me = require_officer(session, supervisor, f"{action} a refund case", SUPERVISOR_ROLES)
    case = load_case(session, case_id)
    if signer is None:
        if not is_demo_database(uow):
            raise SignatureRequired("a refund decision must be signed with the supervisor's card")
    elif not me.cert_sha256:
        raise SignatureRequired("the supervisor has no card certificate bound")
    return me, case


@requires(SUPERVISOR_ROLES, officer="supervisor")
def precheck_decision(uow: UnitOfWork, case_id: int, supervisor: Actor, action: str) -> None:
    """Role, state and four eyes for ``action`` ("approve"/"return"), before a PIN is asked."""
    session: Session = uow.session
    me = require_officer(session, supervisor, f"{action} a refund case", SUPERVISOR_ROLES)
    case = load_case(session, case_id)
    require_state(case, action)
    held = handlers_of(session, case).get(me.id)
    if held:
        raise FourEyesViolation(case.id, me.id, tuple(sorted(held)))


@requires(SUPERVISOR_ROLES, officer="supervisor")
def supervisor_certificate(uow: UnitOfWork, supervisor: Actor) -> bytes | None:
    """The card certificate bound to the supervisor (what the decision must be signed with)."""
    row = require_officer(uow.session, supervisor, "sign refund decisions", SUPERVISOR_ROLES)
    return bytes(row.cert_der) if row.cert_der else None


def _sign(signer: Signer | None, data: bytes, me: m.Officer) -> SignedBlob | None:
    if signer is None:
        return None
    blob = signer(data)
    if blob.payload != data or not blob.verify() or blob.cert_sha256 != me.cert_sha256:
        raise WrongSigningCard(me.cert_sha256, blob.cert_sha256)
    return blob


@requires(SUPERVISOR_ROLES, officer="supervisor")
def approve(uow: UnitOfWork, case_id: int, supervisor: Actor, *, signer: Signer | None,
            now: datetime | None = None) -> TransitionResult:
    """Approve with the supervisor's card and post the refund on R, the Taipei date of approval."""
    from backoffice.services.refunds.posting import post_approval

    session: Session = uow.session
    me, case = _supervisor_checks(session, case_id, supervisor, "approve", uow, signer)
    at = now_utc(now)
    returned_on = taipei_date(at)
    data = decision_payload(case_facts(session, case), decision="approve", reason=None, supervisor=me,
                            decided_at=at, returned_on=returned_on.isoformat())
    blob = _sign(signer, data, me)
    before = move(session, case, "approve", {
        "approved_by_id": me.id, "approved_at": at, "approval_payload": data.decode("utf-8"),
        "approval_signature": blob.signature if blob else None,
        "approval_cert_der": blob.cert_der if blob else None,
        "approval_cert_sha256": blob.cert_sha256 if blob else None})
    posted = post_approval(session, case, returned_on)
    ev = record(session, case, "approve", before, me.id, at, details=posted, payload=data, blob=blob)
    uow.commit()
    return TransitionResult(case.id, "approve", before.value, case.status.value, ev.id, blob is not None)


@requires(SUPERVISOR_ROLES, officer="supervisor")
def return_case(uow: UnitOfWork, case_id: int, supervisor: Actor, *, reason: str, signer: Signer | None,
                now: datetime | None = None) -> TransitionResult:
    """Return the case to the officer with a reason (signed like an approval)."""
    session: Session = uow.session
    if not (reason or "").strip():
        raise ReasonRequired("return")
    me, case = _supervisor_checks(session, case_id, supervisor, "return", uow, signer)
    at = now_utc(now)
    data = decision_payload(case_facts(session, case), decision="return", reason=reason.strip(), supervisor=me,
                            decided_at=at, returned_on=None)
    blob = _sign(signer, data, me)
    before = move(session, case, "return")
    ev = record(session, case, "return", before, me.id, at, reason=reason.strip(), payload=data, blob=blob)
    uow.commit()
    return TransitionResult(case.id, "return", before.value, case.status.value, ev.id, blob is not None)


# --- after approval: the vendor's self-pay refund; evidence -------------------------------------------


@requires(FINANCE_ROLES)
def record_self_pay_refund(uow: UnitOfWork, case_id: int, officer: Actor, *, paid_on: date, reference: str,
                           now: datetime | None = None) -> TransitionResult:
    """Record that the vendor paid the applicant the self-pay refund, with its proof."""
    session: Session = uow.session
    me = require_officer(session, officer, "record a self-pay refund", FINANCE_ROLES)
    if not (reference or "").strip():
        raise ReasonRequired("self_pay_refund")
    case = load_case(session, case_id)
    if case.status is not S.APPROVED:
        raise InvalidTransition(case.id, "self_pay_refund", case.status.value, (S.APPROVED.value,))
    if case.self_pay_refund <= 0:
        raise SelfPayRefundError(case.id, "no self-pay refund is owed")
    if case.self_pay_refunded_on is not None:
        raise SelfPayRefundError(case.id, f"already recorded as paid on {case.self_pay_refunded_on}")
    if case.returned_on is not None and paid_on < case.returned_on:
        raise SelfPayRefundError(case.id, "paid before the refund was approved")
    at = now_utc(now)
    case.self_pay_refunded_on = paid_on
    case.self_pay_refund_proof = reference.strip()
    ev = record(session, case, "self_pay_refund", S.APPROVED, me.id, at, reason=reference.strip(),
                details={"paid_on": paid_on.isoformat(), "amount": case.self_pay_refund})
    uow.commit()
    return TransitionResult(case.id, "self_pay_refund", S.APPROVED.value, case.status.value, ev.id)


@requires(HANDLER_ROLES)
def add_evidence(uow: UnitOfWork, case_id: int, officer: Actor, *, filename: str, media_type: str, content: bytes,
                 now: datetime | None = None) -> int:
    """Attach evidence (the vendor's service log, a letter...) to an open case."""
    session: Session = uow.session
    me = require_officer(session, officer, "attach refund evidence", HANDLER_ROLES)
    case = load_case(session, case_id)
    if case.status not in OPEN_STATES:
        raise InvalidTransition(case.id, "add_evidence", case.status.value, tuple(s.value for s in OPEN_STATES))
    # Only what the in-app viewer can show (PDF or image, size limits): raises InvalidAttachment.
    from backoffice.services.applications.attachments import validate

    validate(content, media_type)
    at = now_utc(now)
    row = m.RefundEvidence(case_id=case.id, filename=filename[:255], media_type=media_type[:100], content=content,
                           sha256=hashlib.sha256(content).hexdigest(), size=len(content), uploaded_at=at,
                           uploaded_by_id=me.id)
    session.add(row)
    session.flush()
    session.add(m.AuditEvent(officer_id=me.id, at=at, action="refund.evidence", entity_type="refund_case",
                             entity_id=str(case.id), details={"evidence_id": row.id, "sha256": row.sha256,
                                                              "filename": row.filename}))
    uow.commit()
    return row.id


# --- helpers ------------------------------------------------------------------------------------------


@query_helper("a workflow step called with the acting officer's session")
def service_start_or_none(session: Session, term: m.Termination) -> date | None:
    """S: the contract's first day of service, else the order's (None if the feed gave neither)."""
    start = session.scalar(sa.select(m.Contract.start_on).where(m.Contract.order_id == term.order_id))
    if start is None:
        start = session.scalar(sa.select(m.Order.service_started_on).where(m.Order.id == term.order_id))
    return start


def _service_start(session: Session, term: m.Termination) -> date:
    start = service_start_or_none(session, term)
    if start is None:
        raise InvalidEffectiveDate(term.effective_on, term.effective_on, term.effective_on)
    return start


@query_helper("a workflow step called with the acting officer's session")
def service_start(session: Session, term: m.Termination) -> date:
    return _service_start(session, term)


def _figures(case: m.RefundCase, term: m.Termination) -> dict[str, Any]:
    return {"effective_on": (case.effective_on or term.effective_on).isoformat(), "months_used": case.months_used,
            "points_used": case.points_used, "points_refund": case.points_refund,
            "self_pay_used": case.self_pay_used, "self_pay_refund": case.self_pay_refund,
            "clauses": [c for c in (case.clauses or "").split("、") if c]}

