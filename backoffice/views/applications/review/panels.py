"""Read-only panels of the review screen, each fed with a part of a ``ReviewDossier``.

No panel loads anything: the screen loads the dossier in a job and calls ``show(dossier)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backoffice.policy import clauses
from backoffice.policy.dates import roc_short
from backoffice.services.applications.review import ChecklistRow, ReviewDossier, SignatureFacts, taipei_date
from backoffice.views.applications.review.reveal_id import NationalIdReveal
from backoffice.views.i18n import QT_TRANSLATE_NOOP

CTX = "ReviewPanels"
Index = QModelIndex | QPersistentModelIndex

OUTCOME_TEXT = {
    "pass": QT_TRANSLATE_NOOP("ReviewPanels", "✔ 符合"),
    "fail": QT_TRANSLATE_NOOP("ReviewPanels", "✘ 不符"),
    "unknown": QT_TRANSLATE_NOOP("ReviewPanels", "？ 待查"),
    "not_applicable": QT_TRANSLATE_NOOP("ReviewPanels", "— 不適用"),
}
OUTCOME_COLOURS = {"pass": "#e3f4e5", "fail": "#fbe1e1", "unknown": "#fff4cc", "not_applicable": "#f0f2f5"}
OUTCOME_TEXT_COLOURS = {"pass": "#1d6b2c", "fail": "#a11d1d", "unknown": "#7a5b00", "not_applicable": "#5c6773"}
QUERY_TEXT = {
    "success": QT_TRANSLATE_NOOP("ReviewPanels", "查詢成功"),
    "backend_failure": QT_TRANSLATE_NOOP("ReviewPanels", "後端系統問題失敗（可重查）"),
    "other_failure": QT_TRANSLATE_NOOP("ReviewPanels", "失敗（需重新授權）"),
}
SOURCE_TEXT = {"platform": QT_TRANSLATE_NOOP("ReviewPanels", "平台"), "desk": QT_TRANSLATE_NOOP("ReviewPanels", "臨櫃")}
ACTION_TEXT = {
    "application.claim": QT_TRANSLATE_NOOP("ReviewPanels", "承辦人認領案件"),
    "application.release": QT_TRANSLATE_NOOP("ReviewPanels", "承辦人釋出案件"),
    "application.release_stale": QT_TRANSLATE_NOOP("ReviewPanels", "主管釋出逾時認領"),
    "application.desk_verified": QT_TRANSLATE_NOOP("ReviewPanels", "臨櫃查驗憑證"),
    "application.approve": QT_TRANSLATE_NOOP("ReviewPanels", "核定"),
    "application.reject": QT_TRANSLATE_NOOP("ReviewPanels", "不予核定"),
    "application.supplement": QT_TRANSLATE_NOOP("ReviewPanels", "通知補件"),
    "application.attachment_added": QT_TRANSLATE_NOOP("ReviewPanels", "新增附件"),
    "application.finding": QT_TRANSLATE_NOOP("ReviewPanels", "查證待查項目"),
}
# Why a status changed, in words; None: the event itself says it (a claim, a decision's own kind).
REASON_WORDS: dict[str, str | None] = {
    "feed": QT_TRANSLATE_NOOP("ReviewPanels", "平台送件"),
    "platform_history": QT_TRANSLATE_NOOP("ReviewPanels", "平台既有紀錄"),
    "claim": None, "approve": None, "supplement": None, "reject": None,
}
# The kind of certificate holder the card says (MOEACA subject types).
SUBJECT_TEXT = {
    "company": QT_TRANSLATE_NOOP("ReviewPanels", "公司"),
    "branch": QT_TRANSLATE_NOOP("ReviewPanels", "分公司"),
    "foreign_branch": QT_TRANSLATE_NOOP("ReviewPanels", "外國公司分公司"),
    "business": QT_TRANSLATE_NOOP("ReviewPanels", "商業"),
    "citizen": QT_TRANSLATE_NOOP("ReviewPanels", "自然人"),
    "organisation": QT_TRANSLATE_NOOP("ReviewPanels", "機關團體"),
}
SIGNATURE_TEXT = {
    "unsigned": QT_TRANSLATE_NOOP("ReviewPanels", "（未簽章：示範資料庫，未使用憑證卡）"),
    "signed": QT_TRANSLATE_NOOP("ReviewPanels", "（已簽章：%1 的憑證，序號 %2）"),
    "unreadable": QT_TRANSLATE_NOOP("ReviewPanels", "（已簽章：憑證無法解讀）"),
}


def action_text(action: str) -> str:
    """A history row's event in words: status changes use the shared status titles."""
    from backoffice.views import labels

    if action.startswith("status:"):
        before, _, after = action[len("status:"):].partition("->")
        new = labels.title(labels.APPLICATION_STATUS, after)
        return QCoreApplication.translate("ReviewPanels", "狀態：") + (f"{labels.title(labels.APPLICATION_STATUS, before)} → {new}" if before else new)
    source = ACTION_TEXT.get(action)
    return tr(source) if source else action


