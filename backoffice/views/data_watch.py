"""Notice another instance's changes: poll a cheap data version and refresh the open list, or say so.

Every ``DATA_WATCH_INTERVAL_MS`` the main window asks ``services.admin.data_version`` (off the UI
thread, through ``jobs``). When the version moved since the lists were last loaded, the shown list
screen is reloaded if the officer is not in the middle of something (no dialog or menu open, not on
the review screen, the page reports no edit in progress); otherwise the status bar says
「資料已更新，按 F5 重新整理」 and the next quiet tick (or F5) reloads. Pages loaded earlier but not
shown are reloaded when they are shown again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from backoffice.services.admin.data_version import data_version
from backoffice.views import jobs

if TYPE_CHECKING:
    from backoffice.views.main_window import MainWindow

log = logging.getLogger(__name__)

DATA_WATCH_INTERVAL_MS = 15_000  # a probe is four primary-key look-ups; 15 s is soon enough for a desk


class DataWatch(QObject):
    """Owned by the main window: the timer, the probe job, and the status-bar note."""

    def __init__(self, window: MainWindow, interval_ms: int = DATA_WATCH_INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.note = QLabel()
        self.note.setObjectName("dataChangedNote")
        self.note.setStyleSheet("QLabel#dataChangedNote { background: #fff4ce; color: #5c4400; "
                                "padding: 1px 8px; font-weight: 600; }")
        self.note.setVisible(False)
        self.shown_version: tuple[int, ...] | None = None  # what the open lists were loaded from
        self.latest_version: tuple[int, ...] | None = None
        self.stale: set[str] = set()  # pages loaded before the last change, reloaded when shown
        self._probe: jobs.Job[Any] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.note.setText(self.tr("資料已更新，按 F5 重新整理"))
        self.note.setToolTip(self.tr("其他人員或另一個視窗修改了資料；目前畫面仍顯示先前載入的內容。"))

    def start(self) -> None:
        """Take the first version now (the lists being loaded reflect it) and poll from then on."""
        self.check()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    # -- the probe ----------------------------------------------------------------------------
    def check(self) -> None:
        """One poll (the timer's slot): ask for the data version off the UI thread."""
        if self._probe is not None and not self._probe.done:
            return  # the previous probe is still out (a slow or locked database)
        factory = self.window.context.uow_factory

        def probe(_control: jobs.JobControl) -> tuple[int, ...]:
            with factory() as uow:
                return data_version(uow)

        self._probe = jobs.run_job(probe, on_result=self._compare, on_error=self._probe_failed,
                                   parent=self.window)

    @staticmethod
    def _probe_failed(exc: BaseException) -> None:
        # A failing probe is not the officer's business: the screens report the database's faults
        # when they use it (and jobs raises the window's alert for a lost database file).
        log.info("data version probe failed: %s", type(exc).__name__)

    def _compare(self, version: tuple[int, ...]) -> None:
        self.latest_version = version
        if self.shown_version is None:
            self.shown_version = version
            return
        if version == self.shown_version:
            return
        if self.idle():
            self.window.refresh_current()  # -> refreshed(): the note goes, other pages become stale
        else:
            self.stale = set(self.window.pages)  # each list reloads as it is shown again
            self.note.setVisible(True)

    # -- what the window tells us -------------------------------------------------------------
    def refreshed(self, current_key: str | None) -> None:
        """The shown page was reloaded (F5 or by us): it reflects the latest version seen."""
        if self.latest_version is not None and self.latest_version != self.shown_version:
            self.stale = set(self.window.pages) - {current_key} if current_key else set(self.window.pages)
            self.shown_version = self.latest_version
        elif current_key:
            self.stale.discard(current_key)
        self.note.setVisible(False)

    def take_stale(self, key: str) -> bool:
        """Whether page ``key`` must be reloaded as it is shown (and forget it)."""
        if key in self.stale:
            self.stale.discard(key)
            return True
        return False

    def idle(self) -> bool:
        """The officer is not in the middle of anything a reload could disturb."""
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            return False
        if self.window.review_page() is not None:
            return False  # a case being reviewed: its findings and notes are the officer's work
        page = self.window.current_page()
        editing = getattr(page, "is_editing", None)
        return not (callable(editing) and editing())
