"""The main window on a desk screen: it fits 1366x768 and 1440x900 in both languages with every
screen (and the review) loaded; the review is reached from 申請案件, highlights it, goes back with
a button or Esc, and follows a language switch."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from backoffice.views import jobs, screens
from backoffice.views.applications.queue_screen import QueueScreen
from backoffice.views.applications.review_screen import ReviewScreen
from backoffice.views.context import OfficerIdentity
from backoffice.views.main_window import MainWindow
from tests.support import review_seed as rs

pytestmark = [pytest.mark.gui, pytest.mark.db]

# Room the desktop takes around a window: title bar and a task bar / top panel.
WINDOW_DECORATION = 70


def open_window(qtbot: Any, app_context: Any) -> tuple[MainWindow, int]:
    seeded = rs.seed(app_context.uow_factory, applications=2)
    context = replace(app_context, officer=OfficerIdentity.of(seeded.officer_id, "林官員", ["officer"]),
                      today=lambda: rs.TODAY)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768 - WINDOW_DECORATION)
    window.show()
    qtbot.waitExposed(window)
    return window, seeded.application_ids[0]


def load(qtbot: Any, page: Any) -> None:
    qtbot.waitUntil(lambda: screens.page_is_loaded(page), timeout=30_000)
    assert jobs.wait_for_jobs(30)


def review_from_queue(qtbot: Any, window: MainWindow, app_id: int) -> ReviewScreen:
    queue = window.show_screen("applications")
    assert isinstance(queue, QueueScreen)
    load(qtbot, queue)
    queue.open_application.emit(app_id)  # what Enter / a double click on the row does
    review = window.stack.currentWidget()
    assert isinstance(review, ReviewScreen)
    load(qtbot, review)
    return review


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_the_window_fits_1366x768_and_1440x900_with_every_screen_loaded(qtbot: Any, app_context: Any,
                                                                       dialogs: Any, language: str) -> None:
    window, app_id = open_window(qtbot, app_context)
    try:
        window.set_language(language, persist=False)
        for item in screens.screens():
            load(qtbot, window.show_screen(item.key))
        review_from_queue(qtbot, window, app_id)
        # The stack's minimum is the largest of its pages: this is the worst case over every screen.
        hint = window.minimumSizeHint()
        for width, height in ((1366, 768), (1440, 900)):
            assert hint.width() <= width and hint.height() <= height - WINDOW_DECORATION, (language, hint.toTuple())
    finally:
        window.set_language("zh_TW", persist=False)
    assert dialogs == []


def test_the_queue_starts_on_the_cases_waiting_for_an_officer(qtbot: Any, app_context: Any, dialogs: Any) -> None:
    window, _ = open_window(qtbot, app_context)
    queue = window.show_screen("applications")
    assert isinstance(queue, QueueScreen)
    load(qtbot, queue)
    # The default is the first choice and says so; every status is the next one.
    assert queue.status_combo.currentIndex() == 0 and queue.status_combo.currentData() == "open"
    assert "未結案" in queue.status_combo.currentText()
    assert queue.status_combo.itemData(1) is None
    assert not queue.model.query.descending  # oldest first
    assert queue.model.rowCount() == 2


def test_the_review_highlights_applications_and_goes_back_with_the_button_or_esc(qtbot: Any, app_context: Any,
                                                                                dialogs: Any) -> None:
    window, app_id = open_window(qtbot, app_context)
    load(qtbot, window.show_screen("dashboard"))
    queue_row = next(i for i, s in enumerate(window.screen_list) if s.key == "applications")
    review = review_from_queue(qtbot, window, app_id)
    assert window.nav.currentRow() == queue_row
    assert window.current_page() is review  # F5 reloads the review, not the hidden queue

    review.back_button.click()
    assert window.stack.currentWidget() is window.pages["applications"]
    assert window.nav.currentRow() == queue_row

    window.open_application(app_id)
    load(qtbot, review)
    assert window.stack.currentWidget() is review
    window.activateWindow()
    review.approve_button.setFocus()
    QTest.keyClick(review.approve_button, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.pages["applications"]

    # A click on the highlighted 申請案件 entry also leaves the review.
    window.open_application(app_id)
    load(qtbot, review)
    rect = window.nav.visualItemRect(window.nav.item(queue_row))
    QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.pages["applications"]
    assert dialogs == []


def test_the_review_is_rebuilt_in_the_new_language(qtbot: Any, app_context: Any, dialogs: Any) -> None:
    window, app_id = open_window(qtbot, app_context)
    old = review_from_queue(qtbot, window, app_id)
    assert old.approve_button.text() == "核定並簽章"
    try:
        window.set_language("en", persist=False)
        review = window.stack.currentWidget()
        assert isinstance(review, ReviewScreen) and review is not old
        load(qtbot, review)
        assert review.application_id == app_id and review.dossier is not None
        assert review.approve_button.text() == "Approve and sign"
        assert review.back_button.text() == "← Back to applications"
        assert window.nav.item(window.nav.currentRow()).text() == "Applications"
    finally:
        window.set_language("zh_TW", persist=False)
    assert dialogs == []


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_a_claimed_case_with_a_very_long_name_keeps_the_window_within_1366(qtbot: Any, app_context: Any,
                                                                          dialogs: Any, language: str) -> None:
    """Issue 12 item 12: a long name plus a claim (and any claimed case in English) widened the window."""
    import sqlalchemy as sa

    from backoffice.db import models as m
    from backoffice.services.applications import assignment

    window, app_id = open_window(qtbot, app_context)
    long_name = "臺灣雲端數位轉型暨人工智慧創新應用國際科技股份有限公司" * 3
    with app_context.uow_factory() as u:
        app = u.session.get(m.Application, app_id)
        u.session.execute(sa.update(m.Applicant).where(m.Applicant.id == app.applicant_id).values(name=long_name))
        u.commit()
    with app_context.uow_factory() as u:
        assignment.claim(u, app_id, window.context.officer.id)
    try:
        window.set_language(language, persist=False)
        review = review_from_queue(qtbot, window, app_id)
        assert review.holds_claim()
        assert window.minimumSizeHint().width() <= 1366, (language, window.minimumSizeHint().toTuple())
        assert long_name in review.title.toolTip()  # elided on screen, whole in the tooltip
    finally:
        window.set_language("zh_TW", persist=False)
    assert dialogs == []
