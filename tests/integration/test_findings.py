"""Officers' findings on 待查 checklist items (SQLite and PostgreSQL): they resolve the item, are audited,
and approval waits for them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.applications import assignment, decisions, findings, review
from backoffice.services.authz import PermissionDenied
from tests.support import review_seed as rs

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def unknown_case(uow: Any) -> tuple[rs.Seeded, int]:
    seeded = rs.seed(uow, applications=1, demo=True)
    app_id = seeded.application_ids[0]
    with uow() as u:
        app = u.session.get(m.Application, app_id)
        applicant = u.session.get(m.Applicant, app.applicant_id)
        applicant.employees = None  # the SME size cannot be computed: 待查
        applicant.paid_in_capital = None
        u.commit()
    with uow() as u:
        assignment.claim(u, app_id, seeded.officer_id, now=NOW)
    return seeded, app_id


def dossier(uow: Any, app_id: int, viewer: int) -> review.ReviewDossier:
    with uow() as u:
        return review.load_dossier(u, app_id, today=rs.TODAY, viewer=viewer)


def test_an_unknown_item_blocks_approval_until_an_officer_resolves_it(uow: Any, unknown_case: Any) -> None:
    seeded, app_id = unknown_case
    d = dossier(uow, app_id, seeded.officer_id)
    assert d.check("sme_size").outcome == "unknown" and d.eligible is None
    with uow() as u, pytest.raises(decisions.NotEligible) as refused:
        decisions.approve(u, app_id, seeded.officer_id, signer=None, expected_version=None, today=rs.TODAY, now=NOW)
    assert refused.value.unresolved == ("sme_size",) and refused.value.failing == ()

    with uow() as u:
        check_id = findings.record_finding(u, app_id, seeded.officer_id, code="sme_size", outcome="pass",
                                           note="經濟部商工登記：實收資本額 500 萬元", today=rs.TODAY, now=NOW)
    d = dossier(uow, app_id, seeded.officer_id)
    row = d.check("sme_size")
    assert row.outcome == "pass" and row.source == "finding" and row.decided_by == "林官員"
    assert "實收資本額 500 萬元" in row.evidence and d.eligible is True
    assert [c.code for c in d.checklist].count("sme_size") == 1  # shown on its item, not as another row
    assert any(h.action == "application.finding" and h.officer_name == "林官員" for h in d.history)
    with uow() as u:
        audit = u.session.scalars(sa.select(m.AuditEvent).where(m.AuditEvent.action == "application.finding")).one()
        assert audit.details == {"check_id": check_id, "code": "sme_size", "outcome": "pass"}
        result = decisions.approve(u, app_id, seeded.officer_id, signer=None, expected_version=None,
                                   today=rs.TODAY, now=NOW)
    assert result.status == "approved"


def test_a_failing_finding_makes_the_case_ineligible(uow: Any, unknown_case: Any) -> None:
    seeded, app_id = unknown_case
    with uow() as u:
        findings.record_finding(u, app_id, seeded.officer_id, code="sme_size", outcome="fail",
                                note="員工 250 人", today=rs.TODAY, now=NOW)
    d = dossier(uow, app_id, seeded.officer_id)
    assert d.check("sme_size").outcome == "fail" and d.eligible is False
    with uow() as u, pytest.raises(decisions.NotEligible) as refused:
        decisions.approve(u, app_id, seeded.officer_id, signer=None, expected_version=None, today=rs.TODAY, now=NOW)
    assert refused.value.failing == ("sme_size",)


def test_findings_are_refused_without_a_note_on_a_computed_item_without_the_claim_or_the_role(
        uow: Any, unknown_case: Any) -> None:
    seeded, app_id = unknown_case
    cases: list[tuple[Any, type[Exception]]] = [
        (dict(code="sme_size", outcome="pass", note="  "), findings.InvalidFinding),
        (dict(code="sme_size", outcome="unknown", note="x"), findings.InvalidFinding),
        (dict(code="applicant_type", outcome="pass", note="x"), findings.NotResolvable),  # computed: pass
        (dict(code="no_such_item", outcome="pass", note="x"), findings.NotResolvable),
    ]
    for kwargs, error in cases:
        with uow() as u, pytest.raises(error):
            findings.record_finding(u, app_id, seeded.officer_id, today=rs.TODAY, now=NOW, **kwargs)
    with uow() as u, pytest.raises(assignment.ClaimRequired):
        findings.record_finding(u, app_id, seeded.other_officer_id, code="sme_size", outcome="pass", note="x",
                                today=rs.TODAY, now=NOW)
    with uow() as u, pytest.raises(PermissionDenied):
        findings.record_finding(u, app_id, seeded.finance_id, code="sme_size", outcome="pass", note="x",
                                today=rs.TODAY, now=NOW)
    with uow() as u:
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.EligibilityCheck)) == 0
    assert dossier(uow, app_id, seeded.officer_id).check("sme_size").outcome == "unknown"
