"""Excel exports (匯出 Excel) of the application queue and of the orders list (Qt-free).

Both exports stream: rows are read page by page (the queue by keyset through
``queue.fetch_page``, orders oldest first through ``orders_view.list_orders``) and written to an
openpyxl *write-only* workbook, so a million-row queue never sits in memory. The file is written
to a temporary name beside ``path`` and renamed into place only when complete, then an
``AuditEvent`` (who, what, how many rows, which filter) is committed: every export is traceable.

Sheet layout: row 1 the zh-TW headers, row 2 the English headers (the auto-filter sits on it),
both frozen. Dates appear twice: ROC text for people (115/03/01) and an ISO date cell for data.
Money and points are integer cells with a thousands format. National ID numbers are only ever
written masked (A12****789, RULES §10). A second sheet "說明 About" records the filter, the export
time (Asia/Taipei), the officer and the clauses behind the deadline verdicts.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from backoffice.db import models as m
from backoffice.db.session import UnitOfWork
from backoffice.policy import clauses as C
from backoffice.policy import industry
from backoffice.policy.applicants import TYPE_LABELS
from backoffice.policy.dates import roc_short
from backoffice.policy.identifiers import mask_national_id
from backoffice.services.applications.queue import (
    REVIEW_WORKING_DAYS,
    Assignment,
    Cursor,
    QueueQuery,
    SortKey,
    fetch_page,
    is_identifier_search,
    overdue_rule,
)
from backoffice.services.authz import CASE_READ_ROLES, ORDER_READ_ROLES, query_helper, requires
from backoffice.services.orders import orders_view
from backoffice.services.vocabulary import APPLICATION_STATUS, ORDER_STATUS

TAIPEI = ZoneInfo("Asia/Taipei")
EXPORT_PAGE = 1000  # queue rows per keyset page
ABOUT_SHEET = "說明 About"
APPLICATIONS_SHEET = "申請案件 Applications"
ORDERS_SHEET = "訂單 Orders"
INT_FORMAT = "#,##0"
ISO_FORMAT = "yyyy-mm-dd"
ORDER_FILTERS = frozenset({"status", "vendor_id", "search", "breach", "applicant_id"})

Kind = Literal["text", "int", "iso", "roc"]

VERDICT = {"met": "如期", "pending": "進行中", "warning": "可能逾期（暫定行事曆）", "breached": "逾期"}
DEADLINE_CLAUSES = (C.ORDER_DEADLINES, C.BROCHURE_PAYMENT, C.WORKING_DAYS, C.PROVISIONAL_CALENDAR,
                    C.DECISION_DATES, *orders_view.SPLIT_CLAUSES)
QUEUE_CLAUSES = (C.WORKING_DAYS, C.PROVISIONAL_CALENDAR)


class ExportError(ValueError):
    """An export that cannot be made (unknown filter, unwritable destination)."""


class ExportCancelled(Exception):  # noqa: N818
    """The officer cancelled the export; no file was written (``rows``: how many were read)."""

    def __init__(self, rows: int) -> None:
        super().__init__(f"export cancelled after {rows} rows")
        self.rows = rows


Progress = Callable[[int, int], None]  # (rows done, rows in all)
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class ExportResult:
    rows: int
    path: Path

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "path": str(self.path)}


@dataclass(frozen=True)
class Column:
    zh: str
    en: str
    width: float
    kind: Kind = "text"


# ---- sheet writing -------------------------------------------------------------------------------

_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE5F0")
_EN_FONT = Font(italic=True, color="555555")


def _cell(ws: WriteOnlyWorksheet, value: Any, kind: Kind) -> Any:
    if value is None or value == "":
        return None
    if kind == "int":
        c = WriteOnlyCell(ws, value=int(value))
        c.number_format = INT_FORMAT
        return c
    if kind == "iso":
        c = WriteOnlyCell(ws, value=value)
        c.number_format = ISO_FORMAT
        return c
    if kind == "roc":
        return roc_short(value)
    return str(value)


def _start_sheet(wb: Workbook, title: str, columns: Sequence[Column]) -> WriteOnlyWorksheet:
    ws: WriteOnlyWorksheet = wb.create_sheet(title)
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "B3"  # both header rows and the identifying first column stay in view
    # Printed: landscape, one page wide, both header rows on every page.
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:2"
    for attr, font in (("zh", _HEAD_FONT), ("en", _EN_FONT)):
        cells = []
        for col in columns:
            c = WriteOnlyCell(ws, value=getattr(col, attr))
            c.font, c.fill = font, _HEAD_FILL
            c.alignment = Alignment(wrap_text=True, vertical="top")
            cells.append(c)
        ws.append(cells)
    return ws


def _write_rows(ws: WriteOnlyWorksheet, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> int:
    n = 0
    for values in rows:
        ws.append([_cell(ws, v, col.kind) for v, col in zip(values, columns, strict=True)])
        n += 1
    # The filter row is the English header (row 2): Excel takes a filter's first row as its header.
    ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{n + 2}"
    return n


def _discard(ws: WriteOnlyWorksheet) -> None:
    """Finish and delete the sheet's temporary file (openpyxl writes a sheet to one as it goes)."""
    try:
        ws.close()
    finally:
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            writer.cleanup()


