"""Payment batches (撥款批次): list with per-line status; approve (a second person, signed with the
card; four eyes is enforced by the service), export the payment file, import the bank's results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from backoffice.services import cards
from backoffice.services.authz import PermissionDenied
from backoffice.services.finance import batches, reconcile
from backoffice.views import jobs, style
from backoffice.views.applications.review.dialogs import PinDialog
from backoffice.views.context import AppContext
from backoffice.views.finance.models import BatchesTableModel, LinesTableModel
from backoffice.views.table_kit import make_table


@dataclass(frozen=True)
class _Prep:
    session: cards.SigningSession | None  # None: unsigned approval on a demo database
    holder: str


class BatchesTab(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.rows: list[batches.BatchRow] = []
        self.error: BaseException | None = None
        self.pin_dialog: PinDialog | None = None
        self.approve_button = QPushButton(self.tr("核准並簽章…"))
        self.approve_button.setToolTip(self.tr("由建立者以外之財務或主管以憑證卡簽章核准（四眼原則）"))
        self.export_csv = QPushButton(self.tr("匯出付款檔 CSV…"))
        self.export_xlsx = QPushButton(self.tr("匯出付款檔 Excel…"))
        self.import_button = QPushButton(self.tr("匯入銀行回覆檔…"))
        self.import_button.setToolTip(self.tr("欄位：reference,amount,paid_on,status,reason（CSV 或 Excel）"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.approve_button, self.export_csv, self.export_xlsx, self.import_button):
            buttons.addWidget(b)
        self.message = QLabel()
        self.message.setObjectName(style.CLAUSE_NOTE)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = BatchesTableModel(context.language, self)
        self.table = make_table(self.model, BatchesTableModel.COL_VENDOR)
        self.lines_model = LinesTableModel(context.language, self)
        self.lines = make_table(self.lines_model, LinesTableModel.COL_NOTE)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.lines)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.approve_button.clicked.connect(self.start_approval)
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.import_button.clicked.connect(self.import_results)
        officer = context.officer
        self.approve_button.setEnabled(officer.has_role("finance") or officer.has_role("supervisor"))
        self.import_button.setEnabled(officer.has_role("finance"))

    def current(self) -> batches.BatchRow | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return row if isinstance(row, batches.BatchRow) else None

    def refresh(self) -> None:
        uow_factory = self.context.uow_factory

        def work(job: jobs.JobControl) -> list[batches.BatchRow]:
            with uow_factory() as uow:
                return batches.list_batches(uow)

        jobs.run_job(work, on_result=self._show, on_error=self._failed, parent=self, description=self.tr("載入撥款批次"))

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        jobs.report_error(self, exc)

    def _show(self, rows: list[batches.BatchRow]) -> None:
        selected = self.current()
        keep = selected.id if selected else None
        self.rows, self.error = rows, None
        self.model.set_rows(rows)
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else None)
        if index is not None:
            self.table.selectRow(index)
        else:
            self.lines_model.set_rows([])

    def _selected(self) -> None:
        row = self.current()
        if row is None:
            return
        uow_factory, batch_id = self.context.uow_factory, row.id

        def work(job: jobs.JobControl) -> list[batches.LineRow]:
            with uow_factory() as uow:
                return batches.batch_lines(uow, batch_id)

        jobs.run_job(work, on_result=self.lines_model.set_rows, parent=self, description=self.tr("載入批次明細"))

    # -- approval (the same card flow as the review decisions) -----------------------------------
    def start_approval(self) -> None:
        row = self.current()
        if row is None:
            return
        officer, settings, name = self.context.officer.id, self.context.settings, self.context.officer.name

        def prepare(job: jobs.JobControl) -> _Prep:
            with self.context.uow_factory() as uow:
                cert, demo = batches.approver_certificate(uow, officer)
            if cert is None or not settings.pkcs11_module:
                if demo:
                    return _Prep(None, name)
                raise PermissionDenied(officer, "approve without a bound card certificate")
            # The approver's own card, in a reader, whose token holds the same certificate.
            found = cards.officer_signing_session(settings.pkcs11_module, cert, settings.trust_dir,
                                                  settings.crl_dir)
            return _Prep(found.session, found.holder or name)

        jobs.run_job(prepare, on_result=lambda p: self._ask_pin(row.id, p), on_error=self._approve_failed,
                     parent=self, description=self.tr("讀取憑證卡"))

    def _ask_pin(self, batch_id: int, prep: _Prep) -> None:
        if prep.session is None:
            self._approve(batch_id, prep, None)
            return
        what = self.tr("核准撥款批次 %1").replace("%1", str(batch_id))
        self.pin_dialog = PinDialog(prep.holder, what, prep.session.pin_state, self)
        dialog = self.pin_dialog
        dialog.accepted.connect(lambda: self._approve(batch_id, prep, dialog.take_pin()))
        dialog.open()

    def _approve(self, batch_id: int, prep: _Prep, pin: str | None) -> None:
        officer = self.context.officer.id
        signer: Any = None
        if prep.session is not None:
            session = prep.session

            def signer(payload: bytes) -> Any:
                return session.sign(payload, pin)

        def work(job: jobs.JobControl) -> batches.ApprovalResult:
            with self.context.uow_factory() as uow:
                return batches.approve_batch(uow, batch_id, officer, signer=signer)

        jobs.run_job(work, on_result=self._approved, on_error=self._approve_failed, parent=self,
                     description=self.tr("簽章核准"))

    def _approved(self, result: batches.ApprovalResult) -> None:
        signed = self.tr("已以憑證卡簽章") if result.signed else self.tr("未簽章（示範資料庫）")
        self.message.setText(self.tr("批次 %1 已核准；%2").replace("%1", str(result.batch_id)).replace("%2", signed))
        self.refresh()

    def _approve_failed(self, exc: BaseException) -> None:
        if isinstance(exc, cards.OfficerCardMissing):
            self.message.setText(self.tr("請將您本人的自然人憑證卡插入讀卡機後再核准"))
            return
        if isinstance(exc, batches.FourEyesViolation):
            self.message.setText(self.tr("四眼原則：批次建立者不得核准自己建立的批次"))
            return
        if isinstance(exc, batches.BatchError):
            self.message.setText(self.tr("此批次無法核准：%1").replace("%1", exc.problem))
            return
        jobs.report_error(self, exc)

    # -- files -----------------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        row = self.current()
        if row is None:
            return
        pattern = self.tr("CSV 檔 (*.csv)") if kind == "csv" else self.tr("Excel 活頁簿 (*.xlsx)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("匯出付款檔"), f"payment_batch_{row.id}.{kind}", pattern)
        if not path:
            return
        if not path.lower().endswith("." + kind):
            path += "." + kind
        uow_factory, officer, batch_id = self.context.uow_factory, self.context.officer.id, row.id

        def work(job: jobs.JobControl) -> batches.PaymentFile:
            with uow_factory() as uow:
                return batches.export_batch(uow, batch_id, path, officer=officer)

        jobs.run_job(work, on_result=self._exported, on_error=self._approve_failed, parent=self,
                     description=self.tr("匯出付款檔"))

    def _exported(self, f: batches.PaymentFile) -> None:
        self.message.setText(self.tr("已匯出 %1 筆至 %2\nSHA-256：%3").replace("%1", str(f.lines))
                             .replace("%2", f.path).replace("%3", f.sha256))
        self.refresh()

    def import_results(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("匯入銀行回覆檔"), "",
                                              self.tr("回覆檔 (*.csv *.xlsx)"))
        if not path:
            return
        uow_factory, officer = self.context.uow_factory, self.context.officer.id

        def work(job: jobs.JobControl) -> reconcile.ReconcileResult:
            with uow_factory() as uow:
                return reconcile.reconcile_file(uow, path, officer=officer)

        jobs.run_job(work, on_result=self._reconciled, on_error=self._import_failed, parent=self,
                     description=self.tr("匯入銀行回覆檔"))

    def _reconciled(self, r: reconcile.ReconcileResult) -> None:
        if r.rejected:
            lines = [self.tr("檔案未匯入，以下各列有誤：")]
            lines += [self.tr("第 %1 列：%2").replace("%1", str(x.row)).replace("%2", x.reason) for x in r.rejected]
            self.message.setText("\n".join(lines))
        else:
            self.message.setText(self.tr("對帳完成：已付款 %1 筆，付款失敗 %2 筆（可列入下一批次）")
                                 .replace("%1", str(r.paid)).replace("%2", str(r.failed)))
        self.refresh()

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, reconcile.NothingToReconcile):
            self.message.setText(self.tr("此檔案未變更任何明細（可能已匯入過），未處理"))
            return
        if isinstance(exc, reconcile.ReconcileError):
            self.message.setText(self.tr("無法讀取回覆檔：%1").replace("%1", exc.problem))
            return
        jobs.report_error(self, exc)
