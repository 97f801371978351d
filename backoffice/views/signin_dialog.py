"""Officer sign-in with the officer's own 自然人憑證 (and a card-less demo sign-in on demo data).

The dialog shows, before any PIN is asked: the readers and whether they hold a card, the card
holder, the certificate's validation result, and the PIN state the card reports. Reading the
card, the PKCS#11 login and the database work all run off the UI thread (``views.jobs``); the
dialog itself never sends an APDU nor opens a session. Errors are chosen by exception TYPE.

Contract with ``backoffice.app``: ``sign_in(context) -> OfficerIdentity | None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backoffice.services import cards
from backoffice.services.admin import officers as svc
from backoffice.views.card_signals import CardSignals
from backoffice.views.context import AppContext, OfficerIdentity
from backoffice.views.i18n import QT_TRANSLATE_NOOP
from backoffice.views.jobs import JobControl, run_job
from backoffice.views.main_window import ROLE_TITLES

CTX = "SignInDialog"
BUSY_WAIT_S = 1.0  # another program may hold the card for a moment (a signing tool, a browser)

CARD_TYPE_TEXT = {
    "moica": QT_TRANSLATE_NOOP("SignInDialog", "自然人憑證"),
    "moeaca": QT_TRANSLATE_NOOP("SignInDialog", "工商憑證"),
    "xca": QT_TRANSLATE_NOOP("SignInDialog", "組織及團體憑證"),
    "gca": QT_TRANSLATE_NOOP("SignInDialog", "政府憑證"),
    "unknown": QT_TRANSLATE_NOOP("SignInDialog", "無法辨識的憑證"),
}
VALIDATION_TEXT = {
    "valid": QT_TRANSLATE_NOOP("SignInDialog", "有效"),
    "expired": QT_TRANSLATE_NOOP("SignInDialog", "已過期"),
    "not_yet_valid": QT_TRANSLATE_NOOP("SignInDialog", "尚未生效"),
    "revoked": QT_TRANSLATE_NOOP("SignInDialog", "已廢止"),
    "untrusted": QT_TRANSLATE_NOOP("SignInDialog", "不受信任（無法連到信任的憑證機構）"),
    "revocation_unknown": QT_TRANSLATE_NOOP("SignInDialog", "無法確認是否廢止（缺少或過期的 CRL），仍可登入"),
}
PIN_TEXT = {
    "ok": QT_TRANSLATE_NOOP("SignInDialog", "PIN 狀態正常"),
    "count_low": QT_TRANSLATE_NOOP("SignInDialog", "注意：這張卡片先前曾輸入錯誤的 PIN"),
    "final_try": QT_TRANSLATE_NOOP("SignInDialog", "警告：最後一次機會，再輸入錯誤 PIN 將鎖卡"),
    "locked": QT_TRANSLATE_NOOP("SignInDialog", "PIN 已鎖住，無法登入；請洽發卡單位解鎖"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


@dataclass(frozen=True)
class CardState:
    """What a read of the card found (built on a worker thread)."""

    generation: int
    identity: cards.IdentifyResult
    token: cards.TokenInfo | None
    token_error: Exception | None
    officer: svc.OfficerView | None
    officer_error: Exception | None


def read_card_state(context: AppContext, reader: str, generation: int) -> CardState:
    """Card, token and officer lookup (worker thread; no widgets)."""
    settings = context.settings
    reading = cards.read_card(reader, settings.pkcs11_module, settings.trust_dir, settings.crl_dir,
                              busy_wait=BUSY_WAIT_S)
    identity, token, token_error = reading.identity, reading.token, reading.session_error
    officer: svc.OfficerView | None = None
    officer_error: Exception | None = None
    with context.uow_factory() as uow:
        try:
            officer = svc.officer_for_certificate(uow, identity.info.der)
        except svc.OfficerError as exc:
            officer_error = exc
    return CardState(generation, identity, token, token_error, officer, officer_error)


class SignInDialog(QDialog):
    """Sign in with the card; ``officer`` holds the result after ``accept()``."""

    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 card_signals: CardSignals | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.officer: OfficerIdentity | None = None
        self.state: CardState | None = None
        self._readers: dict[str, bool] = {}
        self._generation = 0
        self._busy = False
        self.setWindowTitle(self.tr("承辦人員登入"))
        self.setMinimumWidth(520)
        self._build()
        self.card_signals = card_signals or CardSignals(self)
        self.card_signals.reader_added.connect(self._on_reader_added)
        self.card_signals.reader_removed.connect(self._on_reader_removed)
        self.card_signals.card_inserted.connect(self._on_card_inserted)
        self.card_signals.card_removed.connect(self._on_card_removed)
        self.card_signals.error.connect(self._on_watch_error)
        self.card_signals.start()
        self.finished.connect(lambda _result: self.card_signals.stop())
        self._show_no_card()
        run_job(lambda job: self._demo_check(), on_result=self._on_demo_checked,
                on_error=lambda exc: None, parent=self)

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.demo_banner = QLabel(self.tr("示範登入（無卡片）Demo sign-in (no card)"))
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setStyleSheet("background:#fff3cd;color:#664d03;padding:6px;font-weight:bold;")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.hide()
        layout.addWidget(self.demo_banner)

        intro = QLabel(self.tr("請將您的自然人憑證插入讀卡機。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.reader_combo = QComboBox()
        self.reader_combo.currentIndexChanged.connect(self._on_reader_chosen)
        form.addRow(self.tr("讀卡機"), self.reader_combo)
        self.card_label = QLabel()
        form.addRow(self.tr("卡片"), self.card_label)
        self.holder_label = QLabel()
        form.addRow(self.tr("持卡人"), self.holder_label)
        self.validation_label = QLabel()
        self.validation_label.setWordWrap(True)
        form.addRow(self.tr("憑證驗證"), self.validation_label)
        self.officer_label = QLabel()
        form.addRow(self.tr("承辦人員"), self.officer_label)
        self.pin_state_label = QLabel()
        self.pin_state_label.setWordWrap(True)
        form.addRow(self.tr("PIN 狀態"), self.pin_state_label)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(16)
        self.pin_edit.setPlaceholderText(self.tr("輸入卡片 PIN 碼"))
        self.pin_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.pin_edit.returnPressed.connect(self._sign_in)
        form.addRow(self.tr("PIN 碼"), self.pin_edit)
        layout.addLayout(form)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("signinMessage")
        layout.addWidget(self.message_label)

        buttons = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("重新讀取卡片"))
        self.retry_button.clicked.connect(self._read_current)
        self.retry_button.hide()
        buttons.addWidget(self.retry_button)
        self.demo_button = QPushButton(self.tr("示範登入（無卡片）"))
        self.demo_button.clicked.connect(self._demo_sign_in)
        self.demo_button.hide()
        buttons.addWidget(self.demo_button)
        # Who the demo sign-in acts as: everyone's roles at once, or one demo person with their own
        # roles (so one officer prepares and another approves, as the four-eyes rules require).
        self.demo_person = QComboBox()
        self.demo_person.addItem(self.tr("全部角色"), None)
        self.demo_person.setToolTip(self.tr("示範登入的身分：全部角色，或一位示範人員（僅有其角色）"))
        self.demo_person.hide()
        buttons.addWidget(self.demo_person)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.signin_button = QPushButton(self.tr("登入"))
        self.signin_button.setDefault(True)
        self.signin_button.clicked.connect(self._sign_in)
        buttons.addWidget(self.signin_button)
        layout.addLayout(buttons)

    # --- demo -----------------------------------------------------------------------------------
    def _demo_check(self) -> list[svc.OfficerView] | None:
        """None: not a demo database; else the demo people to choose from."""
        with self.context.uow_factory() as uow:
            return svc.demo_people(uow) if svc.is_demo_database(uow) else None

    def _on_demo_checked(self, people: list[svc.OfficerView] | None) -> None:
        is_demo = people is not None
        self.demo_banner.setVisible(is_demo)
        self.demo_button.setVisible(is_demo)
        self.demo_person.setVisible(is_demo)
        while self.demo_person.count() > 1:
            self.demo_person.removeItem(1)
        for person in people or ():
            roles = self.tr("、").join(QCoreApplication.translate("MainWindow", ROLE_TITLES.get(r, r))
                                      for r in sorted(person.roles))
            self.demo_person.addItem(self.tr("%1（%2）").replace("%1", person.name).replace("%2", roles), person.id)

    def _demo_sign_in(self) -> None:
        officer_id = self.demo_person.currentData()

        def work(job: JobControl) -> svc.OfficerView:
            with self.context.uow_factory() as uow:
                return svc.demo_sign_in(uow, officer_id)

        self._start_busy(self.tr("示範登入中…"))
        run_job(work, on_result=self._signed_in, on_error=self._on_signin_error, parent=self)

    # --- readers and cards ----------------------------------------------------------------------
    def _refresh_readers(self) -> None:
        current = self.current_reader()
        self.reader_combo.blockSignals(True)
        self.reader_combo.clear()
        for name in sorted(self._readers):
            mark = self.tr("（有卡片）") if self._readers[name] else self.tr("（無卡片）")
            self.reader_combo.addItem(name + " " + mark, name)
        if current in self._readers:
            self.reader_combo.setCurrentIndex(sorted(self._readers).index(current))
        self.reader_combo.blockSignals(False)
        if not self._readers:
            self.card_label.setText(self.tr("找不到讀卡機，請連接讀卡機"))

    def current_reader(self) -> str | None:
        data = self.reader_combo.currentData()
        return str(data) if data else None

    def _select_reader(self, reader: str) -> None:
        index = self.reader_combo.findData(reader)
        if index >= 0:
            self.reader_combo.blockSignals(True)
            self.reader_combo.setCurrentIndex(index)
            self.reader_combo.blockSignals(False)

    def _on_reader_added(self, reader: str) -> None:
        self._readers.setdefault(reader, False)
        self._refresh_readers()

    def _on_reader_removed(self, reader: str) -> None:
        self._readers.pop(reader, None)
        was_current = self.current_reader() is None or self.current_reader() == reader
        self._refresh_readers()
        if was_current:
            self._show_no_card()

    def _on_card_inserted(self, reader: str, _atr: bytes) -> None:
        self._readers[reader] = True
        self._refresh_readers()
        current = self.current_reader()
        if current is None or current == reader or not self._readers.get(current):
            self._select_reader(reader)
            self._read_current()

    def _on_card_removed(self, reader: str) -> None:
        self._readers[reader] = False
        self._refresh_readers()
        if self.current_reader() == reader:
            self._show_no_card()
            self.card_label.setText(self.tr("卡片已移除"))

    def _on_reader_chosen(self, _index: int) -> None:
        reader = self.current_reader()
        if reader and self._readers.get(reader):
            self._read_current()
        else:
            self._show_no_card()

    def _on_watch_error(self, _exc: object) -> None:
        self.card_label.setText(self.tr("讀卡服務無回應（PC/SC），請確認讀卡機驅動程式已啟動"))

    def _show_no_card(self) -> None:
        self._generation += 1  # results of reads still running are now stale
        self.state = None
        self.card_label.setText(self.tr("請插入卡片"))
        for label in (self.holder_label, self.validation_label, self.officer_label, self.pin_state_label):
            label.setText("—")
        self.pin_edit.clear()
        self.retry_button.hide()
        self._update_buttons()

    def _read_current(self) -> None:
        reader = self.current_reader()
        if not reader:
            return
        self._generation += 1
        generation = self._generation
        self.state = None
        self.retry_button.hide()
        self.message_label.clear()
        self.card_label.setText(self.tr("讀取卡片中…"))
        self._update_buttons()
        run_job(lambda job: read_card_state(self.context, reader, generation),
                on_result=self._on_card_read, on_error=self._on_card_error, parent=self,
                description=self.tr("讀取卡片"))

    def _on_card_read(self, state: CardState) -> None:
        if state.generation != self._generation:
            return  # the card changed while it was read
        self.state = state
        info = state.identity.info
        self.card_label.setText(_t(CARD_TYPE_TEXT.get(info.card_type, CARD_TYPE_TEXT["unknown"])))
        holder = info.holder
        name = holder.name or info.subject
        if holder.id_last4:
            self.holder_label.setText(self.tr("{name}（身分證末四碼 ******{last4}）").format(
                name=name, last4=holder.id_last4))
        else:
            self.holder_label.setText(name)
        status = state.identity.validation.status.value
        self.validation_label.setText(_t(VALIDATION_TEXT.get(status, status)))
        if state.officer is not None:
            self.officer_label.setText(state.officer.name)
        else:
            self.officer_label.setText(self._error_text(state.officer_error))
        if state.token is not None:
            self.pin_state_label.setText(_t(PIN_TEXT[state.token.pin_state.level.value]))
        else:
            self.pin_state_label.setText(self._error_text(state.token_error))
        self._update_buttons()
        if self.signin_button.isEnabled() or state.token is not None:
            self.pin_edit.setFocus()

    def _on_card_error(self, exc: BaseException) -> None:
        self.state = None
        self.card_label.setText(self._error_text(exc))
        self.retry_button.setVisible(isinstance(exc, cards.SmartCardError))
        self._update_buttons()

    # --- sign-in --------------------------------------------------------------------------------
    def can_sign_in(self) -> bool:
        state = self.state
        if state is None or state.token is None or state.officer is None or self._busy:
            return False
        if state.identity.validation.status.value in svc.REFUSED_STATUSES:
            return False
        pin_state = state.token.pin_state
        return pin_state.can_try and (bool(self.pin_edit.text()) or pin_state.pin_pad)

    def _update_buttons(self) -> None:
        self.signin_button.setEnabled(self.can_sign_in())
        token_ok = self.state is not None and self.state.token is not None and self.state.token.pin_state.can_try
        self.pin_edit.setEnabled(token_ok and not self._busy)

    def _start_busy(self, text: str) -> None:
        self._busy = True
        self.message_label.setText(text)
        self._update_buttons()

    def _sign_in(self) -> None:
        if not self.can_sign_in() or self.state is None:
            return
        state = self.state
        pin = self.pin_edit.text() or None
        self.pin_edit.clear()  # the PIN lives only in this call and the job below
        module = self.context.settings.pkcs11_module or ""
        cert_der = state.identity.info.der
        status = state.identity.validation.status.value
        token = state.token
        if token is None:  # can_sign_in() checked it; keeps the type checker honest
            return

        def work(job: JobControl) -> svc.OfficerView:
            proof = cards.SigningSession(module, cert_der, token).prove_possession(pin, context=b"signin")
            with self.context.uow_factory() as uow:
                return svc.sign_in_with_card(uow, cert_der, proof, status)

        self._start_busy(self.tr("驗證 PIN 並簽署登入挑戰中…"))
        run_job(work, on_result=self._signed_in, on_error=self._on_signin_error, parent=self,
                description=self.tr("登入"))

    def _signed_in(self, view: svc.OfficerView) -> None:
        self._busy = False
        self.officer = OfficerIdentity.of(view.id, view.name, view.roles, demo=view.demo)
        self.accept()

    def _on_signin_error(self, exc: BaseException) -> None:
        self._busy = False
        self.message_label.setText(self._error_text(exc))
        if isinstance(exc, cards.WrongPinError | cards.PinLockedError) and self.state is not None:
            # Show what the card now reports; the PIN is never retried for the officer.
            self.state = CardState(self.state.generation, self.state.identity,
                                   _with_pin_state(self.state.token, exc.pin_state), None,
                                   self.state.officer, self.state.officer_error)
            self.pin_state_label.setText(_t(PIN_TEXT[exc.pin_state.level.value]))
        self._update_buttons()

    # --- messages by exception type -------------------------------------------------------------
    def _error_text(self, exc: BaseException | None) -> str:
        if exc is None:
            return "—"
        if isinstance(exc, cards.WrongPinError):
            return self.tr("PIN 碼錯誤（卡片回報：{state}）。請確認後再輸入；系統不會自動重試。").format(
                state=_t(PIN_TEXT[exc.pin_state.level.value]))
        if isinstance(exc, cards.PinLockedError):
            return _t(PIN_TEXT["locked"])
        if isinstance(exc, cards.ModuleLoadError):
            return self.tr("未設定或無法載入 PKCS#11 模組（HiCOS），無法驗證 PIN")
        if isinstance(exc, cards.TokenNotFound | cards.CertificateMismatchError):
            return self.tr("PKCS#11 找不到與讀卡機中相同憑證的卡片，請確認只插入您自己的卡片")
        if isinstance(exc, cards.TokenRemovedError):
            return self.tr("簽署時卡片被移除，請重新插入卡片")
        if isinstance(exc, cards.Pkcs11Error):
            return self.tr("卡片 PKCS#11 錯誤：{code}").format(code=exc.rv_name or str(exc.rv))
        if isinstance(exc, svc.UnknownOfficerError):
            return self.tr("此憑證尚未登錄為承辦人員，請洽系統管理者")
        if isinstance(exc, svc.InactiveOfficerError):
            return self.tr("此承辦人員帳號已停用")
        if isinstance(exc, svc.CertificateNotAcceptedError):
            return self.tr("憑證未通過驗證：{status}").format(status=_t(VALIDATION_TEXT.get(exc.status, exc.status)))
        if isinstance(exc, svc.ProofOfPossessionError):
            return self.tr("卡片簽章驗證失敗，無法登入")
        if isinstance(exc, svc.DemoSignInRefused):
            return self.tr("此資料庫不是示範資料庫，不能無卡片登入")
        if isinstance(exc, cards.CardBusyError):
            return self.tr("卡片正被其他程式使用，請關閉該程式後按「重新讀取卡片」")
        if isinstance(exc, cards.CardRemovedError):
            return self.tr("讀取時卡片被移除，請重新插入卡片")
        if isinstance(exc, cards.NoCardError | cards.NoReaderError):
            return self.tr("讀卡機中沒有卡片")
        if isinstance(exc, cards.NotHicosCardError):
            return self.tr("這不是政府憑證 IC 卡（HiCOS），請改插自然人憑證")
        if isinstance(exc, cards.SmartCardError):
            return self.tr("無法讀取卡片，請重新插入後再試")
        return self.tr("發生未預期的錯誤：{kind}").format(kind=type(exc).__name__)


def _with_pin_state(token: cards.TokenInfo | None, pin_state: cards.PinState) -> cards.TokenInfo | None:
    if token is None:
        return None
    from dataclasses import replace

    return replace(token, pin_state=pin_state)


def sign_in(context: AppContext, parent: QWidget | None = None) -> OfficerIdentity | None:
    """Run the dialog; the signed-in officer, or None when the officer cancelled."""
    dialog = SignInDialog(context, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.officer
        return None
    finally:
        dialog.card_signals.stop()


__all__: list[Any] = ["SignInDialog", "read_card_state", "sign_in"]
