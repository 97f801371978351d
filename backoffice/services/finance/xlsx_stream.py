"""A small streaming xlsx writer for the large finance exports (95A statements).

Why not openpyxl: its write-only mode builds a cell object per value and was 2.3x slower than
xlsxwriter's constant-memory mode on the 95A rows (bench/bench_finance.py); finance exports
also need fixed bytes for a fixed as-of. This writer streams each sheet's XML straight into the
zip member (memory stays flat), writes strings inline (no shared-string table to hold), integers
with a thousands format, and stamps every member and the core properties with the as-of time.
Only what the exports use: text and integer cells, a bold header style, frozen header rows.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import IO, Any
from xml.sax.saxutils import escape

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/styles.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
       '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
       '{sheets}</Types>')
_SHEET_CT = ('<Override PartName="/xl/worksheets/sheet{n}.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
         'Target="docProps/core.xml"/></Relationships>')
_STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
           '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
           '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
           '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title>'
         '<dc:creator>backoffice</dc:creator>'
         '<dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created>'
         '<dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified></cp:coreProperties>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{views}<sheetData>')
_FROZEN = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="{n}" topLeftCell="A{top}" activePane="bottomLeft" '
           'state="frozen"/></sheetView></sheetViews>')
_BATCH = 2000  # rows joined per write


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


_COLS = [_col(i) for i in range(64)]


# Characters XML 1.0 forbids (a stray control character in a name must not break the file).
_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _cell(ref: str, value: Any, bold: bool) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f'<c r="{ref}" s="{2 if bold else 1}"><v>{value}</v></c>'
    style = ' s="2"' if bold else ""
    text = escape(str(value).translate(_CONTROL))
    return f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">{text}</t></is></c>'


class StreamingWorkbook:
    """Write sheets one after the other into ``out``; ``close`` writes the workbook parts."""

    def __init__(self, out: IO[bytes], as_of: datetime, title: str = "") -> None:
        self.zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self.as_of = as_of.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.title = title
        self.sheets: list[str] = []

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def write_sheet(self, name: str, rows: Iterable[Sequence[Any]], header_rows: int = 0) -> int:
        """Stream one sheet; the first ``header_rows`` rows are bold and frozen. Returns rows written."""
        self.sheets.append(name)
        views = _FROZEN.format(n=header_rows, top=header_rows + 1) if header_rows else ""
        count = 0
        with self.zip.open(self._info(f"xl/worksheets/sheet{len(self.sheets)}.xml"), "w") as f:
            f.write(_SHEET_HEAD.format(views=views).encode("utf-8"))
            chunk: list[str] = []
            for count, row in enumerate(rows, start=1):
                bold = count <= header_rows
                chunk.append(f'<row r="{count}">' + "".join(
                    _cell(f"{_COLS[i]}{count}", v, bold) for i, v in enumerate(row)) + "</row>")
                if len(chunk) >= _BATCH:
                    f.write("".join(chunk).encode("utf-8"))
                    chunk.clear()
            f.write(("".join(chunk) + "</sheetData></worksheet>").encode("utf-8"))
        return count

    def close(self) -> None:
        sheets = "".join(_SHEET_CT.format(n=i + 1) for i in range(len(self.sheets)))
        self.zip.writestr(self._info("[Content_Types].xml"), _CT.format(sheets=sheets))
        self.zip.writestr(self._info("_rels/.rels"), _RELS)
        self.zip.writestr(self._info("docProps/core.xml"), _CORE.format(title=escape(self.title), at=self.as_of))
        wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
              + "".join(f'<sheet name="{escape(n, {chr(34): "&quot;"})}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                        for i, n in enumerate(self.sheets)) + "</sheets></workbook>")
        self.zip.writestr(self._info("xl/workbook.xml"), wb)
        rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(f'<Relationship Id="rId{i + 1}" '
                          'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                          f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(self.sheets)))
                + f'<Relationship Id="rId{len(self.sheets) + 1}" '
                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
                  'Target="styles.xml"/></Relationships>')
        self.zip.writestr(self._info("xl/_rels/workbook.xml.rels"), rels)
        self.zip.writestr(self._info("xl/styles.xml"), _STYLES)
        self.zip.close()
