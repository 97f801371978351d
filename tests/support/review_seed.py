"""Review test data (WB2): a programme with a budget, officers, and complete, eligible applications.

Plain functions (no fixtures) so integration and GUI tests share them. Dates are fixed around
115/03/02 (2026-03-02) so the authorisation forms are inside their validity period.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import (
    ApplicantType,
    ApplicationStatus,
    AuthorisationForm,
    IdentityMethod,
    Outcome,
    ProofSource,
    QueryOutcome,
    Role,
)

TODAY = date(2026, 3, 2)
SUBMITTED = datetime(2026, 2, 24, 2, 30, tzinfo=UTC)
# Valid UBNs (RULES §10 examples and more valid under the divisible-by-5 rule).
UBNS = ["04595257", "10458575", "10458574", "22099131", "04595252", "62140097", "53212539", "12345675"]
REP_ID = "A123456789"


@dataclass(frozen=True)
class Seeded:
    programme_id: int
    officer_id: int
    other_officer_id: int
    finance_id: int
    application_ids: list[int]


def add_officer(s: Any, name: str, email: str, roles: list[Role], cert_der: bytes | None = None) -> m.Officer:
    officer = m.Officer(name=name, email=email, active=True, roles=[m.OfficerRole(role=r) for r in roles])
    if cert_der is not None:
        officer.cert_der = cert_der
        officer.cert_sha256 = hashlib.sha256(cert_der).hexdigest()
    s.add(officer)
    s.flush()
    return officer


def add_application(s: Any, programme_id: int, index: int, *, ubn: str | None = None,
                    method: IdentityMethod = IdentityMethod.MOEACA, email: str | None = "boss@example.com",
                    name: str | None = None, applicant_id: int | None = None) -> int:
    """A submitted application with its proof and forms; a new applicant unless ``applicant_id``
    names an existing one (a second application of the same UBN)."""
    existing = s.get(m.Applicant, applicant_id) if applicant_id is not None else None
    ubn = existing.ubn if existing is not None else ubn or UBNS[index % len(UBNS)]
    applicant = existing or m.Applicant(
        name=name or f"好給力{index}股份有限公司", ubn=ubn, applicant_type=ApplicantType.SME,
        industry_section="J", industry_division="62", registered_on=date(2015, 6, 1),
        paid_in_capital=5_000_000, employees=12, address="臺北市信義區市府路1號",
        representative_name="王小明", representative_title="董事長", representative_id=REP_ID,
        contact_name="陳聯絡", contact_title="經理", contact_phone="02-2345-6789", contact_phone_ext="12",
        contact_mobile="0912-345-678", contact_email=email,
        has_company_registration=True, has_tax_registration=True,
    )
    s.add(applicant)
    s.flush()
    app = m.Application(
        external_id=f"A{index:06d}", programme_id=programme_id, applicant_id=applicant.id, submitted_at=SUBMITTED,
        status=ApplicationStatus.SUBMITTED, identity_method=method, personal_data_consent=True,
        declarations={"accepted": True}, self_assessment_done=True, no_tax_arrears_declared=True,
    )
    s.add(app)
    s.flush()
    s.add(m.ApplicationStatusChange(application_id=app.id, from_status=None,
                                    to_status=ApplicationStatus.SUBMITTED, at=SUBMITTED, reason_code="feed"))
    s.add(m.IdentityProof(application_id=app.id, method=method, source=ProofSource.PLATFORM,
                          holder_ubn=ubn if method is IdentityMethod.MOEACA else None,
                          subject_type="company" if method is IdentityMethod.MOEACA else "citizen",
                          verified_at=SUBMITTED, outcome=Outcome.PASS))
    for form in (AuthorisationForm.FORM2, AuthorisationForm.FORM3):
        auth = m.Authorisation(
            application_id=app.id, form=form, company_name=applicant.name, ubn=ubn,
            valid_from=date(2026, 2, 20), valid_until=date(2026, 5, 20), consent=True, signed_on=date(2026, 2, 20),
            representative_name="王小明", representative_id=REP_ID if form is AuthorisationForm.FORM3 else None,
        )
        s.add(auth)
        s.flush()
        s.add(m.AuthorisationQuery(authorisation_id=auth.id, at=datetime(2026, 2, 25, 1, 0, tzinfo=UTC),
                                   outcome=QueryOutcome.BACKEND_FAILURE, note="勞保局系統維護"))
        s.add(m.AuthorisationQuery(authorisation_id=auth.id, at=datetime(2026, 2, 26, 1, 0, tzinfo=UTC),
                                   outcome=QueryOutcome.SUCCESS, result={"headcount": 12}))
    return int(app.id)


def seed(uow_factory: Any, *, grants_budget: int = 10, applications: int = 3, officer_cert: bytes | None = None,
         demo: bool = False) -> Seeded:
    """A programme whose budget holds ``grants_budget`` grants, three officers, ``applications`` cases."""
    with uow_factory() as uow:
        s = uow.session
        programme = m.Programme(code="T2026", name="測試計畫", is_demo=demo)
        s.add(programme)
        s.flush()
        s.add(m.Budget(programme_id=programme.id, total=30_000 * grants_budget, committed=0))
        officer = add_officer(s, "林官員", "lin@officers.test", [Role.OFFICER], officer_cert)
        other = add_officer(s, "張官員", "chang@officers.test", [Role.OFFICER, Role.SUPERVISOR])
        finance = add_officer(s, "會計李", "lee@officers.test", [Role.FINANCE])
        ids = [add_application(s, programme.id, i) for i in range(applications)]
        uow.commit()
        return Seeded(programme.id, officer.id, other.id, finance.id, ids)


def budget_committed(uow_factory: Any, programme_id: int) -> int:
    with uow_factory() as uow:
        return int(uow.session.scalar(sa.select(m.Budget.committed).where(m.Budget.programme_id == programme_id)))
