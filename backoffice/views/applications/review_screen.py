"""The review screen (審查): one application with everything its decision depends on, and the decision bar.

Left: 附表1 as on the form, the identity proofs, 附表2/附表3 with their queries. Right: the policy's
checklist (clause and evidence per item), the attached scans and the case history. Bottom: claim,
desk verification of the applicant's card, approve / reject with a reason / supplement with a
deadline, each signed with the officer's card (PIN asked once, after showing the PIN state).

Everything slow (loading, card reads, PKCS#11, signing) runs in ``views.jobs``; this module never
opens a session nor talks to a card itself. Opened from the queue with ``open_application(id)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.applications import assignment, decisions, desk_verification, review
from backoffice.services.authz import PermissionDenied
from backoffice.services.points import ledger
from backoffice.smartcard import pkcs11
from backoffice.smartcard.signing import (
    CertificateMismatchError,
    sha256_hex,
    sign_bytes,
    token_for_certificate,
)
from backoffice.views import labels, style
from backoffice.views.applications.review.attachment_viewer import AttachmentViewer
from backoffice.views.applications.review.dialogs import PinDialog, RejectDialog, SupplementDialog
from backoffice.views.applications.review.panels import (
    ChecklistPanel,
    FormFieldsPanel,
    FormsPanel,
    HistoryPanel,
    IdentityPanel,
    roc_time,
)
from backoffice.views.context import AppContext
from backoffice.views.jobs import JobControl, message_for, run_job

DECIDABLE = {"submitted", "under_review", "supplement_requested"}


class OfficerCardMissing(Exception):  # noqa: N818 (as the officer sees it)
    """The officer's own card (the certificate bound to the officer) is in no reader."""


@dataclass(frozen=True)
class SigningPrep:
    """Known before the PIN is asked: whose card, which token, its PIN state."""

    cert_der: bytes | None  # None: unsigned decision on a demo database
    token: pkcs11.TokenInfo | None
    holder: str


