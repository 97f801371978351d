"""Signed review decisions (審查決定): approve, reject with a reason, request a supplement (補件).

Every decision is a canonical JSON payload (sorted keys, no spaces, UTF-8) signed with the
officer's card through PKCS#11 (``backoffice.smartcard.signing``), stored in ``Decision`` with
the signature and the certificate, and written to the audit log, so it can be re-verified years
later with ``verify_decision`` (the payload, not the mutable application row, is what was signed).

The service never sees the PIN: the caller passes a ``signer`` (payload bytes -> ``SignedBlob``)
built around the PIN it asked for once. Card-less (unsigned) decisions exist only on demo
databases, where the officer signed in without a card.

Concurrency: the officer must hold the claim (``assignment.require_claim``, which locks the row
on PostgreSQL); the decision carries the application version the officer saw (optimistic lock:
a case changed since then is refused), the ORM's version column guards the UPDATE itself, and
``ledger.issue_grant`` reserves the budget with one conditional UPDATE, so concurrent approvals
can never over-commit it (``BudgetExhausted``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from backoffice.db import models as m
from backoffice.db.enums import ApplicationStatus, DecisionKind
from backoffice.policy.dates import roc_short
from backoffice.policy.eligibility import overall
from backoffice.services.admin.officers import is_demo_database
from backoffice.services.applications.assignment import CLAIMABLE_STATUSES, require_claim
from backoffice.services.applications.findings import effective_outcomes, latest_findings
from backoffice.services.applications.review import (
    DESK_CHECK_CODE,
    ApplicationNotFound,
    eligibility_report,
    taipei_date,
)
from backoffice.services.authz import REVIEW_ROLES, require_officer
from backoffice.services.points import ledger
from backoffice.smartcard.signing import SignedBlob, sha256_hex
from backoffice.smartcard.signing import verify as verify_signature

PAYLOAD_SCHEMA = "tcloud-backoffice/decision/v1"
Signer = Callable[[bytes], SignedBlob]


@dataclass(frozen=True)
class ReasonCode:
    code: str
    label_zh: str
    label_en: str
    clause: str


# The fixed table of rejection reasons (one code per RULES §4/§5 ground, plus 其他 with a note).
REJECT_REASONS: dict[str, ReasonCode] = {r.code: r for r in (
    ReasonCode("applicant_type", "不符申請身分定義", "Applicant type does not qualify", "須知四、五(一)"),
    ReasonCode("identity_method", "身分驗證方式不符規定", "Identity method not allowed", "須知六(一)"),
    ReasonCode("not_sme", "不符中小企業認定標準", "Not an SME under the SME standard", "中小企業認定標準 第2條"),
    ReasonCode("major_breach", "最近3年有政府計畫重大違約", "Major breach of a government project", "須知五(二)"),
    ReasonCode("serious_violation", "最近3年有重大違法情事", "Serious violation of law", "須知五(三)"),
    ReasonCode("mainland_or_branch", "陸資企業或分公司", "Mainland capital or a branch", "須知五(四)"),
    ReasonCode("other_subsidy", "已獲其他雲世代小額補助或輔導", "Another cloud-era subsidy received", "須知五(五)1"),
    ReasonCode("already_granted", "此統一編號已申請並獲發點數", "This UBN was already granted points", "須知八(一)"),
    ReasonCode("authorisation", "授權書不符規定", "Authorisation forms not valid", "須知六(二)"),
    ReasonCode("declarations", "聲明事項或個資同意未勾選", "Declarations or consent missing", "附表1 聲明事項"),
    ReasonCode("desk_verification", "臨櫃憑證查驗未通過", "Card verification at the desk failed", "須知六(一)"),
    ReasonCode("supplement_overdue", "逾期未補件", "Supplement not provided in time", "RULES §5 [decision]"),
    ReasonCode("other", "其他（請填寫說明）", "Other (explain in the note)", "RULES §5"),
)}


# --- errors (carry data; views choose the words) ------------------------------------------------


class DecisionError(Exception):
    """Base of the decision service's expected failures."""


class NotDecidable(DecisionError):  # noqa: N818
    def __init__(self, application_id: int, status: str) -> None:
        super().__init__(f"application {application_id} is {status}: nothing to decide")
        self.application_id = application_id
        self.status = status


class DecisionConflict(DecisionError):
    """The case changed since the officer looked at it (another decision, a new claim...)."""

    def __init__(self, application_id: int, expected_version: int | None, actual_version: int | None) -> None:
        super().__init__(f"application {application_id} changed (version {expected_version} -> {actual_version})")
        self.application_id = application_id
        self.expected_version = expected_version
        self.actual_version = actual_version


