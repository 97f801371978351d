"""The review screen with pytest-qt: the dossier on screen, and the full signed decision flow
(officer's virtual card on pcscd, PIN through SoftHSM2) on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from backoffice.db import models as m
from backoffice.services.applications import attachments, decisions
from backoffice.services.points import ledger
from backoffice.views import jobs
from backoffice.views.applications.review.panels import ChecklistModel
from backoffice.views.applications.review_screen import ReviewScreen
from backoffice.views.context import OfficerIdentity
from tests.support import review_seed as rs
from tests.support.cards import card_set

pytestmark = [pytest.mark.gui]


def make_screen(qtbot: Any, context: Any, app_id: int) -> ReviewScreen:
    screen = ReviewScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1440, 920)
    screen.show()
    screen.open_application(app_id)
    assert jobs.wait_for_jobs(30)
    assert screen.is_loaded() and screen.load_error() is None
    return screen


def officer_context(app_context: Any, seeded: rs.Seeded, **settings: Any) -> Any:
    return replace(app_context, officer=OfficerIdentity.of(seeded.officer_id, "林官員", ["officer"]),
                   settings=replace(app_context.settings, **settings), today=lambda: rs.TODAY)


def test_the_dossier_shows_form1_masked_id_and_the_checklist_with_clauses(qtbot: Any, app_context: Any,
                                                                          uow: Any) -> None:
    seeded = rs.seed(uow, applications=1)
    screen = make_screen(qtbot, officer_context(app_context, seeded), seeded.application_ids[0])
    values = screen.fields_panel.values
    assert values["name"].text() == "好給力0股份有限公司"
    assert values["ubn"].text() == rs.UBNS[0]
    assert values["industry"].text() == "62 電腦程式設計、諮詢及相關服務業"
    assert values["registered_on"].text() == "104/06/01"
    assert values["paid_in_capital"].text() == "5,000,000"
    assert values["representative_id"].text() == "A12****789"
    assert rs.REP_ID not in values["representative_id"].text()
    model = screen.checklist_panel.model
    codes = [model.data(model.index(r, 0), ChecklistModel.CodeRole) for r in range(model.rowCount())]
    assert "identity_method" in codes and "query_rule" in codes and "form3_authorisation" in codes
    row = codes.index("identity_method")
    assert model.data(model.index(row, ChecklistModel.COL_CLAUSES)) == "須知六(一)1"
    assert model.data(model.index(row, 0), ChecklistModel.OutcomeRole) == "pass"
    assert "符合" in screen.checklist_panel.summary.text()
    assert "✔" in screen.identity_panel.verdict_label.text()
    # Nobody holds the case: it cannot be decided from here until claimed.
    assert screen.claim_button.isEnabled() and not screen.approve_button.isEnabled()


def test_a_case_held_by_another_officer_cannot_be_decided(qtbot: Any, app_context: Any, uow: Any) -> None:
    seeded = rs.seed(uow, applications=1)
    from backoffice.services.applications import assignment

    with uow() as u:
        assignment.claim(u, seeded.application_ids[0], seeded.other_officer_id)
    screen = make_screen(qtbot, officer_context(app_context, seeded), seeded.application_ids[0])
    assert "張官員" in screen.holder_label.text()
    assert not screen.approve_button.isEnabled() and not screen.reject_button.isEnabled()
    assert not screen.claim_button.isEnabled()


@pytest.mark.pcsc
@pytest.mark.pkcs11
def test_full_decision_flow_with_the_officers_card_and_pin(
        qtbot: Any, app_context: Any, uow: Any, pki: Any, officer_holder: Any, soft_token: Any,
        vcard_factory: Any, trust_dir: Path, crl_dir: Path, screenshot: Any) -> None:
    seeded = rs.seed(uow, applications=2, officer_cert=officer_holder.der)
    app_id = seeded.application_ids[0]
    assert attachments.add_demo_attachments(uow) == 2
    vcard_factory(card_set(pki, officer_holder))  # the officer's own card in a reader
    context = officer_context(app_context, seeded, pkcs11_module=soft_token.module, trust_dir=trust_dir,
                              crl_dir=crl_dir)
    screen = make_screen(qtbot, context, app_id)
    assert screen.attachment_viewer.rendered is not None
    assert screen.attachment_viewer.page_count == 2

    qtbot.mouseClick(screen.claim_button, Qt.MouseButton.LeftButton)
    assert jobs.wait_for_jobs(30)
    assert screen.holds_claim() and screen.approve_button.isEnabled()

    qtbot.mouseClick(screen.approve_button, Qt.MouseButton.LeftButton)
    assert jobs.wait_for_jobs(30)
    dialog = screen.pin_dialog
    assert dialog is not None and dialog.isVisible(), screen.message.text()
    assert "PIN 狀態正常" in dialog.state_label.text()  # shown before the PIN is typed
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.pin_edit, soft_token.user_pin)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.pin_edit.text() == ""  # the PIN is not kept in the widget
    assert jobs.wait_for_jobs(60)

    result, check = screen.last_result, screen.last_verification
    assert result is not None and check is not None, screen.message.text()
    assert result.kind == "approve" and result.grant_points == 30_000 and check.ok
    assert "核發 30,000 點" in screen.message.text()
    with uow() as u:
        s = u.session
        grant = s.scalars(sa.select(m.Grant).where(m.Grant.application_id == app_id)).one()
        assert grant.points == 30_000
        assert ledger.balance(s, grant.applicant_id, rs.TODAY) == 30_000
        assert decisions.verify_decision(u, result.decision_id).status == "valid"
    assert screen.dossier is not None and screen.dossier.status == "approved"
    assert not screen.approve_button.isEnabled()
    screen.tabs.setCurrentIndex(0)
    screenshot(screen, "review")


@pytest.mark.pcsc
@pytest.mark.pkcs11
def test_a_wrong_pin_saves_nothing_and_is_not_retried(
        qtbot: Any, app_context: Any, uow: Any, pki: Any, officer_holder: Any, soft_token: Any,
        vcard_factory: Any, trust_dir: Path, crl_dir: Path) -> None:
    seeded = rs.seed(uow, applications=1, officer_cert=officer_holder.der)
    vcard_factory(card_set(pki, officer_holder))
    context = officer_context(app_context, seeded, pkcs11_module=soft_token.module, trust_dir=trust_dir,
                              crl_dir=crl_dir)
    screen = make_screen(qtbot, context, seeded.application_ids[0])
    qtbot.mouseClick(screen.claim_button, Qt.MouseButton.LeftButton)
    assert jobs.wait_for_jobs(30)
    screen.ask_reject()
    reject = screen.reject_dialog
    assert reject is not None
    reject.reason.setCurrentIndex(reject.reason.findData("not_sme"))
    reject.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert jobs.wait_for_jobs(30)
    dialog = screen.pin_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.pin_edit, "000000")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert jobs.wait_for_jobs(60)
    assert "PIN 碼錯誤" in screen.message.text()
    with uow() as u:
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.Decision)) == 0
    assert screen.dossier is not None and screen.dossier.status == "under_review"


def test_the_main_window_opens_the_review_when_a_page_asks_for_it(qtbot: Any, app_context: Any, uow: Any) -> None:
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QWidget

    from backoffice.views.main_window import MainWindow
    from backoffice.views.screens import Screen

    class ListPage(QWidget):  # stands in for the queue: it only emits the signal the queue emits
        open_application = Signal(int)

        def __init__(self, _context: Any) -> None:
            super().__init__()

    seeded = rs.seed(uow, applications=1)
    window = MainWindow(officer_context(app_context, seeded), [Screen("applications", "申請案件", ListPage)])
    qtbot.addWidget(window)
    page = window.pages["applications"]
    assert isinstance(page, ListPage)
    page.open_application.emit(seeded.application_ids[0])
    assert jobs.wait_for_jobs(30)
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewScreen) and review.dossier is not None
    assert review.dossier.application_id == seeded.application_ids[0]
    # With the review open the window still fits a 1440x900 desk screen (menus and status bar included).
    hint = window.minimumSizeHint()
    assert hint.height() <= 900 - 40 and hint.width() <= 1440, (hint.width(), hint.height())


def test_the_screen_follows_the_english_translation(qtbot: Any, app_context: Any, uow: Any) -> None:
    from backoffice.views import i18n

    seeded = rs.seed(uow, applications=1)
    i18n.install_language(i18n.LANG_EN)
    screen = make_screen(qtbot, officer_context(app_context, seeded), seeded.application_ids[0])
    assert screen.approve_button.text() == "Approve and sign"
    assert screen.fields_panel.values["industry"].text().startswith("62 ")
    assert screen.fields_panel.values["industry"].text() != "62 電腦程式設計、諮詢及相關服務業"
    assert "eligible" in screen.checklist_panel.summary.text()


def test_a_closed_case_names_who_decided_it_even_without_a_claim(qtbot: Any, app_context: Any, uow: Any) -> None:
    """Issue 12 item 1: after a release erased the claim, the review said 尚未認領 for an approved case."""
    from backoffice.services.applications import assignment

    seeded = rs.seed(uow, applications=1, demo=True)
    app_id = seeded.application_ids[0]
    with uow() as u:
        assignment.claim(u, app_id, seeded.officer_id)
    with uow() as u:
        decisions.approve(u, app_id, seeded.officer_id, signer=None, today=rs.TODAY)
    with uow() as u:  # what the old release left behind
        u.session.execute(sa.update(m.Application).where(m.Application.id == app_id)
                          .values(assigned_officer_id=None, claimed_at=None))
        u.commit()
    screen = make_screen(qtbot, officer_context(app_context, seeded), app_id)
    assert "林官員" in screen.holder_label.text() and "尚未認領" not in screen.holder_label.text()
    assert not screen.release_button.isEnabled() and not screen.claim_button.isEnabled()


def test_the_history_says_an_unsigned_demo_decision_was_not_signed(qtbot: Any, app_context: Any, uow: Any) -> None:
    """Issue 12 item 3: the history said 已簽章 for the card-less decisions of the demo database."""
    from backoffice.services.applications import assignment

    seeded = rs.seed(uow, applications=1, demo=True)
    app_id = seeded.application_ids[0]
    with uow() as u:
        assignment.claim(u, app_id, seeded.officer_id)
    with uow() as u:
        decisions.reject(u, app_id, seeded.officer_id, reason_code="not_sme", signer=None, today=rs.TODAY)
    screen = make_screen(qtbot, officer_context(app_context, seeded), app_id)
    table = screen.history_panel.table
    events = [table.item(r, 1).text() for r in range(table.rowCount())]
    [decided] = [e for e in events if e.startswith("不予核定")]
    assert "未簽章" in decided and "已簽章" not in decided
    assert not any("已簽章" in e for e in events)


def claimed_screen(qtbot: Any, app_context: Any, uow: Any, **seed: Any) -> tuple[ReviewScreen, rs.Seeded]:
    from backoffice.services.applications import assignment

    seeded = rs.seed(uow, applications=1, **seed)
    with uow() as u:
        assignment.claim(u, seeded.application_ids[0], seeded.officer_id)
    return make_screen(qtbot, officer_context(app_context, seeded), seeded.application_ids[0]), seeded


def test_without_a_bound_card_or_module_the_decision_buttons_say_so_before_any_dialog(
        qtbot: Any, app_context: Any, uow: Any, tmp_path: Path) -> None:
    """Issue 12 item 4: the refusal came after the officer had typed the decision."""
    screen, seeded = claimed_screen(qtbot, app_context, uow)
    assert screen.holds_claim()
    for button in (screen.approve_button, screen.reject_button, screen.supplement_button):
        assert not button.isEnabled()
        assert "backoffice-admin officer add" in button.toolTip()
        assert "BACKOFFICE_PKCS11_MODULE" in button.toolTip()
    assert screen.signing_notice.isVisible() and "尚未綁定憑證卡" in screen.signing_notice.text()
    # The certificate bound, the module still missing: only the module is named.
    with uow() as u:
        u.session.execute(sa.update(m.Officer).where(m.Officer.id == seeded.officer_id)
                          .values(cert_der=b"der", cert_sha256="ab" * 32))
        u.commit()
    screen.refresh()
    assert jobs.wait_for_jobs(30)
    text = screen.reject_button.toolTip()
    assert "BACKOFFICE_PKCS11_MODULE" in text and "backoffice-admin" not in text
    module = tmp_path / "module.so"
    module.write_bytes(b"\x7fELF")
    screen.context = replace(screen.context, settings=replace(screen.context.settings, pkcs11_module=str(module)))
    screen.refresh()
    assert jobs.wait_for_jobs(30)
    assert screen.reject_button.isEnabled() and screen.reject_button.toolTip() == ""
    assert not screen.signing_notice.isVisible()


def test_what_was_typed_survives_a_cancel_and_a_failed_decision(qtbot: Any, app_context: Any, uow: Any) -> None:
    """Issue 12 item 4: the reject dialog's note was lost when the decision was refused."""
    screen, seeded = claimed_screen(qtbot, app_context, uow, demo=True)
    assert screen.reject_button.isEnabled() and "不簽章" in screen.signing_notice.text()
    screen.ask_reject()
    dialog = screen.reject_dialog
    assert dialog is not None
    dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
    dialog.note.setPlainText("營業登記與附表1不符，請說明")
    dialog.reject()  # cancelled: kept for the next time
    screen.ask_reject()
    again = screen.reject_dialog
    assert again is not None and again is not dialog
    assert again.reason_code() == "other" and again.note_text() == "營業登記與附表1不符，請說明"
    with uow() as u:  # meanwhile the claim is taken away: the decision will be refused
        u.session.execute(sa.update(m.Application).where(m.Application.id == seeded.application_ids[0])
                          .values(assigned_officer_id=seeded.other_officer_id))
        u.commit()
    again.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert jobs.wait_for_jobs(30)
    assert "內容已保留" in screen.message.text()
    with uow() as u:
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.Decision)) == 0
        u.session.execute(sa.update(m.Application).where(m.Application.id == seeded.application_ids[0])
                          .values(assigned_officer_id=seeded.officer_id))
        u.commit()
    screen.refresh()
    assert jobs.wait_for_jobs(30)
    screen.ask_reject()
    third = screen.reject_dialog
    assert third is not None and third.note_text() == "營業登記與附表1不符，請說明"
    third.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert jobs.wait_for_jobs(30)
    assert screen.last_result is not None and screen.last_result.kind == "reject"
    assert screen.drafts == {}  # saved: nothing left to restore


