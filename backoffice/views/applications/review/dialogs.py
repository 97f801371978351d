"""Dialogs of the decision bar: reject with a reason, supplement with a deadline, the signing PIN.

All are opened with ``open()`` (window-modal, never a nested event loop) and report through
``accepted``; the PIN dialog shows the card holder and the PIN state the token reports BEFORE
the PIN is typed, and hands the PIN to its caller once (it is cleared from the field at once).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy import clauses
from backoffice.services.applications.decisions import REJECT_REASONS, EmailPreview
from backoffice.services.cards import PinState
from backoffice.views.applications.review.panels import is_english
from backoffice.views.date_field import RocDateEdit
from backoffice.views.i18n import QT_TRANSLATE_NOOP

CTX = "DecisionDialogs"
PIN_TEXT = {
    "ok": QT_TRANSLATE_NOOP("DecisionDialogs", "PIN 狀態正常"),
    "count_low": QT_TRANSLATE_NOOP("DecisionDialogs", "注意：這張卡片先前曾輸入錯誤的 PIN"),
    "final_try": QT_TRANSLATE_NOOP("DecisionDialogs", "警告：最後一次機會，再輸入錯誤 PIN 將鎖卡"),
    "locked": QT_TRANSLATE_NOOP("DecisionDialogs", "PIN 已鎖住，無法簽章；請洽發卡單位解鎖"),
}
DEFAULT_SUPPLEMENT_DAYS = 14  # [decision] two weeks unless the officer sets another day
# Builds the e-mail the decision would queue (the decision service's own function), from the
# dialog's fields; None when the dialog has no preview (tests, no case loaded).
Previewer = Callable[[dict[str, Any]], EmailPreview]


class EmailPreviewBox(QPlainTextEdit):
    """Read-only: the applicant's e-mail exactly as it would be queued, refreshed as fields change."""

    def __init__(self, previewer: Previewer | None, fields: Callable[[], dict[str, Any]]) -> None:
        super().__init__()
        self.setReadOnly(True)
        self.setObjectName("emailPreview")
        self.setMinimumHeight(150)
        self._previewer, self._fields = previewer, fields
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # typing in the note does not query on every key
        self._timer.timeout.connect(self.update_now)
        self.setVisible(previewer is not None)
        self.setMinimumWidth(480)  # the e-mail reads as the applicant will see it, not in a narrow strip

    def schedule(self) -> None:
        if self._previewer is not None:
            self._timer.start()

    def update_now(self) -> None:
        if self._previewer is None:
            return
        try:
            mail = self._previewer(self._fields())
        except Exception as exc:  # noqa: BLE001 - a preview must never break the dialog
            self.setPlainText(QCoreApplication.translate("DecisionDialogs", "無法產生通知信預覽：%1").replace("%1", str(exc)))
            return
        if mail.to_address is None:
            head = QCoreApplication.translate("DecisionDialogs", "申請人未留電子郵件，不會寄出通知信。")
        else:
            head = QCoreApplication.translate("DecisionDialogs", "收件人：%1").replace("%1", mail.to_address)
        subject = QCoreApplication.translate("DecisionDialogs", "主旨：%1").replace("%1", mail.subject)
        self.setPlainText(f"{head}\n{subject}\n\n{mail.body}")


class RejectDialog(QDialog):
    """``not_applicable``: reason codes that do not fit the case (shown, not selectable)."""

    def __init__(self, parent: QWidget | None = None, *, previewer: Previewer | None = None,
                 not_applicable: frozenset[str] = frozenset()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("不予核定"))
        self.reason = QComboBox()
        lang = "en" if is_english() else "zh_TW"
        model = self.reason.model()
        for code, reason in REJECT_REASONS.items():
            label = reason.label_en if is_english() else reason.label_zh
            self.reason.addItem(f"{label}（{clauses.shown(reason.clause, lang)}）", code)
            index = self.reason.count() - 1
            self.reason.setItemData(index, clauses.wording(reason.clause, lang), Qt.ItemDataRole.ToolTipRole)
            if code in not_applicable:
                item = model.item(index) if hasattr(model, "item") else None
                if item is not None:
                    item.setEnabled(False)
                    item.setToolTip(self.tr("此理由不適用於本案（未曾通知補件，或補件期限尚未屆滿）"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("說明（選「其他」時必填）"))
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("理由："), self.reason)
        form.addRow(self.tr("說明："), self.note)
        self.preview = EmailPreviewBox(previewer, lambda: {"reason_code": self.reason_code(),
                                                           "note": self.note_text() or None})
        if previewer is not None:
            form.addRow(self.tr("通知信預覽："), self.preview)
        self.reason.currentIndexChanged.connect(self.preview.schedule)
        self.note.textChanged.connect(self.preview.schedule)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.currentIndexChanged.connect(self._check)
        self.note.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()
        self.preview.update_now()

    def reason_code(self) -> str:
        return str(self.reason.currentData())

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def _check(self) -> None:
        ok = self.reason_code() != "other" or bool(self.note_text())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class SupplementDialog(QDialog):
    """The deadline and the items to supply (required: the e-mail must say what to send)."""

    def __init__(self, today: date, parent: QWidget | None = None, *, previewer: Previewer | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("通知補件"))
        self.today = today
        default = today + timedelta(days=DEFAULT_SUPPLEMENT_DAYS)
        # ROC for people (115/03/01); the deadline is a day after today at the earliest.
        self.deadline_edit = RocDateEdit(default, minimum=today + timedelta(days=1))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("需補正的文件或事項"))
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("補件期限："), self.deadline_edit)
        form.addRow(self.tr("補件事項："), self.note)
        self.preview = EmailPreviewBox(previewer, lambda: {"deadline": self.deadline(),
                                                           "note": self.note_text() or None})
        if previewer is not None:
            form.addRow(self.tr("通知信預覽："), self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._check)
        self.note.textChanged.connect(self.preview.schedule)
        self.deadline_edit.changed.connect(self.preview.schedule)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()
        self.preview.update_now()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note_text()))

    def deadline(self) -> date:
        return self.deadline_edit.value()

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
