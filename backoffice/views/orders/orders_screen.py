"""Orders screen (訂單): the points/self-pay split and the order deadlines, breaches highlighted.

The list is paged by ``services.orders_view.list_orders`` (filters: status, deadline state,
vendor, search); selecting a row loads the order's deadlines and events (``order_detail``).
A breach is red; a breach computed on the provisional calendar (office calendar of that year not
imported) is amber and called a warning (RULES §2).
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy import clauses as C
from backoffice.policy.dates import roc_short
from backoffice.services.finance.exports import ExportCancelled, ExportResult, export_orders_xlsx
from backoffice.services.orders.orders_view import (
    OrderDetail,
    OrderPage,
    VendorOption,
    list_orders,
    list_vendors,
    order_detail,
)
from backoffice.services.vocabulary import OrderStatus
from backoffice.views import jobs, labels, style
from backoffice.views.context import AppContext
from backoffice.views.orders.orders_model import DeadlinesTableModel, OrderEventsTableModel, OrdersTableModel
from backoffice.views.points.accounts_screen import SEARCH_DELAY_MS
from backoffice.views.table_kit import (
    MasterDetail,
    Pager,
    clause_lines,
    clause_wording,
    fmt_int,
    make_table,
    narrow_combo,
)

PAGE_SIZE = 100


class OrdersPage(QWidget):
    """Order list (paged, filterable) above the selected order's split, deadlines and events."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("pageRoot")
        self.page: OrderPage | None = None
        self.detail: OrderDetail | None = None
        self._error: BaseException | None = None
        self._loading = False
        self._list_gen = 0
        self.offset = 0
        self.descending = True

        heading = QLabel(self.tr("訂單"))
        heading.setObjectName(style.PAGE_TITLE)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜尋統一編號、名稱或訂單編號"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部狀態"), None)
        for status in OrderStatus:
            self.status_filter.addItem(labels.title(labels.ORDER_STATUS, status.value), status.value)
        self.breach_filter = QComboBox()
        for text, value in ((self.tr("全部期限"), None), (self.tr("逾期或可能逾期"), "any"),
                            (self.tr("逾期"), "breached"), (self.tr("可能逾期（暫定行事曆）"), "warning"),
                            (self.tr("無逾期"), "clean")):
            self.breach_filter.addItem(text, value)
        self.vendor_filter = QComboBox()
        self.vendor_filter.addItem(self.tr("全部廠商"), None)
        narrow_combo(self.status_filter)
        narrow_combo(self.breach_filter)
        narrow_combo(self.vendor_filter)
        self.reload_button = QPushButton(self.tr("重新整理"))
        self.export_button = QPushButton(self.tr("匯出 Excel…"))
        self.export_button.setToolTip(self.tr("將目前篩選的全部訂單匯出為 Excel 檔（含期限判定）"))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.search)
        top.addWidget(self.status_filter)
        top.addWidget(self.breach_filter)
        top.addWidget(self.vendor_filter)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.cancel_export_button = QPushButton(self.tr("取消匯出"))
        self.cancel_export_button.setVisible(False)
        self.cancel_export_button.clicked.connect(self.cancel_export)
        self.export_job: jobs.Job[Any] | None = None
        self.export_stop = threading.Event()
        top.addWidget(self.cancel_export_button)
        top.addWidget(self.reload_button)

        self.model = OrdersTableModel(context.language, self)
        self.table = make_table(self.model, OrdersTableModel.COL_DEADLINE)
        header = self.table.horizontalHeader()
        # Names and statuses get a fixed share (elided, full text in the cell tooltip) so the
        # deadline verdicts, the point of this screen, keep room in either language.
        for column, width in ((OrdersTableModel.COL_APPLICANT, 150), (OrdersTableModel.COL_VENDOR, 140),
                              (OrdersTableModel.COL_STATUS, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.pager = Pager(PAGE_SIZE)
        self.message = QLabel(self.tr("載入中…"))
        self.message.setObjectName(style.CLAUSE_NOTE)
        self.calendar_note = QLabel()
        self.calendar_note.setObjectName(style.CLAUSE_NOTE)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.pager)
        list_layout.addWidget(self.calendar_note)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(list_box)
        splitter.addWidget(self._build_detail())
        # The list gets the larger share (at 1366x768 it showed 4 rows); the detail scrolls in its
        # tables, and the splitter gives it more when the officer drags.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 280])
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
        for combo in (self.status_filter, self.breach_filter, self.vendor_filter):
            combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.reload_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export_excel)
        self.pager.offset_requested.connect(self._load_offset)
        self.master = MasterDetail(self, self.table, self.model, key=lambda r: r.order_id,
                                   fetch=self._fetch_detail, show=self._show_detail,
                                   clear=self._clear_detail, description=self.tr("載入訂單明細"))
        self._vendors_loaded = False

    def _build_detail(self) -> QWidget:
        box = QGroupBox(self.tr("訂單明細"))
        self.detail_title = QLabel(self.tr("請在上方選擇一筆訂單。"))
        self.detail_title.setObjectName(style.FIGURE_LABEL)
        self.detail_title.setWordWrap(True)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields: dict[str, QLabel] = {}
        for key, text in (("total", self.tr("訂單總額（含稅）")), ("points", self.tr("點數折抵")),
                          ("self_pay", self.tr("自付款")), ("paid", self.tr("已付自付款")),
                          ("term", self.tr("方案期程")), ("status", self.tr("狀態"))):
            value = QLabel("—")
            value.setWordWrap(True)  # a long English value must not widen the page
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(text, value)
        self.split_note = QLabel()
        self.split_note.setObjectName(style.CLAUSE_NOTE)
        self.split_note.setWordWrap(True)
        summary = QWidget()
        summary_layout = QVBoxLayout(summary)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.addWidget(self.detail_title)
        summary_layout.addLayout(form)
        summary_layout.addWidget(self.split_note)
        summary_layout.addStretch(1)
        # Scrolls rather than claiming its full height: the order list above keeps its rows.
        summary_scroll = QScrollArea()
        summary_scroll.setWidget(summary)
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QFrame.Shape.NoFrame)
        summary_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.deadlines_model = DeadlinesTableModel(self.context.language, self)
        self.deadlines_table = make_table(self.deadlines_model, DeadlinesTableModel.COL_CLAUSE)
        self.events_model = OrderEventsTableModel(self.context.language, self)
        self.events_table = make_table(self.events_model)
        deadlines = QWidget()
        d_layout = QVBoxLayout(deadlines)
        d_layout.setContentsMargins(0, 0, 0, 0)
        d_layout.addWidget(QLabel(self.tr("期限（須知八(四)、手冊 步驟4）")))
        d_layout.addWidget(self.deadlines_table, 1)
        events = QWidget()
        e_layout = QVBoxLayout(events)
        e_layout.setContentsMargins(0, 0, 0, 0)
        e_layout.addWidget(QLabel(self.tr("訂單事件")))
        e_layout.addWidget(self.events_table, 1)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(deadlines)
        tables.addWidget(events)
        tables.setSizes([170, 150])
        tables.setChildrenCollapsible(False)
        inner = QSplitter(Qt.Orientation.Horizontal)
        inner.addWidget(summary_scroll)
        inner.addWidget(tables)
        inner.setSizes([300, 640])
        inner.setChildrenCollapsible(False)
        outer = QVBoxLayout(box)
        outer.addWidget(inner)
        return box

    # -- page protocol ---------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._vendors_loaded:
            self._load_vendors()
        self._load_offset(self.offset)

    def is_loaded(self) -> bool:
        return self.page is not None and not self._loading

    def load_error(self) -> BaseException | None:
        return self._error

    # -- list ------------------------------------------------------------------------------------
    def _load_vendors(self) -> None:
        uow_factory = self.context.uow_factory

        def load(job: jobs.JobControl) -> list[VendorOption]:
            with uow_factory() as uow:
                return list_vendors(uow)

        jobs.run_job(load, on_result=self._show_vendors, parent=self, description=self.tr("載入廠商"))

    def _show_vendors(self, vendors: list[VendorOption]) -> None:
        self._vendors_loaded = True
        self.vendor_filter.blockSignals(True)
        for v in vendors:
            self.vendor_filter.addItem(f"{v.name}（{v.ubn}）", v.vendor_id)
        narrow_combo(self.vendor_filter)  # the popup fits the longest vendor name
        self.vendor_filter.blockSignals(False)

    def _filters_changed(self) -> None:
        self._search_timer.stop()
        self._load_offset(0)

    def _load_offset(self, offset: int) -> None:
        self._list_gen += 1
        gen = self._list_gen
        self._loading = True
        self._error = None
        self.reload_button.setEnabled(False)
        uow_factory, today = self.context.uow_factory, self.context.today()
        search, status = self.search.text(), self.status_filter.currentData()
        breach, vendor = self.breach_filter.currentData(), self.vendor_filter.currentData()

        def load(job: jobs.JobControl) -> OrderPage:
            with uow_factory() as uow:
                return list_orders(uow, as_of=today, status=status, vendor_id=vendor, search=search,
                                   breach=breach, offset=offset, limit=PAGE_SIZE)

        jobs.run_job(load, on_result=lambda page: self._show_page(gen, page),
                     on_error=lambda exc: self._failed(gen, exc), parent=self, description=self.tr("載入訂單"))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._list_gen:
            return
        self._loading = False
        self._error = exc
        self.reload_button.setEnabled(True)
        self.message.setText(self.tr("無法載入訂單：%1").replace("%1", jobs.message_for(exc)))
        self.message.setVisible(True)
        jobs.report_error(self, exc)

    def _show_page(self, gen: int, page: OrderPage) -> None:
        if gen != self._list_gen:
            return
        self._loading = False
        self.reload_button.setEnabled(True)
        self.page = page
        self.offset = page.offset
        self.message.setVisible(page.total == 0)
        self.message.setText(self.tr("沒有符合條件的訂單。"))
        note = self.tr("期限判定日：%1。紅色＝逾期；黃色＝以暫定行事曆計算可能逾期（該年度辦公日曆表尚未匯入）。") \
            .replace("%1", roc_short(self.context.today()))
        self.calendar_note.setText(note)
        self.calendar_note.setToolTip(clause_wording((C.ORDER_DEADLINES, C.WORKING_DAYS, C.PROVISIONAL_CALENDAR,
                                                    C.BROCHURE_PAYMENT), self.context.language))
        self.model.set_rows(page.rows)
        # Statuses are whole (English ones run to ~190 px); names stay capped and elide.
        for column, cap in ((OrdersTableModel.COL_APPLICANT, 150), (OrdersTableModel.COL_VENDOR, 140),
                            (OrdersTableModel.COL_STATUS, 200)):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))
        self.pager.set_page(page.offset, len(page.rows), page.total)
        self.master.rows_shown(page.rows)

    # -- export ----------------------------------------------------------------------------------
    def export_excel(self) -> None:
        """Ask where to save, then write every order of the current filters (not just this page)."""
        today = self.context.today()
        path, _selected = QFileDialog.getSaveFileName(
            self, self.tr("匯出訂單"), f"orders_{today.isoformat()}.xlsx", self.tr("Excel 活頁簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        uow_factory, officer_id = self.context.uow_factory, self.context.officer.id
        filters = {"search": self.search.text(), "status": self.status_filter.currentData(),
                   "breach": self.breach_filter.currentData(), "vendor_id": self.vendor_filter.currentData()}

        def work(job: jobs.JobControl) -> ExportResult:
            with uow_factory() as uow:
                return export_orders_xlsx(uow, path, as_of=today, officer_id=officer_id, progress=job.progress,
                                          cancelled=stop.is_set, **filters)

        # Our own flag, not the job's token: the service stops between pages with ExportCancelled,
        # which comes back here (a cancelled token would end the job without a word).
        stop = self.export_stop = threading.Event()
        self.export_button.setEnabled(False)
        self.cancel_export_button.setVisible(True)
        self.cancel_export_button.setEnabled(True)
        self.message.setText(self.tr("匯出中…"))
        self.message.setVisible(True)
        self.export_job = jobs.run_job(work, on_result=self._exported, on_error=self._export_failed,
                                       on_progress=self._export_progress, parent=self,
                                       description=self.tr("匯出訂單"), ask_before_quit=True)

    def cancel_export(self) -> None:
        if self.export_job is not None and not self.export_job.done:
            self.export_stop.set()
            self.cancel_export_button.setEnabled(False)
            self.message.setText(self.tr("正在取消匯出…"))

    def _export_progress(self, done: int, total: int, _text: str) -> None:
        self.message.setText(self.tr("匯出中… %1／%2 筆").replace("%1", fmt_int(done)).replace("%2", fmt_int(total)))

    def _exported(self, result: ExportResult) -> None:
        self.export_button.setEnabled(True)
        self.cancel_export_button.setVisible(False)
        self.message.setText(self.tr("已匯出 %1 筆訂單至 %2").replace("%1", fmt_int(result.rows))
                             .replace("%2", str(result.path)))
        self.message.setVisible(True)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.cancel_export_button.setVisible(False)
        if isinstance(exc, ExportCancelled):
            self.message.setText(self.tr("已取消匯出，未寫入任何檔案"))
            return
        jobs.report_error(self, exc)

    # -- detail ----------------------------------------------------------------------------------
    def load_detail(self, order_id: int) -> None:
        self.master.load(order_id)

    def _fetch_detail(self, order_id: int) -> OrderDetail:  # worker thread
        with self.context.uow_factory() as uow:
            return order_detail(uow, order_id, as_of=self.context.today())

    def _clear_detail(self) -> None:
        self.detail = None
        self.detail_title.setText(self.tr("請在上方選擇一筆訂單。"))
        for value in self.fields.values():
            value.setText("—")
        self.split_note.clear()
        self.deadlines_model.set_rows([])
        self.events_model.set_rows([])

    def _show_detail(self, d: OrderDetail) -> None:
        self.detail = d
        r = d.row
        self.detail_title.setText(f"{r.external_id}\n{r.applicant_name}（{r.applicant_ubn}）\n"
                                  f"{r.vendor_name}：{r.solution_name}")
        self.fields["total"].setText(self.tr("新臺幣 %1 元").replace("%1", fmt_int(r.total)))
        self.fields["points"].setText(self.tr("%1 點").replace("%1", fmt_int(r.points)))
        self.fields["self_pay"].setText(self.tr("新臺幣 %1 元").replace("%1", fmt_int(r.self_pay)))
        self.fields["paid"].setText(self.tr("新臺幣 %1 元").replace("%1", fmt_int(r.self_pay_paid)))
        self.fields["term"].setText(self.tr("%1 個月").replace("%1", str(r.term_months)))
        self.fields["status"].setText(labels.title(labels.ORDER_STATUS, r.status))
        lang = self.context.language
        for key in ("total", "points", "self_pay"):
            self.fields[key].setToolTip(clause_wording(r.split_clauses, lang))
        self.fields["term"].setToolTip(clause_wording((C.MIN_TERM, C.MONTH_UNIT), lang))
        self.split_note.setText(self.tr("依據：%1").replace("%1", clause_lines(r.split_clauses[:2], lang)))
        self.deadlines_model.order_closed = r.closed
        self.deadlines_model.set_rows(r.deadlines)
        self.events_model.set_rows(d.events)
