"""Claim checking on SQLite and PostgreSQL: every hold reason, idempotence, a held claim released
by itself, finance's rejection, and the set-based check agreeing with the per-row policy reference."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import ClaimStatus, RefundStatus
from backoffice.services.authz import PermissionDenied
from backoffice.services.finance import settlement
from tests.support import finance_seed as fs

EXPECTED_HELD = {
    "SC-TERM": ("term_not_ended",),
    "SC-NOINV": ("no_invoice",),
    "SC-UNPAID": ("self_pay_unpaid",),
    "SC-OPEN": ("term_not_ended", "refund_open"),
    "SC-OVER": ("over_claim",),
    "SC-DUP-B": ("duplicate",),
}


@pytest.fixture
def sc(uow: Any) -> fs.Scenario:
    return fs.scenario(uow)


def states(uow: Any) -> dict[str, tuple[str, str | None, int | None]]:
    with uow() as u:
        rows = u.session.execute(sa.select(m.SettlementClaim.external_id, m.SettlementClaim.status,
                                           m.SettlementClaim.hold_reason, m.SettlementClaim.claimable))
        return {ext: (st.value, hr, cl) for ext, st, hr, cl in rows}


def test_every_hold_reason_is_found_and_the_rest_is_payable(uow: Any, sc: fs.Scenario) -> None:
    with uow() as u:
        result = settlement.check_claims(u, as_of=fs.AS_OF)
    held = {h.claim: h.reasons for h in result.held}
    assert held == EXPECTED_HELD
    assert result.payable == 4 and result.rejected == 0  # PAY1-3 and the original of the duplicates
    assert result.to_json()["held"][0] == {"claim": "SC-DUP-B", "reasons": ["duplicate"]}
    st = states(uow)
    assert st["SC-DUP-A"] == ("payable", None, 30_000)
    assert st["SC-OVER"] == ("held", "over_claim", 15_000)
    assert st["SC-PAY2"] == ("payable", None, 20_000)


def test_a_second_run_changes_nothing(uow: Any, sc: fs.Scenario) -> None:
    with uow() as u:
        first = settlement.check_claims(u, as_of=fs.AS_OF)
    with uow() as u:
        second = settlement.check_claims(u, as_of=fs.AS_OF)
    assert first.changed == 10 and second.changed == 0
    assert second.to_json() == first.to_json()


def test_a_held_claim_becomes_payable_once_its_refund_case_is_approved(uow: Any, sc: fs.Scenario) -> None:
    with uow() as u:
        settlement.check_claims(u, as_of=fs.AS_OF)
    with uow() as u:
        case = u.session.get(m.RefundCase, sc.cases["O-OPEN"])
        assert case is not None
        case.status = RefundStatus.APPROVED
        u.commit()
    with uow() as u:
        result = settlement.check_claims(u, as_of=fs.AS_OF)
    assert "SC-OPEN" not in {h.claim for h in result.held}
    assert states(uow)["SC-OPEN"] == ("payable", None, 15_000)  # 30,000 used, 15,000 returned


def test_the_term_ends_and_the_claim_is_released(uow: Any, sc: fs.Scenario) -> None:
    with uow() as u:
        settlement.check_claims(u, as_of=fs.AS_OF)
    with uow() as u:
        result = settlement.check_claims(u, as_of=date(2026, 7, 1))
    assert "SC-TERM" not in {h.claim for h in result.held}


def test_rejecting_the_original_makes_the_next_claim_the_original(uow: Any, sc: fs.Scenario) -> None:
    with uow() as u:
        settlement.check_claims(u, as_of=fs.AS_OF)
    with uow() as u:
        with pytest.raises(settlement.ClaimError):
            settlement.reject_claim(u, sc.claims["SC-DUP-A"], sc.finance_id, reason="  ")
        with pytest.raises(PermissionDenied):
            settlement.reject_claim(u, sc.claims["SC-DUP-A"], sc.officer_id, reason="重複")
        settlement.reject_claim(u, sc.claims["SC-DUP-A"], sc.finance_id, reason="廠商撤回",
                                now=datetime(2026, 3, 2, tzinfo=UTC))
    with uow() as u:
        result = settlement.check_claims(u, as_of=fs.AS_OF)
        audit = u.session.scalars(sa.select(m.AuditEvent).where(m.AuditEvent.action == "settlement.reject")).one()
        assert audit.details is not None and audit.details["reason"] == "廠商撤回"
    assert result.rejected == 1 and "SC-DUP-B" not in {h.claim for h in result.held}
    st = states(uow)
    assert st["SC-DUP-A"][0] == "rejected" and st["SC-DUP-B"][0] == "payable"
    with uow() as u, pytest.raises(settlement.ClaimError):
        settlement.reject_claim(u, sc.claims["SC-DUP-A"], sc.finance_id, reason="again")


def test_only_finance_runs_a_check_in_its_own_name(uow: Any, sc: fs.Scenario) -> None:
    with uow() as u, pytest.raises(PermissionDenied):
        settlement.check_claims(u, as_of=fs.AS_OF, officer=sc.supervisor_id)
    with uow() as u:
        assert settlement.check_claims(u, as_of=fs.AS_OF, officer=sc.finance_id).payable == 4


def test_the_set_based_check_equals_the_per_row_policy_reference(uow: Any, sc: fs.Scenario) -> None:
    with uow() as u:
        fast = settlement.check_claims(u, as_of=fs.AS_OF)
    fast_states = states(uow)
    with uow() as u:  # back to unchecked, then the reference
        u.session.execute(sa.update(m.SettlementClaim).values(status=ClaimStatus.SUBMITTED, hold_reason=None,
                                                              claimable=None))
        u.commit()
    with uow() as u:
        slow = settlement.check_claims_per_row(u, as_of=fs.AS_OF)
    assert slow.to_json() == fast.to_json()
    assert states(uow) == fast_states


def test_the_settlement_report_is_the_queue_query_and_reproducible(uow: Any, sc: fs.Scenario, tmp_path: Any) -> None:
    from openpyxl import load_workbook

    from backoffice.services.finance import queue

    with uow() as u:
        settlement.check_claims(u, as_of=fs.AS_OF)
    q = queue.ClaimQuery(status="held")
    at = datetime(2026, 3, 2, 3, tzinfo=UTC)
    with uow() as u:
        page = queue.list_claims(u, q, offset=0, limit=100)
        a = queue.export_claims_xlsx(u, q, str(tmp_path / "a.xlsx"), as_of=at, page=2)
        b = queue.export_claims_xlsx(u, q, str(tmp_path / "b.xlsx"), as_of=at)
        audits = u.session.scalars(sa.select(m.AuditEvent).where(m.AuditEvent.action == "settlement.report.export")).all()
        assert [x.details["sha256"] for x in audits if x.details] == [a.sha256, b.sha256]
    assert a.rows == page.total == 6 and a.sha256 == b.sha256
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    wb = load_workbook(tmp_path / "a.xlsx", read_only=True)
    claims = [row[0] for row in wb["請撥案件 Claims"].iter_rows(min_row=2, values_only=True)]
    assert claims == [r.external_id for r in page.rows]  # same rows, same order as the screen
    wb.close()
