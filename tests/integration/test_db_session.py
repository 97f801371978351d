"""Unit of work, atomic budget reservation, optimistic locking, UTC timestamps, no lazy loading."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from backoffice.db import budget as budget_ops
from backoffice.db import models as m
from backoffice.db.enums import ApplicantType, ApplicationStatus, BudgetMovementKind
from backoffice.db.session import UnitOfWork
from backoffice.services.admin.stats import record_counts

TAIPEI = timezone(timedelta(hours=8))


def _programme_with_budget(uow: Callable[[], UnitOfWork], total: int) -> int:
    with uow() as u:
        programme = m.Programme(code="P", name="計畫")
        u.session.add(programme)
        u.session.flush()
        budget = m.Budget(programme_id=programme.id, total=total, committed=0)
        u.session.add(budget)
        u.commit()
        return budget.id


def _application(session: Session, external_id: str = "APP-1") -> m.Application:
    applicant = m.Applicant(name="測試公司", ubn="10458575", applicant_type=ApplicantType.SME)
    session.add(applicant)
    session.flush()
    application = m.Application(external_id=external_id, applicant_id=applicant.id,
                                submitted_at=datetime(2026, 3, 2, 9, 30, tzinfo=TAIPEI))
    session.add(application)
    session.flush()
    return application


def test_unit_of_work_rolls_back_unless_committed(uow: Callable[[], UnitOfWork]) -> None:
    with uow() as u:
        u.session.add(m.Officer(name="甲", email="a@example.tw"))
    with uow() as u:
        u.session.add(m.Officer(name="乙", email="b@example.tw"))
        u.commit()
    with pytest.raises(RuntimeError), uow() as u:
        u.session.add(m.Officer(name="丙", email="c@example.tw"))
        u.session.flush()
        raise RuntimeError("service failed half-way")
    with uow() as u:
        assert list(u.session.scalars(sa.select(m.Officer.email))) == ["b@example.tw"]
        assert record_counts(u)["officers"] == 1


def test_record_counts_has_the_documented_keys(uow: Callable[[], UnitOfWork]) -> None:
    with uow() as u:
        _application(u.session)
        u.commit()
    with uow() as u:
        counts = record_counts(u)
    for key in ("applicants", "applications", "grants", "ledger_entries", "vendors", "solutions", "orders",
                "order_events", "terminations", "refund_cases", "confirmations", "settlement_claims",
                "officers", "audit_events", "calendar_days"):
        assert isinstance(counts[key], int)
    assert counts["applicants"] == 1 and counts["applications"] == 1 and counts["grants"] == 0


def test_budget_reservation_refuses_more_than_remains(uow: Callable[[], UnitOfWork]) -> None:
    budget_id = _programme_with_budget(uow, 50_000)
    with uow() as u:
        assert budget_ops.try_reserve(u.session, budget_id, 30_000)
        assert not budget_ops.try_reserve(u.session, budget_id, 30_000)
        assert budget_ops.remaining(u.session, budget_id) == 20_000
        budget_ops.release(u.session, budget_id, 30_000)
        assert budget_ops.remaining(u.session, budget_id) == 50_000
        with pytest.raises(ValueError):
            budget_ops.release(u.session, budget_id, 1)
        u.commit()
    with uow() as u:
        kinds = list(u.session.scalars(sa.select(m.BudgetMovement.kind).order_by(m.BudgetMovement.id)))
        assert kinds == [BudgetMovementKind.RESERVE, BudgetMovementKind.RELEASE]


def test_concurrent_reservations_never_over_commit_the_budget(
    session_factory: sessionmaker[Session], uow: Callable[[], UnitOfWork]
) -> None:
    budget_id = _programme_with_budget(uow, 90_000)
    threads_count = 10
    barrier = threading.Barrier(threads_count)
    results: list[bool] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def approve() -> None:
        try:
            with UnitOfWork(session_factory) as u:
                barrier.wait()
                ok = budget_ops.try_reserve(u.session, budget_id, 30_000)
                time.sleep(0.05)  # keep the transaction open so the others really contend
                u.commit()
            with lock:
                results.append(ok)
        except BaseException as exc:  # reported below, with the thread's traceback
            with lock:
                errors.append(exc)

    workers = [threading.Thread(target=approve) for _ in range(threads_count)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert not errors, errors
    assert sorted(results) == [False] * 7 + [True] * 3
    with uow() as u:
        budget = u.session.get(m.Budget, budget_id)
        assert budget is not None and budget.committed == 90_000
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.BudgetMovement)) == 3


def test_concurrent_edits_of_an_application_are_detected(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as s:
        app_id = _application(s).id
        s.commit()
    first, second = session_factory(), session_factory()
    try:
        a1 = first.get(m.Application, app_id)
        a2 = second.get(m.Application, app_id)
        assert a1 is not None and a2 is not None
        a1.status = ApplicationStatus.UNDER_REVIEW
        first.commit()
        a2.status = ApplicationStatus.REJECTED
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with session_factory() as s:
        again = s.get(m.Application, app_id)
        assert again is not None
        assert again.status is ApplicationStatus.UNDER_REVIEW and again.version == 2


def test_timestamps_come_back_as_aware_utc(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as s:
        app_id = _application(s).id
        s.commit()
    with session_factory() as s:
        application = s.get(m.Application, app_id)
        assert application is not None
        assert application.submitted_at == datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
        assert application.submitted_at.utcoffset() == timedelta(0)
        application.claimed_at = datetime(2026, 3, 2, 10, 0)  # naive: which zone? refused
        with pytest.raises(sa.exc.StatementError):
            s.flush()


def test_relationships_do_not_lazy_load(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as s:
        app_id = _application(s).id
        s.commit()
    with session_factory() as s:
        application = s.get(m.Application, app_id)
        assert application is not None
        with pytest.raises(InvalidRequestError):
            _ = application.applicant
    with session_factory() as s:
        loaded = s.scalars(
            sa.select(m.Application).options(selectinload(m.Application.applicant))
            .where(m.Application.id == app_id)
        ).one()
        assert loaded.applicant.ubn == "10458575"
