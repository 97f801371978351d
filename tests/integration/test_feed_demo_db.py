"""ensure_demo_data: fills an empty database once, through the normal importer."""

from __future__ import annotations

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.services.admin.demo import ensure_demo_data
from backoffice.services.admin.stats import record_counts


def test_demo_data_loads_once_on_an_empty_database(uow) -> None:
    assert ensure_demo_data(uow, applicants=40, seed=1) is True
    with uow() as u:
        counts = record_counts(u)
        s = u.session
        assert s.scalar(sa.select(m.Programme.is_demo)) is True
        imp = s.scalars(sa.select(m.FeedImport)).one()
        assert imp.rejected == 0 and imp.accepted == counts["feed_records"] > 40
        assert counts["officers"] >= 4 and counts["calendar_years"] >= 1
        assert counts["applications"] == 40 and counts["grants"] > 0 and counts["orders"] > 0
    assert ensure_demo_data(uow, applicants=40, seed=1) is False
    with uow() as u:
        assert record_counts(u) == counts


def test_the_demo_shows_refund_cases_in_every_state_of_the_desk(uow) -> None:
    from collections import Counter

    from backoffice.db.enums import RefundStatus
    from backoffice.services.refunds import signed

    assert ensure_demo_data(uow, applicants=200) is True
    with uow() as u:
        s = u.session
        states = Counter(s.scalars(sa.select(m.RefundCase.status)))
        assert set(states) >= set(RefundStatus) - {RefundStatus.REJECTED}, states
        parties = {p.value for p in s.scalars(sa.select(m.RefundConfirmation.party)
                                              .where(m.RefundConfirmation.agrees.is_(False)))}
        assert parties == {"applicant", "vendor"}  # disputed by either side
        used = {(c.months_used * 2 >= c.term_months) for c in s.scalars(sa.select(m.RefundCase))}
        assert used == {True, False}  # under and over half the term
        approved = s.scalars(sa.select(m.RefundCase).where(m.RefundCase.status == RefundStatus.APPROVED)).all()
        assert all(c.returned_on is not None for c in approved)
        assert any(c.self_pay_refunded_on is not None for c in approved)
        assert signed.verify_case(u, approved[0].id).status == "unsigned"  # a demo: no cards
def test_the_demo_database_has_scans_for_its_applications(uow) -> None:
    """Issue 12 item 21: the demo database had no scans, so the attachment viewer was never seen."""
    assert ensure_demo_data(uow, applicants=12, seed=2) is True
    with uow() as u:
        s = u.session
        apps = s.scalar(sa.select(sa.func.count()).select_from(m.Application))
        with_scans = s.scalar(sa.select(sa.func.count(sa.distinct(m.Attachment.application_id))))
        kinds = set(s.scalars(sa.select(m.Attachment.media_type)))
    assert with_scans == apps == 12
    assert kinds == {"application/pdf", "image/png"}
