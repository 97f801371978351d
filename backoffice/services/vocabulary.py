"""The words of stored values, one place for every screen and export (Qt-free).

Enumerations are re-exported from the data model so views can name them without importing the
database layer; ``*_STATUS`` map each stored value to its zh-TW title. Screens translate these
titles through ``views/labels.py`` (context ``Labels``; pyside6-lupdate reads this file for the
``QT_TRANSLATE_NOOP`` markers); exports write the zh-TW titles as they are.
"""

from __future__ import annotations

from backoffice.db.enums import (
    ApplicantType,
    ApplicationStatus,
    ClaimStatus,
    GrantStatus,
    OrderStatus,
    RefundStatus,
    Role,
)
from backoffice.services.authz import pure

__all__ = [
    "APPLICATION_STATUS",
    "ApplicantType",
    "ApplicationStatus",
    "ClaimStatus",
    "GRANT_STATUS",
    "GrantStatus",
    "ORDER_STATUS",
    "OrderStatus",
    "REFUND_STATUS",
    "RefundStatus",
    "Role",
    "title_zh",
]


@pure
def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks ``text`` for translation in ``context``; the title itself is the zh-TW source."""
    return text


APPLICATION_STATUS = {
    "submitted": QT_TRANSLATE_NOOP("Labels", "已送件"),
    "under_review": QT_TRANSLATE_NOOP("Labels", "審核中"),
    "supplement_requested": QT_TRANSLATE_NOOP("Labels", "待補件"),
    "approved": QT_TRANSLATE_NOOP("Labels", "已核定"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "不予核定"),
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


@pure
def title_zh(table: dict[str, str], value: object) -> str:
    """The zh-TW title of ``value`` (an enum member or its string); unknown values as themselves."""
    key = str(getattr(value, "value", value))
    return table.get(key, key)
