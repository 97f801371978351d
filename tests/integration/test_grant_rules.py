"""Grant issue rules that a mutation run found untested (docs/quality.md): the budget boundary,
one grant per UBN at approval and in the ledger (exhausted grants are live too), the desk card
check blocking approval, the lapse day counting as use, a returned lot re-activating an expired
grant, and ``verify_decision`` checking certificate, officer and application."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from backoffice.db import budget
from backoffice.db import models as m
from backoffice.db.enums import GrantStatus, Outcome
from backoffice.policy.calendar import OfficeCalendar
from backoffice.policy.points import InsufficientPoints
from backoffice.services.applications import assignment, decisions
from backoffice.services.applications.review import DESK_CHECK_CODE
from backoffice.services.points import ledger
from backoffice.smartcard.signing import sha256_hex
from tests.integration import _points_data as data
from tests.integration.test_decisions import token_signer
from tests.support import review_seed as rs
from tests.support.tamper import attacker

D0 = date(2026, 1, 15)  # lapse date 2026-02-15, valid through 2026-04-15
LAPSE = date(2026, 2, 15)
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


# --- budget -----------------------------------------------------------------------------------------
def test_reserving_exactly_what_remains_succeeds_and_one_point_more_fails(uow: Any) -> None:
    with uow() as u:
        p = data.programme(u.session, total=60_000)
        b = u.session.scalar(sa.select(m.Budget.id).where(m.Budget.programme_id == p.id))
        row = u.session.get(m.Budget, b)
        assert row is not None and row.committed == 0  # loaded in the session before the UPDATE
        assert budget.try_reserve(u.session, b, 30_000)
        assert budget.remaining(u.session, b) == 30_000  # not the stale copy in the session
        assert not budget.try_reserve(u.session, b, 30_001)
        assert budget.try_reserve(u.session, b, 30_000)
        assert budget.remaining(u.session, b) == 0
        kinds = u.session.execute(sa.select(m.BudgetMovement.kind, m.BudgetMovement.points)
                                  .where(m.BudgetMovement.budget_id == b)).all()
        assert [(str(k), n) for k, n in kinds] == [("reserve", 30_000), ("reserve", 30_000)]
        budget.release(u.session, b, 60_000)  # exactly what is committed
        with pytest.raises(ValueError, match="fewer than 1 committed"):
            budget.release(u.session, b, 1)


def test_reserve_and_release_take_one_point_or_more_never_zero(uow: Any) -> None:
    with uow() as u:
        p = data.programme(u.session, total=10)
        b = u.session.scalar(sa.select(m.Budget.id).where(m.Budget.programme_id == p.id))
        for call in (budget.try_reserve, budget.release):
            for bad in (0, -1):
                with pytest.raises(ValueError, match="must be positive"):
                    call(u.session, b, bad)
        assert budget.try_reserve(u.session, b, 1) and budget.remaining(u.session, b) == 9
        budget.release(u.session, b, 1)
        assert budget.remaining(u.session, b) == 10
        with pytest.raises(LookupError):
            budget.remaining(u.session, b + 1000)
        moves = u.session.execute(sa.select(m.BudgetMovement.kind, m.BudgetMovement.points, m.BudgetMovement.grant_id,
                                            m.BudgetMovement.note).where(m.BudgetMovement.budget_id == b)
                                  .order_by(m.BudgetMovement.id)).all()
        assert [(str(k), n, g, note) for k, n, g, note in moves] == [("reserve", 1, None, None),
                                                                   ("release", 1, None, None)]


def test_the_last_grant_takes_exactly_the_30000_points_left(uow: Any) -> None:
    with uow() as u:
        p = data.programme(u.session, total=60_000)
        for _ in range(2):
            a, app = data.applicant(u.session, p.id)
            ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id, issued_on=D0)
        assert data.committed(u.session, p.id) == 60_000


@pytest.mark.parametrize("batch", [False, True], ids=["one", "batch"])
@pytest.mark.parametrize("status", [GrantStatus.ACTIVE, GrantStatus.EXHAUSTED])
def test_an_exhausted_grant_is_live_too_no_second_grant(uow: Any, status: GrantStatus, batch: bool) -> None:
    with uow() as u:
        p = data.programme(u.session)
        a, app = data.applicant(u.session, p.id)
        g = ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id, issued_on=D0)
        g.status = status
        u.session.flush()
        with pytest.raises(ledger.LedgerError, match="already has an active grant"):
            if batch:
                ledger.issue_grants(u.session, [ledger.GrantRequest(a.id, app.id, D0)])
            else:
                ledger.issue_grant(u.session, applicant_id=a.id, application_id=None, issued_on=D0)
        assert data.committed(u.session, p.id) == 30_000


# --- the lapse day ---------------------------------------------------------------------------------
def test_an_order_on_the_lapse_day_is_use_and_keeps_the_grant(uow: Any) -> None:
    with uow() as u:
        _, a, g = _grant(u)
        assert g.lapse_on == LAPSE
        o = data.order(u.session, a.id, 1_000, LAPSE)
        ledger.hold_order_points(u.session, o, LAPSE)
        # The day after the lapse date the remaining points are still usable.
        assert ledger.balance(u.session, a.id, LAPSE.replace(day=16)) == 29_000
        later = data.order(u.session, a.id, 2_000, LAPSE.replace(day=16))
        ledger.hold_orders(u.session, [ledger.HoldRequest(later.id, a.id, 2_000, LAPSE.replace(day=16))])
        assert ledger.balance(u.session, a.id, LAPSE.replace(day=16)) == 27_000


def test_without_an_order_by_the_lapse_day_the_points_are_gone_the_next_day(uow: Any) -> None:
    with uow() as u:
        _, a, _ = _grant(u)
        assert ledger.balance(u.session, a.id, LAPSE) == 30_000
        assert ledger.balance(u.session, a.id, LAPSE.replace(day=16)) == 0
        late = data.order(u.session, a.id, 1_000, LAPSE.replace(day=16))
        with pytest.raises(InsufficientPoints):
            ledger.hold_order_points(u.session, late, LAPSE.replace(day=16))


# --- a returned lot re-activates an expired grant ----------------------------------------------------
def test_a_returned_lot_makes_an_expired_grant_usable_again(uow: Any) -> None:
    from tests.integration.test_ledger import _refund_case

    with uow() as u:
        _, a, g = _grant(u)
        o = data.order(u.session, a.id, 30_000, date(2026, 1, 20))
        ledger.hold_order_points(u.session, o, date(2026, 1, 20))
        g.status = GrantStatus.EXPIRED  # what the sweep books after 04-15
        u.session.flush()
        case = _refund_case(u.session, o, points_refund=10_000)
        out = ledger.return_refund_points(u.session, case, date(2026, 4, 10), OfficeCalendar(fallback=None))
        assert out.returned and out.valid_until == date(2026, 4, 17)
        assert g.status is GrantStatus.ACTIVE
        assert ledger.balance(u.session, a.id, date(2026, 4, 16)) == 10_000


def _grant(u: Any) -> tuple[m.Programme, m.Applicant, m.Grant]:
    p = data.programme(u.session)
    a, app = data.applicant(u.session, p.id)
    return p, a, ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id, issued_on=D0)


# --- approval: desk card check, one grant per UBN ---------------------------------------------------
@pytest.fixture
def seeded(uow: Any, soft_token: Any) -> rs.Seeded:
    return rs.seed(uow, grants_budget=10, applications=2, officer_cert=soft_token.cert_der)


def _claim(uow: Any, app_id: int, officer_id: int) -> int:
    with uow() as u:
        return assignment.claim(u, app_id, officer_id, now=NOW).version


def _desk(uow: Any, app_id: int, officer_id: int, outcome: Outcome, minute: int) -> None:
    with uow() as u:
        u.session.add(m.EligibilityCheck(application_id=app_id, code=DESK_CHECK_CODE, outcome=outcome,
                                         decided_by_id=officer_id, at=NOW.replace(minute=minute)))
        u.commit()


def test_a_failed_desk_card_check_blocks_approval_until_a_later_one_passes(uow: Any, seeded: rs.Seeded,
                                                                          soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    _desk(uow, app_id, seeded.officer_id, Outcome.FAIL, 1)
    _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        with pytest.raises(decisions.NotEligible) as err:
            decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY,
                              now=NOW)
    assert err.value.failing == ("desk_identity",)
    assert rs.budget_committed(uow, seeded.programme_id) == 0
    _desk(uow, app_id, seeded.officer_id, Outcome.PASS, 2)
    with uow() as u:
        result = decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY,
                                   now=NOW)
    assert result.grant_points == 30_000 and rs.budget_committed(uow, seeded.programme_id) == 30_000


def test_approval_is_refused_when_the_ubn_already_held_a_grant_even_a_lapsed_one(
        uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    with uow() as u:
        applicant_id = u.session.scalar(sa.select(m.Application.applicant_id).where(m.Application.id == app_id))
        g = ledger.issue_grant(u.session, applicant_id=applicant_id, application_id=None, issued_on=D0)
        g.status = GrantStatus.LAPSED  # no longer live: only the eligibility rule can refuse now
        u.commit()
    _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        with pytest.raises(decisions.NotEligible) as err:
            decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY,
                              now=NOW)
    assert err.value.failing == ("one_grant_per_ubn",)
    assert rs.budget_committed(uow, seeded.programme_id) == 30_000  # the earlier grant only


# --- verify_decision ------------------------------------------------------------------------------
def _approved(uow: Any, seeded: rs.Seeded, soft_token: Any) -> int:
    app_id = seeded.application_ids[0]
    _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        result = decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY,
                                   now=NOW)
    with uow() as u:
        assert decisions.verify_decision(u, result.decision_id).status == "valid"
    return result.decision_id


def _tamper(uow: Any, decision_id: int, **values: Any) -> str:
    """Rewrite the decision row as the database owner could (decisions are append-only)."""
    with uow() as u:
        engine = u.session.get_bind()
    with attacker(engine) as conn:
        conn.execute(sa.update(m.Decision).where(m.Decision.id == decision_id).values(**values))
    with uow() as u:
        return decisions.verify_decision(u, decision_id).status


def test_a_decision_re_signed_with_another_persons_certificate_does_not_verify(
        uow: Any, seeded: rs.Seeded, soft_token: Any, pki: Any) -> None:
    decision_id = _approved(uow, seeded, soft_token)
    forger = pki.issue("moica", name="別人", id_last4="1111", subject_type="citizen")
    with uow() as u:
        d = u.session.get(m.Decision, decision_id)
        payload = json.loads(d.payload)
    payload["officer_cert_sha256"] = sha256_hex(forger.der)
    data_ = decisions.canonical_json(payload)
    signature = forger.key.sign(data_, padding.PKCS1v15(), hashes.SHA256())
    status = _tamper(uow, decision_id, payload=data_.decode("utf-8"), signature=signature, cert_der=forger.der,
                     cert_sha256=sha256_hex(forger.der))
    assert status == "cert_mismatch"


def test_a_decision_re_signed_by_someone_else_keeping_the_officers_certificate_hash_does_not_verify(
        uow: Any, seeded: rs.Seeded, soft_token: Any, pki: Any) -> None:
    """The payload and the cert_sha256 column still name the officer's certificate; only the
    stored certificate (the forger's) matches the signature: its hash gives it away."""
    decision_id = _approved(uow, seeded, soft_token)
    forger = pki.issue("moica", name="別人", id_last4="1111", subject_type="citizen")
    with uow() as u:
        payload = u.session.get(m.Decision, decision_id).payload.encode("utf-8")
    signature = forger.key.sign(payload, padding.PKCS1v15(), hashes.SHA256())
    assert _tamper(uow, decision_id, signature=signature, cert_der=forger.der) == "cert_mismatch"


@pytest.mark.parametrize(("field", "status"), [("cert_sha256", "cert_mismatch"), ("officer_id", "payload_mismatch"),
                                               ("application_id", "payload_mismatch"), ("kind", "payload_mismatch")])
def test_a_decision_row_changed_after_signing_does_not_verify(uow: Any, seeded: rs.Seeded, soft_token: Any,
                                                              field: str, status: str) -> None:
    decision_id = _approved(uow, seeded, soft_token)
    values: dict[str, Any] = {
        "cert_sha256": "0" * 64, "officer_id": seeded.other_officer_id,
        "application_id": seeded.application_ids[1], "kind": "reject"}
    assert _tamper(uow, decision_id, **{field: values[field]}) == status


def test_a_certificate_swapped_without_re_signing_is_a_bad_signature(uow: Any, seeded: rs.Seeded, soft_token: Any,
                                                                     pki: Any) -> None:
    decision_id = _approved(uow, seeded, soft_token)
    other = pki.issue("moica", name="別人", id_last4="1111", subject_type="citizen")
    assert _tamper(uow, decision_id, cert_der=other.der, cert_sha256=sha256_hex(other.der)) == "bad_signature"


def test_a_payload_replaced_by_text_that_is_not_json_is_a_bad_signature_with_no_payload(
        uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    decision_id = _approved(uow, seeded, soft_token)
    assert _tamper(uow, decision_id, payload="{not json") == "bad_signature"
    with uow() as u:
        check = decisions.verify_decision(u, decision_id)
    assert (check.ok, check.payload) == (False, {})


@pytest.mark.parametrize(("values", "status"), [
    ({"cert_der": b"not a certificate"}, "bad_signature"),
    ({"cert_der": None}, "unsigned"),
    ({"signature": None}, "unsigned"),
], ids=["garbage-certificate", "certificate-removed", "signature-removed"])
def test_a_decision_whose_certificate_or_signature_is_damaged_or_gone_does_not_verify(
        uow: Any, seeded: rs.Seeded, soft_token: Any, values: dict, status: str) -> None:
    decision_id = _approved(uow, seeded, soft_token)
    assert _tamper(uow, decision_id, **values) == status
    with uow() as u:
        check = decisions.verify_decision(u, decision_id)
    assert (check.ok, check.signer_subject) == (False, None)


def _bind_a_new_card(u: Any, officer_id: int, pki: Any) -> None:
    """The officer's card is replaced: a new certificate is bound (as an administrator would)."""
    renewed = pki.issue("moica", name="承辦人", id_last4="2222", subject_type="citizen")
    officer = u.session.get(m.Officer, officer_id)
    officer.cert_der, officer.cert_sha256 = renewed.der, sha256_hex(renewed.der)
    u.commit()


def test_a_decision_stays_valid_after_the_officer_is_bound_to_a_new_card(
        uow: Any, seeded: rs.Seeded, soft_token: Any, pki: Any) -> None:
    # What was recorded when the decision was made (its audit event) names the certificate, not
    # the card the officer carries today.
    decision_id = _approved(uow, seeded, soft_token)
    with uow() as u:
        _bind_a_new_card(u, seeded.officer_id, pki)
    with uow() as u:
        assert decisions.verify_decision(u, decision_id).status == "valid"


def test_without_its_audit_event_a_decision_is_checked_against_the_officers_bound_card(
        uow: Any, seeded: rs.Seeded, soft_token: Any, pki: Any) -> None:
    decision_id = _approved(uow, seeded, soft_token)
    with uow() as u:
        engine = u.session.get_bind()
    with attacker(engine) as conn:
        conn.execute(sa.delete(m.AuditEvent).where(m.AuditEvent.action == "application.approve"))
    with uow() as u:
        assert decisions.verify_decision(u, decision_id).status == "valid"  # the card still bound
        _bind_a_new_card(u, seeded.officer_id, pki)
    with uow() as u:
        assert decisions.verify_decision(u, decision_id).status == "cert_mismatch"


def test_the_latest_decision_of_a_case_and_the_officers_bound_certificate(
        uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    first = _approved(uow, seeded, soft_token)
    other_app = seeded.application_ids[1]
    _claim(uow, other_app, seeded.officer_id)
    with uow() as u:
        second = decisions.reject(u, other_app, seeded.officer_id, reason_code="not_sme",
                                  signer=token_signer(soft_token), today=rs.TODAY, now=NOW).decision_id
    with uow() as u:
        assert decisions.latest_decision_id(u, seeded.application_ids[0]) == first
        assert decisions.latest_decision_id(u, other_app) == second
        assert decisions.officer_certificate(u, seeded.officer_id) == soft_token.cert_der
