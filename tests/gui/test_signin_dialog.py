"""The sign-in dialog on the real stack: pcscd + vpcd virtual card, SoftHSM2 token, test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.services.admin import officers as svc
from backoffice.views import jobs
from backoffice.views.signin_dialog import SignInDialog
from tests.support.authz import reader_id
from tests.support.cards import card_set
from tests.support.pki import Holder, build_test_pki
from tests.support.softhsm import WRONG_PIN, SoftToken

pytestmark = [pytest.mark.gui, pytest.mark.pcsc, pytest.mark.pkcs11]
WAIT_MS = 20_000


@pytest.fixture
def signin_context(app_context: Any, soft_token: SoftToken, trust_dir: Path, crl_dir: Path) -> Any:
    settings = replace(app_context.settings, pkcs11_module=soft_token.module,
                       trust_dir=trust_dir, crl_dir=crl_dir)
    return replace(app_context, settings=settings)


def _register(uow: Callable[[], Any], holder: Holder, name: str = "林官員") -> svc.OfficerView:
    with uow() as u:
        admin = reader_id(u, Role.ADMIN)
        return svc.register_officer(u, name=name, roles=["officer", "supervisor"],
                                    cert=svc.CertBinding.from_der(holder.der), actor_id=admin)


def _programme(uow: Callable[[], Any], demo: bool) -> None:
    with uow() as u:
        u.session.add(m.Programme(code="DEMO" if demo else "P115", name="雲市集", is_demo=demo))
        u.commit()


@pytest.fixture
def open_dialog(qtbot: Any, signin_context: Any) -> Iterator[Callable[[], SignInDialog]]:
    dialogs: list[SignInDialog] = []

    def make() -> SignInDialog:
        dialog = SignInDialog(signin_context)
        qtbot.addWidget(dialog)
        dialog.show()
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.card_signals.stop()
    jobs.wait_for_jobs(30)


def _wait_read(qtbot: Any, dialog: SignInDialog) -> None:
    qtbot.waitUntil(lambda: dialog.state is not None, timeout=WAIT_MS)


def test_shows_holder_validation_and_pin_state_before_the_pin(
    qtbot: Any, open_dialog: Callable[[], SignInDialog], uow: Any, officer_holder: Holder,
    vcard_factory: Any, screenshot: Any,
) -> None:
    _register(uow, officer_holder)
    card = vcard_factory(card_set(build_test_pki(), officer_holder))
    dialog = open_dialog()
    _wait_read(qtbot, dialog)
    assert dialog.current_reader() == card.reader
    assert "林官員" in dialog.holder_label.text() and "6789" in dialog.holder_label.text()
    assert dialog.card_label.text() == "自然人憑證"
    assert dialog.validation_label.text() == "有效"
    assert dialog.pin_state_label.text() == "PIN 狀態正常"
    assert dialog.officer_label.text() == "林官員"
    assert dialog.pin_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.signin_button.isEnabled()  # no PIN typed yet
    qtbot.keyClicks(dialog.pin_edit, "12")
    assert dialog.signin_button.isEnabled()
    screenshot(dialog, "signin-dialog")
    vcard_factory.remove(card)
    qtbot.waitUntil(lambda: dialog.card_label.text() == "卡片已移除", timeout=WAIT_MS)
    assert dialog.pin_edit.text() == "" and not dialog.signin_button.isEnabled()


def test_demo_sign_in_is_hidden_on_a_real_database(
    qtbot: Any, open_dialog: Callable[[], SignInDialog], uow: Any
) -> None:
    _programme(uow, demo=False)
    dialog = open_dialog()
    assert jobs.wait_for_jobs(30)
    assert dialog.demo_button.isHidden() and dialog.demo_banner.isHidden() and dialog.demo_person.isHidden()


def test_demo_sign_in_on_a_demo_database_says_so(
    qtbot: Any, open_dialog: Callable[[], SignInDialog], uow: Any
) -> None:
    _programme(uow, demo=True)
    dialog = open_dialog()
    qtbot.waitUntil(lambda: dialog.demo_button.isVisible(), timeout=WAIT_MS)
    assert dialog.demo_banner.isVisible()
    assert dialog.demo_banner.text() == "示範登入（無卡片）Demo sign-in (no card)"
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert dialog.officer is not None and dialog.officer.demo


def test_demo_sign_in_as_a_chosen_demo_person(qtbot: Any, open_dialog: Callable[[], SignInDialog], uow: Any) -> None:
    from backoffice.db.enums import Role

    _programme(uow, demo=True)
    with uow() as u:
        u.session.add(m.Officer(name="林主管", email="s@demo.invalid", active=True,
                                roles=[m.OfficerRole(role=Role.SUPERVISOR)]))
        u.commit()
    dialog = open_dialog()
    qtbot.waitUntil(lambda: dialog.demo_person.count() > 1, timeout=WAIT_MS)
    assert dialog.demo_person.isVisible() and dialog.demo_person.itemData(0) is None  # all roles first
    texts = [dialog.demo_person.itemText(i) for i in range(dialog.demo_person.count())]
    assert "林主管（主管）" in texts  # each person with their own roles
    dialog.demo_person.setCurrentIndex(texts.index("林主管（主管）"))
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert dialog.officer is not None and dialog.officer.demo
    assert (dialog.officer.name, dialog.officer.roles) == ("林主管", {"supervisor"})


def test_card_sign_in_end_to_end(
    qtbot: Any, open_dialog: Callable[[], SignInDialog], uow: Any, officer_holder: Holder,
    soft_token: SoftToken, vcard_factory: Any,
) -> None:
    registered = _register(uow, officer_holder)
    vcard_factory(card_set(build_test_pki(), officer_holder))
    dialog = open_dialog()
    _wait_read(qtbot, dialog)
    qtbot.keyClicks(dialog.pin_edit, soft_token.user_pin)
    qtbot.mouseClick(dialog.signin_button, Qt.MouseButton.LeftButton)
    assert dialog.pin_edit.text() == ""  # cleared as soon as it was taken
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert dialog.officer is not None
    assert (dialog.officer.id, dialog.officer.name, dialog.officer.demo) == (registered.id, "林官員", False)
    assert dialog.officer.roles == {"officer", "supervisor"}


def test_wrong_pin_reports_the_card_state_and_stays_open(
    qtbot: Any, open_dialog: Callable[[], SignInDialog], uow: Any, officer_holder: Holder,
    vcard_factory: Any,
) -> None:
    _register(uow, officer_holder)
    vcard_factory(card_set(build_test_pki(), officer_holder))
    dialog = open_dialog()
    _wait_read(qtbot, dialog)
    qtbot.keyClicks(dialog.pin_edit, WRONG_PIN)
    qtbot.mouseClick(dialog.signin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "PIN 碼錯誤" in dialog.message_label.text(), timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.officer is None
    assert dialog.pin_state_label.text() == "注意：這張卡片先前曾輸入錯誤的 PIN"
    assert "不會自動重試" in dialog.message_label.text()


def test_unregistered_card_cannot_sign_in(
    qtbot: Any, open_dialog: Callable[[], SignInDialog], officer_holder: Holder, vcard_factory: Any,
) -> None:
    vcard_factory(card_set(build_test_pki(), officer_holder))
    dialog = open_dialog()
    _wait_read(qtbot, dialog)
    assert dialog.officer_label.text() == "此憑證尚未登錄為承辦人員，請洽系統管理者"
    qtbot.keyClicks(dialog.pin_edit, "123456")
    assert not dialog.signin_button.isEnabled()
