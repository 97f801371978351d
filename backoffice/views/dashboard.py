"""Programme dashboard (儀表板): budget, applications, grants, points, orders, refunds at a glance.

Figures come from ``backoffice.services.dashboard.programme_overview`` through a job; each group
names the clause its figures rest on, so an officer can explain a number to an applicant.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy import clauses
from backoffice.policy.dates import roc_short
from backoffice.services.dashboard import Overview, programme_overview
from backoffice.services.finance.queue import FinanceFigures, finance_figures
from backoffice.services.orders.orders_view import taipei_date
from backoffice.views import i18n, jobs, labels, style
from backoffice.views.context import AppContext
from backoffice.views.table_kit import clause_wording

CARDS_PER_ROW = 4  # headline figures (budget)
STATUS_CARDS_PER_ROW = 6  # counts by status: smaller, more per row


def fmt_int(n: int) -> str:
    return f"{n:,}"


class DashboardPage(QWidget):
    """Shows an ``Overview``; ``refresh()`` reloads it off the UI thread."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("pageRoot")
        self.overview: Overview | None = None
        self.finance: FinanceFigures | None = None
        self._error: BaseException | None = None
        self._loading = False
        self.figures: dict[str, QLabel] = {}  # figure key -> value label (tests read these)
        self.sweep_note: QLabel | None = None  # what the nightly sweep has yet to book

        heading = QLabel(self.tr("儀表板"))
        heading.setObjectName(style.PAGE_TITLE)
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName(style.CLAUSE_NOTE)
        self.reload_button = QPushButton(self.tr("重新整理"))
        self.reload_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.as_of_label)
        top.addWidget(self.reload_button)

        self.message = QLabel(self.tr("載入中…"))
        self.message.setObjectName(style.PLACEHOLDER)
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 4, 4, 0)  # room for the first group's title
        self.content_layout.setSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)

    # -- page protocol (see backoffice.views.screens) ------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self._error = None
        self.reload_button.setEnabled(False)
        uow_factory = self.context.uow_factory
        today = self.context.today()

        def load(job: jobs.JobControl) -> tuple[Overview, FinanceFigures]:
            with uow_factory() as uow:
                return programme_overview(uow, as_of=today), finance_figures(uow, today)

        jobs.run_job(load, on_result=self._show, on_error=self._failed, parent=self,
                     description=self.tr("載入儀表板"))

    def is_loaded(self) -> bool:
        return self.overview is not None and not self._loading

    def load_error(self) -> BaseException | None:
        return self._error

    def figure_text(self, key: str) -> str:
        return self.figures[key].text()

    # -- results -------------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._error = exc
        self.reload_button.setEnabled(True)
        self.message.setText(self.tr("無法載入儀表板：%1").replace("%1", jobs.message_for(exc)))
        self.message.setVisible(True)
        jobs.report_error(self, exc)

    def _show(self, result: tuple[Overview, FinanceFigures]) -> None:
        overview, self.finance = result
        self._loading = False
        self.overview = overview
        self.reload_button.setEnabled(True)
        self.message.setVisible(overview.programme_code is None)
        self.message.setText(self.tr("此資料庫尚未設定補助計畫；以下數字為 0。"))
        if overview.as_of is not None:
            self.as_of_label.setText(self.tr("資料日期：%1").replace("%1", roc_short(overview.as_of)))
        self._clear()
        self._build(overview)

    def _clear(self) -> None:
        self.figures.clear()
        while self.content_layout.count():
            item = self.content_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _clause_text(self, *refs: str) -> str:
        lang = i18n.normalise_language(self.context.language)
        return self.tr("依據：%1").replace("%1", "\n".join(clauses.shown(ref, lang) for ref in refs))

    def _group(self, title: str, cards: list[tuple[str, str, str]], *refs: str,
               per_row: int = STATUS_CARDS_PER_ROW) -> None:
        """A titled group of figure cards: (key, label, value text) plus the clause note."""
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        for i, (key, label, value) in enumerate(cards):
            grid.addWidget(self._card(key, label, value), i // per_row, i % per_row)
        for col in range(per_row):
            grid.setColumnStretch(col, 1)
        if refs:
            # One clause per line, no word wrap: wrapped labels in a scroll area get squeezed.
            note = QLabel(self._clause_text(*refs))
            note.setObjectName(style.CLAUSE_NOTE)
            note.setToolTip(clause_wording(refs, self.context.language))  # the clauses' published wording
            grid.addWidget(note, (len(cards) - 1) // per_row + 1, 0, 1, per_row)
        self.content_layout.addWidget(box)

    def _sweep_note(self, o: Overview) -> None:
        """Say that the figures are as of the date and what the nightly sweep has yet to book."""
        note = self.sweep_note = QLabel()
        note.setWordWrap(True)
        p = o.pending
        if p is None:
            return
        last = (roc_short(taipei_date(p.last_sweep_at)) if p.last_sweep_at is not None
                else self.tr("尚無紀錄"))
        if p.is_pending:
            text = (self.tr("額度與點數以 %1 計，已計入每日清算尚未入帳的失效 %2 件、到期 %3 批"
                            "（釋出額度 %4 點）。清算上次入帳：%5。")
                    .replace("%1", roc_short(p.as_of)).replace("%2", fmt_int(p.lapses))
                    .replace("%3", fmt_int(p.expired_lots)).replace("%4", fmt_int(p.budget_release))
                    .replace("%5", last))
            note.setStyleSheet("color: #8a5a00; font-weight: bold;")  # noticed, not alarming
        else:
            text = (self.tr("額度與點數以 %1 計；每日清算無待入帳項目。清算上次入帳：%2。")
                    .replace("%1", roc_short(p.as_of)).replace("%2", last))
            note.setObjectName(style.CLAUSE_NOTE)
        note.setText(text)
        self.content_layout.addWidget(note)

    def _card(self, key: str, label: str, value: str) -> QFrame:
        card = QFrame()
        card.setObjectName(style.FIGURE_CARD)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(10, 6, 10, 6)
        inner.setSpacing(2)
        value_label = QLabel(value)
        value_label.setObjectName(style.FIGURE_VALUE)
        value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        name_label = QLabel(label)
        name_label.setObjectName(style.FIGURE_LABEL)
        name_label.setWordWrap(True)  # long English labels wrap instead of widening the page
        # Never below the size hint: the scroll area must scroll, never squash the cards.
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        inner.addWidget(value_label)
        inner.addWidget(name_label)
        inner.addStretch(1)  # numbers line up across cards whose labels wrap differently
        self.figures[key] = value_label
        return card

    def _status_cards(self, prefix: str, table: dict[str, str], counts: dict[str, int]) -> list[tuple[str, str, str]]:
        return [(f"{prefix}.{status}", labels.title(table, status), fmt_int(n)) for status, n in counts.items()]

    def _build(self, o: Overview) -> None:
        self._group(
            self.tr("補助額度（點）"),
            [
                ("budget_total", self.tr("總額度"), fmt_int(o.budget_total)),
                ("budget_committed", self.tr("已核發保留"), fmt_int(o.budget_committed)),
                ("budget_remaining", self.tr("剩餘額度"), fmt_int(o.budget_remaining)),
                ("grants_possible", self.tr("尚可核發件數（每件 3 萬點）"), fmt_int(o.grants_possible)),
            ],
            clauses.POINT_VALUE, clauses.STOP_ANNOUNCEMENT, clauses.RETURN_DEADLINE_BUDGET,
            per_row=CARDS_PER_ROW,
        )
        self._sweep_note(o)
        self._group(
            self.tr("申請案件（共 %1 件）").replace("%1", fmt_int(o.applications_total)),
            self._status_cards("applications", labels.APPLICATION_STATUS, o.applications_by_status),
            clauses.ONE_GRANT,
        )
        grant_cards = self._status_cards("grants", labels.GRANT_STATUS, o.grants_by_status)
        grant_cards.append(("points_outstanding", self.tr("申請人持有點數"), fmt_int(o.points_outstanding)))
        # Statuses as the accounts screen shows them on the dashboard date (before the nightly sweep books them).
        grant_title = (self.tr("點數核發（狀態以 %1 計）").replace("%1", roc_short(o.as_of)) if o.as_of is not None
                       else self.tr("點數核發"))
        self._group(grant_title, grant_cards, clauses.VALIDITY, clauses.LAPSE, clauses.EXPIRY)
        order_cards = self._status_cards("orders", labels.ORDER_STATUS, o.orders_by_status)
        breach_label = self.tr("逾期未辦（接單／付款／發票／開通）")
        if o.deadline_breaches is None:  # a dash, not a wide sentence that would unbalance the grid
            order_cards.append(("deadline_breaches", breach_label + " " + self.tr("（尚未提供）"), "—"))
        else:
            order_cards.append(("deadline_breaches", breach_label, fmt_int(o.deadline_breaches)))
        self._group(
            self.tr("訂單（共 %1 筆）").replace("%1", fmt_int(o.orders_total)),
            order_cards, clauses.ORDER_DEADLINES, clauses.BROCHURE_PAYMENT,
        )
        refund_cards = [("refund_cases_open", self.tr("處理中案件"), fmt_int(o.refund_cases_open))]
        refund_cards += self._status_cards("refunds", labels.REFUND_STATUS, {
            k: v for k, v in o.refund_cases_by_status.items() if k != "rejected" or v})  # a state no longer used
        if o.refund_self_pay_overdue is not None:
            refund_cards.append(("refund_self_pay_overdue", self.tr("自付款逾期未退"),
                                 fmt_int(o.refund_self_pay_overdue)))
        self._group(
            self.tr("退訂退款"), refund_cards,
            clauses.REFUND_UNDER_HALF, clauses.REFUND_HALF_OR_MORE, clauses.BROCHURE_REFUND,
        )
        if self.finance is not None:
            self._finance_group(self.finance)
        self.content_layout.addStretch(1)

    def _finance_group(self, f: FinanceFigures) -> None:
        from backoffice.views.finance.models import HOLD_REASON, title

        cards = [("finance.payable", self.tr("可撥付請撥（件）"), fmt_int(f.payable_count)),
                 ("finance.payable_points", self.tr("可撥付點數"), fmt_int(f.payable_points)),
                 ("finance.paid_this_year", self.tr("本年度已撥付（元）"), fmt_int(f.paid_this_year)),
                 ("finance.statements_due", self.tr("%1 年度 95A 扣繳憑單（申報期限 %2）")
                  .replace("%1", str(f.statements_year - 1911)).replace("%2", roc_short(f.filing_due)),
                  fmt_int(f.statements_due))]
        cards += [(f"finance.held.{code}", self.tr("暫緩：%1").replace("%1", title(HOLD_REASON, code)), fmt_int(n))
                  for code, n in f.held_by_reason.items()]
        self._group(self.tr("請撥核銷"), cards, clauses.SETTLEMENT, clauses.ORDER_DEADLINES)
