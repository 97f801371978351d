"""The one registry of main screens shown in the left navigation.

Each screen is a key, a title marked for translation and ``factory(context) -> QWidget``.
To add your screen, replace its placeholder entry below with
``_screen("orders", QT_TRANSLATE_NOOP("Screens", "訂單"), lazy("backoffice.views.orders", "OrdersPage"))``.

Optional page protocol (duck-typed; the smoke test and the main window use it when present):
- ``refresh() -> None``: (re)load data off the UI thread through ``backoffice.views.jobs``; the main
  window calls it right after creating the page and again on F5 (so do not load in ``__init__``);
- ``is_loaded() -> bool``: True once the page finished loading its data;
- ``load_error() -> BaseException | None``: the error that stopped loading, if any.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from backoffice.views import style
from backoffice.views.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from backoffice.views.context import AppContext

Factory = Callable[["AppContext"], QWidget]
CONTEXT = "Screens"


@dataclass(frozen=True)
class Screen:
    key: str
    title: str  # zh-TW source text; display with screen_title()
    factory: Factory
    placeholder: bool = False

    def display_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)


def lazy(module: str, attr: str) -> Factory:
    """A factory that imports its module on first use (keeps start-up fast, avoids import cycles)."""

    def factory(context: AppContext) -> QWidget:
        widget_class = getattr(importlib.import_module(module), attr)
        return widget_class(context)  # type: ignore[no-any-return]

    factory.__qualname__ = f"lazy({module}:{attr})"
    return factory


class PlaceholderPage(QWidget):
    """Stands in for a screen another engineer has not delivered yet; says so plainly."""

    def __init__(self, context: AppContext, title: str) -> None:
        super().__init__()
        self.setObjectName("pageRoot")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)  # same frame as the real screens
        heading = QLabel(QCoreApplication.translate(CONTEXT, title))
        heading.setObjectName(style.PAGE_TITLE)
        layout.addWidget(heading)
        note = QLabel(QCoreApplication.translate("PlaceholderPage", "此畫面尚未提供。"))
        note.setObjectName(style.PLACEHOLDER)
        note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(note)
        layout.addStretch(1)

    def is_loaded(self) -> bool:
        return True


def placeholder(title: str) -> Factory:
    def factory(context: AppContext) -> QWidget:
        return PlaceholderPage(context, title)

    return factory


def _screen(key: str, title: str, factory: Factory | None = None) -> Screen:
    if factory is None:
        return Screen(key, title, placeholder(title), placeholder=True)
    return Screen(key, title, factory)


# The navigation order. Other helpers: swap a placeholder for your factory here.
SCREENS: list[Screen] = [
    _screen("dashboard", QT_TRANSLATE_NOOP("Screens", "儀表板"), lazy("backoffice.views.dashboard", "DashboardPage")),
    _screen("applications", QT_TRANSLATE_NOOP("Screens", "申請案件"),
            lazy("backoffice.views.applications.queue_screen", "QueueScreen")),
    _screen("points", QT_TRANSLATE_NOOP("Screens", "點數帳戶"), lazy("backoffice.views.points.accounts_screen", "AccountsPage")),
    _screen("orders", QT_TRANSLATE_NOOP("Screens", "訂單"), lazy("backoffice.views.orders.orders_screen", "OrdersPage")),
    _screen("refunds", QT_TRANSLATE_NOOP("Screens", "退訂退款"),
            lazy("backoffice.views.refunds.refunds_screen", "RefundsPage")),
    _screen("settlement", QT_TRANSLATE_NOOP("Screens", "請撥核銷"),
            lazy("backoffice.views.finance.finance_screen", "FinancePage")),
]


def screens() -> list[Screen]:
    return list(SCREENS)


def screen(key: str) -> Screen:
    for item in SCREENS:
        if item.key == key:
            return item
    raise KeyError(key)


def page_is_loaded(page: Any) -> bool:
    probe = getattr(page, "is_loaded", None)
    return bool(probe()) if callable(probe) else True


def page_load_error(page: Any) -> BaseException | None:
    probe = getattr(page, "load_error", None)
    return probe() if callable(probe) else None  # type: ignore[no-any-return]