def _about(wb: Workbook, lines: Sequence[tuple[str, str, Any]], clause_refs: Sequence[str]) -> None:
    ws: WriteOnlyWorksheet = wb.create_sheet(ABOUT_SHEET)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 60
    for zh, en in (("項目", "內容"), ("Item", "Value")):
        head = [WriteOnlyCell(ws, value=v) for v in (zh, en)]
        for c in head:
            c.font, c.fill = _HEAD_FONT, _HEAD_FILL
        ws.append(head)
    for zh, en, value in lines:
        ws.append([f"{zh} {en}", value])
    ws.append([])
    head = [WriteOnlyCell(ws, value=v) for v in ("條文出處 Clause", "說明", "Meaning")]
    for c in head:
        c.font, c.fill = _HEAD_FONT, _HEAD_FILL
    ws.append(head)
    for ref in clause_refs:
        # Published clauses by reference; our own reading as 作業原則 spelled out (never "RULES §").
        ws.append([C.label(ref), C.shown(ref), C.shown(ref, "en")])


def _officer_label(session: Any, officer_id: int | None) -> str:
    if officer_id is None:
        return "（未指定）(not given)"
    name = session.scalar(sa.select(m.Officer.name).where(m.Officer.id == officer_id))
    if name is None:
        raise ExportError(f"no officer #{officer_id}")
    return f"{name} (#{officer_id})"


