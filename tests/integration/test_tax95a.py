"""95A statements on SQLite and PostgreSQL: the year's statements from reconciled payments, the
xlsx/PDF/U8 files reproducible for one as-of, the PDF read back with pdftotext and rendered with
pdftoppm, the U8 file checked field by field, corrections keeping the original."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from backoffice.db import models as m
from backoffice.services.finance import batches, reconcile, tax95a
from tests.support import finance_seed as fs

T1 = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
T2 = datetime(2026, 1, 20, 2, 0, tzinfo=UTC)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pay_all(uow: Any, sc: fs.Scenario, paid_on: date, at: datetime, tmp_path: Path) -> None:
    """Batch every payable claim, approve (demo database: unsigned), reconcile every line paid."""
    with uow() as u:
        made = batches.create_batches(u, sc.finance_id, paid_on=paid_on, as_of=fs.AS_OF, now=at)
    rows = []
    for b in made:
        with uow() as u:
            batches.approve_batch(u, b.id, sc.finance2_id, signer=None, now=at)
        with uow() as u:
            rows += [f"{ln.reference},{ln.amount},{paid_on},paid," for ln in batches.batch_lines(u, b.id)]
    bank = tmp_path / f"bank-{at:%Y%m%d%H%M}.csv"
    bank.write_text("reference,amount,paid_on,status,reason\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with uow() as u:
        assert reconcile.reconcile_file(u, bank, now=at).ok


@pytest.fixture
def paid(uow: Any, tmp_path: Path) -> fs.Scenario:
    sc = fs.scenario(uow, demo=True)
    pay_all(uow, sc, date(2025, 12, 20), T1, tmp_path)
    return sc


def export(uow: Any, out: Path, as_of: datetime, **kw: Any) -> tax95a.ExportResult:
    with uow() as u:
        return tax95a.export(u, 2025, out, as_of=as_of, office="A03", **kw)


def test_statements_per_vendor_and_recipient_for_the_payment_year(uow: Any, paid: fs.Scenario) -> None:
    with uow() as u:
        rows = tax95a.statements(u.session, 2025, T1 + timedelta(hours=1))
        assert tax95a.statements(u.session, 2026, T1 + timedelta(hours=1)) == []
        assert tax95a.statements(u.session, 2025, T1 - timedelta(hours=1)) == []  # not reconciled yet then
    assert [(s.vendor_ubn, s.applicant_ubn, s.gross, s.net, s.withheld) for s in rows] == [
        ("04595257", "10458574", 20_000, 20_000, 0), ("04595257", "10458575", 30_000, 30_000, 0),
        ("22099131", "04595252", 30_000, 30_000, 0), ("22099131", "62140097", 30_000, 30_000, 0)]
    assert rows[0].period == "1141211412" and rows[0].serial == ""


@needs_poppler
def test_export_files_are_reproducible_and_readable(uow: Any, paid: fs.Scenario, tmp_path: Path) -> None:
    as_of = T1 + timedelta(hours=1)
    first = export(uow, tmp_path / "a", as_of)
    again = export(uow, tmp_path / "b", as_of, workers=2)  # parallel vendors: the same bytes
    assert first.to_json()["statements"] == 4 and first.total == 110_000
    names = sorted(Path(p).name for p, _ in first.files)
    assert names == ["04595257.114.U8", "22099131.114.U8", "95A-2025-04595257.pdf", "95A-2025-22099131.pdf",
                     "95A-2025.xlsx"]
    for (pa, ha), (pb, hb) in zip(first.files, again.files, strict=True):
        assert Path(pa).read_bytes() == Path(pb).read_bytes() and ha == hb, Path(pa).name
    with uow() as u:
        audit = u.session.scalars(sa.select(m.AuditEvent).where(m.AuditEvent.action == "tax95a.export")).all()
        assert {f["sha256"] for f in audit[0].details["files"]} == {h for _, h in first.files}  # type: ignore[index]
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.WithholdingStatement)) == 4

    wb = load_workbook(tmp_path / "a" / "95A-2025.xlsx", read_only=True)
    sheet = list(wb["扣繳憑單 Statements"].iter_rows(values_only=True))
    about = dict(row[:2] for row in wb["說明 About"].iter_rows(values_only=True))
    assert sheet[2][:6] == ("04595257", "雲端廠商0股份有限公司", "11400001", "95A", "10458574", "好給力1有限公司")
    assert about["給付總額 Gross total"] == 110_000 and about["申報期限 Filing due"] == "115/01/31"
    wb.close()

    pdfs = [tmp_path / "a" / f"95A-2025-{ubn}.pdf" for ubn in fs.VENDOR_UBNS]
    pages = []
    for pdf in pdfs:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        font_line = next(line for line in fonts.splitlines() if "BOMingTW" in line or "UMing" in line)
        assert " yes yes " in font_line  # embedded, subset
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages += [p for p in text.split("\f") if p.strip()]
    assert len(pages) == 6  # a cover + two statements per vendor
    assert "申報彙總表" in pages[0] and "50,000" in pages[0] and "04595257" in pages[0]
    expected = [("10458574", "20,000"), ("10458575", "30,000"), ("04595252", "30,000"), ("62140097", "30,000")]
    statement_pages = [p for p in pages if "各類所得扣繳暨免扣繳憑單" in p and "彙總" not in p]
    assert len(statement_pages) == 4
    for page, (ubn, amount) in zip(statement_pages, expected, strict=True):
        assert ubn in page and amount in page and "95A" in page and "114 年度" in page
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "50", "-png", str(pdfs[0]), str(tmp_path / "page")],
                   check=True, capture_output=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 5_000
    # One rendered statement page for docs/screenshots (the same bytes on every run and database).
    from tests.support.gui import SCREENSHOT_DIR

    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "80", "-png", "-singlefile", str(pdfs[0]),
                    str(SCREENSHOT_DIR / "statement_95a")], check=True, capture_output=True)


def test_the_u8_file_field_by_field(uow: Any, paid: fs.Scenario, tmp_path: Path) -> None:
    export(uow, tmp_path, T1 + timedelta(hours=1), pdf=False)
    raw = (tmp_path / "04595257.114.U8").read_bytes()
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[-1] == "" and len(lines) == 3
    names = [name for name, _ in tax95a.U8_FIELDS]
    fields = lines[0].split("|")
    assert fields[-1] == "" and len(fields) == len(names) + 1
    record = dict(zip(names, fields[:-1], strict=True))
    assert record == {
        "稽徵機關代號": "A03", "流水號": "11400001", "扣繳單位統一編號": "04595257", "所得註記": "A", "所得格式": "95",
        "所得人統一編(證)號": "10458574", "證號別": "1", "給付總額": "20000", "扣繳稅額": "0", "給付淨額": "20000",
        "共用欄位一": "", "分配次數": "", "除權(息)基準日": "", "軟體註記": "A", "錯誤註記": "", "所得給付年度": "114",
        "所得人姓名": "好給力1有限公司", "所得人地址": "新北市板橋區文化路2號", "所得所屬期間": "1141211412",
        "自願提繳退休金額": "", "其他現金股利": "", "資本公積現金股利": "", "股票股利": "", "股票股利股數": "",
        "扣抵稅額註記": "", "憑單填發方式": "3", "是否滿183天": "", "居住地國或地區代碼": "", "租稅協定代碼": "",
        "空白": "", "檔案製作日期": "0105", "稅務識別碼": "",
    }


def test_a_later_payment_issues_a_correction_and_keeps_the_original(uow: Any, paid: fs.Scenario,
                                                                    tmp_path: Path) -> None:
    first = export(uow, tmp_path / "a", T1 + timedelta(hours=1), pdf=False)
    with uow() as u:  # a second order of the same applicant with the same vendor, paid in 2025 too
        s = u.session
        vendor = s.get(m.Vendor, paid.vendor_ids[0])
        applicant = s.scalars(sa.select(m.Applicant).where(m.Applicant.ubn == fs.APPLICANT_UBNS[0])).one()
        fs.add_claim(s, "SC-MORE", fs.add_order(s, "O-MORE", vendor, applicant, points=10_000), 10_000,
                     date(2026, 1, 10))
        u.commit()
    pay_all(uow, paid, date(2025, 12, 30), T2, tmp_path)
    later = export(uow, tmp_path / "b", T2 + timedelta(hours=1), pdf=False)
    assert later.total == first.total + 10_000
    with uow() as u:
        rows = u.session.execute(sa.select(m.WithholdingStatement.serial, m.WithholdingStatement.gross,
                                           m.WithholdingStatement.corrects_id).order_by(m.WithholdingStatement.id)).all()
    assert len(rows) == 5 and rows[0][:2] == ("11400001", 20_000)
    assert rows[4][:2] == ("11400003", 40_000) and rows[4][2] is not None
    u8 = (tmp_path / "b" / "04595257.114.U8").read_text(encoding="utf-8")
    assert "11400003|04595257|A|95|10458575|1|40000|" in u8
    # The earlier as-of still gives the earlier files, byte for byte.
    old = export(uow, tmp_path / "c", T1 + timedelta(hours=1), pdf=False)
    for (pa, _), (pc, _) in zip(first.files, old.files, strict=True):
        assert Path(pa).read_bytes() == Path(pc).read_bytes()
