"""RULES §6 grants, lapse, lots; RULES §8 validity of returned points (須知七(七)(八))."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.policy import clauses as C
from backoffice.policy.calendar import OfficeCalendar, parse_office_calendar_csv
from backoffice.policy.points import (
    InsufficientPoints,
    Lot,
    OrderUse,
    allocate,
    apply_allocation,
    expired_amounts,
    grant_valid_until,
    lapse_date,
    lapse_status,
    release,
    returned_points_validity,
    usable_balance,
)

CAL_115 = Path(__file__).resolve().parents[2] / "resources" / "calendar" / "115年中華民國政府行政機關辦公日曆表.csv"


@pytest.fixture(scope="module")
def cal() -> OfficeCalendar:
    return OfficeCalendar.from_parsed(parse_office_calendar_csv(CAL_115.read_bytes()))


@pytest.mark.parametrize(
    ("issued", "valid", "lapse"),
    [
        (date(2026, 1, 31), date(2026, 4, 30), date(2026, 2, 28)),
        (date(2026, 2, 28), date(2026, 5, 31), date(2026, 3, 31)),
        (date(2026, 1, 15), date(2026, 4, 15), date(2026, 2, 15)),
        (date(2028, 2, 29), date(2028, 5, 31), date(2028, 3, 31)),
        (date(2026, 12, 31), date(2027, 3, 31), date(2027, 1, 31)),
    ],
)
def test_grant_dates(issued: date, valid: date, lapse: date) -> None:
    assert grant_valid_until(issued) == valid
    assert lapse_date(issued) == lapse


LOTS = [
    Lot("grant", 10_000, date(2026, 4, 15)),
    Lot("return-1", 5_000, date(2026, 3, 20)),
    Lot("return-0", 2_000, date(2026, 3, 1)),  # expired by 3/10
    Lot("future", 1_000, date(2026, 6, 1), valid_from=date(2026, 5, 1)),
]


def test_allocate_earliest_expiry_first() -> None:
    assert allocate(LOTS, 7_000, date(2026, 3, 10)) == [("return-1", 5_000), ("grant", 2_000)]
    assert allocate(LOTS, 3_000, date(2026, 3, 1)) == [("return-0", 2_000), ("return-1", 1_000)]
    assert allocate(LOTS, 0, date(2026, 3, 10)) == []
    assert usable_balance(LOTS, date(2026, 3, 10)) == 15_000


def test_allocate_insufficient() -> None:
    with pytest.raises(InsufficientPoints) as exc:
        allocate(LOTS, 15_001, date(2026, 3, 10))
    assert (exc.value.requested, exc.value.available) == (15_001, 15_000)
    with pytest.raises(ValueError):
        allocate(LOTS, -1, date(2026, 3, 10))


lot_st = st.builds(
    Lot,
    lot_id=st.integers(0, 10**6),
    amount=st.integers(0, 30_000),
    valid_until=st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)),
)


@given(st.lists(lot_st, max_size=6, unique_by=lambda lot: lot.lot_id),
       st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)), st.integers(0, 60_000))
def test_allocate_invariants(lots: list[Lot], on: date, amount: int) -> None:
    bal = usable_balance(lots, on)
    if amount > bal:
        with pytest.raises(InsufficientPoints):
            allocate(lots, amount, on)
        return
    alloc = allocate(lots, amount, on)
    assert sum(a for _, a in alloc) == amount
    by_id = {lot.lot_id: lot for lot in lots}
    assert all(by_id[i].usable_on(on) and 0 < a <= by_id[i].amount for i, a in alloc)
    # Taking then giving back restores the lots exactly.
    assert apply_allocation(apply_allocation(lots, alloc), alloc, +1) == lots
    # Earliest expiry first: any lot left with points expires no earlier than every lot touched
    # before the last one.
    taken = apply_allocation(lots, alloc)
    fully_used = [by_id[i].valid_until for i, a in alloc[:-1]]
    for lot in taken:
        if lot.amount > 0 and lot.usable_on(on) and fully_used:
            assert lot.valid_until >= max(fully_used)


def test_release_goes_back_or_is_recovered() -> None:
    alloc = [("return-1", 5_000), ("grant", 2_000)]
    r = release(LOTS, alloc, date(2026, 3, 15))
    assert r.restored == (("return-1", 5_000), ("grant", 2_000)) and r.recovered == ()
    later = release(LOTS, alloc, date(2026, 3, 21))  # return-1 expired on 3/20
    assert later.restored == (("grant", 2_000),) and later.recovered == (("return-1", 5_000),)
    assert "須知七(四)" in later.clauses
    with pytest.raises(KeyError):
        release(LOTS, [("nope", 1)], date(2026, 3, 1))


def test_expired_amounts() -> None:
    assert expired_amounts(LOTS, date(2026, 3, 2)) == [("return-0", 2_000)]
    assert expired_amounts(LOTS, date(2026, 3, 1)) == []  # valid through its last day


ISSUED = date(2026, 1, 31)  # lapse date 2026-02-28


@pytest.mark.parametrize(
    ("as_of", "orders", "state", "lapsed_on"),
    [
        (date(2026, 2, 28), [], "open", None),
        (date(2026, 3, 1), [], "lapsed", date(2026, 3, 1)),
        (date(2026, 3, 5), [OrderUse(date(2026, 2, 28), 1_000, "confirmed")], "used", None),
        (date(2026, 3, 5), [OrderUse(date(2026, 3, 1), 1_000, "confirmed")], "lapsed", date(2026, 3, 1)),
        (date(2026, 3, 5), [OrderUse(date(2026, 2, 20), 0, "confirmed")], "lapsed", date(2026, 3, 1)),
        (date(2026, 3, 5), [OrderUse(date(2026, 2, 27), 500, "pending")], "held", None),
        (date(2026, 3, 9), [OrderUse(date(2026, 2, 27), 500, "void", date(2026, 3, 6))], "lapsed",
         date(2026, 3, 6)),
        (date(2026, 3, 9), [OrderUse(date(2026, 2, 10), 500, "void", date(2026, 2, 12))], "lapsed",
         date(2026, 3, 1)),
        (date(2026, 2, 20), [OrderUse(date(2026, 2, 10), 500, "pending")], "open", None),
    ],
)
def test_lapse_status(as_of: date, orders: list[OrderUse], state: str, lapsed_on: date | None) -> None:
    s = lapse_status(ISSUED, as_of, orders)
    assert (s.state, s.lapsed_on, s.lapse_date) == (state, lapsed_on, date(2026, 2, 28))
    assert "須知七(三)" in s.clauses


@pytest.mark.parametrize(
    ("issued", "returned", "deadline", "exhausted", "returned_ok", "until", "clause"),
    [
        # Original validity wins: issued 1/15 -> valid through 4/15.
        (date(2026, 1, 15), date(2026, 3, 2), None, None, True, date(2026, 4, 15), "須知七(七)1"),
        # Extension wins: 5 working days after Fri 4/10 -> 4/17.
        (date(2026, 1, 15), date(2026, 4, 10), None, None, True, date(2026, 4, 17), "須知七(七)2"),
        # Extension across the 4/3-4/6 holidays: after Wed 4/1 -> 4/2, 4/7, 4/8, 4/9, 4/10.
        (date(2026, 1, 1), date(2026, 4, 1), None, None, True, date(2026, 4, 10), "須知七(七)2"),
        # Return on a Saturday: Monday is day 1.
        (date(2026, 1, 1), date(2026, 5, 9), None, None, True, date(2026, 5, 15), "須知七(七)2"),
        # Cut to the subsidy deadline.
        (date(2026, 1, 15), date(2026, 4, 10), date(2026, 4, 14), None, True, date(2026, 4, 14), "須知七(八)"),
        (date(2026, 1, 15), date(2026, 3, 2), date(2026, 3, 31), None, True, date(2026, 3, 31), "須知七(八)"),
        # Return on the deadline day itself: returned, valid through that day.
        (date(2026, 1, 15), date(2026, 3, 31), date(2026, 3, 31), None, True, date(2026, 3, 31), "須知七(八)"),
        # After the deadline: forfeited.
        (date(2026, 1, 15), date(2026, 4, 1), date(2026, 3, 31), None, False, None, "須知七(八)"),
        # On / after the budget-exhaustion day: forfeited; the day before: returned.
        (date(2026, 1, 15), date(2026, 3, 10), None, date(2026, 3, 10), False, None, "須知七(八)"),
        (date(2026, 1, 15), date(2026, 3, 11), None, date(2026, 3, 10), False, None, "須知七(八)"),
        (date(2026, 1, 15), date(2026, 3, 9), None, date(2026, 3, 10), True, date(2026, 4, 15), "須知七(七)1"),
    ],
)
def test_returned_points_validity(cal: OfficeCalendar, issued: date, returned: date, deadline: date | None,
                                  exhausted: date | None, returned_ok: bool, until: date | None,
                                  clause: str) -> None:
    r = returned_points_validity(issued, returned, deadline, exhausted, cal)
    assert (r.returned, r.valid_until) == (returned_ok, until)
    assert clause in r.clauses
    assert r.provisional is False  # 2026 is imported


def test_returned_points_provisional_when_year_not_imported(cal: OfficeCalendar) -> None:
    r = returned_points_validity(date(2027, 1, 4), date(2027, 4, 30), None, None, cal)
    assert r.returned and r.provisional
    assert r.valid_until is not None and r.valid_until == r.extension_until
    assert r.valid_until > date(2027, 4, 30)
    # Cut to a deadline the original validity already reaches: the calendar no longer matters.
    cut = returned_points_validity(date(2027, 1, 4), date(2027, 3, 1), date(2027, 3, 20), None, cal)
    assert (cut.valid_until, cut.provisional) == (date(2027, 3, 20), False)
    assert cut.to_json()["valid_until"] == "2027-03-20"


def test_returned_points_closure_extends_validity() -> None:
    base = OfficeCalendar.from_parsed(parse_office_calendar_csv(CAL_115.read_bytes()))
    typhoon = base.with_closures({date(2026, 4, 14): "颱風停止上班"})
    plain = returned_points_validity(date(2026, 1, 15), date(2026, 4, 10), None, None, base)
    closed = returned_points_validity(date(2026, 1, 15), date(2026, 4, 10), None, None, typhoon)
    assert (plain.valid_until, closed.valid_until) == (date(2026, 4, 17), date(2026, 4, 20))


# --- mutation-testing survivors (tools/mutation.sh, docs/quality.md): each pins one boundary -------

def test_allocation_never_lists_an_empty_lot() -> None:
    far = date(2026, 12, 31)
    lots = [Lot(1, 0, far), Lot(2, 10, far)]
    assert allocate(lots, 5, date(2026, 3, 1)) == [(2, 5)]


def test_a_one_point_lot_expires_too() -> None:
    last = date(2026, 3, 31)
    assert expired_amounts([Lot(7, 1, last), Lot(8, 0, last)], date(2026, 4, 1)) == [(7, 1)]


def test_optional_dates_default_to_none(cal: OfficeCalendar) -> None:
    from backoffice.policy.points import OrderUse

    assert OrderUse(date(2026, 3, 1), 100, "pending").closed_on is None
    forfeited = returned_points_validity(date(2026, 1, 15), date(2026, 4, 1), date(2026, 3, 31), None, cal)
    assert not forfeited.returned
    assert (forfeited.original_until, forfeited.extension_until) == (None, None)


def test_a_tie_between_the_two_validities_cites_the_original_one(cal: OfficeCalendar) -> None:
    issued = date(2026, 1, 15)
    original = grant_valid_until(issued)  # 2026-04-15
    returned = next(d for d in (date(2026, 4, 1) + timedelta(days=i) for i in range(14))
                    if cal.add_working_days(d, 5).due == original)
    r = returned_points_validity(issued, returned, None, None, cal)
    assert r.valid_until == original == r.extension_until
    assert C.RETURN_VALIDITY_ORIGINAL in r.clauses and C.RETURN_VALIDITY_EXTENSION not in r.clauses


def test_a_provisional_extension_keeps_the_original_validitys_clauses(cal: OfficeCalendar) -> None:
    r = returned_points_validity(date(2027, 1, 4), date(2027, 1, 11), None, None, cal)  # 2027 not imported
    assert r.valid_until == r.original_until and r.provisional
    assert C.RETURN_VALIDITY_ORIGINAL in r.clauses and C.PROVISIONAL_CALENDAR in r.clauses


def test_a_validity_ending_on_the_deadline_is_not_cut(cal: OfficeCalendar) -> None:
    r = returned_points_validity(date(2026, 1, 15), date(2026, 3, 9), date(2026, 4, 15), None, cal)
    assert r.valid_until == date(2026, 4, 15)
    assert C.RETURN_DEADLINE_BUDGET not in r.clauses


def test_a_cut_validity_cites_both_the_validity_and_the_deadline(cal: OfficeCalendar) -> None:
    cut = returned_points_validity(date(2027, 1, 4), date(2027, 3, 1), date(2027, 3, 20), None, cal)
    assert C.RETURN_DEADLINE_BUDGET in cut.clauses
    assert C.RETURN_VALIDITY_ORIGINAL in cut.clauses or C.RETURN_VALIDITY_EXTENSION in cut.clauses


def test_cut_to_a_deadline_the_original_validity_reaches_exactly_is_not_provisional(cal: OfficeCalendar) -> None:
    issued = date(2027, 1, 4)
    original = grant_valid_until(issued)
    # Returned two days before the original validity ends: the (provisional) extension runs past
    # it and past the deadline, but the deadline is the answer whatever the 2027 calendar says.
    r = returned_points_validity(issued, original - timedelta(days=2), original, None, cal)
    assert r.extension_until is not None and r.extension_until > original
    assert (r.valid_until, r.provisional) == (original, False)
