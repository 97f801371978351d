"""Claims (分案): one holder at a time, releases, stale releases by a supervisor, audit (SQLite + PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import ApplicationStatus
from backoffice.services.applications import assignment
from backoffice.services.applications.assignment import (
    AlreadyClaimed,
    CaseClosed,
    ClaimNotStale,
    ClaimRequired,
    NotClaimable,
    PermissionDenied,
)
from tests.integration.queue_seed import seed_queue

pytestmark = pytest.mark.db


def audit_actions(uow, application_id):
    with uow() as u:
        return list(u.session.scalars(
            sa.select(m.AuditEvent.action).where(m.AuditEvent.entity_type == "application",
                                                 m.AuditEvent.entity_id == str(application_id))
            .order_by(m.AuditEvent.id)))


def test_claim_takes_a_new_case_into_review_and_is_audited(uow):
    seed = seed_queue(uow)
    app_id = seed.apps["new_waiting"]
    with uow() as u:
        info = assignment.claim(u, app_id, seed.officer_a)
    assert (info.holder_id, info.holder_name, info.status) == (seed.officer_a, "王承辦",
                                                               ApplicationStatus.UNDER_REVIEW)
    assert info.claimed_at is not None
    with uow() as u:
        changes = u.session.scalars(sa.select(m.ApplicationStatusChange)
                                    .where(m.ApplicationStatusChange.application_id == app_id)).all()
        assert [(c.from_status, c.to_status, c.officer_id) for c in changes] == [
            (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW, seed.officer_a)]
    assert audit_actions(uow, app_id) == ["application.claim"]
    # Claiming again is harmless for the holder (no second audit entry).
    with uow() as u:
        assert assignment.claim(u, app_id, seed.officer_a).holder_id == seed.officer_a
    assert audit_actions(uow, app_id) == ["application.claim"]


def test_another_officer_sees_the_holder_and_cannot_claim_release_or_decide(uow):
    seed = seed_queue(uow)
    app_id = seed.apps["supp_ok"]
    with uow() as u:
        assignment.claim(u, app_id, seed.officer_a)
    with uow() as u, pytest.raises(AlreadyClaimed) as caught:
        assignment.claim(u, app_id, seed.officer_b)
    assert (caught.value.holder_id, caught.value.holder_name) == (seed.officer_a, "王承辦")
    with uow() as u, pytest.raises(ClaimRequired) as not_holder:
        assignment.release(u, app_id, seed.officer_b)
    assert not_holder.value.holder_id == seed.officer_a
    with uow() as u:
        assignment.require_claim(u.session, app_id, seed.officer_a)  # the holder may decide
        with pytest.raises(ClaimRequired):
            assignment.require_claim(u.session, app_id, seed.officer_b)
        app = u.session.get(m.Application, app_id)
        with pytest.raises(ClaimRequired):
            assignment.require_claim(u.session, app, seed.officer_b)
    # Supplement cases keep their status when claimed.
    with uow() as u:
        assert assignment.claim_info(u.session, app_id).status is ApplicationStatus.SUPPLEMENT_REQUESTED


def test_release_returns_the_case_to_the_queue(uow):
    seed = seed_queue(uow)
    app_id = seed.apps["reviewing"]
    with uow() as u:
        before = assignment.claim(u, app_id, seed.officer_a)
    with uow() as u:
        after = assignment.release(u, app_id, seed.officer_a)
    assert after.holder_id is None and after.claimed_at is None
    assert after.version > before.version  # a decision prepared before the release goes stale
    with uow() as u:
        assert assignment.claim(u, app_id, seed.officer_b).holder_id == seed.officer_b
    with uow() as u, pytest.raises(ClaimRequired):
        assignment.require_claim(u.session, app_id, seed.officer_a)
    assert audit_actions(uow, app_id) == ["application.claim", "application.release", "application.claim"]


def test_nobody_can_claim_a_decided_case_and_roles_are_checked_in_the_service(uow):
    seed = seed_queue(uow)
    with uow() as u, pytest.raises(NotClaimable) as caught:
        assignment.claim(u, seed.apps["approved"], seed.officer_a)
    assert caught.value.status is ApplicationStatus.APPROVED
    with uow() as u, pytest.raises(PermissionDenied):
        assignment.claim(u, seed.apps["new_waiting"], seed.finance)
    with uow() as u, pytest.raises(PermissionDenied):
        assignment.claim(u, seed.apps["new_waiting"], 999_999)
    with uow() as u:
        u.session.get(m.Officer, seed.officer_b).active = False
        u.commit()
    with uow() as u, pytest.raises(PermissionDenied):
        assignment.claim(u, seed.apps["new_waiting"], seed.officer_b)
    with uow() as u:
        assert assignment.claim_info(u.session, seed.apps["new_waiting"]).holder_id is None


@pytest.mark.parametrize("status", [ApplicationStatus.APPROVED, ApplicationStatus.REJECTED,
                                    ApplicationStatus.WITHDRAWN])
def test_a_closed_case_keeps_who_handled_it_neither_holder_nor_supervisor_can_release_it(uow, status):
    seed = seed_queue(uow)
    app_id = seed.apps["reviewing"]
    t0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    with uow() as u:
        assignment.claim(u, app_id, seed.officer_a, now=t0)
    with uow() as u:  # decided while held (what decisions.approve/reject leave behind)
        u.session.get(m.Application, app_id).status = status
        u.commit()
    late = t0 + timedelta(days=14)  # stale by any count of working days
    with uow() as u, pytest.raises(CaseClosed) as caught:
        assignment.release(u, app_id, seed.officer_a)
    assert (caught.value.status, caught.value.holder_id) == (status, seed.officer_a)
    with uow() as u, pytest.raises(CaseClosed):
        assignment.release_stale(u, app_id, seed.supervisor, reason="休假", now=late)
    with uow() as u:
        assert assignment.stale_claims(u, now=late) == []  # nothing for the supervisor to release
        info = assignment.claim_info(u.session, app_id)
    assert (info.holder_id, info.claimed_at) == (seed.officer_a, t0)
    assert audit_actions(uow, app_id) == ["application.claim"]


def test_supervisor_releases_only_stale_claims(uow):
    seed = seed_queue(uow)
    app_id = seed.apps["old_waiting"]
    t0 = datetime(2026, 3, 20, 2, 0, tzinfo=UTC)  # Friday 10:00 in Taipei
    with uow() as u:
        assignment.claim(u, app_id, seed.officer_a, now=t0)
    # Stale after 2 working days: the weekend does not count, so not on Monday evening...
    early = datetime(2026, 3, 23, 15, 59, tzinfo=UTC)  # Monday 23:59 in Taipei
    with uow() as u, pytest.raises(ClaimNotStale):
        assignment.release_stale(u, app_id, seed.supervisor, reason="休假", now=early)
    late = datetime(2026, 3, 23, 16, 0, tzinfo=UTC)  # ...but from Tuesday 00:00 in Taipei
    with uow() as u, pytest.raises(PermissionDenied):
        assignment.release_stale(u, app_id, seed.officer_b, reason="休假", now=late)  # officers cannot
    for no_reason in ("", "   "):
        with uow() as u, pytest.raises(assignment.ReleaseReasonRequired):
            assignment.release_stale(u, app_id, seed.supervisor, reason=no_reason, now=late)
    with uow() as u:
        assert [c.application_id for c in assignment.stale_claims(u, now=late)] == [app_id]
        assert assignment.stale_claims(u, now=early) == []
    with uow() as u:
        info = assignment.release_stale(u, app_id, seed.supervisor, reason="休假", now=late)
    assert info.holder_id is None
    with uow() as u:
        event = u.session.scalars(sa.select(m.AuditEvent).where(
            m.AuditEvent.action == "application.release_stale")).one()
        assert event.officer_id == seed.supervisor
        assert event.details["holder_id"] == seed.officer_a and event.details["reason"] == "休假"
    with uow() as u, pytest.raises(ClaimNotStale):  # nothing held any more
        assignment.release_stale(u, app_id, seed.supervisor, reason="休假", now=late)


def test_assignable_officers_are_active_case_handlers(uow):
    seed = seed_queue(uow)
    with uow() as u:
        ids = [o.id for o in assignment.list_assignable_officers(u)]
    assert sorted(ids) == sorted([seed.officer_a, seed.officer_b, seed.supervisor])


@pytest.mark.parametrize("rounds", [8])
def test_two_officers_claiming_at_once_exactly_one_wins(uow, rounds):
    seed = seed_queue(uow)
    officers = [seed.officer_a, seed.officer_b]
    for n in range(rounds):
        app_id = seed.apps["new_waiting"]
        with uow() as u:  # reset: nobody holds it
            holder = assignment.claim_info(u.session, app_id).holder_id
            if holder is not None:
                assignment.release(u, app_id, holder)
        barrier = threading.Barrier(2)
        outcomes: dict[int, object] = {}

        def attempt(officer_id: int) -> None:
            with uow() as u:
                barrier.wait()
                try:
                    outcomes[officer_id] = assignment.claim(u, app_id, officer_id).holder_id
                except AlreadyClaimed as exc:
                    outcomes[officer_id] = exc
                except Exception as exc:  # any other failure is a test failure
                    outcomes[officer_id] = repr(exc)

        threads = [threading.Thread(target=attempt, args=(o,)) for o in officers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        winners = [o for o, r in outcomes.items() if r == o]
        losers = [o for o, r in outcomes.items() if isinstance(r, AlreadyClaimed)]
        assert len(winners) == 1 and len(losers) == 1, (n, outcomes)
        assert outcomes[losers[0]].holder_id == winners[0]
        with uow() as u:
            assert assignment.claim_info(u.session, app_id).holder_id == winners[0]
    claims = [a for a in audit_actions(uow, seed.apps["new_waiting"]) if a == "application.claim"]
    assert len(claims) == rounds
