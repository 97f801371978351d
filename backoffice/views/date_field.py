"""A date filter box for people: type a ROC date (115/03/01) or pick one; empty means "no limit".

A line edit (Tab leaves it like any field; the placeholder says 不限) with a calendar button whose
calendar opens on the chosen date, or on today's month when none is chosen. ISO dates
(2026-03-01) are accepted too; anything else is marked in red and leaves the value unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from backoffice.policy.dates import parse_roc_short, roc_short

INVALID_STYLE = "QLineEdit { border: 1px solid #a11d1d; background: #fdecec; }"


def parse_date_text(text: str) -> date | None:
    """'' -> None; '115/03/01', '115-3-1' or '2026-03-01' -> the date; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_roc_short(text)
    except ValueError:
        return date.fromisoformat(text)  # raises ValueError when it is neither


class RocDateField(QWidget):
    """``value()`` is the date or None; ``changed`` fires when the value changes."""

    changed = Signal()

    def __init__(self, empty_text: str, today: Callable[[], date]) -> None:
        super().__init__()
        self._today = today
        self._value: date | None = None
        self.line = QLineEdit()
        self.line.setPlaceholderText(empty_text)
        self.line.setClearButtonEnabled(True)
        self.line.setMaximumWidth(110)
        self.line.setToolTip(self.tr("輸入民國日期，例如 115/03/01；空白表示不限"))
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(self.tr("從月曆選擇日期"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(menu)
        self._menu = menu
        self.calendar.clicked.connect(self._pick)
        self.line.editingFinished.connect(self._commit_text)
        self.line.textChanged.connect(self._text_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def value(self) -> date | None:
        return self._value

    def is_valid(self) -> bool:
        """False while the text is not a date (the value keeps its last good state)."""
        try:
            parse_date_text(self.line.text())
        except ValueError:
            return False
        return True

    def set_value(self, value: date | None) -> None:
        self.line.setText(roc_short(value) if value is not None else "")
        self._set(value)

    # -- internals ---------------------------------------------------------------------------------
    def _prepare_calendar(self) -> None:
        shown = self._value or self._today()  # never Qt's default year 2000
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.setCurrentPage(shown.year, shown.month)

    def _pick(self, d: QDate) -> None:
        self.set_value(date(d.year(), d.month(), d.day()))
        self._menu.close()

    def _text_changed(self, text: str) -> None:
        self.line.setStyleSheet("" if self.is_valid() else INVALID_STYLE)
        if not text.strip():  # the clear button: no limit, at once
            self._set(None)

    def _commit_text(self) -> None:
        try:
            value = parse_date_text(self.line.text())
        except ValueError:
            return  # marked red; the last good value stays in force
        if value is not None:
            self.line.setText(roc_short(value))  # the displayed form, whatever was typed
        self._set(value)

    def _set(self, value: date | None) -> None:
        self.line.setStyleSheet("")
        if value != self._value:
            self._value = value
            self.changed.emit()


class RocDateEdit(RocDateField):
    """A required date for people: typed as a ROC date (115/03/01; ISO accepted) or picked from the
    calendar. Text that is not a date, or none, is marked red and the last good date stays: ``value()``
    is never None. ``minimum``: earlier dates are refused the same way."""

    def __init__(self, value: date, minimum: date | None = None) -> None:
        super().__init__("", lambda: self._value or value)
        self.minimum = minimum
        self.line.setClearButtonEnabled(False)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the next field (mouse opens it)
        self.line.setToolTip(self.tr("輸入民國日期，例如 115/03/01"))
        self.set_value(value)

    def value(self) -> date:  # type: ignore[override]
        assert self._value is not None  # set in __init__, never cleared
        return self._value

    def is_valid(self) -> bool:
        try:
            typed = parse_date_text(self.line.text())
        except ValueError:
            return False
        return typed is not None and (self.minimum is None or typed >= self.minimum)

    def _text_changed(self, text: str) -> None:
        self.line.setStyleSheet("" if self.is_valid() else INVALID_STYLE)

    def _commit_text(self) -> None:
        if self.is_valid():
            super()._commit_text()

    def _pick(self, d: QDate) -> None:
        picked = date(d.year(), d.month(), d.day())
        if self.minimum is None or picked >= self.minimum:
            super()._pick(d)
