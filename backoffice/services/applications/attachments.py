"""Attached scans of the signed forms (附件): store, validate, render to PNG for the screen (Qt-free).

PDF pages are rendered with pypdfium2 (PDFium, the renderer of Chromium), images are decoded with
Pillow; either way the view receives PNG bytes and never parses an uploaded file itself. A file
that is not what it claims to be is refused with ``InvalidAttachment`` (its ``reason`` is a code
the view turns into words).

``add_demo_attachments`` gives demo applications small generated scans (a 附表1 PDF and a 附表3
image) so the attachment viewer has something to show; ``services.demo`` may call it.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.session import UnitOfWork
from backoffice.services.authz import CASE_READ_ROLES, Actor, pure, query_helper, requires, system_job

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
MIN_SCALE, MAX_SCALE = 0.25, 4.0
PDF = "application/pdf"
IMAGE_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/tiff": "TIFF", "image/gif": "GIF"}
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# PDFium is not thread-safe (pypdfium2 docs): every use in this process goes through this lock.
_PDFIUM_LOCK = threading.Lock()


class InvalidAttachment(ValueError):
    """``reason``: too_large / empty / unsupported_type / malformed_pdf / malformed_image / no_such_page."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class RenderedPage:
    png: bytes
    page: int  # 0-based
    page_count: int
    width: int
    height: int


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    application_id: int
    kind: str
    filename: str
    media_type: str
    size: int
    sha256: str


def _clamp_scale(scale: float) -> float:
    scale = float(scale)
    if scale != scale:  # NaN: min/max would pass it through
        return 1.0
    return max(MIN_SCALE, min(MAX_SCALE, scale))


@pure
def sniff_media_type(content: bytes) -> str | None:
    """The media type the bytes really have (magic numbers), or None."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    return None


def _render_pdf(content: bytes, page: int, scale: float) -> RenderedPage:
    with _PDFIUM_LOCK:
        return _render_pdf_locked(content, page, scale)


def _render_pdf_locked(content: bytes, page: int, scale: float) -> RenderedPage:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as exc:
        raise InvalidAttachment("malformed_pdf", str(exc)) from exc
    try:
        count = len(doc)
        if count == 0:
            raise InvalidAttachment("malformed_pdf", "no pages")
        if not 0 <= page < count:
            raise InvalidAttachment("no_such_page", f"page {page + 1} of {count}")
        try:
            pdf_page = doc[page]
        except pdfium.PdfiumError as exc:  # a page object the document lists but cannot load
            raise InvalidAttachment("malformed_pdf", str(exc)) from exc
        try:
            # 72 dpi at scale 1; the screen zooms by changing the scale, not by stretching pixels.
            bitmap = pdf_page.render(scale=scale)
            image = bitmap.to_pil()
        except pdfium.PdfiumError as exc:
            raise InvalidAttachment("malformed_pdf", str(exc)) from exc
        finally:
            pdf_page.close()
    finally:
        doc.close()
    out = io.BytesIO()
    image.save(out, "PNG")
    return RenderedPage(out.getvalue(), page, count, image.width, image.height)


def _render_image(content: bytes, page: int, scale: float) -> RenderedPage:
    from PIL import Image, UnidentifiedImageError

    image: Image.Image
    try:
        image = Image.open(io.BytesIO(content))
        if image.width * image.height > MAX_PIXELS:
            raise InvalidAttachment("too_large", f"{image.width}x{image.height} pixels")
        count = getattr(image, "n_frames", 1)
        if not 0 <= page < count:
            raise InvalidAttachment("no_such_page", f"page {page + 1} of {count}")
        image.seek(page)
        image.load()
    except Image.DecompressionBombError as exc:  # Pillow's own limit, met before ours on open
        raise InvalidAttachment("too_large", str(exc)) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        if isinstance(exc, InvalidAttachment):
            raise
        raise InvalidAttachment("malformed_image", str(exc)) from exc
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA")
    if scale != 1.0:
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
    out = io.BytesIO()
    image.save(out, "PNG")
    return RenderedPage(out.getvalue(), page, count, image.width, image.height)


@pure
def render(content: bytes, media_type: str, page: int = 0, scale: float = 1.0) -> RenderedPage:
    """Render page ``page`` (0-based) of a PDF or an image as PNG bytes at ``scale``."""
    if not content:
        raise InvalidAttachment("empty")
    if len(content) > MAX_BYTES:
        raise InvalidAttachment("too_large", f"{len(content)} bytes")
    real = sniff_media_type(content)
    if real is None or (media_type and media_type != real and not (real in IMAGE_TYPES and media_type in IMAGE_TYPES)):
        if media_type == PDF or real == PDF:
            raise InvalidAttachment("malformed_pdf", "not a PDF file")
        if media_type in IMAGE_TYPES:
            raise InvalidAttachment("malformed_image", "not an image file")
        raise InvalidAttachment("unsupported_type", media_type or "unknown")
    scale = _clamp_scale(scale)
    return _render_pdf(content, page, scale) if real == PDF else _render_image(content, page, scale)


@pure
def validate(content: bytes, media_type: str) -> int:
    """Check that the file opens; returns its page count. Raises ``InvalidAttachment``."""
    return render(content, media_type, 0, MIN_SCALE).page_count


@query_helper("stores a scan; called by the feed import and the demo data")
def add_attachment(uow: UnitOfWork, application_id: int, *, kind: str, filename: str, media_type: str,
                   content: bytes, officer_id: int | None = None, commit: bool = True) -> AttachmentInfo:
    """Store a validated attachment (the file must open; its type is taken from its bytes)."""
    validate(content, media_type)
    real = sniff_media_type(content) or media_type
    row = m.Attachment(application_id=application_id, kind=kind, filename=filename, media_type=real,
                       content=content, sha256=hashlib.sha256(content).hexdigest(), size=len(content),
                       uploaded_by_id=officer_id)
    uow.session.add(row)
    uow.session.flush()
    uow.session.add(m.AuditEvent(officer_id=officer_id, action="application.attachment_added",
                                 entity_type="application", entity_id=str(application_id),
                                 details={"attachment_id": row.id, "sha256": row.sha256, "kind": kind}))
    if commit:
        uow.commit()
    return AttachmentInfo(row.id, application_id, kind, filename, real, row.size, row.sha256)


@requires(CASE_READ_ROLES, officer="viewer")
def render_attachment(uow: UnitOfWork, attachment_id: int, page: int = 0, scale: float = 1.0, *,
                      viewer: Actor = None) -> RenderedPage:
    """Load one attachment's bytes (only this one: the column is deferred) and render a page."""
    row = uow.session.execute(sa.select(m.Attachment.content, m.Attachment.media_type).where(
        m.Attachment.id == attachment_id)).first()
    if row is None:
        raise LookupError(f"no attachment {attachment_id}")
    return render(bytes(row[0]), row[1], page, scale)