class NotEligible(DecisionError):  # noqa: N818
    """Approval refused: checklist items fail, or are still 待查 (``unresolved``: no officer's finding)."""

    def __init__(self, application_id: int, failing: tuple[str, ...], unresolved: tuple[str, ...] = ()) -> None:
        super().__init__(f"application {application_id} fails {', '.join(failing)}; unresolved {', '.join(unresolved)}")
        self.application_id = application_id
        self.failing = failing
        self.unresolved = unresolved


class InvalidReason(DecisionError):
    def __init__(self, reason_code: str | None, problem: str) -> None:
        super().__init__(f"reason {reason_code!r}: {problem}")
        self.reason_code = reason_code
        self.problem = problem


class InvalidDeadline(DecisionError):
    def __init__(self, deadline: date | None, today: date) -> None:
        super().__init__(f"supplement deadline {deadline} must be after {today}")
        self.deadline = deadline
        self.today = today


class SignatureRequired(DecisionError):
    """No signer given outside a demo database, or the officer has no bound card certificate."""


class WrongSigningCard(DecisionError):
    """The payload was signed with a certificate other than the officer's bound one."""

    def __init__(self, expected_sha256: str | None, got_sha256: str) -> None:
        super().__init__("signed with a certificate that is not the officer's")
        self.expected_sha256 = expected_sha256
        self.got_sha256 = got_sha256


# --- values -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionResult:
    decision_id: int
    application_id: int
    kind: str
    status: str
    signed: bool
    grant_id: int | None = None
    grant_points: int | None = None
    outbox_email_id: int | None = None


@dataclass(frozen=True)
class VerificationResult:
    decision_id: int
    ok: bool
    status: str  # valid / unsigned / bad_signature / cert_mismatch / payload_mismatch
    signer_subject: str | None
    cert_sha256: str | None
    payload: dict[str, Any]


