"""A supervisor's audited look at the representative's full national ID (RULES §10 person data).

The review screen shows the number masked. A supervisor gets a small 顯示完整身分證字號… button
beside it: a dialog asks why, ``reveal_national_id`` (role-checked and audited in the service)
runs in a job, and the full number replaces the masked one in place, for this view only: it is
never logged, and the next dossier shown (another case, or a refresh) draws the masked one again.
Other roles see no button (and the service refuses them anyway).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.applications.personal_data import NothingToReveal, Revealed, reveal_national_id
from backoffice.services.applications.review import ReviewDossier
from backoffice.services.authz import PermissionDenied
from backoffice.views.context import ROLE_SUPERVISOR
from backoffice.views.jobs import JobControl, message_for, run_job

MAX_REASON = 200  # the service's limit


class RevealReasonDialog(QDialog):
    """Why the supervisor needs the full number (required, recorded with the viewing)."""

    def __init__(self, masked: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("顯示完整身分證字號"))
        self.setMinimumWidth(420)
        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("查看原因（必填），例如：核對憑證卡持有人身分"))
        form = QFormLayout()
        form.addRow(self.tr("身分證字號："), QLabel(masked))
        form.addRow(self.tr("原因："), self.reason)
        note = QLabel(self.tr("查看完整身分證字號會記錄於稽核紀錄（查看人、時間、原因）。"))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._check()

    def reason_text(self) -> str:
        return self.reason.text().strip()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason_text()))


class NationalIdReveal(QWidget):
    """The masked number, and for a supervisor the button that reveals it (one per dossier shown)."""

    def __init__(self, context: Any, dossier: ReviewDossier, value: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dossier = dossier
        self.value = value
        self.dialog: RevealReasonDialog | None = None
        self.revealed = False
        self.button = QPushButton(self.tr("顯示完整身分證字號…"))
        self.button.setToolTip(self.tr("僅主管可查看；查看會記錄於稽核紀錄"))
        self.button.clicked.connect(self.ask)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(value)
        layout.addWidget(self.button)
        layout.addWidget(self.note, 1)
        layout.addStretch(0)  # the button keeps its own width while the note is hidden
        self.note.setStyleSheet("color: #5c6773;")
        self.note.hide()
        officer = context.officer
        self.button.setVisible(officer.has_role(ROLE_SUPERVISOR) and dossier.applicant_id is not None
                               and bool(value.text().strip("—")))

    def ask(self) -> None:
        self.dialog = RevealReasonDialog(self.value.text(), self)
        self.dialog.accepted.connect(lambda: self.reveal(self.dialog.reason_text() if self.dialog else ""))
        self.dialog.open()

    def reveal(self, reason: str) -> None:
        """Ask the service (a job); the answer is shown here only, never logged."""
        applicant_id, officer_id = self.dossier.applicant_id, self.context.officer.id
        if applicant_id is None:
            return
        factory = self.context.uow_factory

        def work(job: JobControl) -> Revealed:
            with factory() as uow:
                return reveal_national_id(uow, officer_id, "applicant", applicant_id, reason)

        self.button.setEnabled(False)
        run_job(work, on_result=self._show, on_error=self._refused, parent=self,
                description=self.tr("顯示完整身分證字號"))

    def _show(self, result: Revealed) -> None:
        self.revealed = True
        self.value.setText(result.national_id)
        self.button.hide()
        self.note.setText(self.tr("已記錄本次查看（稽核紀錄 #%1）").replace("%1", str(result.audit_event_id)))
        self.note.show()

    def _refused(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        if isinstance(exc, PermissionDenied):
            text = self.tr("僅主管可查看完整身分證字號；此次嘗試已記錄。")
        elif isinstance(exc, NothingToReveal):
            text = self.tr("此申請者未登錄身分證字號。")
        elif isinstance(exc, ValueError):
            text = self.tr("請填寫 1 至 200 字的查看原因。")
        else:
            text = message_for(exc)
        self.note.setText(text)
        self.note.show()