class ReviewScreen(QWidget):
    decided = Signal(int, str)  # application id, decision kind
    back_requested = Signal()  # the officer goes back to the queue (button or Esc)

    def __init__(self, context: AppContext, application_id: int | None = None) -> None:
        super().__init__()
        self.setObjectName("pageRoot")
        self.context = context
        self.application_id = application_id
        self.dossier: review.ReviewDossier | None = None
        self._error: BaseException | None = None
        self._loaded = False
        self.pin_dialog: PinDialog | None = None
        self.reject_dialog: RejectDialog | None = None
        self.supplement_dialog: SupplementDialog | None = None
        self.last_result: decisions.DecisionResult | None = None
        self.last_verification: decisions.VerificationResult | None = None
        self.last_desk: desk_verification.DeskVerification | None = None

        self.title = QLabel(self.tr("案件審查"))
        self.title.setObjectName(style.PAGE_TITLE)
        self.status_label = QLabel()
        self.holder_label = QLabel()
        self.back_button = QPushButton(self.tr("← 返回申請案件"))
        self.back_button.setToolTip(self.tr("回到申請案件清單（Esc）"))
        self.back_button.clicked.connect(lambda: self.back_requested.emit())
        # Esc leaves the review from anywhere on it; dialogs (PIN, reject, supplement) are their own windows.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, lambda: self.back_requested.emit())
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(8)
        header.addWidget(self.title, 1)
        header.addWidget(self.status_label)
        header.addWidget(self.holder_label)

        self.fields_panel = FormFieldsPanel()
        self.identity_panel = IdentityPanel()
        self.forms_panel = FormsPanel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        for panel in (self.fields_panel, self.identity_panel, self.forms_panel):
            left_layout.addWidget(panel)
        left_layout.addStretch(1)
        left_scroll = QScrollArea()
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)

        self.checklist_panel = ChecklistPanel()
        self.attachment_viewer = AttachmentViewer(context.uow_factory, viewer=context.officer.id)
        self.history_panel = HistoryPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attachment_viewer, self.tr("附件"))
        self.tabs.addTab(self.history_panel, self.tr("案件歷程"))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.checklist_panel)
        right.addWidget(self.tabs)
        right.setSizes([430, 330])

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left_scroll)
        body.addWidget(right)
        body.setSizes([470, 730])

        self.claim_button = QPushButton(self.tr("認領案件"))
        self.release_button = QPushButton(self.tr("釋出案件"))
        self.desk_button = QPushButton(self.tr("臨櫃查驗申請人憑證卡"))
        self.approve_button = QPushButton(self.tr("核定並簽章"))
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setStyleSheet("QPushButton#approveButton { background: #1f7a3a; color: white; "
                                          "font-weight: 600; } QPushButton#approveButton:disabled "
                                          "{ background: #a9c9b2; }")
        self.reject_button = QPushButton(self.tr("不予核定…"))
        self.supplement_button = QPushButton(self.tr("通知補件…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.claim_button.clicked.connect(self.claim)
        self.release_button.clicked.connect(self.release)
        self.desk_button.clicked.connect(self.verify_card)
        self.approve_button.clicked.connect(self.approve)
        self.reject_button.clicked.connect(self.ask_reject)
        self.supplement_button.clicked.connect(self.ask_supplement)
        bar = QHBoxLayout()
        for b in (self.claim_button, self.release_button, self.desk_button):
            bar.addWidget(b)
        bar.addStretch(1)
        for b in (self.supplement_button, self.reject_button, self.approve_button):
            bar.addWidget(b)

        root = QVBoxLayout(self)
        root.addLayout(header)
        root.addWidget(body, 1)
        root.addWidget(self.message)
        root.addLayout(bar)
        self._update_buttons()

    # --- page protocol ---------------------------------------------------------------------------
    def is_loaded(self) -> bool:
        return self._loaded

    def load_error(self) -> BaseException | None:
        return self._error

    def open_application(self, application_id: int) -> None:
        self.application_id = application_id
        self.message.setText("")
        self.refresh()

    def refresh(self) -> None:
        app_id = self.application_id
        if app_id is None:
            self._loaded = True
            return
        today, viewer = self.context.today(), self.context.officer.id

        def work(job: JobControl) -> review.ReviewDossier:
            with self.context.uow_factory() as uow:
                return review.load_dossier(uow, app_id, today=today, viewer=viewer)

        self._loaded = False
        run_job(work, on_result=self._show, on_error=self._load_failed, parent=self,
                description=self.tr("載入案件"))

    def _load_failed(self, exc: BaseException) -> None:
        self._error = exc
        self._loaded = True
        self.message.setText(message_for(exc))

    def _show(self, d: review.ReviewDossier) -> None:
        self.dossier = d
        self._error = None
        self.title.setText(self.tr("案件 %1　%2（%3）").replace("%1", d.external_id).replace("%2", d.name)
                           .replace("%3", d.ubn))
        status = labels.title(labels.APPLICATION_STATUS, d.status)
        if d.supplement_deadline and d.status == "supplement_requested":
            status += self.tr("（期限 %1）").replace("%1", roc_time_date(d.supplement_deadline))
        self.status_label.setText(self.tr("狀態：") + status)
        if d.assigned_officer_name:
            self.holder_label.setText(self.tr("承辦：%1（%2 認領）").replace("%1", d.assigned_officer_name)
                                      .replace("%2", roc_time(d.claimed_at) if d.claimed_at else "—"))
        else:
            self.holder_label.setText(self.tr("承辦：尚未認領"))
        for panel in (self.fields_panel, self.identity_panel, self.forms_panel, self.checklist_panel,
                      self.history_panel):
            panel.show_dossier(d)
        self.attachment_viewer.set_rows(d.attachments)
        self._loaded = True
        self._update_buttons()

    # --- buttons ---------------------------------------------------------------------------------
    def holds_claim(self) -> bool:
        d = self.dossier
        return d is not None and d.assigned_officer_id is not None and d.assigned_officer_id == self.context.officer.id

    def _update_buttons(self) -> None:
        d = self.dossier
        open_case = d is not None and d.status in DECIDABLE
        mine = self.holds_claim()
        self.claim_button.setEnabled(open_case and d is not None and d.assigned_officer_id is None)
        self.release_button.setEnabled(open_case and mine)
        self.desk_button.setEnabled(d is not None)
        self.approve_button.setEnabled(open_case and mine and d is not None and d.eligible is not False)
        self.reject_button.setEnabled(open_case and mine)
        self.supplement_button.setEnabled(open_case and mine)
        if d is not None and open_case and not mine and d.assigned_officer_id is not None:
            self.approve_button.setToolTip(self.tr("此案件由其他承辦人認領，您不能決定"))
        else:
            self.approve_button.setToolTip("")

    def _run(self, fn: Callable[[JobControl], Any], done: Callable[[Any], None], description: str) -> None:
        self.message.setText(description + "…")
        run_job(fn, on_result=done, on_error=self._failed, parent=self, description=description)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(self.error_text(exc))
        self.message.setStyleSheet("color: #a11d1d;")
        self.refresh()

    def _ok(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #1d6b2c;")
        self.refresh()

    def claim(self) -> None:
        app_id, officer = self.application_id, self.context.officer.id

        def work(job: JobControl) -> assignment.ClaimInfo:
            with self.context.uow_factory() as uow:
                return assignment.claim(uow, app_id, officer)  # type: ignore[arg-type]

        self._run(work, lambda _i: self._ok(self.tr("已認領此案件")), self.tr("認領案件"))

    def release(self) -> None:
        app_id, officer = self.application_id, self.context.officer.id

        def work(job: JobControl) -> assignment.ClaimInfo:
            with self.context.uow_factory() as uow:
                return assignment.release(uow, app_id, officer)  # type: ignore[arg-type]

        self._run(work, lambda _i: self._ok(self.tr("已釋出此案件")), self.tr("釋出案件"))

    # --- desk verification -------------------------------------------------------------------------
    def verify_card(self) -> None:
        app_id, officer, settings = self.application_id, self.context.officer.id, self.context.settings

        def work(job: JobControl) -> desk_verification.DeskVerification:
            with self.context.uow_factory() as uow:
                own = decisions.officer_certificate(uow, officer)
            job.progress(1, 3, "")
            cards = desk_verification.read_cards_present(settings.trust_dir, settings.crl_dir,
                                                         exclude_sha256=sha256_hex(own) if own else None)
            if not cards:
                raise desk_verification_missing()
            job.progress(2, 3, "")
            with self.context.uow_factory() as uow:
                return desk_verification.verify_at_desk(uow, app_id, officer, cards[0])  # type: ignore[arg-type]

        self._run(work, self._desk_done, self.tr("讀取申請人憑證卡"))

    def _desk_done(self, result: desk_verification.DeskVerification) -> None:
        self.last_desk = result
        lang = "en" if self.tr("中文") != "中文" else "zh"
        if result.passed:
            self._ok(self.tr("✔ 臨櫃查驗通過：") + result.evidence(lang))
        else:
            self.message.setStyleSheet("color: #a11d1d;")
            self.message.setText(self.tr("✘ 臨櫃查驗未通過：") + result.evidence(lang))
            self.refresh()

    # --- decisions -----------------------------------------------------------------------------------
    def approve(self) -> None:
        self.start_decision("approve", {})

    def ask_reject(self) -> None:
        self.reject_dialog = RejectDialog(self)
        dialog = self.reject_dialog
        dialog.accepted.connect(lambda: self.start_decision(
            "reject", {"reason_code": dialog.reason_code(), "note": dialog.note_text() or None}))
        dialog.open()

    def ask_supplement(self) -> None:
        self.supplement_dialog = SupplementDialog(self.context.today(), self)
        dialog = self.supplement_dialog
        dialog.accepted.connect(lambda: self.start_decision(
            "supplement", {"deadline": dialog.deadline(), "note": dialog.note_text() or None}))
        dialog.open()

    def start_decision(self, kind: str, params: dict[str, Any]) -> None:
        """Find the officer's card and token (no PIN yet), then ask the PIN, then decide."""
        officer, settings = self.context.officer.id, self.context.settings

        def prepare(job: JobControl) -> SigningPrep:
            with self.context.uow_factory() as uow:
                cert = decisions.officer_certificate(uow, officer)
                demo = decisions.is_demo_database(uow)
            if cert is None or not settings.pkcs11_module:
                if demo:
                    return SigningPrep(None, None, self.context.officer.name)
                raise decisions.SignatureRequired("no card certificate or PKCS#11 module")
            # The card in the reader must be the officer's own (read over PC/SC), and the
            # PKCS#11 token must hold that same certificate: the PIN goes to no other card.
            cards = desk_verification.read_cards_present(settings.trust_dir, settings.crl_dir)
            if not any(c.info.sha256 == sha256_hex(cert) for c in cards):
                raise OfficerCardMissing()
            token = token_for_certificate(settings.pkcs11_module, cert)
            holder = next(c.info.holder.name for c in cards if c.info.sha256 == sha256_hex(cert))
            return SigningPrep(cert, token, holder or self.context.officer.name)

        self._run(prepare, lambda prep: self._ask_pin(kind, params, prep), self.tr("讀取承辦人憑證卡"))

    def _ask_pin(self, kind: str, params: dict[str, Any], prep: SigningPrep) -> None:
        if prep.cert_der is None or prep.token is None:
            self._decide(kind, params, prep, None)
            return
        actions = {"approve": self.tr("核定並核發點數"), "reject": self.tr("不予核定"),
                   "supplement": self.tr("通知補件")}
        d = self.dossier
        what = f"{actions[kind]}：{d.external_id} {d.name}" if d else actions[kind]
        self.pin_dialog = PinDialog(prep.holder, what, prep.token.pin_state, self)
        dialog = self.pin_dialog
        dialog.accepted.connect(lambda: self._decide(kind, params, prep, dialog.take_pin()))
        dialog.rejected.connect(lambda: self.message.setText(self.tr("已取消簽章")))
        self.message.setText(self.tr("請輸入 PIN 以簽章"))
        dialog.open()

    def _decide(self, kind: str, params: dict[str, Any], prep: SigningPrep, pin: str | None) -> None:
        app_id, officer = self.application_id, self.context.officer.id
        version = self.dossier.version if self.dossier else None
        module = self.context.settings.pkcs11_module or ""
        today = self.context.today()
        signer: decisions.Signer | None = None
        if prep.cert_der is not None:
            cert, label = prep.cert_der, prep.token.label if prep.token else None

            def signer(payload: bytes) -> Any:
                return sign_bytes(module, payload, pin, token_label=label, expected_cert_der=cert)

        def work(job: JobControl) -> tuple[decisions.DecisionResult, decisions.VerificationResult]:
            with self.context.uow_factory() as uow:
                fn = {"approve": decisions.approve, "reject": decisions.reject,
                      "supplement": decisions.request_supplement}[kind]
                result = fn(uow, app_id, officer, signer=signer, expected_version=version,  # type: ignore[operator]
                            today=today, **params)
            with self.context.uow_factory() as uow:
                return result, decisions.verify_decision(uow, result.decision_id)

        self._run(work, self._decided, self.tr("簽章並儲存決定"))

    def _decided(self, outcome: tuple[decisions.DecisionResult, decisions.VerificationResult]) -> None:
        result, check = outcome
        self.last_result, self.last_verification = result, check
        texts = {"approve": self.tr("已核定，核發 %1 點").replace("%1", f"{result.grant_points or 0:,}"),
                 "reject": self.tr("已不予核定"), "supplement": self.tr("已通知補件")}
        signed = self.tr("；簽章驗證有效") if check.ok else self.tr("；未簽章（示範資料庫）")
        mail = self.tr("；通知信已排入寄送佇列") if result.outbox_email_id else ""
        self._ok(texts[result.kind] + signed + mail)
        self.decided.emit(result.application_id, result.kind)

    # --- messages by exception type ------------------------------------------------------------------
    def error_text(self, exc: BaseException) -> str:
        if isinstance(exc, assignment.ClaimRequired):
            return self.tr("您未認領此案件（或已被他人認領），不能決定")
        if isinstance(exc, assignment.AlreadyClaimed):
            return self.tr("此案件已由 %1 認領").replace("%1", exc.holder_name)
        if isinstance(exc, ledger.BudgetExhausted):
            return self.tr("補助額度已用罄（剩餘 %1 點），無法核發").replace("%1", f"{exc.remaining:,}")
        if isinstance(exc, decisions.NotEligible):
            return self.tr("資格審查有不符項目，不得核定：") + "、".join(exc.failing)
        if isinstance(exc, decisions.DecisionConflict):
            return self.tr("案件已被其他同仁更新，已重新載入，請確認後再決定")
        if isinstance(exc, decisions.NotDecidable):
            return self.tr("此案件已結案，不能再決定")
        if isinstance(exc, decisions.InvalidReason | decisions.InvalidDeadline):
            return self.tr("理由或補件期限不正確")
        if isinstance(exc, decisions.SignatureRequired):
            return self.tr("決定須以您的憑證卡簽章：未設定 PKCS#11 模組或您尚未綁定憑證")
        if isinstance(exc, decisions.WrongSigningCard | CertificateMismatchError):
            return self.tr("讀卡機中的卡片不是您綁定的憑證卡，請改插您自己的卡片")
        if isinstance(exc, OfficerCardMissing):
            return self.tr("請將您的自然人憑證卡插入讀卡機後再試")
        if isinstance(exc, DeskCardMissing):
            return self.tr("請將申請人的憑證卡插入讀卡機後再試")
        if isinstance(exc, pkcs11.WrongPinError):
            return self.tr("PIN 碼錯誤，決定未儲存；系統不會自動重試")
        if isinstance(exc, pkcs11.PinLockedError):
            return self.tr("PIN 已鎖住，無法簽章；請洽發卡單位解鎖")
        if isinstance(exc, pkcs11.Pkcs11Error):
            return self.tr("卡片簽章失敗（PKCS#11），決定未儲存")
        if isinstance(exc, PermissionDenied):
            return self.tr("您的角色不能審查案件")
        return message_for(exc)


class DeskCardMissing(Exception):  # noqa: N818
    """No applicant card (other than the officer's own) is in a reader."""


def desk_verification_missing() -> DeskCardMissing:
    return DeskCardMissing()


def roc_time_date(d: Any) -> str:
    from backoffice.policy.dates import roc_short

    return roc_short(d)


def open_review(host: Any, application_id: int) -> ReviewScreen:
    """Show the review of ``application_id`` in ``host`` (the main window): one review page, reused."""
    page: ReviewScreen | None = getattr(host, "_review_page", None)
    import shiboken6

    if page is None or not shiboken6.isValid(page):
        page = ReviewScreen(host.context)
        host._review_page = page
        host.stack.addWidget(page)
    host.stack.setCurrentWidget(page)
    page.open_application(application_id)
    return page
