"""Dialogs of the refunds desk: the officer's finding (E, reason, old and new figures side by side),
a supervisor's return reason, and the vendor's self-pay refund payment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy.dates import roc_short
from backoffice.services.refunds.queries import ResolutionPreview
from backoffice.views import style
from backoffice.views.date_field import RocDateEdit
from backoffice.views.table_kit import clause_lines, fmt_int


class ResolveDialog(QDialog):
    """The officer enters the last day of service E and a reason; the figures are never typed:
    the policy recomputes them and both sets are shown side by side before saving."""

    def __init__(self, current_e: date, language: str, preview: Callable[[date], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("承辦認定"))
        self.language = language
        self._preview = preview
        self.valid = False
        self.e_edit = RocDateEdit(current_e)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("認定理由與所依據之佐證（例如：供應商服務紀錄）"))
        self.reason.setFixedHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("最後服務日 E"), self.e_edit)
        form.addRow(self.tr("理由"), self.reason)
        grid = QGridLayout()
        self.cells: dict[tuple[str, str], QLabel] = {}
        heads = (self.tr("項目"), self.tr("原計算"), self.tr("新計算"))
        for col, text in enumerate(heads):
            head = QLabel(text)
            head.setObjectName(style.FIGURE_LABEL)
            grid.addWidget(head, 0, col)
        rows = (("effective_on", self.tr("最後服務日")), ("months_used", self.tr("已使用月數")),
                ("points_refund", self.tr("點數返還")), ("self_pay_refund", self.tr("自付款退還")))
        for r, (key, text) in enumerate(rows, start=1):
            grid.addWidget(QLabel(text), r, 0)
            for c, side in enumerate(("old", "new"), start=1):
                cell = QLabel("—")
                self.cells[(key, side)] = cell
                grid.addWidget(cell, r, c)
        self.clauses = QLabel()
        self.clauses.setObjectName(style.CLAUSE_NOTE)
        self.clauses.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a11d1d;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("儲存認定"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        grid.setVerticalSpacing(6)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.clauses)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.e_edit.changed.connect(lambda: self._preview(self.effective_on()))
        self.reason.textChanged.connect(self._check)
        self._check()

    def effective_on(self) -> date:
        return self.e_edit.value()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_preview(self, p: ResolutionPreview) -> None:
        if p.effective_on != self.effective_on():
            return  # an older answer
        self.valid = p.valid
        self._fill("old", p.old)
        if p.new is None:
            for key in ("effective_on", "months_used", "points_refund", "self_pay_refund"):
                self.cells[(key, "new")].setText("—")
            self.problem.setText(self.tr("最後服務日須在契約期間內（%1 至 %2）")
                                 .replace("%1", roc_short(p.contract_start)).replace("%2", roc_short(p.contract_end)))
            self.clauses.clear()
        else:
            self._fill("new", p.new)
            self.problem.clear()
            changed = p.new["self_pay_refund"] != p.old["self_pay_refund"] or \
                p.new["points_refund"] != p.old["points_refund"]
            for key in ("months_used", "points_refund", "self_pay_refund"):
                self.cells[(key, "new")].setStyleSheet("font-weight: 600;" if changed else "")
            self.clauses.setText(self.tr("依據：") + clause_lines(
                [c for c in p.new["clauses"] if not c.startswith("RULES")], self.language).replace("\n", "；"))
        self._check()
        self.adjustSize()  # the wrapped clauses need their lines: grow rather than squeeze the figures

    def _fill(self, side: str, figures: dict[str, object]) -> None:
        e = figures["effective_on"]
        self.cells[("effective_on", side)].setText(roc_short(e) if isinstance(e, date) else str(e))
        self.cells[("months_used", side)].setText(str(figures["months_used"]))
        for key in ("points_refund", "self_pay_refund"):
            value = figures[key]
            self.cells[(key, side)].setText(fmt_int(value) if isinstance(value, int) else str(value))

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.valid and bool(self.reason_text()))


class ReasonDialog(QDialog):
    """A required reason (a supervisor's return to the officer)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(prompt)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.note.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note_text()))

    def note_text(self) -> str:
        return self.note.toPlainText().strip()


class SelfPayPaidDialog(QDialog):
    """The vendor paid the applicant the self-pay refund: the date and the proof (a transfer reference)."""

    def __init__(self, amount: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登錄自付款退還"))
        self.paid_on = RocDateEdit(today)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("匯款編號或收據字號"))
        form = QFormLayout()
        form.addRow(self.tr("退還金額"), QLabel(self.tr("新臺幣 %1 元").replace("%1", fmt_int(amount))))
        form.addRow(self.tr("退還日"), self.paid_on)
        form.addRow(self.tr("證明"), self.reference)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reference.textChanged.connect(
            lambda t: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(t.strip())))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def paid_date(self) -> date:
        return self.paid_on.value()

    def reference_text(self) -> str:
        return self.reference.text().strip()
