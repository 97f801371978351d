"""Case assignment (分案): an officer claims a case, others see who holds it and cannot decide it.

Claims are made by ONE conditional UPDATE (``... WHERE assigned_officer_id IS NULL``): when two
officers claim the same case at once, the database lets exactly one UPDATE match; the other sees
zero rows and gets ``AlreadyClaimed`` naming the holder. PostgreSQL re-checks the WHERE clause
after waiting for the first writer's row lock; SQLite serialises writers. Every claim, release and
stale release bumps ``applications.version`` (the ORM's optimistic lock), so a decision prepared
from an older read fails with ``StaleDataError`` instead of overwriting.

A claim is stale once ``STALE_CLAIM_WORKING_DAYS`` working days of the office calendar have
ended since the claim day **[decision: 2 working days]** (a Friday claim is not stale on Monday);
a supervisor (主管) may then release it, giving a reason, so the case returns to the queue. Every
change is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import ApplicationStatus, Role
from backoffice.db.session import UnitOfWork
from backoffice.policy.calendar import OfficeCalendar
from backoffice.services.admin.calendar import load_office_calendar
from backoffice.services.authz import (
    SUPERVISOR_ROLES,
    Actor,
    PermissionDenied,
    officer_id_of,
    pure,
    query_helper,
    require_officer,
    requires,
)

__all__ = [
    "CLAIMABLE_STATUSES",
    "STALE_CLAIM_WORKING_DAYS",
    "AlreadyClaimed",
    "AssignmentError",
    "ClaimInfo",
    "ClaimRequired",
    "CaseClosed",
    "ClaimNotStale",
    "NotClaimable",
    "ReleaseReasonRequired",
    "PermissionDenied",
    "claim",
    "claim_info",
    "list_assignable_officers",
    "release",
    "release_stale",
    "stale_cutoff",
    "require_claim",
    "stale_claims",
]

CLAIMABLE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SUPPLEMENT_REQUESTED,
)
STALE_CLAIM_WORKING_DAYS = 2  # [decision] working days of the office calendar
TAIPEI = ZoneInfo("Asia/Taipei")
CLAIM_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})


# ---- errors (carry data; views choose the words) ---------------------------------------------------


class AssignmentError(Exception):
    """Base of the expected assignment failures."""


class UnknownApplication(AssignmentError):  # noqa: N818
    def __init__(self, application_id: int) -> None:
        super().__init__(f"no application {application_id}")
        self.application_id = application_id


class AlreadyClaimed(AssignmentError):  # noqa: N818 (reads as the officer sees it)
    """Another officer holds the case."""

    def __init__(self, application_id: int, holder_id: int, holder_name: str, claimed_at: datetime | None) -> None:
        super().__init__(f"application {application_id} is held by officer {holder_id}")
        self.application_id = application_id
        self.holder_id = holder_id
        self.holder_name = holder_name
        self.claimed_at = claimed_at


class NotClaimable(AssignmentError):  # noqa: N818
    """The case is decided (approved, rejected, withdrawn): nothing left to claim."""

    def __init__(self, application_id: int, status: ApplicationStatus) -> None:
        super().__init__(f"application {application_id} is {status.value}")
        self.application_id = application_id
        self.status = status


class CaseClosed(AssignmentError):  # noqa: N818
    """Release refused: the case is decided; its holder is the record of who handled it."""

    def __init__(self, application_id: int, status: ApplicationStatus, holder_id: int | None) -> None:
        super().__init__(f"application {application_id} is {status.value}: its claim is kept")
        self.application_id = application_id
        self.status = status
        self.holder_id = holder_id


class ClaimRequired(AssignmentError):
    """The officer acts on a case without holding its claim (holder_id None: nobody holds it)."""

    def __init__(self, application_id: int, officer_id: int | None, holder_id: int | None) -> None:
        super().__init__(f"officer {officer_id} does not hold application {application_id} (holder {holder_id})")
        self.application_id = application_id
        self.officer_id = officer_id
        self.holder_id = holder_id


class ReleaseReasonRequired(AssignmentError):
    """A supervisor's release of someone else's claim must say why (it is audited)."""

    def __init__(self, application_id: int) -> None:
        super().__init__(f"releasing the claim on application {application_id} needs a reason")
        self.application_id = application_id


class ClaimNotStale(AssignmentError):  # noqa: N818
    """A supervisor tried to release a claim not yet stale (see ``stale_cutoff``), or no claim at all."""

    def __init__(self, application_id: int, claimed_at: datetime | None) -> None:
        super().__init__(f"claim on application {application_id} is not stale (claimed {claimed_at})")
        self.application_id = application_id
        self.claimed_at = claimed_at


# ---- values ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimInfo:
    """Who holds a case now."""

    application_id: int
    status: ApplicationStatus
    holder_id: int | None
    holder_name: str | None
    claimed_at: datetime | None
    version: int

    def is_stale(self, cutoff: datetime) -> bool:
        """Stale when claimed before ``cutoff`` (``stale_cutoff`` of the day)."""
        return self.claimed_at is not None and _utc(self.claimed_at) < cutoff


@dataclass(frozen=True)
class OfficerChoice:
    id: int
    name: str


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def _utc(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


@pure
def stale_cutoff(today: date, calendar: OfficeCalendar) -> datetime:
    """Claims made before this instant are stale on ``today`` (a Taipei date): at least
    STALE_CLAIM_WORKING_DAYS working days lie in (claim day, today]. It is the start of the
    N-th working day counted back from today, today included."""
    day, found = today, 0
    while True:
        if calendar.is_working_day(day).working:
            found += 1
            if found == STALE_CLAIM_WORKING_DAYS:
                return datetime.combine(day, time(0), TAIPEI).astimezone(UTC)
        day -= timedelta(days=1)


def _cutoff_at(session: Session, at: datetime) -> datetime:
    today = _utc(at).astimezone(TAIPEI).date()
    return stale_cutoff(today, load_office_calendar(session, [today.year - 1, today.year]))


@query_helper("the claim state, read by claim/release and decisions with their session")
def claim_info(session: Session, application_id: int) -> ClaimInfo:
    """The current holder of ``application_id`` read fresh from the database."""
    row = session.execute(
        sa.select(m.Application.status, m.Application.assigned_officer_id, m.Officer.name,
                  m.Application.claimed_at, m.Application.version)
        .outerjoin(m.Officer, m.Officer.id == m.Application.assigned_officer_id)
        .where(m.Application.id == application_id)
    ).first()
    if row is None:
        raise UnknownApplication(application_id)
    status, holder, name, claimed_at, version = row
    return ClaimInfo(application_id, ApplicationStatus(status), holder, name, claimed_at, version)


def _audit(session: Session, officer_id: int, action: str, application_id: int, details: dict[str, Any]) -> None:
    session.add(m.AuditEvent(officer_id=officer_id, action=action, entity_type="application",
                             entity_id=str(application_id), details=details))


@requires(CLAIM_ROLES)
def claim(uow: UnitOfWork, application_id: int, officer: Actor, *, now: datetime | None = None) -> ClaimInfo:
    """``officer`` takes the case. Idempotent for the holder; ``AlreadyClaimed`` for anyone else.

    A newly submitted case moves to 審核中 (under review) when first claimed. Commits.
    """
    session: Session = uow.session
    me = require_officer(session, officer, "claim an application", CLAIM_ROLES)
    at = _now(now)
    A = m.Application
    # The claim itself: one statement, decided by the database (see the module docstring).
    result = session.execute(
        sa.update(A)
        .where(A.id == application_id, A.assigned_officer_id.is_(None), A.status.in_(CLAIMABLE_STATUSES))
        .values(assigned_officer_id=me.id, claimed_at=at, version=A.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        info = claim_info(session, application_id)
        uow.rollback()
        if info.holder_id == me.id:
            return info
        if info.holder_id is not None:
            raise AlreadyClaimed(application_id, info.holder_id, info.holder_name or "", info.claimed_at)
        raise NotClaimable(application_id, info.status)
    info = claim_info(session, application_id)
    if info.status is ApplicationStatus.SUBMITTED:
        session.execute(sa.update(A).where(A.id == application_id)
                        .values(status=ApplicationStatus.UNDER_REVIEW, version=A.version + 1)
                        .execution_options(synchronize_session=False))
        session.add(m.ApplicationStatusChange(
            application_id=application_id, from_status=ApplicationStatus.SUBMITTED,
            to_status=ApplicationStatus.UNDER_REVIEW, at=at, officer_id=me.id, reason_code="claim"))
    _audit(session, me.id, "application.claim", application_id,
           {"status": info.status.value, "claimed_at": at.isoformat()})
    uow.commit()
    return claim_info(session, application_id)


@requires(CLAIM_ROLES)
def release(uow: UnitOfWork, application_id: int, officer: Actor) -> ClaimInfo:
    """The holder gives an open case back to the queue.

    ``ClaimRequired`` if ``officer`` does not hold it; ``CaseClosed`` once it is decided (approved,
    rejected, withdrawn): the holder then records who handled the case and stays.
    """
    session: Session = uow.session
    me = require_officer(session, officer, "release an application", CLAIM_ROLES)
    A = m.Application
    result = session.execute(
        sa.update(A).where(A.id == application_id, A.assigned_officer_id == me.id,
                           A.status.in_(CLAIMABLE_STATUSES))
        .values(assigned_officer_id=None, claimed_at=None, version=A.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        info = claim_info(session, application_id)
        uow.rollback()
        if info.status not in CLAIMABLE_STATUSES:
            raise CaseClosed(application_id, info.status, info.holder_id)
        raise ClaimRequired(application_id, me.id, info.holder_id)
    _audit(session, me.id, "application.release", application_id, {})
    uow.commit()
    return claim_info(session, application_id)


@requires(SUPERVISOR_ROLES, officer="supervisor")
def release_stale(uow: UnitOfWork, application_id: int, supervisor: Actor, *, reason: str,
                  now: datetime | None = None) -> ClaimInfo:
    """A supervisor releases a stale claim (see ``stale_cutoff``; e.g. the holder is away), saying
    why (``ReleaseReasonRequired`` otherwise; the reason is audited).

    The UPDATE re-checks the holder and the claim time it read, so a claim renewed meanwhile
    is never released by mistake (``ClaimNotStale``). Commits.
    """
    session: Session = uow.session
    boss = require_officer(session, supervisor, "release a stale claim", SUPERVISOR_ROLES)
    reason = (reason or "").strip()
    if not reason:
        raise ReleaseReasonRequired(application_id)
    at = _now(now)
    cutoff = _cutoff_at(session, at)
    before = claim_info(session, application_id)
    if before.status not in CLAIMABLE_STATUSES:
        raise CaseClosed(application_id, before.status, before.holder_id)
    if before.holder_id is None or not before.is_stale(cutoff):
        raise ClaimNotStale(application_id, before.claimed_at)
    A = m.Application
    result = session.execute(
        sa.update(A)
        .where(A.id == application_id, A.assigned_officer_id == before.holder_id,
               A.claimed_at < cutoff, A.status.in_(CLAIMABLE_STATUSES))
        .values(assigned_officer_id=None, claimed_at=None, version=A.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        uow.rollback()
        raise ClaimNotStale(application_id, claim_info(session, application_id).claimed_at)
    _audit(session, boss.id, "application.release_stale", application_id, {
        "holder_id": before.holder_id,
        "claimed_at": before.claimed_at.isoformat() if before.claimed_at else None,
        "reason": reason,
    })
    uow.commit()
    return claim_info(session, application_id)


@query_helper("decisions check the claim with their session")
def require_claim(session: Session, app: m.Application | int, officer: Actor) -> None:
    """Raise ``ClaimRequired`` unless ``officer`` holds the claim on ``app`` (for deciding services).

    Reads the holder fresh from the database, locking the row on PostgreSQL (``FOR UPDATE``) so
    the claim cannot be released between this check and the caller's commit.
    """
    application_id = app if isinstance(app, int) else app.id
    officer_id = officer_id_of(officer)
    holder = session.execute(
        sa.select(m.Application.assigned_officer_id).where(m.Application.id == application_id).with_for_update()
    ).first()
    if holder is None:
        raise UnknownApplication(application_id)
    if officer_id is None or holder[0] != officer_id:
        raise ClaimRequired(application_id, officer_id, holder[0])


@query_helper("the stale-claim list (claim times and ids only)")
def stale_claims(uow: UnitOfWork, *, now: datetime | None = None, limit: int = 200) -> list[ClaimInfo]:
    """Stale claims (see ``stale_cutoff``), oldest first (for the supervisor's view)."""
    at = _now(now)
    cutoff = _cutoff_at(uow.session, at)
    A = m.Application
    rows = uow.session.execute(
        sa.select(A.id, A.status, A.assigned_officer_id, m.Officer.name, A.claimed_at, A.version)
        .join(m.Officer, m.Officer.id == A.assigned_officer_id)
        .where(A.claimed_at < cutoff, A.status.in_(CLAIMABLE_STATUSES))
        .order_by(A.claimed_at, A.id).limit(limit)
    ).all()
    return [ClaimInfo(i, ApplicationStatus(s), h, n, c, v) for i, s, h, n, c, v in rows]


@query_helper("officer names for the queue filter")
def list_assignable_officers(uow: UnitOfWork) -> list[OfficerChoice]:
    """Active officers who may hold cases (for the queue's "assigned officer" filter)."""
    rows = uow.session.execute(
        sa.select(m.Officer.id, m.Officer.name).join(m.OfficerRole, m.OfficerRole.officer_id == m.Officer.id)
        .where(m.Officer.active.is_(True), m.OfficerRole.role.in_(CLAIM_ROLES))
        .distinct().order_by(m.Officer.name, m.Officer.id)
    ).all()
    return [OfficerChoice(i, n) for i, n in rows]
