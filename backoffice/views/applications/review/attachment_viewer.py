"""Attached scans shown inside the app: a list of files, the page image, page navigation and zoom.

Pages are rendered to PNG by ``services.attachments`` in a job (PDFium for PDF, Pillow for
images); this widget only displays the bytes it gets back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backoffice.services.applications import attachments as svc
from backoffice.services.applications.review import AttachmentRow
from backoffice.views.i18n import QT_TRANSLATE_NOOP
from backoffice.views.jobs import JobControl, run_job

CTX = "AttachmentViewer"
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
FIT_RENDER_ZOOM = 1.5
REASON_TEXT = {
    "too_large": QT_TRANSLATE_NOOP("AttachmentViewer", "檔案過大，無法顯示"),
    "empty": QT_TRANSLATE_NOOP("AttachmentViewer", "檔案是空的"),
    "unsupported_type": QT_TRANSLATE_NOOP("AttachmentViewer", "不支援的檔案類型"),
    "malformed_pdf": QT_TRANSLATE_NOOP("AttachmentViewer", "PDF 檔案損毀或格式錯誤，無法顯示"),
    "malformed_image": QT_TRANSLATE_NOOP("AttachmentViewer", "影像檔損毀或格式錯誤，無法顯示"),
    "no_such_page": QT_TRANSLATE_NOOP("AttachmentViewer", "沒有這一頁"),
}


def media_text(media_type: str) -> str:
    """A file type as officers say it (PDF 文件, PNG 影像), not the MIME type."""
    from PySide6.QtCore import QCoreApplication

    if media_type == svc.PDF:
        return QCoreApplication.translate("AttachmentViewer", "PDF 文件")
    kind = svc.IMAGE_TYPES.get(media_type)
    return QCoreApplication.translate("AttachmentViewer", "%1 影像").replace("%1", kind) if kind else media_type


class AttachmentViewer(QGroupBox):
    def __init__(self, uow_factory: Any, parent: QWidget | None = None, *, viewer: int | None = None,
                 own_window: bool = False) -> None:
        super().__init__(self.tr("附件（簽署表單掃描檔）"), parent)
        self.uow_factory = uow_factory
        self.viewer = viewer  # the signed-in officer: the service checks who reads a scan
        self.fit_width = True  # the page as wide as the pane; zooming switches to fixed steps
        self.pixmap = QPixmap()
        self.popup: QDialog | None = None  # the viewer's own window, once opened
        self.rows: list[AttachmentRow] = []
        self.current: AttachmentRow | None = None
        self.page = 0
        self.page_count = 0
        self.zoom_index = ZOOM_STEPS.index(0.75)  # a whole A4 width fits the pane
        self.rendered: svc.RenderedPage | None = None
        self.error: BaseException | None = None

        self.files = QListWidget()
        self.files.setMaximumWidth(220)
        self.files.currentRowChanged.connect(self._on_file)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.image)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setMinimumHeight(140)  # zoom and scroll do the rest; keeps the window within a 768-px screen
        self.prev_button = QPushButton(self.tr("◀ 上一頁"))
        self.next_button = QPushButton(self.tr("下一頁 ▶"))
        self.zoom_out_button = QPushButton(self.tr("縮小 −"))
        self.zoom_in_button = QPushButton(self.tr("放大 ＋"))
        self.fit_button = QPushButton(self.tr("符合寬度"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.fit_button.toggled.connect(self.set_fit_width)
        self.window_button = QPushButton(self.tr("在新視窗開啟"))
        self.window_button.setToolTip(self.tr("在可放大的獨立視窗中檢視附件"))
        self.window_button.clicked.connect(self.open_window)
        self.page_label = QLabel()
        self.prev_button.clicked.connect(lambda: self.go_to(self.page - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.page + 1))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom_index + 1))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom_index - 1))

        bar = QHBoxLayout()
        for w in (self.prev_button, self.page_label, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_in_button)
        right = QVBoxLayout()
        right.addLayout(bar)
        right.addWidget(self.scroll_area, 1)
        left = QVBoxLayout()  # under the file list: the bar stays narrow enough for a 1366-px window
        left.addWidget(self.files, 1)
        left.addWidget(self.window_button)
        self.window_button.setMaximumWidth(220)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        if own_window:  # hidden once it has a parent (shown before that it would be a window itself)
            self.window_button.hide()
        self._update_controls()

    @property
    def zoom(self) -> float:
        return ZOOM_STEPS[self.zoom_index]

    def set_rows(self, rows: tuple[AttachmentRow, ...], current: int = 0) -> None:
        self.rows = list(rows)
        self.files.blockSignals(True)
        self.files.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.filename}\n{media_text(row.media_type)}，{row.size // 1024 + 1} KB")
            item.setToolTip(f"SHA-256 {row.sha256}")
            self.files.addItem(item)
        self.files.blockSignals(False)
        if rows:
            current = current if 0 <= current < len(rows) else 0
            self.files.setCurrentRow(current)
            self._on_file(current)
        else:
            self.current = None
            self.image.setText(self.tr("此案件沒有附件"))
            self._update_controls()

    def _on_file(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.current = self.rows[row]
            self.page = 0
            self.page_count = 0
            self._render()

    def go_to(self, page: int) -> None:
        if self.current is not None and 0 <= page < max(self.page_count, 1):
            self.page = page
            self._render()

    def set_zoom(self, index: int) -> None:
        if 0 <= index < len(ZOOM_STEPS) and self.current is not None:
            self.zoom_index = index
            self.fit_width = False
            self.fit_button.blockSignals(True)
            self.fit_button.setChecked(False)
            self.fit_button.blockSignals(False)
            self._render()

    def set_fit_width(self, fit: bool) -> None:
        if fit == self.fit_width:
            return
        self.fit_width = fit
        self.fit_button.setChecked(fit)
        self._render()

    def _apply_pixmap(self) -> None:
        if self.pixmap.isNull():
            return
        if self.fit_width:
            width = max(100, self.scroll_area.viewport().width() - 4)
            self.image.setPixmap(self.pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
        else:
            self.image.setPixmap(self.pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.fit_width:
            self._apply_pixmap()

    def open_window(self) -> QDialog:
        """The same attachments in their own resizable window (the pane in the review is small)."""
        row = self.files.currentRow()
        window = QDialog(self.window())
        window.setWindowTitle(self.tr("附件（簽署表單掃描檔）"))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer = AttachmentViewer(self.uow_factory, window, viewer=self.viewer, own_window=True)
        QVBoxLayout(window).addWidget(viewer)
        window.resize(1000, 860)
        window.viewer = viewer  # type: ignore[attr-defined]
        viewer.set_rows(tuple(self.rows), row if row >= 0 else 0)
        window.show()
        self.popup = window
        return window

    def _render(self) -> None:
        # Fit to width renders sharp enough for a wide window, then scales down to the pane.
        row, page, viewer = self.current, self.page, self.viewer
        zoom = FIT_RENDER_ZOOM if self.fit_width else self.zoom
        if row is None:
            return
        # The screen is ~96 dpi while PDF points are 1/72 in: scale so 100% is "actual size".
        scale = zoom * 96 / 72 if row.media_type == svc.PDF else zoom

        def work(job: JobControl) -> svc.RenderedPage:
            with self.uow_factory() as uow:
                return svc.render_attachment(uow, row.id, page, scale, viewer=viewer)

        self.image.setText(self.tr("載入中…"))
        run_job(work, on_result=self._show, on_error=self._show_error, parent=self,
                description=self.tr("顯示附件"))

    def _show(self, rendered: svc.RenderedPage) -> None:
        self.rendered = rendered
        self.error = None
        self.page_count = rendered.page_count
        pixmap = QPixmap()
        pixmap.loadFromData(rendered.png, "PNG")
        self.pixmap = pixmap
        self._apply_pixmap()
        self._update_controls()

    def _show_error(self, exc: BaseException) -> None:
        self.error = exc
        self.rendered = None
        if isinstance(exc, svc.InvalidAttachment):
            source = REASON_TEXT.get(exc.reason)
            self.image.setText(self.tr(source) if source else str(exc.reason))
        else:
            from backoffice.views.jobs import message_for

            self.image.setText(message_for(exc))
        self._update_controls()

    def _update_controls(self) -> None:
        has = self.current is not None and self.page_count > 0
        self.prev_button.setEnabled(has and self.page > 0)
        self.next_button.setEnabled(has and self.page + 1 < self.page_count)
        self.zoom_in_button.setEnabled(self.current is not None and self.zoom_index + 1 < len(ZOOM_STEPS))
        self.zoom_out_button.setEnabled(self.current is not None and self.zoom_index > 0)
        self.window_button.setEnabled(bool(self.rows))
        if has:
            self.page_label.setText(self.tr("第 %1／%2 頁　%3%").replace("%1", str(self.page + 1))
                                    .replace("%2", str(self.page_count)).replace("%3", str(round(self.zoom * 100))))
        else:
            self.page_label.setText("")
