"""Decision e-mails: the items to supply are required, 逾期未補件 only where it applies, and the
preview is the e-mail that is queued (SQLite and PostgreSQL; demo database, unsigned)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.applications import assignment, decisions
from tests.support import review_seed as rs

pytestmark = pytest.mark.db
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def seeded(uow: Any) -> rs.Seeded:
    out = rs.seed(uow, grants_budget=10, applications=3)
    with uow() as u:
        u.session.execute(sa.update(m.Programme).values(is_demo=True))
        u.commit()
    for app_id in out.application_ids:
        with uow() as u:
            assignment.claim(u, app_id, out.officer_id, now=NOW)
    return out


def _outbox(uow: Any, email_id: int | None) -> m.OutboxEmail:
    with uow() as u:
        email = u.session.get(m.OutboxEmail, email_id)
        assert email is not None
        u.session.expunge(email)
        return email


def test_a_supplement_request_without_items_is_refused_and_nothing_is_written(uow: Any, seeded: rs.Seeded) -> None:
    app_id = seeded.application_ids[0]
    for note in (None, "", "  \n "):
        with uow() as u, pytest.raises(decisions.SupplementItemsRequired):
            decisions.request_supplement(u, app_id, seeded.officer_id, deadline=rs.TODAY + timedelta(days=14),
                                         signer=None, note=note, today=rs.TODAY, now=NOW)
    with uow() as u:
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.Decision)) == 0
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.OutboxEmail)) == 0


def test_supplement_overdue_needs_a_supplement_request_whose_deadline_passed(uow: Any, seeded: rs.Seeded) -> None:
    app_id = seeded.application_ids[1]
    with uow() as u:
        assert not decisions.reason_applies(u, app_id, "supplement_overdue", rs.TODAY)
        assert decisions.reason_applies(u, app_id, "other_subsidy", rs.TODAY)
    with uow() as u, pytest.raises(decisions.ReasonNotApplicable) as never_asked:
        decisions.reject(u, app_id, seeded.officer_id, reason_code="supplement_overdue", signer=None,
                         today=rs.TODAY, now=NOW)
    assert never_asked.value.supplement_deadline is None
    deadline = rs.TODAY + timedelta(days=14)
    with uow() as u:
        decisions.request_supplement(u, app_id, seeded.officer_id, deadline=deadline, signer=None,
                                     note="補附表2 勞保投保人數授權書", today=rs.TODAY, now=NOW)
    with uow() as u, pytest.raises(decisions.ReasonNotApplicable):  # the deadline has not passed yet
        decisions.reject(u, app_id, seeded.officer_id, reason_code="supplement_overdue", signer=None,
                         today=deadline, now=NOW)
    after: date = deadline + timedelta(days=1)
    with uow() as u:
        assert decisions.reason_applies(u, app_id, "supplement_overdue", after)
        result = decisions.reject(u, app_id, seeded.officer_id, reason_code="supplement_overdue", signer=None,
                                  today=after, now=NOW + timedelta(days=15))
    assert result.status == "rejected"


@pytest.mark.parametrize("kind", ["approve", "reject", "supplement"])
def test_the_preview_is_the_email_that_is_queued(uow: Any, seeded: rs.Seeded, kind: str) -> None:
    app_id = seeded.application_ids[2]
    params: dict[str, Any] = {
        "approve": {},
        "reject": {"reason_code": "declarations", "note": "個資同意未勾選"},
        "supplement": {"deadline": rs.TODAY + timedelta(days=14), "note": "補附表3 營業登記資料授權書"},
    }[kind]
    with uow() as u:
        preview = decisions.preview_notification(u, app_id, kind, today=rs.TODAY, **params)
    fn = {"approve": decisions.approve, "reject": decisions.reject, "supplement": decisions.request_supplement}[kind]
    with uow() as u:
        result = fn(u, app_id, seeded.officer_id, signer=None, today=rs.TODAY, now=NOW, **params)  # type: ignore[operator]
    email = _outbox(uow, result.outbox_email_id)
    assert (preview.to_address, preview.subject, preview.body) == (email.to_address, email.subject, email.body)
    if kind == "supplement":
        assert "補件事項：補附表3 營業登記資料授權書" in email.body
    assert "RULES" not in email.body