def reason_text(code: str | None) -> str:
    """A status change's reason in words ("" when the event already says it)."""
    if not code or code in REASON_WORDS and REASON_WORDS[code] is None:
        return ""
    words = REASON_WORDS.get(code)
    if words:
        return tr(words)
    from backoffice.services.applications.decisions import REJECT_REASONS

    reason = REJECT_REASONS.get(code)
    if reason is not None:
        return reason.label_en if is_english() else reason.label_zh
    return code


def subject_text(subject_type: str) -> str:
    source = SUBJECT_TEXT.get(subject_type)
    return tr(source) if source else subject_type


def signature_text(facts: SignatureFacts) -> str:
    """Exactly how a decision was signed: whose certificate (holder, serial), or not signed."""
    if not facts.signed:
        return tr(SIGNATURE_TEXT["unsigned"])
    if facts.holder or facts.serial:
        return (tr(SIGNATURE_TEXT["signed"]).replace("%1", facts.holder or "—")
                .replace("%2", facts.serial or "—"))
    return tr(SIGNATURE_TEXT["unreadable"])


def tr(text: str) -> str:
    """Translate source text marked with QT_TRANSLATE_NOOP("ReviewPanels", ...) in the tables above."""
    return QCoreApplication.translate(CTX, text)


def is_english() -> bool:
    return QCoreApplication.translate("ReviewPanels", "中文") != "中文"


def _pick(zh: str, en: str) -> str:
    return en if is_english() and en else zh


def _lang() -> str:
    return "en" if is_english() else "zh_TW"


def _clauses(refs: tuple[str, ...] | list[str]) -> str:
    """Published clauses with their titles; our own reading as 「作業原則：…」 (never a RULES ref)."""
    return clauses.shown_all(refs, _lang())


def roc_time(at: Any) -> str:
    """A UTC datetime as the officer reads it: Taipei date in ROC form and the time."""
    from zoneinfo import ZoneInfo

    local = at.astimezone(ZoneInfo("Asia/Taipei"))
    return f"{roc_short(local.date())} {local:%H:%M}"


def _yes_no(value: bool) -> str:
    return QCoreApplication.translate("ReviewPanels", "是") if value else QCoreApplication.translate("ReviewPanels", "否")


