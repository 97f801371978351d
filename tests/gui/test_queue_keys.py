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
