"""The orders screen's "匯出 Excel…" action: save dialog, export job, file with every filtered order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from backoffice.services.finance import exports
from backoffice.views import jobs
from backoffice.views.main_window import MainWindow
from backoffice.views.orders import orders_screen
from tests.gui.points_seed import TODAY, seed_points

pytestmark = [pytest.mark.gui, pytest.mark.db]


@pytest.fixture
def page(qtbot: Any, app_context: Any) -> orders_screen.OrdersPage:
    app_context.today = lambda: TODAY
    seed_points(app_context.uow_factory)
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    shown = win.show_screen("orders")
    assert isinstance(shown, orders_screen.OrdersPage)
    qtbot.waitUntil(shown.is_loaded, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    return shown


def test_export_writes_the_filtered_orders_to_the_chosen_file(page: Any, qtbot: Any, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, dialogs: list) -> None:
    target = tmp_path / "mine"  # no suffix typed: the screen adds .xlsx
    asked: list[str] = []

    def fake_save(parent: Any, caption: str, directory: str, filter: str) -> tuple[str, str]:  # noqa: A002
        asked.append(directory)
        return str(target), filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    page.breach_filter.setCurrentIndex(page.breach_filter.findData("any"))
    qtbot.waitUntil(lambda: page.is_loaded() and page.breach_filter.currentData() == "any", timeout=30_000)
    assert jobs.wait_for_jobs(30)
    expected = page.page.total
    page.export_button.click()
    assert jobs.wait_for_jobs(30)
    written = target.with_suffix(".xlsx")
    assert asked == [f"orders_{TODAY.isoformat()}.xlsx"]
    wb = load_workbook(written, read_only=True)
    rows = list(wb[exports.ORDERS_SHEET].iter_rows(min_row=3, values_only=True))
    wb.close()
    assert len(rows) == expected > 0
    assert page.export_button.isEnabled() and str(written) in page.message.text()
    assert dialogs == []


def test_cancelling_the_dialog_exports_nothing(page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    page.export_button.click()
    assert jobs.wait_for_jobs(30)
    assert page.export_button.isEnabled() and list(tmp_path.glob("*.xlsx")) == []


def test_the_export_shows_progress_and_can_be_cancelled(page: Any, qtbot: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, dialogs: list) -> None:
    """Issue 12 item 18: no progress figure, no cancel."""
    import threading

    from backoffice.services.orders import orders_view

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "orders.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(orders_view, "MAX_PAGE_SIZE", 1)  # a page per order
    entered, cancel_pressed = threading.Event(), threading.Event()
    real_list = orders_view.list_orders

    def list_orders(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        cancel_pressed.wait(30)  # the first page waits until the officer pressed 取消匯出
        return real_list(*args, **kwargs)

    monkeypatch.setattr(orders_view, "list_orders", list_orders)
    shown: list[str] = []
    page.message.setText = lambda text, real=page.message.setText: (shown.append(text), real(text))[1]  # type: ignore[method-assign]
    page.export_button.click()
    assert page.cancel_export_button.isVisible() and not page.export_button.isEnabled()
    assert entered.wait(30)
    page.cancel_export_button.click()
    cancel_pressed.set()
    assert jobs.wait_for_jobs(30)
    assert any("／" in t and "筆" in t for t in shown)  # 匯出中… 0／N 筆
    assert "已取消匯出" in page.message.text() and list(folder.iterdir()) == []
    assert page.export_button.isEnabled() and not page.cancel_export_button.isVisible()
    assert dialogs == []
