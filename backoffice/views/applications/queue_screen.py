"""申請案件 screen: the application queue with filters, search, saved filters and claims.

Keyboard: Ctrl+F jumps to the search box, arrows move in the table, Enter (or a double click)
opens the selected case (``open_application(id)``; the review screen is wired by the main
window), Ctrl+Shift+C claims it, F5 reloads. Everything that touches the database runs in a job.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy import industry
from backoffice.policy.dates import roc_short
from backoffice.services.applications import assignment, saved_filters
from backoffice.services.applications.queue import (
    OPEN_STATUSES,
    TAIPEI,
    Assignment,
    QueueCount,
    QueueQuery,
    QueueQueryError,
    QueueRow,
    application_row,
)
from backoffice.services.vocabulary import ApplicantType, ApplicationStatus
from backoffice.views import jobs, labels, style
from backoffice.views.applications import queue_model as qm
from backoffice.views.applications.queue_table import QueueTable
from backoffice.views.applications.release_dialog import ReleaseStaleDialog
from backoffice.views.applications.search_box import SearchBox
from backoffice.views.context import ROLE_OFFICER, ROLE_SUPERVISOR, AppContext
from backoffice.views.date_field import RocDateField
from backoffice.views.i18n import QT_TRANSLATE_NOOP

SEARCH_DELAY_MS = 250  # typing pauses this long before the query runs


def _register_messages() -> None:
    jobs.register_error_message(
        assignment.AlreadyClaimed,
        lambda e: QCoreApplication.translate("JobErrors", "此案件已由 %1 承辦，請選擇其他案件。").replace(
            "%1", e.holder_name))  # type: ignore[attr-defined]
    jobs.register_error_message(
        assignment.ClaimRequired, QT_TRANSLATE_NOOP("JobErrors", "您未承辦此案件，不能執行此操作。"))
    jobs.register_error_message(
        assignment.NotClaimable, QT_TRANSLATE_NOOP("JobErrors", "此案件已結案，不能認領。"))
    jobs.register_error_message(
        assignment.CaseClosed, QT_TRANSLATE_NOOP("JobErrors", "此案件已結案，承辦紀錄保留，不能釋出。"))
    jobs.register_error_message(
        QueueQueryError, QT_TRANSLATE_NOOP("JobErrors", "查詢條件有誤，請檢查篩選條件（例如送件日起訖）。"))
    jobs.register_error_message(
        assignment.ClaimNotStale, QT_TRANSLATE_NOOP("JobErrors", "此認領尚未逾時（2 個工作天），不能由主管釋出。"))


_register_messages()


class QueueScreen(QWidget):
    """The application queue (申請案件)."""

    open_application = Signal(int)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("pageRoot")
        self._officer_id = context.officer.id
        self._filters: list[saved_filters.SavedFilterInfo] = []
        self._applying = False  # set while widgets are filled from a query (no feedback loop)
        self._first_loaded = False
        self.model = qm.QueueModel(context.uow_factory, viewer_id=self._officer_id, today=context.today, parent=self)

        heading = QLabel(self.tr("申請案件"))
        heading.setObjectName(style.PAGE_TITLE)
        self.search = SearchBox()
        self.search.setToolTip(self.tr("Ctrl+F：搜尋；↓：移到結果清單；Enter：開啟所選案件"))
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜尋統一編號（開頭）、申請單位名稱或案號　Ctrl+F"))
        self.search.setMinimumWidth(260)
        self.saved_combo = QComboBox()
        self.save_button = QPushButton(self.tr("儲存篩選…"))
        self.delete_filter_button = QPushButton(self.tr("刪除篩選"))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.search)
        top.addWidget(QLabel(self.tr("常用篩選")))
        top.addWidget(self.saved_combo)
        top.addWidget(self.save_button)
        top.addWidget(self.delete_filter_button)

        self.status_combo = QComboBox()
        # The default comes first and says what it is: the cases waiting for an officer.
        self.status_combo.addItem(self.tr("待處理（未結案）"), "open")
        self.status_combo.addItem(self.tr("全部狀態"), None)
        self.status_combo.setToolTip(self.tr("預設顯示待處理的案件（已送件、審核中、待補件），送件最早者在前"))
        for status in ApplicationStatus:
            self.status_combo.addItem(labels.title(labels.APPLICATION_STATUS, status.value), status.value)
        # An officer opens the queue to work: start on the open cases (未結案); 全部狀態 stays one click away.
        self.status_combo.setCurrentIndex(self.status_combo.findData("open"))
        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("全部類型"), None)
        for atype in ApplicantType:
            self.type_combo.addItem(qm.tr(qm.APPLICANT_TYPE[atype.value]), atype.value)
        self.section_combo = QComboBox()
        self.section_combo.addItem(self.tr("全部大類"), None)
        for letter in industry.SECTIONS:
            self.section_combo.addItem(industry.section_label(letter, qm.current_lang()), letter)
        self.division_combo = QComboBox()
        self._fill_divisions(None)
        self.date_from = RocDateField(self.tr("不限"), context.today)
        self.date_to = RocDateField(self.tr("不限"), context.today)
        self.assignee_combo = QComboBox()
        self._fill_assignees([])
        self.overdue_combo = QComboBox()
        self.overdue_combo.addItem(self.tr("不限期限"), None)
        self.overdue_combo.addItem(self.tr("僅逾期"), True)
        self.overdue_combo.addItem(self.tr("未逾期"), False)
        self.clear_button = QPushButton(self.tr("清除條件"))
        # Combos ask only for a few characters of width (long industry names are elided) and the
        # filters take two rows, so the page fits a 1366-pixel desk screen in either language.
        for combo, chars in ((self.status_combo, 14), (self.type_combo, 10), (self.section_combo, 10),
                             (self.division_combo, 14), (self.assignee_combo, 9), (self.overdue_combo, 10),
                             (self.saved_combo, 14)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(chars)
        what = QHBoxLayout()
        for widget in (self.status_combo, self.type_combo, self.section_combo, self.division_combo):
            what.addWidget(widget)
        what.addStretch(1)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("送件日")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.date_to)
        bar.addWidget(self.assignee_combo)
        bar.addWidget(self.overdue_combo)
        bar.addStretch(1)
        bar.addWidget(self.clear_button)

        self.table = QueueTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(qm.COL_SUBMITTED, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Together narrower than the table on a 1366-px screen, so 處理期限 never hides behind a scroll
        # bar; the status column is as wide as its longest title in the current language.
        status_width = 16 + max(self.table.fontMetrics().horizontalAdvance(labels.title(labels.APPLICATION_STATUS, s))
                                for s in labels.APPLICATION_STATUS)
        for col, width in ((qm.COL_CASE, 85), (qm.COL_SUBMITTED, 118), (qm.COL_APPLICANT, 165), (qm.COL_UBN, 85),
                           (qm.COL_TYPE, 110), (qm.COL_INDUSTRY, 150), (qm.COL_STATUS, max(80, status_width)),
                           (qm.COL_ASSIGNEE, 80), (qm.COL_DUE, 110)):
            self.table.setColumnWidth(col, width)

        self.count_label = QLabel()
        # Says when a UBN/case-number search ignored the status filter, or the UBN's check digit fails.
        self.search_note = QLabel()
        self.search_note.setObjectName("searchNote")
        self.search_note.setWordWrap(True)  # its own line: a long English note never widens the window
        self.search_note.setVisible(False)
        self.holder_label = QLabel()
        self.holder_label.setObjectName(style.CLAUSE_NOTE)
        self.open_button = QPushButton(self.tr("開啟案件"))
        self.claim_button = QPushButton(self.tr("認領案件"))
        self.release_button = QPushButton(self.tr("釋出案件"))
        self.release_stale_button = QPushButton(self.tr("主管釋出逾時認領"))
        # As services/authz.py decides: claims go to 承辦人/主管, the stale release to 主管 only (an
        # admin-only officer manages officers and the calendar, not cases).
        reviewer = context.officer.has_role(ROLE_OFFICER) or context.officer.has_role(ROLE_SUPERVISOR)
        if not reviewer:  # only ever hide: showing a parentless button would open it as a window
            self.claim_button.hide()
            self.release_button.hide()
        self.release_stale_button.setVisible(context.officer.has_role(ROLE_SUPERVISOR))
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.holder_label, 1)
        for button in (self.open_button, self.claim_button, self.release_button, self.release_stale_button):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addLayout(top)
        layout.addLayout(what)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.search_note)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.apply_filters)
        self.search.down_pressed.connect(self.enter_results)
        for combo in (self.status_combo, self.type_combo, self.division_combo, self.assignee_combo,
                      self.overdue_combo):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.section_combo.currentIndexChanged.connect(self._section_changed)
        self.date_from.changed.connect(self._filter_changed)
        self.date_to.changed.connect(self._filter_changed)
        self.clear_button.clicked.connect(self.clear_filters)
        self.saved_combo.activated.connect(self._saved_chosen)
        self.save_button.clicked.connect(self.save_current_filter)
        self.delete_filter_button.clicked.connect(self.delete_current_filter)
        self.table.open_requested.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.open_button.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        self.claim_button.clicked.connect(self.claim_selected)
        self.release_button.clicked.connect(self.release_selected)
        self.release_stale_button.clicked.connect(self.release_stale_selected)
        self.model.count_changed.connect(self._show_count)
        self.model.search_scope.connect(self._show_search_scope)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.load_failed.connect(self._load_failed)
        self.model.modelReset.connect(self._update_actions)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.claim_selected)
        # Shortcuts are said where the officer looks: on the buttons' tooltips.
        self.open_button.setToolTip(self.tr("開啟所選案件（Enter 或按兩下）"))
        self.claim_button.setToolTip(self.tr("認領所選案件（Ctrl+Shift+C）"))
        has_officer = self._officer_id is not None
        for control in (self.saved_combo, self.save_button, self.delete_filter_button):
            control.setEnabled(has_officer)
        self._fill_saved([])
        self._update_actions()

    # -- page protocol ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._first_loaded = False
        self.model.set_query(self.current_query())
        self._load_side_lists()

    def is_loaded(self) -> bool:
        return self._first_loaded and not self.model.loading

    def load_error(self) -> BaseException | None:
        return self.model.error

    # -- the query the widgets describe ----------------------------------------------------------
    def current_query(self) -> QueueQuery:
        status = self.status_combo.currentData()
        statuses: tuple[ApplicationStatus, ...] = ()
        if status == "open":
            statuses = OPEN_STATUSES
        elif status:
            statuses = (ApplicationStatus(status),)
        atype = self.type_combo.currentData()
        assignee = self.assignee_combo.currentData() or Assignment.ANY.value
        officer_id = None
        if isinstance(assignee, int):
            officer_id, assignee = assignee, Assignment.OFFICER.value
        base = self.model.query
        return QueueQuery(
            statuses=statuses,
            applicant_types=(ApplicantType(atype),) if atype else (),
            industry_section=self.section_combo.currentData(),
            industry_division=self.division_combo.currentData(),
            submitted_from=self.date_from.value(),
            submitted_to=self.date_to.value(),
            assignment=Assignment(assignee),
            assigned_officer_id=officer_id,
            overdue=self.overdue_combo.currentData(),
            search=self.search.text().strip(),
            sort=base.sort,
            descending=base.descending,
        )

    def set_query(self, query: QueueQuery) -> None:
        """Fill the filter widgets from ``query`` (a saved filter) and run it."""
        self._applying = True
        try:
            if set(query.statuses) == set(OPEN_STATUSES):
                self._select(self.status_combo, "open")
            else:
                self._select(self.status_combo, query.statuses[0].value if query.statuses else None)
            self._select(self.type_combo, query.applicant_types[0].value if query.applicant_types else None)
            self._select(self.section_combo, query.industry_section)
            self._fill_divisions(query.industry_section)
            self._select(self.division_combo, query.industry_division)
            self.date_from.set_value(query.submitted_from)
            self.date_to.set_value(query.submitted_to)
            if query.assignment is Assignment.OFFICER:
                self._select(self.assignee_combo, query.assigned_officer_id)
            else:
                self._select(self.assignee_combo, None if query.assignment is Assignment.ANY else query.assignment.value)
            self._select(self.overdue_combo, query.overdue)
            self.search.setText(query.search)
        finally:
            self._applying = False
        self._search_timer.stop()
        self.table.horizontalHeader().setSortIndicator(
            self._sort_column(query), Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder)
        self.model.set_query(query)

    # The main window carries the search, filters and sort on screen over a language switch.
    view_state, restore_view_state = current_query, set_query

    def _sort_column(self, query: QueueQuery) -> int:
        return next((c for c, k in qm.SORT_KEYS.items() if k is query.sort), qm.COL_SUBMITTED)

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        for i in range(combo.count()):
            if combo.itemData(i) == value and type(combo.itemData(i)) is type(value):
                combo.setCurrentIndex(i)
                return
        combo.setCurrentIndex(0)

    def apply_filters(self) -> None:
        self._search_timer.stop()
        query = self.current_query()
        if query.submitted_from and query.submitted_to and query.submitted_from > query.submitted_to:
            # Said beside the dates, not as an unexpected error; the last good list stays on screen.
            self.search_note.setText(self.tr("送件日起日 %1 晚於迄日 %2，請調整日期").replace(
                "%1", roc_short(query.submitted_from)).replace("%2", roc_short(query.submitted_to)))
            self.search_note.setStyleSheet("color: #a11d1d; font-weight: 600;")
            self.search_note.setVisible(True)
            return
        if query != self.model.query or self.model.error is not None:
            self.saved_combo.setCurrentIndex(0)
            self.model.set_query(query)

    def clear_filters(self) -> None:
        base = self.model.query
        self.set_query(QueueQuery(sort=base.sort, descending=base.descending))

    def _filter_changed(self, *_: Any) -> None:
        if not self._applying:
            self.apply_filters()

    def _search_changed(self, _text: str) -> None:
        if not self._applying:
            self._search_timer.start()

    def _section_changed(self, *_: Any) -> None:
        if self._applying:
            return
        self._applying = True
        try:
            self._fill_divisions(self.section_combo.currentData())
        finally:
            self._applying = False
        self.apply_filters()

    def _fill_divisions(self, section: str | None) -> None:
        self.division_combo.clear()
        self.division_combo.addItem(self.tr("全部中類"), None)
        for division in industry.DIVISIONS.values():
            if section is None or division.section == section:
                self.division_combo.addItem(industry.label(division.code, qm.current_lang()), division.code)

    def _fill_assignees(self, officers: list[assignment.OfficerChoice]) -> None:
        current = self.assignee_combo.currentData()
        self.assignee_combo.blockSignals(True)
        self.assignee_combo.clear()
        self.assignee_combo.addItem(self.tr("全部承辦人"), None)
        self.assignee_combo.addItem(self.tr("未分派"), Assignment.UNASSIGNED.value)
        if self._officer_id is not None:
            self.assignee_combo.addItem(self.tr("我的案件"), Assignment.MINE.value)
        for officer in officers:
            self.assignee_combo.addItem(officer.name, officer.id)
        self._select(self.assignee_combo, current)
        self.assignee_combo.blockSignals(False)

    # -- side lists: officers and saved filters ----------------------------------------------------
    def _load_side_lists(self) -> None:
        factory, officer_id = self.context.uow_factory, self._officer_id

        def load(job: jobs.JobControl) -> tuple[list[assignment.OfficerChoice], list[saved_filters.SavedFilterInfo]]:
            with factory() as uow:
                officers = assignment.list_assignable_officers(uow)
                filters = saved_filters.list_filters(uow, officer_id) if officer_id is not None else []
                return officers, filters

        def show(result: tuple[list[assignment.OfficerChoice], list[saved_filters.SavedFilterInfo]]) -> None:
            self._fill_assignees(result[0])
            self._fill_saved(result[1])

        jobs.run_job(load, on_result=show, parent=self, description=self.tr("載入承辦人與常用篩選"))

    def _fill_saved(self, filters: list[saved_filters.SavedFilterInfo]) -> None:
        self._filters = filters
        self.saved_combo.clear()
        self.saved_combo.addItem(self.tr("（選擇常用篩選）"), None)
        for f in filters:
            self.saved_combo.addItem(f.name, f.id)
        self.delete_filter_button.setEnabled(self._officer_id is not None and bool(filters))

    def _saved_chosen(self, index: int) -> None:
        chosen = next((f for f in self._filters if f.id == self.saved_combo.itemData(index)), None)
        if chosen is not None and chosen.query is not None:
            self.set_query(chosen.query)
            self.saved_combo.setCurrentIndex(index)

    def save_current_filter(self) -> None:
        if self._officer_id is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("儲存篩選"), self.tr("篩選名稱："),
                                        text=self.saved_combo.currentText() if self.saved_combo.currentIndex() > 0 else "")
        if not ok or not name.strip():
            return
        factory, officer_id, query = self.context.uow_factory, self._officer_id, self.current_query()

        def save(job: jobs.JobControl) -> list[saved_filters.SavedFilterInfo]:
            with factory() as uow:
                saved_filters.save_filter(uow, officer_id, name, query)
            with factory() as uow:
                return saved_filters.list_filters(uow, officer_id)

        def show(filters: list[saved_filters.SavedFilterInfo]) -> None:
            self._fill_saved(filters)
            self._select(self.saved_combo, next((f.id for f in filters if f.name == name.strip()), None))

        jobs.run_job(save, on_result=show, parent=self, description=self.tr("儲存篩選"))

    def delete_current_filter(self) -> None:
        filter_id = self.saved_combo.currentData()
        if filter_id is None or self._officer_id is None:
            return
        factory, officer_id = self.context.uow_factory, self._officer_id

        def delete(job: jobs.JobControl) -> list[saved_filters.SavedFilterInfo]:
            with factory() as uow:
                saved_filters.delete_filter(uow, officer_id, filter_id)
            with factory() as uow:
                return saved_filters.list_filters(uow, officer_id)

        jobs.run_job(delete, on_result=self._fill_saved, parent=self, description=self.tr("刪除篩選"))

    # -- results ---------------------------------------------------------------------------------------
    def _page_loaded(self, rows: int) -> None:
        first = not self._first_loaded
        self._first_loaded = True
        if first and rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.selectionModel().select(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._update_actions()

    def _show_search_scope(self, count: QueueCount) -> None:
        notes: list[str] = []
        check = count.ubn_check
        if check is not None and not check.valid:
            text = self.search.text().strip()
            notes.append(self.tr("⚠ 統一編號 %1 檢查碼不符，請確認號碼").replace("%1", text)
                         if check.reason == "checksum" else self.tr("⚠ 統一編號應為 8 位數字"))
        if count.across_all_statuses:
            notes.append(self.tr("依統一編號／案號查詢：不限案件狀態（含已結案）"))
        self.search_note.setText("　".join(notes))
        self.search_note.setStyleSheet("color: #a11d1d; font-weight: 600;" if check is not None and not check.valid
                                       else "color: #1c4f8a; font-weight: 600;")
        self.search_note.setVisible(bool(notes))

    def _show_count(self, count: int, capped: bool) -> None:
        text = self.tr("超過 %1 件") if capped else self.tr("共 %1 件")
        self.count_label.setText(text.replace("%1", f"{count:,}"))

    def _load_failed(self, exc: BaseException) -> None:
        self._first_loaded = True
        self.count_label.setText(self.tr("無法載入：%1").replace("%1", jobs.message_for(exc)))
        jobs.report_error(self, exc)

    def enter_results(self) -> None:
        """Down from the search box: the results take the focus, with a current row Enter can open."""
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, qm.COL_CASE))
            self.table.selectRow(0)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- the selected case ---------------------------------------------------------------------------
    def selected_row(self) -> QueueRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_application.emit(int(self.model.data(index, qm.ROLE_ID)))

    def _update_actions(self) -> None:
        row = self.selected_row()
        me = self._officer_id
        self.open_button.setEnabled(row is not None)
        claimable = row is not None and row.status.value in {s.value for s in assignment.CLAIMABLE_STATUSES}
        self.claim_button.setEnabled(me is not None and claimable and row is not None
                                     and row.assigned_officer_id is None)
        # A decided case keeps its holder as the record of who handled it: nothing to release.
        self.release_button.setEnabled(me is not None and claimable and row is not None
                                       and row.assigned_officer_id == me)
        stale = claimable and row is not None and row.claim_stale and row.assigned_officer_id != me  # working days
        self.release_stale_button.setEnabled(me is not None and stale)
        self.holder_label.setText(self._holder_text(row))

    def _holder_text(self, row: QueueRow | None) -> str:
        if row is None:
            return ""
        if row.assigned_officer_id is None:
            return self.tr("%1：尚無承辦人").replace("%1", row.external_id)
        if row.status.value not in {s.value for s in assignment.CLAIMABLE_STATUSES}:
            return self.tr("%1：已結案，承辦人 %2").replace("%1", row.external_id).replace(
                "%2", row.assigned_officer_name or "")
        since = row.claimed_at.astimezone(TAIPEI) if row.claimed_at else None
        when = f"{roc_short(since.date())} {since:%H:%M}" if since else ""
        if row.assigned_officer_id == self._officer_id:
            return self.tr("%1：由您承辦（%2 起）").replace("%1", row.external_id).replace("%2", when)
        return self.tr("%1：由 %2 承辦（%3 起），您不能審核此案").replace("%1", row.external_id).replace(
            "%2", row.assigned_officer_name or "").replace("%3", when)

    def _run_on_selected(self, action: Any, description: str) -> None:
        row = self.selected_row()
        if row is None or self._officer_id is None:
            return
        factory, officer_id, app_id, today = self.context.uow_factory, self._officer_id, row.id, self.context.today()

        def work(job: jobs.JobControl) -> QueueRow | None:
            with factory() as uow:
                action(uow, app_id, officer_id)
            with factory() as uow:
                return application_row(uow, app_id, today=today, viewer_id=officer_id)

        def refresh_row_after_error(exc: BaseException) -> None:
            jobs.report_error(self, exc)
            jobs.run_job(lambda job: self._read_row(app_id, today), on_result=self._row_updated, parent=self)

        jobs.run_job(work, on_result=self._row_updated, on_error=refresh_row_after_error, parent=self,
                     description=description)

    def reload_application(self, app_id: int) -> None:
        """Show the current state of one case (after a decision on the review screen)."""
        today = self.context.today()
        jobs.run_job(lambda job: self._read_row(app_id, today), on_result=self._row_updated, parent=self)

    def _read_row(self, app_id: int, today: date) -> QueueRow | None:
        with self.context.uow_factory() as uow:
            return application_row(uow, app_id, today=today, viewer_id=self._officer_id)

    def _row_updated(self, row: QueueRow | None) -> None:
        if row is not None:
            self.model.replace_row(row)
        self._update_actions()

    def claim_selected(self) -> None:
        self._run_on_selected(assignment.claim, self.tr("認領案件"))

    def release_selected(self) -> None:
        self._run_on_selected(assignment.release, self.tr("釋出案件"))

    def release_stale_selected(self) -> None:
        """Ask whose claim, confirm, and take the reason; nothing is released on Cancel."""
        row = self.selected_row()
        if row is None:
            return
        since = row.claimed_at.astimezone(TAIPEI) if row.claimed_at else None
        self.release_dialog = ReleaseStaleDialog(row.external_id, row.assigned_officer_name or "",
                                                 f"{roc_short(since.date())} {since:%H:%M}" if since else "", self)
        dialog = self.release_dialog
        dialog.accepted.connect(lambda: self._run_on_selected(
            lambda uow, app_id, officer: assignment.release_stale(uow, app_id, officer, reason=dialog.reason_text()),
            self.tr("主管釋出逾時認領")))
        dialog.open()
