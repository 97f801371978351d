"""Window state remembered between sessions (QSettings): the main window's size and position,
each screen's splitters, and each table's column widths, order and sort.

The first start (nothing saved) sizes the window to fit the screen it opens on, so a 1366x768
laptop shows the whole window including its status bar; a saved geometry that no longer fits
(a smaller screen since) is shrunk and moved back onto the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView, QWidget

GEOMETRY_KEY = "window/geometry"
PREFERRED = QSize(1320, 860)  # comfortable on 1440x900; shrunk to fit smaller screens
MARGIN = 8  # room for the window frame inside the available area
FRAME = QSize(0, 32)  # a typical title bar: the client area is this much smaller than the frame


def fitted_size(available: QRect, frame: QSize = FRAME) -> QSize:
    """The default client size on a screen whose free area (without task bars) is ``available``."""
    return QSize(min(PREFERRED.width(), available.width() - frame.width() - MARGIN),
                 min(PREFERRED.height(), available.height() - frame.height() - MARGIN))


# The screen's free area, when set (tests: the offscreen platform's one screen is 800x800).
AVAILABLE_OVERRIDE: QRect | None = None


def _available(window: QWidget) -> QRect:
    if AVAILABLE_OVERRIDE is not None:
        return QRect(AVAILABLE_OVERRIDE)
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def restore_window(window: QMainWindow, settings: QSettings | None = None) -> bool:
    """Restore the saved geometry (True) or size the window to fit its screen (False)."""
    settings = settings or QSettings()
    available = _available(window)
    saved = settings.value(GEOMETRY_KEY)
    restored = isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved)
    if not restored:
        size = fitted_size(available)
        window.resize(size)
        window.move(available.x() + (available.width() - size.width()) // 2,
                    available.y() + max(0, (available.height() - size.height()) // 2 - 16))
    elif not window.isMaximized():
        fit = fitted_size(available, QSize(0, 0))
        if window.width() > available.width() or window.height() > available.height():
            window.resize(window.size().boundedTo(fit))
        geo = window.frameGeometry()
        if not available.intersects(geo):
            window.move(available.topLeft())
    return restored


def save_window(window: QMainWindow, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(GEOMETRY_KEY, window.saveGeometry())


def _key(page_key: str, kind: str, index: int) -> str:
    return f"pages/{page_key}/{kind}{index}"


def save_page(page: QWidget, page_key: str, settings: QSettings | None = None) -> None:
    """Splitter positions and table headers (widths, order, sort) of one screen."""
    settings = settings or QSettings()
    for i, splitter in enumerate(page.findChildren(QSplitter)):
        settings.setValue(_key(page_key, "splitter", i), splitter.saveState())
    for i, view in enumerate(page.findChildren(QTableView)):
        settings.setValue(_key(page_key, "table", i), view.horizontalHeader().saveState())


def restore_page(page: QWidget, page_key: str, settings: QSettings | None = None) -> None:
    """Put back what ``save_page`` saved; a table that sorts re-sorts by its saved column."""
    settings = settings or QSettings()
    for i, splitter in enumerate(page.findChildren(QSplitter)):
        state = settings.value(_key(page_key, "splitter", i))
        if isinstance(state, QByteArray) and not state.isEmpty():
            splitter.restoreState(state)
    for i, view in enumerate(page.findChildren(QTableView)):
        state = settings.value(_key(page_key, "table", i))
        header = view.horizontalHeader()
        if not (isinstance(state, QByteArray) and not state.isEmpty() and header.restoreState(state)):
            continue
        if view.isSortingEnabled() and header.isSortIndicatorShown():
            view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
