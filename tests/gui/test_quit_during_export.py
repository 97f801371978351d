"""Ctrl+Q (or closing the window) while an export runs asks first (issue 12 item 5).

It used to quit at once: no file, and a traceback from the export thread outliving the window.
The export is held in the job queue (every pool thread busy) so the question comes while it waits.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from backoffice.services.finance import exports
from backoffice.views import jobs
from backoffice.views.main_window import MainWindow
from backoffice.views.orders import orders_screen
from tests.gui.points_seed import TODAY, seed_points

pytestmark = [pytest.mark.gui, pytest.mark.db]
POOL_THREADS = 4  # jobs._thread_pool()


@pytest.fixture
def window(qtbot: Any, app_context: Any) -> MainWindow:
    app_context.today = lambda: TODAY
    seed_points(app_context.uow_factory)
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    page = win.show_screen("orders")
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    return win


def answer(monkeypatch: pytest.MonkeyPatch, button_name: str) -> list[str]:
    """Answer the quit question with the button named ``button_name``; record the questions."""
    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.objectName() == button_name)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return asked


def start_export_behind_busy_threads(win: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path
                                     ) -> threading.Event:
    release = threading.Event()

    def busy(job: jobs.JobControl) -> None:
        while not release.wait(0.02):
            pass

    for _ in range(POOL_THREADS):
        jobs.run_job(busy, description="busy")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page = win.pages["orders"]
    assert isinstance(page, orders_screen.OrdersPage)
    page.export_button.click()
    assert [j.description for j in jobs.quit_guarded_jobs()] == ["匯出訂單"]
    return release


def test_quitting_during_an_export_can_wait_for_the_file(window: MainWindow, qtbot: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, dialogs: list) -> None:
    target = tmp_path / "orders.xlsx"
    release = start_export_behind_busy_threads(window, monkeypatch, target)
    asked = answer(monkeypatch, "quitWait")
    assert window.quit_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)  # Ctrl+Q
    window.quit_action.trigger()
    assert len(asked) == 1 and "匯出訂單" in asked[0]
    assert window.isVisible() and not target.exists()  # still open, export still queued
    window.quit_action.trigger()  # asking again while waiting changes nothing
    assert len(asked) == 1 and window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    wb = load_workbook(target, read_only=True)
    assert len(list(wb[exports.ORDERS_SHEET].iter_rows(min_row=3, values_only=True))) > 0
    wb.close()
    assert dialogs == [] and jobs.monitor().active == set()


def test_quitting_during_an_export_can_cancel_it_and_leaves_no_file(
        window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: list) -> None:
    target = tmp_path / "exports" / "orders.xlsx"
    target.parent.mkdir()
    release = start_export_behind_busy_threads(window, monkeypatch, target)
    answer(monkeypatch, "quitCancel")
    window.close()  # the window's close button
    assert window.isVisible()  # closes once the cancelled export has stopped
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    assert list(target.parent.iterdir()) == []  # neither the file nor a partial temporary file
    assert dialogs == [] and jobs.monitor().active == set()


def test_quitting_during_an_export_can_be_called_off(window: MainWindow, qtbot: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, dialogs: list) -> None:
    target = tmp_path / "orders.xlsx"
    release = start_export_behind_busy_threads(window, monkeypatch, target)
    answer(monkeypatch, "quitStay")
    window.quit_action.trigger()
    release.set()
    assert jobs.wait_for_jobs(60)
    assert window.isVisible() and target.exists()
    assert dialogs == []
