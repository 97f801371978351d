"""The queue's grid: Enter opens the current row; reached by Tab or Down it selects a row at once.

A click on a column the server cannot sort by (處理期限, see ``queue_model.SORT_KEYS``) leaves the
sort arrow where the rows' order really comes from, instead of on the clicked column.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QTableView, QWidget


class QueueTable(QTableView):
    """The grid; Enter opens the current row (Qt's default would start editing or do nothing)."""

    open_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontalHeader().sortIndicatorChanged.connect(self._keep_indicator_on_the_sort)

    def _keep_indicator_on_the_sort(self, section: int, _order: Qt.SortOrder) -> None:
        model = self.model()
        sort_column = getattr(model, "sort_column", None)
        if not callable(sort_column) or section == (column := sort_column()) or column < 0:
            return
        if not getattr(model, "sortable", lambda _c: True)(section):
            descending = getattr(getattr(model, "query", None), "descending", False)
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            self.horizontalHeader().setSortIndicator(column, order)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        # Reached by Tab or Down: a current row at once, so Enter opens something without a click.
        super().focusInEvent(event)
        model = self.model()
        if not self.currentIndex().isValid() and model is not None and model.rowCount() > 0:
            self.setCurrentIndex(model.index(0, 0))
