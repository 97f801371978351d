"""The demo database gives the finance desk content on first start: claims in every state, paid
batches, 95A statements of two payment years."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.admin.demo import ensure_demo_data
from backoffice.services.finance import settlement, tax95a


def test_demo_has_claims_in_every_state_and_a_95a_year(uow: Any) -> None:
    assert ensure_demo_data(uow, applicants=200, seed=20261121) is True
    with uow() as u:
        s = u.session
        statuses = set(s.scalars(sa.select(m.SettlementClaim.status).distinct()))
        reasons = {r for stored in s.scalars(sa.select(m.SettlementClaim.hold_reason)
                                             .where(m.SettlementClaim.status == "held"))
                   for r in settlement.reasons_of(stored)}
        failed = s.scalar(sa.select(sa.func.count()).select_from(m.SettlementBatchLine)
                          .where(m.SettlementBatchLine.status == "failed"))
        rows = tax95a.statements(s, 2026, datetime(2026, 11, 21, 3, tzinfo=UTC))
        last_year = tax95a.statements(s, 2025, datetime(2026, 11, 21, 3, tzinfo=UTC))
    assert {x.value for x in statuses} == {"payable", "held", "paid", "rejected"}
    assert reasons == {r.code for r in settlement.HOLD_REASONS}
    assert failed == 1
    assert rows and all(x.serial for x in rows) and sum(x.gross for x in rows) > 0
    # Two tax years (issue 10 item 7): last year's programme paid in December 2025, issued in January.
    assert last_year and all(x.serial for x in last_year) and sum(x.gross for x in last_year) > 0
