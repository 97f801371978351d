"""RULES §8 termination and refunds."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.policy.dates import contract_end, contract_month_start
from backoffice.policy.refunds import (
    confirmation_window,
    confirmation_window_end,
    months_used,
    quote_refund,
    quote_refund_for_months,
    window_expired,
)


@pytest.mark.parametrize(
    ("start", "m", "end", "used"),
    [
        (date(2026, 3, 1), 12, date(2026, 2, 28), 0),  # ended before it started
        (date(2026, 3, 1), 12, date(2026, 3, 1), 1),  # one day counts as a month
        (date(2026, 3, 1), 12, date(2026, 3, 31), 1),
        (date(2026, 3, 1), 12, date(2026, 4, 1), 2),
        (date(2026, 3, 1), 12, date(2026, 8, 1), 6),  # 5 months and 1 day -> 6
        (date(2026, 3, 1), 12, date(2026, 7, 31), 5),
        (date(2026, 1, 31), 6, date(2026, 2, 28), 1),  # month 1 is 1/31-2/28
        (date(2026, 1, 31), 6, date(2026, 3, 1), 2),
        (date(2026, 3, 1), 12, date(2027, 2, 28), 12),
        (date(2026, 3, 1), 12, date(2027, 6, 30), 12),  # never more than the term
    ],
)
def test_months_used(start: date, m: int, end: date, used: int) -> None:
    assert months_used(start, m, end) == used


@pytest.mark.parametrize(
    ("p", "c", "m", "u", "p_refund", "c_refund", "half"),
    [
        (30_000, 40_000, 12, 5, 17_500, 23_333, False),  # RULES §8 example (16,666.67 -> 16,667 used)
        (30_000, 40_000, 12, 6, 15_000, 0, True),  # exactly half: no self-pay refund
        (12_345, 0, 6, 3, 6_172, 0, True),  # 6,172.5 used -> 6,173
        (30_000, 30_000, 4, 1, 22_500, 22_500, False),
        (30_000, 30_000, 5, 2, 18_000, 18_000, False),  # 2*2 < 5
        (30_000, 30_000, 5, 3, 12_000, 0, True),
        (30_000, 30_000, 12, 0, 30_000, 30_000, False),
        (30_000, 30_000, 12, 12, 0, 0, True),
    ],
)
def test_refund_figures(p: int, c: int, m: int, u: int, p_refund: int, c_refund: int, half: bool) -> None:
    q = quote_refund_for_months(p, c, m, u)
    assert (q.points_refund, q.self_pay_refund, q.half_or_more) == (p_refund, c_refund, half)
    assert ("須知七(六)2" if half else "須知七(六)1") in q.clauses
    assert "手冊 點數與自付款退還機制" in q.clauses


def test_rules_example_by_dates() -> None:
    s = date(2026, 3, 1)
    q = quote_refund(30_000, 40_000, s, 12, date(2026, 7, 31))  # 5 months
    assert (q.months_used, q.points_used, q.self_pay_used) == (5, 12_500, 16_667)
    q6 = quote_refund(30_000, 40_000, s, 12, date(2026, 8, 1))  # 5 months and 1 day -> 6
    assert (q6.months_used, q6.self_pay_refund, q6.points_refund) == (6, 0, 15_000)
    assert q6.to_json()["half_or_more"] is True


def test_refund_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        quote_refund_for_months(-1, 0, 12, 1)
    with pytest.raises(ValueError):
        quote_refund_for_months(1, 0, 12, 13)
    with pytest.raises(ValueError):
        months_used(date(2026, 1, 1), 0, date(2026, 1, 1))


@given(st.integers(0, 10**7), st.integers(0, 10**7), st.integers(1, 36), st.data())
def test_refund_invariants(p: int, c: int, m: int, data: st.DataObject) -> None:
    u = data.draw(st.integers(0, m))
    q = quote_refund_for_months(p, c, m, u)
    assert q.points_used + q.points_refund == p
    assert q.self_pay_used + q.self_pay_refund == c
    assert 0 <= q.points_refund <= p and 0 <= q.self_pay_refund <= c
    assert q.half_or_more == (2 * u >= m)
    if q.half_or_more:
        assert q.self_pay_refund == 0


@given(st.integers(1, 10**7), st.integers(2, 36), st.data())
def test_more_months_never_refund_more(p: int, m: int, data: st.DataObject) -> None:
    u = data.draw(st.integers(0, m - 1))
    assert quote_refund_for_months(p, p, m, u + 1).points_refund <= quote_refund_for_months(p, p, m, u).points_refund


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)), st.integers(1, 36), st.data())
def test_months_used_matches_month_starts(s: date, m: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(1, m))
    assert months_used(s, m, contract_month_start(s, k)) == k
    assert months_used(s, m, contract_end(s, m)) == m


def test_confirmation_window() -> None:
    f = date(2026, 2, 10)
    assert confirmation_window_end(f) == date(2026, 2, 24)  # F + 14, holidays not skipped
    assert confirmation_window(f).ends_on == date(2026, 2, 24)
    assert not window_expired(f, date(2026, 2, 24))
    assert window_expired(f, date(2026, 2, 25))
