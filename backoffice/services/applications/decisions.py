"""Signed review decisions (審查決定): approve, reject with a reason, request a supplement (補件).

Every decision is a canonical JSON payload (sorted keys, no spaces, UTF-8) signed with the
officer's card through PKCS#11 (``backoffice.smartcard.signing``), stored in ``Decision`` with
the signature and the certificate, and written to the audit log, so it can be re-verified years
later with ``verify_decision`` (the payload, not the mutable application row, is what was signed).

The service never sees the PIN: the caller passes a ``signer`` (payload bytes -> ``SignedBlob``)
built around the PIN it asked for once. Card-less (unsigned) decisions exist only on demo
databases, where the officer signed in without a card.

Concurrency: the officer must hold the claim; the decision is checked and signed first with no
row lock (a slow PIN entry blocks nobody), then ``assignment.require_claim`` locks the row (on
PostgreSQL), the version and the checklist are re-checked against what was signed (a case changed
meanwhile is refused: ``DecisionConflict``), and everything is written. The ORM's version column
guards the UPDATE itself; ``ledger.issue_grant`` reserves the budget with one conditional UPDATE
(``BudgetExhausted``), and the database's one-live-grant index refuses a second grant to one
applicant under any race: the whole decision is rolled back (decision, e-mail, reservation) and
``ledger.DuplicateGrant`` is raised.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from backoffice.db import models as m
from backoffice.db.audit import signed_event_details
from backoffice.db.enums import ApplicationStatus, DecisionKind
from backoffice.db.session import UnitOfWork
from backoffice.policy import clauses as C
from backoffice.policy import points as ppoints
from backoffice.policy.dates import roc_short
from backoffice.policy.eligibility import overall
from backoffice.policy.params import DEFAULT_PARAMS, ProgrammeParams
from backoffice.services.admin.officers import is_demo_database
from backoffice.services.applications.assignment import CLAIMABLE_STATUSES, ClaimRequired, require_claim
from backoffice.services.applications.findings import effective_outcomes, latest_findings
from backoffice.services.applications.review import (
    DESK_CHECK_CODE,
    ApplicationNotFound,
    eligibility_report,
    taipei_date,
)
from backoffice.services.authz import REVIEW_ROLES, Actor, pure, query_helper, require_officer, requires
from backoffice.services.points import ledger
from backoffice.smartcard.certinfo import CERT_ERRORS
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
    ReasonCode("supplement_overdue", "逾期未補件", "Supplement not provided in time", C.DECISION_SUPPLEMENT),
    ReasonCode("other", "其他（請填寫說明）", "Other (explain in the note)", C.OTHER_GROUND),
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


class ReasonNotApplicable(InvalidReason):
    """The reason does not fit the case (逾期未補件 on a case never asked for a supplement, or
    before its supplement deadline has passed)."""

    def __init__(self, reason_code: str, application_id: int, supplement_deadline: date | None) -> None:
        super().__init__(reason_code, "does not apply to this case")
        self.application_id = application_id
        self.supplement_deadline = supplement_deadline


class SupplementItemsRequired(DecisionError):
    """A supplement request must say what to supply (補件事項): the e-mail would be useless."""

    def __init__(self, application_id: int) -> None:
        super().__init__(f"application {application_id}: a supplement request needs the items to supply")
        self.application_id = application_id


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
class EmailPreview:
    """The applicant's e-mail as it would be queued (None address: no e-mail on file, none is sent)."""

    to_address: str | None
    subject: str
    body: str


@dataclass(frozen=True)
class VerificationResult:
    decision_id: int
    ok: bool
    status: str  # valid / unsigned / bad_signature / cert_mismatch / payload_mismatch
    signer_subject: str | None
    cert_sha256: str | None
    payload: dict[str, Any]


