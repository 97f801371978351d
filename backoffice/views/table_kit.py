"""Small shared pieces of the paged list screens (points accounts, orders, refunds, finance): a
row-list table model base, a pager, the master/detail helper, and clause text for tooltips.

A concrete model lists its columns as ``COL_*`` constants and ``HEADERS`` (zh-TW source text
marked with ``QT_TRANSLATE_NOOP(<its class name>, ...)``), and implements ``display`` / ``raw``
(and optionally ``tooltip`` / ``tone``). Raw values (ints, ISO dates, enum values) come back with
``RAW_ROLE``; the row object with ``ROW_ROLE`` (STYLE habit 8).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from backoffice.policy import clauses
from backoffice.policy.dates import roc_short
from backoffice.views import i18n, jobs

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # raw value for sorting/export
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole row object
TONE_ROLE = Qt.ItemDataRole.UserRole + 3  # "breached" / "warning" / "" (tests read it)

# Row tones: a breach is red, a provisional breach (warning) amber (RULES §2).
TONES = {
    "breached": (QColor("#fde2e1"), QColor("#9b1c1c")),
    "warning": (QColor("#fff4cc"), QColor("#6b4e00")),
    "muted": (QColor("#ffffff"), QColor("#8a96a3")),
}

Index = QModelIndex | QPersistentModelIndex


def fmt_int(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def fmt_date(d: date | None) -> str:
    return roc_short(d) if d is not None else ""


def clause_lines(refs: Sequence[str], language: str) -> str:
    """One line per clause in the UI language: the published clause and its title, or
    「作業原則：…」 for our own reading (never an internal reference)."""
    lang = i18n.normalise_language(language)
    return "\n".join(dict.fromkeys(clauses.shown(ref, lang) for ref in refs))  # keep order, drop repeats


def clause_short(refs: Sequence[str], language: str) -> str:
    """The first clause with its title, for a 依據 column (the tooltip lists them all)."""
    return clauses.shown(refs[0], i18n.normalise_language(language)) if refs else ""


def clause_wording(refs: Sequence[str], language: str) -> str:
    """Tooltip text: each clause's published wording (or the operating rule spelled out)."""
    lang = i18n.normalise_language(language)
    return "\n\n".join(dict.fromkeys(clauses.wording(ref, lang) for ref in refs))


class RowsTableModel(QAbstractTableModel):
    """A list of frozen row objects shown in fixed columns. Subclasses set HEADERS and implement
    ``display``/``raw``; the rows are replaced wholesale when a page arrives."""

    HEADERS: ClassVar[tuple[str, ...]] = ()
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset()
    sort_requested = Signal(int, Qt.SortOrder)

    def __init__(self, language: str = i18n.LANG_ZH_TW, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.language = language

    # -- subclass hooks ------------------------------------------------------------------------
    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def raw(self, row: Any, column: int) -> Any:
        return self.display(row, column)

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    def tone(self, row: Any) -> str:
        return ""

    # -- data ----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt signature)
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt signature)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if role == RAW_ROLE:
            return self.raw(row, col)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, col)
        if role == TONE_ROLE:
            return self.tone(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in self.RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = TONES.get(self.tone(row))
            if colours is None:
                return None
            return QBrush(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is done by the database (the model holds one page): ask the page to reload."""
        self.sort_requested.emit(column, order)


def make_table(model: Any, stretch_column: int | None = None) -> QTableView:
    """A read-only, row-selecting table view in the house style."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return view


def narrow_combo(combo: QComboBox, chars: int = 14) -> None:
    """Long item texts (English, vendor names) must not widen the page past the window: the combo
    shows about ``chars`` characters and its popup stays as wide as the longest item."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)


class Pager(QWidget):
    """「上一頁／下一頁」 with "rows a–b of n"; emits ``offset_requested`` with the new offset."""

    offset_requested = Signal(int)

    def __init__(self, page_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.offset = 0
        self.total = 0
        self.label = QLabel()
        self.prev_button = QPushButton(self.tr("上一頁"))
        self.next_button = QPushButton(self.tr("下一頁"))
        self.prev_button.clicked.connect(lambda: self.offset_requested.emit(max(0, self.offset - self.page_size)))
        self.next_button.clicked.connect(lambda: self.offset_requested.emit(self.offset + self.page_size))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addStretch(1)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        self.set_page(0, 0, 0)

    def set_page(self, offset: int, shown: int, total: int) -> None:
        self.offset, self.total = offset, total
        if total == 0:
            self.label.setText(self.tr("沒有符合條件的資料"))
        else:
            self.label.setText(self.tr("第 %1–%2 筆，共 %3 筆")
                               .replace("%1", f"{offset + 1:,}").replace("%2", f"{offset + shown:,}")
                               .replace("%3", f"{total:,}"))
        self.prev_button.setEnabled(offset > 0)
        self.next_button.setEnabled(offset + shown < total)


class MasterDetail(QObject):
    """A paged list above the selected row's detail (the accounts and orders screens' shape).

    The page gives: ``key`` (a row's identity), ``fetch(key)`` (runs on a worker thread through
    ``views.jobs``; it opens its own unit of work), ``show(detail)`` and ``clear()``. Selecting a
    row loads its detail; a detail that arrives after the officer selected another row is dropped
    (a generation counter); after a page reload the same row stays selected when it is still there.
    """

    def __init__(self, page: QWidget, table: QTableView, model: RowsTableModel, *,
                 key: Callable[[Any], Any], fetch: Callable[[Any], Any], show: Callable[[Any], None],
                 clear: Callable[[], None], description: str) -> None:
        super().__init__(page)
        self.page, self.table, self.model = page, table, model
        self.key, self.fetch, self.show, self.clear = key, fetch, show, clear
        self.description = description
        self.current_key: Any = None
        self._generation = 0
        table.selectionModel().selectionChanged.connect(self._selection_changed)

    def rows_shown(self, rows: Sequence[Any]) -> None:
        """After ``model.set_rows(rows)``: keep the selected row if it is still listed, else the first."""
        keep = self.current_key
        index = next((i for i, r in enumerate(rows) if self.key(r) == keep), 0 if rows else None)
        if index is not None:
            self.table.selectRow(index)
        else:
            self.current_key = None
            self._generation += 1  # a detail still loading is no longer wanted
            self.clear()

    def load(self, key: Any) -> None:
        self._generation += 1
        generation = self._generation
        self.current_key = key
        fetch = self.fetch

        def work(job: jobs.JobControl) -> Any:
            return fetch(key)

        jobs.run_job(work, on_result=lambda detail: self._arrived(generation, detail), parent=self.page,
                     description=self.description)

    def _arrived(self, generation: int, detail: Any) -> None:
        if generation == self._generation:
            self.show(detail)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is not None:
            self.load(self.key(row))