def _check_path(path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        raise ExportError(f"export file must end in .xlsx: {path}")
    if not path.parent.is_dir():
        raise ExportError(f"folder does not exist: {path.parent}")
    return path


def _save_then_audit(uow: UnitOfWork, wb: Workbook, path: Path, *, officer_id: int | None, action: str,
                     rows: int, details: dict[str, Any]) -> ExportResult:
    """Save to a temporary file beside ``path``, record the audit event, rename, commit.

    A failed save leaves no partial file; a failed commit removes the file it would describe.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=".export-", suffix=".xlsx", dir=_check_path(path).parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        uow.session.add(m.AuditEvent(officer_id=officer_id, action=action, entity_type="export",
                                     entity_id=path.name[:64], details={"rows": rows, "file": path.name, **details}))
        uow.session.flush()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        uow.commit()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ExportResult(rows, path)


def _now_taipei(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(TAIPEI)


def _timestamp_lines(now: datetime, officer: str, rows: int) -> list[tuple[str, str, Any]]:
    return [
        ("匯出時間", "Exported at", f"{roc_short(now.date())} {now:%H:%M:%S} ({now.isoformat(timespec='seconds')}, "
                                   "Asia/Taipei)"),
        ("匯出人員", "Officer", officer),
        ("資料列數", "Rows", rows),
        ("身分證字號", "National IDs", "一律遮蔽 always masked (A12****789)"),
        ("日期", "Dates", "民國日期為文字供閱讀，ISO 日期欄供運算 ROC text for people, ISO date cells for data"),
    ]


# ---- applications --------------------------------------------------------------------------------

APPLICATION_COLUMNS: tuple[Column, ...] = (
    Column("案號", "Case no.", 16),
    Column("申請單位", "Applicant", 30),
    Column("統一編號", "UBN", 11),
    Column("申請身分", "Applicant type", 18),
    Column("行業（中類）", "Industry division", 10),
    Column("負責人", "Representative", 12),
    Column("負責人身分證字號（遮蔽）", "Representative ID (masked)", 14),
    Column("狀態", "Status", 10),
    Column("送件日", "Submitted (ROC)", 11, "roc"),
    Column("送件日 ISO", "Submitted (ISO)", 12, "iso"),
    Column("承辦人", "Assignee", 12),
    Column("補件期限", "Supplement deadline (ROC)", 11, "roc"),
    Column("補件期限 ISO", "Supplement deadline (ISO)", 12, "iso"),
    Column("應處理日", "Due (ROC)", 11, "roc"),
    Column("應處理日 ISO", "Due (ISO)", 12, "iso"),
    Column("暫定行事曆", "Provisional calendar", 10),
    Column("逾期", "Overdue", 8),
)


def _type_label(value: str) -> str:
    # policy.applicants has its own ApplicantType enum (same values as the stored one).
    label = next((zh for t, (zh, _en) in TYPE_LABELS.items() if t.value == value), None)
    return label or value


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _application_rows(uow: UnitOfWork, query: QueueQuery, today: date, viewer_id: int | None,
                      limit: int | None) -> Iterator[tuple[Any, ...]]:
    session = uow.session
    rule = overdue_rule(session, today)  # one rule for every page: the same "today" throughout
    after: Cursor | None = None
    left = limit
    while left is None or left > 0:
        size = EXPORT_PAGE if left is None else min(EXPORT_PAGE, left)
        page = fetch_page(uow, query, today=today, viewer_id=viewer_id, after=after, limit=size, rule=rule)
        reps = dict(((i, (n, rid)) for i, n, rid in session.execute(
            sa.select(m.Applicant.id, m.Applicant.representative_name, m.Applicant.representative_id)
            .where(m.Applicant.id.in_({r.applicant_id for r in page.rows})))) if page.rows else ())
        for r in page.rows:
            rep_name, rep_id = reps.get(r.applicant_id, (None, None))
            yield (
                r.external_id, r.applicant_name, r.ubn, _type_label(r.applicant_type.value),
                r.industry_division or r.industry_section, rep_name, mask_national_id(rep_id) if rep_id else None,
                APPLICATION_STATUS.get(r.status.value, r.status.value), r.submitted_on, r.submitted_on,
                r.assigned_officer_name, r.supplement_deadline, r.supplement_deadline, r.due_on, r.due_on,
                _yes(r.due_provisional) if r.due_on else None, _yes(r.overdue),
            )
        if left is not None:
            left -= len(page.rows)
        if page.next_cursor is None:
            return
        after = page.next_cursor


@requires(CASE_READ_ROLES, officer="viewer_id")
def export_applications_xlsx(uow: UnitOfWork, query: QueueQuery, path: str | os.PathLike[str], *, today: date,
                             viewer_id: int | None = None, limit: int | None = None,
                             now: datetime | None = None) -> ExportResult:
    """Write the rows of ``query`` (queue order, overdue judged on ``today``) to ``path``; commits.

    ``viewer_id`` is the officer exporting (resolves "mine", is recorded in the audit event);
    ``limit`` caps the number of rows (None: all). ``now`` is the export instant (default: now).
    """
    _check_path(Path(path))  # a bad destination or an unknown officer fails before any work
    officer = _officer_label(uow.session, viewer_id)
    wb = Workbook(write_only=True)
    ws = _start_sheet(wb, APPLICATIONS_SHEET, APPLICATION_COLUMNS)
    rows = _write_rows(ws, APPLICATION_COLUMNS, _application_rows(uow, query, today, viewer_id, limit))
    stamp = _now_taipei(now)
    filt = query.to_json()
    _about(wb, [
        ("匯出內容", "Contents", "申請案件佇列 Application queue"),
        ("篩選條件", "Filter", applications_filter_text(uow.session, query, viewer_id)),
        ("排序", "Order", _sort_text(query)),
        ("判定日", "As of", f"{roc_short(today)} ({today.isoformat()})"),
        ("上限", "Row limit", limit if limit is not None else "無 none"),
        *_timestamp_lines(stamp, officer, rows),
        ("逾期", "Overdue", f"待補件逾補件期限，或送件後逾 {REVIEW_WORKING_DAYS} 個工作天未決 [decision] "
                           f"supplement deadline passed, or undecided after {REVIEW_WORKING_DAYS} working days"),
    ], QUEUE_CLAUSES)
    return _save_then_audit(uow, wb, Path(path), officer_id=viewer_id, action="export.applications", rows=rows,
                            details={"filter": filt, "today": today.isoformat(), "limit": limit})


_SORT_WORDS: dict[SortKey, tuple[str, str]] = {
    SortKey.ID: ("序號", "record number"), SortKey.EXTERNAL_ID: ("案號", "case number"),
    SortKey.SUBMITTED_AT: ("送件時間", "submission time"), SortKey.APPLICANT_NAME: ("申請單位", "applicant"),
    SortKey.UBN: ("統一編號", "UBN"), SortKey.APPLICANT_TYPE: ("申請類型", "applicant type"),
    SortKey.INDUSTRY: ("產業類別", "industry"), SortKey.STATUS: ("狀態", "status"),
    SortKey.ASSIGNEE: ("承辦人", "officer"), SortKey.SUPPLEMENT_DEADLINE: ("補件期限", "supplement deadline"),
}


def _sort_text(query: QueueQuery) -> str:
    zh, en = _SORT_WORDS[query.sort]
    return (f"{zh}，由大到小（同畫面）{en}, descending, as on the screen" if query.descending
            else f"{zh}，由小到大（同畫面）{en}, ascending, as on the screen")


def _roc_and_iso(day: date) -> str:
    return f"{roc_short(day)} ({day.isoformat()})"


def _industry_words(label: Callable[[str, str], str], code: str) -> str:
    try:
        return f"{label(code, 'zh')} / {label(code, 'en')}"
    except KeyError:  # a code the 附表1 list does not know: shown as typed
        return code


@query_helper("the About sheet's words for the queue's filters (the officer's name for an officer filter)")
def applications_filter_text(session: Any, query: QueueQuery, viewer_id: int | None = None) -> str:
    """The queue's filters in words for the About sheet (the audit event keeps them as data)."""
    parts = []
    case_id = None if query.search.strip().isdigit() else session.scalar(
        sa.select(m.Application.id).where(m.Application.external_id == query.search.strip()))
    if query.statuses and is_identifier_search(query.search, case_id):
        parts.append("狀態 status: 不限：依統一編號或案號搜尋時查全部狀態 "
                     "all (a UBN or case-number search looks across all statuses)")
    elif query.statuses:
        parts.append("狀態 status: " + "、".join(f"{APPLICATION_STATUS.get(s.value, s.value)} {s.value}"
                                               for s in query.statuses))
    if query.applicant_types:
        parts.append("申請類型 type: " + "、".join(
            " ".join(next((zh, en) for t, (zh, en) in TYPE_LABELS.items() if t.value == a.value))
            for a in query.applicant_types))
    if query.industry_division:
        parts.append("產業類別 industry: " + _industry_words(industry.label, query.industry_division))
    elif query.industry_section:
        parts.append("產業大類 industry section: " + _industry_words(industry.section_label, query.industry_section))
    if query.submitted_from or query.submitted_to:
        since = f"{_roc_and_iso(query.submitted_from)} 起 from " if query.submitted_from else ""
        until = f"{_roc_and_iso(query.submitted_to)} 止 to" if query.submitted_to else ""
        parts.append(f"送件日 submitted: {since}{until}".rstrip())
    holder = {Assignment.MINE: viewer_id, Assignment.OFFICER: query.assigned_officer_id}.get(query.assignment)
    if query.assignment is Assignment.UNASSIGNED:
        parts.append("承辦人 officer: 未分派 unassigned")
    elif query.assignment in (Assignment.MINE, Assignment.OFFICER):
        name = session.scalar(sa.select(m.Officer.name).where(m.Officer.id == holder)) if holder else None
        mine = "（匯出者本人 the exporting officer）" if query.assignment is Assignment.MINE else ""
        parts.append(f"承辦人 officer: {name or holder}{mine}")
    if query.overdue is not None:
        parts.append("逾期 overdue: " + ("只列逾期 overdue only" if query.overdue else "不含逾期 not overdue"))
    if query.search.strip():
        parts.append(f"搜尋 search: 「{query.search.strip()}」")
    return "；".join(parts) if parts else "無（全部案件）none (all cases)"


# ---- orders --------------------------------------------------------------------------------------

_DEADLINE_NAMES = (("vendor_confirm", "廠商接單", "Vendor confirms"), ("pay", "付款", "Payment"),
                   ("invoice", "開立發票", "Invoice"), ("service_start", "開始服務", "Service starts"))

ORDER_COLUMNS: tuple[Column, ...] = (
    Column("訂單編號", "Order no.", 16),
    Column("申請單位", "Applicant", 28),
    Column("統一編號", "UBN", 11),
    Column("廠商", "Vendor", 24),
    Column("方案", "Solution", 24),
    Column("狀態", "Status", 12),
    Column("送件日", "Submitted (ROC)", 11, "roc"),
    Column("送件日 ISO", "Submitted (ISO)", 12, "iso"),
    Column("方案期程（月）", "Term (months)", 9, "int"),
    Column("訂單總額（含稅）", "Total incl. tax (NT$)", 13, "int"),
    Column("點數折抵", "Points", 11, "int"),
    Column("自付款", "Self-pay (NT$)", 12, "int"),
    Column("已付自付款", "Self-pay paid (NT$)", 12, "int"),
    Column("整體判定", "Worst verdict", 14),
    *(col for _n, zh, en in _DEADLINE_NAMES for col in (
        Column(f"{zh}期限", f"{en}: due (ROC)", 11, "roc"),
        Column(f"{zh}期限 ISO", f"{en}: due (ISO)", 12, "iso"),
        Column(f"{zh}完成日", f"{en}: done (ROC)", 11, "roc"),
        Column(f"{zh}完成日 ISO", f"{en}: done (ISO)", 12, "iso"),
        Column(f"{zh}判定", f"{en}: verdict", 12),
    )),
)


def _matches(worst: str, breach: str | None) -> bool:
    if breach is None:
        return True
    if breach == "any":
        return worst in ("breached", "warning")
    if breach == "clean":
        return worst in ("met", "pending")
    return worst == breach


def _order_values(r: orders_view.OrderRow) -> tuple[Any, ...]:
    by_name = {d.name: d for d in r.deadlines}
    cells: list[Any] = [
        r.external_id, r.applicant_name, r.applicant_ubn, r.vendor_name, r.solution_name,
        ORDER_STATUS.get(r.status, r.status), r.submitted_on, r.submitted_on, r.term_months,
        r.total, r.points, r.self_pay, r.self_pay_paid, VERDICT.get(r.worst, r.worst),
    ]
    for name, _zh, _en in _DEADLINE_NAMES:
        d = by_name.get(name)
        if d is None:
            cells.extend([None] * 5)
        else:
            cells.extend([d.due, d.due, d.done_on, d.done_on, VERDICT.get(d.status, d.status)])
    return tuple(cells)


def _order_rows(uow: UnitOfWork, as_of: date, filters: dict[str, Any], limit: int | None,
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> Iterator[tuple[Any, ...]]:
    from backoffice.services.admin.calendar import load_office_calendar

    calendar = load_office_calendar(uow.session)
    breach = filters.get("breach")
    sql_filters = {k: v for k, v in filters.items() if k != "breach"}
    # Newest first, like the screen. Orders are cut at the newest id seen now, so orders submitted
    # during the export cannot shift the pages. The deadline filter is applied here, row by row, in
    # one pass: the service's own breach filter would rescan every order for each page.
    max_id = uow.session.scalar(sa.select(sa.func.max(m.Order.id))) or 0
    offset, written = 0, 0
    while True:
        if cancelled is not None and cancelled():  # between pages: nothing is written yet
            raise ExportCancelled(offset)
        page = orders_view.list_orders(uow, as_of=as_of, offset=offset, limit=orders_view.MAX_PAGE_SIZE,
                                       descending=True, calendar=calendar, max_id=max_id, **sql_filters)
        if progress is not None:
            progress(offset, page.total)
        for r in page.rows:
            if _matches(r.worst, breach):
                yield _order_values(r)
                written += 1
                if limit is not None and written >= limit:
                    return
        offset += len(page.rows)
        if not page.rows or offset >= page.total:
            return


@query_helper("the About sheet's words for the filters (names of a vendor or applicant already filtered on)")
def orders_filter_text(session: Any, filters: dict[str, Any]) -> str:
    """The filters in words for the About sheet (the audit keeps them as data)."""
    parts = []
    if filters.get("status"):
        parts.append(f"狀態 status: {ORDER_STATUS.get(filters['status'], filters['status'])}")
    if filters.get("breach"):
        words = {"any": "逾期或可能逾期 breached or warning", "breached": "逾期 breached",
                 "warning": "可能逾期（暫定行事曆）warning", "clean": "無逾期 none late"}
        parts.append(f"期限 deadlines: {words.get(filters['breach'], filters['breach'])}")
    if filters.get("vendor_id") is not None:
        name = session.scalar(sa.select(m.Vendor.name).where(m.Vendor.id == filters["vendor_id"]))
        parts.append(f"廠商 vendor: {name or filters['vendor_id']}")
    if filters.get("applicant_id") is not None:
        name = session.scalar(sa.select(m.Applicant.name).where(m.Applicant.id == filters["applicant_id"]))
        parts.append(f"申請單位 applicant: {name or filters['applicant_id']}")
    if filters.get("search"):
        parts.append(f"搜尋 search: 「{filters['search']}」")
    return "；".join(parts) if parts else "無（全部訂單）none (all orders)"


@requires(ORDER_READ_ROLES, officer="officer_id")
def export_orders_xlsx(uow: UnitOfWork, path: str | os.PathLike[str], *, as_of: date, officer_id: int | None = None,
                       limit: int | None = None, now: datetime | None = None, progress: Progress | None = None,
                       cancelled: Cancelled | None = None, **filters: Any) -> ExportResult:
    """Write the orders matching ``filters`` (those of ``list_orders``: status, vendor_id, search,
    breach, applicant_id) with their split and deadline verdicts judged on ``as_of``; commits.

    Newest first, like the orders screen. ``progress(done, total)`` is called per page;
    ``cancelled()`` is asked between pages and raises ``ExportCancelled`` (no file is left)."""
    unknown = set(filters) - ORDER_FILTERS
    if unknown:
        raise ExportError(f"unknown order filter(s): {', '.join(sorted(unknown))}")
    if filters.get("breach") not in (None, "any", "breached", "warning", "clean"):
        raise ExportError(f"unknown deadline filter: {filters['breach']!r}")
    filters = {k: v for k, v in filters.items() if v not in (None, "")}
    _check_path(Path(path))
    officer = _officer_label(uow.session, officer_id)
    wb = Workbook(write_only=True)
    ws = _start_sheet(wb, ORDERS_SHEET, ORDER_COLUMNS)
    try:
        rows = _write_rows(ws, ORDER_COLUMNS, _order_rows(uow, as_of, filters, limit, progress, cancelled))
    except BaseException:
        _discard(ws)
        raise
    stamp = _now_taipei(now)
    _about(wb, [
        ("匯出內容", "Contents", "訂單 Orders (點數／自付款拆分與期限判定 split and deadline verdicts)"),
        ("篩選條件", "Filter", orders_filter_text(uow.session, filters)),
        ("排序", "Order", "送件日新到舊（同畫面）newest submission first, as on the screen"),
        ("期限判定日", "Deadlines judged on", f"{roc_short(as_of)} ({as_of.isoformat()})"),
        ("上限", "Row limit", limit if limit is not None else "無 none"),
        *_timestamp_lines(stamp, officer, rows),
        ("判定", "Verdicts", "逾期 breached；可能逾期（暫定行事曆）warning: computed with the provisional "
                            "calendar (office calendar of that year not imported)；如期 met；進行中 pending"),
        ("期限", "Deadlines", "接單、付款、開立發票各 2 個工作天；訂單確認後 7 天內開始服務 Confirm, pay, invoice: "
                            "2 working days each; service within 7 days of order confirmation"),
    ], DEADLINE_CLAUSES)
    return _save_then_audit(uow, wb, Path(path), officer_id=officer_id, action="export.orders", rows=rows,
                            details={"filter": filters, "as_of": as_of.isoformat(), "limit": limit})

