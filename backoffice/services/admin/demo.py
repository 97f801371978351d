"""Demo database (示範資料庫): fill an EMPTY database with a demo programme and its data.

``ensure_demo_data`` generates a demo feed (and last year's closed programme,
``demo_previous``) and imports it through the normal feed importer (so
the demo data went through every check real data goes through; the feed's first record is the
programme), then marks that programme as demo (``is_demo``, so card-less demo sign-in works and
every screen says it is a demo), imports the bundled office calendars, registers demo officers and
plays the refunds desk's work (cases in every state), seeds the finance desk and attaches generated
scans to the applications.
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
from backoffice.services.admin.demo_feed import (
    DEMO_PROGRAMME_NAME,
    DEMO_TODAY,
    demo_programme_code,
    dumps,
    generate_feed,
)
from backoffice.services.authz import query_helper, system_job
from backoffice.services.feed.importer import ImportReport, import_lines

log = logging.getLogger(__name__)

DEMO_PROGRAMME_CODE = demo_programme_code(DEMO_TODAY)
__all__ = ["DEMO_PROGRAMME_CODE", "DEMO_PROGRAMME_NAME", "ensure_demo_data", "finish_demo_database",
           "is_empty", "load_demo_feed"]
# (name, email, roles): enough people for the four-eyes rules (preparer != approver).
DEMO_OFFICERS: tuple[tuple[str, str, tuple[Role, ...]], ...] = (
    ("陳怡君", "officer1@demo.invalid", (Role.OFFICER,)),
    ("王俊傑", "officer2@demo.invalid", (Role.OFFICER,)),
    ("林志明", "supervisor@demo.invalid", (Role.SUPERVISOR, Role.OFFICER)),
    ("黃淑芬", "finance@demo.invalid", (Role.FINANCE,)),
    ("張家豪", "admin@demo.invalid", (Role.ADMIN,)),
)


@query_helper("whether the database is empty (start-up with --demo-if-empty)")
def is_empty(session: Any) -> bool:
    """No programme, applicant, application or vendor yet: a demo may be loaded here."""
    return _is_empty(session)


def _is_empty(session: Any) -> bool:
    for model in (m.Programme, m.Applicant, m.Application, m.Vendor):
        if session.scalar(sa.select(sa.func.count()).select_from(model)):
            return False
    return True


def _calendar_files() -> list[Any]:
    folder = RESOURCES / "calendar"
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


@system_job("demo data on an empty demo database (backoffice --demo-if-empty)")
def ensure_demo_data(
    uow_factory: Callable[[], Any],
    *,
    applicants: int = 200,
    seed: int = 20261121,
    today: date = DEMO_TODAY,
) -> bool:
    """Load the demo programme into an empty database; False (and nothing done) otherwise."""
    with uow_factory() as uow:
        if not _is_empty(uow.session):
            return False
        session_factory = uow.session_factory
    from backoffice.services.admin import demo_previous as prev

    # Last year's closed programme first (it carries the one catalogue; the dashboard shows the
    # newest programme), then this year's.
    main = list(generate_feed(applicants, seed, today))
    for name, records in (("previous", prev.previous_programme_feed(main, seed, today)),
                          ("this year", (r for r in main if r["type"] not in prev.CATALOGUE))):
        report = import_lines(session_factory, (dumps(r) for r in records), filename=f"demo-seed-{seed}-{name}.jsonl")
        if report.rejected:  # a generator bug: the demo must import cleanly, say so loudly
            log.warning("demo feed (%s): %d lines rejected, first: %s", name, len(report.rejected),
                        report.rejected[0])
    with uow_factory() as uow:
        finish_demo_database(uow.session, demo_programme_code(today))
        uow.session.execute(sa.update(m.Programme).where(m.Programme.code == prev.previous_programme_code(today))
                            .values(is_demo=True))
        uow.commit()
    from backoffice.services.refunds.demo_play import play_refund_desk

    prev.return_after_deadline(uow_factory, today)  # forfeited: approved after last year's deadline
    play_refund_desk(uow_factory, today)  # refund cases in every state of the desk
    from backoffice.services.admin.demo_finance import seed_finance_demo

    seed_finance_demo(uow_factory, today)  # finance desk: claims in every state, paid batches, 95A
    # Scans (附表1 PDF, 附表3 image) for every demo application, so the viewer is seen in a demo.
    from backoffice.services.applications.attachments import add_demo_attachments

    add_demo_attachments(uow_factory, limit=(applicants + prev.PREVIOUS_APPLICANTS) * 2)
    return True


@system_job("finishing a database filled from a demo feed")
def finish_demo_database(session: Any, programme_code: str) -> list[str]:
    """Make a database just filled from a demo feed usable: mark its programme as demo (card-less
    sign-in, the banner), register the demo officers (unless officers exist) and import the
    bundled office calendars. Returns the e-mails of the officers added; the caller commits."""
    found = session.execute(sa.update(m.Programme).where(m.Programme.code == programme_code)
                            .values(is_demo=True)).rowcount
    if not found:
        raise LookupError(f"no programme {programme_code!r} to mark as demo")
    added: list[str] = []
    if not session.scalar(sa.select(sa.func.count()).select_from(m.Officer)):
        for name, email, roles in DEMO_OFFICERS:
            session.add(m.Officer(name=name, email=email, active=True,
                                  roles=[m.OfficerRole(role=r) for r in roles]))
            added.append(email)
    from backoffice.services.admin.calendar import import_office_calendar_csv

    for path in _calendar_files():
        import_office_calendar_csv(session, path.read_bytes(), path.name)
    return added


@system_job("demo data through the feed import")
def load_demo_feed(session_factory: Any, *, applicants: int, seed: int, today: date = DEMO_TODAY,
                   budget_points: int | None = None) -> ImportReport:
    """Generate a demo feed in memory (programme record first) and import it (no file on disk)."""
    lines = (dumps(rec) for rec in generate_feed(applicants, seed, today, budget_points))
    return import_lines(session_factory, lines, filename=f"demo-seed-{seed}.jsonl")
