"""Refunds desk screen (退訂退款): the case queue and the supervisor's approval inbox above the case.

Two tabs over one page: 全部案件 (filters: state, days left in the window, disputed, vendor,
self-pay refund overdue, search) and 待我核定 (cases submitted for approval that this supervisor
may approve: not prepared, resolved or submitted by them). Rows turn amber two days before the
window ends and red after (or when the vendor's self-pay refund is overdue). The officer's
actions (認定, 送核, 自付款退還) and the supervisor's (核准, 退回, card-signed) call the refund
service in a job; the service checks role, state and four eyes, the buttons only follow them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.orders.orders_view import VendorOption, list_vendors
from backoffice.services.refunds import card, errors, queries, signed, workflow
from backoffice.views import jobs, labels, style
from backoffice.views.applications.review.dialogs import PinDialog
from backoffice.views.context import ROLE_OFFICER, ROLE_SUPERVISOR, AppContext
from backoffice.views.refunds.case_view import CaseView
from backoffice.views.refunds.dialogs import ReasonDialog, ResolveDialog, SelfPayPaidDialog
from backoffice.views.refunds.refunds_model import RefundsTableModel
from backoffice.views.table_kit import Pager, make_table, narrow_combo

PAGE_SIZE = 100
SEARCH_DELAY_MS = 300
RESOLVABLE = {"disputed", "escalated", "returned"}
SUBMITTABLE = {"confirmed", "resolved"}


class RefundsPage(QWidget):
    """The refunds desk: queue or inbox (tabs), filters, pager, and the selected case."""

    INBOX_TAB = 1

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("pageRoot")
        self.page: queries.CasePage | None = None
        self.detail: queries.CaseDetail | None = None
        self._error: BaseException | None = None
        self._loading = False
        self._list_gen = self._detail_gen = 0
        self.page_index = 0
        self._vendors_loaded = False
        self.dialog: Any = None
        self.last_verification: signed.CaseVerification | None = None

        heading = QLabel(self.tr("退訂退款"))
        heading.setObjectName(style.PAGE_TITLE)
        self.tabs = QTabBar()
        self.tabs.addTab(self.tr("全部案件"))
        self.tabs.addTab(self.tr("待我核定"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜尋終止編號、訂單編號或申請單位"))
        self.search.setClearButtonEnabled(True)
        self.state_filter = QComboBox()
        self.state_filter.addItem(self.tr("未結案件"), "open")
        self.state_filter.addItem(self.tr("全部狀態"), None)
        for status in queries.S:
            if status is not queries.S.REJECTED:
                self.state_filter.addItem(labels.title(labels.REFUND_STATUS, status.value), status.value)
        self.days_filter = QComboBox()
        for text, value in ((self.tr("確認期限不限"), None), (self.tr("2 日內截止或已截止"), 2),
                            (self.tr("7 日內截止或已截止"), 7)):
            self.days_filter.addItem(text, value)
        self.vendor_filter = QComboBox()
        self.vendor_filter.addItem(self.tr("全部廠商"), None)
        self.disputed_check = QCheckBox(self.tr("有爭議"))
        self.overdue_check = QCheckBox(self.tr("自付款逾期未退"))
        # The status filter shows its longest English status whole ("Approved by a supervisor");
        # the row still fits 1366 px.
        for combo, chars in ((self.state_filter, 21), (self.days_filter, 14), (self.vendor_filter, 14)):
            narrow_combo(combo, chars)
        self.reload_button = QPushButton(self.tr("重新整理"))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.tabs)
        top.addStretch(1)
        top.addWidget(self.reload_button)
        filters = QHBoxLayout()
        for w in (self.search, self.state_filter, self.days_filter, self.vendor_filter, self.disputed_check,
                  self.overdue_check):
            filters.addWidget(w)
        filters.addStretch(1)

        self.model = RefundsTableModel(context.language, self)
        self.table = make_table(self.model, RefundsTableModel.COL_APPLICANT)
        header = self.table.horizontalHeader()
        for column, width in ((RefundsTableModel.COL_VENDOR, 150), (RefundsTableModel.COL_STATE, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.pager = Pager(PAGE_SIZE)
        self.message = QLabel(self.tr("載入中…"))
        self.message.setObjectName(style.CLAUSE_NOTE)
        self.legend = QLabel(self.tr("黃色＝確認期限 2 日內截止；紅色＝確認期限已過仍待確認，或供應商逾期未退自付款；"
                                     "＊＝曾有一方不同意。"))
        self.legend.setObjectName(style.CLAUSE_NOTE)
        list_box = QWidget()
        lb = QVBoxLayout(list_box)
        lb.setContentsMargins(0, 0, 0, 0)
        lb.addWidget(self.table, 1)
        lb.addWidget(self.pager)
        lb.addWidget(self.legend)

        self.case_view = CaseView(context.uow_factory, context.language)
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text in (("resolve", self.tr("承辦認定…")), ("submit", self.tr("送主管核定")),
                          ("evidence", self.tr("加入佐證…")), ("approve", self.tr("核准並入帳（簽章）")),
                          ("return", self.tr("退回承辦（簽章）…")), ("paid", self.tr("登錄自付款退還…"))):
            button = QPushButton(text)
            button.setEnabled(False)
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)  # shown once an action answers
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addLayout(actions)
        dl.addWidget(self.status)
        dl.addWidget(self.case_view, 1)
        # The case view scrolls (its tabs' pages are scroll areas and tables), so the detail may be
        # shorter than its contents' natural height; without this its size hint wins the splitter.
        self.case_view.setMinimumHeight(120)
        detail.setMinimumHeight(180)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(list_box)
        splitter.addWidget(detail)
        # The list gets the larger share (at 1366x768 it showed 3 rows); the case view scrolls, and
        # the splitter gives it more when the officer drags.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([460, 260])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.state_filter, self.days_filter, self.vendor_filter):
            combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        for check in (self.disputed_check, self.overdue_check):
            check.toggled.connect(lambda _b: self._filters_changed())
        self.tabs.currentChanged.connect(lambda _i: self._filters_changed())
        self.reload_button.clicked.connect(self.refresh)
        self.pager.offset_requested.connect(lambda offset: self._load(offset // PAGE_SIZE))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.buttons["resolve"].clicked.connect(self.ask_resolve)
        self.buttons["submit"].clicked.connect(self.submit)
        self.buttons["evidence"].clicked.connect(self.add_evidence)
        self.buttons["approve"].clicked.connect(lambda: self.start_decision("approve", None))
        self.buttons["return"].clicked.connect(self.ask_return)
        self.buttons["paid"].clicked.connect(self.ask_paid)
        if not context.officer.has_role(ROLE_SUPERVISOR):
            self.tabs.setTabEnabled(self.INBOX_TAB, False)
            self.tabs.setTabToolTip(self.INBOX_TAB, self.tr("僅主管可核定"))

    # -- page protocol -----------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._vendors_loaded:
            self._load_vendors()
        self._load(self.page_index)

    def is_loaded(self) -> bool:
        return self.page is not None and not self._loading

    def load_error(self) -> BaseException | None:
        return self._error

    def show_inbox(self) -> None:
        self.tabs.setCurrentIndex(self.INBOX_TAB)

    # -- list ----------------------------------------------------------------------------------------
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
        narrow_combo(self.vendor_filter)
        self.vendor_filter.blockSignals(False)

    def current_filter(self) -> queries.RefundFilter:
        if self.tabs.currentIndex() == self.INBOX_TAB:
            return queries.RefundFilter(awaiting_my_approval=True, text=self.search.text() or None)
        state = self.state_filter.currentData()
        return queries.RefundFilter(
            states=(queries.S(state),) if state not in (None, "open") else (), open_only=state == "open",
            days_left_max=self.days_filter.currentData(), disputed=self.disputed_check.isChecked(),
            vendor_id=self.vendor_filter.currentData(), self_pay_overdue=self.overdue_check.isChecked(),
            text=self.search.text() or None)

    def _filters_changed(self) -> None:
        self._search_timer.stop()
        inbox = self.tabs.currentIndex() == self.INBOX_TAB
        for w in (self.state_filter, self.days_filter, self.vendor_filter, self.disputed_check, self.overdue_check):
            w.setEnabled(not inbox)
        self._load(0)

    def _load(self, page_index: int) -> None:
        self._list_gen += 1
        gen = self._list_gen
        self._loading = True
        self._error = None
        uow_factory, today, me = self.context.uow_factory, self.context.today(), self.context.officer.id
        f = self.current_filter()

        def load(job: jobs.JobControl) -> queries.CasePage:
            with uow_factory() as uow:
                return queries.fetch_page(uow, f, today=today, page=page_index, page_size=PAGE_SIZE, viewer=me)

        jobs.run_job(load, on_result=lambda p: self._show_page(gen, p), on_error=lambda e: self._failed(gen, e),
                     parent=self, description=self.tr("載入退款案件"))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._list_gen:
            return
        self._loading = False
        self._error = exc
        self.message.setText(self.tr("無法載入退款案件：%1").replace("%1", jobs.message_for(exc)))
        self.message.setVisible(True)
        jobs.report_error(self, exc)

    def _show_page(self, gen: int, page: queries.CasePage) -> None:
        if gen != self._list_gen:
            return
        self._loading = False
        self.page = page
        self.page_index = page.page
        self.message.setVisible(page.total == 0)
        self.message.setText(self.tr("沒有符合條件的案件。"))
        keep = self.detail.row.id if self.detail else None
        self.model.set_rows(page.rows)
        # Statuses are whole (English ones run to ~230 px); names stay capped and elide.
        for column, cap in ((RefundsTableModel.COL_APPLICANT, 150), (RefundsTableModel.COL_VENDOR, 120),
                            (RefundsTableModel.COL_STATE, 240)):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))
        self.pager.set_page(page.page * page.page_size, len(page.rows), page.total)
        row = next((i for i, r in enumerate(page.rows) if r.id == keep), 0 if page.rows else None)
        if row is not None:
            self.table.selectRow(row)
        else:
            self.detail = None
            self.case_view.clear()
            self._update_buttons()

    # -- detail --------------------------------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is not None:
            self.load_detail(row.id)

    def load_detail(self, case_id: int) -> None:
        self._detail_gen += 1
        gen = self._detail_gen
        uow_factory, today = self.context.uow_factory, self.context.today()

        def load(job: jobs.JobControl) -> queries.CaseDetail:
            with uow_factory() as uow:
                return queries.case_detail(uow, case_id, today=today)

        jobs.run_job(load, on_result=lambda d: self._show_detail(gen, d), parent=self,
                     description=self.tr("載入案件明細"))

    def _show_detail(self, gen: int, d: queries.CaseDetail) -> None:
        if gen != self._detail_gen:
            return
        self.detail = d
        self.case_view.show_case(d, self.context.today())
        self._update_buttons()

    def _update_buttons(self) -> None:
        d, me = self.detail, self.context.officer
        state = d.row.state if d else ""
        handler = d is not None and me.id is not None and me.id in d.handlers
        officer = me.has_role(ROLE_OFFICER) or me.has_role(ROLE_SUPERVISOR)
        supervisor = me.has_role(ROLE_SUPERVISOR)
        self.buttons["resolve"].setEnabled(officer and state in RESOLVABLE)
        self.buttons["submit"].setEnabled(officer and state in SUBMITTABLE)
        self.buttons["evidence"].setEnabled(officer and d is not None and state not in ("approved", "rejected"))
        for key in ("approve", "return"):
            self.buttons[key].setEnabled(supervisor and state == "submitted" and not handler)
            self.buttons[key].setToolTip(self.tr("您曾準備、認定或送核此案，須由另一位主管核定（四眼原則）")
                                         if handler and state == "submitted" else "")
        self.buttons["paid"].setEnabled(state == "approved" and d is not None and d.row.self_pay_refund > 0
                                        and d.row.self_pay_refunded_on is None)

    # -- officer's actions ---------------------------------------------------------------------------
    def _act(self, work: Callable[[Any], Any], done_text: str, description: str) -> None:
        d = self.detail
        if d is None:
            return
        uow_factory = self.context.uow_factory

        def job(control: jobs.JobControl) -> Any:
            with uow_factory() as uow:
                return work(uow)

        for button in self.buttons.values():
            button.setEnabled(False)
        jobs.run_job(job, on_result=lambda _r: self._done(done_text), on_error=self._refused, parent=self,
                     description=description)

    def _done(self, text: str) -> None:
        self.status.setStyleSheet("color: #1d6b2c;")
        self.status.setText(text)
        self.status.setVisible(True)
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #a11d1d;")
        self.status.setText(self.error_text(exc))
        self.status.setVisible(True)
        self._update_buttons()
        if self.detail is not None:
            self.load_detail(self.detail.row.id)

    def ask_resolve(self) -> None:
        d = self.detail
        if d is None:
            return
        case_id, uow_factory = d.row.id, self.context.uow_factory
        dialog = ResolveDialog(d.effective_on, self.context.language, lambda e: preview(e), self)
        self.dialog = dialog

        def preview(e: date) -> None:
            def work(job: jobs.JobControl) -> queries.ResolutionPreview:
                with uow_factory() as uow:
                    return queries.preview_resolution(uow, case_id, e)

            jobs.run_job(work, on_result=dialog.show_preview, parent=dialog, description=self.tr("試算"))

        officer = self.context.officer.id
        dialog.accepted.connect(lambda: self._act(
            lambda uow: workflow.resolve(uow, case_id, officer, effective_on=dialog.effective_on(),
                                         reason=dialog.reason_text()),
            self.tr("已記錄承辦認定，金額已依新的最後服務日重新計算"), self.tr("儲存認定")))
        dialog.open()
        preview(d.effective_on)

    def submit(self) -> None:
        d, officer = self.detail, self.context.officer.id
        if d is not None:
            case_id = d.row.id
            self._act(lambda uow: workflow.submit(uow, case_id, officer), self.tr("已送主管核定"), self.tr("送核"))

    def add_evidence(self) -> None:
        d = self.detail
        if d is None:
            return
        path, _f = QFileDialog.getOpenFileName(self, self.tr("加入佐證"), "",
                                               self.tr("PDF 或影像 (*.pdf *.png *.jpg *.jpeg)"))
        if not path:
            return
        case_id, officer = d.row.id, self.context.officer.id

        def work(uow: Any) -> int:
            from pathlib import Path

            from backoffice.services.applications.attachments import sniff_media_type

            content = Path(path).read_bytes()
            return workflow.add_evidence(uow, case_id, officer, filename=Path(path).name,
                                         media_type=sniff_media_type(content) or "application/octet-stream",
                                         content=content)

        self._act(work, self.tr("已加入佐證"), self.tr("加入佐證"))

    def ask_paid(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = SelfPayPaidDialog(d.row.self_pay_refund, self.context.today(), self)
        self.dialog = dialog
        case_id, officer = d.row.id, self.context.officer.id
        dialog.accepted.connect(lambda: self._act(
            lambda uow: workflow.record_self_pay_refund(uow, case_id, officer, paid_on=dialog.paid_date(),
                                                        reference=dialog.reference_text()),
            self.tr("已登錄自付款退還"), self.tr("登錄自付款退還")))
        dialog.open()

    # -- supervisor's signed decisions ---------------------------------------------------------------
    def ask_return(self) -> None:
        dialog = ReasonDialog(self.tr("退回承辦"), self.tr("請說明退回理由（將記錄於案件歷程並簽章）"), self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.start_decision("return", dialog.note_text()))
        dialog.open()

    def start_decision(self, action: str, reason: str | None) -> None:
        """Find the supervisor's card (no PIN yet), ask the PIN, then sign and decide."""
        d = self.detail
        if d is None:
            return
        ctx = self.context

        def prepare(job: jobs.JobControl) -> card.SigningPrep:
            with ctx.uow_factory() as uow:
                workflow.precheck_decision(uow, d.row.id, ctx.officer.id, action)
            return card.prepare_signing(ctx.uow_factory, ctx.officer.id, ctx.settings, ctx.officer.name)

        jobs.run_job(prepare, on_result=lambda prep: self._ask_pin(action, reason, prep), on_error=self._refused,
                     parent=self, description=self.tr("讀取主管憑證卡"))

    def _ask_pin(self, action: str, reason: str | None, prep: card.SigningPrep) -> None:
        d = self.detail
        if d is None:
            return
        what = (self.tr("核准退款並入帳") if action == "approve" else self.tr("退回承辦")) + f"：{d.row.termination}"
        if action == "approve":  # what the signature books, said before it is given
            what += self.tr("（點數返還 %1 點，自付款退還 NT$%2）").replace("%1", f"{d.row.points_refund:,}") \
                .replace("%2", f"{d.row.self_pay_refund:,}")
        if prep.cert_der is None or prep.token is None:
            # A demo database signs nothing; the supervisor still confirms what is booked.
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("確認（示範資料庫，不簽章）"), what,
                              QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            if box.exec() == QMessageBox.StandardButton.Ok:
                self._decide(action, reason, prep, None)
            else:
                self.status.setText(self.tr("已取消"))
                self.status.setVisible(True)
            return
        dialog = PinDialog(prep.holder, what, prep.token.pin_state, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._decide(action, reason, prep, dialog.take_pin()))
        dialog.rejected.connect(lambda: self.status.setText(self.tr("已取消簽章")))
        dialog.open()

    def _decide(self, action: str, reason: str | None, prep: card.SigningPrep, pin: str | None) -> None:
        d = self.detail
        if d is None:
            return
        case_id, me = d.row.id, self.context.officer.id
        signer = card.make_signer(prep, pin)

        def work(uow: Any) -> None:
            if action == "approve":
                workflow.approve(uow, case_id, me, signer=signer)
            else:
                workflow.return_case(uow, case_id, me, reason=reason or "", signer=signer)

        text = self.tr("已核准並入帳") if action == "approve" else self.tr("已退回承辦")
        self._act(work, text + (self.tr("；簽章已驗證") if signer else self.tr("；未簽章（示範資料庫）")),
                  self.tr("簽章並儲存"))

    # -- messages by exception type ------------------------------------------------------------------
    def error_text(self, exc: BaseException) -> str:
        if isinstance(exc, errors.FourEyesViolation):
            return self.tr("四眼原則：您曾準備、認定或送核此案，須由另一位主管核定")
        if isinstance(exc, errors.PermissionDenied):
            return self.tr("您沒有執行此動作的權限")
        if isinstance(exc, errors.InvalidTransition):
            return self.tr("案件狀態已變更（目前：%1），請重新整理").replace(
                "%1", labels.title(labels.REFUND_STATUS, exc.status))
        if isinstance(exc, errors.InvalidEffectiveDate):
            return self.tr("最後服務日須在契約期間內")
        if isinstance(exc, errors.ReasonRequired):
            return self.tr("請填寫理由")
        if isinstance(exc, errors.SelfPayRefundError):
            return self.tr("無法登錄自付款退還：%1").replace("%1", exc.problem)
        if isinstance(exc, errors.SignatureRequired):
            return self.tr("須以主管憑證卡簽章（未設定 PKCS#11 模組或未綁定憑證）")
        if isinstance(exc, errors.WrongSigningCard):
            return self.tr("簽章所用的卡片不是您綁定的憑證卡")
        if isinstance(exc, card.SupervisorCardMissing):
            return self.tr("請將您的憑證卡插入讀卡機")
        return jobs.message_for(exc)
