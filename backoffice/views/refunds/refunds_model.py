"""Table models of the refunds desk: the case queue, confirmations and the case history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from backoffice.services.refunds.queries import CaseRow
from backoffice.views import labels
from backoffice.views.i18n import QT_TRANSLATE_NOOP
from backoffice.views.table_kit import RowsTableModel, fmt_date, fmt_int

CTX = "RefundLabels"
PARTY = {"applicant": QT_TRANSLATE_NOOP("RefundLabels", "申請單位"),
         "vendor": QT_TRANSLATE_NOOP("RefundLabels", "供應商")}
ACTION = {
    "escalate": QT_TRANSLATE_NOOP("RefundLabels", "逾期未確認，移送承辦"),
    "resolve": QT_TRANSLATE_NOOP("RefundLabels", "承辦認定"),
    "submit": QT_TRANSLATE_NOOP("RefundLabels", "送主管核定"),
    "approve": QT_TRANSLATE_NOOP("RefundLabels", "主管核准並入帳"),
    "return": QT_TRANSLATE_NOOP("RefundLabels", "主管退回"),
    "self_pay_refund": QT_TRANSLATE_NOOP("RefundLabels", "自付款已退還"),
}
AGREES = QT_TRANSLATE_NOOP("RefundLabels", "同意")
DISAGREES = QT_TRANSLATE_NOOP("RefundLabels", "不同意")
SIGNED = QT_TRANSLATE_NOOP("RefundLabels", "已簽章")
DAYS = QT_TRANSLATE_NOOP("RefundLabels", "%1 天")
ENDED = QT_TRANSLATE_NOOP("RefundLabels", "已截止")


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def label(table: dict[str, str], value: str) -> str:
    source = table.get(value)
    return tr(source) if source else value


class RefundsTableModel(RowsTableModel):
    """One refund case per row; amber two days before the window ends, red after (or self-pay overdue)."""

    (COL_TERMINATION, COL_ORDER, COL_APPLICANT, COL_VENDOR, COL_STATE, COL_WINDOW, COL_DAYS, COL_MONTHS,
     COL_POINTS, COL_SELF_PAY) = range(10)
    HEADERS = (
        QT_TRANSLATE_NOOP("RefundsTableModel", "終止編號"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "訂單編號"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "申請單位"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "廠商"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "狀態"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "確認期限"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "剩餘"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "已用／期程"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "點數返還"),
        QT_TRANSLATE_NOOP("RefundsTableModel", "自付款退還"),
    )
    RIGHT_ALIGNED = frozenset({COL_DAYS, COL_MONTHS, COL_POINTS, COL_SELF_PAY})

    def display(self, row: CaseRow, column: int) -> str:
        if column == self.COL_TERMINATION:
            return row.termination
        if column == self.COL_ORDER:
            return row.order
        if column == self.COL_APPLICANT:
            return row.applicant
        if column == self.COL_VENDOR:
            return row.vendor
        if column == self.COL_STATE:
            text = labels.title(labels.REFUND_STATUS, row.state)
            return text + ("＊" if row.disputed and row.state != "disputed" else "")
        if column == self.COL_WINDOW:
            return fmt_date(row.window_ends_on)
        if column == self.COL_DAYS:
            if row.days_left is None:
                return ""
            return tr(ENDED) if row.days_left < 0 else tr(DAYS).replace("%1", str(row.days_left))
        if column == self.COL_MONTHS:
            return f"{row.months_used}／{row.term_months}"
        if column == self.COL_POINTS:
            return fmt_int(row.points_refund)
        if column == self.COL_SELF_PAY:
            return fmt_int(row.self_pay_refund)
        return ""

    def raw(self, row: CaseRow, column: int) -> Any:
        return {self.COL_WINDOW: row.window_ends_on.isoformat(), self.COL_DAYS: row.days_left,
                self.COL_MONTHS: row.months_used, self.COL_POINTS: row.points_refund,
                self.COL_SELF_PAY: row.self_pay_refund, self.COL_STATE: row.state}.get(column) \
            if column in (self.COL_WINDOW, self.COL_DAYS, self.COL_MONTHS, self.COL_POINTS, self.COL_SELF_PAY,
                          self.COL_STATE) else self.display(row, column)

    def tone(self, row: CaseRow) -> str:
        return {"red": "breached", "amber": "warning"}.get(row.flag, "")


class ConfirmationsModel(RowsTableModel):
    COL_PARTY, COL_ANSWER, COL_AT, COL_COMMENT = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("ConfirmationsModel", "確認方"),
        QT_TRANSLATE_NOOP("ConfirmationsModel", "意見"),
        QT_TRANSLATE_NOOP("ConfirmationsModel", "時間"),
        QT_TRANSLATE_NOOP("ConfirmationsModel", "說明"),
    )

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == self.COL_PARTY:
            return label(PARTY, row["party"])
        if column == self.COL_ANSWER:
            return tr(AGREES) if row["agrees"] else tr(DISAGREES)
        if column == self.COL_AT:
            return roc_time(row["at"])
        return row.get("comment") or ""

    def tone(self, row: dict[str, Any]) -> str:
        return "" if row["agrees"] else "warning"


class HistoryModel(RowsTableModel):
    COL_AT, COL_ACTION, COL_WHO, COL_REASON = range(4)
    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "時間"),
        QT_TRANSLATE_NOOP("HistoryModel", "動作"),
        QT_TRANSLATE_NOOP("HistoryModel", "人員"),
        QT_TRANSLATE_NOOP("HistoryModel", "理由"),
    )

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == self.COL_AT:
            return roc_time(row["at"])
        if column == self.COL_ACTION:
            text = label(ACTION, row["action"])
            return text + ("（" + tr(SIGNED) + "）" if row.get("signed") else "")
        if column == self.COL_WHO:
            return row.get("officer") or ""
        return row.get("reason") or ""


def roc_time(iso: str | None) -> str:
    """An ISO timestamp as a Taipei ROC date and time (115/06/30 10:30)."""
    if not iso:
        return ""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from backoffice.policy.dates import roc_short

    at = datetime.fromisoformat(iso)
    if at.tzinfo is not None:
        at = at.astimezone(ZoneInfo("Asia/Taipei"))
    return f"{roc_short(at.date())} {at:%H:%M}"
