"""The supervisor's release of someone else's stale claim: says whose claim, since when, and
asks for the reason (audited) before anything is released; Cancel releases nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReleaseStaleDialog(QDialog):
    def __init__(self, case: str, holder: str, since: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("主管釋出逾時認領"))
        question = QLabel(self.tr("確定要釋出 %1 由 %2 自 %3 起的認領？案件將回到佇列，由其他承辦人認領。")
                          .replace("%1", case).replace("%2", holder).replace("%3", since))
        question.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("釋出原因（必填，記錄於稽核紀錄），例如：承辦人休假"))
        self.reason.setMaximumHeight(80)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("釋出認領"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(QLabel(self.tr("原因：")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._check()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason_text()))
