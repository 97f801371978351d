"""Table models of the orders screen: the order list, one order's deadlines and its events."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from backoffice.policy import clauses as C
from backoffice.policy.orders import Deadline
from backoffice.services.orders.orders_view import EventView, OrderRow
from backoffice.views import labels
from backoffice.views.i18n import QT_TRANSLATE_NOOP
from backoffice.views.table_kit import (
    RowsTableModel,
    clause_lines,
    clause_short,
    clause_wording,
    fmt_date,
    fmt_int,
)

LABELS = "OrderLabels"

DEADLINE_NAME = {
    "vendor_confirm": QT_TRANSLATE_NOOP("OrderLabels", "廠商確認接單"),
    "pay": QT_TRANSLATE_NOOP("OrderLabels", "申請單位付清自付款"),
    "invoice": QT_TRANSLATE_NOOP("OrderLabels", "廠商開立全額電子發票"),
    "service_start": QT_TRANSLATE_NOOP("OrderLabels", "廠商開始提供服務"),
}
DEADLINE_STATUS = {
    "met": QT_TRANSLATE_NOOP("OrderLabels", "如期"),
    "pending": QT_TRANSLATE_NOOP("OrderLabels", "進行中"),
    "breached": QT_TRANSLATE_NOOP("OrderLabels", "逾期"),
    "warning": QT_TRANSLATE_NOOP("OrderLabels", "可能逾期（暫定行事曆）"),
    "not_started": QT_TRANSLATE_NOOP("OrderLabels", "尚未起算"),
    "stopped": QT_TRANSLATE_NOOP("OrderLabels", "訂單已結束"),
}
EVENT_KIND = {
    "submitted": QT_TRANSLATE_NOOP("OrderLabels", "送出訂單"),
    "vendor_confirmed": QT_TRANSLATE_NOOP("OrderLabels", "廠商確認接單"),
    "paid": QT_TRANSLATE_NOOP("OrderLabels", "付清自付款"),
    "payment_confirmed": QT_TRANSLATE_NOOP("OrderLabels", "訂單確認"),
    "invoiced": QT_TRANSLATE_NOOP("OrderLabels", "開立發票"),
    "service_started": QT_TRANSLATE_NOOP("OrderLabels", "開始服務"),
    "rejected": QT_TRANSLATE_NOOP("OrderLabels", "廠商拒單"),
    "cancelled": QT_TRANSLATE_NOOP("OrderLabels", "取消"),
    "completed": QT_TRANSLATE_NOOP("OrderLabels", "完成"),
    "terminated": QT_TRANSLATE_NOOP("OrderLabels", "退訂"),
}


SEPARATOR = QT_TRANSLATE_NOOP("OrderLabels", "；")
VERDICT = QT_TRANSLATE_NOOP("OrderLabels", "%1：%2")  # deadline name: verdict
PROVISIONAL = QT_TRANSLATE_NOOP("OrderLabels", "（暫定）")
UBN_TIP = QT_TRANSLATE_NOOP("OrderLabels", "統一編號 %1")


def label(table: dict[str, str], value: str) -> str:
    source = table.get(value)
    return QCoreApplication.translate(LABELS, source) if source else value


def deadline_summary(row: OrderRow) -> str:
    """The deadlines that went wrong, e.g. "廠商確認接單：逾期"; empty when all are fine."""
    bad = [d for d in row.deadlines if d.status in ("breached", "warning")]
    pattern = QCoreApplication.translate(LABELS, VERDICT)
    return QCoreApplication.translate(LABELS, SEPARATOR).join(
        pattern.replace("%1", label(DEADLINE_NAME, d.name)).replace("%2", label(DEADLINE_STATUS, d.status))
        for d in bad)


class OrdersTableModel(RowsTableModel):
    """One order per row: split of the total, status, and the worst of its four deadlines."""

    (COL_ID, COL_SUBMITTED, COL_APPLICANT, COL_VENDOR, COL_TOTAL, COL_POINTS, COL_SELF_PAY, COL_STATUS,
     COL_DEADLINE) = range(9)
    HEADERS = (
        QT_TRANSLATE_NOOP("OrdersTableModel", "訂單編號"),
        QT_TRANSLATE_NOOP("OrdersTableModel", "送出日"),
        QT_TRANSLATE_NOOP("OrdersTableModel", "申請單位"),
        QT_TRANSLATE_NOOP("OrdersTableModel", "廠商"),
        QT_TRANSLATE_NOOP("OrdersTableModel", "訂單總額"),
        QT_TRANSLATE_NOOP("OrdersTableModel", "點數折抵"),
        QT_TRANSLATE_NOOP("OrdersTableModel", "自付款"),
        QT_TRANSLATE_NOOP("OrdersTableModel", "狀態"),
        QT_TRANSLATE_NOOP("OrdersTableModel", "期限"),
    )
    RIGHT_ALIGNED = frozenset({COL_TOTAL, COL_POINTS, COL_SELF_PAY})

    def display(self, row: OrderRow, column: int) -> str:
        if column == self.COL_DEADLINE:
            shown = "stopped" if row.closed and row.worst == "pending" else row.worst
            return deadline_summary(row) or label(DEADLINE_STATUS, shown)
        return (row.external_id, fmt_date(row.submitted_on), row.applicant_name,
                row.vendor_name, fmt_int(row.total), fmt_int(row.points), fmt_int(row.self_pay),
                labels.title(labels.ORDER_STATUS, row.status))[column]

    def raw(self, row: OrderRow, column: int) -> Any:
        return (row.external_id, row.submitted_on.isoformat(), row.applicant_ubn, row.vendor_name, row.total,
                row.points, row.self_pay, row.status, row.worst)[column]

    def tooltip(self, row: OrderRow, column: int) -> str | None:
        if column == self.COL_APPLICANT:
            ubn = QCoreApplication.translate(LABELS, UBN_TIP).replace("%1", row.applicant_ubn)
            return f"{row.applicant_name}\n{ubn}"
        if column in (self.COL_VENDOR, self.COL_STATUS):
            return self.display(row, column)
        if column in (self.COL_TOTAL, self.COL_POINTS, self.COL_SELF_PAY):
            return clause_wording(row.split_clauses, self.language)
        if column == self.COL_DEADLINE:
            refs = [ref for d in row.deadlines for ref in d.clauses] or [C.ORDER_DEADLINES]
            summary = self.display(row, column).replace(QCoreApplication.translate(LABELS, SEPARATOR), "\n")
            return f"{summary}\n\n{clause_lines(refs, self.language)}"
        return None

    def tone(self, row: OrderRow) -> str:
        return row.worst if row.worst in ("breached", "warning") else ""


class DeadlinesTableModel(RowsTableModel):
    """The four deadlines of one order (須知八(四), 手冊 步驟4)."""

    COL_NAME, COL_STARTED, COL_DUE, COL_DONE, COL_STATUS, COL_CLAUSE = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("DeadlinesTableModel", "期限"),
        QT_TRANSLATE_NOOP("DeadlinesTableModel", "起算日"),
        QT_TRANSLATE_NOOP("DeadlinesTableModel", "期限日"),
        QT_TRANSLATE_NOOP("DeadlinesTableModel", "完成日"),
        QT_TRANSLATE_NOOP("DeadlinesTableModel", "判定"),
        QT_TRANSLATE_NOOP("DeadlinesTableModel", "依據"),
    )

    order_closed = False  # set with the rows: a closed order's open clocks have stopped

    def shown_status(self, row: Deadline) -> str:
        if row.status == "pending" and row.done_on is None:
            if self.order_closed:
                return "stopped"
            if row.started_on is None:
                return "not_started"
        return row.status

    def display(self, row: Deadline, column: int) -> str:
        due = fmt_date(row.due)
        if due and row.provisional:
            due += QCoreApplication.translate(LABELS, PROVISIONAL)
        return (label(DEADLINE_NAME, row.name), fmt_date(row.started_on), due, fmt_date(row.done_on),
                label(DEADLINE_STATUS, self.shown_status(row)), clause_short(row.clauses, self.language))[column]

    def raw(self, row: Deadline, column: int) -> Any:
        iso = [d.isoformat() if d else None for d in (row.started_on, row.due, row.done_on)]
        return (row.name, iso[0], iso[1], iso[2], row.status, row.clauses)[column]

    def tooltip(self, row: Deadline, column: int) -> str | None:
        return clause_wording(row.clauses, self.language)

    def tone(self, row: Deadline) -> str:
        return row.status if row.status in ("breached", "warning") else ""


class OrderEventsTableModel(RowsTableModel):
    """The order's feed events in time order."""

    COL_DATE, COL_KIND = range(2)
    HEADERS = (
        QT_TRANSLATE_NOOP("OrderEventsTableModel", "日期"),
        QT_TRANSLATE_NOOP("OrderEventsTableModel", "事件"),
    )

    def display(self, row: EventView, column: int) -> str:
        return (fmt_date(row.on_date), label(EVENT_KIND, row.kind))[column]

    def raw(self, row: EventView, column: int) -> Any:
        return (row.at.isoformat(), row.kind)[column]
