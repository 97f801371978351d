"""The review dossier (審查資料): everything a decision on one application depends on, in one value.

``load_dossier(uow, application_id, today=...)`` reads the application and returns plain frozen
dataclasses (no ORM object leaves the service): every 附表1 field with its form label, the
identity proofs and whether the method is allowed (RULES §4), 附表2/附表3 with their queries and
the one-query rule, the eligibility checklist computed by ``policy.eligibility.evaluate`` (each item
with clauses and evidence), the attachments, decisions and the case history.

National ID numbers are masked here (RULES §10): the dossier never carries a full one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import (
    AuthorisationForm,
    IdentityMethod,
    OrderStatus,
)
from backoffice.db.session import UnitOfWork
from backoffice.policy import eligibility as pel
from backoffice.policy import industry
from backoffice.policy.applicants import ApplicantType as PType
from backoffice.policy.applicants import IdentityMethod as PMethod
from backoffice.policy.applicants import (
    Verdict,
    forms_required,
    identity_method_allowed,
    method_label,
    type_label,
)
from backoffice.policy.authorisation import AuthorisationForm as PForm
from backoffice.policy.authorisation import AuthorisationQuery as PQuery
from backoffice.policy.authorisation import form_problems, may_query, period_text
from backoffice.policy.dates import roc_short
from backoffice.policy.identifiers import mask_national_id
from backoffice.services.authz import CASE_READ_ROLES, Actor, pure, query_helper, requires
from backoffice.smartcard.certinfo import parse_certificate
from backoffice.smartcard.connection import CardDataError

TAIPEI = ZoneInfo("Asia/Taipei")

# Stored identity methods -> the policy's names for them.
POLICY_METHOD: dict[IdentityMethod, PMethod] = {
    IdentityMethod.MOEACA: PMethod.MOEACA_CARD,
    IdentityMethod.MOICA: PMethod.MOICA_CARD,
    IdentityMethod.MOICA_MOBILE: PMethod.MOICA_MOBILE,
    IdentityMethod.PHONE: PMethod.PHONE,
    IdentityMethod.XCA: PMethod.XCA_CARD,
}

FORM_TITLES: dict[AuthorisationForm, tuple[str, str]] = {
    AuthorisationForm.FORM2: ("附表2 勞保投保人數查詢授權書", "Form 2: labour-insurance headcount authorisation"),
    AuthorisationForm.FORM3: ("附表3 商工登記資料查詢授權書", "Form 3: business-registration data authorisation"),
}

# Code of the checklist row that records the desk verification (services.desk_verification).
DESK_CHECK_CODE = "desk_identity"
DESK_CHECK_TITLE = ("臨櫃憑證查驗", "Card verified at the desk")


class ApplicationNotFound(LookupError):
    def __init__(self, application_id: int) -> None:
        super().__init__(f"no application {application_id}")
        self.application_id = application_id


@dataclass(frozen=True)
class FormField:
    """One 附表1 field as on the form: its label and the value to show (zh-TW and English)."""

    key: str
    label_zh: str
    label_en: str
    value: str
    value_en: str = ""
    group: str = "basic"  # basic / representative / contact

    def display(self, lang: str = "zh") -> str:
        return self.value_en if lang == "en" and self.value_en else self.value


@dataclass(frozen=True)
class ProofRow:
    id: int
    method: str
    method_label_zh: str
    method_label_en: str
    source: str  # platform / desk
    outcome: str
    cert_subject: str | None
    holder_ubn: str | None
    holder_id_last4: str | None
    subject_type: str | None
    validation_status: str | None
    verified_at: datetime
    officer_name: str | None
    detail: str | None


@dataclass(frozen=True)
class QueryRow:
    at: datetime
    outcome: str  # success / backend_failure / other_failure
    note: str | None
    result: dict[str, Any] | None


@dataclass(frozen=True)
class AuthorisationRow:
    form: str  # form2 / form3
    title_zh: str
    title_en: str
    company_name: str
    ubn: str
    ubn_matches: bool
    valid_from: date | None
    valid_until: date | None
    period: str  # ROC "115/03/01–115/06/01"
    in_period_today: bool
    consent: bool
    signed_on: date | None
    representative_name: str | None
    representative_id_masked: str | None
    queries: tuple[QueryRow, ...]
    may_query: Verdict  # whether one more query is allowed today (the one-query rule)
    problems: tuple[tuple[str, str], ...]  # (zh, en) from policy.authorisation.form_problems


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    title_zh: str
    title_en: str
    outcome: str  # pass / fail / unknown / not_applicable
    clauses: tuple[str, ...]
    evidence: str
    evidence_en: str
    source: str = "policy"  # policy (computed now) / finding (an officer resolved 待查) / recorded (evidence)
    decided_by: str | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    kind: str
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


@dataclass(frozen=True)
class SignatureFacts:
    """How a decision was signed: with whose certificate (holder, serial in hex), or not at all
    (``signed`` False: a card-less decision, possible only on a demo database)."""

    signed: bool
    holder: str | None = None
    serial: str | None = None


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    kind: str  # status / audit
    action: str  # e.g. "status:submitted->under_review", "application.claimed"
    officer_name: str | None
    reason_code: str | None = None
    note: str | None = None
    signature: SignatureFacts | None = None  # decisions only


@dataclass(frozen=True)
class DecisionRow:
    id: int
    kind: str
    reason_code: str | None
    note: str | None
    at: datetime
    officer_name: str | None
    cert_sha256: str | None


@dataclass(frozen=True)
class GrantRow:
    id: int
    points: int
    issued_on: date
    valid_until: date
    lapse_on: date
    status: str


@dataclass(frozen=True)
class ReviewDossier:
    application_id: int
    external_id: str
    version: int
    status: str
    submitted_at: datetime
    ubn: str
    name: str
    applicant_type: str
    applicant_type_label: tuple[str, str]
    contact_email: str | None
    assigned_officer_id: int | None
    assigned_officer_name: str | None
    claimed_at: datetime | None
    supplement_deadline: date | None
    form_fields: tuple[FormField, ...]
    identity_method: str | None
    identity_method_label: tuple[str, str] | None
    identity_allowed: Verdict | None
    identity_proofs: tuple[ProofRow, ...]
    forms_required: bool
    authorisations: tuple[AuthorisationRow, ...]
    checklist: tuple[ChecklistRow, ...]
    eligible: bool | None
    attachments: tuple[AttachmentRow, ...]
    decisions: tuple[DecisionRow, ...]
    history: tuple[HistoryRow, ...]
    grants: tuple[GrantRow, ...] = field(default=())
    applicant_id: int | None = None  # for a supervisor's audited reveal of the representative's ID

    def field_value(self, key: str) -> str:
        return next(f.value for f in self.form_fields if f.key == key)

    def check(self, code: str) -> ChecklistRow:
        return next(c for c in self.checklist if c.code == code)

    def eligibility_summary(self) -> dict[str, Any]:
        """The part of the checklist a signed decision records (codes by outcome)."""
        policy_rows = [c for c in self.checklist if c.source in ("policy", "finding")]
        return {
            "eligible": self.eligible,
            "fail": sorted(c.code for c in policy_rows if c.outcome == "fail"),
            "unknown": sorted(c.code for c in policy_rows if c.outcome == "unknown"),
            "pass": len([c for c in policy_rows if c.outcome == "pass"]),
        }


# --- helpers ----------------------------------------------------------------------------------


@pure
def taipei_date(at: datetime) -> date:
    return at.astimezone(TAIPEI).date()


def _money(v: int | None) -> str:
    return "" if v is None else f"{v:,}"


def _roc(d: date | None) -> str:
    return roc_short(d) if d is not None else ""


@pure
def declared_numbers(declarations: dict[str, Any] | None) -> tuple[frozenset[int], bool]:
    """(ticked 聲明事項 numbers, agreement box) from the stored declarations JSON.

    The platform sends either one ``accepted`` flag for the whole list (docs/feed-format.md
    ``declarations_accepted``) or one flag per numbered declaration ("1".."10") and ``agreed``.
    """
    data = declarations or {}
    for key in ("accepted", "declarations_accepted", "all"):
        if data.get(key) is True:
            return frozenset(range(1, 11)), True
    ticked = frozenset(n for n in range(1, 11) if data.get(str(n)) is True or data.get(f"d{n}") is True)
    agreed = bool(data.get("agreed") or data.get("agreement"))
    return ticked, agreed


@pure
def policy_type(v: Any) -> PType:
    return PType(v.value if hasattr(v, "value") else v)


def _industry_field(applicant: m.Applicant) -> FormField:
    if applicant.industry_division:
        try:
            zh = industry.label(applicant.industry_division)
            en = industry.label(applicant.industry_division, "en")
        except KeyError:
            zh = en = applicant.industry_division
    elif applicant.industry_section:
        zh = industry.section_label(applicant.industry_section)
        en = industry.section_label(applicant.industry_section, "en")
    else:
        zh, en = "", ""
    if applicant.industry_other:
        zh = f"{zh}（其他：{applicant.industry_other}）" if zh else f"其他：{applicant.industry_other}"
        en = f"{en} (other: {applicant.industry_other})" if en else f"Other: {applicant.industry_other}"
    return FormField("industry", "產業類別", "Industry", zh, en)


@pure
def form_fields(applicant: m.Applicant) -> tuple[FormField, ...]:
    """附表1 基本資料, in the order of the form."""
    a = applicant
    phone = a.contact_phone or ""
    if a.contact_phone_ext:
        phone = f"{phone} 分機 {a.contact_phone_ext}"
    phone_en = (a.contact_phone or "") + (f" ext. {a.contact_phone_ext}" if a.contact_phone_ext else "")
    rep_id = mask_national_id(a.representative_id) if a.representative_id else ""
    return (
        FormField("name", "申請單位名稱", "Applicant name", a.name),
        FormField("ubn", "統一編號", "UBN", a.ubn),
        FormField("applicant_type", "申請身分", "Applicant type", type_label(policy_type(a.applicant_type)),
                  type_label(policy_type(a.applicant_type), "en")),
        _industry_field(a),
        FormField("registered_on", "設立登記日期", "Registered on", _roc(a.registered_on),
                  a.registered_on.isoformat() if a.registered_on else ""),
        FormField("paid_in_capital", "實收資本額", "Paid-in capital (NT$)", _money(a.paid_in_capital)),
        FormField("employees", "員工人數", "Employees", "" if a.employees is None else str(a.employees)),
        FormField("address", "申請單位地址", "Address", a.address or ""),
        FormField("representative_name", "代表人姓名", "Representative", a.representative_name or "",
                  group="representative"),
        FormField("representative_title", "職稱", "Title", a.representative_title or "", group="representative"),
        FormField("representative_id", "代表人身分證字號", "Representative's ID number", rep_id,
                  group="representative"),
        FormField("contact_name", "聯絡人姓名", "Contact person", a.contact_name or "", group="contact"),
        FormField("contact_title", "聯絡人職稱", "Contact title", a.contact_title or "", group="contact"),
        FormField("contact_phone", "聯絡電話", "Phone", phone, phone_en, group="contact"),
        FormField("contact_mobile", "手機", "Mobile", a.contact_mobile or "", group="contact"),
        FormField("contact_email", "電子郵件", "E-mail", a.contact_email or "", group="contact"),
    )


@pure
def policy_form(auth: m.Authorisation, queries: list[m.AuthorisationQuery]) -> PForm:
    return PForm(
        ubn=auth.ubn,
        valid_from=auth.valid_from,
        valid_until=auth.valid_until,
        consent=auth.consent,
        signed=auth.signed_on is not None,
        representative_id=auth.representative_id,
        queries=tuple(PQuery(taipei_date(q.at), q.outcome.value) for q in queries),
    )


def _officer_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(sa.select(m.Officer.id, m.Officer.name).where(m.Officer.id.in_(wanted)))
    return {int(i): str(n) for i, n in rows}


@dataclass
class _Loaded:
    app: m.Application
    applicant: m.Applicant
    proofs: list[m.IdentityProof]
    auths: list[tuple[m.Authorisation, list[m.AuthorisationQuery]]]
    recorded: list[m.EligibilityCheck]
    granted_before: bool
    used_points_before: bool


def _load(session: Session, application_id: int) -> _Loaded:
    app = session.get(m.Application, application_id)
    if app is None:
        raise ApplicationNotFound(application_id)
    applicant = session.get(m.Applicant, app.applicant_id)
    assert applicant is not None
    proofs = list(session.scalars(sa.select(m.IdentityProof).where(
        m.IdentityProof.application_id == app.id).order_by(m.IdentityProof.verified_at, m.IdentityProof.id)))
    auth_rows = list(session.scalars(sa.select(m.Authorisation).where(
        m.Authorisation.application_id == app.id).order_by(m.Authorisation.form, m.Authorisation.id)))
    queries: dict[int, list[m.AuthorisationQuery]] = {a.id: [] for a in auth_rows}
    if auth_rows:
        for q in session.scalars(sa.select(m.AuthorisationQuery).where(
                m.AuthorisationQuery.authorisation_id.in_(list(queries))).order_by(m.AuthorisationQuery.at,
                                                                                  m.AuthorisationQuery.id)):
            queries[q.authorisation_id].append(q)
    recorded = list(session.scalars(sa.select(m.EligibilityCheck).where(
        m.EligibilityCheck.application_id == app.id).order_by(m.EligibilityCheck.at, m.EligibilityCheck.id)))
    other_grants = sa.select(m.Grant.id).where(
        m.Grant.applicant_id == applicant.id,
        sa.or_(m.Grant.application_id.is_(None), m.Grant.application_id != app.id),
    )
    granted_before = bool(session.scalar(sa.select(sa.exists(other_grants))))
    used_points_before = bool(session.scalar(sa.select(sa.exists(
        sa.select(m.Order.id).where(m.Order.grant_id.in_(other_grants), m.Order.points > 0,
                                    m.Order.status.notin_((OrderStatus.REJECTED, OrderStatus.CANCELLED)))
    ))))
    return _Loaded(app, applicant, proofs, [(a, queries[a.id]) for a in auth_rows], recorded,
                   granted_before, used_points_before)


def _eligibility_input(loaded: _Loaded) -> pel.EligibilityInput:
    app, a = loaded.app, loaded.applicant
    ticked, agreed = declared_numbers(app.declarations)
    forms = {auth.form: policy_form(auth, qs) for auth, qs in loaded.auths}
    moeaca_types = [p.subject_type for p in loaded.proofs if p.method is IdentityMethod.MOEACA and p.subject_type]
    return pel.EligibilityInput(
        ubn=a.ubn,
        applicant_type=policy_type(a.applicant_type),
        as_type=policy_type(a.as_type) if a.as_type else None,
        identity_method=POLICY_METHOD[app.identity_method] if app.identity_method else None,
        has_company_registration=a.has_company_registration,
        has_business_registration=a.has_business_registration,
        has_tax_registration=a.has_tax_registration,
        has_cooperative_registration=a.cooperative_registered,
        is_subsidiary_unit=a.is_subsidiary_unit,
        in_social_innovation_registry=a.social_innovation_listed,
        paid_in_capital=a.paid_in_capital,
        regular_employees=a.employees,
        declarations=ticked,
        declarations_agreed=agreed,
        personal_data_consent=app.personal_data_consent,
        self_assessment_done=app.self_assessment_done,
        no_tax_arrears_declared=app.no_tax_arrears_declared,
        is_mainland_capital=a.mainland_capital,
        is_foreign_branch=a.foreign_branch,
        is_domestic_branch=a.domestic_branch,
        # The latest card seen (a desk reading comes after the platform's) decides.
        moeaca_subject_type=moeaca_types[-1] if moeaca_types else None,
        granted_before=loaded.granted_before,
        used_points_before=loaded.used_points_before,
        form2=forms.get(AuthorisationForm.FORM2),
        form3=forms.get(AuthorisationForm.FORM3),
    )


@query_helper("decisions check eligibility with their session")
def eligibility_report(session: Session, application_id: int, today: date) -> pel.EligibilityReport:
    """The policy's verdict on the application as stored now (used by the decision service too)."""
    return pel.evaluate(_eligibility_input(_load(session, application_id)), today)


