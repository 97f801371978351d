"""RULES §2 working days: official calendar import, closures, provisional fallback."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import holidays
import pytest

from backoffice.policy.calendar import (
    CalendarFormatError,
    DayAnswer,
    DeadlineAnswer,
    OfficeCalendar,
    parse_office_calendar_csv,
    render_office_calendar_csv,
)

CAL_DIR = Path(__file__).resolve().parents[2] / "resources" / "calendar"
FILE_114 = CAL_DIR / "114年中華民國政府行政機關辦公日曆表.csv"
FILE_115 = CAL_DIR / "115年中華民國政府行政機關辦公日曆表.csv"


@pytest.fixture(scope="module")
def parsed_115():
    return parse_office_calendar_csv(FILE_115.read_bytes())


@pytest.fixture(scope="module")
def official() -> OfficeCalendar:
    """114 and 115 imported from the Big5 files."""
    a = parse_office_calendar_csv(FILE_114.read_bytes())
    b = parse_office_calendar_csv(FILE_115.read_bytes())
    days = {d: off for d, (off, _) in {**a.days, **b.days}.items()}
    return OfficeCalendar(days, a.years | b.years)


def test_sample_file_is_big5_and_complete(parsed_115) -> None:
    raw = FILE_115.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert parsed_115.years == {2026}
    assert len(parsed_115.days) == 365


def test_sample_2026_matches_known_holidays(parsed_115) -> None:
    off = {d for d, (is_off, _) in parsed_115.days.items() if is_off and d.weekday() < 5}
    known_weekday_holidays = {
        date(2026, 1, 1),
        *(date(2026, 2, d) for d in (16, 17, 18, 19, 20)),  # Lunar New Year 2/14-2/22
        date(2026, 2, 27),  # 228 observed (Fri)
        date(2026, 4, 3), date(2026, 4, 6),
        date(2026, 5, 1), date(2026, 6, 19), date(2026, 9, 25), date(2026, 9, 28),
        date(2026, 10, 9), date(2026, 10, 26), date(2026, 12, 25),
    }
    assert off == known_weekday_holidays
    # And the file agrees with the holidays package on every day.
    tw = holidays.country_holidays("TW", years=2026)
    for d, (is_off, _) in parsed_115.days.items():
        assert is_off == (not tw.is_working_day(d)), d


@pytest.mark.parametrize(
    ("d", "working"),
    [
        (date(2026, 1, 1), False),
        (date(2026, 1, 2), True),
        (date(2026, 1, 3), False),  # Saturday
        (date(2026, 2, 13), True),
        (date(2026, 2, 16), False),
        (date(2026, 2, 23), True),
        (date(2025, 2, 8), True),  # make-up workday Saturday (補行上班) in 114
        (date(2025, 1, 27), False),  # the bridge day it pays for
    ],
)
def test_official_days(official: OfficeCalendar, d: date, working: bool) -> None:
    ans = official.is_working_day(d)
    assert ans.working is working
    assert ans.provisional is False
    assert ans.source == "official"


@pytest.mark.parametrize(
    ("x", "n", "due"),
    [
        (date(2026, 3, 2), 2, date(2026, 3, 4)),  # Monday -> Wednesday
        (date(2026, 3, 6), 2, date(2026, 3, 10)),  # Friday -> Tuesday
        (date(2026, 3, 7), 2, date(2026, 3, 10)),  # Saturday: Monday is day 1
        (date(2026, 3, 8), 1, date(2026, 3, 9)),  # Sunday
        (date(2026, 2, 12), 2, date(2026, 2, 23)),  # across Lunar New Year
        (date(2026, 2, 26), 2, date(2026, 3, 3)),  # 2/27 observed 228
        (date(2026, 12, 30), 2, date(2027, 1, 4)),  # into 2027 (1/1 holiday, weekend)
        (date(2025, 2, 6), 2, date(2025, 2, 8)),  # Thu -> Fri, make-up Saturday is day 2
        (date(2026, 3, 2), 0, date(2026, 3, 2)),
    ],
)
def test_add_working_days(official: OfficeCalendar, x: date, n: int, due: date) -> None:
    assert official.add_working_days(x, n).due == due


def test_provisional_flag_only_when_fallback_used(official: OfficeCalendar) -> None:
    inside = official.add_working_days(date(2026, 3, 2), 2)
    assert inside.provisional is False
    crossing = official.add_working_days(date(2026, 12, 30), 2)  # 2027 is not imported
    assert crossing.provisional is True
    assert any("暫定" in c for c in crossing.clauses)


def test_fallback_knows_make_up_workdays() -> None:
    cal = OfficeCalendar()  # nothing imported: holidays package only
    sat = cal.is_working_day(date(2025, 2, 8))
    assert sat.working is True and sat.provisional is True and sat.source == "fallback"
    assert cal.is_working_day(date(2025, 1, 27)).working is False
    assert cal.add_working_days(date(2025, 2, 6), 2).due == date(2025, 2, 8)


def test_closure_overrides_official(official: OfficeCalendar) -> None:
    typhoon = date(2026, 3, 3)
    cal = official.with_closures({typhoon: "颱風停止上班"})
    ans = cal.is_working_day(typhoon)
    assert (ans.working, ans.provisional, ans.source, ans.note) == (False, False, "closure", "颱風停止上班")
    assert cal.add_working_days(date(2026, 3, 2), 2).due == date(2026, 3, 5)
    assert official.add_working_days(date(2026, 3, 2), 2).due == date(2026, 3, 4)


def test_day_missing_from_imported_year_is_provisional() -> None:
    cal = OfficeCalendar({date(2026, 3, 2): False}, {2026})
    assert cal.is_working_day(date(2026, 3, 2)).provisional is False
    assert cal.is_working_day(date(2026, 3, 3)).provisional is True


def test_add_days_is_calendar_days(official: OfficeCalendar) -> None:
    ans = official.add_days(date(2026, 2, 13), 7)
    assert ans.due == date(2026, 2, 20)  # a holiday, not moved (RULES §2 [decision])
    assert ans.provisional is False


def test_negative_working_days_rejected(official: OfficeCalendar) -> None:
    with pytest.raises(ValueError):
        official.add_working_days(date(2026, 3, 2), -1)


HEADER = "西元日期,星期,是否放假,備註\r\n"


@pytest.mark.parametrize("encoding", ["big5", "cp950"])
def test_parse_encodings(encoding: str) -> None:
    data = (HEADER + "20260101,四,2,開國紀念日\r\n20260102,五,0,\r\n").encode(encoding)
    p = parse_office_calendar_csv(data)
    assert p.days == {date(2026, 1, 1): (True, "開國紀念日"), date(2026, 1, 2): (False, "")}
    assert p.years == {2026}


def test_parse_utf8_bom_and_make_up_day() -> None:
    data = "\ufeff".encode() + (HEADER + "20250208,六,0,補行上班\n").encode("utf-8")
    assert parse_office_calendar_csv(data).days == {date(2025, 2, 8): (False, "補行上班")}


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("2026-01-01,四,2,\r\n", 2, "YYYYMMDD"),
        ("20260230,一,0,\r\n", 2, "no such date"),
        ("20260102,五,0,\r\n20260101,一,2,\r\n", 3, "星期"),
        ("20260101,四,1,\r\n", 2, "0 or 2"),
        ("20260101,四,2,\r\n20260101,四,2,\r\n", 3, "duplicate"),
        ("20260101\r\n", 2, "columns"),
    ],
)
def test_parse_errors_carry_line(body: str, line: int, fragment: str) -> None:
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv((HEADER + body).encode("big5"))
    assert exc.value.line == line
    assert fragment in exc.value.reason
    assert f"line {line}" in str(exc.value)


def test_parse_rejects_wrong_header_and_empty() -> None:
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv("date,weekday,off,note\n20260101,四,2,\n".encode())
    assert exc.value.line == 1
    with pytest.raises(CalendarFormatError):
        parse_office_calendar_csv(b"")
    with pytest.raises(CalendarFormatError):
        parse_office_calendar_csv(HEADER.encode("big5"))


def test_render_round_trip(parsed_115) -> None:
    again = parse_office_calendar_csv(render_office_calendar_csv(parsed_115.days))
    assert again.days == parsed_115.days


class _EveryDayOff:
    """A fallback calendar object with the two methods OfficeCalendar reads (holidays' API)."""

    def is_working_day(self, d: date) -> bool:
        return False

    def get(self, d: date) -> str:
        return "全年休假"


def test_a_given_fallback_is_the_one_consulted_and_kept_by_with_closures() -> None:
    cal = OfficeCalendar(fallback=_EveryDayOff())
    ans = cal.is_working_day(date(2026, 3, 4))  # a Wednesday: a working day for the holidays package
    assert (ans.working, ans.provisional, ans.source, ans.note) == (False, True, "fallback", "全年休假")
    assert cal.with_closures([date(2026, 3, 5)]).is_working_day(date(2026, 3, 4)).note == "全年休假"


def test_answers_carry_their_defaults_and_cannot_be_changed(official: OfficeCalendar) -> None:
    day = official.is_working_day(date(2026, 3, 4))
    assert (day.working, day.source, day.note) == (True, "official", "")
    assert official.imported_years == frozenset({2025, 2026})
    assert DeadlineAnswer(date(2026, 3, 4), False).clauses == ()
    assert DayAnswer(True, False, "official").note == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        day.working = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        official.add_days(date(2026, 3, 4), 1).due = date(2026, 3, 6)  # type: ignore[misc]


@pytest.mark.parametrize(("data", "line"), [
    (b"\xef\xbb\xbf" + HEADER.encode() + b"20260101,\xe5\x9b\x9b,2,\xff\n", 2),
    # A blank first line, then the bad byte at the very start of line 4.
    (b"\xef\xbb\xbf\n" + "西元日期,星期,是否放假,備註\n20260101,四,2,\n".encode() + b"\xff20260102,\n", 4),
])
def test_invalid_utf8_after_a_bom_names_its_line(data: bytes, line: int) -> None:
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv(data)
    assert (exc.value.line, exc.value.reason_zh) == (line, "檔案標示為 UTF-8 但內容不是有效的 UTF-8")


def test_a_file_in_no_known_encoding_is_refused_on_line_one() -> None:
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv(b"\xff\xfe\xff\xfe")
    assert (exc.value.line, exc.value.reason, exc.value.reason_zh) == (
        1, "file is neither Big5/CP950 nor UTF-8", "檔案編碼不是 Big5/CP950 或 UTF-8")


@pytest.mark.parametrize(("lines_before", "line"), [(0, 1), (2, 3)])
def test_a_line_the_csv_reader_cannot_read_is_named(lines_before: int, line: int) -> None:
    good = [HEADER, "20260101,四,2,\r\n"][:lines_before]
    huge = '"' + "x" * 200_000 + '",五,0,\r\n'  # a field above the csv module's size limit
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv(("".join(good) + huge).encode("utf-8"))
    assert exc.value.line == line and "not a CSV line" in exc.value.reason


def test_an_error_without_chinese_words_shows_the_english_reason_and_a_parse_is_frozen() -> None:
    assert CalendarFormatError(5, "odd").reason_zh == "odd"
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv(b"")
    assert (exc.value.line, exc.value.reason_zh) == (1, "檔案是空的")
    parsed = parse_office_calendar_csv((HEADER + "20260101,四,2,\r\n").encode("big5"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.years = {2027}  # type: ignore[misc]


def test_blank_lines_are_skipped_and_trailing_empty_cells_dropped_but_a_fifth_value_is_refused() -> None:
    body = "20260101,四,2,開國紀念日,,\r\n\r\n,,,\r\n20260102,五,0,\r\n"
    assert parse_office_calendar_csv((HEADER + body).encode("big5")).days == {
        date(2026, 1, 1): (True, "開國紀念日"), date(2026, 1, 2): (False, "")}
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv((HEADER + "20260101,四,2,開國紀念日,多一欄\r\n").encode("big5"))
    assert (exc.value.line, exc.value.reason) == (2, "expected 4 columns, found 5")


def test_a_row_without_the_note_column_is_read_with_an_empty_note() -> None:
    body = "20260102,五,0\r\n20260103,六,2\r\n"
    assert parse_office_calendar_csv((HEADER + body).encode("big5")).days == {
        date(2026, 1, 2): (False, ""), date(2026, 1, 3): (True, "")}


@pytest.mark.parametrize(("raw", "ok"), [
    ("19000101", True), ("21991231", True), ("18991231", False), ("22000101", False),
])
def test_years_1900_to_2199_are_read(raw: str, ok: bool) -> None:
    data = (HEADER + f"{raw},,2,\r\n").encode("big5")  # 星期 left empty: not checked
    if ok:
        assert list(parse_office_calendar_csv(data).days) == [date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))]
    else:
        with pytest.raises(CalendarFormatError) as exc:
            parse_office_calendar_csv(data)
        assert (exc.value.line, exc.value.reason) == (2, f"year {raw[:4]} outside 1900..2199")


@pytest.mark.parametrize("raw", ["202601011", "2026011", "2026O101"])
def test_a_date_of_other_than_eight_digits_is_refused(raw: str) -> None:
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv((HEADER + f"{raw},四,2,\r\n").encode("big5"))
    assert exc.value.line == 2 and "YYYYMMDD" in exc.value.reason


def test_a_header_without_days_is_refused_on_line_two() -> None:
    with pytest.raises(CalendarFormatError) as exc:
        parse_office_calendar_csv(HEADER.encode("big5"))
    assert (exc.value.line, exc.value.reason_zh) == (2, "檔案沒有任何日期")
