"""RULES §7 orders: points/self-pay split, order checks, deadlines; RULES §3 parameters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backoffice.policy.calendar import OfficeCalendar, parse_office_calendar_csv
from backoffice.policy.orders import OrderEvents, check_order, order_deadlines, quote_order
from backoffice.policy.params import DEFAULT_PARAMS, ProgrammeParams, ProgrammeState, ProgrammeStatus

CAL_115 = Path(__file__).resolve().parents[2] / "resources" / "calendar" / "115年中華民國政府行政機關辦公日曆表.csv"


@pytest.fixture(scope="module")
def cal() -> OfficeCalendar:
    return OfficeCalendar.from_parsed(parse_office_calendar_csv(CAL_115.read_bytes()))


@pytest.mark.parametrize(
    ("total", "balance", "points", "self_pay"),
    [
        (60_000, 30_000, 30_000, 30_000),  # 手冊 example
        (70_000, 30_000, 30_000, 40_000),  # 手冊 example
        (25_000, 30_000, 12_500, 12_500),
        (25_001, 30_000, 12_500, 12_501),  # floor(T/2)
        (40_000, 12_000, 12_000, 28_000),  # short of points: applicant pays the rest (七(五))
        (40_000, 0, 0, 40_000),
        (0, 30_000, 0, 0),
        (1, 30_000, 0, 1),
    ],
)
def test_quote_order(total: int, balance: int, points: int, self_pay: int) -> None:
    q = quote_order(total, balance)
    assert (q.points, q.self_pay) == (points, self_pay)
    assert "須知二(二)" in q.clauses
    assert ("須知七(五)" in q.clauses) == (balance < total // 2)


@pytest.mark.parametrize(("total", "balance"), [(-1, 0), (10, -1)])
def test_quote_rejects_negative(total: int, balance: int) -> None:
    with pytest.raises(ValueError):
        quote_order(total, balance)


@given(st.integers(0, 10**9), st.integers(0, 10**6))
def test_quote_invariants(total: int, balance: int) -> None:
    q = quote_order(total, balance)
    assert q.points + q.self_pay == total
    assert 0 <= q.points <= balance
    assert q.points <= q.self_pay  # 1:1 at most


def test_quote_other_ratio() -> None:
    p = ProgrammeParams(copay_points_part=1, copay_self_pay_part=2)
    assert quote_order(90_000, 100_000, p).points == 30_000


def test_check_order() -> None:
    assert check_order(12).ok
    r = check_order(3, existing_customer_same_solution=True, listed_in_subsidy_zone=False)
    assert not r.ok
    assert {p[0] for p in r.problems} == {"term_too_short", "renewal", "not_listed"}
    assert "須知四(五)" in r.clauses and "須知八(二)" in r.clauses
    stopped = ProgrammeStatus(use_stopped_on=date(2026, 6, 1))
    assert check_order(6, submitted_on=date(2026, 5, 31), status=stopped).ok
    late = check_order(6, submitted_on=date(2026, 6, 1), status=stopped)
    assert [p[0] for p in late.problems] == ["use_stopped"]


def test_programme_state() -> None:
    s = ProgrammeStatus(applications_stopped_on=date(2026, 5, 1), use_stopped_on=date(2026, 7, 1))
    assert s.state_on(date(2026, 4, 30)) is ProgrammeState.OPEN
    assert s.state_on(date(2026, 5, 1)) is ProgrammeState.APPLICATIONS_STOPPED
    assert not s.applications_open(date(2026, 5, 1)) and s.points_usable(date(2026, 6, 30))
    assert s.state_on(date(2026, 7, 1)) is ProgrammeState.USE_STOPPED
    assert not s.points_usable(date(2026, 7, 1))
    assert not ProgrammeStatus(use_stopped_on=date(2026, 7, 1)).applications_open(date(2026, 7, 2))


def test_default_params_are_rules_section_3() -> None:
    p = DEFAULT_PARAMS
    assert (p.grant_points, p.copay_points_part, p.copay_self_pay_part) == (30_000, 1, 1)
    assert (p.validity_months, p.lapse_months, p.refund_window_days) == (3, 1, 14)
    assert (p.return_extension_working_days, p.vendor_confirm_working_days) == (5, 2)
    assert (p.pay_working_days, p.invoice_working_days, p.service_start_days, p.min_term_months) == (2, 2, 7, 4)
    assert p.subsidy_deadline is None and p.total_budget is None
    with pytest.raises(ValueError):
        ProgrammeParams(grant_points=0)
    assert ProgrammeParams(subsidy_deadline=date(2026, 12, 31)).to_json()["subsidy_deadline"] == "2026-12-31"


def _by_name(deadlines):
    return {d.name: d for d in deadlines}


def test_deadlines_all_met(cal: OfficeCalendar) -> None:
    ev = OrderEvents(
        submitted=date(2026, 3, 6),  # Friday
        vendor_confirmed=date(2026, 3, 10),  # due Tue 3/10
        paid=date(2026, 3, 12),  # due Thu 3/12
        payment_confirmed=date(2026, 3, 12),
        invoiced=date(2026, 3, 16),  # due Mon 3/16
        service_started=date(2026, 3, 19),  # due 3/19 (calendar days)
    )
    d = _by_name(order_deadlines(ev, cal, as_of=date(2026, 4, 1)))
    assert [d[n].due for n in ("vendor_confirm", "pay", "invoice", "service_start")] == [
        date(2026, 3, 10), date(2026, 3, 12), date(2026, 3, 16), date(2026, 3, 19)]
    assert {x.status for x in d.values()} == {"met"}
    assert not any(x.provisional for x in d.values())
    assert "須知八(四)" in d["pay"].clauses and "手冊 步驟4" in d["service_start"].clauses


def test_deadlines_breach_pending_and_not_started(cal: OfficeCalendar) -> None:
    ev = OrderEvents(submitted=date(2026, 2, 12), vendor_confirmed=date(2026, 2, 24))
    d = _by_name(order_deadlines(ev, cal, as_of=date(2026, 2, 25)))
    assert d["vendor_confirm"].due == date(2026, 2, 23)  # Lunar New Year skipped
    assert d["vendor_confirm"].status == "breached"
    assert d["pay"].due == date(2026, 2, 26) and d["pay"].status == "pending"
    assert d["invoice"].due is None and d["invoice"].status == "pending"
    late = _by_name(order_deadlines(ev, cal, as_of=date(2026, 2, 27)))
    assert late["pay"].status == "breached"  # not paid by the end of 2/26


def test_saturday_submission(cal: OfficeCalendar) -> None:
    d = _by_name(order_deadlines(OrderEvents(submitted=date(2026, 3, 7)), cal, as_of=date(2026, 3, 7)))
    assert d["vendor_confirm"].due == date(2026, 3, 10)  # Mon is day 1, Tue day 2


def test_provisional_breach_is_a_warning(cal: OfficeCalendar) -> None:
    ev = OrderEvents(submitted=date(2027, 3, 1))  # 2027 not imported: fallback calendar
    d = _by_name(order_deadlines(ev, cal, as_of=date(2027, 3, 10)))
    assert d["vendor_confirm"].provisional is True
    assert d["vendor_confirm"].due == date(2027, 3, 3)
    assert d["vendor_confirm"].status == "warning"
    js = d["vendor_confirm"].to_json()
    assert js["due"] == "2027-03-03" and js["status"] == "warning"


# --- mutation-testing survivors (tools/mutation.sh, docs/quality.md): each pins one boundary -------

def test_the_points_cap_is_a_whole_number() -> None:
    from backoffice.policy.orders import max_points_for

    for total in (1, 30_001, 60_000):
        cap = max_points_for(total)
        assert isinstance(cap, int) and cap == total // 2
    assert max_points_for(30_000, ProgrammeParams(copay_points_part=2, copay_self_pay_part=1)) == 20_000


@pytest.mark.parametrize("total,balance", [(1.5, 100), (True, 100), (100, 1.5), (100, True)])
def test_a_quote_takes_whole_numbers_only(total: object, balance: object) -> None:
    with pytest.raises(TypeError):
        quote_order(total, balance)  # type: ignore[arg-type]


def test_a_plan_of_exactly_the_minimum_term_is_accepted() -> None:
    assert check_order(DEFAULT_PARAMS.min_term_months).ok
    assert not check_order(DEFAULT_PARAMS.min_term_months - 1).ok


def test_the_stop_announcement_is_judged_only_with_both_a_status_and_a_date() -> None:
    stopped = ProgrammeStatus(use_stopped_on=date(2026, 3, 1))
    for kwargs in ({"status": stopped}, {"submitted_on": date(2026, 3, 2)}):
        check = check_order(6, **kwargs)  # type: ignore[arg-type]
        assert check.ok and "須知二(三)" not in " ".join(check.clauses)
    assert not check_order(6, status=stopped, submitted_on=date(2026, 3, 2)).ok


def test_optional_dates_and_the_status_clauses_default_as_documented() -> None:
    events = OrderEvents(date(2026, 3, 2))
    assert (events.vendor_confirmed, events.paid, events.payment_confirmed, events.invoiced,
            events.service_started) == (None,) * 5
    assert ProgrammeParams().effective_from is None
    status = ProgrammeStatus()
    assert (status.applications_stopped_on, status.use_stopped_on) == (None, None)
    assert status.clauses == ("須知二(三)",)


def test_a_deadline_is_met_on_its_due_day_and_breached_the_day_after(cal: OfficeCalendar) -> None:
    events = OrderEvents(date(2026, 3, 2))  # a Monday; the vendor confirms within 2 working days
    due = order_deadlines(events, cal, date(2026, 3, 2))[0].due
    assert due == date(2026, 3, 4)
    assert order_deadlines(events, cal, due)[0].status == "pending"
    assert order_deadlines(events, cal, date(2026, 3, 5))[0].status == "breached"


def test_the_payment_deadline_counts_working_days(cal: OfficeCalendar) -> None:
    friday = date(2026, 3, 6)
    pay = order_deadlines(OrderEvents(date(2026, 3, 5), vendor_confirmed=friday), cal, friday)[1]
    assert pay.name == "pay" and pay.due == date(2026, 3, 10)  # Monday, Tuesday: not Sunday


def test_a_deadline_not_started_is_not_provisional(cal: OfficeCalendar) -> None:
    deadlines = order_deadlines(OrderEvents(date(2027, 3, 1)), cal, date(2027, 3, 1))  # 2027 not imported
    assert deadlines[0].provisional  # the vendor's deadline is counted on the fallback calendar
    assert [d.provisional for d in deadlines[1:]] == [False, False, False]  # not started: no answer


@pytest.mark.parametrize("name", ["refund_window_days", "return_extension_working_days", "service_start_days"])
def test_zero_is_allowed_where_the_parameter_may_be_zero(name: str) -> None:
    assert getattr(ProgrammeParams(**{name: 0}), name) == 0
    with pytest.raises(ValueError):
        ProgrammeParams(**{name: -1})


def test_a_zero_budget_is_allowed_and_a_negative_one_is_not() -> None:
    assert ProgrammeParams(total_budget=0).total_budget == 0
    with pytest.raises(ValueError):
        ProgrammeParams(total_budget=-1)