# --- demo scans ----------------------------------------------------------------------------------


@pure
def demo_form1_pdf(name: str, ubn: str, representative: str | None, submitted: date) -> bytes:
    """A two-page 附表1 look-alike, 'signed' with a stamp box (generated with reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from backoffice.policy.dates import roc_long

    font = "MSung-Light"  # Adobe CID font for Traditional Chinese, needs no font file
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=True)
    width, height = A4
    c.setTitle("附表1 數位點數申請表")
    c.setFont(font, 18)
    c.drawCentredString(width / 2, height - 60, "附表1　臺灣雲市集數位點數申請表")
    c.setFont(font, 12)
    rows = [("申請單位名稱", name), ("統一編號", ubn), ("代表人姓名", representative or ""),
            ("申請日期", roc_long(submitted))]
    y = height - 110
    for label, value in rows:
        c.rect(50, y - 8, width - 100, 26)
        c.drawString(60, y, label)
        c.drawString(190, y, value)
        y -= 26
    c.drawString(60, y - 30, "聲明事項一至十：本單位已明確了解上述聲明內容並同意遵守。")
    c.setStrokeColorRGB(0.8, 0.1, 0.1)
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.rect(width - 190, 90, 120, 120)
    c.drawCentredString(width - 130, 145, "（公司印鑑）")
    c.showPage()
    c.setFont(font, 14)
    c.drawString(60, height - 70, "第2頁：蒐集個人資料告知事項及同意書")
    c.setFont(font, 11)
    c.drawString(60, height - 100, "■ 本單位已詳閱並同意上述個人資料蒐集、處理及利用。")
    c.showPage()
    c.save()
    return out.getvalue()


@pure
def demo_form3_png(name: str, ubn: str) -> bytes:
    """A 'scanned' 附表3 as a greyish PNG with the form's key fields (generated with Pillow)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (620, 440), 246)
    draw = ImageDraw.Draw(image)
    font: Any
    small: Any
    try:
        font = ImageFont.truetype(str(CJK_FONT), 22)
        small = ImageFont.truetype(str(CJK_FONT), 17)
    except OSError:  # no CJK font installed: the scan still shows its frame
        font = small = ImageFont.load_default()
    draw.text((40, 30), "附表3 企業授權書（商工登記資料）", fill=20, font=font)
    draw.rectangle((30, 80, 590, 300), outline=60, width=2)
    draw.text((50, 100), f"公司/行號名稱：{name}", fill=30, font=small)
    draw.text((50, 140), f"公司/行號統一編號：{ubn}", fill=30, font=small)
    draw.text((50, 180), "■ 同意授權查詢商工登記資料", fill=30, font=small)
    draw.ellipse((440, 320, 570, 420), outline=90, width=3)
    draw.text((468, 358), "印鑑", fill=90, font=small)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


@system_job("demo scans on a demo database")
def add_demo_attachments(uow_factory: Callable[[], UnitOfWork], *, limit: int = 200) -> int:
    """Give up to ``limit`` applications without attachments a 附表1 PDF and a 附表3 scan.

    Most recently submitted first (those are the ones a demo opens). Returns how many
    applications got scans. Idempotent: applications with attachments are skipped.
    """
    with uow_factory() as uow:
        s = uow.session
        has = sa.select(m.Attachment.id).where(m.Attachment.application_id == m.Application.id)
        rows = s.execute(
            sa.select(m.Application.id, m.Application.submitted_at, m.Applicant.name, m.Applicant.ubn,
                      m.Applicant.representative_name)
            .join(m.Applicant, m.Applicant.id == m.Application.applicant_id)
            .where(~sa.exists(has))
            .order_by(m.Application.submitted_at.desc(), m.Application.id.desc()).limit(limit)
        ).all()
        for app_id, submitted_at, name, ubn, rep in rows:
            pdf = demo_form1_pdf(name, ubn, rep, submitted_at.date())
            png = demo_form3_png(name, ubn)
            for kind, filename, media, content in (("form1", "附表1_申請表.pdf", PDF, pdf),
                                                   ("form3", "附表3_授權書.png", "image/png", png)):
                s.add(m.Attachment(application_id=app_id, kind=kind, filename=filename, media_type=media,
                                   content=content, sha256=hashlib.sha256(content).hexdigest(), size=len(content)))
        uow.commit()
        return len(rows)
