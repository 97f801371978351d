"""Claims queue (請撥案件): paged, filtered by state, hold reason, vendor and submission dates, with
the totals of the filtered set; the selected claim's detail (order, contract, invoice, payment,
refund cases, what may be claimed and why); re-check, reject with a reason, build batches."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy.dates import roc_short
from backoffice.services.finance import batches, queue, settlement
from backoffice.services.orders.orders_view import VendorOption, list_vendors
from backoffice.views import jobs, labels, style
from backoffice.views.context import AppContext
from backoffice.views.date_field import RocDateField
from backoffice.views.finance.models import (
    CLAIM_STATUS,
    HOLD_REASON,
    LINE_STATUS,
    ClaimsTableModel,
    reasons_text,
    title,
)
from backoffice.views.table_kit import Pager, fmt_int, make_table, narrow_combo

PAGE_SIZE = 100


class ClaimsTab(QWidget):
    batches_changed = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.page: queue.ClaimPage | None = None
        self.error: BaseException | None = None
        self.offset = 0
        self._gen = 0
        self.status = QComboBox()
        self.status.addItem(self.tr("全部狀態"), None)
        for value in CLAIM_STATUS:
            self.status.addItem(title(CLAIM_STATUS, value), value)
        self.reason = QComboBox()
        self.reason.addItem(self.tr("全部暫緩原因"), None)
        for value in HOLD_REASON:
            self.reason.addItem(title(HOLD_REASON, value), value)
        self.vendor = QComboBox()
        self.vendor.addItem(self.tr("全部廠商"), None)
        for combo, chars in ((self.status, 10), (self.reason, 16), (self.vendor, 10)):
            narrow_combo(combo, chars)
        # ROC dates for people (115/03/01); empty = no limit on that side.
        self.date_from = RocDateField(self.tr("不限"), context.today)
        self.date_to = RocDateField(self.tr("不限"), context.today)
        self.check_button = QPushButton(self.tr("重新檢核"))
        self.check_button.setToolTip(self.tr("依須知八(五)重新檢核所有未結請撥案件（可重複執行）"))
        self.reject_button = QPushButton(self.tr("駁回…"))
        self.export_button = QPushButton(self.tr("匯出 Excel…"))
        self.export_button.setToolTip(self.tr("以目前篩選匯出全部請撥案件（同畫面之欄位與排序），並顯示 SHA-256"))
        self.batch_button = QPushButton(self.tr("建立撥款批次…"))
        self.batch_button.setToolTip(self.tr("以目前的廠商與送件日篩選，將可撥付案件依廠商建立批次"))
        filters = QHBoxLayout()
        for w in (self.status, self.reason, self.vendor, QLabel(self.tr("送件日")), self.date_from, QLabel("–"),
                  self.date_to):
            filters.addWidget(w)
        filters.addStretch(1)
        actions = QHBoxLayout()  # a second row: both rows fit 1366 pixels in either language
        actions.addStretch(1)
        for b in (self.check_button, self.reject_button, self.export_button, self.batch_button):
            actions.addWidget(b)
        self.model = ClaimsTableModel(context.language, self)
        self.table = make_table(self.model, ClaimsTableModel.COL_REASONS)
        for column in (ClaimsTableModel.COL_VENDOR, ClaimsTableModel.COL_APPLICANT, ClaimsTableModel.COL_STATUS):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.pager = Pager(PAGE_SIZE)
        self.totals = QLabel()
        self.totals.setObjectName(style.FIGURE_LABEL)
        self.message = QLabel()
        self.message.setObjectName(style.CLAUSE_NOTE)
        self.message.setWordWrap(True)
        listing = QWidget()
        lay = QVBoxLayout(listing)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.pager)
        lay.addWidget(self.totals)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(listing)
        split.addWidget(self._detail_box())
        split.setSizes([860, 320])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        for combo in (self.status, self.reason, self.vendor):
            combo.currentIndexChanged.connect(lambda _i: self.load(0))
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(lambda: self.load(0))
        self.pager.offset_requested.connect(self.load)
        self.check_button.clicked.connect(self.run_check)
        self.reject_button.clicked.connect(self.ask_reject)
        self.batch_button.clicked.connect(self.ask_batch)
        self.export_button.clicked.connect(self.export_report)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        allowed = context.officer.has_role("finance")
        for b in (self.check_button, self.reject_button, self.batch_button):
            b.setEnabled(allowed)
        self._vendors_loaded = False

    def _detail_box(self) -> QWidget:
        box = QGroupBox(self.tr("請撥案件明細"))
        form = QFormLayout(box)
        self.fields: dict[str, QLabel] = {}
        for key, text in (("claim", self.tr("請撥案號")), ("order", self.tr("訂單")), ("contract", self.tr("契約期間")),
                          ("invoice", self.tr("全額電子發票")), ("selfpay", self.tr("自付款")),
                          ("refund", self.tr("退訂退款案")), ("claimable", self.tr("可請撥點數")),
                          ("verdict", self.tr("檢核結果")), ("payments", self.tr("撥款紀錄"))):
            value = QLabel("—")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(text, value)
        note = QLabel(self.tr("依據：須知八(五)（請撥核銷）、須知八(四)（全額電子發票）"))
        note.setObjectName(style.CLAUSE_NOTE)
        note.setWordWrap(True)
        form.addRow(note)
        scroll = QScrollArea()  # a long verdict or payment history scrolls instead of being cut
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(box)
        return scroll

    def query(self) -> queue.ClaimQuery:
        return queue.ClaimQuery(self.status.currentData(), self.reason.currentData(), self.vendor.currentData(),
                                self.date_from.value(), self.date_to.value())

    def refresh(self) -> None:
        if not self._vendors_loaded:
            uow_factory = self.context.uow_factory

            def vendors(job: jobs.JobControl) -> list[VendorOption]:
                with uow_factory() as uow:
                    return list_vendors(uow)
            jobs.run_job(vendors, on_result=self._show_vendors, parent=self, description=self.tr("載入廠商"))
        self.load(self.offset)

    def _show_vendors(self, vendors: list[VendorOption]) -> None:
        self._vendors_loaded = True
        self.vendor.blockSignals(True)
        for v in vendors:
            self.vendor.addItem(f"{v.name}（{v.ubn}）", v.vendor_id)
        self.vendor.blockSignals(False)

    def load(self, offset: int) -> None:
        self._gen += 1
        gen, q, uow_factory = self._gen, self.query(), self.context.uow_factory

        def work(job: jobs.JobControl) -> queue.ClaimPage:
            with uow_factory() as uow:
                return queue.list_claims(uow, q, offset=offset, limit=PAGE_SIZE)

        jobs.run_job(work, on_result=lambda p: self._show(gen, p), on_error=self._failed, parent=self,
                     description=self.tr("載入請撥案件"))

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        jobs.report_error(self, exc)

    def _show(self, gen: int, page: queue.ClaimPage) -> None:
        if gen != self._gen:
            return
        self.page, self.offset, self.error = page, page.offset, None
        self.model.set_rows(page.rows)
        # At 1366 px the status must be in view without scrolling sideways: names are capped and
        # elide (whole in the tooltip and the detail), the status column is whole.
        for column, cap in ((ClaimsTableModel.COL_VENDOR, 120), (ClaimsTableModel.COL_APPLICANT, 120),
                            (ClaimsTableModel.COL_STATUS, 160)):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), cap))
        self.pager.set_page(page.offset, len(page.rows), page.total)
        self.totals.setText(self.tr("篩選結果：%1 件，請撥點數合計 %2 點").replace("%1", fmt_int(page.total))
                            .replace("%2", fmt_int(page.total_points)))
        if page.rows:
            self.table.selectRow(0)

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            return
        uow_factory, today, claim_id = self.context.uow_factory, self.context.today(), row.claim_id

        def work(job: jobs.JobControl) -> queue.ClaimDetail:
            with uow_factory() as uow:
                return queue.claim_detail(uow, claim_id, today)

        jobs.run_job(work, on_result=self._show_detail, parent=self, description=self.tr("載入請撥明細"))

    def _show_detail(self, d: queue.ClaimDetail) -> None:
        r, f = d.row, self.fields
        f["claim"].setText(f"{r.external_id}（{title(CLAIM_STATUS, r.status)}）")
        f["order"].setText(self.tr("%1：總額 %2 元，點數 %3 點").replace("%1", r.order_external_id)
                           .replace("%2", fmt_int(d.order_total)).replace("%3", fmt_int(d.order_points)))
        f["contract"].setText(f"{roc_short(d.contract_start)} – {roc_short(d.contract_end)}"
                              if d.contract_start and d.contract_end else "—")
        f["invoice"].setText(roc_short(d.invoiced_at.date()) if d.invoiced_at else self.tr("尚未開立"))
        f["selfpay"].setText(self.tr("應付 %1 元，已付 %2 元").replace("%1", fmt_int(d.self_pay))
                             .replace("%2", fmt_int(d.self_pay_paid)))
        f["refund"].setText("、".join(f"{labels.title(labels.REFUND_STATUS, s)}（{p:,}）" for s, p in d.refund_cases)
                            or self.tr("無"))
        f["claimable"].setText(self.tr("%1 點（已使用 %2 點扣除已核准退還點數）；本案請撥 %3 點")
                               .replace("%1", fmt_int(d.claimable)).replace("%2", fmt_int(d.order_points))
                               .replace("%3", fmt_int(r.points_claimed)))
        f["verdict"].setText(title(CLAIM_STATUS, d.expected_status) + (
            "：" + reasons_text(d.expected_reasons) if d.expected_reasons else ""))
        f["payments"].setText("\n".join(f"{ref} {amt:,} {title(LINE_STATUS, st)} {roc_short(p) if p else ''}"
                                        for ref, amt, st, p in d.payments) or "—")

    def run_check(self) -> None:
        uow_factory, today, officer = self.context.uow_factory, self.context.today(), self.context.officer.id

        def work(job: jobs.JobControl) -> settlement.CheckResult:
            with uow_factory() as uow:
                return settlement.check_claims(uow, as_of=today, officer=officer)

        jobs.run_job(work, on_result=self._checked, parent=self, description=self.tr("檢核請撥案件"))

    def _checked(self, result: settlement.CheckResult) -> None:
        self.message.setText(self.tr("檢核完成：可撥付 %1 件，暫緩 %2 件，本次變更 %3 件")
                             .replace("%1", fmt_int(result.payable)).replace("%2", fmt_int(len(result.held)))
                             .replace("%3", fmt_int(result.changed)))
        self.load(self.offset)

    def ask_reject(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("駁回請撥"), self.tr("駁回理由（必填）："))
        if not ok or not reason.strip():
            return
        uow_factory, officer, claim_id = self.context.uow_factory, self.context.officer.id, row.claim_id

        def work(job: jobs.JobControl) -> None:
            with uow_factory() as uow:
                settlement.reject_claim(uow, claim_id, officer, reason=reason)

        jobs.run_job(work, on_result=lambda _r: self.load(self.offset), parent=self, description=self.tr("駁回請撥"))

    def ask_batch(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("建立撥款批次"), self.tr("付款日（YYYY-MM-DD）："),
                                        text=self.context.today().isoformat())
        if not ok:
            return
        try:
            paid_on = date.fromisoformat(text.strip())
        except ValueError:
            self.message.setText(self.tr("付款日格式錯誤"))
            return
        uow_factory, officer, today = self.context.uow_factory, self.context.officer.id, self.context.today()
        filters = self.query().batch_filter()

        def work(job: jobs.JobControl) -> list[batches.BatchSummary]:
            with uow_factory() as uow:
                return batches.create_batches(uow, officer, paid_on=paid_on, filters=filters, as_of=today)

        jobs.run_job(work, on_result=self._batched, on_error=self._batch_failed, parent=self,
                     description=self.tr("建立撥款批次"))

    def _batched(self, made: list[batches.BatchSummary]) -> None:
        self.message.setText(self.tr("已建立 %1 個批次，合計 %2 元，待第二人核准")
                             .replace("%1", str(len(made))).replace("%2", fmt_int(sum(b.total for b in made))))
        self.load(self.offset)
        self.batches_changed.emit()

    def _batch_failed(self, exc: BaseException) -> None:
        if isinstance(exc, batches.NothingToBatch):
            self.message.setText(self.tr("沒有符合篩選條件的可撥付案件"))
            return
        jobs.report_error(self, exc)

    def export_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("匯出請撥報表"),
                                              f"settlement_{self.context.today().isoformat()}.xlsx",
                                              self.tr("Excel 活頁簿 (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        q, uow_factory, officer = self.query(), self.context.uow_factory, self.context.officer.id
        as_of = datetime.now(UTC).replace(microsecond=0)

        def work(job: jobs.JobControl) -> queue.ReportResult:
            with uow_factory() as uow:
                return queue.export_claims_xlsx(uow, q, path, as_of=as_of, officer=officer)

        jobs.run_job(work, on_result=self._exported, parent=self, description=self.tr("匯出請撥報表"))

    def _exported(self, r: queue.ReportResult) -> None:
        self.message.setText(self.tr("已匯出 %1 筆至 %2（資料時點 %3）\nSHA-256：%4").replace("%1", fmt_int(r.rows))
                             .replace("%2", r.path).replace("%3", r.as_of.isoformat()).replace("%4", r.sha256))
