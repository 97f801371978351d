"""95A year view (扣繳憑單): per-vendor totals of a tax year, a bar chart of paid amounts per month,
a preview of one statement page, and the export (xlsx, PDF, U8) with the files' SHA-256."""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy.dates import roc_short
from backoffice.services.finance import queue, tax95a
from backoffice.services.finance.tax95a_pdf import preview_png
from backoffice.views import jobs, style
from backoffice.views.context import AppContext
from backoffice.views.finance.chart import MonthlyBars
from backoffice.views.finance.models import VendorTotalsModel
from backoffice.views.table_kit import fmt_int, make_table


class TaxYearTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.error: BaseException | None = None
        self.loaded = False
        self.statements: list[tax95a.Statement] = []
        today = context.today()
        self.year = QSpinBox()
        self.year.setRange(2020, today.year + 1)
        self.year.setValue(today.year - 1 if today.month <= 2 else today.year)
        self.year.setPrefix(self.tr("所得年度 "))
        self.export_button = QPushButton(self.tr("產製扣繳憑單…"))
        self.export_button.setToolTip(self.tr("Excel、PDF（每一所得人一頁）與媒體申報檔 <統編>.<年>.U8"))
        self.export_button.setEnabled(context.officer.has_role("finance"))
        self.summary = QLabel()
        self.summary.setObjectName(style.FIGURE_LABEL)
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        self.message = QLabel()
        self.message.setObjectName(style.CLAUSE_NOTE)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = VendorTotalsModel(context.language, self)
        self.table = make_table(self.model, VendorTotalsModel.COL_NAME)
        self.chart = MonthlyBars()
        self.preview = QLabel(self.tr("選擇扣繳單位以預覽第一張憑單"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_area = scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(330)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.chart)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([760, 420])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.export_button.clicked.connect(self.export)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())

    def as_of(self) -> datetime:
        return datetime.combine(self.context.today(), time(23, 59, 59), UTC)

    def refresh(self) -> None:
        year, as_of, uow_factory = self.year.value(), self.as_of(), self.context.uow_factory

        def work(job: jobs.JobControl) -> tuple[list[tax95a.Statement], list[int]]:
            with uow_factory() as uow:
                return tax95a.statements(uow.session, year, as_of), queue.paid_by_month(uow, year)

        jobs.run_job(work, on_result=self._show, on_error=self._failed, parent=self, description=self.tr("載入扣繳憑單"))

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        jobs.report_error(self, exc)

    def _show(self, result: tuple[list[tax95a.Statement], list[int]]) -> None:
        rows, months = result
        self.statements, self.error, self.loaded = rows, None, True
        totals = tax95a.vendor_totals(rows)
        self.model.set_rows(totals)
        year = self.year.value()
        filing, delivery = tax95a.due_dates(year)
        self.summary.setText(self.tr("%1 張憑單，給付總額 %2 元；申報期限 %3，填發期限 %4")
                             .replace("%1", fmt_int(len(rows))).replace("%2", fmt_int(sum(s.gross for s in rows)))
                             .replace("%3", roc_short(filing)).replace("%4", roc_short(delivery)))
        self.chart.set_values(months, self.tr("%1 年各月撥付金額（元）").replace("%1", str(year - 1911)))
        if totals:
            self.table.selectRow(0)
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("本年度尚無已撥付之請撥案件"))

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        total = self.model.row_at(rows[0].row()) if rows else None
        first = next((s for s in self.statements if total is not None and s.vendor_id == total.vendor_id), None)
        if first is None:
            return
        as_of = self.as_of()

        def work(job: jobs.JobControl) -> bytes | None:
            return preview_png(first, as_of, dpi=90)

        jobs.run_job(work, on_result=self._show_preview, parent=self, description=self.tr("預覽扣繳憑單"))

    def _show_preview(self, png: bytes | None) -> None:
        if png is None:
            self.preview.setText(self.tr("預覽需要 poppler（pdftoppm）；請改用匯出之 PDF"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        width = max(300, self.preview_area.viewport().width() - 8)  # the whole page in view, no sideways scrolling
        self.preview.setPixmap(pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))

    def export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("選擇存放扣繳憑單的資料夾"))
        if not folder:
            return
        year, as_of = self.year.value(), datetime.now(UTC).replace(microsecond=0)
        uow_factory, officer = self.context.uow_factory, self.context.officer.id

        def work(job: jobs.JobControl) -> tax95a.ExportResult:
            with uow_factory() as uow:
                return tax95a.export(uow, year, folder, as_of=as_of, officer=officer)

        self.export_button.setEnabled(False)
        jobs.run_job(work, on_result=self._exported, on_error=self._export_failed, parent=self,
                     description=self.tr("產製扣繳憑單"))

    def _exported(self, r: tax95a.ExportResult) -> None:
        self.export_button.setEnabled(True)
        lines = [self.tr("已產製 %1 張憑單，資料時點 %2：").replace("%1", fmt_int(r.statements))
                 .replace("%2", r.as_of.isoformat())]
        lines += [f"{path}  SHA-256 {digest}" for path, digest in r.files]
        self.message.setText("\n".join(lines))
        self.refresh()

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        jobs.report_error(self, exc)
