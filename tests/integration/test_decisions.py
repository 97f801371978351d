"""Signed decisions on SQLite and PostgreSQL: approve/reject/supplement, claims, roles, budget, re-verification.

Signatures are made by a real PKCS#11 token (SoftHSM2) holding the officer's key.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.audit import signed_event_details
from backoffice.db.enums import ApplicationStatus, DecisionKind
from backoffice.services.applications import assignment, decisions
from backoffice.services.authz import PermissionDenied
from backoffice.services.points import ledger
from backoffice.smartcard import signing
from tests.support import review_seed as rs
from tests.support.tamper import attacker

pytestmark = [pytest.mark.pkcs11]
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def token_signer(token: Any, lock: threading.Lock | None = None, barrier: threading.Barrier | None = None
                 ) -> decisions.Signer:
    """Sign on the SoftHSM2 token like the desk does: one PIN, the officer's certificate expected."""
    def sign(payload: bytes) -> signing.SignedBlob:
        if lock is not None:
            with lock:  # one card signs one thing at a time
                blob = signing.sign_bytes(token.module, payload, token.user_pin, expected_cert_der=token.cert_der)
        else:
            blob = signing.sign_bytes(token.module, payload, token.user_pin, expected_cert_der=token.cert_der)
        if barrier is not None:
            barrier.wait(timeout=60)  # every approval reaches the budget at the same moment
        return blob
    return sign


@pytest.fixture
def seeded(uow: Any, soft_token: Any) -> rs.Seeded:
    return rs.seed(uow, grants_budget=10, applications=3, officer_cert=soft_token.cert_der)


def claim(uow: Any, app_id: int, officer_id: int) -> int:
    with uow() as u:
        return assignment.claim(u, app_id, officer_id, now=NOW).version


def test_approve_grants_30000_reserves_budget_queues_email_and_verifies(uow: Any, seeded: rs.Seeded,
                                                                         soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    version = claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        result = decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token),
                                   expected_version=version, today=rs.TODAY, now=NOW)
    assert result.signed and result.kind == "approve" and result.status == "approved"
    assert result.grant_points == 30_000
    assert rs.budget_committed(uow, seeded.programme_id) == 30_000
    with uow() as u:
        s = u.session
        app = s.get(m.Application, app_id)
        assert app is not None and app.status is ApplicationStatus.APPROVED
        grant = s.get(m.Grant, result.grant_id)
        assert grant is not None and grant.points == 30_000 and grant.application_id == app_id
        assert grant.issued_on == rs.TODAY and grant.approved_by_id == seeded.officer_id
        assert ledger.balance(s, app.applicant_id, rs.TODAY) == 30_000
        email = s.get(m.OutboxEmail, result.outbox_email_id)
        assert email is not None and email.to_address == "boss@example.com" and email.sent_at is None
        assert "30,000" in email.body and "115/06/02" in email.body  # valid through period_end(D0+1, 3)
        decision = s.get(m.Decision, result.decision_id)
        assert decision is not None and decision.cert_der == soft_token.cert_der
        assert decision.signature and decision.kind is DecisionKind.APPROVE
        audit = s.scalars(sa.select(m.AuditEvent).where(m.AuditEvent.action == "application.approve")).one()
        assert audit.details is not None and audit.details["decision_id"] == decision.id
        # The chain commits to the signature: the payload digest, certificate and signature hashes.
        assert audit.details == {**audit.details, **signed_event_details(
            signing.SignedBlob(decision.payload.encode(), decision.signature, decision.cert_der),
            decision.payload.encode())}
        assert audit.details["signature_sha256"] and audit.details["cert_sha256"] == decision.cert_sha256
        assert audit.officer_id == seeded.officer_id
    with uow() as u:
        check = decisions.verify_decision(u, result.decision_id)
    assert check.ok and check.status == "valid"
    assert check.payload["ubn"] == rs.UBNS[0] and check.payload["decision"] == "approve"
    assert check.payload["eligibility"]["eligible"] is True
    assert "林官員" in (check.signer_subject or "")


