"""Desk verification with a virtual HiCOS card on the real pcscd + vpcd, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import IdentityMethod, ProofSource
from backoffice.services.applications import desk_verification as dv
from backoffice.services.applications import review
from backoffice.services.authz import PermissionDenied
from backoffice.smartcard.identify import identify_card
from tests.support import review_seed as rs
from tests.support.authz import reader_id
from tests.support.cards import card_set

pytestmark = [pytest.mark.pcsc]


@pytest.fixture
def seeded(uow: Any) -> rs.Seeded:
    return rs.seed(uow, applications=2)


def read_card(vcard_factory: Any, pki: Any, holder: Any, trust_dir: Path, crl_dir: Path) -> Any:
    card = vcard_factory(card_set(pki, holder))
    return identify_card(card.reader, trust_dir, crl_dir)


def test_matching_business_card_passes_and_is_recorded(uow: Any, seeded: rs.Seeded, pki: Any, vcard_factory: Any,
                                                       trust_dir: Path, crl_dir: Path) -> None:
    holder = pki.issue("moeaca", company="好給力0股份有限公司", ubn=rs.UBNS[0], subject_type="company")
    result = read_card(vcard_factory, pki, holder, trust_dir, crl_dir)
    with uow() as u:
        outcome = dv.verify_at_desk(u, seeded.application_ids[0], seeded.officer_id, result)
    assert outcome.passed and outcome.card_type == "moeaca" and outcome.method == "moeaca"
    with uow() as u:
        s = u.session
        proof = s.get(m.IdentityProof, outcome.proof_id)
        assert proof is not None and proof.source is ProofSource.DESK and proof.method is IdentityMethod.MOEACA
        assert proof.holder_ubn == rs.UBNS[0] and proof.officer_id == seeded.officer_id
        assert proof.cert_der == holder.der and proof.validation_status == "valid"
        audit = s.scalars(sa.select(m.AuditEvent).where(m.AuditEvent.action == "application.desk_verified")).one()
        assert audit.entity_id == str(seeded.application_ids[0])
        dossier = review.load_dossier(u, seeded.application_ids[0], today=rs.TODAY, viewer=reader_id(u))
    row = dossier.check(review.DESK_CHECK_CODE)
    assert row.outcome == "pass" and row.source == "recorded" and rs.UBNS[0] in row.evidence
    assert dossier.eligible is True


def test_business_card_of_another_ubn_fails(uow: Any, seeded: rs.Seeded, pki: Any, vcard_factory: Any,
                                           trust_dir: Path, crl_dir: Path) -> None:
    holder = pki.issue("moeaca", company="別家公司", ubn=rs.UBNS[5], subject_type="company")
    result = read_card(vcard_factory, pki, holder, trust_dir, crl_dir)
    with uow() as u:
        outcome = dv.verify_at_desk(u, seeded.application_ids[0], seeded.officer_id, result)
    assert outcome.outcome == "fail"
    assert any(rs.UBNS[5] in zh and rs.UBNS[0] in zh for zh, _ in outcome.reasons)
    with uow() as u:
        dossier = review.load_dossier(u, seeded.application_ids[0], today=rs.TODAY, viewer=reader_id(u))
    assert dossier.check(review.DESK_CHECK_CODE).outcome == "fail"
    assert dossier.eligible is False  # a failed card check blocks the case


def test_branch_certificate_is_ineligible(uow: Any, seeded: rs.Seeded, pki: Any, vcard_factory: Any,
                                         trust_dir: Path, crl_dir: Path) -> None:
    holder = pki.issue("moeaca", company="好給力0股份有限公司台中分公司", ubn=rs.UBNS[0], subject_type="branch")
    result = read_card(vcard_factory, pki, holder, trust_dir, crl_dir)
    with uow() as u:
        outcome = dv.verify_at_desk(u, seeded.application_ids[0], seeded.officer_id, result)
    assert outcome.outcome == "fail"
    assert any("分公司" in zh for zh, _ in outcome.reasons)
    with uow() as u:
        dossier = review.load_dossier(u, seeded.application_ids[0], today=rs.TODAY, viewer=reader_id(u))
    # The policy's own 須知五(四) check now sees the branch subject type too.
    assert dossier.check("not_mainland_or_branch").outcome == "fail"


def test_representatives_citizen_card_matches_on_the_last_four_id_digits(
        uow: Any, seeded: rs.Seeded, pki: Any, vcard_factory: Any, trust_dir: Path, crl_dir: Path) -> None:
    good = pki.issue("moica", name="王小明", id_last4=rs.REP_ID[-4:], subject_type="citizen")
    result = read_card(vcard_factory, pki, good, trust_dir, crl_dir)
    with uow() as u:
        outcome = dv.verify_at_desk(u, seeded.application_ids[1], seeded.officer_id, result)
    assert outcome.passed and outcome.method == "moica"
    with uow() as u:
        proof = u.session.get(m.IdentityProof, outcome.proof_id)
        assert proof is not None and proof.holder_id_last4 == rs.REP_ID[-4:]


def test_someone_elses_citizen_card_fails(uow: Any, seeded: rs.Seeded, pki: Any, vcard_factory: Any,
                                         trust_dir: Path, crl_dir: Path) -> None:
    other = pki.issue("moica", name="李四", id_last4="0000", subject_type="citizen")
    result = read_card(vcard_factory, pki, other, trust_dir, crl_dir)
    with uow() as u:
        outcome = dv.verify_at_desk(u, seeded.application_ids[1], seeded.officer_id, result)
    assert outcome.outcome == "fail"


def test_finance_may_not_verify_cards(uow: Any, seeded: rs.Seeded, pki: Any, vcard_factory: Any,
                                      trust_dir: Path, crl_dir: Path) -> None:
    holder = pki.issue("moeaca", ubn=rs.UBNS[0], subject_type="company")
    result = read_card(vcard_factory, pki, holder, trust_dir, crl_dir)
    with uow() as u:
        with pytest.raises(PermissionDenied):
            dv.verify_at_desk(u, seeded.application_ids[0], seeded.finance_id, result)
    with uow() as u:
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.EligibilityCheck)) == 0
