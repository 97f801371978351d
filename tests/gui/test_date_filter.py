"""The 送件日 filter: ROC dates typed as shown, a calendar on the current month, Tab leaves the box,
and from-after-to is said beside the dates (never 發生未預期的錯誤)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.test_queue_screen import make_screen, settle
from tests.integration.queue_seed import TODAY, seed_queue

pytestmark = [pytest.mark.gui, pytest.mark.db]


def test_typing_the_displayed_roc_form_is_accepted(qtbot, app_context, dialogs):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    box = screen.date_from
    box.line.setFocus()
    QTest.keyClicks(box.line, "115/03/01")
    QTest.keyClick(box.line, Qt.Key.Key_Return)
    settle(qtbot, screen)
    assert box.value() == date(2026, 3, 1) and box.line.text() == "115/03/01"
    assert screen.model.query.submitted_from == date(2026, 3, 1)
    QTest.keyClicks(box.line, "x")  # not a date: marked, the filter keeps its last good value
    assert not box.is_valid() and box.value() == date(2026, 3, 1)
    box.line.clear()  # empty: no limit
    assert box.value() is None
    assert dialogs == []


def test_tab_leaves_the_empty_box_and_the_calendar_opens_on_this_month(qtbot, app_context, dialogs):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    box = screen.date_from
    assert box.line.placeholderText() == "不限" and box.value() is None
    box.line.setFocus()
    qtbot.waitUntil(lambda: box.line.hasFocus(), timeout=5_000)
    QTest.keyClick(box.line, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not box.line
    box._prepare_calendar()  # what opening the popup does
    assert (box.calendar.yearShown(), box.calendar.monthShown()) == (TODAY.year, TODAY.month)


def test_from_after_to_is_explained_and_nothing_fails(qtbot, app_context, dialogs):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    screen.date_to.set_value(TODAY - timedelta(days=10))
    settle(qtbot, screen)
    screen.date_from.set_value(TODAY)
    settle(qtbot, screen)
    assert dialogs == [] and screen.model.error is None
    assert screen.search_note.isVisible() and "晚於迄日" in screen.search_note.text()
    assert screen.model.query.submitted_from is None  # the impossible range was not run


def test_a_required_date_is_shown_and_typed_as_a_roc_date(qtbot) -> None:
    """The refund finding's E, the self-pay refund date and the supplement deadline showed ISO
    dates (2026-06-22) in the walk-through; people read and type ROC dates."""
    from datetime import date

    from backoffice.views.date_field import RocDateEdit

    edit = RocDateEdit(date(2026, 6, 22), minimum=date(2026, 1, 1))
    qtbot.addWidget(edit)
    edit.show()
    assert edit.line.text() == "115/06/22" and edit.value() == date(2026, 6, 22)
    seen: list[date] = []
    edit.changed.connect(lambda: seen.append(edit.value()))
    for typed, expected, valid in (("115/07/01", date(2026, 7, 1), True), ("2026-08-02", date(2026, 8, 2), True),
                                   ("115/02/30", date(2026, 8, 2), False), ("abc", date(2026, 8, 2), False),
                                   ("", date(2026, 8, 2), False), ("114/12/31", date(2026, 8, 2), False)):
        edit.line.selectAll()
        QTest.keyClicks(edit.line, typed) if typed else edit.line.clear()
        QTest.keyClick(edit.line, Qt.Key.Key_Return)
        assert (edit.value(), edit.is_valid()) == (expected, valid), typed  # bad text: red, last good date stays
    assert seen == [date(2026, 7, 1), date(2026, 8, 2)]
    edit.set_value(date(2025, 12, 31))
    assert edit.line.text() == "114/12/31"