def test_signature_no_longer_verifies_when_the_stored_payload_is_altered(uow: Any, seeded: rs.Seeded,
                                                                         soft_token: Any, engine: sa.Engine) -> None:
    app_id = seeded.application_ids[0]
    claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        result = decisions.reject(u, app_id, seeded.officer_id, reason_code="not_sme",
                                  signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    with attacker(engine) as conn:  # decisions are append-only: only the owner, triggers disabled
        conn.execute(sa.update(m.Decision).where(m.Decision.id == result.decision_id).values(
            payload=sa.func.replace(m.Decision.payload, '"not_sme"', '"other"')))
    with uow() as u:
        check = decisions.verify_decision(u, result.decision_id)
    assert not check.ok and check.status == "bad_signature"


def test_a_row_that_no_longer_matches_its_signed_payload_is_reported(uow: Any, seeded: rs.Seeded,
                                                                     soft_token: Any, engine: sa.Engine) -> None:
    app_id = seeded.application_ids[0]
    claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        result = decisions.reject(u, app_id, seeded.officer_id, reason_code="not_sme",
                                  signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    with attacker(engine) as conn:
        conn.execute(sa.update(m.Decision).where(m.Decision.id == result.decision_id).values(reason_code="other"))
    with uow() as u:
        check = decisions.verify_decision(u, result.decision_id)
    assert not check.ok and check.status == "payload_mismatch"


def test_reject_with_reason_code_grants_nothing(uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    app_id = seeded.application_ids[1]
    claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        with pytest.raises(decisions.InvalidReason):
            decisions.reject(u, app_id, seeded.officer_id, reason_code="no_such_reason",
                             signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
        with pytest.raises(decisions.InvalidReason):
            decisions.reject(u, app_id, seeded.officer_id, reason_code="other", note=" ",
                             signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    with uow() as u:
        result = decisions.reject(u, app_id, seeded.officer_id, reason_code="other_subsidy", note="已獲輔導",
                                  signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    assert result.status == "rejected" and result.grant_id is None
    assert rs.budget_committed(uow, seeded.programme_id) == 0
    with uow() as u:
        s = u.session
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Grant)) == 0
        change = s.scalars(sa.select(m.ApplicationStatusChange).where(
            m.ApplicationStatusChange.application_id == app_id).order_by(m.ApplicationStatusChange.id.desc())).first()
        assert change is not None and change.to_status is ApplicationStatus.REJECTED
        assert change.reason_code == "other_subsidy"
        email = s.get(m.OutboxEmail, result.outbox_email_id)
        assert email is not None and decisions.REJECT_REASONS["other_subsidy"].label_zh in email.body
        assert decisions.verify_decision(u, result.decision_id).ok


def test_request_supplement_sets_the_deadline(uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    app_id = seeded.application_ids[2]
    claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        with pytest.raises(decisions.InvalidDeadline):
            decisions.request_supplement(u, app_id, seeded.officer_id, deadline=rs.TODAY, note="補附表2",
                                         signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    deadline = rs.TODAY + timedelta(days=14)
    with uow() as u:
        result = decisions.request_supplement(u, app_id, seeded.officer_id, deadline=deadline, note="補附表2",
                                              signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    assert result.status == "supplement_requested"
    with uow() as u:
        app = u.session.get(m.Application, app_id)
        assert app is not None and app.supplement_deadline == deadline
        check = decisions.verify_decision(u, result.decision_id)
        assert check.ok and check.payload["supplement_deadline"] == deadline.isoformat()
    # A supplement keeps the case open: the same officer can approve it afterwards.
    with uow() as u:
        again = decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token),
                                  today=rs.TODAY, now=NOW)
    assert again.status == "approved"


def test_deciding_without_holding_the_claim_is_refused(uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    with uow() as u:  # nobody holds it
        with pytest.raises(assignment.ClaimRequired):
            decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY)
    claim(uow, app_id, seeded.other_officer_id)
    with uow() as u:  # another officer holds it
        with pytest.raises(assignment.ClaimRequired) as err:
            decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY)
    assert err.value.holder_id == seeded.other_officer_id
    assert rs.budget_committed(uow, seeded.programme_id) == 0
    with uow() as u:
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.Decision)) == 0


def test_an_officer_without_a_reviewing_role_gets_permission_denied(uow: Any, seeded: rs.Seeded,
                                                                    soft_token: Any) -> None:
    with uow() as u:
        with pytest.raises(PermissionDenied):
            decisions.approve(u, seeded.application_ids[0], seeded.finance_id, signer=token_signer(soft_token),
                              today=rs.TODAY)
    with uow() as u:
        with pytest.raises(PermissionDenied):
            decisions.reject(u, seeded.application_ids[0], 999_999, reason_code="not_sme",
                             signer=token_signer(soft_token), today=rs.TODAY)


def test_a_case_changed_since_it_was_read_cannot_be_decided_twice(uow: Any, seeded: rs.Seeded,
                                                                  soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    version = claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        with pytest.raises(decisions.DecisionConflict):
            decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token),
                              expected_version=version - 1, today=rs.TODAY)
    with uow() as u:
        decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token),
                          expected_version=version, today=rs.TODAY, now=NOW)
    with uow() as u:
        with pytest.raises(decisions.NotDecidable):
            decisions.reject(u, app_id, seeded.officer_id, reason_code="not_sme",
                             signer=token_signer(soft_token), today=rs.TODAY)
    assert rs.budget_committed(uow, seeded.programme_id) == 30_000


