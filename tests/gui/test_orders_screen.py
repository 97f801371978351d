"""The orders screen: split and deadlines from the database, breach red, provisional breach amber, filters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from backoffice.views import jobs
from backoffice.views.main_window import MainWindow
from backoffice.views.orders import orders_screen
from backoffice.views.orders.orders_model import DeadlinesTableModel, OrderEventsTableModel, OrdersTableModel
from backoffice.views.table_kit import RAW_ROLE, TONE_ROLE
from tests.gui.points_seed import TODAY, seed_points

pytestmark = [pytest.mark.gui, pytest.mark.db]


@pytest.fixture
def window(qtbot, app_context):
    app_context.today = lambda: TODAY
    seeded = seed_points(app_context.uow_factory)
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    page = win.show_screen("orders")
    assert isinstance(page, orders_screen.OrdersPage)
    qtbot.waitUntil(lambda: page.is_loaded() and page.detail is not None, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    return win, page, seeded


def rows_by_label(page, seeded):
    by_id = {page.model.row_at(r).order_id: r for r in range(page.model.rowCount())}
    return {label: by_id[oid] for label, oid in seeded.orders.items() if oid in by_id}


def test_breaches_are_red_provisional_breaches_amber(window, dialogs, screenshot):
    win, page, seeded = window
    m = page.model
    assert m.rowCount() == len(seeded.orders)
    rows = rows_by_label(page, seeded)
    tone = {label: m.data(m.index(r, 0), TONE_ROLE) for label, r in rows.items()}
    assert tone == {"no_service": "breached", "late": "warning", "waiting": "warning", "fresh": "",
                    "rejected": "", "exhausted": ""}
    background = m.data(m.index(rows["no_service"], 0), Qt.ItemDataRole.BackgroundRole)
    assert background is not None and background.color().red() > background.color().blue()
    assert "廠商開始提供服務：逾期" in m.data(m.index(rows["no_service"], OrdersTableModel.COL_DEADLINE))
    assert "暫定" in m.data(m.index(rows["late"], OrdersTableModel.COL_DEADLINE))
    assert m.data(m.index(rows["rejected"], OrdersTableModel.COL_DEADLINE)) == "訂單已結束"
    assert m.data(m.index(rows["fresh"], OrdersTableModel.COL_DEADLINE)) == "進行中"
    late = rows["late"]
    assert [m.data(m.index(late, c), RAW_ROLE) for c in (OrdersTableModel.COL_TOTAL, OrdersTableModel.COL_POINTS,
                                                         OrdersTableModel.COL_SELF_PAY)] == [70_000, 30_000, 40_000]
    assert "須知二(二)" in m.data(m.index(late, OrdersTableModel.COL_POINTS), Qt.ItemDataRole.ToolTipRole)
    assert dialogs == []
    # Show a complete order in the detail, leaving the red and amber rows unselected in the list.
    page.table.selectRow(rows["exhausted"])
    qtbot_wait(page, seeded.orders["exhausted"])
    screenshot(win, "orders")


def qtbot_wait(page, order_id):
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + 30
    while (page.detail is None or page.detail.row.order_id != order_id) and time.monotonic() < deadline:
        jobs.wait_for_jobs(5)
        QCoreApplication.processEvents()
    assert page.detail is not None and page.detail.row.order_id == order_id


def test_detail_shows_the_four_deadlines_and_the_events(window):
    win, page, seeded = window
    page.table.selectRow(rows_by_label(page, seeded)["no_service"])
    qtbot_wait(page, seeded.orders["no_service"])
    d = page.deadlines_model
    names = [d.data(d.index(r, DeadlinesTableModel.COL_NAME)) for r in range(d.rowCount())]
    assert names == ["廠商確認接單", "申請單位付清自付款", "廠商開立全額電子發票", "廠商開始提供服務"]
    statuses = [d.data(d.index(r, DeadlinesTableModel.COL_STATUS), RAW_ROLE) for r in range(4)]
    assert statuses == ["met", "met", "met", "breached"]
    assert d.data(d.index(3, DeadlinesTableModel.COL_DUE)) == "115/03/10"  # 7 days after 115/03/03
    assert "手冊 步驟4" in d.data(d.index(3, DeadlinesTableModel.COL_CLAUSE))
    assert "暫定" in d.data(d.index(0, DeadlinesTableModel.COL_DUE))  # 2026 calendar not imported
    e = page.events_model
    assert [e.data(e.index(r, OrderEventsTableModel.COL_KIND)) for r in range(e.rowCount())] == [
        "送出訂單", "廠商確認接單", "付清自付款", "訂單確認", "開立發票"]
    assert page.fields["points"].text() == "25,000 點"


def test_filters_by_deadline_state_status_vendor_and_search(qtbot, window):
    win, page, seeded = window

    def ids():
        return {page.model.row_at(r).order_id for r in range(page.model.rowCount())}

    def choose(combo, value):
        combo.setCurrentIndex(combo.findData(value))
        qtbot.waitUntil(page.is_loaded, timeout=30_000)
        assert jobs.wait_for_jobs(30)

    choose(page.breach_filter, "breached")
    assert ids() == {seeded.orders["no_service"]}
    choose(page.breach_filter, "warning")
    assert ids() == {seeded.orders["late"], seeded.orders["waiting"]}
    choose(page.breach_filter, None)
    choose(page.status_filter, "rejected")
    assert ids() == {seeded.orders["rejected"]}
    choose(page.status_filter, None)
    qtbot.waitUntil(lambda: page.vendor_filter.count() == 3, timeout=30_000)
    page.vendor_filter.setCurrentIndex(2)
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    vendor_rows = ids()
    assert 0 < len(vendor_rows) < len(seeded.orders)
    page.vendor_filter.setCurrentIndex(0)
    page.search.setText("ORD-2026-0003")
    page._filters_changed()
    qtbot.waitUntil(lambda: page.is_loaded() and page.model.rowCount() == 1, timeout=30_000)


def test_clocks_not_started_are_said_so(window):
    win, page, seeded = window
    page.table.selectRow(rows_by_label(page, seeded)["fresh"])
    qtbot_wait(page, seeded.orders["fresh"])
    d = page.deadlines_model
    assert [d.data(d.index(r, DeadlinesTableModel.COL_STATUS)) for r in range(4)] == [
        "進行中", "尚未起算", "尚未起算", "尚未起算"]
