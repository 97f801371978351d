"""A drawn bar chart of paid amounts per month (no QtCharts dependency): finance would rather look."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class MonthlyBars(QWidget):
    """Twelve bars (January..December) with the amount above each and the month below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[int] = [0] * 12
        self.caption = ""
        self.setMinimumHeight(170)

    def set_values(self, values: list[int], caption: str) -> None:
        self.values = (list(values) + [0] * 12)[:12]
        self.caption = caption
        self.setToolTip("\n".join(f"{i + 1:>2}: {v:,}" for i, v in enumerate(self.values)))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt signature)
        return QSize(520, 190)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt signature)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        top, bottom, left = 34.0, 22.0, 8.0
        p.setPen(QColor("#2b3a4a"))
        p.drawText(QRectF(left, 2, w - 2 * left, 18), Qt.AlignmentFlag.AlignLeft, self.caption)
        peak = max(self.values) or 1
        slot = (w - 2 * left) / 12
        base = h - bottom
        small = p.font()
        small.setPointSizeF(max(6.5, small.pointSizeF() - 2))
        p.setFont(small)
        for i, v in enumerate(self.values):
            bar_h = (base - top) * v / peak
            x = left + i * slot + slot * 0.18
            rect = QRectF(x, base - bar_h, slot * 0.64, bar_h)
            p.fillRect(rect, QColor("#2f6db5") if v else QColor("#d5dde6"))
            p.setPen(QColor("#2b3a4a"))
            p.drawText(QRectF(left + i * slot, base + 3, slot, bottom - 3), Qt.AlignmentFlag.AlignHCenter, str(i + 1))
            if v:
                label = f"{(v + 500) // 1000:,}k" if v >= 10_000 else f"{v:,}"
                p.drawText(QRectF(left + i * slot - 4, base - bar_h - 15, slot + 8, 14),
                           Qt.AlignmentFlag.AlignHCenter, label)
        p.setPen(QColor("#8a96a3"))
        p.drawLine(int(left), int(base), int(w - left), int(base))
        p.end()
