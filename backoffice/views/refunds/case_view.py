"""One refund case (案件明細): contract, order, termination, the figures each with its clause,
the officer's old and new figures, the term picture, both confirmations, the history and the
evidence (shown inside the app like the review screen's scans)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy import clauses as C
from backoffice.policy.dates import roc_short
from backoffice.services.applications.review import AttachmentRow
from backoffice.services.refunds.queries import CaseDetail, render_evidence
from backoffice.views import labels, style
from backoffice.views.applications.review.attachment_viewer import AttachmentViewer
from backoffice.views.jobs import JobControl, run_job
from backoffice.views.refunds.refunds_model import PARTY, ConfirmationsModel, HistoryModel, label
from backoffice.views.refunds.timeline import TermPicture, TermTimeline
from backoffice.views.table_kit import clause_lines, clause_short, fmt_int, make_table


def _published(refs: tuple[str, ...] | list[str]) -> list[str]:
    """People see published clauses only (須知, 手冊...), never internal RULES references."""
    return [r for r in refs if not r.startswith("RULES")]


class EvidenceViewer(AttachmentViewer):
    """The review screen's scan viewer, reading refund evidence instead of application attachments."""

    def __init__(self, uow_factory: Any, parent: QWidget | None = None) -> None:
        super().__init__(uow_factory, parent)
        self.setTitle(self.tr("佐證資料（供應商服務紀錄、往來文件）"))

    def _render(self) -> None:
        row, page, zoom = self.current, self.page, self.zoom
        if row is None:
            return
        scale = zoom * 96 / 72 if row.media_type == "application/pdf" else zoom

        def work(job: JobControl) -> Any:
            with self.uow_factory() as uow:
                return render_evidence(uow, row.id, page, scale)

        self.image.setText(self.tr("載入中…"))
        run_job(work, on_result=self._show, on_error=self._show_error, parent=self, description=self.tr("顯示附件"))


