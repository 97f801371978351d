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
        assert set(s.scalars(sa.select(m.Programme.is_demo))) == {True}
        imports = s.scalars(sa.select(m.FeedImport).order_by(m.FeedImport.id)).all()
        assert [i.rejected for i in imports] == [0, 0]  # last year's programme, then this year's
        assert sum(i.accepted for i in imports) == counts["feed_records"] > 40
        assert counts["officers"] >= 4 and counts["calendar_years"] >= 1
        this_year = s.scalar(sa.select(m.Programme.id).where(m.Programme.code == "DEMO-115"))
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Application)
                        .where(m.Application.programme_id == this_year)) == 40
        assert counts["grants"] > 0 and counts["orders"] > 0
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


def test_the_demo_carries_last_years_closed_programme_with_a_forfeited_return(uow) -> None:
    """Issue 9 item 8: a return after the subsidy deadline is forfeited (須知七(八)); the demo's
    previous programme (DEMO-114, deadline 2025-12-31) has one approved in January 2026."""
    from datetime import date

    from backoffice.db.enums import ApplicationStatus, LedgerKind
    from backoffice.services.dashboard import programme_overview

    assert ensure_demo_data(uow, applicants=60, seed=7) is True
    with uow() as u:
        s = u.session
        programmes = {p.code: p for p in s.scalars(sa.select(m.Programme))}
        assert set(programmes) == {"DEMO-114", "DEMO-115"}
        last = programmes["DEMO-114"]
        assert last.subsidy_deadline == date(2025, 12, 31)
        apps = s.scalars(sa.select(m.Application).where(m.Application.programme_id == last.id)).all()
        assert len(apps) > 20
        assert all(a.status in (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED) for a in apps)
        assert {a.submitted_at.year for a in apps} == {2025}
        case = s.execute(sa.select(m.RefundCase).join(m.Termination, m.Termination.id == m.RefundCase.termination_id)
                         .where(m.Termination.external_id == "P114-T-LATE")).scalar_one()
        assert case.returned_on is not None and case.returned_on > last.subsidy_deadline
        assert case.forfeited is True and case.return_lot_id is None and case.points_refund > 0
        assert case.approved_by_id != case.submitted_by_id  # four eyes, also in the demo
        forfeit = s.scalar(sa.select(sa.func.sum(m.LedgerEntry.points)).where(
            m.LedgerEntry.refund_case_id == case.id, m.LedgerEntry.kind == LedgerKind.FORFEIT))
        assert forfeit is not None and abs(forfeit) == case.points_refund
        overview = programme_overview(u)
        assert overview.programme_code == "DEMO-115"  # the dashboard shows this year's
        assert sum(overview.applications_by_status.values()) == 60  # and only its applications


def test_the_demo_database_has_scans_for_its_applications(uow) -> None:
    """Issue 12 item 21: the demo database had no scans, so the attachment viewer was never seen."""
    assert ensure_demo_data(uow, applicants=12, seed=2) is True
    with uow() as u:
        s = u.session
        apps = s.scalar(sa.select(sa.func.count()).select_from(m.Application))
        with_scans = s.scalar(sa.select(sa.func.count(sa.distinct(m.Attachment.application_id))))
        kinds = set(s.scalars(sa.select(m.Attachment.media_type)))
    assert with_scans == apps > 12  # this year's 12 and last year's decided ones
    assert kinds == {"application/pdf", "image/png"}
