"""The points-account screen: paged list from the database, search, status filter, detail with ledger."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from backoffice.views import jobs
from backoffice.views.main_window import MainWindow
from backoffice.views.points import accounts_screen
from backoffice.views.points.accounts_model import AccountsTableModel, LedgerTableModel, LotsTableModel
from backoffice.views.table_kit import RAW_ROLE, ROW_ROLE
from tests.gui.points_seed import NAMES, TODAY, UBNS, seed_points

pytestmark = [pytest.mark.gui, pytest.mark.db]


@pytest.fixture
def window(qtbot, app_context):
    app_context.today = lambda: TODAY
    seeded = seed_points(app_context.uow_factory)
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    page = win.show_screen("points")
    assert isinstance(page, accounts_screen.AccountsPage)
    qtbot.waitUntil(lambda: page.is_loaded() and page.detail is not None, timeout=30_000)
    return win, page, seeded


def column(model, col, role=Qt.ItemDataRole.DisplayRole):
    return [model.data(model.index(r, col), role) for r in range(model.rowCount())]


def test_lists_every_account_newest_grant_first_with_roc_dates(window, dialogs, screenshot):
    win, page, seeded = window
    m = page.model
    assert column(m, AccountsTableModel.COL_UBN) == list(reversed(UBNS))
    assert column(m, AccountsTableModel.COL_NAME) == list(reversed(NAMES))
    assert column(m, AccountsTableModel.COL_ISSUED)[-1] == "115/01/05"  # ROC date on screen
    assert column(m, AccountsTableModel.COL_ISSUED, RAW_ROLE)[-1] == "2026-01-05"  # ISO underneath
    balances = dict(zip(column(m, AccountsTableModel.COL_UBN), column(m, AccountsTableModel.COL_BALANCE, RAW_ROLE),
                        strict=True))
    assert balances[UBNS[0]] == 0 and balances[UBNS[2]] == 30_000 - 10_000 - 12_000
    statuses = dict(zip(column(m, AccountsTableModel.COL_UBN), column(m, AccountsTableModel.COL_STATUS),
                        strict=True))
    assert statuses[UBNS[0]] == "已用罄" and statuses[UBNS[5]] == "未使用已返還"
    tip = m.data(m.index(0, AccountsTableModel.COL_VALID), Qt.ItemDataRole.ToolTipRole)
    assert "須知七(二)" in tip  # each figure names its clause
    assert "共 6 筆" in page.pager.label.text()
    assert dialogs == []
    # The first row is selected and its detail shown.
    assert page.detail.applicant_id == seeded.applicant_ids[5]
    screenshot(win, "accounts")


def test_selecting_an_account_shows_its_lots_and_running_balance(qtbot, window):
    win, page, seeded = window
    row = column(page.model, AccountsTableModel.COL_UBN).index(UBNS[2])
    page.table.setFocus()
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.ubn == UBNS[2], timeout=30_000)
    assert jobs.wait_for_jobs(30)
    ledger = page.ledger_model
    assert column(ledger, LedgerTableModel.COL_POINTS) == ["+30,000", "-10,000", "-12,000"]
    assert column(ledger, LedgerTableModel.COL_BALANCE, RAW_ROLE) == [30_000, 20_000, 8_000]
    assert column(ledger, LedgerTableModel.COL_KIND)[0] == "核發點數"
    assert column(page.lots_model, LotsTableModel.COL_BALANCE, RAW_ROLE) == [8_000]
    assert page.fields["balance"].text() == "8,000 點"
    assert "須知七(三)" in page.fields["lapse"].toolTip()
    assert page.fields["lapse"].text().startswith("115/02/19")
    # Keyboard: Down moves to the next account and loads it.
    before = page.detail.applicant_id
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.detail.applicant_id != before, timeout=30_000)


def test_search_by_ubn_and_name_and_status_filter(qtbot, window):
    win, page, seeded = window
    page.search.setText(UBNS[3])
    page._filters_changed()
    qtbot.waitUntil(lambda: page.is_loaded() and page.model.rowCount() == 1, timeout=30_000)
    assert page.model.data(page.model.index(0, 0), ROW_ROLE).ubn == UBNS[3]
    page.search.setText("合作社")
    page._filters_changed()
    qtbot.waitUntil(lambda: page.is_loaded() and page.model.rowCount() == 1
                    and page.model.row_at(0).name == NAMES[2], timeout=30_000)
    page.search.clear()
    page.status_filter.setCurrentIndex(page.status_filter.findData("lapsed"))
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    # Filtered on the status as shown (not yet booked by a sweep): the unused grants past their date.
    assert {page.model.row_at(r).ubn for r in range(page.model.rowCount())} == {UBNS[3], UBNS[5]}
    page.status_filter.setCurrentIndex(page.status_filter.findData("revoked"))
    qtbot.waitUntil(lambda: page.is_loaded() and page.model.rowCount() == 0, timeout=30_000)
    assert page.message.isVisible()
