"""RULES §1 (rounding) and §2 (month periods, ROC dates)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.policy import dates
from backoffice.policy.money import format_amount, pro_rata, round_half_up


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (Fraction(5, 2), 3),
        (Fraction(7, 2), 4),
        (Fraction(-5, 2), -3),
        (Fraction(50000, 3), 16667),  # 16,666.67 -> 16,667 (RULES §8 example)
        (Fraction(12345, 2), 6173),  # 6,172.5 -> 6,173
        (Fraction(1, 3), 0),
        (Fraction(2, 3), 1),
        (7, 7),
        (Fraction(0), 0),
    ],
)
def test_round_half_up(x: Fraction | int, expected: int) -> None:
    assert round_half_up(x) == expected


def test_round_half_up_refuses_floats() -> None:
    with pytest.raises(TypeError):
        round_half_up(2.5)  # type: ignore[arg-type]


@given(st.integers(-10**9, 10**9), st.integers(1, 10**6))
def test_round_half_up_is_nearest(n: int, d: int) -> None:
    r = round_half_up(Fraction(n, d))
    assert abs(Fraction(n, d) - r) <= Fraction(1, 2)


def test_pro_rata_and_format() -> None:
    assert pro_rata(30000, 5, 12) == 12500
    assert format_amount(30000) == "30,000"
    with pytest.raises(ValueError):
        pro_rata(1, 1, 0)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 16), 3, date(2026, 4, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 1), 3, date(2026, 5, 31)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),  # 4/31 does not exist
        (date(2026, 12, 31), 2, date(2027, 2, 28)),  # across the year end
        (date(2026, 11, 15), 2, date(2027, 1, 14)),
        (date(2026, 1, 1), 12, date(2026, 12, 31)),
        (date(2026, 5, 10), 0, date(2026, 5, 9)),
    ],
)
def test_period_end(start: date, months: int, end: date) -> None:
    assert dates.period_end(start, months) == end


@pytest.mark.parametrize(
    ("issued", "until"),
    [
        (date(2026, 1, 31), date(2026, 4, 30)),
        (date(2026, 2, 28), date(2026, 5, 31)),
        (date(2026, 1, 15), date(2026, 4, 15)),
        (date(2028, 2, 29), date(2028, 5, 31)),
        (date(2026, 12, 31), date(2027, 3, 31)),
        (date(2027, 11, 30), date(2028, 2, 29)),
    ],
)
def test_months_from_event_three_months(issued: date, until: date) -> None:
    assert dates.months_from_event(issued, 3) == until


def test_contract_months() -> None:
    s = date(2026, 1, 31)
    assert dates.contract_end(s, 12) == date(2027, 1, 30)
    assert dates.contract_month_start(s, 1) == s
    assert dates.contract_month_start(s, 2) == date(2026, 3, 1)  # month 1 ends 2/28
    assert dates.contract_month_start(s, 3) == date(2026, 3, 31)
    with pytest.raises(ValueError):
        dates.contract_month_start(s, 0)
    with pytest.raises(ValueError):
        dates.period_end(s, -1)


def test_roc_formats() -> None:
    d = date(2026, 3, 1)
    assert dates.roc_short(d) == "115/03/01"
    assert dates.roc_long(d) == "中華民國115年3月1日"
    assert dates.roc_short(date(2011, 12, 31)) == "100/12/31"
    assert dates.roc_short(date(1999, 1, 2)) == "088/01/02"
    assert dates.parse_roc_short("115/03/01") == d
    assert dates.parse_roc_short("115-3-1") == d
    with pytest.raises(ValueError):
        dates.parse_roc_short("2026/03/01x")


day_st = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(day_st, day_st, st.integers(0, 60))
def test_period_end_monotonic_in_start(a: date, b: date, n: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert dates.period_end(lo, n) <= dates.period_end(hi, n)


@given(day_st, st.integers(0, 59))
def test_period_end_monotonic_in_months(s: date, n: int) -> None:
    assert dates.period_end(s, n) < dates.period_end(s, n + 1)


@given(day_st, st.integers(1, 60))
def test_contract_months_tile_the_term(s: date, m: int) -> None:
    # Month k+1 starts the day after month k ends; the last month ends on the contract end.
    for k in range(1, m):
        assert dates.contract_month_start(s, k + 1) == dates.period_end(s, k) + timedelta(days=1)
        assert dates.contract_month_start(s, k) < dates.contract_month_start(s, k + 1)
    assert dates.contract_end(s, m) >= dates.contract_month_start(s, m)


@given(day_st)
def test_roc_round_trip(d: date) -> None:
    assert dates.parse_roc_short(dates.roc_short(d)) == d
