"""Table models of the points-account screen: the account list, one applicant's lots and ledger."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from backoffice.policy import clauses as C
from backoffice.services.points.accounts import AccountRow, EntryView, LotView
from backoffice.views import labels
from backoffice.views.i18n import QT_TRANSLATE_NOOP
from backoffice.views.table_kit import RowsTableModel, clause_short, clause_wording, fmt_date, fmt_int

LABELS = "AccountLabels"

LEDGER_KIND = {
    "grant": QT_TRANSLATE_NOOP("AccountLabels", "核發點數"),
    "reactivation": QT_TRANSLATE_NOOP("AccountLabels", "重新開通"),
    "order_hold": QT_TRANSLATE_NOOP("AccountLabels", "訂單扣抵"),
    "order_release": QT_TRANSLATE_NOOP("AccountLabels", "訂單退回點數"),
    "lapse": QT_TRANSLATE_NOOP("AccountLabels", "未使用返還系統"),
    "expiry_recovery": QT_TRANSLATE_NOOP("AccountLabels", "逾期回收"),
    "refund_return": QT_TRANSLATE_NOOP("AccountLabels", "退訂返還點數"),
    "forfeit": QT_TRANSLATE_NOOP("AccountLabels", "不予返還"),
}

LOT_SOURCE = {
    "grant": QT_TRANSLATE_NOOP("AccountLabels", "核發"),
    "return": QT_TRANSLATE_NOOP("AccountLabels", "退訂返還"),
}

LAPSE_STATE = {
    "used": QT_TRANSLATE_NOOP("AccountLabels", "已於期限內使用，不返還"),
    "open": QT_TRANSLATE_NOOP("AccountLabels", "尚未使用，期限內仍可使用"),
    "held": QT_TRANSLATE_NOOP("AccountLabels", "期限已過，審核中訂單暫緩返還"),
    "lapsed": QT_TRANSLATE_NOOP("AccountLabels", "未使用，點數已返還系統"),
}


def label(table: dict[str, str], value: str) -> str:
    source = table.get(value)
    return QCoreApplication.translate(LABELS, source) if source else value


class AccountsTableModel(RowsTableModel):
    """One applicant per row (their latest grant); balance and dates with their clauses."""

    COL_UBN, COL_NAME, COL_STATUS, COL_ISSUED, COL_GRANTED, COL_BALANCE, COL_LAPSE, COL_VALID = range(8)
    HEADERS = (
        QT_TRANSLATE_NOOP("AccountsTableModel", "統一編號"),
        QT_TRANSLATE_NOOP("AccountsTableModel", "申請單位"),
        QT_TRANSLATE_NOOP("AccountsTableModel", "狀態"),
        QT_TRANSLATE_NOOP("AccountsTableModel", "核發日"),
        QT_TRANSLATE_NOOP("AccountsTableModel", "核發點數"),
        QT_TRANSLATE_NOOP("AccountsTableModel", "可用點數"),
        QT_TRANSLATE_NOOP("AccountsTableModel", "未使用返還日"),
        QT_TRANSLATE_NOOP("AccountsTableModel", "有效期限"),
    )
    RIGHT_ALIGNED = frozenset({COL_GRANTED, COL_BALANCE})
    # Columns the service can sort by (the rest are computed per page).
    SORT_KEYS = {COL_UBN: "ubn", COL_NAME: "name", COL_ISSUED: "issued_on", COL_LAPSE: "lapse_on",
                 COL_VALID: "valid_until"}

    def display(self, row: AccountRow, column: int) -> str:
        if column == self.COL_UBN:
            return row.ubn
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_STATUS:
            return labels.title(labels.GRANT_STATUS, row.status)
        if column == self.COL_ISSUED:
            return fmt_date(row.issued_on)
        if column == self.COL_GRANTED:
            return fmt_int(row.granted)
        if column == self.COL_BALANCE:
            return fmt_int(row.balance)
        if column == self.COL_LAPSE:
            return fmt_date(row.lapse_on)
        if column == self.COL_VALID:
            return fmt_date(row.valid_until)
        return ""

    def raw(self, row: AccountRow, column: int) -> Any:
        return (row.ubn, row.name, row.status, row.issued_on.isoformat(), row.granted, row.balance,
                row.lapse_on.isoformat(), row.valid_until.isoformat())[column]

    def tooltip(self, row: AccountRow, column: int) -> str | None:
        refs = {
            self.COL_GRANTED: (C.POINT_VALUE, C.ONE_GRANT),
            self.COL_BALANCE: (C.DECISION_LOTS, C.VALIDITY, C.LAPSE),
            self.COL_LAPSE: (C.LAPSE, C.CIVIL_CODE_120, C.CIVIL_CODE_121),
            self.COL_VALID: (C.VALIDITY, C.CIVIL_CODE_120, C.CIVIL_CODE_121),
            self.COL_STATUS: (C.LAPSE, C.EXPIRY),
        }.get(column)
        return clause_wording(refs, self.language) if refs else None

    def tone(self, row: AccountRow) -> str:
        return "muted" if row.status in ("lapsed", "expired", "revoked", "reactivated") else ""


class LotsTableModel(RowsTableModel):
    """The lots (點數批次) of one applicant: where the points came from and until when they hold."""

    COL_SOURCE, COL_CREATED, COL_VALID, COL_INITIAL, COL_BALANCE, COL_CLAUSE = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("LotsTableModel", "來源"),
        QT_TRANSLATE_NOOP("LotsTableModel", "入帳日"),
        QT_TRANSLATE_NOOP("LotsTableModel", "有效期限"),
        QT_TRANSLATE_NOOP("LotsTableModel", "原始點數"),
        QT_TRANSLATE_NOOP("LotsTableModel", "剩餘點數"),
        QT_TRANSLATE_NOOP("LotsTableModel", "依據"),
    )
    RIGHT_ALIGNED = frozenset({COL_INITIAL, COL_BALANCE})

    def display(self, row: LotView, column: int) -> str:
        return (label(LOT_SOURCE, row.source), fmt_date(row.created_on), fmt_date(row.valid_until),
                fmt_int(row.initial), fmt_int(row.balance), clause_short(row.clauses, self.language))[column]

    def raw(self, row: LotView, column: int) -> Any:
        return (row.source, row.created_on.isoformat(), row.valid_until.isoformat(), row.initial, row.balance,
                row.clauses)[column]

    def tooltip(self, row: LotView, column: int) -> str | None:
        return clause_wording(row.clauses, self.language)

    def tone(self, row: LotView) -> str:
        return "" if row.usable else "muted"


class LedgerTableModel(RowsTableModel):
    """Every ledger entry of one applicant, oldest first, with the running balance."""

    COL_DATE, COL_KIND, COL_POINTS, COL_BALANCE, COL_ORDER, COL_CLAUSE = range(6)
    HEADERS = (
        QT_TRANSLATE_NOOP("LedgerTableModel", "日期"),
        QT_TRANSLATE_NOOP("LedgerTableModel", "異動"),
        QT_TRANSLATE_NOOP("LedgerTableModel", "點數"),
        QT_TRANSLATE_NOOP("LedgerTableModel", "餘額"),
        QT_TRANSLATE_NOOP("LedgerTableModel", "訂單"),
        QT_TRANSLATE_NOOP("LedgerTableModel", "依據"),
    )
    RIGHT_ALIGNED = frozenset({COL_POINTS, COL_BALANCE})

    def display(self, row: EntryView, column: int) -> str:
        points = f"{row.points:+,}"
        return (fmt_date(row.on_date), label(LEDGER_KIND, row.kind), points, fmt_int(row.running_balance),
                row.order_external_id or "", clause_short(row.clauses, self.language))[column]

    def raw(self, row: EntryView, column: int) -> Any:
        return (row.on_date.isoformat(), row.kind, row.points, row.running_balance, row.order_external_id,
                row.clauses)[column]

    def tooltip(self, row: EntryView, column: int) -> str | None:
        text = clause_wording(row.clauses, self.language)
        return f"{text}\n{row.note}" if row.note else text
