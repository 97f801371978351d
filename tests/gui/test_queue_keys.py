"""Issue 12 item 16: the queue by keyboard alone (Down from the search box, Enter opens) and the
shortcuts shown where the officer looks (tooltips, menus). SQLite + PostgreSQL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest

from backoffice.views.applications import queue_model as qm
from tests.gui.test_queue_screen import make_screen
from tests.integration.queue_seed import seed_queue

pytestmark = [pytest.mark.gui, pytest.mark.db]


def test_down_from_the_search_box_enters_the_results_and_enter_opens_the_row(qtbot, app_context):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    assert screen.model.rowCount() > 0
    screen.activateWindow()
    screen.search.setFocus()
    screen.table.setCurrentIndex(QModelIndex())  # nothing clicked yet
    QTest.keyClick(screen.search, Qt.Key.Key_Down)
    assert screen.table.hasFocus() or screen.focusWidget() is screen.table
    assert screen.table.currentIndex().row() == 0
    QTest.keyClick(screen.table, Qt.Key.Key_Down)
    expected = screen.model.data(screen.model.index(1, qm.COL_CASE), qm.ROLE_ID)
    with qtbot.waitSignal(screen.open_application, timeout=5_000) as opened:
        QTest.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.table.currentIndex().row() == 1 and opened.args == [expected]


def test_tab_into_the_table_gives_enter_a_row_to_open(qtbot, app_context):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    screen.search.setFocus()
    screen.table.setCurrentIndex(QModelIndex())
    screen.table.setFocus(Qt.FocusReason.TabFocusReason)
    assert screen.table.currentIndex().isValid()
    with qtbot.waitSignal(screen.open_application, timeout=5_000):
        QTest.keyClick(screen.table, Qt.Key.Key_Enter)


def test_shortcuts_are_shown_on_tooltips(qtbot, app_context):
    screen = make_screen(qtbot, app_context)
    assert "Ctrl+F" in screen.search.toolTip() and "↓" in screen.search.toolTip()
    assert "Enter" in screen.open_button.toolTip()
    assert "Ctrl+Shift+C" in screen.claim_button.toolTip()


def test_a_language_switch_keeps_the_search_and_filters(qtbot, app_context, dialogs):
    """Issue 12 item 15: switching the language threw the queue's search and filters away."""
    from backoffice.views.applications.queue_screen import QueueScreen
    from backoffice.views.main_window import MainWindow
    from tests.integration.queue_seed import TODAY

    seed_queue(app_context.uow_factory)
    app_context.today = lambda: TODAY
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    queue = win.show_screen("applications")
    qtbot.waitUntil(queue.is_loaded, timeout=30_000)
    queue.search.setText("好給力")
    queue.status_combo.setCurrentIndex(queue.status_combo.findData("approved"))
    queue.apply_filters()
    qtbot.waitUntil(queue.is_loaded, timeout=30_000)
    before = queue.current_query()
    try:
        win.set_language("en", persist=False)
        again = win.pages["applications"]
        assert isinstance(again, QueueScreen) and again is not queue
        qtbot.waitUntil(again.is_loaded, timeout=30_000)
        assert again.search.text() == "好給力" and again.status_combo.currentData() == "approved"
        assert again.current_query() == before and again.model.query == before
    finally:
        win.set_language("zh_TW", persist=False)
    assert dialogs == []
