"""The refunds desk screen on the test database: queue colours and filters, the case view and its
term picture, the supervisor's inbox, and the officer's and supervisor's actions through the buttons."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import Party, RefundStatus
from backoffice.views import jobs
from backoffice.views.context import OfficerIdentity
from backoffice.views.main_window import MainWindow
from backoffice.views.refunds.refunds_model import RefundsTableModel
from backoffice.views.refunds.refunds_screen import RefundsPage
from backoffice.views.table_kit import TONE_ROLE
from tests.support import refund_seed as rs

pytestmark = [pytest.mark.gui, pytest.mark.db]
TODAY = date(2026, 6, 23)
S = RefundStatus


@pytest.fixture
def desk(app_context):
    uow = app_context.uow_factory
    with uow() as u:
        w = rs.world(u.session, supervisor_cert=None)
        u.session.execute(sa.update(m.Programme).values(is_demo=True))  # unsigned decisions allowed
        ids = {
            "late": rs.add_case(u.session, w, filed_on=date(2026, 6, 1), effective_on=date(2026, 6, 30)),
            "amber": rs.add_case(u.session, w, filed_on=date(2026, 6, 10), effective_on=date(2026, 6, 30)),
            "calm": rs.add_case(u.session, w, filed_on=date(2026, 6, 20), effective_on=date(2026, 6, 30)),
            "confirmed": rs.add_case(u.session, w, filed_on=date(2026, 6, 5), effective_on=date(2026, 5, 31),
                                     status=S.CONFIRMED,
                                     confirmations=((Party.APPLICANT, True), (Party.VENDOR, True))),
            "disputed": rs.add_case(u.session, w, filed_on=date(2026, 6, 5), effective_on=date(2026, 6, 30),
                                    status=S.DISPUTED, confirmations=((Party.VENDOR, False),)),
        }
        u.commit()
    return w, ids


def open_page(qtbot, context, officer: OfficerIdentity) -> tuple[MainWindow, RefundsPage]:
    ctx = replace(context, officer=officer, today=lambda: TODAY)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    page = win.show_screen("refunds")
    assert isinstance(page, RefundsPage)
    qtbot.waitUntil(lambda: page.is_loaded() and page.detail is not None, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    return win, page


def select(qtbot, page: RefundsPage, case_id: int) -> None:
    row = next(i for i, r in enumerate(page.model.rows) if r.id == case_id)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.row.id == case_id, timeout=30_000)
    assert jobs.wait_for_jobs(30)


def test_queue_colours_rows_by_the_window_and_the_case_view_draws_the_term(qtbot, app_context, desk, dialogs,
                                                                            screenshot):
    w, ids = desk
    win, page = open_page(qtbot, app_context, OfficerIdentity.of(w.officer_id, "王承辦", ["officer"]))
    m_ = page.model
    tone = {r.id: m_.data(m_.index(i, 0), TONE_ROLE) for i, r in enumerate(m_.rows)}
    assert tone[ids["late"]] == "breached"  # window ended 06-15, still awaiting confirmation
    assert tone[ids["amber"]] == "warning"  # ends 06-24: within two days
    assert tone[ids["calm"]] == "" and tone[ids["confirmed"]] == ""
    disputed_row = next(i for i, r in enumerate(m_.rows) if r.id == ids["disputed"])
    assert m_.data(m_.index(disputed_row, RefundsTableModel.COL_STATE)) == "有爭議"
    assert not page.tabs.isTabEnabled(page.INBOX_TAB)  # an officer has no approval inbox
    page.disputed_check.setChecked(True)
    qtbot.waitUntil(lambda: page.is_loaded() and [r.id for r in page.model.rows] == [ids["disputed"]],
                    timeout=30_000)
    assert jobs.wait_for_jobs(30)
    picture = page.case_view.timeline.picture
    assert picture is not None and (picture.months_used, picture.term_months) == (6, 12)
    assert picture.window_ends_on == date(2026, 6, 19) and picture.today == TODAY
    assert "須知七(六)2" in page.case_view.timeline_note.text()
    assert page.buttons["resolve"].isEnabled() and not page.buttons["approve"].isEnabled()
    assert dialogs == []
    screenshot(win, "refunds_queue")


def test_officer_submits_and_another_supervisor_approves_through_the_buttons(qtbot, app_context, desk, dialogs):
    w, ids = desk
    win, page = open_page(qtbot, app_context, OfficerIdentity.of(w.officer_id, "王承辦", ["officer"]))
    select(qtbot, page, ids["confirmed"])
    assert page.buttons["submit"].isEnabled()
    page.buttons["submit"].click()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.row.state == "submitted", timeout=30_000)
    assert jobs.wait_for_jobs(30)
    assert "已送主管核定" in page.status.text()
    win.close()
    win, page = open_page(qtbot, app_context, OfficerIdentity.of(w.supervisor_id, "林主管", ["supervisor"]))
    page.show_inbox()
    qtbot.waitUntil(lambda: page.is_loaded() and [r.id for r in page.model.rows] == [ids["confirmed"]],
                    timeout=30_000)
    assert jobs.wait_for_jobs(30)
    select(qtbot, page, ids["confirmed"])
    assert page.buttons["approve"].isEnabled()
    page.buttons["approve"].click()  # demo programme, no card: unsigned, no PIN dialog, but confirmed
    qtbot.waitUntil(lambda: "已核准" in page.status.text() or "無法" in page.status.text(), timeout=30_000)
    assert jobs.wait_for_jobs(30)
    assert "已核准並入帳" in page.status.text(), page.status.text()
    assert page.model.rows == []  # decided: no longer in the inbox
    with app_context.uow_factory() as u:
        case = u.session.get(m.RefundCase, ids["confirmed"])
        assert case is not None and case.status is S.APPROVED and case.approved_by_id == w.supervisor_id
        assert case.return_lot_id is not None and case.returned_on is not None
    page.tabs.setCurrentIndex(0)
    page.state_filter.setCurrentIndex(page.state_filter.findData("approved"))
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.row.state == "approved", timeout=30_000)
    assert jobs.wait_for_jobs(30)
    posting = page.case_view.facts["posting"].text()
    assert "返還" in posting and "暫定行事曆" in posting  # no office calendar imported in this database
    # The supervisor saw what would be booked before it was: one confirmation, with the figures.
    assert len(dialogs) == 1 and "核准退款並入帳" in dialogs[0].text and "點數返還" in dialogs[0].text


def test_a_supervisor_who_resolved_the_case_cannot_approve_it_in_the_screen(qtbot, app_context, desk, dialogs):
    w, ids = desk
    from backoffice.services.refunds import workflow

    with app_context.uow_factory() as u:
        workflow.resolve(u, ids["disputed"], w.supervisor_id, effective_on=date(2026, 6, 30), reason="查核")
    with app_context.uow_factory() as u:
        workflow.submit(u, ids["disputed"], w.officer_id)
    win, page = open_page(qtbot, app_context, OfficerIdentity.of(w.supervisor_id, "林主管", ["supervisor"]))
    page.show_inbox()
    qtbot.waitUntil(lambda: page.is_loaded(), timeout=30_000)
    assert jobs.wait_for_jobs(30)
    assert page.model.rows == []  # not in this supervisor's inbox
    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.is_loaded() and len(page.model.rows) == 5, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    select(qtbot, page, ids["disputed"])
    assert not page.buttons["approve"].isEnabled() and "四眼" in page.buttons["approve"].toolTip()
    page.start_decision("approve", None)  # even when called directly, the service refuses
    qtbot.waitUntil(lambda: "四眼原則" in page.status.text(), timeout=30_000)
    assert jobs.wait_for_jobs(30)


@pytest.mark.pcsc
@pytest.mark.pkcs11
def test_the_supervisor_approves_with_the_virtual_card_and_pin_and_the_signature_verifies(
        qtbot, app_context, uow, pki, officer_holder, soft_token, vcard_factory, trust_dir, crl_dir, dialogs) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from backoffice.services.refunds import signed, workflow
    from tests.support.cards import card_set

    with uow() as u:
        w = rs.world(u.session, supervisor_cert=officer_holder.der)  # not a demo: the card is required
        cid = rs.add_case(u.session, w, filed_on=date(2026, 6, 5), effective_on=date(2026, 5, 31),
                          status=S.CONFIRMED)
        u.commit()
    with uow() as u:
        workflow.submit(u, cid, w.officer_id)
    vcard_factory(card_set(pki, officer_holder))  # the supervisor's own card in a reader
    context = replace(app_context, settings=replace(app_context.settings, pkcs11_module=soft_token.module,
                                                    trust_dir=trust_dir, crl_dir=crl_dir))
    win, page = open_page(qtbot, context, OfficerIdentity.of(w.supervisor_id, "林主管", ["supervisor"]))
    page.show_inbox()
    qtbot.waitUntil(lambda: page.is_loaded() and [r.id for r in page.model.rows] == [cid], timeout=30_000)
    select(qtbot, page, cid)
    qtbot.mouseClick(page.buttons["approve"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible() or page.status.isVisible(),
                    timeout=60_000)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible(), page.status.text()
    assert "PIN 狀態正常" in dialog.state_label.text()
    qtbot.keyClicks(dialog.pin_edit, soft_token.user_pin)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.pin_edit.text() == ""  # the PIN is not kept in the widget
    qtbot.waitUntil(lambda: page.status.isVisible(), timeout=60_000)
    assert jobs.wait_for_jobs(60)
    assert "已核准並入帳；簽章已驗證" in page.status.text(), page.status.text()
    with uow() as u:
        check = signed.verify_case(u, cid)
        assert check.ok and check.status == "valid"
    assert dialogs == []


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_at_1366x768_the_list_shows_eight_rows_and_whole_statuses(qtbot, app_context, desk, dialogs, language):
    """The walk-through at 1366x768 saw three rows and "Resolved by an …": the list gets the larger
    share of the splitter (the case view scrolls) and the status column fits its widest status."""
    w, _ids = desk
    win, page = open_page(qtbot, app_context, OfficerIdentity.of(w.officer_id, "王承辦", ["officer"]))
    win.resize(1366, 768 - 70)  # a title bar and a panel, as in test_window_fit
    qtbot.waitExposed(win)
    try:
        win.set_language(language, persist=False)
        page = win.show_screen("refunds")
        qtbot.waitUntil(lambda: page.is_loaded() and page.detail is not None, timeout=30_000)
        assert jobs.wait_for_jobs(30)
        qtbot.wait(20)
        rows = page.table.viewport().height() // page.table.verticalHeader().defaultSectionSize()
        assert rows >= 8, rows
        width = page.table.columnWidth(RefundsTableModel.COL_STATE)
        assert width >= page.table.sizeHintForColumn(RefundsTableModel.COL_STATE), (language, width)
        assert win.width() <= 1366
    finally:
        win.set_language("zh_TW", persist=False)
    assert dialogs == []


def test_the_finding_dialog_grows_for_its_clauses_instead_of_squeezing_the_figures(qtbot) -> None:
    """The walk-through saw the figures' rows cut once the preview's wrapped clauses arrived."""
    from backoffice.services.refunds.queries import ResolutionPreview
    from backoffice.views.refunds.dialogs import ResolveDialog

    dialog = ResolveDialog(date(2026, 6, 22), "zh_TW", lambda _e: None)
    qtbot.addWidget(dialog)
    dialog.show()
    figures = {"effective_on": date(2026, 6, 22), "months_used": 3, "points_refund": 850, "self_pay_refund": 0,
               "clauses": ["須知七(六)2", "須知八(三)", "手冊 點數與自付款退還機制"]}
    dialog.show_preview(ResolutionPreview(date(2026, 6, 22), True, date(2026, 3, 25), date(2026, 7, 24),
                                          figures, figures))
    qtbot.wait(20)
    assert dialog.clauses.text()
    for cell in dialog.cells.values():
        assert cell.height() >= cell.sizeHint().height(), cell.text()
    assert dialog.e_edit.line.text() == "115/06/22"  # a ROC date
