"""The queue table model without a view: paging on demand, sort, filters, roles (SQLite + PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from backoffice.db import models as m
from backoffice.db.enums import ApplicantType, ApplicationStatus
from backoffice.services.applications.queue import Assignment, QueueQuery, SortKey
from backoffice.views import jobs
from backoffice.views.applications import queue_model as qm
from tests.integration.queue_seed import TODAY, seed_queue

pytestmark = [pytest.mark.gui, pytest.mark.db]


def make_model(app_context, viewer_id=None, page_size=100):
    viewer = viewer_id if viewer_id is not None else app_context.officer.id  # the signed-in officer
    return qm.QueueModel(app_context.uow_factory, viewer_id=viewer, today=lambda: TODAY, page_size=page_size)


def load(model, query=None):
    model.set_query(query or QueueQuery())
    assert jobs.wait_for_jobs(30)
    assert model.error is None, model.error


def ids(model):
    return [model.data(model.index(r, 0), qm.ROLE_ID) for r in range(model.rowCount())]


def seed_many(uow_factory, n):
    with uow_factory() as uow:
        s = uow.session
        base = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
        for i in range(n):
            applicant = m.Applicant(name=f"大量公司{i:03d}", ubn=f"{i:08d}", applicant_type=ApplicantType.SME)
            s.add(applicant)
            s.flush()
            s.add(m.Application(external_id=f"BULK-{i:03d}", applicant_id=applicant.id,
                                submitted_at=base + timedelta(minutes=i)))
        uow.commit()


def test_pages_are_fetched_on_demand_never_all_rows(app_context):
    seed_many(app_context.uow_factory, 23)
    model = make_model(app_context, page_size=10)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
    loaded = []
    model.page_loaded.connect(loaded.append)
    counts = []
    model.count_changed.connect(lambda n, capped: counts.append((n, capped)))
    load(model)
    assert model.rowCount() == 10 and loaded == [10]
    assert counts == [(23, False)]
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.loading and not model.canFetchMore(QModelIndex())  # one page at a time
    assert jobs.wait_for_jobs(30)
    assert model.rowCount() == 20
    model.fetchMore(QModelIndex())
    assert jobs.wait_for_jobs(30)
    assert model.rowCount() == 23 and not model.canFetchMore(QModelIndex())
    # Oldest first, no repeats across pages.
    assert [model.data(model.index(r, qm.COL_CASE)) for r in range(23)] == [f"BULK-{i:03d}" for i in range(23)]
    assert len(set(ids(model))) == 23


def test_display_and_raw_roles(app_context):
    seed = seed_queue(app_context.uow_factory)
    model = make_model(app_context)
    load(model)
    assert model.columnCount() == qm.COLUMN_COUNT
    assert model.headerData(qm.COL_UBN, Qt.Orientation.Horizontal) == "統一編號"
    r = ids(model).index(seed.apps["old_waiting"])
    cell = lambda col, role=Qt.ItemDataRole.DisplayRole: model.data(model.index(r, col), role)  # noqa: E731
    assert cell(qm.COL_APPLICANT) == "甲雲端科技股份有限公司"
    assert cell(qm.COL_INDUSTRY) == "62 電腦程式設計、諮詢及相關服務業"
    assert cell(qm.COL_TYPE) == "中小企業"
    assert cell(qm.COL_STATUS) == "已送件"
    assert cell(qm.COL_ASSIGNEE) == "未分派"
    assert cell(qm.COL_SUBMITTED) == "115/02/18 10:00"  # 30 days before 115/03/20, Taipei time
    assert cell(qm.COL_DUE).endswith("逾期")
    assert cell(qm.COL_SUBMITTED, qm.ROLE_RAW) == datetime(2026, 2, 18, 2, 0, tzinfo=UTC)
    assert cell(qm.COL_STATUS, qm.ROLE_RAW) == "submitted"
    assert cell(qm.COL_TYPE, qm.ROLE_RAW) == "sme"
    assert cell(qm.COL_DUE, qm.ROLE_OVERDUE) is True
    assert cell(qm.COL_DUE, Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(qm.COL_CASE, qm.ROLE_ROW).id == seed.apps["old_waiting"]
    fresh = ids(model).index(seed.apps["new_waiting"])
    assert model.data(model.index(fresh, qm.COL_DUE), qm.ROLE_OVERDUE) is False
    assert model.data(model.index(fresh, qm.COL_DUE), Qt.ItemDataRole.BackgroundRole) is None
    assert not model.data(model.index(fresh, qm.COL_DUE)).endswith("逾期")


def test_sort_by_column_reloads_in_server_order(app_context):
    seed_queue(app_context.uow_factory)
    model = make_model(app_context)
    load(model)
    model.sort(qm.COL_UBN, Qt.SortOrder.DescendingOrder)
    assert jobs.wait_for_jobs(30)
    ubns = [model.data(model.index(r, qm.COL_UBN)) for r in range(model.rowCount())]
    assert ubns == sorted(ubns, reverse=True) and len(ubns) == 9
    assert model.query.sort is SortKey.UBN and model.query.descending
    assert model.sort_column() == qm.COL_UBN
    model.sort(qm.COL_APPLICANT, Qt.SortOrder.AscendingOrder)
    assert jobs.wait_for_jobs(30)
    names = [model.data(model.index(r, qm.COL_APPLICANT), qm.ROLE_RAW) for r in range(model.rowCount())]
    assert names == sorted(names)
    before = model.query
    model.sort(qm.COL_DUE, Qt.SortOrder.AscendingOrder)  # not sortable: nothing changes
    assert model.query == before


def test_filters_and_mine(app_context):
    seed = seed_queue(app_context.uow_factory)
    from backoffice.services.applications import assignment

    with app_context.uow_factory() as u:
        assignment.claim(u, seed.apps["reviewing"], seed.officer_a)
    model = make_model(app_context, viewer_id=seed.officer_a)
    load(model, QueueQuery(assignment=Assignment.MINE))
    assert ids(model) == [seed.apps["reviewing"]]
    assert model.data(model.index(0, qm.COL_ASSIGNEE)) == "王承辦"
    assert "王承辦" in model.data(model.index(0, qm.COL_ASSIGNEE), Qt.ItemDataRole.ToolTipRole)
    load(model, QueueQuery(statuses=(ApplicationStatus.SUPPLEMENT_REQUESTED,), overdue=True))
    assert ids(model) == [seed.apps["supp_late"]]
    assert model.count.count == 1 and not model.count.capped
    load(model, QueueQuery(search="無此公司"))
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_a_newer_query_wins_over_a_slower_older_one(app_context):
    seed = seed_queue(app_context.uow_factory)
    model = make_model(app_context)
    model.set_query(QueueQuery())  # not waited for
    model.set_query(QueueQuery(search="丙商行"))
    assert jobs.wait_for_jobs(30)
    assert ids(model) == [seed.apps["reviewing"]]
    assert model.count.count == 1


def test_a_failing_load_is_reported_once_and_stops_paging(app_context):
    model = qm.QueueModel(lambda: (_ for _ in ()).throw(RuntimeError("db down")), viewer_id=1,
                          today=lambda: TODAY)
    errors = []
    model.load_failed.connect(errors.append)
    model.set_query(QueueQuery(assignment=Assignment.MINE))
    assert jobs.wait_for_jobs(30)
    assert len(errors) == 1 and isinstance(model.error, RuntimeError)
    assert not model.canFetchMore(QModelIndex()) and not model.loading