def _value_label(text: str) -> QLabel:
    label = QLabel(text or "—")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class FormFieldsPanel(QGroupBox):
    """附表1 as on the form: basic data, representative, contact person."""

    def __init__(self, context: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ReviewPanels", "附表1 申請資料"), parent)
        self.context = context  # with one, a supervisor may reveal the representative's full ID
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        self.id_reveal: Any = None  # the NationalIdReveal of the dossier shown

    def show_dossier(self, dossier: ReviewDossier) -> None:
        # Every row is drawn again: a number revealed for the previous dossier is gone.
        while self.form.rowCount():
            self.form.removeRow(0)
        self.values.clear()
        self.id_reveal = None
        for field in dossier.form_fields:
            label = _value_label(field.display("en" if is_english() else "zh"))
            self.values[field.key] = label
            shown: QWidget = label
            if field.key == "representative_id" and self.context is not None:
                shown = self.id_reveal = NationalIdReveal(self.context, dossier, label)
            self.form.addRow(_pick(field.label_zh, field.label_en) + (":" if is_english() else "："), shown)


class IdentityPanel(QGroupBox):
    """The identity method used, whether it is allowed for the type (RULES §4), and every proof."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ReviewPanels", "身分驗證"), parent)
        layout = QVBoxLayout(self)
        self.method_label = _value_label("")
        self.verdict_label = _value_label("")
        layout.addWidget(self.method_label)
        layout.addWidget(self.verdict_label)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("ReviewPanels", "來源"), QCoreApplication.translate("ReviewPanels", "方式"), QCoreApplication.translate("ReviewPanels", "結果"), QCoreApplication.translate("ReviewPanels", "憑證持有人/統編"), QCoreApplication.translate("ReviewPanels", "時間")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(130)
        layout.addWidget(self.table)

    def show_dossier(self, d: ReviewDossier) -> None:
        if d.identity_method_label:
            self.method_label.setText(QCoreApplication.translate("ReviewPanels", "申請時驗證方式：") + _pick(*d.identity_method_label))
        else:
            self.method_label.setText(QCoreApplication.translate("ReviewPanels", "申請時驗證方式：未記錄"))
        verdict = d.identity_allowed
        if verdict is None:
            self.verdict_label.setText("")
        elif verdict.ok:
            self.verdict_label.setText(QCoreApplication.translate("ReviewPanels", "✔ 此方式符合申請身分之規定") + "（" + _clauses(verdict.clauses) + "）")
        else:
            reasons = verdict.reasons_en if is_english() else verdict.reasons
            self.verdict_label.setText(QCoreApplication.translate("ReviewPanels", "✘ 不符規定：") + "；".join(reasons) + "（" + _clauses(verdict.clauses) + "）")
        self.verdict_label.setStyleSheet(f"color: {'#1d6b2c' if verdict is None or verdict.ok else '#a11d1d'};")
        self.table.setRowCount(len(d.identity_proofs))
        for r, p in enumerate(d.identity_proofs):
            holder = p.holder_ubn or (f"****{p.holder_id_last4}" if p.holder_id_last4 else "") or (p.cert_subject or "")
            if p.subject_type:
                holder = f"{holder}（{subject_text(p.subject_type)}）"
            cells = [tr(SOURCE_TEXT.get(p.source, p.source)), _pick(p.method_label_zh, p.method_label_en),
                     tr(OUTCOME_TEXT.get(p.outcome, p.outcome)), holder, roc_time(p.verified_at)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2:
                    item.setBackground(QBrush(QColor(OUTCOME_COLOURS.get(p.outcome, "#ffffff"))))
                if p.detail:
                    item.setToolTip(p.detail)
                self.table.setItem(r, c, item)


class FormsPanel(QGroupBox):
    """附表2 / 附表3: UBN match, validity, consent, masked representative ID, every query, one-query rule."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ReviewPanels", "附表2／附表3 企業授權書"), parent)
        self.layout_ = QVBoxLayout(self)
        self.blocks: list[QWidget] = []

    def show_dossier(self, d: ReviewDossier) -> None:
        for block in self.blocks:
            block.deleteLater()
        self.blocks.clear()
        if not d.authorisations:
            note = QLabel(QCoreApplication.translate("ReviewPanels", "此申請身分免附授權書") if not d.forms_required else QCoreApplication.translate("ReviewPanels", "✘ 未附授權書"))
            self.layout_.addWidget(note)
            self.blocks.append(note)
            return
        for a in d.authorisations:
            box = QWidget()
            form = QFormLayout(box)
            form.setContentsMargins(0, 4, 0, 4)
            title = QLabel(f"<b>{_pick(a.title_zh, a.title_en)}</b>")
            form.addRow(title)
            ubn = f"{a.ubn}　" + (QCoreApplication.translate("ReviewPanels", "✔ 與申請相符") if a.ubn_matches else QCoreApplication.translate("ReviewPanels", "✘ 與申請不符"))
            form.addRow(QCoreApplication.translate("ReviewPanels", "公司/行號：") , _value_label(f"{a.company_name}（{ubn}）"))
            period = a.period + ("　" + (QCoreApplication.translate("ReviewPanels", "（今日在授權期間內）") if a.in_period_today else QCoreApplication.translate("ReviewPanels", "（今日不在授權期間內）")))
            form.addRow(QCoreApplication.translate("ReviewPanels", "授權期間："), _value_label(period))
            form.addRow(QCoreApplication.translate("ReviewPanels", "同意勾選："), _value_label(_yes_no(a.consent)))
            form.addRow(QCoreApplication.translate("ReviewPanels", "簽署日期："), _value_label(roc_short(a.signed_on) if a.signed_on else QCoreApplication.translate("ReviewPanels", "未簽署")))
            if a.form == "form3":
                form.addRow(QCoreApplication.translate("ReviewPanels", "負責人："), _value_label(f"{a.representative_name or ''}　{a.representative_id_masked or ''}"))
            queries = "\n".join(f"{roc_time(q.at)}　{tr(QUERY_TEXT.get(q.outcome, q.outcome))}"
                                + (f"　{q.note}" if q.note else "") for q in a.queries) or QCoreApplication.translate("ReviewPanels", "尚未查詢")
            form.addRow(QCoreApplication.translate("ReviewPanels", "查詢紀錄："), _value_label(queries))
            rule = a.may_query
            if rule.ok:
                rule_text = QCoreApplication.translate("ReviewPanels", "可再查詢一次")
            else:
                rule_text = QCoreApplication.translate("ReviewPanels", "不可再查詢：") + "；".join(rule.reasons_en if is_english() else rule.reasons)
            form.addRow(QCoreApplication.translate("ReviewPanels", "單次查詢規則："), _value_label(rule_text + "（" + _clauses(rule.clauses) + "）"))
            if a.problems:
                problems = _value_label("✘ " + "；".join(en if is_english() else zh for zh, en in a.problems))
                problems.setStyleSheet("color: #a11d1d;")
                form.addRow(QCoreApplication.translate("ReviewPanels", "問題："), problems)
            self.layout_.addWidget(box)
            self.blocks.append(box)


