"""The finance desk screen (請撥核銷): claims queue with filters and totals, batches with their lines,
the 95A year view with its chart and a statement preview; screenshots for docs/screenshots/."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from backoffice.views import jobs
from backoffice.views.context import OfficerIdentity
from backoffice.views.finance import finance_screen
from backoffice.views.finance.models import ClaimsTableModel
from backoffice.views.main_window import MainWindow
from backoffice.views.table_kit import RAW_ROLE
from tests.integration.test_tax95a import pay_all
from tests.support import finance_seed as fs

pytestmark = [pytest.mark.gui, pytest.mark.db]


@pytest.fixture
def window(qtbot, app_context, tmp_path: Path):
    sc = fs.scenario(app_context.uow_factory, demo=True)
    pay_all(app_context.uow_factory, sc, date(2026, 2, 20), datetime(2026, 2, 21, 2, tzinfo=UTC), tmp_path)
    app_context.today = lambda: date(2026, 3, 2)
    app_context.officer = OfficerIdentity.of(sc.finance_id, "會計李", ["finance"])
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    page = win.show_screen("settlement")
    assert isinstance(page, finance_screen.FinancePage)
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    return win, page, sc


def test_claims_queue_filters_totals_and_detail(qtbot, window, dialogs, screenshot):
    win, page, sc = window
    claims = page.claims
    assert claims.model.rowCount() == 10
    assert "10 件" in claims.totals.text()
    claims.reason.setCurrentIndex(claims.reason.findData("duplicate"))
    qtbot.waitUntil(lambda: claims.model.rowCount() == 1, timeout=10_000)
    assert claims.model.data(claims.model.index(0, ClaimsTableModel.COL_CLAIM), RAW_ROLE) == "SC-DUP-B"
    assert jobs.wait_for_jobs(10)
    assert "重複請撥" in claims.fields["verdict"].text()
    claims.reason.setCurrentIndex(0)
    qtbot.waitUntil(lambda: claims.model.rowCount() == 10, timeout=10_000)
    assert jobs.wait_for_jobs(10)
    assert dialogs == []
    screenshot(win, "finance_claims")


def test_batches_and_the_95a_year_view(qtbot, window, dialogs, screenshot):
    win, page, sc = window
    page.tabs.setCurrentWidget(page.batches)
    qtbot.waitUntil(lambda: page.batches.model.rowCount() == 2 and page.batches.lines_model.rowCount() > 0,
                    timeout=10_000)
    assert jobs.wait_for_jobs(10)
    screenshot(win, "finance_batches")
    page.tabs.setCurrentWidget(page.tax)
    tax = page.tax
    assert tax.model.rowCount() == 2 and tax.chart.values[1] == 110_000
    assert "4 張憑單" in tax.summary.text()
    qtbot.waitUntil(lambda: tax.preview.pixmap() is not None and not tax.preview.pixmap().isNull(), timeout=20_000)
    assert jobs.wait_for_jobs(10)
    assert dialogs == []
    screenshot(win, "finance_95a")


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_at_1366_the_claims_status_is_in_view_and_dates_are_roc(qtbot, window, dialogs, language):
    """The walk-through at 1366x768 in English had to scroll sideways to reach a claim's status,
    and the submitted-date filter showed ISO dates."""
    win, page, _sc = window
    win.resize(1366, 768 - 70)
    qtbot.waitExposed(win)
    try:
        win.set_language(language, persist=False)
        page = win.show_screen("settlement")
        claims = page.claims
        claims.load(0)
        qtbot.waitUntil(lambda: claims.model.rowCount() == 10, timeout=10_000)
        assert jobs.wait_for_jobs(10)
        qtbot.wait(20)
        table = claims.table
        status = ClaimsTableModel.COL_STATUS
        right_edge = table.columnViewportPosition(status) + table.columnWidth(status)
        assert 0 <= table.columnViewportPosition(status) and right_edge <= table.viewport().width(), right_edge
        assert table.columnWidth(status) >= table.sizeHintForColumn(status)
        assert win.width() <= 1366
        claims.date_from.set_value(date(2026, 2, 1))
        assert claims.date_from.line.text() == "115/02/01"  # ROC for people
        assert claims.query().submitted_from == date(2026, 2, 1)
        claims.date_from.set_value(None)
    finally:
        win.set_language("zh_TW", persist=False)
    assert dialogs == []
