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

from backoffice.policy.dates import roc_short
from backoffice.services import cards
from backoffice.services.applications import assignment, decisions, desk_verification, findings, review
from backoffice.services.applications.signing_readiness import SigningReadiness, signing_readiness
from backoffice.services.authz import PermissionDenied
from backoffice.services.points import ledger
from backoffice.views import labels, style
from backoffice.views.applications.review.attachment_viewer import AttachmentViewer
from backoffice.views.applications.review.dialogs import (
    REASON_FOR_CHECK,
    FindingDialog,
    PinDialog,
    RejectDialog,
    SupplementDialog,
)
from backoffice.views.applications.review.panels import (
    ChecklistPanel,
    FormFieldsPanel,
    FormsPanel,
    HistoryPanel,
    IdentityPanel,
    roc_time,
)
from backoffice.views.context import AppContext
from backoffice.views.elided_label import ElidedLabel
from backoffice.views.jobs import JobControl, message_for, run_job

DECIDABLE = {"submitted", "under_review", "supplement_requested"}
FINAL_DECISIONS = {"approve", "reject"}


@dataclass(frozen=True)
class SigningPrep:
    """Known before the PIN is asked: whose card, which token, its PIN state."""

    session: cards.SigningSession | None  # None: unsigned decision on a demo database
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
        self.finding_dialog: FindingDialog | None = None
        self._shown_id: int | None = None  # the case on screen: another case opens scrolled to the top
        self.last_result: decisions.DecisionResult | None = None
        self.last_verification: decisions.VerificationResult | None = None
        self.last_desk: desk_verification.DeskVerification | None = None
        self.readiness: SigningReadiness | None = None
        # What the officer typed in a decision dialog, per (case, kind), until the decision is saved:
        # a refused signing or a cancelled dialog never throws it away.
        self.drafts: dict[tuple[int, str], dict[str, Any]] = {}

        # Long names are cut with "…" (whole in the tooltip): the window never grows past the screen.
        self.title = ElidedLabel(self.tr("案件審查"))
        self.title.setObjectName(style.PAGE_TITLE)
        self.status_label = QLabel()
        self.holder_label = ElidedLabel()
        self.back_button = QPushButton(self.tr("← 返回申請案件"))
        self.back_button.setToolTip(self.tr("回到申請案件清單（Esc）"))
        self.back_button.clicked.connect(lambda: self.back_requested.emit())
        # Esc leaves the review from anywhere on it; dialogs (PIN, reject, supplement) are their own windows.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, lambda: self.back_requested.emit())
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(8)
        header.addWidget(self.title, 3)
        header.addWidget(self.status_label)
        header.addWidget(self.holder_label, 1)

        self.fields_panel = FormFieldsPanel(context)
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
        self.checklist_panel.resolve_requested.connect(self.ask_finding)
        self.attachment_viewer = AttachmentViewer(context.uow_factory, viewer=context.officer.id)
        self.history_panel = HistoryPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attachment_viewer, self.tr("附件"))
        self.tabs.addTab(self.history_panel, self.tr("案件歷程"))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.checklist_panel)
        right.addWidget(self.tabs)
        right.setSizes([430, 330])

        body = self.body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left_scroll)
        body.addWidget(right)
        self.left_scroll, self.right_panels = left_scroll, right
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
        self.signing_notice = QLabel()
        self.signing_notice.setObjectName("signingNotice")
        self.signing_notice.setWordWrap(True)
        self.signing_notice.setVisible(False)
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
        root.addWidget(self.signing_notice)
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
        module = self.context.settings.pkcs11_module

        def work(job: JobControl) -> tuple[review.ReviewDossier, SigningReadiness]:
            with self.context.uow_factory() as uow:
                return (review.load_dossier(uow, app_id, today=today, viewer=viewer),
                        signing_readiness(uow, viewer, pkcs11_module=module))

        def show(result: tuple[review.ReviewDossier, SigningReadiness]) -> None:
            self.readiness = result[1]
            self._show(result[0])

        self._loaded = False
        run_job(work, on_result=show, on_error=self._load_failed, parent=self, description=self.tr("載入案件"))

    def _load_failed(self, exc: BaseException) -> None:
        self._error = exc
        self._loaded = True
        if self.dossier is not None and self.dossier.application_id != self.application_id:
            # Never leave another case on screen under this case's buttons.
            self.dossier = None
            self.title.setText(self.tr("案件審查"))
            self.status_label.setText("")
            self.holder_label.setText("")
            self._show_panels(False)  # they still show the previous case
        self.message.setText(message_for(exc))
        self._update_buttons()

    def _show_panels(self, visible: bool) -> None:
        # The splitter keeps its space (the header stays on top); only its panels are hidden.
        for panel in (self.left_scroll, self.right_panels):
            panel.setVisible(visible)

    def panels_visible(self) -> bool:
        return not self.left_scroll.isHidden()

    def _show(self, d: review.ReviewDossier) -> None:
        self.dossier = d
        self._show_panels(True)
        self._error = None
        self.title.setText(self.tr("案件 %1　%2（%3）").replace("%1", d.external_id).replace("%2", d.name)
                           .replace("%3", d.ubn))
        status = labels.title(labels.APPLICATION_STATUS, d.status)
        if d.supplement_deadline and d.status == "supplement_requested":
            status += self.tr("（期限 %1）").replace("%1", roc_short(d.supplement_deadline))
        self.status_label.setText(self.tr("狀態：") + status)
        decided = next((x for x in reversed(d.decisions) if x.kind in FINAL_DECISIONS), None)
        if d.status not in DECIDABLE and decided is not None:
            # A closed case names who decided it, whatever became of the claim.
            self.holder_label.setText(self.tr("決定：%1（%2）").replace("%1", decided.officer_name or "—")
                                      .replace("%2", roc_time(decided.at)))
        elif d.assigned_officer_name:
            self.holder_label.setText(self.tr("承辦：%1（%2 認領）").replace("%1", d.assigned_officer_name)
                                      .replace("%2", roc_time(d.claimed_at) if d.claimed_at else "—"))
        else:
            self.holder_label.setText(self.tr("承辦：尚未認領"))
        for panel in (self.fields_panel, self.identity_panel, self.forms_panel, self.checklist_panel,
                      self.history_panel):
            panel.show_dossier(d)
        self.attachment_viewer.set_rows(d.attachments)
        if d.application_id != self._shown_id:  # a refresh of the same case keeps the officer's place
            self._shown_id = d.application_id
            self.left_scroll.verticalScrollBar().setValue(0)
            self.tabs.setCurrentIndex(0)
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
        # Checked before any dialog opens: what is typed is never refused for a missing card setup.
        blocked = self.signing_blocked_text() if open_case and mine else ""
        can_save = not blocked
        # Every item must be resolved: 待查 items need the officer's finding first (查證待查項目…).
        self.approve_button.setEnabled(open_case and mine and can_save and d is not None and d.eligible is True)
        self.checklist_panel.set_may_resolve(open_case and mine)
        self.reject_button.setEnabled(open_case and mine and can_save)
        self.supplement_button.setEnabled(open_case and mine and can_save)
        for b in (self.reject_button, self.supplement_button):
            b.setToolTip(blocked)
        if d is not None and open_case and not mine and d.assigned_officer_id is not None:
            self.approve_button.setToolTip(self.tr("此案件由其他承辦人認領，您不能決定"))
        elif d is not None and open_case and mine and not blocked and d.eligible is not True:
            self.approve_button.setToolTip(self.tr("資格審查有不符項目，不得核定") if d.eligible is False else
                                           self.tr("尚有待查項目：請先以「查證待查項目…」記錄查證結果"))
        else:
            self.approve_button.setToolTip(blocked)
        notice = blocked or (self.unsigned_notice_text() if open_case and mine else "")
        self.signing_notice.setText(notice)
        self.signing_notice.setStyleSheet("color: #a11d1d; font-weight: 600;" if blocked else "color: #5c6773;")
        self.signing_notice.setVisible(bool(notice))

    def signing_blocked_text(self) -> str:
        """Why this officer cannot save a decision here (which of the two causes, who fixes it), or ""."""
        r = self.readiness
        if r is None or r.ready:
            return ""
        lines = []
        if "certificate" in r.missing:
            lines.append(self.tr("您的帳號尚未綁定憑證卡：請系統管理員以「backoffice-admin officer add "
                                 "--from-card」登錄您的憑證卡。"))
        if "module" in r.missing:
            if r.module_path:
                lines.append(self.tr("本機找不到 PKCS#11 模組 %1：請系統管理員確認 BACKOFFICE_PKCS11_MODULE 的設定。")
                             .replace("%1", r.module_path))
            else:
                lines.append(self.tr("本機未設定 PKCS#11 模組：請系統管理員設定 BACKOFFICE_PKCS11_MODULE。"))
        return self.tr("不能簽署決定：") + " ".join(lines)

    def unsigned_notice_text(self) -> str:
        r = self.readiness
        if r is not None and r.demo and not r.can_sign:
            return self.tr("示範資料庫：未使用憑證卡，決定將不簽章。")
        return ""

    def _run(self, fn: Callable[[JobControl], Any], done: Callable[[Any], None], description: str) -> None:
        self.message.setText(description + "…")
        run_job(fn, on_result=done, on_error=self._failed, parent=self, description=description)

    def _failed(self, exc: BaseException) -> None:
        text = self.error_text(exc)
        if self.application_id is not None and any(k[0] == self.application_id for k in self.drafts):
            text += self.tr("（您輸入的內容已保留，再開啟對話框即可沿用）")
        self.message.setText(text)
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
            present = cards.read_cards_present(settings.trust_dir, settings.crl_dir,
                                               exclude_sha256=cards.sha256_hex(own) if own else None)
            if not present:
                raise DeskCardMissing()
            job.progress(2, 3, "")
            with self.context.uow_factory() as uow:
                return desk_verification.verify_at_desk(uow, app_id, officer, present[0])  # type: ignore[arg-type]

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

    def _previewer(self, kind: str) -> Any:
        """The decision service's own e-mail builder for this case (the dialog shows its result)."""
        app_id, today, factory = self.application_id, self.context.today(), self.context.uow_factory
        if app_id is None:
            return None

        def build(fields: dict[str, Any]) -> decisions.EmailPreview:
            with factory() as uow:  # one small read; the dialog refreshes it as the fields change
                return decisions.preview_notification(uow, app_id, kind, today=today, **fields)
        return build

    def _reasons_not_applicable(self) -> frozenset[str]:
        if self.application_id is None:
            return frozenset()
        with self.context.uow_factory() as uow:
            return frozenset(code for code in decisions.REJECT_REASONS
                             if not decisions.reason_applies(uow, self.application_id, code, self.context.today()))

    def ask_reject(self) -> None:
        self.reject_dialog = RejectDialog(self, previewer=self._previewer("reject"),
                                          not_applicable=self._reasons_not_applicable())
        dialog = self.reject_dialog
        draft = self._draft("reject")
        failing = [c.code for c in self.dossier.checklist if c.outcome == "fail"] if self.dossier else []
        preset = next((REASON_FOR_CHECK[c] for c in failing if c in REASON_FOR_CHECK), None)
        if draft or preset:  # what was typed, else the reason of the failing item
            index = dialog.reason.findData(draft.get("reason_code") if draft else preset)
            if index >= 0:
                dialog.reason.setCurrentIndex(index)
            dialog.note.setPlainText((draft or {}).get("note") or "")

        def typed() -> dict[str, Any]:
            return {"reason_code": dialog.reason_code(), "note": dialog.note_text() or None}

        dialog.accepted.connect(lambda: self._submit("reject", typed()))
        dialog.rejected.connect(lambda: self._keep_draft("reject", typed()))
        dialog.open()

    def ask_supplement(self) -> None:
        self.supplement_dialog = SupplementDialog(self.context.today(), self, previewer=self._previewer("supplement"))
        dialog = self.supplement_dialog
        draft = self._draft("supplement")
        if draft:
            deadline = draft.get("deadline")
            if deadline is not None:
                dialog.deadline_edit.set_value(deadline)
            dialog.note.setPlainText(draft.get("note") or "")

        def typed() -> dict[str, Any]:
            return {"deadline": dialog.deadline(), "note": dialog.note_text() or None}

        dialog.accepted.connect(lambda: self._submit("supplement", typed()))
        dialog.rejected.connect(lambda: self._keep_draft("supplement", typed()))
        dialog.open()

    def ask_finding(self, code: str, title: str) -> None:
        self.finding_dialog = FindingDialog(title, self)
        dialog = self.finding_dialog
        app_id, officer, today = self.application_id, self.context.officer.id, self.context.today()

        def save() -> None:
            outcome, note = dialog.outcome_code(), dialog.note_text()

            def work(job: JobControl) -> int:
                with self.context.uow_factory() as uow:
                    return findings.record_finding(uow, app_id, officer, code=code, outcome=outcome,  # type: ignore[arg-type]
                                                   note=note, today=today)

            self._run(work, lambda _id: self._ok(self.tr("已記錄查證結果")), self.tr("記錄查證結果"))

        dialog.accepted.connect(save)
        dialog.open()

    def _draft(self, kind: str) -> dict[str, Any] | None:
        return self.drafts.get((self.application_id, kind)) if self.application_id is not None else None

    def _keep_draft(self, kind: str, params: dict[str, Any]) -> None:
        if self.application_id is not None and (params.get("note") or self._draft(kind)):
            self.drafts[(self.application_id, kind)] = dict(params)

    def _submit(self, kind: str, params: dict[str, Any]) -> None:
        if self.application_id is not None:
            self.drafts[(self.application_id, kind)] = dict(params)  # until the decision is saved
        self.start_decision(kind, params)

    def start_decision(self, kind: str, params: dict[str, Any]) -> None:
        """Find the officer's card and token (no PIN yet), then ask the PIN, then decide."""
        officer, settings = self.context.officer.id, self.context.settings

        def prepare(job: JobControl) -> SigningPrep:
            with self.context.uow_factory() as uow:
                cert = decisions.officer_certificate(uow, officer)
                ready = signing_readiness(uow, officer, pkcs11_module=settings.pkcs11_module)
            if cert is None or not ready.can_sign or not settings.pkcs11_module:
                if ready.demo:
                    return SigningPrep(None, self.context.officer.name)
                raise decisions.SignatureRequired("no card certificate or PKCS#11 module")
            # The officer's own card, in a reader, whose token holds the same certificate.
            found = cards.officer_signing_session(settings.pkcs11_module, cert, settings.trust_dir,
                                                  settings.crl_dir)
            return SigningPrep(found.session, found.holder or self.context.officer.name)

        self._run(prepare, lambda prep: self._ask_pin(kind, params, prep), self.tr("讀取承辦人憑證卡"))

    def _ask_pin(self, kind: str, params: dict[str, Any], prep: SigningPrep) -> None:
        if prep.session is None:
            self._decide(kind, params, prep, None)
            return
        actions = {"approve": self.tr("核定並核發點數"), "reject": self.tr("不予核定"),
                   "supplement": self.tr("通知補件")}
        d = self.dossier
        what = f"{actions[kind]}：{d.external_id} {d.name}" if d else actions[kind]
        self.pin_dialog = PinDialog(prep.holder, what, prep.session.pin_state, self)
        dialog = self.pin_dialog
        dialog.accepted.connect(lambda: self._decide(kind, params, prep, dialog.take_pin()))
        dialog.rejected.connect(lambda: self.message.setText(self.tr("已取消簽章")))
        self.message.setText(self.tr("請輸入 PIN 以簽章"))
        dialog.open()

    def _decide(self, kind: str, params: dict[str, Any], prep: SigningPrep, pin: str | None) -> None:
        app_id, officer = self.application_id, self.context.officer.id
        version = self.dossier.version if self.dossier else None
        today = self.context.today()
        signer: decisions.Signer | None = None
        if prep.session is not None:
            session = prep.session

            def signer(payload: bytes) -> Any:
                return session.sign(payload, pin)

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
        for key in [k for k in self.drafts if k[0] == result.application_id]:
            del self.drafts[key]
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
        if isinstance(exc, assignment.CaseClosed):
            return self.tr("此案件已結案，承辦紀錄保留，不能釋出")
        if isinstance(exc, assignment.AlreadyClaimed):
            return self.tr("此案件已由 %1 認領").replace("%1", exc.holder_name)
        if isinstance(exc, ledger.BudgetExhausted):
            return self.tr("補助額度已用罄（剩餘 %1 點），無法核發").replace("%1", f"{exc.remaining:,}")
        if isinstance(exc, ledger.DuplicateGrant):
            return self.tr("此申請單位已有有效的點數核發，不得重複核發（須知八(一)）；決定未儲存")
        if isinstance(exc, decisions.NotEligible):
            if not exc.failing:
                return self.tr("尚有待查項目，請先記錄查證結果：") + "、".join(exc.unresolved)
            return self.tr("資格審查有不符項目，不得核定：") + "、".join(exc.failing)
        if isinstance(exc, findings.FindingError):
            return self.tr("查證結果未記錄：此項目已非待查、說明空白，或案件已結案")
        if isinstance(exc, decisions.DecisionConflict):
            return self.tr("案件已被其他同仁更新，已重新載入，請確認後再決定")
        if isinstance(exc, decisions.NotDecidable):
            return self.tr("此案件已結案，不能再決定")
        if isinstance(exc, decisions.InvalidReason | decisions.InvalidDeadline):
            return self.tr("理由或補件期限不正確")
        if isinstance(exc, decisions.SignatureRequired):
            return self.signing_blocked_text() or self.tr(
                "決定須以您的憑證卡簽章：未設定 PKCS#11 模組或您尚未綁定憑證")
        if isinstance(exc, decisions.WrongSigningCard | cards.CertificateMismatchError):
            return self.tr("讀卡機中的卡片不是您綁定的憑證卡，請改插您自己的卡片")
        if isinstance(exc, cards.OfficerCardMissing):
            return self.tr("請將您的自然人憑證卡插入讀卡機後再試")
        if isinstance(exc, DeskCardMissing):
            return self.tr("請將申請人的憑證卡插入讀卡機後再試")
        if isinstance(exc, cards.WrongPinError):
            return self.tr("PIN 碼錯誤，決定未儲存；系統不會自動重試")
        if isinstance(exc, cards.PinLockedError):
            return self.tr("PIN 已鎖住，無法簽章；請洽發卡單位解鎖")
        if isinstance(exc, cards.Pkcs11Error):
            return self.tr("卡片簽章失敗（PKCS#11），決定未儲存")
        if isinstance(exc, PermissionDenied):
            return self.tr("您的角色不能審查案件")
        return message_for(exc)


class DeskCardMissing(Exception):  # noqa: N818
    """No applicant card (other than the officer's own) is in a reader."""


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