class ChecklistModel(QAbstractTableModel):
    """The eligibility checklist: one row per check with outcome, clauses and evidence."""

    COL_ITEM, COL_OUTCOME, COL_CLAUSES, COL_EVIDENCE = range(4)
    OutcomeRole = Qt.ItemDataRole.UserRole + 1
    CodeRole = Qt.ItemDataRole.UserRole + 2
    SourceRole = Qt.ItemDataRole.UserRole + 3
    HEADERS = (QT_TRANSLATE_NOOP("ReviewPanels", "審查項目"), QT_TRANSLATE_NOOP("ReviewPanels", "結果"),
               QT_TRANSLATE_NOOP("ReviewPanels", "依據條款"), QT_TRANSLATE_NOOP("ReviewPanels", "證據／說明"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ChecklistRow] = []

    def set_rows(self, rows: tuple[ChecklistRow, ...]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_ITEM:
                title = _pick(row.title_zh, row.title_en)
                if row.source == "recorded":
                    title += QCoreApplication.translate("ReviewPanels", "（紀錄）")
                elif row.source == "finding":
                    title += QCoreApplication.translate("ReviewPanels", "（已查證）")
                return title
            if col == self.COL_OUTCOME:
                return tr(OUTCOME_TEXT.get(row.outcome, row.outcome))
            if col == self.COL_CLAUSES:
                return _clauses(row.clauses)
            evidence = _pick(row.evidence, row.evidence_en)
            if row.decided_by:
                evidence += f"（{row.decided_by}）"
            return evidence
        if role == Qt.ItemDataRole.BackgroundRole and col == self.COL_OUTCOME:
            return QBrush(QColor(OUTCOME_COLOURS.get(row.outcome, "#ffffff")))
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_OUTCOME:
            return QBrush(QColor(OUTCOME_TEXT_COLOURS.get(row.outcome, "#1c2733")))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_CLAUSES:  # hovering a clause shows its published wording
                return "\n\n".join(clauses.wording(ref, _lang()) for ref in row.clauses)
            return _pick(row.evidence, row.evidence_en)
        if role == self.OutcomeRole:
            return row.outcome
        if role == self.CodeRole:
            return row.code
        if role == self.SourceRole:
            return row.source
        return None


class ChecklistPanel(QGroupBox):
    """The checklist, and 查證… for the selected 待查 item (the screen says whether the officer may)."""

    resolve_requested = Signal(str, str)  # item code, item title

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ReviewPanels", "資格審查（依點數申請須知計算）"), parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.model = ChecklistModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        # A fixed, wrapping width: long English item names would otherwise squeeze the evidence column.
        header.setSectionResizeMode(ChecklistModel.COL_ITEM, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ChecklistModel.COL_ITEM, 190)
        header.setSectionResizeMode(ChecklistModel.COL_OUTCOME, QHeaderView.ResizeMode.ResizeToContents)
        # Clauses can be long ("須知四(一)、中小企業認定標準 第2條..."): a fixed width that wraps
        # leaves the evidence, which the officer reads most, the rest of the row.
        header.setSectionResizeMode(ChecklistModel.COL_CLAUSES, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ChecklistModel.COL_CLAUSES, 170)
        header.setSectionResizeMode(ChecklistModel.COL_EVIDENCE, QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumHeight(120)  # the splitter gives it more; keeps the window within a 768-px screen
        layout.addWidget(self.view)
        self.may_resolve = False
        self.resolve_button = QPushButton(QCoreApplication.translate("ReviewPanels", "查證待查項目…"))
        self.resolve_button.setToolTip(QCoreApplication.translate(
            "ReviewPanels", "記錄您對所選「待查」項目的查證結果（符合／不符）與說明"))
        self.resolve_button.clicked.connect(self._resolve)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.resolve_button)
        layout.addLayout(row)
        self._update_button()

    def selected_unknown(self) -> ChecklistRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.model.rows[rows[0].row()]
        return item if item.outcome == "unknown" and item.source == "policy" else None

    def set_may_resolve(self, may: bool) -> None:
        self.may_resolve = may
        self._update_button()

    def _update_button(self) -> None:
        self.resolve_button.setEnabled(self.may_resolve and self.selected_unknown() is not None)

    def _resolve(self) -> None:
        item = self.selected_unknown()
        if item is not None and self.may_resolve:
            self.resolve_requested.emit(item.code, _pick(item.title_zh, item.title_en))

    def select_first_unknown(self) -> None:
        for r, item in enumerate(self.model.rows):
            if item.outcome == "unknown" and item.source == "policy":
                self.view.selectRow(r)
                return

    def show_dossier(self, d: ReviewDossier) -> None:
        self.model.set_rows(d.checklist)
        self.view.resizeRowsToContents()
        self.view.scrollToTop()
        self.select_first_unknown()
        self._update_button()
        if d.eligible is True:
            text, colour = QCoreApplication.translate("ReviewPanels", "整體結果：符合資格"), "#1d6b2c"
        elif d.eligible is False:
            text, colour = QCoreApplication.translate("ReviewPanels", "整體結果：有不符項目，不得核定"), "#a11d1d"
        else:
            text, colour = QCoreApplication.translate("ReviewPanels", "整體結果：尚有待查項目，請查證後決定"), "#7a5b00"
        self.summary.setText(text)
        self.summary.setStyleSheet(f"font-weight: 600; color: {colour};")


class HistoryPanel(QGroupBox):
    """Status changes, audit events and signed decisions, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ReviewPanels", "案件歷程"), parent)
        layout = QHBoxLayout(self)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("ReviewPanels", "時間"), QCoreApplication.translate("ReviewPanels", "事件"), QCoreApplication.translate("ReviewPanels", "人員")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)

    def show_dossier(self, d: ReviewDossier) -> None:
        self.table.setRowCount(len(d.history))
        for r, h in enumerate(d.history):
            what = action_text(h.action)
            reason = reason_text(h.reason_code)
            if reason:
                what += f"（{reason}）"
            if h.signature is not None:
                what += signature_text(h.signature)
            if h.note:
                what += f"：{h.note}"
            for c, text in enumerate((roc_time(h.at), what, h.officer_name or QCoreApplication.translate("ReviewPanels", "系統"))):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)  # the signature facts can be longer than the column
                self.table.setItem(r, c, cell)
        self.table.scrollToTop()


__all__ = ["ChecklistModel", "ChecklistPanel", "FormFieldsPanel", "FormsPanel", "HistoryPanel", "IdentityPanel",
           "roc_time", "taipei_date"]
