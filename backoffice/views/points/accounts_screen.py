"""Points accounts screen (點數帳戶): who holds points, how many, until when, and on which clause.

The list is paged in SQL (``services.accounts.list_accounts``); selecting a row loads that
applicant's lots and ledger (``account_detail``). Every load runs through ``views.jobs``; a result
that arrives after the officer asked for something else is dropped (generation counters).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy import clauses as C
from backoffice.policy.dates import roc_short
from backoffice.services.points.accounts import (
    ACCOUNT_STATUSES,
    AccountDetail,
    AccountPage,
    account_detail,
    list_accounts,
)
from backoffice.views import jobs, labels, style
from backoffice.views.context import AppContext
from backoffice.views.points.accounts_model import (
    LAPSE_STATE,
    AccountsTableModel,
    LedgerTableModel,
    LotsTableModel,
    label,
)
from backoffice.views.table_kit import (
    MasterDetail,
    Pager,
    clause_lines,
    clause_wording,
    fmt_date,
    fmt_int,
    make_table,
    narrow_combo,
)

PAGE_SIZE = 100
SEARCH_DELAY_MS = 300  # wait for the officer to stop typing before querying


class AccountsPage(QWidget):
    """Account list (paged, searchable) above the selected applicant's figures, lots and ledger."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("pageRoot")
        self.page: AccountPage | None = None
        self.detail: AccountDetail | None = None
        self._error: BaseException | None = None
        self._loading = False
        self._list_gen = 0
        self.offset = 0
        self.sort_key = "issued_on"
        self.descending = True

        heading = QLabel(self.tr("點數帳戶"))
        heading.setObjectName(style.PAGE_TITLE)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜尋統一編號或申請單位名稱"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部狀態"), None)
        for status in ACCOUNT_STATUSES:
            self.status_filter.addItem(labels.title(labels.GRANT_STATUS, status), status)
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName(style.CLAUSE_NOTE)
        narrow_combo(self.status_filter)
        self.reload_button = QPushButton(self.tr("重新整理"))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.search)
        top.addWidget(self.status_filter)
        top.addStretch(1)
        top.addWidget(self.as_of_label)
        top.addWidget(self.reload_button)

        self.model = AccountsTableModel(context.language, self)
        self.table = make_table(self.model, AccountsTableModel.COL_NAME)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(AccountsTableModel.COL_ISSUED, Qt.SortOrder.DescendingOrder)
        self.pager = Pager(PAGE_SIZE)
        self.message = QLabel(self.tr("載入中…"))
        self.message.setObjectName(style.CLAUSE_NOTE)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.pager)

        self.detail_box = self._build_detail()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(list_box)
        splitter.addWidget(self.detail_box)
        splitter.setSizes([330, 340])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._filters_changed)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.reload_button.clicked.connect(self.refresh)
        self.pager.offset_requested.connect(self._load_offset)
        self.model.sort_requested.connect(self._sort)
        self.master = MasterDetail(self, self.table, self.model, key=lambda r: r.applicant_id,
                                   fetch=self._fetch_detail, show=self._show_detail,
                                   clear=self._clear_detail, description=self.tr("載入帳戶明細"))

    def _build_detail(self) -> QWidget:
        box = QGroupBox(self.tr("帳戶明細"))
        self.detail_title = QLabel(self.tr("請在上方選擇一個帳戶。"))
        self.detail_title.setObjectName(style.FIGURE_LABEL)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("balance", self.tr("可用點數")),
            ("ledger_total", self.tr("持有點數合計")),
            ("status", self.tr("狀態")),
            ("issued", self.tr("核發日")),
            ("lapse", self.tr("未使用返還日")),
            ("valid", self.tr("有效期限")),
        ):
            value = QLabel("—")
            value.setWordWrap(True)  # a long English value must not widen the page
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(text, value)
        self.clause_note = QLabel()
        self.clause_note.setObjectName(style.CLAUSE_NOTE)
        self.clause_note.setWordWrap(True)
        summary = QWidget()
        summary_layout = QVBoxLayout(summary)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.addWidget(self.detail_title)
        summary_layout.addLayout(form)
        summary_layout.addWidget(self.clause_note)
        summary_layout.addStretch(1)

        self.lots_model = LotsTableModel(self.context.language, self)
        self.lots_table = make_table(self.lots_model, LotsTableModel.COL_CLAUSE)
        self.ledger_model = LedgerTableModel(self.context.language, self)
        self.ledger_table = make_table(self.ledger_model, LedgerTableModel.COL_CLAUSE)
        lots = QWidget()
        lots_layout = QVBoxLayout(lots)
        lots_layout.setContentsMargins(0, 0, 0, 0)
        lots_layout.addWidget(QLabel(self.tr("點數批次")))
        lots_layout.addWidget(self.lots_table, 1)
        entries = QWidget()
        entries_layout = QVBoxLayout(entries)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.addWidget(QLabel(self.tr("點數異動紀錄")))
        entries_layout.addWidget(self.ledger_table, 1)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(lots)
        tables.addWidget(entries)
        tables.setSizes([110, 220])  # a few lots, many entries
        tables.setChildrenCollapsible(False)
        inner = QSplitter(Qt.Orientation.Horizontal)
        inner.addWidget(summary)
        inner.addWidget(tables)
        inner.setSizes([340, 600])
        inner.setChildrenCollapsible(False)
        outer = QVBoxLayout(box)
        outer.addWidget(inner)
        return box

    # -- page protocol (backoffice.views.screens) ----------------------------------------------
    def refresh(self) -> None:
        self._load_offset(self.offset)

    def is_loaded(self) -> bool:
        return self.page is not None and not self._loading

    def load_error(self) -> BaseException | None:
        return self._error

    # -- list ------------------------------------------------------------------------------------
    def _filters_changed(self) -> None:
        self._search_timer.stop()
        self._load_offset(0)

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        key = AccountsTableModel.SORT_KEYS.get(column)
        if key is None:  # computed per page: the database cannot sort by it
            header = self.table.horizontalHeader()
            current = next(c for c, k in AccountsTableModel.SORT_KEYS.items() if k == self.sort_key)
            header.blockSignals(True)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if self.descending
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            return
        self.sort_key, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self._load_offset(0)

    def _load_offset(self, offset: int) -> None:
        self._list_gen += 1
        gen = self._list_gen
        self._loading = True
        self._error = None
        self.reload_button.setEnabled(False)
        uow_factory, today = self.context.uow_factory, self.context.today()
        search, status = self.search.text(), self.status_filter.currentData()
        sort, descending = self.sort_key, self.descending

        def load(job: jobs.JobControl) -> AccountPage:
            with uow_factory() as uow:
                return list_accounts(uow, as_of=today, search=search, status=status, offset=offset,
                                     limit=PAGE_SIZE, sort=sort, descending=descending)

        jobs.run_job(load, on_result=lambda page: self._show_page(gen, page),
                     on_error=lambda exc: self._failed(gen, exc), parent=self,
                     description=self.tr("載入點數帳戶"))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._list_gen:
            return
        self._loading = False
        self._error = exc
        self.reload_button.setEnabled(True)
        self.message.setText(self.tr("無法載入點數帳戶：%1").replace("%1", jobs.message_for(exc)))
        self.message.setVisible(True)
        jobs.report_error(self, exc)

    def _show_page(self, gen: int, page: AccountPage) -> None:
        if gen != self._list_gen:
            return
        self._loading = False
        self.reload_button.setEnabled(True)
        self.page = page
        self.offset = page.offset
        self.as_of_label.setText(self.tr("資料日期：%1").replace("%1", roc_short(self.context.today())))
        self.message.setVisible(page.total == 0)
        self.message.setText(self.tr("沒有符合條件的點數帳戶。"))
        self.model.set_rows(page.rows)
        self.pager.set_page(page.offset, len(page.rows), page.total)
        self.master.rows_shown(page.rows)

    # -- detail ----------------------------------------------------------------------------------
    def load_detail(self, applicant_id: int) -> None:
        self.master.load(applicant_id)

    def _fetch_detail(self, applicant_id: int) -> AccountDetail:  # worker thread
        with self.context.uow_factory() as uow:
            return account_detail(uow, applicant_id, as_of=self.context.today())

    def _clear_detail(self) -> None:
        self.detail = None
        self.detail_title.setText(self.tr("請在上方選擇一個帳戶。"))
        for value in self.fields.values():
            value.setText("—")
        self.clause_note.clear()
        self.lots_model.set_rows([])
        self.ledger_model.set_rows([])

    def _show_detail(self, d: AccountDetail) -> None:
        self.detail = d
        grant = d.grants[-1]
        self.detail_title.setText(f"{d.name}（{d.ubn}）")
        self.fields["balance"].setText(self.tr("%1 點").replace("%1", fmt_int(d.balance)))
        held = self.tr("%1 點").replace("%1", fmt_int(d.points_held))
        if d.pending_recovery:  # lapsed or expired by today; the nightly sweep has not booked it yet
            held += self.tr("（另 %1 點待清算收回）").replace("%1", fmt_int(d.pending_recovery))
        self.fields["ledger_total"].setText(held)
        self.fields["status"].setText(labels.title(labels.GRANT_STATUS, d.status))
        self.fields["issued"].setText(fmt_date(grant.issued_on))
        self.fields["lapse"].setText(f"{fmt_date(grant.lapse_on)}　{label(LAPSE_STATE, grant.lapse_state)}")
        self.fields["valid"].setText(fmt_date(max([lot.valid_until for lot in d.lots] or [grant.valid_until])))
        lang = self.context.language
        tips = {
            "balance": d.balance_clauses, "ledger_total": (C.DECISION_LOTS,), "status": grant.lapse_clauses,
            "issued": (C.POINT_VALUE,), "lapse": grant.lapse_clauses, "valid": grant.validity_clauses,
        }
        for key, refs in tips.items():
            self.fields[key].setToolTip(clause_wording(refs, lang))
        if d.pending_recovery:
            self.fields["ledger_total"].setToolTip(
                self.tr("帳上另有 %1 點已失效或到期，尚待每日清算入帳；持有點數已扣除。").replace(
                    "%1", fmt_int(d.pending_recovery)) + "\n\n" + clause_wording(tips["ledger_total"], lang))
        self.clause_note.setText(self.tr("依據：%1").replace(
            "%1", clause_lines((*grant.validity_clauses[:1], *grant.lapse_clauses[:1], C.DECISION_LOTS), lang)))
        self.lots_model.set_rows(d.lots)
        self.ledger_model.set_rows(d.entries)
        if d.entries:
            self.ledger_table.scrollToBottom()  # the latest movement is what the officer asks about
