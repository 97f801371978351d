"""Table model of the application queue: pages fetched on demand, never all rows.

The model holds the rows fetched so far. Qt's views call ``canFetchMore``/``fetchMore`` when the
officer scrolls near the end; each call loads the next keyset page (``services.queue.fetch_page``)
in a job (``views.jobs``), so the UI thread never waits on SQL. Changing the query or the sort
drops the rows and loads the first page again; a generation counter discards the results of
jobs started for an older query. The capped count is a separate job (``count_changed``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from backoffice.policy import industry
from backoffice.policy.dates import roc_short
from backoffice.services.applications.queue import (
    PAGE_SIZE,
    TAIPEI,
    Cursor,
    QueueCount,
    QueuePage,
    QueueQuery,
    QueueRow,
    SortKey,
    count_applications,
    fetch_page,
)
from backoffice.views import jobs, labels
from backoffice.views.i18n import QT_TRANSLATE_NOOP

CONTEXT = "QueueModel"

APPLICANT_TYPE = {
    "sme": QT_TRANSLATE_NOOP("QueueModel", "中小企業"),
    "tax_registered": QT_TRANSLATE_NOOP("QueueModel", "稅籍登記營利事業"),
    "cooperative": QT_TRANSLATE_NOOP("QueueModel", "合作社"),
    "social_innovation_nonprofit": QT_TRANSLATE_NOOP("QueueModel", "社會創新組織（非營利）"),
    "social_innovation_forprofit": QT_TRANSLATE_NOOP("QueueModel", "社會創新組織（營利）"),
}

(COL_CASE, COL_SUBMITTED, COL_APPLICANT, COL_UBN, COL_TYPE, COL_INDUSTRY, COL_STATUS, COL_ASSIGNEE,
 COL_DUE) = range(9)
COLUMN_COUNT = 9
HEADERS = {
    COL_CASE: QT_TRANSLATE_NOOP("QueueModel", "案號"),
    COL_SUBMITTED: QT_TRANSLATE_NOOP("QueueModel", "送件時間"),
    COL_APPLICANT: QT_TRANSLATE_NOOP("QueueModel", "申請單位"),
    COL_UBN: QT_TRANSLATE_NOOP("QueueModel", "統一編號"),
    COL_TYPE: QT_TRANSLATE_NOOP("QueueModel", "申請類型"),
    COL_INDUSTRY: QT_TRANSLATE_NOOP("QueueModel", "產業類別"),
    COL_STATUS: QT_TRANSLATE_NOOP("QueueModel", "狀態"),
    COL_ASSIGNEE: QT_TRANSLATE_NOOP("QueueModel", "承辦人"),
    COL_DUE: QT_TRANSLATE_NOOP("QueueModel", "處理期限"),
}
# Server-side sort per column. 處理期限 is not sortable, a product decision (issue 12 item 17): for
# cases waiting for review it is the 10th working day after submission (the office calendar, not
# SQL), for 待補件 a calendar date set in the request; no one SQL key orders the two together
# without the calendar in the query, and a key ordering each kind separately would show the column
# out of order where the kinds meet. Sorting by 送件時間 orders the review deadlines exactly (the
# due day only grows with the submission time) and the 僅逾期 filter picks the late ones; the
# header's tooltip says so.
SORT_KEYS: dict[int, SortKey] = {
    COL_CASE: SortKey.EXTERNAL_ID,
    COL_SUBMITTED: SortKey.SUBMITTED_AT,
    COL_APPLICANT: SortKey.APPLICANT_NAME,
    COL_UBN: SortKey.UBN,
    COL_TYPE: SortKey.APPLICANT_TYPE,
    COL_INDUSTRY: SortKey.INDUSTRY,
    COL_STATUS: SortKey.STATUS,
    COL_ASSIGNEE: SortKey.ASSIGNEE,
}

ROLE_ID = Qt.ItemDataRole.UserRole + 1  # int: application id (any column)
ROLE_RAW = Qt.ItemDataRole.UserRole + 2  # the cell's raw value (datetime, date, enum value, id...)
ROLE_ROW = Qt.ItemDataRole.UserRole + 3  # the whole QueueRow
ROLE_OVERDUE = Qt.ItemDataRole.UserRole + 4  # bool

OVERDUE_BACKGROUND = QColor("#fde8e8")
OVERDUE_FOREGROUND = QColor("#a11d1d")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def current_lang() -> str:
    return "en" if QLocale().name().startswith("en") else "zh"


def industry_text(row: QueueRow) -> str:
    lang = current_lang()
    try:
        if row.industry_division:
            return industry.label(row.industry_division, lang)
        if row.industry_section:
            return industry.section_label(row.industry_section, lang)
    except KeyError:  # an unknown code in the data is shown as stored, never crashes the grid
        return row.industry_division or row.industry_section or ""
    return ""


class QueueModel(QAbstractTableModel):
    """Rows of the queue for one ``QueueQuery``; loads pages through jobs."""

    loading_changed = Signal(bool)
    count_changed = Signal(int, bool)  # count, capped
    search_scope = Signal(object)  # the QueueCount: across all statuses? the UBN check of the search
    page_loaded = Signal(int)  # rows now in the model
    load_failed = Signal(object)  # the exception

    def __init__(
        self,
        uow_factory: Callable[[], Any],
        *,
        viewer_id: int | None,
        today: Callable[[], date],
        page_size: int = PAGE_SIZE,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._viewer_id = viewer_id
        self._today = today
        self._page_size = page_size
        self._query = QueueQuery()
        self._rows: list[QueueRow] = []
        self._cursor: Cursor | None = None
        self._exhausted = True  # nothing to fetch until the first load
        self._loading = False
        self._generation = 0
        self._count: QueueCount | None = None
        self.error: BaseException | None = None

    # -- query ---------------------------------------------------------------------------------
    @property
    def query(self) -> QueueQuery:
        return self._query

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def count(self) -> QueueCount | None:
        return self._count

    def set_query(self, query: QueueQuery) -> None:
        """Show ``query``'s rows: drop what is shown and load the first page and the count."""
        self._query = query
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._cursor = None
        self._exhausted = False
        self._count = None
        self.error = None
        self.endResetModel()
        self._set_loading(False)
        self._load_page(None)
        self._load_count()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key is self._query.sort and descending == self._query.descending and (self._rows or self._loading):
            return
        self.set_query(self._query.with_sort(key, descending))

    @staticmethod
    def sortable(column: int) -> bool:
        return column in SORT_KEYS

    def sort_column(self) -> int:
        for column, key in SORT_KEYS.items():
            if key is self._query.sort:
                return column
        return -1

    # -- paging ------------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted and not self._loading and self._cursor is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._load_page(self._cursor)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _load_page(self, after: Cursor | None) -> None:
        generation = self._generation
        query, viewer, today, size, factory = (self._query, self._viewer_id, self._today(), self._page_size,
                                               self._uow_factory)

        def load(job: jobs.JobControl) -> QueuePage:
            if viewer is None:  # nobody signed in (the smoke test): the service would refuse anyway
                return QueuePage(rows=(), next_cursor=None)
            with factory() as uow:
                return fetch_page(uow, query, today=today, viewer_id=viewer, after=after, limit=size)

        self._set_loading(True)
        jobs.run_job(load, on_result=lambda page: self._page_arrived(generation, page),
                     on_error=lambda exc: self._failed(generation, exc),
                     description=QCoreApplication.translate("QueueModel", "載入申請案件"))

    def _load_count(self) -> None:
        generation = self._generation
        query, viewer, today, factory = self._query, self._viewer_id, self._today(), self._uow_factory

        def load(job: jobs.JobControl) -> QueueCount:
            if viewer is None:
                return QueueCount(count=0, capped=False)
            with factory() as uow:
                return count_applications(uow, query, today=today, viewer_id=viewer)

        jobs.run_job(load, on_result=lambda c: self._count_arrived(generation, c),
                     on_error=lambda exc: self._failed(generation, exc),
                     description=QCoreApplication.translate("QueueModel", "計算案件數"))

    def _alive(self, generation: int) -> bool:
        return shiboken6.isValid(self) and generation == self._generation

    def _page_arrived(self, generation: int, page: QueuePage) -> None:
        if not self._alive(generation):
            return
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self._set_loading(False)
        self.page_loaded.emit(len(self._rows))

    def _count_arrived(self, generation: int, count: QueueCount) -> None:
        if self._alive(generation):
            self._count = count
            self.count_changed.emit(count.count, count.capped)
            self.search_scope.emit(count)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not self._alive(generation):
            return
        if self.error is None:  # the page and the count fail together: report once
            self.error = exc
            self._exhausted = True
            self._set_loading(False)
            self.load_failed.emit(exc)

    # -- rows ----------------------------------------------------------------------------------
    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def row_of(self, application_id: int) -> int:
        """The model row showing ``application_id``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == application_id), -1)

    def replace_row(self, updated: QueueRow) -> None:
        """Show fresh values for one application (after a claim or release) without reloading."""
        i = self.row_of(updated.id)
        if i >= 0:
            self._rows[i] = updated
            self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section]) if section in HEADERS else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == COL_DUE:
            return QCoreApplication.translate(
                "QueueModel", "待補件：補件期限；已送件或審核中：送件後第 10 個工作天（不含送件當日）。\n"
                "此欄不能排序（兩種期限算法不同）：依「送件時間」排序即是審核期限的先後，逾期案件請在篩選選「僅逾期」。")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == ROLE_ID:
            return row.id
        if role == ROLE_RAW:
            return self._raw(row, col)
        if role == ROLE_ROW:
            return row
        if role == ROLE_OVERDUE:
            return row.overdue
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and col == COL_DUE:
            return QBrush(OVERDUE_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and row.overdue and col == COL_DUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_SUBMITTED, COL_UBN, COL_DUE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: QueueRow, col: int) -> str:
        if col == COL_CASE:
            return row.external_id
        if col == COL_SUBMITTED:
            local = row.submitted_at.astimezone(TAIPEI)
            return f"{roc_short(local.date())} {local:%H:%M}"
        if col == COL_APPLICANT:
            return row.applicant_name
        if col == COL_UBN:
            return row.ubn
        if col == COL_TYPE:
            return tr(APPLICANT_TYPE[row.applicant_type.value]) if row.applicant_type.value in APPLICANT_TYPE \
                else row.applicant_type.value
        if col == COL_INDUSTRY:
            return industry_text(row)
        if col == COL_STATUS:
            return labels.title(labels.APPLICATION_STATUS, row.status.value)
        if col == COL_ASSIGNEE:
            return row.assigned_officer_name or QCoreApplication.translate("QueueModel", "未分派")
        if col == COL_DUE:
            if row.due_on is None:
                return ""
            text = roc_short(row.due_on) + ("*" if row.due_provisional else "")
            return QCoreApplication.translate("QueueModel", "%1 逾期").replace("%1", text) if row.overdue else text
        return ""

    @staticmethod
    def _raw(row: QueueRow, col: int) -> Any:
        return {
            COL_CASE: row.external_id,
            COL_SUBMITTED: row.submitted_at,
            COL_APPLICANT: row.applicant_name,
            COL_UBN: row.ubn,
            COL_TYPE: row.applicant_type.value,
            COL_INDUSTRY: row.industry_division or row.industry_section,
            COL_STATUS: row.status.value,
            COL_ASSIGNEE: row.assigned_officer_id,
            COL_DUE: row.due_on,
        }.get(col)

    @staticmethod
    def _tooltip(row: QueueRow, col: int) -> str | None:
        if col == COL_DUE and row.due_on is not None:
            if row.supplement_deadline is not None and row.due_on == row.supplement_deadline:
                kind = QCoreApplication.translate("QueueModel", "補件期限")
            else:
                kind = QCoreApplication.translate("QueueModel", "審查期限（送件後 10 個工作天）")
            if row.due_provisional:
                kind += QCoreApplication.translate("QueueModel", "；*暫以備用行事曆計算（辦公日曆表尚未匯入）")
            return kind
        if col == COL_ASSIGNEE and row.claimed_at is not None:
            local = row.claimed_at.astimezone(TAIPEI)
            return QCoreApplication.translate("QueueModel", "%1 自 %2 起承辦").replace("%1", row.assigned_officer_name or "").replace(
                "%2", f"{roc_short(local.date())} {local:%H:%M}")
        return None
