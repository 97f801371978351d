"""Table models of the finance desk (STYLE habit 8): claims, batches, batch lines, 95A vendor totals."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication

from backoffice.policy.dates import roc_short
from backoffice.services.finance.batches import BatchRow, LineRow
from backoffice.services.finance.queue import ClaimRow
from backoffice.services.finance.tax95a import VendorTotal
from backoffice.views.i18n import QT_TRANSLATE_NOOP
from backoffice.views.table_kit import RowsTableModel, fmt_date, fmt_int

CONTEXT = "FinanceLabels"
CLAIM_STATUS = {
    "submitted": QT_TRANSLATE_NOOP("FinanceLabels", "待檢核"),
    "payable": QT_TRANSLATE_NOOP("FinanceLabels", "可撥付"),
    "held": QT_TRANSLATE_NOOP("FinanceLabels", "暫緩"),
    "paid": QT_TRANSLATE_NOOP("FinanceLabels", "已撥付"),
    "rejected": QT_TRANSLATE_NOOP("FinanceLabels", "駁回"),
}
HOLD_REASON = {
    "term_not_ended": QT_TRANSLATE_NOOP("FinanceLabels", "期程未結束"),
    "no_invoice": QT_TRANSLATE_NOOP("FinanceLabels", "未開立全額發票"),
    "self_pay_unpaid": QT_TRANSLATE_NOOP("FinanceLabels", "自付款未付清"),
    "refund_open": QT_TRANSLATE_NOOP("FinanceLabels", "退訂退款案未結"),
    "over_claim": QT_TRANSLATE_NOOP("FinanceLabels", "超過可請撥點數"),
    "duplicate": QT_TRANSLATE_NOOP("FinanceLabels", "重複請撥"),
}
BATCH_STATUS = {
    "prepared": QT_TRANSLATE_NOOP("FinanceLabels", "待核准"),
    "approved": QT_TRANSLATE_NOOP("FinanceLabels", "已核准"),
    "closed": QT_TRANSLATE_NOOP("FinanceLabels", "已對帳完畢"),
}
LINE_STATUS = {
    "pending": QT_TRANSLATE_NOOP("FinanceLabels", "待銀行回覆"),
    "paid": QT_TRANSLATE_NOOP("FinanceLabels", "已付款"),
    "failed": QT_TRANSLATE_NOOP("FinanceLabels", "付款失敗"),
}


def title(table: dict[str, str], value: str) -> str:
    text = table.get(value)
    return QCoreApplication.translate(CONTEXT, text) if text else value


def reasons_text(codes: tuple[str, ...]) -> str:
    return "、".join(title(HOLD_REASON, c) for c in codes)


class ClaimsTableModel(RowsTableModel):
    COL_CLAIM, COL_VENDOR, COL_APPLICANT, COL_POINTS, COL_CLAIMABLE, COL_SUBMITTED, COL_STATUS, COL_REASONS = range(8)
    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("ClaimsTableModel", "請撥案號"), QT_TRANSLATE_NOOP("ClaimsTableModel", "廠商"),
        QT_TRANSLATE_NOOP("ClaimsTableModel", "申請單位"), QT_TRANSLATE_NOOP("ClaimsTableModel", "請撥點數"),
        QT_TRANSLATE_NOOP("ClaimsTableModel", "可請撥"), QT_TRANSLATE_NOOP("ClaimsTableModel", "送件日"),
        QT_TRANSLATE_NOOP("ClaimsTableModel", "狀態"), QT_TRANSLATE_NOOP("ClaimsTableModel", "暫緩原因"))
    RIGHT_ALIGNED = frozenset({COL_POINTS, COL_CLAIMABLE})

    def display(self, row: ClaimRow, column: int) -> str:
        return [row.external_id, row.vendor_name, row.applicant_name, fmt_int(row.points_claimed),
                fmt_int(row.claimable), fmt_date(row.submitted_on), title(CLAIM_STATUS, row.status),
                reasons_text(row.reasons) if row.status == "held" else (row.rejected_reason or "")][column]

    def raw(self, row: ClaimRow, column: int) -> Any:
        return [row.external_id, row.vendor_ubn, row.applicant_ubn, row.points_claimed, row.claimable,
                row.submitted_on.isoformat(), row.status, ",".join(row.reasons)][column]

    def tooltip(self, row: ClaimRow, column: int) -> str | None:
        return self.display(row, column) if column in (self.COL_REASONS, self.COL_VENDOR, self.COL_APPLICANT) else None

    def tone(self, row: ClaimRow) -> str:
        return {"held": "warning", "rejected": "muted", "paid": "muted"}.get(row.status, "")


class BatchesTableModel(RowsTableModel):
    COL_ID, COL_VENDOR, COL_PAID_ON, COL_TOTAL, COL_STATUS, COL_LINES, COL_RESULT = range(7)
    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("BatchesTableModel", "批次"), QT_TRANSLATE_NOOP("BatchesTableModel", "廠商"),
        QT_TRANSLATE_NOOP("BatchesTableModel", "付款日"), QT_TRANSLATE_NOOP("BatchesTableModel", "金額"),
        QT_TRANSLATE_NOOP("BatchesTableModel", "狀態"), QT_TRANSLATE_NOOP("BatchesTableModel", "筆數"),
        QT_TRANSLATE_NOOP("BatchesTableModel", "已付／失敗"))
    RIGHT_ALIGNED = frozenset({COL_TOTAL, COL_LINES})

    def display(self, row: BatchRow, column: int) -> str:
        return [str(row.id), f"{row.vendor_name}（{row.vendor_ubn}）", roc_short(row.paid_on), fmt_int(row.total),
                title(BATCH_STATUS, row.status), fmt_int(row.lines), f"{row.paid:,} / {row.failed:,}"][column]

    def raw(self, row: BatchRow, column: int) -> Any:
        return [row.id, row.vendor_ubn, row.paid_on.isoformat(), row.total, row.status, row.lines, row.paid][column]


class LinesTableModel(RowsTableModel):
    COL_REF, COL_CLAIM, COL_AMOUNT, COL_STATUS, COL_PAID_ON, COL_NOTE = range(6)
    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("LinesTableModel", "明細參考號"), QT_TRANSLATE_NOOP("LinesTableModel", "請撥案號"),
        QT_TRANSLATE_NOOP("LinesTableModel", "金額"), QT_TRANSLATE_NOOP("LinesTableModel", "狀態"),
        QT_TRANSLATE_NOOP("LinesTableModel", "銀行付款日"), QT_TRANSLATE_NOOP("LinesTableModel", "說明"))
    RIGHT_ALIGNED = frozenset({COL_AMOUNT})

    def display(self, row: LineRow, column: int) -> str:
        note = row.failure_reason or ""
        if row.mismatch_amount is not None:
            note = QCoreApplication.translate("LinesTableModel", "銀行金額不符：%1（未採用）").replace(
                "%1", fmt_int(row.mismatch_amount))
        return [row.reference, row.claim, fmt_int(row.amount), title(LINE_STATUS, row.status),
                fmt_date(row.paid_on), note][column]

    def tone(self, row: LineRow) -> str:
        return "breached" if row.status == "failed" or row.mismatch_amount is not None else ""


class VendorTotalsModel(RowsTableModel):
    COL_UBN, COL_NAME, COL_COUNT, COL_GROSS, COL_WITHHELD, COL_NET = range(6)
    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("VendorTotalsModel", "扣繳單位統一編號"), QT_TRANSLATE_NOOP("VendorTotalsModel", "扣繳單位"),
        QT_TRANSLATE_NOOP("VendorTotalsModel", "憑單張數"), QT_TRANSLATE_NOOP("VendorTotalsModel", "給付總額"),
        QT_TRANSLATE_NOOP("VendorTotalsModel", "扣繳稅額"), QT_TRANSLATE_NOOP("VendorTotalsModel", "給付淨額"))
    RIGHT_ALIGNED = frozenset({COL_COUNT, COL_GROSS, COL_WITHHELD, COL_NET})

    def display(self, row: VendorTotal, column: int) -> str:
        return [row.vendor_ubn, row.vendor_name, fmt_int(row.statements), fmt_int(row.gross), fmt_int(row.withheld),
                fmt_int(row.net)][column]
