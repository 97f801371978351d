"""Calendar-date arithmetic of RULES §2: month periods (民法第120-121條) and ROC display.

All dates are Asia/Taipei calendar dates (plain ``datetime.date``); the caller converts an
event's timestamp to its Taipei date before asking anything here.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from datetime import date, timedelta

ROC_OFFSET = 1911  # ROC year = AD year - 1911


def _last_day(year: int, month: int) -> int:
    return _stdcal.monthrange(year, month)[1]


def period_end(start: date, months: int) -> date:
    """Last day of a period of ``months`` months whose first day is ``start`` (民法第121條).

    Take the day numbered ``start.day`` in the n-th month after start's month: if it exists the
    period ends the day before it; otherwise on the last day of that month. ``months`` = 0 gives
    ``start - 1`` (an empty period).
    """
    if months < 0:
        raise ValueError("months must be >= 0")
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if start.day <= _last_day(year, month):
        return date(year, month, start.day) - timedelta(days=1)
    return date(year, month, _last_day(year, month))


def months_from_event(day: date, months: int) -> date:
    """End of "N months from event day D" (獲發點數日起, 返還日起): D itself does not count (民法第120條)."""
    return period_end(day + timedelta(days=1), months)


def contract_end(start: date, months: int) -> date:
    """Last day of a contract term of ``months`` months starting on the first day of service (counted)."""
    return period_end(start, months)


def contract_month_start(start: date, k: int) -> date:
    """First day of contract month ``k`` (1-based) of a term that starts on ``start``."""
    if k < 1:
        raise ValueError("contract months are numbered from 1")
    return period_end(start, k - 1) + timedelta(days=1)


def roc_year(d: date) -> int:
    """ROC (民國) year of ``d``."""
    return d.year - ROC_OFFSET


def roc_short(d: date) -> str:
    """Table form: 2026-03-01 -> '115/03/01'."""
    return f"{roc_year(d):03d}/{d.month:02d}/{d.day:02d}"


def roc_long(d: date) -> str:
    """Document form: 2026-03-01 -> '中華民國115年3月1日'."""
    return f"中華民國{roc_year(d)}年{d.month}月{d.day}日"


_ROC_SHORT = re.compile(r"^\s*(\d{2,3})[/.-](\d{1,2})[/.-](\d{1,2})\s*$")


def parse_roc_short(text: str) -> date:
    """Parse '115/03/01' (also '115-3-1', '115.03.01') into a date; ValueError if malformed."""
    m = _ROC_SHORT.match(text)
    if not m:
        raise ValueError(f"not a ROC date (yyy/mm/dd): {text!r}")
    y, mo, d = (int(g) for g in m.groups())
    return date(y + ROC_OFFSET, mo, d)
