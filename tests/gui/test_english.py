"""English translation: every main screen shows English titles; the account and order screens have no
untranslated interface text left (data such as applicant names stays as entered)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPushButton, QTableView

from backoffice.policy import clauses
from backoffice.views import jobs, screens, style
from backoffice.views.main_window import MainWindow
from backoffice.views.table_kit import TONE_ROLE
from tests.gui.points_seed import NAMES, TODAY, seed_points

pytestmark = [pytest.mark.gui, pytest.mark.db]

CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff1a\uff1b]")
# Clause references are official citations (須知七(二), 手冊 步驟4): they stay as written in English too.
REFS = sorted(clauses.CLAUSES, key=len, reverse=True)


def untranslated(text: str) -> bool:
    for ref in REFS:
        text = text.replace(ref, "")
    return bool(CJK.search(text.replace("須知", "").replace("手冊", "")))
ENGLISH_TITLES = {
    "dashboard": "Dashboard", "applications": "Applications", "points": "Points accounts", "orders": "Orders",
}


def interface_texts(page) -> list[str]:
    """Text the interface itself supplies: headings, buttons, group titles, filter items, column headers."""
    texts = [b.text() for b in page.findChildren(QPushButton)]
    texts += [g.title() for g in page.findChildren(QGroupBox)]
    texts += [c.itemText(i) for c in page.findChildren(QComboBox) for i in range(c.count())
              if not isinstance(c.itemData(i), int)]  # vendor names are data
    for view in page.findChildren(QTableView):
        model = view.model()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    texts += [lb.text() for lb in page.findChildren(QLabel) if lb.objectName() in (style.PAGE_TITLE,)]
    if hasattr(page, "search"):
        texts.append(page.search.placeholderText())
    return [t for t in texts if t]


@pytest.fixture
def english_window(qtbot, app_context):
    app_context.today = lambda: TODAY
    seeded = seed_points(app_context.uow_factory)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    window.set_language("en")
    assert jobs.wait_for_jobs(30)
    return window, seeded


def test_every_main_screen_has_an_english_title(qtbot, english_window, dialogs):
    window, _ = english_window
    for index, item in enumerate(screens.screens()):
        page = window.show_screen(item.key)
        qtbot.waitUntil(lambda p=page: screens.page_is_loaded(p), timeout=30_000)
        title = window.nav.item(index).text()
        assert not CJK.search(title), f"{item.key}: navigation title not translated: {title}"
        if item.key in ENGLISH_TITLES:
            assert title == ENGLISH_TITLES[item.key]
        headings = [lb.text() for lb in page.findChildren(QLabel) if lb.objectName() == style.PAGE_TITLE]
        for heading in headings:
            assert not CJK.search(heading) or any(n in heading for n in NAMES), (item.key, heading)
    assert dialogs == []


@pytest.mark.parametrize("key", ["points", "orders"])
def test_account_and_order_screens_are_fully_english(qtbot, english_window, key, screenshot):
    window, seeded = english_window
    page = window.show_screen(key)
    qtbot.waitUntil(lambda: page.is_loaded() and page.detail is not None, timeout=30_000)
    assert jobs.wait_for_jobs(30)
    # Longer English text must not push the page past the default window (1200 px, navigation 220 px).
    assert page.minimumSizeHint().width() <= 1200 - 220, page.minimumSizeHint()
    leftovers = [t for t in interface_texts(page) if untranslated(t)]
    assert leftovers == []
    labels = [lb.text() for lb in page.findChildren(QLabel)]
    assert not [t for t in labels if untranslated(t) and not any(n in t for n in NAMES)
                and not any(v in t for v in seeded.vendor_names) and "雲端" not in t and "社群" not in t]
    # Cell text of every grid on the page (statuses, verdicts, dates, labels) is English; names are data.
    for view in page.findChildren(QTableView):
        grid = view.model()
        for row in range(grid.rowCount()):
            for col in range(grid.columnCount()):
                text = grid.data(grid.index(row, col))
                if text and untranslated(text):
                    assert any(n in text for n in NAMES) or any(v in text for v in seeded.vendor_names), text
    model = page.model
    tooltip = model.data(model.index(0, model.columnCount() - 1), Qt.ItemDataRole.ToolTipRole) or ""
    if key == "orders":
        assert "working days" in tooltip or "days" in tooltip
        assert any(model.data(model.index(r, 0), TONE_ROLE) == "breached" for r in range(model.rowCount()))
    screenshot(window, f"{'accounts' if key == 'points' else key}_en")