@pure
def canonical_json(data: dict[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no whitespace, UTF-8 (stable across versions)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@query_helper("signing steps shared by card-signed decisions and batch approvals")
def require_signer(uow: UnitOfWork, me: m.Officer, signer: Signer | None) -> None:
    """Before any work: a signer is needed (outside a demo database) and a bound card certificate.

    Shared by every signed act (decisions, refund approvals, payment batches)."""
    if signer is None:
        if not is_demo_database(uow):
            raise SignatureRequired("a decision must be signed with the officer's card")
    elif not me.cert_sha256:
        raise SignatureRequired("the officer has no card certificate bound")


@query_helper("signing steps shared by card-signed decisions and batch approvals")
def sign_checked(me: m.Officer, data: bytes, signer: Signer | None) -> SignedBlob | None:
    """Sign ``data`` and check the signature verifies with the officer's own bound certificate."""
    blob = signer(data) if signer is not None else None
    if blob is not None:
        if blob.payload != data or not blob.verify():
            raise WrongSigningCard(me.cert_sha256, blob.cert_sha256)
        if blob.cert_sha256 != me.cert_sha256:
            raise WrongSigningCard(me.cert_sha256, blob.cert_sha256)
    return blob


# --- the use cases ------------------------------------------------------------------------------


@requires(REVIEW_ROLES)
def approve(uow: UnitOfWork, application_id: int, officer: Actor, *, signer: Signer | None,
            expected_version: int | None = None, note: str | None = None,
            today: date | None = None, now: datetime | None = None) -> DecisionResult:
    """Approve: grant the points (budget-safe), store the signed decision, queue the e-mail."""
    return _decide(uow, application_id, officer, DecisionKind.APPROVE, signer=signer,
                   expected_version=expected_version, note=note, today=today, now=now)


@requires(REVIEW_ROLES)
def reject(uow: UnitOfWork, application_id: int, officer: Actor, *, reason_code: str, signer: Signer | None,
           expected_version: int | None = None, note: str | None = None,
           today: date | None = None, now: datetime | None = None) -> DecisionResult:
    """Reject with a reason code of ``REJECT_REASONS`` ("other" needs a note)."""
    if reason_code not in REJECT_REASONS:
        raise InvalidReason(reason_code, "unknown reason code")
    if reason_code == "other" and not (note or "").strip():
        raise InvalidReason(reason_code, "a note is required")
    return _decide(uow, application_id, officer, DecisionKind.REJECT, signer=signer, reason_code=reason_code,
                   expected_version=expected_version, note=note, today=today, now=now)


@requires(REVIEW_ROLES)
def request_supplement(uow: UnitOfWork, application_id: int, officer: Actor, *, deadline: date, signer: Signer | None,
                       expected_version: int | None = None, note: str | None = None,
                       today: date | None = None, now: datetime | None = None) -> DecisionResult:
    """Ask the applicant for a supplement (補件) by ``deadline`` (a Taipei date after today); ``note``
    (補件事項, what to supply) is required: the e-mail must say it."""
    if not (note or "").strip():
        raise SupplementItemsRequired(application_id)
    return _decide(uow, application_id, officer, DecisionKind.SUPPLEMENT, signer=signer, deadline=deadline,
                   expected_version=expected_version, note=note, today=today, now=now)


_TARGET = {
    DecisionKind.APPROVE: ApplicationStatus.APPROVED,
    DecisionKind.REJECT: ApplicationStatus.REJECTED,
    DecisionKind.SUPPLEMENT: ApplicationStatus.SUPPLEMENT_REQUESTED,
}


def _decide(uow: UnitOfWork, application_id: int, officer: Actor, kind: DecisionKind, *, signer: Signer | None,
            reason_code: str | None = None, deadline: date | None = None, expected_version: int | None,
            note: str | None, today: date | None, now: datetime | None) -> DecisionResult:
    session: Session = uow.session
    me = require_officer(session, officer, f"{kind.value} an application", REVIEW_ROLES)
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    day = today or taipei_date(at)
    if kind is DecisionKind.SUPPLEMENT and (deadline is None or deadline <= day):
        raise InvalidDeadline(deadline, day)
    # 1. Check and sign WITHOUT a row lock: the card may wait for a slow PIN entry, and nobody
    #    else should wait for that (issue 7 item 6).
    app = _decidable(session, application_id, me.id, expected_version, lock=False)
    if reason_code is not None:
        check_reason_applies(session, app, reason_code, day)
    applicant = session.get(m.Applicant, app.applicant_id)
    assert applicant is not None
    eligibility = _eligibility(session, application_id, day)
    if kind is DecisionKind.APPROVE and (eligibility.blocking or eligibility.unresolved):
        raise NotEligible(application_id, eligibility.blocking, eligibility.unresolved)

    require_signer(uow, me, signer)
    grant_points = _grant_params(session, app, day).grant_points if kind is DecisionKind.APPROVE else None
    signed_version = app.version
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
        "grant_points": grant_points,
        "eligibility": {
            "eligible": eligibility.eligible,
            "fail": sorted(eligibility.failing),
            "unknown": sorted(eligibility.unresolved),
            "findings": dict(sorted(eligibility.findings.items())),
        },
        "officer_id": me.id,
        "officer_cert_sha256": me.cert_sha256,
        "application_version": signed_version,
        "decided_at": at.isoformat(),
    }
    data = canonical_json(payload)
    blob = sign_checked(me, data, signer)

    # 2. Lock the row (PostgreSQL), re-check that the case is still what was signed, write.
    app = _decidable(session, application_id, me.id, signed_version, lock=True)
    if _eligibility(session, application_id, day) != eligibility:  # a check changed while signing
        raise DecisionConflict(application_id, signed_version, app.version)
    try:
        return _write(uow, app, applicant, me.id, kind, data, blob, at, day, reason_code, deadline, note,
                      expected_version)
    except ledger.LedgerError:
        uow.rollback()  # nothing of the decision stays: no decision, no e-mail, no reservation
        raise
    except IntegrityError as exc:
        uow.rollback()
        typed = ledger.ledger_error_from(exc, applicant_id=applicant.id)
        if typed is None:
            raise
        raise typed from exc


def _decidable(session: Session, application_id: int, officer_id: int, expected_version: int | None, *,
               lock: bool) -> m.Application:
    """The application, fresh from the database, if this officer may decide it at that version.

    ``lock``: ``require_claim`` (FOR UPDATE on PostgreSQL, until commit); else a plain read of the
    claim holder."""
    if lock:
        require_claim(session, application_id, officer_id)
    app = session.get(m.Application, application_id, populate_existing=True)
    if app is None:
        raise ApplicationNotFound(application_id)
    if not lock and app.assigned_officer_id != officer_id:
        raise ClaimRequired(application_id, officer_id, app.assigned_officer_id)
    if app.status not in CLAIMABLE_STATUSES:
        raise NotDecidable(application_id, app.status.value)
    if expected_version is not None and app.version != expected_version:
        raise DecisionConflict(application_id, expected_version, app.version)
    return app


@dataclass(frozen=True)
class _Eligibility:
    """The policy checklist with the officers' findings on 待查 items (what an approval rests on)."""

    failing: tuple[str, ...]  # items that fail, after findings
    unresolved: tuple[str, ...]  # items still 待查 (no officer's finding)
    desk_failed: bool
    eligible: bool | None
    findings: dict[str, str]

    @property
    def blocking(self) -> tuple[str, ...]:
        return self.failing + (("desk_identity",) if self.desk_failed else ())


def _eligibility(session: Session, application_id: int, day: date) -> _Eligibility:
    report = eligibility_report(session, application_id, day)
    found = {code: rec.outcome.value for code, rec in latest_findings(session, application_id).items()}
    outcomes = effective_outcomes(report, found)
    return _Eligibility(
        failing=tuple(code for code, o in outcomes.items() if o == "fail"),
        unresolved=tuple(code for code, o in outcomes.items() if o == "unknown"),
        desk_failed=_desk_failed(session, application_id),
        eligible=overall(outcomes.values()),
        findings=found,
    )


def _grant_params(session: Session, app: m.Application, day: date) -> ProgrammeParams:
    """The parameters of the programme an approval grants from, resolved as ``ledger.issue_grant``
    resolves it (the application's programme, else the only one)."""
    return ledger.programme_params(session, ledger.grant_programme_id(session, app.id, None), day)


def _write(uow: UnitOfWork, app: m.Application, applicant: m.Applicant, officer_id: int, kind: DecisionKind,
           data: bytes, blob: SignedBlob | None, at: datetime, day: date, reason_code: str | None,
           deadline: date | None, note: str | None, expected_version: int | None) -> DecisionResult:
    """The signed decision, the grant (approval), the status change, the e-mail and the audit event,
    in the caller's transaction; commits."""
    session: Session = uow.session
    grant: m.Grant | None = None
    if kind is DecisionKind.APPROVE:
        grant = ledger.issue_grant(session, applicant_id=applicant.id, application_id=app.id, issued_on=day,
                                   officer_id=officer_id)
    before = app.status
    app.status = _TARGET[kind]
    if kind is DecisionKind.SUPPLEMENT:
        app.supplement_deadline = deadline
    else:
        app.decided_at = at
    decision = m.Decision(application_id=app.id, kind=kind, reason_code=reason_code, note=note or None,
                          payload=data.decode("utf-8"), signature=blob.signature if blob else None,
                          cert_der=blob.cert_der if blob else None, cert_sha256=blob.cert_sha256 if blob else None,
                          officer_id=officer_id, at=at)
    session.add(decision)
    session.add(m.ApplicationStatusChange(application_id=app.id, from_status=before, to_status=app.status, at=at,
                                          officer_id=officer_id, reason_code=reason_code or kind.value, note=note))
    email = _notification(applicant, kind, reason_code, deadline, grant, note)
    if email is not None:
        session.add(email)
    try:
        session.flush()
    except StaleDataError as exc:  # the version column moved under us: someone else changed the case
        raise DecisionConflict(app.id, expected_version, None) from exc
    session.add(m.AuditEvent(officer_id=officer_id, action=f"application.{kind.value}", entity_type="application",
                             entity_id=str(app.id), details={
                                 "decision_id": decision.id, "reason_code": reason_code,
                                 **signed_event_details(blob, data), "grant_id": grant.id if grant else None,
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


@query_helper("a decision rule, called by the decision services with the decider's session")
def check_reason_applies(session: Session, app: m.Application, reason_code: str, day: date) -> None:
    """Raise ``ReasonNotApplicable`` for 逾期未補件 unless a supplement was requested and its
    deadline has passed (RULES §5 [decision]); other reasons rest on the officer's judgement."""
    if reason_code != "supplement_overdue":
        return
    asked = session.scalar(sa.select(sa.func.count()).select_from(m.Decision).where(
        m.Decision.application_id == app.id, m.Decision.kind == DecisionKind.SUPPLEMENT))
    if not asked or app.supplement_deadline is None or app.supplement_deadline >= day:
        raise ReasonNotApplicable(reason_code, app.id, app.supplement_deadline)


@query_helper("a decision rule, called by the decision services and the reject dialog's choices")
def reason_applies(uow: UnitOfWork, application_id: int, reason_code: str, today: date) -> bool:
    """Whether ``reason_code`` may be chosen for the case today (the reject dialog asks)."""
    app = uow.session.get(m.Application, application_id)
    if app is None:
        raise ApplicationNotFound(application_id)
    try:
        check_reason_applies(uow.session, app, reason_code, today)
    except ReasonNotApplicable:
        return False
    return True


@query_helper("the e-mail a decision would queue, shown to the officer deciding (nothing is written)")
def preview_notification(uow: UnitOfWork, application_id: int, kind: str, *, today: date, reason_code: str | None = None,
                         deadline: date | None = None, note: str | None = None) -> EmailPreview:
    """The e-mail the decision would queue, built by the same code (nothing is written)."""
    session: Session = uow.session
    app = session.get(m.Application, application_id)
    if app is None:
        raise ApplicationNotFound(application_id)
    applicant = session.get(m.Applicant, app.applicant_id)
    assert applicant is not None
    decision = DecisionKind(kind)
    terms = None
    if decision is DecisionKind.APPROVE:
        try:
            p = _grant_params(session, app, today)
        except ledger.LedgerError:  # no programme to grant from: the approval itself will say so
            p = DEFAULT_PARAMS
        terms = _GrantTerms(today, p.grant_points, ppoints.grant_valid_until(today, p), ppoints.lapse_date(today, p))
    subject, body = _mail_text(applicant, decision, reason_code, deadline, terms, note)
    return EmailPreview(applicant.contact_email or None, subject, body)


@dataclass(frozen=True)
class _GrantTerms:
    issued_on: date
    points: int
    valid_until: date
    lapse_on: date


def _notification(applicant: m.Applicant, kind: DecisionKind, reason_code: str | None, deadline: date | None,
                  grant: m.Grant | None, note: str | None) -> m.OutboxEmail | None:
    """The applicant's notification e-mail (須知九 二), written in the same transaction."""
    if not applicant.contact_email:
        return None
    terms = _GrantTerms(grant.issued_on, grant.points, grant.valid_until, grant.lapse_on) if grant else None
    subject, body = _mail_text(applicant, kind, reason_code, deadline, terms, note)
    return m.OutboxEmail(to_address=applicant.contact_email, subject=subject, body=body)


def _mail_text(applicant: m.Applicant, kind: DecisionKind, reason_code: str | None, deadline: date | None,
               grant: _GrantTerms | None, note: str | None) -> tuple[str, str]:
    """Subject and body of the applicant's e-mail; published clauses only (our own reading is
    spelled out as 作業原則, never an internal reference)."""
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
        body = (f"貴單位（統一編號 {applicant.ubn}）之數位點數申請經審查未予核定。\n"
                f"理由：{reason.label_zh}（{C.shown(reason.clause)}）")
        if note:
            body += f"\n說明：{note}"
    else:
        subject = "【臺灣雲市集】數位點數申請補件通知"
        body = (f"貴單位（統一編號 {applicant.ubn}）之數位點數申請尚需補件，"
                f"請於 {roc_short(deadline) if deadline else ''} 前完成補件。")
        if note:
            body += f"\n補件事項：{note}"
    return subject, greeting + body + footer


@query_helper("checks a stored decision signature (ids and a verdict, no personal data)")
def verify_decision(uow: UnitOfWork, decision_id: int) -> VerificationResult:
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
    except CERT_ERRORS:
        good = False
    status = "valid"
    if not good:
        status = "bad_signature"
    elif sha256_hex(d.cert_der) != d.cert_sha256 or payload.get("officer_cert_sha256") != d.cert_sha256:
        status = "cert_mismatch"
    elif (payload.get("schema") != PAYLOAD_SCHEMA or payload.get("application_id") != d.application_id
          or payload.get("decision") != d.kind.value
          or payload.get("reason_code") != d.reason_code or payload.get("officer_id") != d.officer_id):
        status = "payload_mismatch"
    elif not _signed_by_deciding_officer(uow.session, d):  # consistent, but signed by someone else
        status = "cert_mismatch"
    return VerificationResult(d.id, status == "valid", status, subject, d.cert_sha256, payload)


def _signed_by_deciding_officer(session: Session, d: m.Decision) -> bool:
    """Whether the stored certificate is the one the deciding officer signed with.

    A consistent row re-signed with someone else's key and certificate verifies on its own, so the
    certificate is checked against what was recorded when the decision was made: its audit event
    (append-only, same transaction) names the officer and the certificate; without one, the
    certificate bound to the officer."""
    for officer_id, details in session.execute(sa.select(m.AuditEvent.officer_id, m.AuditEvent.details).where(
            m.AuditEvent.entity_type == "application", m.AuditEvent.entity_id == str(d.application_id),
            m.AuditEvent.action == f"application.{d.kind.value}")):
        if (details or {}).get("decision_id") == d.id:
            return bool(officer_id == d.officer_id and details.get("cert_sha256") == d.cert_sha256)
    officer = session.get(m.Officer, d.officer_id)
    return officer is not None and officer.cert_sha256 == d.cert_sha256


@query_helper("the id of a case's latest decision")
def latest_decision_id(uow: UnitOfWork, application_id: int) -> int | None:
    return uow.session.scalar(sa.select(sa.func.max(m.Decision.id)).where(m.Decision.application_id == application_id))


@requires(REVIEW_ROLES)
def officer_certificate(uow: UnitOfWork, officer: Actor) -> bytes | None:
    """The card certificate bound to the officer (what decisions must be signed with)."""
    row = require_officer(uow.session, officer, "sign decisions", REVIEW_ROLES)
    return bytes(row.cert_der) if row.cert_der else None
