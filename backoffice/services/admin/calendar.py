"""Office calendar (政府行政機關辦公日曆表): import of the official CSV, one-off closures, loading.

The parsing and the working-day rules live in ``backoffice.policy.calendar``; this module only
moves days between the CSV, the database and an ``OfficeCalendar``. Years without an import fall
back to the ``holidays`` TW calendar inside ``OfficeCalendar`` (answers marked provisional).
The caller's unit of work commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db.enums import CalendarSource
from backoffice.db.models import AuditEvent, CalendarDay, CalendarYear
from backoffice.policy.calendar import OfficeCalendar, parse_office_calendar_csv
from backoffice.policy.results import JsonResult
from backoffice.services.authz import ADMIN_ROLES, query_helper, requires, system_job


class CalendarError(ValueError):
    """A calendar change that is not allowed; ``reason_zh`` is shown to the administrator."""

    def __init__(self, reason: str, reason_zh: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh


@dataclass(frozen=True)
class YearImport(JsonResult):
    year: int
    days: int  # rows of that year in the file
    days_off: int
    makeup_workdays: int  # Saturdays/Sundays marked as working days (補行上班)
    missing_days: int  # days of the year absent from the file (they fall back to `holidays`)
    closures_kept: int  # one-off closures that stay in force over the new official rows
    unchanged: bool  # the same file was already imported for this year


@dataclass(frozen=True)
class ImportResult(JsonResult):
    source_name: str
    source_sha256: str
    years: tuple[YearImport, ...]


def _days_in_year(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


@system_job("backoffice-admin calendar import and the demo data")
def import_office_calendar_csv(
    session: Session, data: bytes, source_name: str, officer_id: int | None = None
) -> ImportResult:
    """Import (or re-import) every year of an office-calendar file.

    Raises ``policy.calendar.CalendarFormatError`` (with the line number) on a malformed file;
    nothing is written then. Closures already recorded for a day survive a re-import.
    """
    parsed = parse_office_calendar_csv(data)
    digest = hashlib.sha256(data).hexdigest()
    results: list[YearImport] = []
    for year in sorted(parsed.years):
        start, end = date(year, 1, 1), date(year, 12, 31)
        days = {d: v for d, v in parsed.days.items() if d.year == year}
        existing = session.get(CalendarYear, year)
        closures = set(session.scalars(
            sa.select(CalendarDay.day).where(
                CalendarDay.day.between(start, end), CalendarDay.source == CalendarSource.CLOSURE)
        ))
        unchanged = existing is not None and existing.source_sha256 == digest
        if not unchanged:
            session.execute(sa.delete(CalendarDay).where(
                CalendarDay.day.between(start, end), CalendarDay.source == CalendarSource.OFFICIAL))
            rows = [
                {"day": d, "is_off": off, "note": (note or None) and note[:200],
                 "source": CalendarSource.OFFICIAL}
                for d, (off, note) in sorted(days.items()) if d not in closures
            ]
            if rows:
                session.execute(sa.insert(CalendarDay), rows)
            if existing is None:
                session.add(CalendarYear(year=year, imported_at=datetime.now(UTC),
                                         source_sha256=digest, rows=len(days)))
            else:
                existing.imported_at = datetime.now(UTC)
                existing.source_sha256 = digest
                existing.rows = len(days)
        results.append(YearImport(
            year=year,
            days=len(days),
            days_off=sum(1 for off, _ in days.values() if off),
            makeup_workdays=sum(1 for d, (off, _) in days.items() if not off and d.weekday() >= 5),
            missing_days=_days_in_year(year) - len(days),
            closures_kept=len(closures),
            unchanged=unchanged,
        ))
    result = ImportResult(source_name, digest, tuple(results))
    session.add(AuditEvent(officer_id=officer_id, action="calendar.import", entity_type="calendar",
                           entity_id=",".join(str(y.year) for y in results), details=result.to_json()))
    session.flush()
    return result


@requires(ADMIN_ROLES, officer="officer_id")
def add_closure(session: Session, day: date, note: str, officer_id: int | None = None) -> None:
    """Record a one-off office closure (停止上班, e.g. a typhoon day) in an imported year."""
    if not note.strip():
        raise CalendarError("a closure needs a note", "停止上班須註明原因")
    if session.get(CalendarYear, day.year) is None:
        raise CalendarError(
            f"year {day.year} is not imported; import the office calendar first",
            f"{day.year - 1911} 年辦公日曆表尚未匯入，請先匯入",
        )
    row = session.get(CalendarDay, day)
    before = None if row is None else {"is_off": row.is_off, "note": row.note, "source": row.source.value}
    if row is None:
        session.add(CalendarDay(day=day, is_off=True, note=note.strip()[:200],
                                source=CalendarSource.CLOSURE))
    else:
        row.is_off = True
        row.note = note.strip()[:200]
        row.source = CalendarSource.CLOSURE
    session.add(AuditEvent(officer_id=officer_id, action="calendar.closure", entity_type="calendar_day",
                           entity_id=day.isoformat(), details={"note": note.strip(), "before": before}))
    session.flush()


@query_helper("the public office calendar, read by deadline services")
def load_office_calendar(session: Session, years: Iterable[int] | None = None) -> OfficeCalendar:
    """The database's calendar (all imported years, or only ``years``) as a policy calendar."""
    q = sa.select(CalendarYear.year)
    wanted = None if years is None else sorted(set(years))
    if wanted is not None:
        q = q.where(CalendarYear.year.in_(wanted))
    imported = set(session.scalars(q))
    dq = sa.select(CalendarDay.day, CalendarDay.is_off, CalendarDay.note, CalendarDay.source)
    if wanted is not None:
        # Closures of non-imported years do not exist (add_closure refuses them), so filtering on
        # the requested years is enough.
        dq = dq.where(sa.or_(*(CalendarDay.day.between(date(y, 1, 1), date(y, 12, 31)) for y in wanted))
                      if wanted else sa.false())
    official: dict[date, bool] = {}
    closures: dict[date, str] = {}
    for day, is_off, note, source in session.execute(dq):
        if source == CalendarSource.CLOSURE:
            closures[day] = note or ""
        else:
            official[day] = is_off
    return OfficeCalendar(official, imported, closures)


