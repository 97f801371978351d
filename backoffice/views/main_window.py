"""The main window: left navigation, stacked screens, status bar, menus 檔案/檢視/語言/說明."""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import backoffice
from backoffice.views import i18n, jobs, style, window_state
from backoffice.views.context import AppContext
from backoffice.views.data_watch import DataWatch
from backoffice.views.i18n import QT_TRANSLATE_NOOP
from backoffice.views.screens import Screen, screens

log = logging.getLogger(__name__)

ROLE_TITLES = {
    "officer": QT_TRANSLATE_NOOP("MainWindow", "承辦人"),
    "supervisor": QT_TRANSLATE_NOOP("MainWindow", "主管"),
    "finance": QT_TRANSLATE_NOOP("MainWindow", "財務"),
    "admin": QT_TRANSLATE_NOOP("MainWindow", "系統管理員"),
}
NAV_WIDTH = 220
JOB_STOP_TIMEOUT_S = 60.0  # quitting waits this long at most for running jobs to stop
QUIT_WAIT, QUIT_CANCEL, QUIT_STAY = "wait", "cancel", "stay"  # answers to "an export is running"
REVIEW_HOME = "applications"  # the review screen is opened from the queue: the navigation shows it there


class MainWindow(QMainWindow):
    """Hosts every registered screen; pages are created on first visit and rebuilt on a language change."""

    screen_changed = Signal(str)
    language_changed = Signal(str)

    def __init__(self, context: AppContext, screen_list: list[Screen] | None = None) -> None:
        super().__init__()
        self.context = context
        self.screen_list = screen_list if screen_list is not None else screens()
        self.pages: dict[str, QWidget] = {}
        self.current_key: str | None = None
        self._review_page: QWidget | None = None  # created by review_screen.open_review on first use
        self._quit_requested = False  # the user chose to quit once the running exports end

        self.banner = QLabel()
        self.banner.setObjectName(style.DEMO_BANNER)
        self.banner.setWordWrap(True)
        self.banner.setVisible(context.demo)
        self.alert = QLabel()  # a failure after which nothing can be saved (jobs.is_fatal)
        self.alert.setObjectName("fatalAlert")
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet("QLabel#fatalAlert { background: #a11d1d; color: white; font-weight: 600; "
                                 "padding: 6px 12px; }")
        self.alert.setVisible(False)

        self.nav = QListWidget()
        self.nav.setObjectName(style.NAV_LIST)
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        root = QVBoxLayout()
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self.banner)
        root.addWidget(self.alert)
        root.addLayout(body, 1)
        central = QWidget()
        central.setLayout(root)
        self.setCentralWidget(central)

        self.officer_label = QLabel()
        self.database_label = QLabel()
        self.job_label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: jobs rarely know their total
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        bar = self.statusBar()
        bar.addWidget(self.officer_label)
        bar.addWidget(self.database_label, 1)
        self.data_watch = DataWatch(self)  # another instance's changes: reload the open list, or say so
        bar.addWidget(self.data_watch.note)
        bar.addPermanentWidget(self.job_label)
        bar.addPermanentWidget(self.busy)
        monitor = jobs.monitor()
        monitor.busy_changed.connect(self._on_busy)
        monitor.status_text.connect(self.job_label.setText)
        monitor.fatal_error.connect(self._on_fatal)

        self.nav.currentRowChanged.connect(self._on_nav_row)
        # A click on the highlighted entry while the review is open goes back to that screen.
        self.nav.itemClicked.connect(lambda item: self._on_nav_clicked(self.nav.row(item)))
        self._carried_states: dict[str, Any] = {}  # view states carried over a language switch
        self._build_menus()
        self._retranslate()
        window_state.restore_window(self)  # saved size and place, or fitted to this screen
        if self.screen_list:
            self.nav.setCurrentRow(0)
        self.data_watch.start()

    # -- navigation ---------------------------------------------------------------------------
    def show_screen(self, key: str) -> QWidget:
        """Switch to screen ``key`` (creating and loading the page on first visit); returns the page."""
        index = next(i for i, s in enumerate(self.screen_list) if s.key == key)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)  # -> _on_nav_row
        else:
            self._activate(index)
        return self.pages[key]

    def _on_nav_row(self, row: int) -> None:
        if 0 <= row < len(self.screen_list):
            self._activate(row)

    def _on_nav_clicked(self, row: int) -> None:
        if 0 <= row < len(self.screen_list):
            page = self.pages.get(self.screen_list[row].key)
            if page is None or self.stack.currentWidget() is not page:
                self._activate(row)

    def _activate(self, row: int) -> None:
        item = self.screen_list[row]
        page = self.pages.get(item.key)
        stale = False
        if page is None or not shiboken6.isValid(page):
            page = item.factory(self.context)
            page.setProperty("screenKey", item.key)
            self.pages[item.key] = page
            self.stack.addWidget(page)
            window_state.restore_page(page, item.key)  # splitters, column widths, sort
            self._connect_page(page)
            carried = self._carried_states.pop(item.key, None)
            if carried is not None and hasattr(page, "restore_view_state"):
                page.restore_view_state(carried)  # what the officer had typed and chosen
            self.data_watch.take_stale(item.key)
            self._refresh_page(page)
        else:
            stale = self.data_watch.take_stale(item.key)  # loaded before another instance's change
        self.stack.setCurrentWidget(page)
        self.current_key = item.key
        if stale:
            self._refresh_page(page)
            self.data_watch.refreshed(item.key)
        self.screen_changed.emit(item.key)

    def _connect_page(self, page: QWidget) -> None:
        # A page that lists applications (the queue) asks for the review screen with this signal.
        signal = getattr(page, "open_application", None)
        if signal is not None and hasattr(signal, "connect"):
            signal.connect(self.open_application)

    def open_application(self, application_id: int) -> QWidget:
        """Show the review screen (審查) of one application; the navigation highlights 申請案件."""
        from backoffice.views.applications.review_screen import open_review

        page = open_review(self, application_id)
        if not page.property("hostedByMainWindow"):
            page.setProperty("hostedByMainWindow", True)
            page.back_requested.connect(self.back_to_queue)
            page.decided.connect(self._review_decided)
        self._highlight_nav(REVIEW_HOME)
        return page

    def review_page(self) -> QWidget | None:
        """The review screen if it is the one shown, else None."""
        page = getattr(self, "_review_page", None)
        if page is not None and shiboken6.isValid(page) and self.stack.currentWidget() is page:
            return page  # type: ignore[no-any-return]
        return None

    def back_to_queue(self) -> None:
        if any(s.key == REVIEW_HOME for s in self.screen_list):
            self.show_screen(REVIEW_HOME)

    def _highlight_nav(self, key: str) -> None:
        """Select ``key`` in the navigation without switching the page (the review stays shown)."""
        index = next((i for i, s in enumerate(self.screen_list) if s.key == key), None)
        if index is None:
            return
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)
        self.current_key = key

    def _review_decided(self, application_id: int, _kind: str) -> None:
        # The queue shows the decided case's new status when the officer goes back.
        reload = getattr(self.pages.get(REVIEW_HOME), "reload_application", None)
        if callable(reload):
            reload(application_id)

    def current_page(self) -> QWidget | None:
        review = self.review_page()
        if review is not None:
            return review
        return self.pages.get(self.current_key) if self.current_key else None

    def refresh_current(self) -> None:
        page = self.current_page()
        if page is not None:
            self._refresh_page(page)
        self.data_watch.refreshed(None if self.review_page() is not None else self.current_key)

    @staticmethod
    def _refresh_page(page: QWidget) -> None:
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    # -- menus --------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh_current)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.screen_actions: list[QAction] = []
        for number, item in enumerate(self.screen_list, start=1):
            action = QAction(self)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=item.key: self.show_screen(key))
            self.view_menu.addAction(action)
            self.screen_actions.append(action)

        self.language_menu = bar.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for language in i18n.LANGUAGES:
            action = QAction(self)
            action.setCheckable(True)
            action.setChecked(language == self.context.language)
            action.triggered.connect(lambda _checked=False, lang=language: self.set_language(lang))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[language] = action

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.window_title())
        self.file_menu.setTitle(self.tr("檔案(&F)"))
        self.refresh_action.setText(self.tr("重新整理"))
        self.quit_action.setText(self.tr("結束"))
        self.view_menu.setTitle(self.tr("檢視(&V)"))
        for action, item in zip(self.screen_actions, self.screen_list, strict=True):
            action.setText(item.display_title())
        self.language_menu.setTitle(self.tr("語言(&L)"))
        # Each language is named in itself, so a user who cannot read the current one finds theirs.
        self.language_actions[i18n.LANG_ZH_TW].setText("中文（臺灣）")
        self.language_actions[i18n.LANG_EN].setText("English")
        self.data_watch.retranslate()
        self.help_menu.setTitle(self.tr("說明(&H)"))
        self.about_action.setText(self.tr("關於"))
        self.banner.setText(
            self.tr("示範資料庫：畫面上的申請人、訂單與金額皆為虛構資料，不得作為正式作業依據。")
        )

        self.nav.blockSignals(True)
        row = self.nav.currentRow()
        self.nav.clear()
        for item in self.screen_list:
            QListWidgetItem(item.display_title(), self.nav)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

        officer = self.context.officer
        roles = self.tr("、").join(
            QCoreApplication.translate("MainWindow", ROLE_TITLES.get(r, r)) for r in sorted(officer.roles)
        )
        self.officer_label.setText(self.tr("登入人員：%1（%2）").replace("%1", officer.name).replace("%2", roles))
        self.database_label.setText(self.tr("資料庫：%1").replace("%1", self.context.database_label))

    def window_title(self) -> str:
        title = self.tr("臺灣雲市集 數位點數補助 後台")
        if self.context.programme_name:
            title += " — " + self.context.programme_name
        if self.context.demo:
            title += " " + self.tr("［示範］")
        return title

    # -- language -----------------------------------------------------------------------------
    def set_language(self, language: str, persist: bool = True) -> None:
        """Switch the UI language now; pages are rebuilt so every visible text follows."""
        language = i18n.install_language(language)
        if persist:
            i18n.save_language(language, QSettings())
        self.context.language = language
        self.language_actions[language].setChecked(True)
        self._retranslate()
        current = self.current_key
        review = self.review_page()
        review_id = getattr(review, "application_id", None)
        # Pages are rebuilt in the new language; their search and filters come along.
        self._carried_states = {key: page.view_state() for key, page in self.pages.items()
                                if shiboken6.isValid(page) and hasattr(page, "view_state")}
        old_pages = list(self.pages.values())
        old_review = getattr(self, "_review_page", None)
        if old_review is not None:
            old_pages.append(old_review)
            self._review_page = None  # rebuilt in the new language when it is opened again
        self.save_state()
        for page in old_pages:
            if shiboken6.isValid(page):
                self.stack.removeWidget(page)
                page.deleteLater()
        self.pages.clear()
        if current is not None:
            self.show_screen(current)
        if review_id is not None:
            self.open_application(int(review_id))
        self.language_changed.emit(language)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "file_menu"):
            self._retranslate()
        super().changeEvent(event)

    # -- misc ---------------------------------------------------------------------------------
    def _on_busy(self, busy: bool) -> None:
        if shiboken6.isValid(self.busy):
            self.busy.setVisible(busy)
        if not busy and self._quit_requested:
            QTimer.singleShot(0, self.close)  # the exports the user waited for are done

    def _on_fatal(self, exc: BaseException) -> None:
        if shiboken6.isValid(self.alert):
            self.alert.setText(jobs.message_for(exc))
            self.alert.setVisible(True)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("關於"),
            self.tr("臺灣雲市集 數位點數補助 後台\n版本 %1\n\n依「點數申請須知」辦理點數審核、核發、訂單、退款與請撥核銷。")
            .replace("%1", backoffice.__version__),
        )

    def save_state(self) -> None:
        """Remember the window and every open screen's layout (QSettings)."""
        window_state.save_window(self)
        for key, page in self.pages.items():
            if shiboken6.isValid(page):
                window_state.save_page(page, key)

    def ask_quit_during(self, pending: list[jobs.Job[object]]) -> str:
        """Ask what to do with running exports when the user quits: QUIT_WAIT, QUIT_CANCEL or QUIT_STAY."""
        names = self.tr("、").join(dict.fromkeys(job.description or self.tr("背景作業") for job in pending))
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("作業尚未完成"))
        box.setText(self.tr("「%1」仍在進行中，現在結束程式嗎？").replace("%1", names))
        box.setInformativeText(self.tr("完成後結束：檔案寫完後自動關閉程式。\n取消並結束：停止作業，"
                                       "不會留下不完整的檔案。\n繼續使用：不結束，作業繼續進行。"))
        wait = box.addButton(self.tr("完成後結束"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("取消並結束"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("繼續使用"), QMessageBox.ButtonRole.RejectRole)
        for button, name in ((wait, "quitWait"), (cancel, "quitCancel"), (stay, "quitStay")):
            button.setObjectName(name)
        box.setDefaultButton(wait)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        return QUIT_WAIT if clicked is wait else QUIT_CANCEL if clicked is cancel else QUIT_STAY

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Quit (Ctrl+Q or the window's close button): running exports are never dropped silently."""
        pending = jobs.quit_guarded_jobs()
        if pending and not self._quit_requested:
            choice = self.ask_quit_during(pending)
            if choice == QUIT_STAY:
                event.ignore()
                return
            if choice == QUIT_CANCEL:
                for job in pending:
                    job.cancel()
            self._quit_requested = True
            self.job_label.setText(self.tr("作業結束後將關閉程式…"))
        if self._quit_requested and jobs.quit_guarded_jobs():
            event.ignore()  # _on_busy closes the window when they are done
            return
        self.save_state()
        self.data_watch.stop()
        # No worker thread may outlive the window (a late result into deleted widgets at exit).
        jobs.stop_all(JOB_STOP_TIMEOUT_S)
        super().closeEvent(event)
