"""Verification at the desk (臨櫃查驗): the applicant's card against the application (Qt-free).

The view reads the card through ``backoffice.smartcard.identify`` (off the UI thread) and hands
the ``IdentifyResult`` here. The card must name the applicant:
- 工商憑證 (MOEACA): the certificate's UBN equals the application's; a branch (分公司)
  certificate is ineligible (須知五(四));
- the representative's 自然人憑證 (MOICA): the last 4 digits of the ID on the card equal those of
  the representative's ID number on 附表1 (the card carries only those 4 digits);
- 組織及團體憑證 (XCA): the organisation identifier equals the application's UBN.
The card's method must also be allowed for the applicant type (須知六(一)), and the certificate
must validate (revocation_unknown is let through with a note, as at sign-in).

The result is stored as evidence: an ``IdentityProof`` (source "desk"), an ``EligibilityCheck``
(code ``desk_identity``) and an ``AuditEvent``.
"""

from __future__ import annotations

from dataclasses import dataclass

from backoffice.db import models as m
from backoffice.db.enums import IdentityMethod, Outcome, ProofSource
from backoffice.db.session import UnitOfWork
from backoffice.policy.applicants import identity_method_allowed
from backoffice.policy.eligibility import BRANCH_SUBJECT_TYPES, CLAUSE_EL_BRANCH
from backoffice.services.applications.review import (
    DESK_CHECK_CODE,
    POLICY_METHOD,
    ApplicationNotFound,
    policy_type,
)
from backoffice.services.authz import REVIEW_ROLES, Actor, pure, require_officer, requires
from backoffice.smartcard.identify import IdentifyResult

METHOD_BY_CARD_TYPE: dict[str, IdentityMethod] = {
    "moeaca": IdentityMethod.MOEACA,
    "moica": IdentityMethod.MOICA,
    "xca": IdentityMethod.XCA,
}
# Validation statuses that make the card unusable as proof (same set as sign-in refuses).
REFUSED_STATUSES = frozenset({"expired", "not_yet_valid", "revoked", "untrusted"})
CLAUSE_IDENTITY = "須知六(一)"
CLAUSE_DESK = "RULES §4 身分驗證"


@dataclass(frozen=True)
class DeskVerification:
    """What the desk check found; ``reasons`` are (zh, en) pairs."""

    application_id: int
    outcome: str  # pass / fail / unknown
    card_type: str
    method: str | None
    holder_name: str | None
    validation_status: str
    reasons: tuple[tuple[str, str], ...]
    proof_id: int | None
    check_id: int

    @property
    def passed(self) -> bool:
        return self.outcome == Outcome.PASS.value

    def evidence(self, lang: str = "zh") -> str:
        return "；".join(z for z, _ in self.reasons) if lang != "en" else "; ".join(e for _, e in self.reasons)


