"""Queue search by UBN or case number: across all statuses (said on screen); a bad UBN is flagged."""

from __future__ import annotations

import pytest

from tests.gui.test_queue_screen import make_screen, settle, shown_cases
from tests.integration.queue_seed import ROWS, UBNS, seed_queue

pytestmark = [pytest.mark.gui, pytest.mark.db]
APPROVED = [r[0] for r in ROWS].index("approved")


def test_a_ubn_search_finds_an_approved_company_under_the_default_filter(qtbot, app_context, dialogs):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    assert screen.status_combo.currentData() == "open"  # the default 待處理 filter stays chosen
    assert f"APP-{APPROVED:04d}" not in shown_cases(screen)
    screen.search.setText(UBNS[APPROVED])
    screen.apply_filters()
    settle(qtbot, screen)
    assert shown_cases(screen) == [f"APP-{APPROVED:04d}"]
    assert screen.count_label.text() == "共 1 件"
    assert screen.search_note.isVisible() and "不限案件狀態" in screen.search_note.text()
    screen.search.setText(f"APP-{APPROVED:04d}")  # the case number too
    screen.apply_filters()
    settle(qtbot, screen)
    assert shown_cases(screen) == [f"APP-{APPROVED:04d}"] and "不限案件狀態" in screen.search_note.text()
    screen.search.setText("有限公司")  # a name search keeps the status filter, and says nothing
    screen.apply_filters()
    settle(qtbot, screen)
    assert f"APP-{APPROVED:04d}" not in shown_cases(screen) and not screen.search_note.isVisible()


def test_a_ubn_whose_check_digit_fails_is_flagged(qtbot, app_context, dialogs):
    seed_queue(app_context.uow_factory)
    screen = make_screen(qtbot, app_context)
    narrowest = screen.minimumSizeHint().width()
    screen.search.setText("04595253")
    screen.apply_filters()
    settle(qtbot, screen)
    assert screen.count_label.text() == "共 0 件"
    assert screen.search_note.isVisible() and "04595253 檢查碼不符" in screen.search_note.text()
    assert screen.minimumSizeHint().width() <= narrowest  # the note wraps on its own line
    screen.search.setText("04595257")
    screen.apply_filters()
    settle(qtbot, screen)
    assert "檢查碼" not in screen.search_note.text()
