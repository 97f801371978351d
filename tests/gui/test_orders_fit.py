"""Issue 12 item 17: at 1366x768 the orders list shows more than a handful of rows, and English
statuses are not cut in the queue and the orders list. SQLite + PostgreSQL."""

from __future__ import annotations

import pytest

from backoffice.views import jobs
from backoffice.views.main_window import MainWindow
from backoffice.views.orders import orders_screen
from backoffice.views.orders.orders_model import OrdersTableModel
from tests.gui.points_seed import TODAY, seed_points

pytestmark = [pytest.mark.gui, pytest.mark.db]
WINDOW_DECORATION = 70  # title bar and a panel, as in test_window_fit


def visible_rows(table) -> int:
    return table.viewport().height() // table.verticalHeader().defaultSectionSize()


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_orders_at_1366x768_show_at_least_eight_rows_and_whole_statuses(qtbot, app_context, dialogs, language):
    app_context.today = lambda: TODAY
    seed_points(app_context.uow_factory)
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.resize(1366, 768 - WINDOW_DECORATION)
    win.show()
    qtbot.waitExposed(win)
    try:
        win.set_language(language, persist=False)
        page = win.show_screen("orders")
        assert isinstance(page, orders_screen.OrdersPage)
        qtbot.waitUntil(lambda: page.is_loaded() and page.detail is not None, timeout=30_000)
        assert jobs.wait_for_jobs(30)
        qtbot.wait(20)
        assert visible_rows(page.table) >= 8, visible_rows(page.table)  # was about 4
        # The column is as wide as its widest status needs: nothing is cut with "…".
        width = page.table.columnWidth(OrdersTableModel.COL_STATUS)
        assert width >= page.table.sizeHintForColumn(OrdersTableModel.COL_STATUS), (language, width)
    finally:
        win.set_language("zh_TW", persist=False)
    assert dialogs == []


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_the_queues_due_column_and_whole_statuses_fit_1366(qtbot, app_context, dialogs, language):
    from dataclasses import replace

    from backoffice.views.applications import queue_model as qm
    from backoffice.views.context import OfficerIdentity
    from tests.support import review_seed as rs

    seeded = rs.seed(app_context.uow_factory, applications=3)
    context = replace(app_context, officer=OfficerIdentity.of(seeded.officer_id, "林官員", ["officer"]),
                      today=lambda: rs.TODAY)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.resize(1366, 768 - WINDOW_DECORATION)
    win.show()
    qtbot.waitExposed(win)
    try:
        win.set_language(language, persist=False)
        page = win.show_screen("applications")
        qtbot.waitUntil(page.is_loaded, timeout=30_000)
        assert jobs.wait_for_jobs(30)
        qtbot.wait(20)
        header = page.table.horizontalHeader()
        right = header.sectionViewportPosition(qm.COL_DUE) + header.sectionSize(qm.COL_DUE)
        assert right <= page.table.viewport().width(), (language, right, page.table.viewport().width())
        assert header.sectionSize(qm.COL_STATUS) >= page.table.sizeHintForColumn(qm.COL_STATUS), language
    finally:
        win.set_language("zh_TW", persist=False)
    assert dialogs == []