def test_the_signature_facts_are_translated(gui_env: Any) -> None:
    from backoffice.services.applications.review import SignatureFacts
    from backoffice.views import i18n
    from backoffice.views.applications.review.panels import signature_text

    i18n.install_language(i18n.LANG_EN)
    assert signature_text(SignatureFacts(False)) == " (not signed: demo database, no card used)"
    assert signature_text(SignatureFacts(True, "林官員", "1A2B")) == " (signed with the certificate of 林官員, serial 1A2B)"


def test_a_lost_database_file_is_said_and_leaves_no_other_case_under_the_buttons(
        qtbot: Any, app_context: Any, uow: Any, db_backend: str, engine: Any) -> None:
    """Issue 12 item 2 on the review: the next case cannot load; the previous one is not left on screen."""
    if db_backend != "sqlite":
        pytest.skip("a server database has no file to delete")
    from backoffice.services.applications import assignment

    seeded = rs.seed(uow, applications=2, demo=True)
    first, second = seeded.application_ids
    with uow() as u:
        assignment.claim(u, first, seeded.officer_id)
    screen = make_screen(qtbot, officer_context(app_context, seeded), first)
    assert screen.reject_button.isEnabled()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{engine.url.database}{suffix}").unlink(missing_ok=True)
    screen.claim()  # the case on screen: refused, said
    assert jobs.wait_for_jobs(30)
    assert "資料庫檔案已被刪除或取代" in screen.message.text()
    screen.open_application(second)
    assert jobs.wait_for_jobs(30)
    assert "資料庫檔案已被刪除或取代" in screen.message.text()
    assert screen.dossier is None and "A000000" not in screen.title.text() and not screen.panels_visible()
    assert not any(b.isEnabled() for b in (screen.claim_button, screen.release_button, screen.approve_button,
                                           screen.reject_button, screen.supplement_button))
