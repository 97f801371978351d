"""The case history says exactly how each decision was signed (issue 12 item 3), SQLite and PostgreSQL.

The review history used to say 已簽章 for every decision, also for the card-less ones of a demo
database. The service now gives the facts: signed with whose certificate (holder, serial), or not.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography import x509

from backoffice.services.applications import assignment, decisions, review
from backoffice.services.applications.review import SignatureFacts
from tests.integration.test_decisions import token_signer
from tests.support import review_seed as rs

pytestmark = [pytest.mark.db]
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def decision_rows(uow: Any, app_id: int, viewer: int) -> list[review.HistoryRow]:
    with uow() as u:
        dossier = review.load_dossier(u, app_id, today=rs.TODAY, viewer=viewer)
    return [h for h in dossier.history if h.action in review.DECISION_ACTIONS]


def test_an_unsigned_demo_decision_is_shown_as_unsigned(uow: Any) -> None:
    seeded = rs.seed(uow, applications=2, demo=True)
    first, second = seeded.application_ids
    for app_id in (first, second):
        with uow() as u:
            assignment.claim(u, app_id, seeded.officer_id, now=NOW)
    with uow() as u:
        decisions.approve(u, first, seeded.officer_id, signer=None, today=rs.TODAY, now=NOW)
    with uow() as u:
        decisions.reject(u, second, seeded.officer_id, reason_code="not_sme", signer=None, today=rs.TODAY, now=NOW)
    for app_id, action in ((first, "application.approve"), (second, "application.reject")):
        [row] = decision_rows(uow, app_id, seeded.officer_id)
        assert row.action == action and row.officer_name == "林官員"
        assert row.signature == SignatureFacts(False)
    # Other history rows carry no signature facts.
    with uow() as u:
        dossier = review.load_dossier(u, first, today=rs.TODAY, viewer=seeded.officer_id)
    assert all(h.signature is None for h in dossier.history if h.action not in review.DECISION_ACTIONS)


@pytest.mark.pkcs11
def test_a_signed_decision_names_the_certificate_holder_and_serial(uow: Any, soft_token: Any) -> None:
    seeded = rs.seed(uow, applications=1, officer_cert=soft_token.cert_der)
    app_id = seeded.application_ids[0]
    with uow() as u:
        assignment.claim(u, app_id, seeded.officer_id, now=NOW)
    with uow() as u:
        decisions.request_supplement(u, app_id, seeded.officer_id, deadline=rs.TODAY.replace(day=20),
                                     note="請補附表3", signer=token_signer(soft_token), today=rs.TODAY, now=NOW)
    [row] = decision_rows(uow, app_id, seeded.officer_id)
    serial = format(x509.load_der_x509_certificate(soft_token.cert_der).serial_number, "X")
    assert row.signature == SignatureFacts(True, "林官員", serial)
