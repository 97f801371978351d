"""Dialogs of the decision bar: reject with a reason, supplement with a deadline, the signing PIN.

All are opened with ``open()`` (window-modal, never a nested event loop) and report through
``accepted``; the PIN dialog shows the card holder and the PIN state the token reports BEFORE
the PIN is typed, and hands the PIN to its caller once (it is cleared from the field at once).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.applications.decisions import REJECT_REASONS
from backoffice.services.cards import PinState
from backoffice.views.applications.review.panels import is_english
from backoffice.views.i18n import QT_TRANSLATE_NOOP

CTX = "DecisionDialogs"
PIN_TEXT = {
    "ok": QT_TRANSLATE_NOOP("DecisionDialogs", "PIN 狀態正常"),
    "count_low": QT_TRANSLATE_NOOP("DecisionDialogs", "注意：這張卡片先前曾輸入錯誤的 PIN"),
    "final_try": QT_TRANSLATE_NOOP("DecisionDialogs", "警告：最後一次機會，再輸入錯誤 PIN 將鎖卡"),
    "locked": QT_TRANSLATE_NOOP("DecisionDialogs", "PIN 已鎖住，無法簽章；請洽發卡單位解鎖"),
}
DEFAULT_SUPPLEMENT_DAYS = 14  # [decision] two weeks unless the officer sets another day


class RejectDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("不予核定"))
        self.reason = QComboBox()
        for code, reason in REJECT_REASONS.items():
            label = reason.label_en if is_english() else reason.label_zh
            self.reason.addItem(f"{label}（{reason.clause}）", code)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("說明（選「其他」時必填）"))
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("理由："), self.reason)
        form.addRow(self.tr("說明："), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.currentIndexChanged.connect(self._check)
        self.note.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()

    def reason_code(self) -> str:
        return str(self.reason.currentData())

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def _check(self) -> None:
        ok = self.reason_code() != "other" or bool(self.note_text())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class SupplementDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("通知補件"))
        self.today = today
        self.deadline_edit = QDateEdit()
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        first = today + timedelta(days=1)
        self.deadline_edit.setMinimumDate(QDate(first.year, first.month, first.day))
        default = today + timedelta(days=DEFAULT_SUPPLEMENT_DAYS)
        self.deadline_edit.setDate(QDate(default.year, default.month, default.day))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("需補正的文件或事項"))
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("補件期限："), self.deadline_edit)
        form.addRow(self.tr("補件事項："), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def deadline(self) -> date:
        d = self.deadline_edit.date()
        return date(d.year(), d.month(), d.day())

    def note_text(self) -> str:
        return self.note.toPlainText().strip()


class PinDialog(QDialog):
    """Asks the signing PIN after showing who signs, what, and the card's PIN state."""

    def __init__(self, holder: str, action: str, pin_state: PinState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("以憑證卡簽章"))
        self.pin_state = pin_state
        info = QLabel(self.tr("簽章人：%1\n簽署內容：%2").replace("%1", holder).replace("%2", action))
        info.setWordWrap(True)
        self.state_label = QLabel(QCoreApplication.translate(CTX, PIN_TEXT[pin_state.level.value]))
        level = pin_state.level.value
        self.state_label.setStyleSheet(
            "color: #a11d1d; font-weight: 600;" if level in ("final_try", "locked") else
            "color: #7a5b00;" if level == "count_low" else "color: #1d6b2c;")
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("請輸入卡片 PIN 碼"))
        self.pin_edit.setEnabled(pin_state.can_try and not pin_state.pin_pad)
        if pin_state.pin_pad:
            self.pin_edit.setPlaceholderText(self.tr("請在讀卡機鍵盤上輸入 PIN"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("簽章"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.pin_edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.state_label)
        layout.addWidget(self.pin_edit)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        ok = self.pin_state.can_try and (bool(self.pin_edit.text()) or self.pin_state.pin_pad)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def take_pin(self) -> str | None:
        """The PIN typed, handed over once: the field is cleared at once."""
        pin = self.pin_edit.text() or None
        self.pin_edit.clear()
        return pin


class FindingDialog(QDialog):
    """The officer's finding on a 待查 checklist item: 符合 or 不符, and what was checked (required)."""

    def __init__(self, item_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("查證待查項目"))
        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("✔ 符合"), "pass")
        self.outcome.addItem(self.tr("✘ 不符"), "fail")
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("查證方式與結果（必填），例如：經濟部商工登記查詢，實收資本額 500 萬元"))
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("審查項目："), QLabel(item_title))
        form.addRow(self.tr("查證結果："), self.outcome)
        form.addRow(self.tr("說明："), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()

    def outcome_code(self) -> str:
        return str(self.outcome.currentData())

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note_text()))


# The rejection reason that names a failing checklist item (the reject dialog preselects it).
REASON_FOR_CHECK = {
    "applicant_type": "applicant_type", "identity_method": "identity_method", "sme_size": "not_sme",
    "no_major_breach": "major_breach", "no_serious_violation": "serious_violation",
    "not_mainland_or_branch": "mainland_or_branch", "no_other_subsidy": "other_subsidy",
    "one_grant_per_ubn": "already_granted", "form2_authorisation": "authorisation",
    "form3_authorisation": "authorisation", "query_rule": "authorisation", "declarations": "declarations",
    "personal_data_consent": "declarations", "desk_identity": "desk_verification",
}