@pure
def compare(card: IdentifyResult, applicant: m.Applicant) -> tuple[Outcome, list[tuple[str, str]], list[str]]:
    """Pure comparison of a card with the applicant: (outcome, reasons (zh, en), clauses)."""
    info = card.info
    holder = info.holder
    status = str(card.validation.status)
    fails: list[tuple[str, str]] = []
    unknown: list[tuple[str, str]] = []
    notes: list[tuple[str, str]] = []
    clauses = [CLAUSE_IDENTITY, CLAUSE_DESK]
    method = METHOD_BY_CARD_TYPE.get(info.card_type)
    if method is None:
        fails.append((f"此卡（{info.card_type}）不是可用於申請的憑證", f"A {info.card_type} card cannot prove the applicant"))
    else:
        verdict = identity_method_allowed(policy_type(applicant.applicant_type), POLICY_METHOD[method],
                                          policy_type(applicant.as_type) if applicant.as_type else None)
        if not verdict.ok:
            fails += list(zip(verdict.reasons, verdict.reasons_en, strict=True))
    if status in REFUSED_STATUSES:
        fails.append((f"憑證驗證未通過：{status}", f"Certificate not valid: {status}"))
    elif status != "valid":
        notes.append((f"憑證狀態：{status}（無法確認廢止狀態）", f"Certificate status: {status}"))
    if method is IdentityMethod.MOEACA:
        if (holder.ubn or "") == applicant.ubn:
            notes.insert(0, (f"工商憑證統一編號 {holder.ubn} 與申請相符", f"MOEACA UBN {holder.ubn} matches"))
        else:
            fails.append((f"工商憑證統一編號 {holder.ubn or '（無）'} 與申請 {applicant.ubn} 不符",
                          f"MOEACA UBN {holder.ubn or '(none)'} differs from the application's {applicant.ubn}"))
        if (holder.subject_type or "").lower() in BRANCH_SUBJECT_TYPES:
            fails.append(("工商憑證主體為分公司，不符申請資格", "The MOEACA certificate is a branch's: ineligible"))
            clauses.append(CLAUSE_EL_BRANCH)
    elif method is IdentityMethod.MOICA:
        rep = (applicant.representative_id or "").strip()
        if not rep:
            unknown.append(("申請資料無代表人身分證字號可比對", "No representative ID on the application"))
        elif holder.id_last4 is None:
            unknown.append(("卡片未載身分證末四碼", "The card carries no ID digits"))
        elif holder.id_last4 == rep[-4:]:
            notes.insert(0, ("自然人憑證身分證末四碼與代表人相符", "Last 4 ID digits match the representative"))
        else:
            fails.append(("自然人憑證身分證末四碼與代表人不符", "Last 4 ID digits differ from the representative's"))
    elif method is IdentityMethod.XCA:
        if (holder.org_id or "") == applicant.ubn:
            notes.insert(0, (f"組織及團體憑證識別碼 {holder.org_id} 與統一編號相符",
                             f"XCA organisation id {holder.org_id} matches the UBN"))
        else:
            fails.append((f"組織及團體憑證識別碼 {holder.org_id or '（無）'} 與統一編號 {applicant.ubn} 不符",
                          f"XCA organisation id {holder.org_id or '(none)'} differs from UBN {applicant.ubn}"))
    if fails:
        return Outcome.FAIL, fails + unknown + notes, clauses
    if unknown:
        return Outcome.UNKNOWN, unknown + notes, clauses
    return Outcome.PASS, notes, clauses


@requires(REVIEW_ROLES)
def verify_at_desk(uow: UnitOfWork, application_id: int, officer: Actor, card: IdentifyResult) -> DeskVerification:
    """Compare ``card`` with the application and record the result as evidence; commits."""
    session = uow.session
    row = require_officer(session, officer, "verify an applicant's card")
    app = session.get(m.Application, application_id)
    if app is None:
        raise ApplicationNotFound(application_id)
    applicant = session.get(m.Applicant, app.applicant_id)
    assert applicant is not None
    outcome, reasons, clauses = compare(card, applicant)
    info = card.info
    method = METHOD_BY_CARD_TYPE.get(info.card_type)
    status = str(card.validation.status)
    zh = "；".join(z for z, _ in reasons)
    en = "; ".join(e for _, e in reasons)
    proof: m.IdentityProof | None = None
    if method is not None:  # a card of another kind proves nothing: only the check records it
        proof = m.IdentityProof(
            application_id=app.id, method=method, source=ProofSource.DESK,
            cert_serial=info.serial, cert_subject=info.subject, cert_issuer=info.issuer, cert_sha256=info.sha256,
            cert_not_before=info.not_before, cert_not_after=info.not_after, cert_der=info.der,
            holder_ubn=info.holder.ubn, holder_id_last4=info.holder.id_last4,
            subject_type=info.holder.subject_type, validation_status=status, officer_id=row.id,
            outcome=outcome, detail=zh,
        )
        session.add(proof)
    check = m.EligibilityCheck(application_id=app.id, code=DESK_CHECK_CODE, outcome=outcome,
                               clauses="; ".join(clauses), evidence=f"{zh}\n{en}", decided_by_id=row.id)
    session.add(check)
    session.flush()
    session.add(m.AuditEvent(officer_id=row.id, action="application.desk_verified", entity_type="application",
                             entity_id=str(app.id), details={
                                 "outcome": outcome.value, "card_type": info.card_type, "cert_sha256": info.sha256,
                                 "validation": status, "proof_id": proof.id if proof else None}))
    uow.commit()
    return DeskVerification(app.id, outcome.value, info.card_type, method.value if method else None,
                            info.holder.name, status, tuple(reasons), proof.id if proof else None, check.id)
