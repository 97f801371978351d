"""The 95A statements as a PDF: per vendor a cover summary (like the filing's cover form), then one
A4 page per recipient laid out like the official 各類所得扣繳暨免扣繳憑單.

Fonts: the CJK font is embedded as a subset (only the glyphs used). reportlab embeds TrueType
outlines only, so the Noto CJK fonts the screens use (CFF outlines) cannot be embedded; the PDF
uses AR PL UMing TW (Debian ``fonts-arphic-uming``, Arphic Public License, a Ming face like the
printed forms). ``BACKOFFICE_PDF_FONT`` (path[:subfont index]) names another TrueType font.
Reproducible: reportlab's invariant mode fixes the dates and the document ID; the as-of time is
printed on every page. The static layout is drawn once as a form XObject reused by every page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from backoffice.policy.dates import roc_long
from backoffice.policy.settlement import INCOME_CODE_95A
from backoffice.services.authz import pure
from backoffice.services.finance.tax95a import INCOME_LABEL, Statement, due_dates, vendor_totals

TAIPEI = ZoneInfo("Asia/Taipei")
FONT = "BOMingTW"
FONT_CANDIDATES = (("/usr/share/fonts/truetype/arphic/uming.ttc", 2),  # AR PL UMing TW
                   ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0))
ISSUE_METHODS = {"1": "免填發", "2": "電子憑單", "3": "紙本憑單"}
W, H = A4
LEFT, RIGHT = 42.0, W - 42.0
TOP = H - 150.0
ROW = 34.0


class FontNotFound(RuntimeError):
    """No TrueType CJK font to embed (install fonts-arphic-uming or set BACKOFFICE_PDF_FONT)."""


@pure
def register_font() -> str:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    setting = os.environ.get("BACKOFFICE_PDF_FONT")
    candidates: list[tuple[str, int]] = list(FONT_CANDIDATES)
    if setting:
        name, _, number = setting.partition(":")
        candidates.insert(0, (name, int(number or 0)))
    for path, index in candidates:
        if os.path.exists(path):
            pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=index))
            return FONT
    raise FontNotFound("no TrueType CJK font: install fonts-arphic-uming or set BACKOFFICE_PDF_FONT")


def _money(v: int) -> str:
    return f"{v:,}"


def _template(c: Canvas) -> None:
    """The form's static part (title, grid, labels), drawn once."""
    c.beginForm("statement")
    c.setFont(FONT, 18)
    c.drawCentredString(W / 2, H - 70, "各類所得扣繳暨免扣繳憑單")
    c.setFont(FONT, 9)
    c.drawCentredString(W / 2, H - 86, "Withholding & Non-Withholding Tax Statement")
    c.rect(RIGHT - 150, H - 124, 150, 44)
    c.setFont(FONT, 9)
    c.drawString(RIGHT - 144, H - 94, "格式代號及所得類別")
    c.setFont(FONT, 14)
    c.drawString(RIGHT - 144, H - 116, f"{INCOME_CODE_95A}")
    c.setFont(FONT, 8)
    c.drawString(RIGHT - 108, H - 115, INCOME_LABEL)
    rows = 9
    c.rect(LEFT, TOP - rows * ROW, RIGHT - LEFT, rows * ROW)
    for i in range(1, rows):
        c.line(LEFT, TOP - i * ROW, RIGHT, TOP - i * ROW)
    mid = (LEFT + RIGHT) / 2
    for i in (0, 3, 6, 7, 8):  # rows split in two halves
        c.line(mid, TOP - i * ROW, mid, TOP - (i + 1) * ROW)
    c.line(LEFT + 110, TOP, LEFT + 110, TOP - rows * ROW)
    c.line(mid + 110, TOP, mid + 110, TOP - ROW)
    c.setFont(FONT, 10)
    labels = ["扣繳單位統一編號", "扣繳單位名稱", "扣繳單位地址", "所得人統一編(證)號", "所得人姓名/名稱",
              "所得人地址", "所得所屬年月", "給付總額", "憑單填發方式"]
    for i, label in enumerate(labels):
        c.drawString(LEFT + 6, TOP - i * ROW - 21, label)
    c.drawString(mid + 6, TOP - 21, "製單編號")
    for i, label in {3: "證號別", 6: "所得給付年度", 7: "扣繳稅額（扣繳率 0%）", 8: "給付淨額"}.items():
        c.drawString(mid + 6, TOP - i * ROW - 13, label)
    c.setFont(FONT, 8)
    c.drawString(LEFT, TOP - rows * ROW - 18,
                 "給付淨額 = 給付總額 - 扣繳稅額。所得類別 95A：政府補助款（實報實銷）；依所得稅法第 89、92 條由扣繳單位填發。")
    c.drawString(LEFT, 60, "本憑單由臺灣雲市集數位點數補助後台依撥款紀錄產製，金額單位：新臺幣元。")
    c.endForm()


