"""Display titles for stored enumeration values, shared by every screen.

Values are the strings of ``backoffice.db.enums``; titles are zh-TW source text with English in
the .ts file. Unknown values are shown as themselves (a new status must never crash a screen).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backoffice.views.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Labels"

APPLICATION_STATUS = {
    "submitted": QT_TRANSLATE_NOOP("Labels", "已送件"),
    "under_review": QT_TRANSLATE_NOOP("Labels", "審核中"),
    "supplement_requested": QT_TRANSLATE_NOOP("Labels", "待補件"),
    "approved": QT_TRANSLATE_NOOP("Labels", "已核准"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "不予核准"),
    "withdrawn": QT_TRANSLATE_NOOP("Labels", "已撤回"),
}

GRANT_STATUS = {
    "active": QT_TRANSLATE_NOOP("Labels", "使用中"),
    "lapsed": QT_TRANSLATE_NOOP("Labels", "未使用已返還"),
    "expired": QT_TRANSLATE_NOOP("Labels", "已逾期"),
    "exhausted": QT_TRANSLATE_NOOP("Labels", "已用罄"),
    "reactivated": QT_TRANSLATE_NOOP("Labels", "已重新開通"),
    "revoked": QT_TRANSLATE_NOOP("Labels", "已撤銷"),
}

ORDER_STATUS = {
    "submitted": QT_TRANSLATE_NOOP("Labels", "待廠商接單"),
    "vendor_confirmed": QT_TRANSLATE_NOOP("Labels", "已接單待付款"),
    "paid": QT_TRANSLATE_NOOP("Labels", "已付款待確認"),
    "payment_confirmed": QT_TRANSLATE_NOOP("Labels", "訂單確認"),
    "invoiced": QT_TRANSLATE_NOOP("Labels", "已開發票"),
    "in_service": QT_TRANSLATE_NOOP("Labels", "服務中"),
    "completed": QT_TRANSLATE_NOOP("Labels", "已完成"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "廠商拒單"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "已取消"),
    "terminated": QT_TRANSLATE_NOOP("Labels", "已退訂"),
}

REFUND_STATUS = {
    "awaiting_confirmation": QT_TRANSLATE_NOOP("Labels", "待雙方確認"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "雙方已確認"),
    "disputed": QT_TRANSLATE_NOOP("Labels", "有爭議"),
    "escalated": QT_TRANSLATE_NOOP("Labels", "移承辦人處理"),
    "resolved": QT_TRANSLATE_NOOP("Labels", "承辦人已處理"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "待主管核定"),
    "approved": QT_TRANSLATE_NOOP("Labels", "主管已核准"),
    "returned": QT_TRANSLATE_NOOP("Labels", "主管退回"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "主管退回"),
}


def title(table: dict[str, str], value: str) -> str:
    """Translated title of ``value`` in ``table`` (e.g. ``title(ORDER_STATUS, order.status)``)."""
    source = table.get(str(value))
    return QCoreApplication.translate(CONTEXT, source) if source else str(value)
