"""Demo database (示範資料庫): fill an EMPTY database with a demo programme and its data.

``ensure_demo_data`` creates the demo programme (marked ``is_demo``, so card-less demo
sign-in works and every screen says it is a demo), imports the bundled office calendars,
registers demo officers, then generates a demo feed and imports it through the normal feed
importer (so the demo data went through every check real data goes through).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import sqlalchemy as sa

from backoffice.config import RESOURCES
from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.policy.params import DEFAULT_PARAMS
from backoffice.services.demo_feed import DEMO_TODAY, dumps, generate_feed
from backoffice.services.feed.importer import ImportReport, import_lines

log = logging.getLogger(__name__)

DEMO_PROGRAMME_CODE = "DEMO-115"
DEMO_PROGRAMME_NAME = "臺灣雲市集數位點數補助（示範） Cloud-marketplace digital points (demo)"
DEMO_SUBSIDY_DEADLINE = date(2026, 12, 31)
# (name, email, roles): enough people for the four-eyes rules (preparer != approver).
DEMO_OFFICERS: tuple[tuple[str, str, tuple[Role, ...]], ...] = (
    ("陳怡君", "officer1@demo.invalid", (Role.OFFICER,)),
    ("王俊傑", "officer2@demo.invalid", (Role.OFFICER,)),
    ("林志明", "supervisor@demo.invalid", (Role.SUPERVISOR, Role.OFFICER)),
    ("黃淑芬", "finance@demo.invalid", (Role.FINANCE,)),
    ("張家豪", "admin@demo.invalid", (Role.ADMIN,)),
)


def _is_empty(session: Any) -> bool:
    for model in (m.Programme, m.Applicant, m.Application, m.Vendor):
        if session.scalar(sa.select(sa.func.count()).select_from(model)):
            return False
    return True


def _calendar_files() -> list[Any]:
    folder = RESOURCES / "calendar"
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def ensure_demo_data(
    uow_factory: Callable[[], Any],
    *,
    applicants: int = 200,
    seed: int = 20261121,
    today: date = DEMO_TODAY,
) -> bool:
    """Load the demo programme into an empty database; False (and nothing done) otherwise."""
    budget_total = DEFAULT_PARAMS.grant_points * max(applicants, 1)
    with uow_factory() as uow:
        s = uow.session
        if not _is_empty(s):
            return False
        programme = m.Programme(code=DEMO_PROGRAMME_CODE, name=DEMO_PROGRAMME_NAME, is_demo=True,
                                subsidy_deadline=DEMO_SUBSIDY_DEADLINE)
        s.add(programme)
        s.flush()
        s.add(m.Budget(programme_id=programme.id, total=budget_total, committed=0))
        for name, email, roles in DEMO_OFFICERS:
            s.add(m.Officer(name=name, email=email, active=True, roles=[m.OfficerRole(role=r) for r in roles]))
        from backoffice.services.calendar import import_office_calendar_csv

        for path in _calendar_files():
            import_office_calendar_csv(s, path.read_bytes(), path.name)
        uow.commit()
        session_factory = uow.session_factory
    report = load_demo_feed(session_factory, applicants=applicants, seed=seed, today=today,
                            budget_points=budget_total)
    if report.rejected:  # a generator bug: the demo must import cleanly, say so loudly
        log.warning("demo feed: %d lines rejected, first: %s", len(report.rejected), report.rejected[0])
    return True


def load_demo_feed(session_factory: Any, *, applicants: int, seed: int, today: date = DEMO_TODAY,
                   budget_points: int | None = None) -> ImportReport:
    """Generate a demo feed in memory and import it (no file on disk)."""
    lines = (dumps(rec) for rec in generate_feed(applicants, seed, today, budget_points))
    return import_lines(session_factory, lines, filename=f"demo-seed-{seed}.jsonl")