def canonical_json(data: dict[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no whitespace, UTF-8 (stable across versions)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# --- the use cases ------------------------------------------------------------------------------


def approve(uow: Any, application_id: int, officer: Any, *, signer: Signer | None,
            expected_version: int | None = None, note: str | None = None,
            today: date | None = None, now: datetime | None = None) -> DecisionResult:
    """Approve: grant the points (budget-safe), store the signed decision, queue the e-mail."""
    return _decide(uow, application_id, officer, DecisionKind.APPROVE, signer=signer,
                   expected_version=expected_version, note=note, today=today, now=now)


def reject(uow: Any, application_id: int, officer: Any, *, reason_code: str, signer: Signer | None,
           expected_version: int | None = None, note: str | None = None,
           today: date | None = None, now: datetime | None = None) -> DecisionResult:
    """Reject with a reason code of ``REJECT_REASONS`` ("other" needs a note)."""
    if reason_code not in REJECT_REASONS:
        raise InvalidReason(reason_code, "unknown reason code")
    if reason_code == "other" and not (note or "").strip():
        raise InvalidReason(reason_code, "a note is required")
    return _decide(uow, application_id, officer, DecisionKind.REJECT, signer=signer, reason_code=reason_code,
                   expected_version=expected_version, note=note, today=today, now=now)


def request_supplement(uow: Any, application_id: int, officer: Any, *, deadline: date, signer: Signer | None,
                       expected_version: int | None = None, note: str | None = None,
                       today: date | None = None, now: datetime | None = None) -> DecisionResult:
    """Ask the applicant for a supplement (補件) by ``deadline`` (a Taipei date after today)."""
    return _decide(uow, application_id, officer, DecisionKind.SUPPLEMENT, signer=signer, deadline=deadline,
                   expected_version=expected_version, note=note, today=today, now=now)


_TARGET = {
    DecisionKind.APPROVE: ApplicationStatus.APPROVED,
    DecisionKind.REJECT: ApplicationStatus.REJECTED,
    DecisionKind.SUPPLEMENT: ApplicationStatus.SUPPLEMENT_REQUESTED,
}


def _decide(uow: Any, application_id: int, officer: Any, kind: DecisionKind, *, signer: Signer | None,
            reason_code: str | None = None, deadline: date | None = None, expected_version: int | None,
            note: str | None, today: date | None, now: datetime | None) -> DecisionResult:
    session: Session = uow.session
    me = require_officer(session, officer, f"{kind.value} an application", REVIEW_ROLES)
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    day = today or taipei_date(at)
    if kind is DecisionKind.SUPPLEMENT and (deadline is None or deadline <= day):
        raise InvalidDeadline(deadline, day)
    require_claim(session, application_id, me.id)  # locks the row on PostgreSQL until commit
    app = session.get(m.Application, application_id, populate_existing=True)
    if app is None:
        raise ApplicationNotFound(application_id)
    if app.status not in CLAIMABLE_STATUSES:
        raise NotDecidable(application_id, app.status.value)
    if expected_version is not None and app.version != expected_version:
        raise DecisionConflict(application_id, expected_version, app.version)
    applicant = session.get(m.Applicant, app.applicant_id)
    assert applicant is not None
    report = eligibility_report(session, application_id, day)
    found = {code: rec.outcome.value for code, rec in latest_findings(session, application_id).items()}
    outcomes = effective_outcomes(report, found)
    failing = tuple(code for code, o in outcomes.items() if o == "fail")
    unresolved = tuple(code for code, o in outcomes.items() if o == "unknown")
    desk_failed = _desk_failed(session, application_id)
    if kind is DecisionKind.APPROVE and (failing or desk_failed or unresolved):
        raise NotEligible(application_id, failing + (("desk_identity",) if desk_failed else ()), unresolved)

    if signer is None:
        if not is_demo_database(uow):
            raise SignatureRequired("a decision must be signed with the officer's card")
    elif not me.cert_sha256:
        raise SignatureRequired("the officer has no card certificate bound")
    params = ledger.programme_params(session, app.programme_id, day) if app.programme_id else None
    payload = {
        "schema": PAYLOAD_SCHEMA,
        "application_id": app.id,
        "external_id": app.external_id,
        "ubn": applicant.ubn,
        "applicant_name": applicant.name,
        "decision": kind.value,
        "reason_code": reason_code,
        "note": note or None,
        "supplement_deadline": deadline.isoformat() if deadline else None,
        "grant_points": (params.grant_points if params else 30_000) if kind is DecisionKind.APPROVE else None,
        "eligibility": {
            "eligible": overall(outcomes.values()),
            "fail": sorted(failing),
            "unknown": sorted(unresolved),
            "findings": dict(sorted(found.items())),
        },
        "officer_id": me.id,
        "officer_cert_sha256": me.cert_sha256,
        "application_version": app.version,
        "decided_at": at.isoformat(),
    }
    data = canonical_json(payload)
    blob = signer(data) if signer is not None else None
    if blob is not None:
        if blob.payload != data or not blob.verify():
            raise WrongSigningCard(me.cert_sha256, blob.cert_sha256)
        if blob.cert_sha256 != me.cert_sha256:
            raise WrongSigningCard(me.cert_sha256, blob.cert_sha256)

    grant: m.Grant | None = None
    if kind is DecisionKind.APPROVE:
        grant = ledger.issue_grant(session, applicant_id=applicant.id, application_id=app.id, issued_on=day,
                                   officer_id=me.id)
    before = app.status
    app.status = _TARGET[kind]
    if kind is DecisionKind.SUPPLEMENT:
        app.supplement_deadline = deadline
    else:
        app.decided_at = at
    decision = m.Decision(application_id=app.id, kind=kind, reason_code=reason_code, note=note or None,
                          payload=data.decode("utf-8"), signature=blob.signature if blob else None,
                          cert_der=blob.cert_der if blob else None, cert_sha256=blob.cert_sha256 if blob else None,
                          officer_id=me.id, at=at)
    session.add(decision)
    session.add(m.ApplicationStatusChange(application_id=app.id, from_status=before, to_status=app.status, at=at,
                                          officer_id=me.id, reason_code=reason_code or kind.value, note=note))
    email = _notification(applicant, kind, reason_code, deadline, grant, note)
    if email is not None:
        session.add(email)
    try:
        session.flush()
    except StaleDataError as exc:  # the version column moved under us: someone else changed the case
        raise DecisionConflict(application_id, expected_version, None) from exc
    session.add(m.AuditEvent(officer_id=me.id, action=f"application.{kind.value}", entity_type="application",
                             entity_id=str(app.id), details={
                                 "decision_id": decision.id, "reason_code": reason_code,
                                 "signed": blob is not None, "cert_sha256": blob.cert_sha256 if blob else None,
                                 "payload_sha256": sha256_hex(data), "grant_id": grant.id if grant else None,
                                 "supplement_deadline": deadline.isoformat() if deadline else None}))
    uow.commit()
    return DecisionResult(decision.id, app.id, kind.value, app.status.value, blob is not None,
                          grant.id if grant else None, grant.points if grant else None,
                          email.id if email is not None else None)


def _desk_failed(session: Session, application_id: int) -> bool:
    """Whether the latest desk verification of the case failed (a failed card check blocks approval)."""
    latest = session.scalar(sa.select(m.EligibilityCheck.outcome).where(
        m.EligibilityCheck.application_id == application_id, m.EligibilityCheck.code == DESK_CHECK_CODE,
    ).order_by(m.EligibilityCheck.at.desc(), m.EligibilityCheck.id.desc()).limit(1))
    return latest is not None and latest.value == "fail"


def _notification(applicant: m.Applicant, kind: DecisionKind, reason_code: str | None, deadline: date | None,
                  grant: m.Grant | None, note: str | None) -> m.OutboxEmail | None:
    """The applicant's notification e-mail (須知九 二), written in the same transaction."""
    if not applicant.contact_email:
        return None
    greeting = f"{applicant.name} 您好：\n\n"
    footer = "\n\n臺灣雲市集 數位點數補助 執行單位 敬啟\n（本信件由系統自動發送，請勿直接回覆）"
    if kind is DecisionKind.APPROVE and grant is not None:
        subject = "【臺灣雲市集】數位點數申請核定通知"
        body = (f"貴單位（統一編號 {applicant.ubn}）之數位點數申請已核定，"
                f"於 {roc_short(grant.issued_on)} 核發點數 {grant.points:,} 點。\n"
                f"點數有效期限至 {roc_short(grant.valid_until)}；"
                f"如於 {roc_short(grant.lapse_on)} 前未使用點數，點數將返還系統（須知七(三)）。")
    elif kind is DecisionKind.REJECT:
        reason = REJECT_REASONS[reason_code or "other"]
        subject = "【臺灣雲市集】數位點數申請審查結果通知"
        body = f"貴單位（統一編號 {applicant.ubn}）之數位點數申請經審查未予核定。\n理由：{reason.label_zh}（{reason.clause}）"
        if note:
            body += f"\n說明：{note}"
    else:
        subject = "【臺灣雲市集】數位點數申請補件通知"
        body = (f"貴單位（統一編號 {applicant.ubn}）之數位點數申請尚需補件，"
                f"請於 {roc_short(deadline) if deadline else ''} 前完成補件。")
        if note:
            body += f"\n補件事項：{note}"
    return m.OutboxEmail(to_address=applicant.contact_email, subject=subject, body=greeting + body + footer)


def verify_decision(uow: Any, decision_id: int) -> VerificationResult:
    """Re-verify a stored decision: the signature over the stored payload, the stored certificate's
    hash, and that the payload says what the decision row says."""
    d = uow.session.get(m.Decision, decision_id)
    if d is None:
        raise LookupError(f"no decision {decision_id}")
    try:
        payload = json.loads(d.payload)
    except ValueError:
        payload = {}
    subject = None
    if d.signature is None or d.cert_der is None:
        return VerificationResult(d.id, False, "unsigned", None, None, payload)
    try:
        from cryptography import x509

        subject = x509.load_der_x509_certificate(d.cert_der).subject.rfc4514_string()
        good = verify_signature(d.payload.encode("utf-8"), d.signature, d.cert_der)
    except ValueError:
        good = False
    status = "valid"
    if not good:
        status = "bad_signature"
    elif sha256_hex(d.cert_der) != d.cert_sha256 or payload.get("officer_cert_sha256") != d.cert_sha256:
        status = "cert_mismatch"
    elif (payload.get("application_id") != d.application_id or payload.get("decision") != d.kind.value
          or payload.get("reason_code") != d.reason_code or payload.get("officer_id") != d.officer_id):
        status = "payload_mismatch"
    return VerificationResult(d.id, status == "valid", status, subject, d.cert_sha256, payload)


def latest_decision_id(uow: Any, application_id: int) -> int | None:
    return uow.session.scalar(sa.select(sa.func.max(m.Decision.id)).where(m.Decision.application_id == application_id))


def officer_certificate(uow: Any, officer: Any) -> bytes | None:
    """The card certificate bound to the officer (what decisions must be signed with)."""
    row = require_officer(uow.session, officer, "sign decisions", REVIEW_ROLES)
    return bytes(row.cert_der) if row.cert_der else None
