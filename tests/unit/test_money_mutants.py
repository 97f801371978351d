"""Boundaries of the money and points policy, each pinned so a mutant that moves it by one fails
(tools/mutation.sh; docs/quality.md lists what each test kills)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from backoffice.policy.money import pro_rata, round_half_up
from backoffice.policy.points import (
    Lot,
    OrderUse,
    allocate,
    expired_amounts,
    lapse_status,
    release,
    usable_balance,
)
from backoffice.policy.refunds import (
    confirmation_window_end,
    months_used,
    quote_refund,
    quote_refund_for_months,
    window_expired,
)

ISSUED = date(2026, 1, 31)  # lapse date 2026-02-28
LAPSE = date(2026, 2, 28)


def test_rounding_is_half_up_away_from_zero_and_refuses_floats() -> None:
    assert [round_half_up(Fraction(n, 2)) for n in (-5, -3, -1, 1, 3, 5)] == [-3, -2, -1, 1, 2, 3]
    assert [round_half_up(Fraction(n, 3)) for n in (-4, -2, 2, 4)] == [-1, -1, 1, 1]
    assert round_half_up(7) == 7
    for bad in (2.5, True):
        with pytest.raises(TypeError):
            round_half_up(bad)  # type: ignore[arg-type]


def test_pro_rata_is_exact_and_needs_a_positive_denominator() -> None:
    assert pro_rata(30_000, 1, 7) == 4_286  # 4285.71...
    assert pro_rata(5, 1, 2) == 3  # a half goes up
    for bad in (0, -1):
        with pytest.raises(ValueError):
            pro_rata(100, 1, bad)


def test_an_order_on_the_lapse_day_is_use_and_one_the_day_after_is_not() -> None:
    on_day = lapse_status(ISSUED, LAPSE + timedelta(days=5), [OrderUse(LAPSE, 1, "pending")])
    assert (on_day.state, on_day.lapsed_on) == ("held", None)
    day_after = lapse_status(ISSUED, LAPSE + timedelta(days=5), [OrderUse(LAPSE + timedelta(days=1), 1, "pending")])
    assert (day_after.state, day_after.lapsed_on) == ("lapsed", LAPSE + timedelta(days=1))


def test_a_void_order_closed_the_day_after_the_lapse_date_lapses_that_day() -> None:
    s = lapse_status(ISSUED, LAPSE + timedelta(days=9), [OrderUse(LAPSE, 1, "void", LAPSE + timedelta(days=1))])
    assert (s.state, s.lapsed_on) == ("lapsed", LAPSE + timedelta(days=1))
    later = lapse_status(ISSUED, LAPSE + timedelta(days=9), [OrderUse(LAPSE, 1, "void", LAPSE + timedelta(days=2))])
    assert (later.state, later.lapsed_on) == ("lapsed", LAPSE + timedelta(days=2))


def test_a_lot_is_usable_from_its_first_through_its_last_day() -> None:
    lot = Lot("r", 100, date(2026, 3, 10), valid_from=date(2026, 3, 1))
    assert [lot.usable_on(d) for d in (date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 10),
                                       date(2026, 3, 11))] == [False, True, True, False]
    assert usable_balance([lot, Lot("z", 0, date(2026, 3, 10)), Lot("n", -5, date(2026, 3, 10))],
                          date(2026, 3, 10)) == 100
    assert usable_balance([Lot("one", 1, date(2026, 3, 10))], date(2026, 3, 10)) == 1  # one point counts


def test_allocation_takes_exactly_the_amount_and_can_take_everything() -> None:
    lots = [Lot("a", 100, date(2026, 3, 10)), Lot("b", 50, date(2026, 3, 5))]
    assert allocate(lots, 150, date(2026, 3, 5)) == [("b", 50), ("a", 100)]
    assert allocate(lots, 0, date(2026, 3, 5)) == []
    with pytest.raises(ValueError):
        allocate(lots, -1, date(2026, 3, 5))


def test_points_released_on_a_lots_last_day_go_back_to_it() -> None:
    lots = [Lot("a", 0, date(2026, 3, 10))]
    assert release(lots, [("a", 40)], date(2026, 3, 10)).restored == (("a", 40),)
    late = release(lots, [("a", 40)], date(2026, 3, 11))
    assert (late.restored, late.recovered) == ((), (("a", 40),))


def test_a_lot_expires_the_day_after_its_last_day() -> None:
    lots = [Lot("a", 10, date(2026, 3, 10)), Lot("z", 0, date(2026, 3, 1))]
    assert expired_amounts(lots, date(2026, 3, 10)) == []
    assert expired_amounts(lots, date(2026, 3, 11)) == [("a", 10)]


def test_half_the_term_used_keeps_the_self_pay_less_refunds_it_pro_rata() -> None:
    half = quote_refund_for_months(12_000, 6_000, 6, 3)
    assert (half.half_or_more, half.points_refund, half.self_pay_used, half.self_pay_refund) == (True, 6_000, 6_000, 0)
    under = quote_refund_for_months(12_000, 6_000, 6, 2)
    assert (under.half_or_more, under.points_refund, under.self_pay_used, under.self_pay_refund) == (
        False, 8_000, 2_000, 4_000)
    # The figures use the self-pay passed in (the amount actually paid), nothing else.
    paid = quote_refund_for_months(12_000, 3_000, 6, 2)
    assert (paid.self_pay_used, paid.self_pay_refund) == (1_000, 2_000)


def test_refund_input_bounds() -> None:
    assert quote_refund_for_months(0, 0, 1, 0).points_refund == 0
    assert quote_refund_for_months(100, 0, 1, 1).points_used == 100
    for args in ((-1, 0, 6, 1), (0, -1, 6, 1), (10, 10, 0, 0), (10, 10, 6, 7), (10, 10, 6, -1)):
        with pytest.raises(ValueError):
            quote_refund_for_months(*args)
    with pytest.raises(ValueError):
        months_used(date(2026, 1, 1), 0, date(2026, 2, 1))


def test_months_used_counts_a_month_from_its_first_day() -> None:
    start = date(2026, 1, 15)
    assert months_used(start, 6, start - timedelta(days=1)) == 0
    assert months_used(start, 6, start) == 1
    assert months_used(start, 6, date(2026, 2, 14)) == 1
    assert months_used(start, 6, date(2026, 2, 15)) == 2
    assert months_used(start, 6, date(2027, 1, 1)) == 6
    assert quote_refund(600, 600, start, 6, date(2026, 2, 15)).months_used == 2


def test_the_confirmation_window_includes_its_last_day() -> None:
    filed = date(2026, 3, 20)
    end = confirmation_window_end(filed)
    assert end == filed + timedelta(days=14)
    assert not window_expired(filed, end) and window_expired(filed, end + timedelta(days=1))


def test_every_policy_result_is_immutable() -> None:
    """Policy results are values: a caller cannot change a quote or a verdict after the fact."""
    import dataclasses
    import importlib
    import pkgutil

    import backoffice.policy as policy

    found = 0
    for info in pkgutil.iter_modules(policy.__path__):
        module = importlib.import_module(f"backoffice.policy.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and obj.__module__ == module.__name__ and dataclasses.is_dataclass(obj):
                assert obj.__dataclass_params__.frozen, obj  # type: ignore[attr-defined]
                found += 1
    assert found >= 20  # RefundQuote, Lot, LapseStatus, ProgrammeParams, Verdict, ...
    quote = quote_refund_for_months(100, 100, 2, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.points_refund = 0  # type: ignore[misc]


def test_settlement_clauses_errors_and_amount_types_are_exact() -> None:
    from backoffice.policy.settlement import (
        InvalidUbnError,
        Payment,
        Statement95A,
        claim_payable,
        withholding_statements,
    )

    assert claim_payable(True, True, False, True).clauses == ("須知八(五)", "須知八(四)", "RULES §9")
    s = Statement95A("04595257", "10458575", "95A", 100, 0, 2026)
    assert (s.payments, s.clauses) == (0, ("須知八(五)", "RULES §9 [decision: 付款日所屬年度]"))
    with pytest.raises(InvalidUbnError) as err:
        withholding_statements([Payment("04595257", "12345678", 1, date(2026, 1, 1))], 2026)
    assert (err.value.role, err.value.value) == ("applicant", "12345678")
    for amount in (1.5, "100", True, -1):
        with pytest.raises(ValueError, match="non-negative int"):
            withholding_statements([Payment("04595257", "10458575", amount, date(2026, 1, 1))], 2026)  # type: ignore[arg-type]


def test_withheld_tax_must_be_a_whole_number_within_the_gross() -> None:
    from backoffice.policy.settlement import Payment, withholding_statements

    key = ("04595257", "10458575")
    paid = [Payment(key[0], key[1], 100, date(2026, 1, 1))]
    assert withholding_statements(paid, 2026, {key: 100})[0].withheld == 100  # all of it is allowed
    for tax in (True, 1.5, -1, 101):
        with pytest.raises(ValueError, match="withheld"):
            withholding_statements(paid, 2026, {key: tax})  # type: ignore[dict-item]
