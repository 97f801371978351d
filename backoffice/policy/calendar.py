"""Working days (工作天) from the government office calendar (RULES §2).

The official source is 行政院人事行政總處「政府行政機關辦公日曆表」 (open data, Big5 CSV with
columns 西元日期,星期,是否放假,備註), imported by administrators each year, plus one-off closures
(停止上班, e.g. typhoon days). For years not imported yet we fall back to the ``holidays``
package's TW calendar, which knows make-up workdays (補行上班); answers that relied on it are
marked provisional so a breach can be shown as a warning rather than a breach.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from . import clauses as C
from .results import JsonResult

Source = Literal["official", "closure", "fallback"]

WEEKDAYS_ZH = "一二三四五六日"  # Monday..Sunday as in the 星期 column
HEADER = ("西元日期", "星期", "是否放假", "備註")
OFF, WORKING = "2", "0"
_MAX_SCAN_DAYS = 3660  # a calendar with no working day for ten years is broken, not slow


@dataclass(frozen=True)
class DayAnswer(JsonResult):
    working: bool
    provisional: bool
    source: Source
    note: str = ""


@dataclass(frozen=True)
class DeadlineAnswer(JsonResult):
    """The last day (inclusive) by which something must happen."""

    due: date
    provisional: bool
    clauses: tuple[str, ...] = ()


class OfficeCalendar:
    """Working-day calendar: imported official days, closures, and a provisional fallback."""

    def __init__(
        self,
        official: Mapping[date, bool] | None = None,
        imported_years: Iterable[int] = (),
        closures: Mapping[date, str] | Iterable[date] = (),
        fallback: Any = None,
    ) -> None:
        """``official`` maps date -> is_off for imported years; ``fallback`` is a holidays calendar
        (default ``holidays.country_holidays("TW")``, created lazily)."""
        self._official = dict(official or {})
        self._years = frozenset(imported_years)
        if isinstance(closures, Mapping):
            self._closures = {d: str(n) for d, n in closures.items()}
        else:
            self._closures = {d: "" for d in closures}
        self._fallback = fallback

    @classmethod
    def from_parsed(cls, parsed: ParsedCalendar, closures: Mapping[date, str] | Iterable[date] = (),
                    fallback: Any = None) -> OfficeCalendar:
        """Calendar from one parsed CSV (for several years, merge ``days`` and ``years`` first)."""
        return cls({d: off for d, (off, _) in parsed.days.items()}, parsed.years, closures, fallback)

    @property
    def imported_years(self) -> frozenset[int]:
        return self._years

    def with_closures(self, closures: Mapping[date, str] | Iterable[date]) -> OfficeCalendar:
        """The same calendar plus extra one-off closures (停止上班)."""
        extra = closures if isinstance(closures, Mapping) else {d: "" for d in closures}
        return OfficeCalendar(self._official, self._years, {**self._closures, **extra}, self._fallback)

    def _holidays(self) -> Any:
        if self._fallback is None:
            import holidays  # pure data; imported lazily because building it takes a moment

            self._fallback = holidays.country_holidays("TW")
        return self._fallback

    def is_working_day(self, d: date) -> DayAnswer:
        """Is ``d`` a working day? Closures win; imported years are authoritative."""
        imported = d.year in self._years
        if d in self._closures:
            return DayAnswer(False, not imported, "closure", self._closures[d])
        if imported and d in self._official:
            return DayAnswer(not self._official[d], False, "official")
        # Not imported (or a day missing from an imported file): the holidays package decides.
        fb = self._holidays()
        return DayAnswer(bool(fb.is_working_day(d)), True, "fallback", str(fb.get(d) or ""))

    def add_days(self, x: date, n: int) -> DeadlineAnswer:
        """"Within n days after x" (calendar days): by the end of x + n, never moved off a holiday."""
        return DeadlineAnswer(x + timedelta(days=n), False, (C.DECISION_DATES,))

    def add_working_days(self, x: date, n: int) -> DeadlineAnswer:
        """"Within n working days after x": the n-th working day after x (x itself never counts)."""
        if n < 0:
            raise ValueError("n must not be negative")
        d, found, provisional = x, 0, False
        for _ in range(_MAX_SCAN_DAYS):
            if found == n:
                break
            d += timedelta(days=1)
            ans = self.is_working_day(d)
            provisional = provisional or ans.provisional
            if ans.working:
                found += 1
        else:
            raise ValueError("no working days found in the calendar")
        cl = (C.WORKING_DAYS, C.PROVISIONAL_CALENDAR) if provisional else (C.WORKING_DAYS,)
        return DeadlineAnswer(d, provisional, cl)


class CalendarFormatError(ValueError):
    """A row of the office-calendar CSV is malformed; ``line`` is 1-based as in a text editor."""

    def __init__(self, line: int, reason: str, reason_zh: str = "") -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason
        self.reason_zh = reason_zh or reason


@dataclass(frozen=True)
class ParsedCalendar:
    """Days of an office-calendar file: date -> (is_off, note), and the years it covers."""

    days: dict[date, tuple[bool, str]] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[3:exc.start + 3].count(b"\n") + 1
            raise CalendarFormatError(line, "invalid UTF-8 after a UTF-8 byte-order mark",
                                      "檔案標示為 UTF-8 但內容不是有效的 UTF-8") from None
    # Big5 text is almost never valid UTF-8 (its lead bytes are UTF-8 continuation bytes).
    for enc in ("utf-8", "big5", "cp950"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CalendarFormatError(1, "file is neither Big5/CP950 nor UTF-8", "檔案編碼不是 Big5/CP950 或 UTF-8")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_office_calendar_csv(data: bytes) -> ParsedCalendar:
    """Parse the DGPA office-calendar CSV (Big5, CP950 or UTF-8 with BOM)."""
    text = _decode(data)
    rows = csv.reader(io.StringIO(text, newline=""))
    out = ParsedCalendar()
    header_seen = False
    line = 0
    while True:
        line += 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field longer than the csv module's limit
            raise CalendarFormatError(line, f"not a CSV line: {exc}", f"不是 CSV 格式：{exc}") from None
        line = rows.line_num  # a quoted field may span lines
        cells = [c.strip() for c in row]
        if any(_CONTROL.search(c) for c in cells):
            raise CalendarFormatError(line, "contains a control character (e.g. NUL)", "含有控制字元（如 NUL）")
        while cells and cells[-1] == "" and len(cells) > len(HEADER):
            cells.pop()
        if not any(cells):
            continue
        if not header_seen:
            if tuple(cells[: len(HEADER)]) != HEADER:
                raise CalendarFormatError(line, f"header must be {','.join(HEADER)}",
                                          f"標題列須為 {','.join(HEADER)}")
            header_seen = True
            continue
        if len(cells) < 3 or len(cells) > 4:
            raise CalendarFormatError(line, f"expected 4 columns, found {len(cells)}",
                                      f"應有 4 欄，實有 {len(cells)} 欄")
        raw_date, weekday, off = cells[0], cells[1], cells[2]
        note = cells[3] if len(cells) == 4 else ""
        if len(raw_date) != 8 or not raw_date.isdigit():
            raise CalendarFormatError(line, f"西元日期 must be YYYYMMDD, got {raw_date!r}",
                                      f"西元日期格式應為 YYYYMMDD：{raw_date!r}")
        try:
            d = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
        except ValueError:
            raise CalendarFormatError(line, f"no such date {raw_date}", f"日期不存在：{raw_date}") from None
        if not 1900 <= d.year <= 2199:
            raise CalendarFormatError(line, f"year {d.year} outside 1900..2199", f"年份 {d.year} 超出 1900..2199")
        if weekday and weekday != WEEKDAYS_ZH[d.weekday()]:
            raise CalendarFormatError(line, f"星期 {weekday!r} does not match {raw_date}",
                                      f"星期「{weekday}」與日期 {raw_date} 不符")
        if off not in (OFF, WORKING):
            raise CalendarFormatError(line, f"是否放假 must be 0 or 2, got {off!r}",
                                      f"是否放假應為 0 或 2：{off!r}")
        if d in out.days:
            raise CalendarFormatError(line, f"duplicate date {raw_date}", f"日期重複：{raw_date}")
        out.days[d] = (off == OFF, note)
        out.years.add(d.year)
    if not header_seen:
        raise CalendarFormatError(1, "empty file", "檔案是空的")
    if not out.days:
        raise CalendarFormatError(2, "no days in file", "檔案沒有任何日期")
    return out


def render_office_calendar_csv(days: Mapping[date, tuple[bool, str]], encoding: str = "big5") -> bytes:
    """Write days in the DGPA layout (CRLF, Big5 by default): the inverse of the parser."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for d in sorted(days):
        off, note = days[d]
        w.writerow([d.strftime("%Y%m%d"), WEEKDAYS_ZH[d.weekday()], OFF if off else WORKING, note])
    return buf.getvalue().encode(encoding)