@dataclass(frozen=True)
class YearView(JsonResult):
    """One year as the calendar will answer it (for `calendar show`)."""

    year: int
    imported: bool
    provisional: bool
    imported_at: str | None
    source_sha256: str | None
    working_days: int
    days_off: tuple[date, ...]
    makeup_workdays: tuple[date, ...]
    closures: tuple[dict[str, str], ...]


@query_helper("the public office calendar, read by backoffice-admin calendar show")
def describe_year(session: Session, year: int) -> YearView:
    """Working days, days off, make-up workdays and closures of ``year`` (fallback if not imported)."""
    cal = load_office_calendar(session, [year])
    row = session.get(CalendarYear, year)
    d, end = date(year, 1, 1), date(year, 12, 31)
    off: list[date] = []
    makeup: list[date] = []
    closures: list[dict[str, str]] = []
    working = 0
    while d <= end:
        ans = cal.is_working_day(d)
        if ans.working:
            working += 1
            if d.weekday() >= 5:
                makeup.append(d)
        else:
            off.append(d)
            if ans.source == "closure":
                closures.append({"day": d.isoformat(), "note": ans.note})
        d += timedelta(days=1)
    return YearView(
        year=year,
        imported=row is not None,
        provisional=row is None,
        imported_at=row.imported_at.isoformat() if row else None,
        source_sha256=row.source_sha256 if row else None,
        working_days=working,
        days_off=tuple(off),
        makeup_workdays=tuple(makeup),
        closures=tuple(closures),
    )
