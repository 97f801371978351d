"""Settlement (請撥核銷) and 95A withholding statements (須知八(五), RULES §9)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.policy.settlement import (
    InvalidUbnError,
    Payment,
    claim_payable,
    claimable_points,
    term_ended,
    withholding_statements,
)

VENDOR_A = "04595257"
VENDOR_B = "22099131"
APPLICANT_X = "10458575"
APPLICANT_Y = "62140097"


@pytest.mark.parametrize(
    ("used", "returned", "claim"),
    [(30_000, 0, 30_000), (30_000, 17_500, 12_500), (12_345, 6_172, 6_173), (0, 0, 0), (30_000, 30_000, 0)],
)
def test_claimable_points(used: int, returned: int, claim: int) -> None:
    assert claimable_points(used, returned) == claim


@pytest.mark.parametrize(("used", "returned"), [(100, 101), (-1, 0), (10, -1), (True, 0)])
def test_claimable_points_rejects_nonsense(used: int, returned: int) -> None:
    with pytest.raises(ValueError):
        claimable_points(used, returned)


def test_claim_payable_only_when_every_condition_holds() -> None:
    good = claim_payable(True, True, False, True)
    assert good.ok and not good.reasons and "須知八(五)" in good.clauses
    # flip each condition alone: each must block payment with its own reason
    own = [("尚未開立全額電子發票", "The full e-invoice has not been issued"),
           ("申請單位尚未付清自付款", "The applicant has not paid the self-pay"),
           ("尚有未結之退訂退款案", "A refund case is still open"),
           ("方案期程尚未結束，亦無已核准之退訂案", "The plan term has not ended and no refund case was approved")]
    for i in range(4):
        args = [True, True, False, True]
        args[i] = not args[i]
        v = claim_payable(*args)
        assert v.ok is False and (tuple(v.reasons), tuple(v.reasons_en)) == ((own[i][0],), (own[i][1],))
    all_bad = claim_payable(False, False, True, False)
    assert list(zip(all_bad.reasons, all_bad.reasons_en, strict=True)) == [own[3], own[0], own[1], own[2]]


@pytest.mark.parametrize(
    ("start", "months", "today", "ended"),
    [
        (date(2026, 1, 16), 4, date(2026, 5, 15), False),  # last day of the term
        (date(2026, 1, 16), 4, date(2026, 5, 16), True),
        (date(2026, 1, 31), 1, date(2026, 2, 28), False),
        (date(2026, 1, 31), 1, date(2026, 3, 1), True),
    ],
)
def test_term_ended(start: date, months: int, today: date, ended: bool) -> None:
    assert term_ended(start, months, today) is ended


def test_statements_aggregate_per_pair_and_year_boundary() -> None:
    payments = [
        Payment(VENDOR_A, APPLICANT_X, 10_000, date(2025, 12, 31)),  # tax year 2025
        Payment(VENDOR_A, APPLICANT_X, 5_000, date(2026, 1, 1)),  # tax year 2026
        Payment(VENDOR_A, APPLICANT_X, 7_000, date(2026, 12, 31)),
        Payment(VENDOR_A, APPLICANT_Y, 30_000, date(2026, 6, 1)),
        Payment(VENDOR_B, APPLICANT_X, 1_234, date(2026, 3, 3)),
    ]
    y2025 = withholding_statements(payments, 2025)
    assert [(s.payer_ubn, s.recipient_ubn, s.gross) for s in y2025] == [(VENDOR_A, APPLICANT_X, 10_000)]
    y2026 = withholding_statements(payments, 2026)
    assert [(s.payer_ubn, s.recipient_ubn, s.gross, s.payments) for s in y2026] == [
        (VENDOR_A, APPLICANT_X, 12_000, 2),
        (VENDOR_A, APPLICANT_Y, 30_000, 1),
        (VENDOR_B, APPLICANT_X, 1_234, 1),
    ]
    for s in y2026:
        assert s.income_code == "95A" and s.withheld == 0 and s.tax_year == 2026 and s.roc_year == 115
        assert "須知八(五)" in s.clauses
    assert withholding_statements(payments, 2027) == []
    js = y2026[0].to_json()
    assert js["income_code"] == "95A" and js["gross"] == 12_000


def test_statements_strip_ubns_and_set_withholding() -> None:
    payments = [Payment(f" {VENDOR_A}", APPLICANT_X, 100, date(2026, 1, 1))]
    (s,) = withholding_statements(payments, 2026, withheld={(VENDOR_A, APPLICANT_X): 10})
    assert s.payer_ubn == VENDOR_A and s.withheld == 10
    with pytest.raises(ValueError):
        withholding_statements(payments, 2026, withheld={(VENDOR_A, APPLICANT_X): 101})


@pytest.mark.parametrize(
    ("vendor", "applicant", "role"),
    [("12345678", APPLICANT_X, "vendor"), (VENDOR_A, "04595253", "applicant"), (VENDOR_A, "", "applicant")],
)
def test_statements_reject_invalid_ubn_even_in_other_years(vendor: str, applicant: str, role: str) -> None:
    payments = [Payment(vendor, applicant, 100, date(2024, 5, 5))]
    with pytest.raises(InvalidUbnError) as e:
        withholding_statements(payments, 2026)
    assert e.value.role == role


def test_statements_reject_negative_amounts() -> None:
    with pytest.raises(ValueError):
        withholding_statements([Payment(VENDOR_A, APPLICANT_X, -5, date(2026, 1, 1))], 2026)


PAIRS = list(itertools.product([VENDOR_A, VENDOR_B], [APPLICANT_X, APPLICANT_Y]))


@given(
    st.lists(
        st.tuples(
            st.sampled_from(PAIRS),
            st.integers(min_value=0, max_value=30_000),
            st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
        ),
        max_size=40,
    )
)
def test_statements_conserve_the_amount_paid(rows: list[tuple[tuple[str, str], int, date]]) -> None:
    payments = [Payment(v, a, amount, d) for (v, a), amount, d in rows]
    for year in (2025, 2026, 2027):
        statements = withholding_statements(payments, year)
        assert sum(s.gross for s in statements) == sum(p.amount for p in payments if p.paid_on.year == year)
        assert len({(s.payer_ubn, s.recipient_ubn) for s in statements}) == len(statements)
