"""Office-calendar import (Big5 CSV), closures and the provisional fallback, on both databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from backoffice.config import RESOURCES
from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.policy.calendar import CalendarFormatError, render_office_calendar_csv
from backoffice.services.admin import calendar as svc
from backoffice.services.authz import PermissionDenied
from tests.support.authz import officer_with

SAMPLE_2026 = RESOURCES / "calendar" / "115年中華民國政府行政機關辦公日曆表.csv"


def _small_2027() -> bytes:
    """A hand-made 2027 file: Sat 2027-01-02 is a make-up workday, Mon 01-04 a day off."""
    days = {date(2027, 1, d): (date(2027, 1, d).weekday() >= 5, "") for d in range(1, 11)}
    days[date(2027, 1, 1)] = (True, "開國紀念日")
    days[date(2027, 1, 2)] = (False, "補行上班")
    days[date(2027, 1, 4)] = (True, "調整放假")
    return render_office_calendar_csv(days)


def test_the_big5_file_is_imported_and_answers_are_no_longer_provisional(uow: Callable[[], Any]) -> None:
    data = SAMPLE_2026.read_bytes()
    data.decode("big5")  # the sample really is Big5
    with uow() as u:
        before = svc.load_office_calendar(u.session)
        assert before.is_working_day(date(2026, 2, 16)).provisional
        result = svc.import_office_calendar_csv(u.session, data, SAMPLE_2026.name)
        u.commit()
    (y,) = result.years
    assert (y.year, y.days, y.missing_days, y.unchanged) == (2026, 365, 0, False)
    with uow() as u:
        cal = svc.load_office_calendar(u.session)
        assert cal.imported_years == {2026}
        new_year_eve = cal.is_working_day(date(2026, 2, 16))
        assert (new_year_eve.working, new_year_eve.provisional, new_year_eve.source) == (False, False, "official")
        assert cal.is_working_day(date(2026, 2, 23)).working
        # 2027 is not imported: the holidays package answers, marked provisional.
        assert cal.is_working_day(date(2027, 3, 1)).provisional
        due = cal.add_working_days(date(2026, 2, 13), 2)  # Fri before the New Year break
        assert (due.due, due.provisional) == (date(2026, 2, 24), False)
        audit = u.session.scalars(sa.select(m.AuditEvent.action)).all()
        assert "calendar.import" in audit


def test_make_up_workdays_and_reimport_keep_closures(uow: Callable[[], Any]) -> None:
    data = _small_2027()
    with uow() as u:
        svc.import_office_calendar_csv(u.session, data, "116.csv")
        svc.add_closure(u.session, date(2027, 1, 5), "颱風停止上班", officer_id=officer_with(u, Role.ADMIN))
        u.commit()
    with uow() as u:
        again = svc.import_office_calendar_csv(u.session, data, "116.csv")
        changed = data.replace("調整放假".encode("big5"), "放假".encode("big5"))
        third = svc.import_office_calendar_csv(u.session, changed, "116-v2.csv")
        u.commit()
    assert again.years[0].unchanged and not third.years[0].unchanged
    assert third.years[0].closures_kept == 1
    with uow() as u:
        cal = svc.load_office_calendar(u.session, [2027])
        sat = cal.is_working_day(date(2027, 1, 2))
        assert (sat.working, sat.provisional) == (True, False)
        closed = cal.is_working_day(date(2027, 1, 5))
        assert (closed.working, closed.source, closed.note) == (False, "closure", "颱風停止上班")
        # After Fri 01-01: Sat 01-02 (make-up) is day 1, Sun off, Mon 01-04 off, Tue 01-05 closed,
        # Wed 01-06 is day 2.
        due = cal.add_working_days(date(2027, 1, 1), 2)
        assert (due.due, due.provisional) == (date(2027, 1, 6), False)
        view = svc.describe_year(u.session, 2027)
        assert view.imported and date(2027, 1, 2) in view.makeup_workdays
        assert view.closures == ({"day": "2027-01-05", "note": "颱風停止上班"},)


def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_written(uow: Callable[[], Any]) -> None:
    bad = "西元日期,星期,是否放假,備註\r\n20260101,四,2,開國紀念日\r\n20260102,五,1,\r\n".encode("big5")
    with uow() as u:
        with pytest.raises(CalendarFormatError) as exc:
            svc.import_office_calendar_csv(u.session, bad, "bad.csv")
        assert exc.value.line == 3
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.CalendarDay)) == 0


def test_a_closure_needs_an_imported_year_and_a_note(uow: Callable[[], Any]) -> None:
    with uow() as u:
        admin = officer_with(u, Role.ADMIN)
        with pytest.raises(svc.CalendarError):
            svc.add_closure(u.session, date(2028, 7, 1), "颱風", officer_id=admin)
        svc.import_office_calendar_csv(u.session, _small_2027(), "116.csv")
        with pytest.raises(svc.CalendarError):
            svc.add_closure(u.session, date(2027, 1, 6), "  ", officer_id=admin)
        for who in (None, officer_with(u, Role.OFFICER, Role.SUPERVISOR, Role.FINANCE)):  # admin only
            with pytest.raises(PermissionDenied):
                svc.add_closure(u.session, date(2027, 1, 6), "颱風", officer_id=who)


def _cli(engine: Engine, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BACKOFFICE_DATABASE_URL=engine.url.render_as_string(hide_password=False))
    return subprocess.run([sys.executable, "-m", "backoffice.cli", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_calendar_cli_import_show_and_closure(engine: Engine, uow: Callable[[], Any], tmp_path: Path) -> None:
    with uow() as u:
        admin = str(officer_with(u, Role.ADMIN))
        u.commit()
    shown = _cli(engine, "calendar", "show", "2026", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["provisional"] is True
    imp = _cli(engine, "calendar", "import", str(SAMPLE_2026), "--json")
    assert imp.returncode == 0, imp.stderr
    assert json.loads(imp.stdout)["years"][0]["days"] == 365
    anonymous = _cli(engine, "calendar", "closure", "add", "2026-07-28", "--note", "颱風停止上班")
    assert anonymous.returncode == 1 and "permission denied" in anonymous.stderr
    add = _cli(engine, "calendar", "closure", "add", "2026-07-28", "--note", "颱風停止上班", "--json", "--as", admin)
    assert add.returncode == 0, add.stderr
    doc = json.loads(_cli(engine, "calendar", "show", "2026", "--json").stdout)
    assert (doc["imported"], doc["provisional"]) == (True, False)
    assert "2026-07-28" in doc["days_off"] and "2026-02-16" in doc["days_off"]
    refused = _cli(engine, "calendar", "closure", "add", "2030-01-02", "--note", "x", "--as", admin)
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes("西元日期,星期\r\n".encode("big5"))
    broken = _cli(engine, "calendar", "import", str(bad))
    assert broken.returncode == 1 and "line 1" in broken.stderr
