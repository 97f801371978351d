"""Decision edges a mutation run found untested: a card answer whose signature does not verify,
a rejection for another reason with its note, the decision time kept to the second, the decision
day taken from the Taipei clock, and what the signed payload states. (No row lock while the card
signs, and a case changed meanwhile: test_money_invariants.py.)"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.applications import assignment, decisions
from backoffice.smartcard import signing
from tests.integration.test_decisions import token_signer
from tests.support import review_seed as rs

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def seeded(uow: Any, soft_token: Any) -> rs.Seeded:
    return rs.seed(uow, grants_budget=10, applications=2, officer_cert=soft_token.cert_der)


def _claim(uow: Any, app_id: int, officer_id: int) -> None:
    with uow() as u:
        assignment.claim(u, app_id, officer_id, now=NOW)


def _decisions(uow: Any, app_id: int) -> list[tuple[str | None, str | None, str]]:
    """(reason code, note, signed payload) of each decision on the application."""
    with uow() as u:
        return [tuple(r) for r in u.session.execute(  # type: ignore[misc]
            sa.select(m.Decision.reason_code, m.Decision.note, m.Decision.payload)
            .where(m.Decision.application_id == app_id))]


@pytest.mark.parametrize("tamper", ["signature", "payload"])
def test_a_card_answer_that_does_not_verify_is_refused_and_nothing_is_decided(
        uow: Any, seeded: rs.Seeded, soft_token: Any, tamper: str) -> None:
    app_id = seeded.application_ids[0]
    _claim(uow, app_id, seeded.officer_id)
    honest = token_signer(soft_token)

    def bad_card(payload: bytes) -> signing.SignedBlob:
        blob = honest(payload)
        if tamper == "signature":  # over the right data, the right certificate, but not a valid signature
            return dataclasses.replace(blob, signature=bytes(b ^ 0x01 for b in blob.signature))
        return dataclasses.replace(blob, payload=payload + b" ")  # a valid-looking answer about other data

    with uow() as u:
        with pytest.raises(decisions.WrongSigningCard):
            decisions.approve(u, app_id, seeded.officer_id, signer=bad_card, today=rs.TODAY, now=NOW)
    assert _decisions(uow, app_id) == []
    assert rs.budget_committed(uow, seeded.programme_id) == 0


def test_a_rejection_for_another_reason_is_recorded_with_its_note(uow: Any, seeded: rs.Seeded,
                                                                  soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        result = decisions.reject(u, app_id, seeded.officer_id, reason_code="other", note="申請文件為影本且模糊",
                                  signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    assert (result.kind, result.status, result.signed) == ("reject", "rejected", True)
    [(code, note, payload)] = _decisions(uow, app_id)
    assert (code, note, json.loads(payload)["note"]) == ("other", "申請文件為影本且模糊", "申請文件為影本且模糊")


def test_the_decision_time_is_kept_to_the_second_and_verifies(uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        result = decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY,
                                   now=NOW.replace(second=7, microsecond=654_321))
    [(_, _, payload)] = _decisions(uow, app_id)
    assert json.loads(payload)["decided_at"] == "2026-03-02T03:00:07+00:00"
    with uow() as u:
        assert decisions.verify_decision(u, result.decision_id).status == "valid"


def test_without_a_business_date_the_decision_day_is_the_taipei_date_of_the_clock(
        uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    # 2026-03-01 17:30 UTC is 2026-03-02 01:30 in Taipei: the grant is issued on 03-02.
    app_id = seeded.application_ids[0]
    _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        result = decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token),
                                   now=datetime(2026, 3, 1, 17, 30, tzinfo=UTC))
    with uow() as u:
        grant = u.session.get(m.Grant, result.grant_id)
        assert grant is not None and grant.issued_on == date(2026, 3, 2)


def test_the_signed_payload_states_the_programmes_grant_and_the_version_decided(
        uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    approve_id, reject_id = seeded.application_ids[:2]
    with uow() as u:  # the programme grants 20,000 points from before the decision day
        u.session.add(m.ProgrammeParameter(programme_id=seeded.programme_id, name="grant_points", int_value=20_000,
                                           effective_from=date(2026, 1, 1), set_at=NOW, note="test"))
        u.commit()
    versions = {}
    for app_id in (approve_id, reject_id):
        with uow() as u:
            versions[app_id] = assignment.claim(u, app_id, seeded.officer_id, now=NOW).version
    with uow() as u:
        approved = decisions.approve(u, approve_id, seeded.officer_id, signer=token_signer(soft_token),
                                     today=rs.TODAY, now=NOW)
    with uow() as u:
        decisions.reject(u, reject_id, seeded.officer_id, reason_code="not_sme", signer=token_signer(soft_token),
                         today=rs.TODAY, now=NOW)
    [(_, _, a)] = _decisions(uow, approve_id)
    [(_, _, r)] = _decisions(uow, reject_id)
    a, r = json.loads(a), json.loads(r)
    assert (a["grant_points"], approved.grant_points) == (20_000, 20_000)
    assert r["grant_points"] is None
    assert (a["application_version"], r["application_version"]) == (versions[approve_id], versions[reject_id])


def test_an_officer_without_the_claim_is_refused_before_the_card_is_asked(
        uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    _claim(uow, app_id, seeded.other_officer_id)  # another officer holds the case
    asked: list[bytes] = []

    def card(payload: bytes) -> signing.SignedBlob:
        asked.append(payload)
        return token_signer(soft_token)(payload)

    with uow() as u, pytest.raises(assignment.ClaimRequired):
        decisions.approve(u, app_id, seeded.officer_id, signer=card, today=rs.TODAY, now=NOW)
    assert asked == []  # no PIN prompt for a case this officer cannot decide
    assert _decisions(uow, app_id) == []


def test_an_application_without_a_programme_states_the_grant_of_the_programme_it_is_granted_from(
        uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    with uow() as u:  # the only programme grants 20,000 points; the application names none
        u.session.add(m.ProgrammeParameter(programme_id=seeded.programme_id, name="grant_points", int_value=20_000,
                                           effective_from=date(2026, 1, 1), set_at=NOW, note="test"))
        u.session.get(m.Application, app_id).programme_id = None
        u.commit()
    _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        preview = decisions.preview_notification(u, app_id, "approve", today=rs.TODAY)
        approved = decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token),
                                     today=rs.TODAY, now=NOW)
    [(_, _, payload)] = _decisions(uow, app_id)
    assert (json.loads(payload)["grant_points"], approved.grant_points) == (20_000, 20_000)
    assert "核發點數 20,000 點" in preview.body


def test_a_decision_records_when_it_was_made_and_the_status_it_left(uow: Any, seeded: rs.Seeded,
                                                                     soft_token: Any) -> None:
    app_id = seeded.application_ids[0]
    _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        before = u.session.get(m.Application, app_id).status
        decisions.approve(u, app_id, seeded.officer_id, signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    with uow() as u:
        app = u.session.get(m.Application, app_id)
        assert app.decided_at is not None and app.decided_at.replace(tzinfo=UTC) == NOW
        last = u.session.execute(sa.select(m.ApplicationStatusChange.from_status, m.ApplicationStatusChange.to_status)
                                 .where(m.ApplicationStatusChange.application_id == app_id)
                                 .order_by(m.ApplicationStatusChange.id.desc()).limit(1)).one()
    assert (last.from_status, str(last.to_status)) == (before, "approved")


def test_the_preview_of_an_approval_with_no_programme_to_grant_from_shows_the_default_grant(
        uow: Any, seeded: rs.Seeded) -> None:
    # Two programmes and an application naming neither: the approval will be refused, but the
    # officer's preview still shows the e-mail with the default 30,000 points.
    app_id = seeded.application_ids[0]
    with uow() as u:
        u.session.add(m.Programme(code="T2027", name="另一計畫"))
        u.session.get(m.Application, app_id).programme_id = None
        u.commit()
    with uow() as u:
        preview = decisions.preview_notification(u, app_id, "approve", today=rs.TODAY)
    assert "核發點數 30,000 點" in preview.body


def test_the_emails_of_a_supplement_request_and_a_rejection_carry_the_deadline_the_items_and_the_note(
        uow: Any, seeded: rs.Seeded, soft_token: Any) -> None:
    ask, refuse = seeded.application_ids[:2]
    for app_id in (ask, refuse):
        _claim(uow, app_id, seeded.officer_id)
    with uow() as u:
        decisions.request_supplement(u, ask, seeded.officer_id, deadline=date(2026, 3, 16), note="公司登記表影本",
                                     signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    with uow() as u:
        decisions.reject(u, refuse, seeded.officer_id, reason_code="not_sme", note="資本額逾一億元",
                         signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    with uow() as u:
        bodies = list(u.session.scalars(sa.select(m.OutboxEmail.body).order_by(m.OutboxEmail.id)))
    assert "之數位點數申請尚需補件，請於 115/03/16 前完成補件。\n補件事項：公司登記表影本" in bodies[0]
    assert "之數位點數申請經審查未予核定。\n理由：不符中小企業認定標準（中小企業認定標準 第2條）\n說明：資本額逾一億元" in bodies[1]
