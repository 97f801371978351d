"""申請案件 screen: search, filters, saved filters, keyboard navigation, claims (SQLite + PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel

from backoffice.db.enums import ApplicationStatus
from backoffice.services.applications import assignment
from backoffice.services.applications.queue import OPEN_STATUSES
from backoffice.services.authz import PermissionDenied
from backoffice.views import jobs, screens
from backoffice.views.applications import queue_model as qm
from backoffice.views.applications.queue_screen import QueueScreen
from backoffice.views.context import OfficerIdentity
from tests.integration.queue_seed import TODAY, seed_queue

pytestmark = [pytest.mark.gui, pytest.mark.db]


def make_screen(qtbot, context, officer_id=None, name="王承辦", roles=("officer",)):
    context.today = lambda: TODAY
    if officer_id is not None:
        context = context.with_officer(OfficerIdentity.of(officer_id, name, roles))
    screen = QueueScreen(context)
    qtbot.addWidget(screen)
    screen.resize(1400, 560)
    screen.show()
    screen.refresh()
    qtbot.waitUntil(screen.is_loaded, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    return screen


def shown_cases(screen):
    m = screen.model
    return [m.data(m.index(r, qm.COL_CASE)) for r in range(m.rowCount())]


def type_text(widget, text):
    """Type like a keyboard (with an input method for CJK): one key event per character.

    QTest.keyClicks only knows ASCII (it aborts on 雲), so each character is sent with its text.
    """
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def settle(qtbot, screen):
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=30_000)
    assert jobs.wait_for_jobs(30)


def test_registered_as_the_applications_screen():
    entry = screens.screen("applications")
    assert not entry.placeholder and entry.display_title() == "申請案件"


def test_the_queue_opens_on_the_open_cases_and_all_statuses_is_one_choice_away(qtbot, app_context, dialogs):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    assert screen.status_combo.currentData() == "open"
    assert set(screen.model.query.statuses) == set(OPEN_STATUSES)
    shown = shown_cases(screen)
    statuses = {screen.model.data(screen.model.index(r, qm.COL_STATUS), qm.ROLE_RAW) for r in range(len(shown))}
    assert statuses and statuses <= {s.value for s in OPEN_STATUSES}
    screen.status_combo.setCurrentIndex(screen.status_combo.findData(None))
    qtbot.waitUntil(lambda: screen.model.query.statuses == (), timeout=5_000)
    settle(qtbot, screen)
    assert len(shown_cases(screen)) == 9 > len(shown)


def test_typing_in_search_filters_after_a_pause(qtbot, app_context, dialogs):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    screen.status_combo.setCurrentIndex(screen.status_combo.findData(None))  # every status
    qtbot.waitUntil(lambda: screen.model.query.statuses == (), timeout=5_000)
    settle(qtbot, screen)
    assert len(shown_cases(screen)) == 9
    assert screen.count_label.text() == "共 9 件"
    type_text(screen.search, "雲端")
    qtbot.waitUntil(lambda: screen.model.query.search == "雲端", timeout=5_000)
    settle(qtbot, screen)
    assert [screen.model.data(screen.model.index(r, qm.COL_APPLICANT)) for r in range(screen.model.rowCount())] == [
        "甲雲端科技股份有限公司"]
    assert screen.count_label.text() == "共 1 件"
    screen.search.clear()
    type_text(screen.search, "0459")  # UBN prefix
    qtbot.waitUntil(lambda: screen.model.query.search == "0459", timeout=5_000)
    settle(qtbot, screen)
    assert {screen.model.data(screen.model.index(r, qm.COL_UBN)) for r in range(screen.model.rowCount())} == {
        "04595257", "04595252"}
    assert dialogs == []


def test_filter_widgets_build_the_query(qtbot, app_context, dialogs):
    seed = seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    screen.status_combo.setCurrentIndex(screen.status_combo.findData("supplement_requested"))
    settle(qtbot, screen)
    assert set(shown_cases(screen)) == {"APP-0003", "APP-0004"}
    screen.overdue_combo.setCurrentIndex(screen.overdue_combo.findData(True))
    settle(qtbot, screen)
    assert shown_cases(screen) == ["APP-0003"]
    assert screen.model.query.statuses == (ApplicationStatus.SUPPLEMENT_REQUESTED,)
    screen.clear_button.click()
    settle(qtbot, screen)
    assert len(shown_cases(screen)) == 9
    screen.section_combo.setCurrentIndex(screen.section_combo.findData("J"))
    settle(qtbot, screen)
    assert screen.division_combo.count() < 10  # only J's divisions are offered
    assert set(shown_cases(screen)) == {"APP-0000", "APP-0005"}
    screen.division_combo.setCurrentIndex(screen.division_combo.findData("62"))
    screen.date_from.set_value(TODAY - timedelta(days=40))
    settle(qtbot, screen)
    assert shown_cases(screen) == ["APP-0000"]
    assert seed.apps  # used
    assert dialogs == []


def test_keyboard_navigation_and_enter_opens_the_case(qtbot, app_context, dialogs):
    seed = seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    opened = []
    screen.open_application.connect(opened.append)
    screen.table.setFocus()
    assert screen.table.currentIndex().row() == 0  # the first case is ready for Enter
    QTest.keyClick(screen.table, Qt.Key.Key_Down)
    QTest.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.table.currentIndex().row() == 2
    QTest.keyClick(screen.table, Qt.Key.Key_Return)
    expected = screen.model.data(screen.model.index(2, 0), qm.ROLE_ID)
    assert opened == [expected] and expected in seed.apps.values()
    QTest.keyClick(screen.table, Qt.Key.Key_Up)
    QTest.keyClick(screen.table, Qt.Key.Key_Enter)
    assert opened[-1] == screen.model.data(screen.model.index(1, 0), qm.ROLE_ID)
    QTest.keyClick(screen, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search.hasFocus()
    assert dialogs == []


def test_claim_shows_the_holder_and_others_cannot_claim(qtbot, app_context, dialogs, screenshot):
    seed = seed_queue(app_context.uow_factory)
    with app_context.uow_factory() as u:  # a stale claim by B, for the supervisor's button
        assignment.claim(u, seed.apps["old_waiting"], seed.officer_b, now=datetime.now(UTC) - timedelta(days=3))
    screen = make_screen(qtbot, app_context, seed.officer_a)
    row = screen.model.row_of(seed.apps["supp_late"])
    screen.table.setCurrentIndex(screen.model.index(row, 0))
    assert screen.claim_button.isEnabled() and not screen.release_button.isEnabled()
    screen.claim_button.click()
    assert jobs.wait_for_jobs(30)
    assert screen.model.data(screen.model.index(row, qm.COL_ASSIGNEE)) == "王承辦"
    assert "由您承辦" in screen.holder_label.text()
    assert screen.release_button.isEnabled() and not screen.claim_button.isEnabled()
    # B's case: the holder is named, A cannot claim it, and an officer has no supervisor button.
    row_b = screen.model.row_of(seed.apps["old_waiting"])
    screen.table.setCurrentIndex(screen.model.index(row_b, 0))
    assert "李承辦" in screen.holder_label.text() and "不能審核" in screen.holder_label.text()
    assert not screen.claim_button.isEnabled()
    assert not screen.release_stale_button.isVisible()
    # A claim race lost in the database is explained with the winner's name.
    row_new = screen.model.row_of(seed.apps["new_waiting"])
    screen.table.setCurrentIndex(screen.model.index(row_new, 0))
    with app_context.uow_factory() as u:
        assignment.claim(u, seed.apps["new_waiting"], seed.officer_b)
    screen.claim_button.click()
    assert jobs.wait_for_jobs(30)
    assert len(dialogs) == 1 and "李承辦" in dialogs[0].text
    assert screen.model.data(screen.model.index(row_new, qm.COL_ASSIGNEE)) == "李承辦"  # row refreshed
    screen.table.setCurrentIndex(screen.model.index(row, 0))
    screenshot(screen, "queue")


def test_supervisor_releases_a_stale_claim(qtbot, app_context, dialogs):
    seed = seed_queue(app_context.uow_factory)
    with app_context.uow_factory() as u:
        # Monday of the week before TODAY: more than 2 working days, for the screen and the service.
        assignment.claim(u, seed.apps["old_waiting"], seed.officer_b, now=datetime(2026, 3, 9, 2, 0, tzinfo=UTC))
    screen = make_screen(qtbot, app_context, seed.supervisor, "陳主管", ("supervisor",))
    row = screen.model.row_of(seed.apps["old_waiting"])
    screen.table.setCurrentIndex(screen.model.index(row, 0))
    assert screen.release_stale_button.isVisible() and screen.release_stale_button.isEnabled()
    screen.release_stale_button.click()  # asks first: whose claim, and why
    dialog = screen.release_dialog
    assert dialog.isVisible() and "李承辦" in dialog.findChildren(QLabel)[0].text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reject()  # Cancel: nothing is released
    assert jobs.wait_for_jobs(30)
    assert screen.model.data(screen.model.index(row, qm.COL_ASSIGNEE)) == "李承辦"
    screen.release_stale_button.click()
    dialog = screen.release_dialog
    dialog.reason.setPlainText("承辦人休假")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert jobs.wait_for_jobs(30)
    assert dialogs == []
    assert screen.model.data(screen.model.index(row, qm.COL_ASSIGNEE)) == "未分派"


def test_saved_filters_round_trip(qtbot, app_context, dialogs, monkeypatch):
    seed = seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context, seed.officer_a)
    screen.overdue_combo.setCurrentIndex(screen.overdue_combo.findData(True))
    settle(qtbot, screen)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("逾期案件", True)))
    screen.save_button.click()
    assert jobs.wait_for_jobs(30)
    assert screen.saved_combo.findText("逾期案件") > 0
    screen.clear_button.click()
    settle(qtbot, screen)
    assert len(shown_cases(screen)) == 9
    index = screen.saved_combo.findText("逾期案件")
    screen.saved_combo.setCurrentIndex(index)
    screen.saved_combo.activated.emit(index)
    settle(qtbot, screen)
    assert screen.overdue_combo.currentData() is True
    assert set(shown_cases(screen)) == {"APP-0000", "APP-0003", "APP-0008"}
    screen.delete_filter_button.click()
    assert jobs.wait_for_jobs(30)
    assert screen.saved_combo.findText("逾期案件") < 0
    assert dialogs == []


def test_a_decided_case_held_by_me_offers_no_release(qtbot, app_context, dialogs):
    """Issue 12 item 1: releasing an approved case erased who handled it."""
    import sqlalchemy as sa

    from backoffice.db import models as m

    seed = seed_queue(app_context.uow_factory)
    app_id = seed.apps["approved"]
    with app_context.uow_factory() as u:
        u.session.execute(sa.update(m.Application).where(m.Application.id == app_id).values(
            assigned_officer_id=seed.officer_a, claimed_at=datetime.now(UTC) - timedelta(days=5)))
        u.commit()
    screen = make_screen(qtbot, app_context, seed.officer_a)
    screen.status_combo.setCurrentIndex(screen.status_combo.findData(None))  # every status
    qtbot.waitUntil(lambda: screen.model.query.statuses == (), timeout=5_000)
    settle(qtbot, screen)
    row = screen.model.row_of(app_id)
    screen.table.setCurrentIndex(screen.model.index(row, 0))
    assert "已結案" in screen.holder_label.text() and "王承辦" in screen.holder_label.text()
    assert not screen.release_button.isEnabled() and not screen.claim_button.isEnabled()
    screen.release_selected()  # even when forced (e.g. a stale button), the service refuses
    assert jobs.wait_for_jobs(30)
    assert len(dialogs) == 1 and "已結案" in dialogs[0].text
    assert screen.model.data(screen.model.index(row, qm.COL_ASSIGNEE)) == "王承辦"
    supervisor = make_screen(qtbot, app_context, seed.supervisor, "陳主管", ("supervisor",))
    supervisor.status_combo.setCurrentIndex(supervisor.status_combo.findData(None))
    qtbot.waitUntil(lambda: supervisor.model.query.statuses == (), timeout=5_000)
    settle(qtbot, supervisor)
    supervisor.table.setCurrentIndex(supervisor.model.index(supervisor.model.row_of(app_id), 0))
    assert not supervisor.release_stale_button.isEnabled()


def test_a_deleted_database_file_is_said_and_the_claim_is_not_shown_as_done(qtbot, app_context, dialogs,
                                                                            db_backend, engine):
    """Issue 12 item 2: with the SQLite file deleted, claims reported success and were lost."""
    from pathlib import Path

    if db_backend != "sqlite":
        pytest.skip("a server database has no file to delete")
    seed = seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context, seed.officer_a)
    path = Path(engine.url.database)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    row = screen.model.row_of(seed.apps["new_waiting"])
    screen.table.setCurrentIndex(screen.model.index(row, 0))
    screen.claim_button.click()
    assert jobs.wait_for_jobs(30)
    assert dialogs and "資料庫檔案已被刪除或取代" in dialogs[0].text
    assert screen.model.data(screen.model.index(row, qm.COL_ASSIGNEE)) == "未分派"


def test_a_lost_database_file_puts_a_lasting_alert_on_the_window(qtbot, app_context, dialogs, db_backend, engine):
    """Issue 12 item 2: whichever screen meets the lost file, the window says so for good."""
    from pathlib import Path

    from backoffice.views.main_window import MainWindow

    if db_backend != "sqlite":
        pytest.skip("a server database has no file to delete")
    seed_queue(app_context.uow_factory)
    app_context.today = lambda: TODAY
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    page = window.show_screen("applications")
    qtbot.waitUntil(page.is_loaded, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    assert not window.alert.isVisible()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{engine.url.database}{suffix}").unlink(missing_ok=True)
    window.refresh_current()  # F5
    assert jobs.wait_for_jobs(30)
    assert window.alert.isVisible() and "資料庫檔案已被刪除或取代" in window.alert.text()
    window.show_screen("dashboard")
    assert jobs.wait_for_jobs(30)
    assert window.alert.isVisible()


def test_the_admin_role_alone_is_offered_no_claims_and_no_stale_release(qtbot, app_context):
    """Issue 7: the admin role is not a super-role; the buttons agree with services/authz.py."""
    from backoffice.db.enums import Role
    from tests.support.authz import officer_with

    with app_context.uow_factory() as u:
        admin = officer_with(u, Role.ADMIN)
        u.commit()
    context = app_context.with_officer(OfficerIdentity.of(admin, "張管理", ("admin",)))
    screen = QueueScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    assert jobs.wait_for_jobs(30)
    assert not screen.claim_button.isVisible() and not screen.release_button.isVisible()
    assert not screen.release_stale_button.isVisible()
    assert isinstance(screen.model.error, PermissionDenied)  # the service refuses the queue itself


def test_the_due_column_says_it_cannot_be_sorted_and_the_arrow_stays_on_the_real_order(qtbot, app_context, dialogs):
    """Issue 12 item 17 (decided: 處理期限 is not sortable): clicking it keeps the arrow truthful."""
    from PySide6.QtCore import QPoint

    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    header = screen.table.horizontalHeader()
    tip = screen.model.headerData(qm.COL_DUE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "不能排序" in tip and "送件時間" in tip
    before, shown = screen.model.query, shown_cases(screen)
    for _ in range(2):  # a second click would flip the order of a sortable column
        x = header.sectionViewportPosition(qm.COL_DUE) + header.sectionSize(qm.COL_DUE) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(x, header.height() // 2))
        settle(qtbot, screen)
        assert header.sortIndicatorSection() == qm.COL_SUBMITTED
        assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        assert screen.model.query == before and shown_cases(screen) == shown
    assert dialogs == []
