"""The application queue service: filters, sorting, keyset paging, capped count, overdue (SQLite + PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backoffice.db.enums import ApplicantType, ApplicationStatus
from backoffice.services.applications import assignment
from backoffice.services.applications.queue import (
    Assignment,
    QueueQuery,
    QueueQueryError,
    SortKey,
    count_applications,
    fetch_page,
    load_everything,
)
from backoffice.services.authz import PermissionDenied
from tests.integration.queue_seed import ROWS, TODAY, seed_queue
from tests.support.authz import reader_id

pytestmark = pytest.mark.db


def labels_of(rows, seed):
    by_id = {v: k for k, v in seed.apps.items()}
    return [by_id[r.id] for r in rows]


def run(uow, query, seed, **kw):
    with uow() as u:
        return labels_of(load_everything(u, query, today=TODAY, viewer_id=kw["viewer_id"] if "viewer_id" in kw else reader_id(u)), seed)


def test_default_order_is_oldest_submission_first(uow):
    seed = seed_queue(uow)
    got = run(uow, QueueQuery(), seed)
    expected = [r[0] for r in sorted(ROWS, key=lambda r: -r[6])]
    assert got == expected


def test_filters_by_status_type_industry_and_dates(uow):
    seed = seed_queue(uow)
    assert set(run(uow, QueueQuery(statuses=(ApplicationStatus.SUPPLEMENT_REQUESTED,)), seed)) == {
        "supp_late", "supp_ok"}
    assert set(run(uow, QueueQuery(applicant_types=(ApplicantType.TAX_REGISTERED, ApplicantType.COOPERATIVE)),
                   seed)) == {"reviewing", "supp_late"}
    assert set(run(uow, QueueQuery(industry_division="62"), seed)) == {"old_waiting", "approved"}
    assert set(run(uow, QueueQuery(industry_section="m"), seed)) == {"tenth_day", "eleventh"}
    # Dates are Taipei calendar days, both ends inclusive.
    q = QueueQuery(submitted_from=TODAY - timedelta(days=15), submitted_to=TODAY - timedelta(days=5))
    assert set(run(uow, q, seed)) == {"reviewing", "tenth_day", "eleventh"}
    with pytest.raises(QueueQueryError):
        run(uow, QueueQuery(submitted_from=TODAY, submitted_to=TODAY - timedelta(days=1)), seed)


def test_search_by_ubn_prefix_name_substring_and_case_number(uow):
    seed = seed_queue(uow)
    assert run(uow, QueueQuery(search="0459525"), seed) == ["old_waiting", "supp_ok"]
    assert run(uow, QueueQuery(search="雲端"), seed) == ["old_waiting"]
    assert run(uow, QueueQuery(search=" 有限公司 "), seed) == ["approved", "rejected", "old_waiting", "new_waiting"]
    # LIKE wildcards typed by the officer are literal characters.
    assert run(uow, QueueQuery(search="100%_"), seed) == ["eleventh"]
    assert run(uow, QueueQuery(search="%"), seed) == ["eleventh"]
    assert run(uow, QueueQuery(search="studio"), seed) == ["eleventh"]  # case-insensitive
    assert run(uow, QueueQuery(search="APP-0002"), seed) == ["reviewing"]
    assert run(uow, QueueQuery(search="無此公司"), seed) == []


def test_overdue_means_supplement_deadline_passed_or_ten_working_days_waiting(uow):
    seed = seed_queue(uow)
    assert set(run(uow, QueueQuery(overdue=True), seed)) == {"old_waiting", "supp_late", "eleventh"}
    not_overdue = set(run(uow, QueueQuery(overdue=False), seed))
    assert not_overdue == set(seed.apps) - {"old_waiting", "supp_late", "eleventh"}
    with uow() as u:
        rows = {r.id: r for r in load_everything(u, QueueQuery(), today=TODAY, viewer_id=reader_id(u))}
    # The row flag agrees with the filter, and the due day explains it.
    tenth, eleventh = rows[seed.apps["tenth_day"]], rows[seed.apps["eleventh"]]
    assert tenth.due_on == TODAY and not tenth.overdue
    assert eleventh.due_on == TODAY - timedelta(days=1) and eleventh.overdue
    assert rows[seed.apps["supp_ok"]].due_on == TODAY and not rows[seed.apps["supp_ok"]].overdue
    assert rows[seed.apps["approved"]].due_on is None and not rows[seed.apps["approved"]].overdue
    assert all(r.overdue == (labels_of([r], seed)[0] in {"old_waiting", "supp_late", "eleventh"})
               for r in rows.values())


def test_assignment_filters_unassigned_mine_and_officer(uow):
    seed = seed_queue(uow)
    with uow() as u:
        assignment.claim(u, seed.apps["old_waiting"], seed.officer_a)
    with uow() as u:
        assignment.claim(u, seed.apps["reviewing"], seed.officer_b)
    assert run(uow, QueueQuery(assignment=Assignment.MINE), seed, viewer_id=seed.officer_a) == ["old_waiting"]
    assert run(uow, QueueQuery(assignment=Assignment.OFFICER, assigned_officer_id=seed.officer_b), seed) == [
        "reviewing"]
    unassigned = set(run(uow, QueueQuery(assignment=Assignment.UNASSIGNED), seed))
    assert unassigned == set(seed.apps) - {"old_waiting", "reviewing"}
    with pytest.raises(PermissionDenied):  # "mine" needs a viewer, and an anonymous one is refused
        run(uow, QueueQuery(assignment=Assignment.MINE), seed, viewer_id=None)
    with uow() as u:
        rows = {r.id: r for r in load_everything(u, QueueQuery(), today=TODAY, viewer_id=reader_id(u))}
    assert rows[seed.apps["old_waiting"]].assigned_officer_name == "王承辦"
    assert rows[seed.apps["old_waiting"]].claimed_at is not None


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_follow_every_sort_without_gaps_or_repeats(uow, sort, descending):
    seed = seed_queue(uow)
    with uow() as u:
        assignment.claim(u, seed.apps["supp_ok"], seed.officer_b)
    query = QueueQuery(sort=sort, descending=descending)
    with uow() as u:
        everything = [r.id for r in load_everything(u, query, today=TODAY, viewer_id=reader_id(u))]
        paged, cursor, pages = [], None, 0
        while True:
            page = fetch_page(u, query, today=TODAY, viewer_id=reader_id(u), after=cursor, limit=2)
            paged.extend(r.id for r in page.rows)
            pages += 1
            if not page.has_more:
                break
            cursor = page.next_cursor
    assert sorted(paged) == sorted(seed.apps.values())
    assert pages == 5  # 9 rows, 2 per page
    # Same order as the unpaged query (ties broken by id in the query direction).
    values = [(r_sort, i) for r_sort, i in zip(_sort_values(uow, query), paged, strict=True)]
    assert values == sorted(values, reverse=descending)
    assert set(everything) == set(paged)


def _sort_values(uow, query):
    with uow() as u:
        out, cursor = [], None
        while True:
            page = fetch_page(u, query, today=TODAY, viewer_id=reader_id(u), after=cursor, limit=2)
            out.extend(r.sort_value for r in page.rows)
            if not page.has_more:
                return out
            cursor = page.next_cursor


def test_offset_paging_matches_keyset(uow):
    seed_queue(uow)
    query = QueueQuery(sort=SortKey.APPLICANT_NAME)
    with uow() as u:
        first = fetch_page(u, query, today=TODAY, viewer_id=reader_id(u), limit=4)
        second = fetch_page(u, query, today=TODAY, viewer_id=reader_id(u), after=first.next_cursor, limit=4)
        by_offset = fetch_page(u, query, today=TODAY, viewer_id=reader_id(u), offset=4, limit=4)
    assert [r.id for r in second.rows] == [r.id for r in by_offset.rows]
    assert second.has_more and by_offset.has_more


def test_count_is_exact_below_the_cap_and_capped_above(uow):
    seed_queue(uow)
    with uow() as u:
        exact = count_applications(u, QueueQuery(), today=TODAY, viewer_id=reader_id(u))
        capped = count_applications(u, QueueQuery(), today=TODAY, viewer_id=reader_id(u), cap=5)
        overdue = count_applications(u, QueueQuery(overdue=True), today=TODAY, viewer_id=reader_id(u))
    assert (exact.count, exact.capped) == (len(ROWS), False)
    assert (capped.count, capped.capped) == (5, True)
    assert (overdue.count, overdue.capped) == (3, False)


def test_query_round_trips_through_json():
    q = QueueQuery(statuses=(ApplicationStatus.SUBMITTED,), applicant_types=(ApplicantType.SME,),
                   industry_section="J", industry_division="62", submitted_from=TODAY, submitted_to=TODAY,
                   assignment=Assignment.OFFICER, assigned_officer_id=7, overdue=True, search="雲",
                   sort=SortKey.UBN, descending=True)
    assert QueueQuery.from_json(q.to_json()) == q
    assert QueueQuery.from_json({}) == QueueQuery()
    with pytest.raises(QueueQueryError):
        QueueQuery.from_json({"statuses": ["no-such-status"]})


def test_saved_filters_belong_to_their_officer(uow):
    from backoffice.services.applications import saved_filters
    from backoffice.services.authz import PermissionDenied

    seed = seed_queue(uow)
    q = QueueQuery(overdue=True, sort=SortKey.UBN)
    with uow() as u:
        saved = saved_filters.save_filter(u, seed.officer_a, " 逾期 ", q)
    with uow() as u:  # same name again: replaced, not duplicated
        saved_filters.save_filter(u, seed.officer_a, "逾期", QueueQuery(overdue=False))
    with uow() as u:
        mine = saved_filters.list_filters(u, seed.officer_a)
        assert [(f.id, f.name, f.query) for f in mine] == [(saved.id, "逾期", QueueQuery(overdue=False))]
        assert saved_filters.list_filters(u, seed.officer_b) == []
    with uow() as u, pytest.raises(PermissionDenied):
        saved_filters.delete_filter(u, seed.officer_b, saved.id)
    with uow() as u, pytest.raises(saved_filters.SavedFilterError):
        saved_filters.save_filter(u, seed.officer_a, "   ", q)
    with uow() as u:
        saved_filters.delete_filter(u, seed.officer_a, saved.id)
    with uow() as u:
        assert saved_filters.list_filters(u, seed.officer_a) == []


def test_a_ubn_or_case_number_search_looks_across_all_statuses(uow):
    from backoffice.services.applications.queue import OPEN_STATUSES
    from tests.integration.queue_seed import UBNS

    seed = seed_queue(uow)
    approved_ubn = UBNS[list(seed.apps).index("approved")]
    approved_case = f"APP-{list(seed.apps).index('approved'):04d}"
    pending = QueueQuery(statuses=OPEN_STATUSES)
    # The default 待處理 filter hides the approved case unless the officer searches for it by number.
    assert "approved" not in run(uow, pending, seed)
    for search in (approved_ubn, approved_ubn[:5], approved_case):
        q = QueueQuery(statuses=OPEN_STATUSES, search=search)
        assert "approved" in run(uow, q, seed), search
        with uow() as u:
            count = count_applications(u, q, today=TODAY, viewer_id=reader_id(u))
        assert count.across_all_statuses and count.count >= 1
    # A name search keeps the status filter.
    with uow() as u:
        by_name = count_applications(u, QueueQuery(statuses=OPEN_STATUSES, search="有限公司"), today=TODAY, viewer_id=reader_id(u))
    assert not by_name.across_all_statuses
    assert "approved" not in run(uow, QueueQuery(statuses=OPEN_STATUSES, search="有限公司"), seed)


def test_a_whole_ubn_search_says_whether_its_check_digit_holds(uow):
    seed_queue(uow)
    with uow() as u:
        good = count_applications(u, QueueQuery(search="04595257"), today=TODAY, viewer_id=reader_id(u))
        bad = count_applications(u, QueueQuery(search="04595253"), today=TODAY, viewer_id=reader_id(u))
        prefix = count_applications(u, QueueQuery(search="0459"), today=TODAY, viewer_id=reader_id(u))
    assert good.ubn_check is not None and good.ubn_check.valid
    assert bad.ubn_check is not None and not bad.ubn_check.valid and bad.ubn_check.reason == "checksum"
    assert prefix.ubn_check is None