class CaseView(QTabWidget):
    """Filled by ``show_case``; empty until then."""

    def __init__(self, uow_factory: Any, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.detail: CaseDetail | None = None
        self.addTab(self._build_summary(), self.tr("案件"))
        self.confirmations = ConfirmationsModel(language, self)
        self.history = HistoryModel(language, self)
        talk = QWidget()
        t_layout = QVBoxLayout(talk)
        t_layout.addWidget(QLabel(self.tr("雙方確認（提出終止後 14 日內）")))
        t_layout.addWidget(make_table(self.confirmations, ConfirmationsModel.COL_COMMENT), 1)
        t_layout.addWidget(QLabel(self.tr("案件歷程")))
        t_layout.addWidget(make_table(self.history, HistoryModel.COL_REASON), 2)
        self.addTab(talk, self.tr("確認與歷程"))
        self.evidence = EvidenceViewer(uow_factory, self)
        self.addTab(self.evidence, self.tr("佐證資料"))

    def _build_summary(self) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.title = QLabel(self.tr("請在上方選擇一筆案件。"))
        self.title.setObjectName(style.FIGURE_LABEL)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        picture = QGroupBox(self.tr("契約期程圖"))
        p_layout = QVBoxLayout(picture)
        self.timeline = TermTimeline()
        p_layout.addWidget(self.timeline)
        self.timeline_note = QLabel()
        self.timeline_note.setObjectName(style.CLAUSE_NOTE)
        self.timeline_note.setWordWrap(True)
        p_layout.addWidget(self.timeline_note)
        layout.addWidget(picture)
        row = QHBoxLayout()
        facts = QGroupBox(self.tr("契約與終止"))
        form = QFormLayout(facts)
        self.facts: dict[str, QLabel] = {}
        for key, text in (("contract", self.tr("契約期程")), ("filed", self.tr("提出終止日 F")),
                          ("effective", self.tr("最後服務日 E")), ("window", self.tr("確認期限")),
                          ("initiated", self.tr("提出方／原因")), ("state", self.tr("狀態")),
                          ("posting", self.tr("入帳")), ("self_pay", self.tr("自付款退還"))):
            value = QLabel("—")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            form.addRow(text, value)
        row.addWidget(facts, 2)
        figures = QGroupBox(self.tr("計算（每項附依據）"))
        self.grid = QGridLayout(figures)
        self.figure_cells: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        for col, text in enumerate((self.tr("項目"), self.tr("金額"), self.tr("認定前"), self.tr("依據"))):
            head = QLabel(text)
            head.setObjectName(style.FIGURE_LABEL)
            self.grid.addWidget(head, 0, col)
        for r, (key, text) in enumerate((("months", self.tr("已使用月數")), ("points_used", self.tr("點數使用")),
                                         ("points_refund", self.tr("點數返還")),
                                         ("self_pay_used", self.tr("自付款使用")),
                                         ("self_pay_refund", self.tr("自付款退還"))), start=1):
            self.grid.addWidget(QLabel(text), r, 0)
            cells = (QLabel("—"), QLabel(""), QLabel(""))
            cells[2].setObjectName(style.CLAUSE_NOTE)
            cells[2].setWordWrap(True)
            for c, cell in enumerate(cells, start=1):
                self.grid.addWidget(cell, r, c)
            self.figure_cells[key] = cells
        self.resolution = QLabel()
        self.resolution.setWordWrap(True)
        self.grid.addWidget(self.resolution, 6, 0, 1, 4)
        row.addWidget(figures, 3)
        layout.addLayout(row)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def clear(self) -> None:  # type: ignore[override]
        self.detail = None
        self.title.setText(self.tr("請在上方選擇一筆案件。"))
        for value in self.facts.values():
            value.setText("—")
        for cells in self.figure_cells.values():
            for cell in cells:
                cell.setText("")
        self.resolution.clear()
        self.timeline.set_picture(None)
        self.timeline_note.clear()
        self.confirmations.set_rows([])
        self.history.set_rows([])
        self.evidence.set_rows(())

    def show_case(self, d: CaseDetail, today: date) -> None:
        self.detail = d
        r, lang = d.row, self.language
        self.title.setText(f"{r.termination}　{r.order}\n{r.applicant}　／　{r.vendor}")
        if d.contract_start is not None and d.contract_end is not None:
            self.facts["contract"].setText(self.tr("%1 至 %2，%3 個月").replace("%1", roc_short(d.contract_start))
                                           .replace("%2", roc_short(d.contract_end)).replace("%3", str(r.term_months)))
        else:
            self.facts["contract"].setText(self.tr("%1 個月（未提供服務開始日）").replace("%1", str(r.term_months)))
        self.facts["filed"].setText(roc_short(r.filed_on))
        effective = roc_short(d.effective_on)
        if d.effective_on != d.termination_effective_on:
            effective += self.tr("（終止申請所載 %1）").replace("%1", roc_short(d.termination_effective_on))
        self.facts["effective"].setText(effective)
        self.facts["window"].setText(roc_short(r.window_ends_on))
        self.facts["initiated"].setText(label(PARTY, d.initiated_by) + (f"／{d.termination_reason}"
                                                                         if d.termination_reason else ""))
        self.facts["state"].setText(labels.title(labels.REFUND_STATUS, r.state))
        self.facts["posting"].setText(self._posting_text(d))
        self.facts["self_pay"].setText(self._self_pay_text(d))
        old = self._last_resolution_old(d)
        rows = {"months": (f"{r.months_used}／{r.term_months}", old.get("months_used"), (C.MONTH_UNIT,)),
                "points_used": (fmt_int(d.points_used), None, (C.BROCHURE_REFUND,)),
                "points_refund": (fmt_int(r.points_refund), old.get("points_refund"), _published(d.clauses)[:1]),
                "self_pay_used": (fmt_int(d.self_pay_used), None, (C.BROCHURE_REFUND,)),
                "self_pay_refund": (fmt_int(r.self_pay_refund), old.get("self_pay_refund"),
                                    _published(d.clauses)[:1])}
        for key, (value, before, refs) in rows.items():
            cells = self.figure_cells[key]
            cells[0].setText(value)
            cells[1].setText("" if before is None else (fmt_int(before) if isinstance(before, int) else str(before)))
            cells[2].setText(clause_short(list(refs), lang))
            cells[2].setToolTip(clause_lines(list(refs), lang))
        if d.resolution_note:
            self.resolution.setText(self.tr("承辦認定：%1").replace("%1", d.resolution_note))
        else:
            self.resolution.setText(self.tr("點數 %1 點、自付款實付 %2 元；依比例計算，未滿 1 個月以 1 個月計算。")
                                    .replace("%1", fmt_int(d.points_total)).replace("%2", fmt_int(d.self_pay_paid)))
        self.timeline.set_picture(None if d.contract_start is None else TermPicture(
            d.contract_start, r.term_months, r.months_used, r.filed_on, d.effective_on, r.window_ends_on, today))
        if 2 * r.months_used >= r.term_months:
            why = self.tr("已使用 %1 個月，達二分之一（含）以上期程：自付款不予退還（須知七(六)2）。")
        else:
            why = self.tr("已使用 %1 個月，未達二分之一期程：點數及自付款依比例返還（須知七(六)1）。")
        self.timeline_note.setText(why.replace("%1", str(r.months_used)))
        self.confirmations.set_rows(list(d.confirmations))
        self.history.set_rows(list(d.history))
        self.evidence.set_rows(tuple(
            AttachmentRow(e["id"], "evidence", e["filename"], e["media_type"], e["size"], e["sha256"],
                          datetime.fromisoformat(e["uploaded_at"]))
            for e in d.evidence))

    @staticmethod
    def _last_resolution_old(d: CaseDetail) -> dict[str, Any]:
        for h in reversed(d.history):
            if h["action"] == "resolve" and h.get("details"):
                return dict(h["details"].get("old") or {})
        return {}

    def _posting_text(self, d: CaseDetail) -> str:
        if d.returned_on is None:
            return self.tr("尚未入帳（主管核准後入帳）")
        if d.forfeited:
            return self.tr("%1 核准；逾補助期限或額度用罄，點數不予返還（須知七(八)）").replace("%1", roc_short(d.returned_on))
        if d.return_lot:
            text = (self.tr("%1 返還 %2 點，有效期限至 %3（須知七(七)）").replace("%1", roc_short(d.returned_on))
                    .replace("%2", fmt_int(d.return_lot["points"]))
                    .replace("%3", roc_short(date.fromisoformat(d.return_lot["valid_until"]))))
            posted = next((h.get("details") or {} for h in d.history if h["action"] == "approve"), {})
            if posted.get("provisional"):  # the office calendar of that year was not imported yet
                text += self.tr("；依暫定行事曆計算，匯入年度辦公日曆後請再確認")
            return text
        return self.tr("%1 核准；無點數返還").replace("%1", roc_short(d.returned_on))

    def _self_pay_text(self, d: CaseDetail) -> str:
        r = d.row
        if r.self_pay_refund <= 0:
            return self.tr("無（已達二分之一期程或未付自付款）")
        if r.self_pay_refunded_on is not None:
            return self.tr("新臺幣 %1 元，%2 已退還（%3）").replace("%1", fmt_int(r.self_pay_refund)) \
                .replace("%2", roc_short(r.self_pay_refunded_on)).replace("%3", d.self_pay_refund_proof or "")
        if r.self_pay_refund_due_on is not None:
            return self.tr("新臺幣 %1 元，供應商應於 %2 前退還").replace("%1", fmt_int(r.self_pay_refund)) \
                .replace("%2", roc_short(r.self_pay_refund_due_on))
        return self.tr("新臺幣 %1 元（核准後由供應商退還）").replace("%1", fmt_int(r.self_pay_refund))