def _statement_page(c: Canvas, s: Statement, issued: str, as_of_text: str, page: int) -> None:
    """The variable part of one statement: one text object (one BT..ET), right-aligned amounts
    placed by their measured width (drawString per field costs a text object each)."""
    c.doForm("statement")
    mid = (LEFT + RIGHT) / 2
    v = LEFT + 116
    a, b = s.first_paid, s.last_paid
    note = f"更正：本憑單更正製單編號 {s.corrects}（原憑單保留）" if s.corrects else f"給付筆數 {s.payments}"
    fields: list[tuple[float, float, int, str]] = [
        (v, TOP - 22, 12, s.vendor_ubn), (mid + 116, TOP - 22, 12, s.serial or "（未編號）"),
        (v, TOP - ROW - 22, 12, s.vendor_name), (v, TOP - 2 * ROW - 22, 10, s.vendor_address),
        (v, TOP - 3 * ROW - 22, 12, s.applicant_ubn), (mid + 50, TOP - 3 * ROW - 26, 12, "1（統一編號）"),
        (v, TOP - 4 * ROW - 22, 12, s.applicant_name), (v, TOP - 5 * ROW - 22, 10, s.applicant_address),
        (v, TOP - 6 * ROW - 22, 10, f"{a.year - 1911}年{a.month:02d}月 至 {b.year - 1911}年{b.month:02d}月"),
        (mid + 6, TOP - 6 * ROW - 28, 12, f"{s.roc_year} 年度"), (v, TOP - 8 * ROW - 22, 10, issued),
        (LEFT, TOP - 9 * ROW - 36, 9, "備註：" + note), (LEFT, 46, 9, f"資料時點 {as_of_text}"),
    ]
    for right, y, size, text in ((mid - 8, TOP - 7 * ROW - 22, 12, _money(s.gross)),
                                 (RIGHT - 8, TOP - 7 * ROW - 26, 12, _money(s.withheld)),
                                 (RIGHT - 8, TOP - 8 * ROW - 26, 12, _money(s.net)),
                                 (RIGHT, 46, 9, f"第 {page} 頁")):
        fields.append((right - pdfmetrics.stringWidth(text, FONT, size), y, size, text))
    if s.corrects:  # a correction is marked where nobody can miss it
        c.rect(LEFT, H - 124, 92, 30)
        fields.append((LEFT + 10, H - 115, 14, "更正憑單"))
    # The text operators are written directly (BT, Tm, Tf, Tj per subset run): reportlab's text
    # object formats every number in pure Python and was half of the time per page.
    font = pdfmetrics.getFont(FONT)
    doc, escape = c._doc, c._escape  # noqa: SLF001 (reportlab's own helpers for TrueType subsets)
    ops = ["BT"]
    for x, y, size, text in fields:
        ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for subset, chunk in font.splitString(text, doc):
            ops.append(f"{font.getSubsetInternalName(subset, doc)} {size} Tf ({escape(chunk)}) Tj")
    ops.append("ET")
    c._code.append("\n".join(ops))  # noqa: SLF001
    c.showPage()


def _cover(c: Canvas, rows: Sequence[Statement], as_of_text: str, page: int) -> None:
    first = rows[0]
    total = vendor_totals(rows)[0]
    filing, delivery = due_dates(first.tax_year)
    c.setFont(FONT, 16)
    c.drawCentredString(W / 2, H - 70, "各類所得扣繳暨免扣繳憑單申報彙總表")
    c.setFont(FONT, 9)
    c.drawCentredString(W / 2, H - 86, "Summary of 95A statements (cover)")
    c.setFont(FONT, 11)
    y = H - 130
    for label, value in (("扣繳單位名稱", first.vendor_name), ("扣繳單位統一編號", first.vendor_ubn),
                         ("扣繳單位地址", first.vendor_address), ("所得年度", f"{first.roc_year} 年度（{first.tax_year}）"),
                         ("申報期限", roc_long(filing)), ("填發所得人期限", roc_long(delivery))):
        c.drawString(LEFT, y, label)
        c.drawString(LEFT + 130, y, value)
        y -= 22
    y -= 16
    cols = (LEFT, LEFT + 150, LEFT + 230, LEFT + 330, LEFT + 420)
    c.rect(LEFT, y - 44, RIGHT - LEFT, 44)
    c.line(LEFT, y - 22, RIGHT, y - 22)
    for x in cols[1:]:
        c.line(x, y, x, y - 44)
    for x, text in zip(cols, ("格式代號", "張數", "給付總額", "扣繳稅額", "給付淨額"), strict=True):
        c.drawString(x + 6, y - 16, text)
    c.drawString(cols[0] + 6, y - 38, f"{INCOME_CODE_95A} {INCOME_LABEL}")
    c.drawRightString(cols[2] - 6, y - 38, _money(total.statements))
    c.drawRightString(cols[3] - 6, y - 38, _money(total.gross))
    c.drawRightString(cols[4] - 6, y - 38, _money(total.withheld))
    c.drawRightString(RIGHT - 6, y - 38, _money(total.net))
    c.setFont(FONT, 9)
    c.drawString(LEFT, 46, f"資料時點 {as_of_text}")
    c.drawRightString(RIGHT, 46, f"第 {page} 頁")
    c.showPage()


