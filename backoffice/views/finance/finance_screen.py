"""The finance desk (請撥核銷): claims queue, payment batches, 95A year view, as three tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from backoffice.views import style
from backoffice.views.context import AppContext
from backoffice.views.finance.batches_tab import BatchesTab
from backoffice.views.finance.claims_tab import ClaimsTab
from backoffice.views.finance.tax_tab import TaxYearTab


class FinancePage(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("pageRoot")
        self.context = context
        heading = QLabel(self.tr("請撥核銷"))
        heading.setObjectName(style.PAGE_TITLE)
        self.claims = ClaimsTab(context)
        self.batches = BatchesTab(context)
        self.tax = TaxYearTab(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.claims, self.tr("請撥案件"))
        self.tabs.addTab(self.batches, self.tr("撥款批次"))
        self.tabs.addTab(self.tax, self.tr("95A 扣繳憑單"))
        self.claims.batches_changed.connect(self.batches.refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        self.claims.refresh()
        self.batches.refresh()
        self.tax.refresh()

    def is_loaded(self) -> bool:
        return self.claims.page is not None and self.tax.loaded

    def load_error(self) -> BaseException | None:
        return self.claims.error or self.batches.error or self.tax.error