def _auth_row(auth: m.Authorisation, qs: list[m.AuthorisationQuery], app_ubn: str, today: date) -> AuthorisationRow:
    pform = policy_form(auth, qs)
    is3 = auth.form is AuthorisationForm.FORM3
    zh, en = FORM_TITLES[auth.form]
    return AuthorisationRow(
        form=auth.form.value, title_zh=zh, title_en=en, company_name=auth.company_name, ubn=auth.ubn,
        ubn_matches=auth.ubn.strip() == app_ubn.strip(), valid_from=auth.valid_from,
        valid_until=auth.valid_until, period=period_text(pform),
        in_period_today=bool(auth.valid_from and auth.valid_until and auth.valid_from <= today <= auth.valid_until),
        consent=auth.consent, signed_on=auth.signed_on, representative_name=auth.representative_name,
        representative_id_masked=mask_national_id(auth.representative_id) if auth.representative_id else None,
        queries=tuple(QueryRow(q.at, q.outcome.value, q.note, q.result) for q in qs),
        may_query=may_query(pform, today, auth.form.value),
        problems=tuple(form_problems(pform, app_ubn, is3, today)),
    )


DECISION_ACTIONS = frozenset({"application.approve", "application.reject", "application.supplement"})


@pure
def signature_facts(decision: m.Decision) -> SignatureFacts:
    """What the stored decision says about its signature (the certificate is read, not trusted
    to be re-verified here: ``decisions.verify_decision`` does that)."""
    if decision.signature is None or decision.cert_der is None:
        return SignatureFacts(False)
    try:
        info = parse_certificate(bytes(decision.cert_der))
    except CardDataError:
        return SignatureFacts(True)
    return SignatureFacts(True, info.holder.name or info.subject, info.serial)