def test_signing_with_a_card_that_is_not_the_officers_is_refused(uow: Any, pki: Any, soft_token: Any) -> None:
    other_cert = pki.issue("moica", name="別人", id_last4="1111", subject_type="citizen").der
    seeded = rs.seed(uow, applications=1, officer_cert=other_cert)
    claim(uow, seeded.application_ids[0], seeded.officer_id)
    with uow() as u:
        with pytest.raises(decisions.WrongSigningCard):
            decisions.approve(u, seeded.application_ids[0], seeded.officer_id,
                              signer=token_signer(soft_token), today=rs.TODAY)
    assert rs.budget_committed(uow, seeded.programme_id) == 0


def test_unsigned_decisions_exist_only_on_demo_databases(uow: Any, seeded: rs.Seeded) -> None:
    app_id = seeded.application_ids[0]
    claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        with pytest.raises(decisions.SignatureRequired):
            decisions.approve(u, app_id, seeded.officer_id, signer=None, today=rs.TODAY)
    with uow() as u:
        u.session.execute(sa.update(m.Programme).values(is_demo=True))
        u.commit()
    with uow() as u:
        result = decisions.approve(u, app_id, seeded.officer_id, signer=None, today=rs.TODAY, now=NOW)
    assert not result.signed
    with uow() as u:
        check = decisions.verify_decision(u, result.decision_id)
    assert not check.ok and check.status == "unsigned"


def test_approval_is_refused_while_a_check_fails(uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    with uow() as u:
        u.session.execute(sa.update(m.Application).where(m.Application.id == app_id)
                          .values(personal_data_consent=False))
        u.commit()
    claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        with pytest.raises(decisions.NotEligible) as err:
            decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY)
    assert "personal_data_consent" in err.value.failing
    assert rs.budget_committed(uow, seeded.programme_id) == 0


def test_concurrent_approvals_never_over_commit_the_budget(db_backend: str, uow: Any, soft_token: Any) -> None:
    """Budget for 2 grants, 5 threads approve 5 different cases at once: exactly 2 succeed."""
    if db_backend != "postgresql":
        pytest.skip("concurrent writers are a PostgreSQL matter (SQLite serialises them)")
    seeded = rs.seed(uow, grants_budget=2, applications=5, officer_cert=soft_token.cert_der)
    for app_id in seeded.application_ids:
        claim(uow, app_id, seeded.officer_id)
    lock, barrier = threading.Lock(), threading.Barrier(5)
    results: list[Any] = []
    errors: list[BaseException] = []

    def approve(app_id: int) -> None:
        try:
            with uow() as u:
                results.append(decisions.approve(u, app_id, seeded.officer_id,
                                                 signer=token_signer(soft_token, lock, barrier),
                                                 today=rs.TODAY, now=NOW))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=approve, args=(i,)) for i in seeded.application_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 2, errors
    assert len(errors) == 3 and all(isinstance(e, ledger.BudgetExhausted) for e in errors), errors
    assert rs.budget_committed(uow, seeded.programme_id) == 60_000
    with uow() as u:
        s = u.session
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Grant)) == 2
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Decision)) == 2
        approved = s.scalar(sa.select(sa.func.count()).select_from(m.Application).where(
            m.Application.status == ApplicationStatus.APPROVED))
        assert approved == 2


def test_reason_table_has_both_languages() -> None:
    for reason in decisions.REJECT_REASONS.values():
        assert reason.label_zh and reason.label_en and reason.clause
    assert isinstance(rs.TODAY, date)