@pure
def write_pdf(rows: Sequence[Statement], out: IO[bytes], *, as_of: datetime, issue_method: str = "3",
              covers: bool = True) -> int:
    """Write the PDF (cover + statements per vendor) to ``out``; returns the page count."""
    register_font()
    rl_config.useA85 = 0  # binary compressed streams: ASCII85 (pure Python here) cost a fifth of the time
    c = Canvas(out, pagesize=A4, invariant=1, pageCompression=1, initialFontName=FONT, initialFontSize=10)
    year = rows[0].tax_year if rows else 0
    c.setTitle(f"95A {year}")
    c.setAuthor("backoffice")
    c.setCreator("backoffice")
    c.setSubject("各類所得扣繳暨免扣繳憑單 95A")
    _template(c)
    at = as_of.astimezone(TAIPEI)
    as_of_text = f"{roc_long(at.date())} {at:%H:%M}"
    issued = f"{issue_method} {ISSUE_METHODS.get(issue_method, '')}"
    page = 0
    start = 0
    if not rows:
        c.setFont(FONT, 12)
        c.drawString(LEFT, H - 80, f"{year} 年度無 95A 扣繳憑單（no statements）")
        c.showPage()
        page = 1
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end].vendor_id == rows[start].vendor_id:
            end += 1
        if covers:
            page += 1
            _cover(c, rows[start:end], as_of_text, page)
        for s in rows[start:end]:
            page += 1
            _statement_page(c, s, issued, as_of_text, page)
        start = end
    c.save()
    return page


@pure
def preview_png(statement: Statement, as_of: datetime, dpi: int = 60) -> bytes | None:
    """One statement page as PNG for the in-app preview, rendered by poppler's ``pdftoppm`` from the
    very PDF the export writes; None when poppler is not installed (the screen says so)."""
    import shutil
    import subprocess
    import tempfile

    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "statement.pdf"
        with pdf.open("wb") as f:
            write_pdf([statement], f, as_of=as_of, covers=False)
        done = subprocess.run([tool, "-png", "-r", str(dpi), "-singlefile", str(pdf), str(Path(tmp) / "page")],  # noqa: S603
                              capture_output=True, timeout=60, check=False)
        png = Path(tmp) / "page.png"
        return png.read_bytes() if done.returncode == 0 and png.exists() else None


@pure
def write_pdf_file(path: str, rows: Sequence[Statement], as_of: datetime, issue_method: str = "3") -> str:
    """One vendor's PDF written atomically; returns its SHA-256 (a process-pool worker's task)."""
    from backoffice.services.finance.repro import write_atomically

    return write_atomically(path, lambda f: write_pdf(rows, f, as_of=as_of, issue_method=issue_method))


@pure
def write_pdf_files(jobs: Sequence[tuple[str, Sequence[Statement]]], as_of: datetime, issue_method: str = "3"
                    ) -> list[str]:
    """A chunk of vendors' PDFs (a process-pool worker's task); their SHA-256 in order."""
    return [write_pdf_file(path, rows, as_of, issue_method) for path, rows in jobs]


CHUNK_STATEMENTS = 2_000  # a worker's task: whole vendors up to about this many statements


def _chunks(groups: Iterable[Sequence[Statement]], target: Path, tax_year: int
            ) -> Iterator[list[tuple[str, Sequence[Statement]]]]:
    chunk: list[tuple[str, Sequence[Statement]]] = []
    size = 0
    for rows in groups:
        chunk.append((str(target / f"95A-{tax_year}-{rows[0].vendor_ubn}.pdf"), rows))
        size += len(rows)
        if size >= CHUNK_STATEMENTS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@pure
def write_vendor_pdfs(groups: Iterable[Sequence[Statement]], target: Path, *, tax_year: int, as_of: datetime,
                      issue_method: str = "3", workers: int = 1) -> list[tuple[str, str]]:
    """One PDF per vendor group into ``target``; returns (path, SHA-256) in the groups' order.

    ``groups`` is consumed lazily: with ``workers`` > 1 at most two chunks per worker are in
    flight, so the caller's memory stays bounded by a few chunks, not by the year."""
    out: list[tuple[str, str]] = []
    chunks = _chunks(groups, target, tax_year)
    if workers <= 1:
        for chunk in chunks:
            out += zip([p for p, _ in chunk], write_pdf_files(chunk, as_of, issue_method), strict=True)
        return out
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    pending: deque[tuple[list[str], Future[list[str]]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for chunk in chunks:
            if len(pending) >= 2 * workers:
                paths, done = pending.popleft()
                out += zip(paths, done.result(), strict=True)
            pending.append(([p for p, _ in chunk], pool.submit(write_pdf_files, chunk, as_of, issue_method)))
        while pending:
            paths, done = pending.popleft()
            out += zip(paths, done.result(), strict=True)
    return out