def _signature_of(event: m.AuditEvent, decisions: dict[int, m.Decision]) -> SignatureFacts | None:
    if event.action not in DECISION_ACTIONS:
        return None
    details = event.details or {}
    decision = decisions.get(details.get("decision_id"))  # type: ignore[arg-type]
    if decision is None:  # the decision row is gone: say what the audit recorded
        return SignatureFacts(bool(details.get("signed")))
    return signature_facts(decision)


@requires(CASE_READ_ROLES, officer="viewer")
def load_dossier(uow: UnitOfWork, application_id: int, *, today: date, viewer: Actor = None) -> ReviewDossier:
    """Everything the review screen shows for one application (read-only; nothing is written)."""
    session: Session = uow.session
    loaded = _load(session, application_id)
    app, a = loaded.app, loaded.applicant
    report = pel.evaluate(_eligibility_input(loaded), today)

    status_changes = list(session.scalars(sa.select(m.ApplicationStatusChange).where(
        m.ApplicationStatusChange.application_id == app.id).order_by(m.ApplicationStatusChange.at,
                                                                     m.ApplicationStatusChange.id)))
    audits = list(session.scalars(sa.select(m.AuditEvent).where(
        m.AuditEvent.entity_type == "application", m.AuditEvent.entity_id == str(app.id)
    ).order_by(m.AuditEvent.at, m.AuditEvent.id)))
    decisions = list(session.scalars(sa.select(m.Decision).where(m.Decision.application_id == app.id)
                                     .order_by(m.Decision.id)))
    attachments = session.execute(sa.select(
        m.Attachment.id, m.Attachment.kind, m.Attachment.filename, m.Attachment.media_type, m.Attachment.size,
        m.Attachment.sha256, m.Attachment.uploaded_at,
    ).where(m.Attachment.application_id == app.id).order_by(m.Attachment.id)).all()
    grants = list(session.scalars(sa.select(m.Grant).where(m.Grant.application_id == app.id).order_by(m.Grant.id)))
    names = _officer_names(session, {app.assigned_officer_id, *(p.officer_id for p in loaded.proofs),
                                     *(c.decided_by_id for c in loaded.recorded),
                                     *(s.officer_id for s in status_changes), *(e.officer_id for e in audits),
                                     *(d.officer_id for d in decisions)})

    method_verdict: Verdict | None = None
    if app.identity_method is not None:
        method_verdict = identity_method_allowed(policy_type(a.applicant_type), POLICY_METHOD[app.identity_method],
                                                 policy_type(a.as_type) if a.as_type else None)
    # Officers' findings resolve the policy's unknowns (latest per item; see services.applications.findings).
    findings = {rec.code: rec for rec in loaded.recorded if rec.code in pel.CHECK_TITLES and rec.decided_by_id}
    checklist = []
    for it in report.items:
        rec = findings.get(it.code)
        if it.outcome == "unknown" and rec is not None and rec.outcome.value in ("pass", "fail"):
            checklist.append(ChecklistRow(
                it.code, it.title_zh, it.title_en, rec.outcome.value, it.clauses,
                f"{it.evidence}；查證：{rec.evidence or ''}", f"{it.evidence_en}; verified: {rec.evidence or ''}",
                source="finding", decided_by=names.get(rec.decided_by_id or 0), at=rec.at))
        else:
            checklist.append(ChecklistRow(it.code, it.title_zh, it.title_en, it.outcome, it.clauses, it.evidence,
                                          it.evidence_en))
    policy_outcomes = [c.outcome for c in checklist]
    for rec in loaded.recorded:  # stored evidence: desk verification, officers' findings
        if rec.code in findings:
            continue  # shown on its item above
        title = DESK_CHECK_TITLE if rec.code == DESK_CHECK_CODE else pel.CHECK_TITLES.get(rec.code, (rec.code, rec.code))
        evidence = rec.evidence or ""
        zh, _, en = evidence.partition("\n")
        checklist.append(ChecklistRow(
            rec.code, title[0], title[1], rec.outcome.value, tuple(filter(None, (rec.clauses or "").split("; "))),
            zh, en or zh, source="recorded",
            decided_by=names.get(rec.decided_by_id) if rec.decided_by_id else None, at=rec.at))
    recorded_fail = any(c.source == "recorded" and c.outcome == "fail" for c in checklist)
    eligible = False if recorded_fail else pel.overall(policy_outcomes)

    history = [HistoryRow(s.at, "status", f"status:{s.from_status.value if s.from_status else ''}->{s.to_status.value}",
                          names.get(s.officer_id) if s.officer_id else None, s.reason_code, s.note)
               for s in status_changes]
    by_id = {d.id: d for d in decisions}
    history += [HistoryRow(e.at, "audit", e.action, names.get(e.officer_id) if e.officer_id else None,
                           signature=_signature_of(e, by_id)) for e in audits]
    history.sort(key=lambda h: h.at)

    return ReviewDossier(
        application_id=app.id, applicant_id=a.id, external_id=app.external_id, version=app.version,
        status=app.status.value, submitted_at=app.submitted_at, ubn=a.ubn, name=a.name, applicant_type=policy_type(a.applicant_type).value,
        applicant_type_label=(type_label(policy_type(a.applicant_type)), type_label(policy_type(a.applicant_type), "en")),
        contact_email=a.contact_email, assigned_officer_id=app.assigned_officer_id,
        assigned_officer_name=names.get(app.assigned_officer_id) if app.assigned_officer_id else None,
        claimed_at=app.claimed_at, supplement_deadline=app.supplement_deadline,
        form_fields=form_fields(a),
        identity_method=app.identity_method.value if app.identity_method else None,
        identity_method_label=(method_label(POLICY_METHOD[app.identity_method]),
                               method_label(POLICY_METHOD[app.identity_method], "en")) if app.identity_method else None,
        identity_allowed=method_verdict,
        identity_proofs=tuple(ProofRow(
            p.id, p.method.value, method_label(POLICY_METHOD[p.method]), method_label(POLICY_METHOD[p.method], "en"),
            p.source.value, p.outcome.value, p.cert_subject, p.holder_ubn, p.holder_id_last4, p.subject_type,
            p.validation_status, p.verified_at, names.get(p.officer_id) if p.officer_id else None, p.detail,
        ) for p in loaded.proofs),
        forms_required=forms_required(policy_type(a.applicant_type), policy_type(a.as_type) if a.as_type else None),
        authorisations=tuple(_auth_row(auth, qs, a.ubn, today) for auth, qs in loaded.auths),
        checklist=tuple(checklist),
        eligible=eligible,
        attachments=tuple(AttachmentRow(*row) for row in attachments),
        decisions=tuple(DecisionRow(d.id, d.kind.value, d.reason_code, d.note, d.at,
                                    names.get(d.officer_id), d.cert_sha256) for d in decisions),
        history=tuple(history),
        grants=tuple(GrantRow(g.id, g.points, g.issued_on, g.valid_until, g.lapse_on, g.status.value)
                     for g in grants),
    )


__all__ = [
    "DESK_CHECK_CODE",
    "ApplicationNotFound",
    "AttachmentRow",
    "AuthorisationRow",
    "ChecklistRow",
    "DecisionRow",
    "FormField",
    "GrantRow",
    "HistoryRow",
    "SignatureFacts",
    "ProofRow", "QueryRow",
    "ReviewDossier",
    "declared_numbers",
    "eligibility_report",
    "load_dossier",
    "taipei_date",
]
