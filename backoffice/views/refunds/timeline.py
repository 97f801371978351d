"""A picture of the contract's term (契約期程圖): why the self-pay is or is not refunded, at a glance.

Months are cells (month k begins on ``contract_month_start(S, k)``, RULES §8); the months used are
filled, a dashed line marks half the term (二分之一), and markers show the filing day F, the last
day of service E (the officer's, when resolved), the confirmation window F..F+14 and today.
Dates map onto the cells day by day, so a marker sits inside the month it falls in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from backoffice.policy.dates import contract_month_start, roc_short

USED = QColor("#3d7cc9")
UNUSED = QColor("#e6ebf1")
GRID = QColor("#b8c2cc")
HALF = QColor("#a11d1d")
WINDOW = QColor(255, 196, 0, 70)
WINDOW_EDGE = QColor("#c79100")
TEXT = QColor("#1c2733")
MUTED = QColor("#6b7785")
MARK_F = QColor("#6b4e00")
MARK_E = QColor("#1d6b2c")
MARK_TODAY = QColor("#8a2be2")


@dataclass(frozen=True)
class TermPicture:
    start: date  # S
    term_months: int  # m
    months_used: int  # u
    filed_on: date  # F
    effective_on: date  # E in force
    window_ends_on: date  # F + 14
    today: date


class TermTimeline(QWidget):
    """Draws ``TermPicture`` (set with ``set_picture``); empty until a case is shown."""

    MARGIN = 16
    CELL_TOP = 34
    CELL_HEIGHT = 34

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture: TermPicture | None = None
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt signature)
        return QSize(720, 160)

    def set_picture(self, picture: TermPicture | None) -> None:
        self.picture = picture
        self.setToolTip(self._tooltip() if picture else "")
        self.update()

    # -- geometry ----------------------------------------------------------------------------------
    def _cell_width(self) -> float:
        assert self.picture is not None
        return (self.width() - 2 * self.MARGIN) / self.picture.term_months

    def x_of(self, day: date) -> float:
        """The x position of the start of ``day`` on the term (clamped to the drawing)."""
        p = self.picture
        assert p is not None
        w = self._cell_width()
        if day <= p.start:
            return float(self.MARGIN)
        for k in range(1, p.term_months + 1):
            begin, after = contract_month_start(p.start, k), contract_month_start(p.start, k + 1)
            if day < after:
                frac = (day - begin).days / max(1, (after - begin).days)
                return self.MARGIN + (k - 1 + frac) * w
        return float(self.width() - self.MARGIN)

    def x_after(self, day: date) -> float:
        """The x position of the end of ``day`` (a last day of service counts in full)."""
        from datetime import timedelta

        return self.x_of(day + timedelta(days=1))

    # -- painting ------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt signature)
        p = self.picture
        if p is None:
            return
        qp = QPainter(self)
        qp.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        w, top, h = self._cell_width(), self.CELL_TOP, self.CELL_HEIGHT
        # The confirmation window, behind the cells and reaching above and below them.
        wx0, wx1 = self.x_of(p.filed_on), self.x_after(p.window_ends_on)
        qp.fillRect(QRectF(wx0, top - 10, max(2.0, wx1 - wx0), h + 20), WINDOW)
        qp.setPen(QPen(WINDOW_EDGE, 1, Qt.PenStyle.DotLine))
        qp.drawRect(QRectF(wx0, top - 10, max(2.0, wx1 - wx0), h + 20))
        qp.setFont(small)
        for k in range(1, p.term_months + 1):
            rect = QRectF(self.MARGIN + (k - 1) * w + 1, top, w - 2, h)
            qp.fillRect(rect, USED if k <= p.months_used else UNUSED)
            qp.setPen(QPen(GRID, 1))
            qp.drawRect(rect)
            qp.setPen(QColor("white") if k <= p.months_used else MUTED)
            qp.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(k))
        # Half the term: the self-pay is refunded only when fewer months than this were used.
        hx = self.MARGIN + p.term_months / 2 * w
        qp.setPen(QPen(HALF, 2, Qt.PenStyle.DashLine))
        qp.drawLine(QPointF(hx, top - 14), QPointF(hx, top + h + 14))
        qp.setPen(HALF)
        qp.drawText(QRectF(hx - 60, 2, 120, 16), Qt.AlignmentFlag.AlignCenter, self.tr("二分之一期程"))
        # Markers below the cells, on three rows so their labels never overlap.
        y = top + h + 16
        marks = ((self.x_of(p.filed_on), MARK_F, self.tr("F 提出終止 %1").replace("%1", roc_short(p.filed_on))),
                 (self.x_after(p.effective_on), MARK_E,
                  self.tr("E 最後服務日 %1").replace("%1", roc_short(p.effective_on))),
                 (self.x_after(p.window_ends_on), WINDOW_EDGE,
                  self.tr("確認期限 F+14 %1").replace("%1", roc_short(p.window_ends_on))),
                 (self.x_of(p.today), MARK_TODAY, self.tr("今天 %1").replace("%1", roc_short(p.today))))
        for row, (x, colour, label) in enumerate(marks):
            qp.setPen(QPen(colour, 2))
            qp.drawLine(QPointF(x, top - 6), QPointF(x, y + row * 16))
            qp.setPen(colour)
            text_w = qp.fontMetrics().horizontalAdvance(label) + 6
            tx = min(max(float(self.MARGIN), x - text_w / 2), self.width() - self.MARGIN - text_w)
            qp.drawText(QRectF(tx, y + row * 16 - 1, text_w, 16), Qt.AlignmentFlag.AlignCenter, label)
        qp.setPen(TEXT)
        qp.drawText(QRectF(self.MARGIN, 2, hx - self.MARGIN - 64, 16),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self.tr("已使用 %1／%2 個月").replace("%1", str(p.months_used)).replace("%2", str(p.term_months)))
        qp.end()

    def _tooltip(self) -> str:
        p = self.picture
        assert p is not None
        if 2 * p.months_used >= p.term_months:
            why = self.tr("已使用達二分之一（含）以上期程：自付款不予退還（須知七(六)2）")
        else:
            why = self.tr("未達二分之一期程：點數及自付款依比例返還（須知七(六)1）")
        return why + "\n" + self.tr("未滿 1 個月以 1 個月計算（須知八(三)）")
