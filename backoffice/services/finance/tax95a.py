"""95A withholding statements (各類所得扣繳暨免扣繳憑單, 實報實銷之政府補助款) per tax year (RULES §9).

Per vendor (扣繳單位, payer) and applicant (所得人, recipient): the gross of the reconciled paid
lines whose batch payment date (finance's payment date) falls in the year, tax withheld 0, net.
``statements_by_vendor`` is the one query behind the year view and every export. Everything is "as of" a
time: only lines reconciled and statements issued by then count, so running an export again
with the same as-of gives the same bytes even after later payments.

Issuing (``issue``) gives each statement its 製單編號 once; when a later as-of changes a recipient's
gross, a correction is issued: a new row pointing at the original (which is kept) and marked 更正.
The files: an xlsx (statements with the vendor columns, a per-vendor summary, an About sheet),
the PDF (``tax95a_pdf``), and per vendor the MOF e-filing file ``<UBN>.<ROC year>.U8`` whose
layout is the table ``U8_FIELDS`` (docs/withholding-format.md says where each field comes from
and what is unconfirmed). The exports stream the statements one vendor at a time
(``statements_by_vendor``), so memory does not grow with the year (docs/performance.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import BatchLineStatus
from backoffice.db.session import UnitOfWork
from backoffice.policy.dates import roc_short
from backoffice.policy.settlement import CLAUSE_SETTLEMENT, INCOME_CODE_95A
from backoffice.services.authz import Actor, officer_id_of, pure, query_helper, require_officer
from backoffice.services.finance import settlement
from backoffice.services.finance.repro import write_atomically
from backoffice.services.finance.xlsx_stream import StreamingWorkbook

TAIPEI = ZoneInfo("Asia/Taipei")
CLAUSES = ("須知八(五)", "所得稅法第89條、第92條（扣繳憑單申報及填發）", "付款日所屬年度為所得年度")
INCOME_LABEL = "政府補助款（實報實銷）"


@pure
def due_dates(tax_year: int) -> tuple[date, date]:
    """(filing with the tax office, delivery to recipients) for statements of ``tax_year``.

    所得稅法 §92 as public filing software applies it: 31 January and 10 February of the next year;
    settings (``BACKOFFICE_95A_FILING_DUE``, ``BACKOFFICE_95A_DELIVERY_DUE``, MM-DD) because the
    statute could not be read here and holidays move the dates."""
    def setting(name: str, default: str) -> date:
        mm, dd = (os.environ.get(name) or default).split("-")
        return date(tax_year + 1, int(mm), int(dd))
    return setting("BACKOFFICE_95A_FILING_DUE", "01-31"), setting("BACKOFFICE_95A_DELIVERY_DUE", "02-10")


@dataclass(frozen=True)
class Statement:
    """One 95A statement as shown and exported."""

    tax_year: int
    vendor_id: int
    vendor_ubn: str
    vendor_name: str
    vendor_address: str
    applicant_id: int
    applicant_ubn: str
    applicant_name: str
    applicant_address: str
    gross: int
    withheld: int
    payments: int
    first_paid: date
    last_paid: date
    serial: str = ""  # 製單編號, once issued
    corrects: str = ""  # the original's serial when this is a correction (更正)

    @property
    def net(self) -> int:
        return self.gross - self.withheld

    @property
    def roc_year(self) -> int:
        return self.tax_year - 1911

    @property
    def period(self) -> str:
        """所得所屬期間 YYYMMYYYMM."""
        a, b = self.first_paid, self.last_paid
        return f"{a.year - 1911:03d}{a.month:02d}{b.year - 1911:03d}{b.month:02d}"


@dataclass(frozen=True)
class VendorTotal:
    vendor_id: int
    vendor_ubn: str
    vendor_name: str
    statements: int
    gross: int
    withheld: int

    @property
    def net(self) -> int:
        return self.gross - self.withheld


@dataclass(frozen=True)
class ExportResult:
    tax_year: int
    as_of: datetime
    statements: int
    total: int
    files: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (path, sha256)

    def to_json(self) -> dict[str, Any]:
        return {"statements": self.statements, "total": self.total,
                "files": [{"path": p, "sha256": h} for p, h in self.files]}


def _as_of_utc(as_of: datetime) -> datetime:
    return as_of.astimezone(UTC) if as_of.tzinfo else as_of.replace(tzinfo=UTC)


def _paid_in_year(tax_year: int, at: datetime) -> tuple[Any, ...]:
    ln, b = m.SettlementBatchLine, m.SettlementBatch
    return (ln.status == BatchLineStatus.PAID, ln.reconciled_at <= at,
            b.paid_on >= date(tax_year, 1, 1), b.paid_on <= date(tax_year, 12, 31))


@query_helper("the vendors of a year, read by statements_by_vendor")
def year_vendors(session: Session, tax_year: int, as_of: datetime, vendor_id: int | None = None
                 ) -> list[tuple[int, str]]:
    """(vendor id, UBN) of the vendors with statements in ``tax_year``, in the statements' order."""
    ln, b, v = m.SettlementBatchLine, m.SettlementBatch, m.Vendor
    stmt = (sa.select(v.id, v.ubn).select_from(ln).join(b, b.id == ln.batch_id).join(v, v.id == b.vendor_id)
            .where(*_paid_in_year(tax_year, _as_of_utc(as_of))).group_by(v.id, v.ubn).order_by(v.ubn, v.id))
    if vendor_id is not None:
        stmt = stmt.where(v.id == vendor_id)
    return [(int(vid), ubn) for vid, ubn in session.execute(stmt)]


@query_helper("the statements of a year one vendor at a time, read by issue, export and the year view")
def statements_by_vendor(session: Session, tax_year: int, as_of: datetime, vendor_id: int | None = None
                         ) -> Iterator[list[Statement]]:
    """The statements of ``tax_year`` as of ``as_of``, one list per vendor (vendor UBN, then applicant
    UBN): one grouped query per vendor, so memory is bounded by the largest vendor, not the year."""
    for vid, _ in year_vendors(session, tax_year, as_of, vendor_id):
        yield _vendor_statements(session, tax_year, _as_of_utc(as_of), vid)


@query_helper("the statements of a year, read by the year view and the dashboard")
def statements(session: Session, tax_year: int, as_of: datetime, vendor_id: int | None = None) -> list[Statement]:
    """The statements of ``tax_year`` as of ``as_of`` as one list (exports stream ``statements_by_vendor``)."""
    return [s for group in statements_by_vendor(session, tax_year, as_of, vendor_id) for s in group]


def _vendor_statements(session: Session, tax_year: int, at: datetime, vendor_id: int) -> list[Statement]:
    ln, b, c, o, a, v = (m.SettlementBatchLine, m.SettlementBatch, m.SettlementClaim, m.Order, m.Applicant,
                         m.Vendor)
    stmt = (sa.select(v.id, v.ubn, v.name, v.address, a.id, a.ubn, a.name, a.address,
                      sa.func.sum(ln.paid_amount), sa.func.count(ln.id), sa.func.min(b.paid_on), sa.func.max(b.paid_on))
            .select_from(ln).join(b, b.id == ln.batch_id).join(c, c.id == ln.claim_id).join(o, o.id == c.order_id)
            .join(a, a.id == o.applicant_id).join(v, v.id == b.vendor_id)
            .where(*_paid_in_year(tax_year, at), b.vendor_id == vendor_id)
            .group_by(v.id, v.ubn, v.name, v.address, a.id, a.ubn, a.name, a.address)
            .order_by(v.ubn, v.id, a.ubn, a.id))
    issued = _issued(session, tax_year, at, vendor_id)
    out = []
    for vid, vubn, vname, vaddr, aid, aubn, aname, aaddr, gross, count, first, last in session.execute(stmt):
        s = Statement(tax_year, vid, vubn, vname, vaddr or "", aid, aubn, aname, aaddr or "", int(gross or 0), 0,
                      int(count), first, last)
        got = issued.get(aid)
        if got is not None and got[1] == s.gross:
            s = replace(s, serial=got[0], corrects=got[2])
        out.append(s)
    return out


def _issued(session: Session, tax_year: int, at: datetime, vendor_id: int) -> dict[int, tuple[str, int, str]]:
    """Latest issued (serial, gross, corrected serial) per applicant of one vendor as of ``at``."""
    w = m.WithholdingStatement
    stmt = sa.select(w.id, w.applicant_id, w.serial, w.gross, w.corrects_id).where(
        w.tax_year == tax_year, w.vendor_id == vendor_id, w.issued_at <= at).order_by(w.id)
    serial_of: dict[int, str] = {}
    latest: dict[int, tuple[str, int, str]] = {}
    for wid, aid, serial, gross, corrects in session.execute(stmt):
        serial_of[wid] = serial
        latest[aid] = (serial, int(gross), serial_of.get(corrects, "") if corrects else "")
    return latest


@query_helper("role-checked inside when an officer is given; backoffice-admin runs it as a system job")
def issue(uow: UnitOfWork, tax_year: int, as_of: datetime, *, vendor_id: int | None = None, officer: Actor = None
          ) -> int:
    """Give new statements a 製單編號 and issue corrections for changed ones (originals kept); commit.
    One vendor at a time (inserted per vendor, nothing held for the year); returns how many were issued."""
    session: Session = uow.session
    if officer is not None:
        require_officer(session, officer, "issue 95A statements", settlement.FINANCE_ROLES)
    at = _as_of_utc(as_of)
    w = m.WithholdingStatement
    new_rows = 0
    for group in statements_by_vendor(session, tax_year, at, vendor_id):
        vid = group[0].vendor_id
        fresh = [s for s in group if not s.serial]
        if not fresh:
            continue
        latest_ids = {aid: wid for wid, aid in session.execute(
            sa.select(w.id, w.applicant_id).where(w.tax_year == tax_year, w.vendor_id == vid, w.issued_at <= at)
            .order_by(w.id))}
        seq = session.scalar(sa.select(sa.func.count()).where(w.tax_year == tax_year, w.vendor_id == vid)) or 0
        rows = []
        for s in fresh:
            seq += 1
            original = latest_ids.get(s.applicant_id)
            rows.append({"tax_year": tax_year, "vendor_id": vid, "applicant_id": s.applicant_id,
                         "serial": f"{s.roc_year:03d}{seq:05d}", "gross": s.gross, "withheld": s.withheld,
                         "payments": s.payments, "issued_at": at, "issued_by_id": officer_id_of(officer),
                         "corrects_id": original, "note": "更正 correction" if original else None})
        session.execute(sa.insert(w), rows)
        new_rows += len(rows)
    if new_rows:
        session.add(m.AuditEvent(officer_id=officer_id_of(officer), action="tax95a.issue", entity_type="tax95a",
                                 entity_id=str(tax_year), details={"as_of": at.isoformat(), "issued": new_rows,
                                                                   "vendor_id": vendor_id}))
        uow.commit()
    return new_rows


@pure
def vendor_totals(rows: Iterable[Statement]) -> list[VendorTotal]:
    acc: dict[int, list[Any]] = {}
    for s in rows:
        t = acc.setdefault(s.vendor_id, [s.vendor_ubn, s.vendor_name, 0, 0, 0])
        t[2] += 1
        t[3] += s.gross
        t[4] += s.withheld
    return [VendorTotal(vid, *vals) for vid, vals in acc.items()]


# --- the xlsx --------------------------------------------------------------------------------------

XLSX_HEADERS = (
    ("扣繳單位統一編號", "Payer UBN"), ("扣繳單位名稱", "Payer"), ("製單編號", "Serial"), ("格式代號", "Code"),
    ("所得人統一編號", "Recipient UBN"), ("所得人名稱", "Recipient"), ("所得人地址", "Recipient address"),
    ("所得所屬期間", "Period"), ("給付總額", "Gross"), ("扣繳稅額", "Withheld"), ("給付淨額", "Net"),
    ("給付筆數", "Payments"), ("更正原製單編號", "Corrects serial"),
)


@pure
def write_xlsx(rows: Iterable[Statement], path: Path, *, tax_year: int, as_of: datetime, filters: dict[str, Any]
               ) -> str:
    """Statements (one sheet, vendor columns), per-vendor summary, About; streamed and reproducible.
    Returns the SHA-256 of the file."""
    totals: dict[int, list[Any]] = {}
    acc = {"count": 0, "gross": 0}

    def statement_rows() -> Iterator[Sequence[Any]]:
        yield [zh for zh, _ in XLSX_HEADERS]
        yield [en for _, en in XLSX_HEADERS]
        for s in rows:
            t = totals.setdefault(s.vendor_id, [s.vendor_ubn, s.vendor_name, 0, 0, 0])
            t[2] += 1
            t[3] += s.gross
            t[4] += s.withheld
            acc["count"] += 1
            acc["gross"] += s.gross
            yield (s.vendor_ubn, s.vendor_name, s.serial, INCOME_CODE_95A, s.applicant_ubn, s.applicant_name,
                   s.applicant_address, s.period, s.gross, s.withheld, s.net, s.payments, s.corrects)

    def write(f: IO[bytes]) -> None:
        wb = StreamingWorkbook(f, as_of, title=f"95A {tax_year}")
        wb.write_sheet("扣繳憑單 Statements", statement_rows(), header_rows=2)
        summary: list[Sequence[Any]] = [["扣繳單位統一編號 Payer UBN", "扣繳單位名稱 Payer", "憑單張數 Statements",
                                         "給付總額 Gross", "扣繳稅額 Withheld", "給付淨額 Net"]]
        summary += [[ubn, name, n, g, wh, g - wh] for ubn, name, n, g, wh in totals.values()]
        wb.write_sheet("彙總 Summary", summary, header_rows=1)
        filing, delivery = due_dates(tax_year)
        about: list[Sequence[Any]] = [
            ("所得年度 Tax year", f"{tax_year} (民國 {tax_year - 1911} 年)"),
            ("資料時點 As of", as_of.astimezone(TAIPEI).isoformat()),
            ("篩選 Filters", ", ".join(f"{k}={v}" for k, v in sorted(filters.items())) or "全部 all"),
            ("格式代號 Income code", f"{INCOME_CODE_95A} {INCOME_LABEL}"),
            ("憑單張數 Statements", acc["count"]), ("給付總額 Gross total", acc["gross"]), ("扣繳稅額 Withheld", 0),
            ("申報期限 Filing due", roc_short(filing)), ("填發期限 Delivery due", roc_short(delivery)),
            ("依據 Clauses", "；".join((CLAUSE_SETTLEMENT, *CLAUSES[1:])))]
        wb.write_sheet("說明 About", about)
        wb.close()

    return write_atomically(path, write)


# --- the MOF e-filing file (U8) -------------------------------------------------------------------

# (field, how the value is made) in file order; see docs/withholding-format.md for sources.
U8_FIELDS: tuple[tuple[str, str], ...] = (
    ("稽徵機關代號", "office"), ("流水號", "serial"), ("扣繳單位統一編號", "payer"), ("所得註記", "=A"),
    ("所得格式", "=95"), ("所得人統一編(證)號", "recipient"), ("證號別", "=1"), ("給付總額", "gross"),
    ("扣繳稅額", "withheld"), ("給付淨額", "net"), ("共用欄位一", "="), ("分配次數", "="), ("除權(息)基準日", "="),
    ("軟體註記", "=A"), ("錯誤註記", "="), ("所得給付年度", "roc_year"), ("所得人姓名", "name"),
    ("所得人地址", "address"), ("所得所屬期間", "period"), ("自願提繳退休金額", "="), ("其他現金股利", "="),
    ("資本公積現金股利", "="), ("股票股利", "="), ("股票股利股數", "="), ("扣抵稅額註記", "="),
    ("憑單填發方式", "issue_method"), ("是否滿183天", "="), ("居住地國或地區代碼", "="), ("租稅協定代碼", "="),
    ("空白", "="), ("檔案製作日期", "mmdd"), ("稅務識別碼", "="),
)


@pure
def u8_name(vendor_ubn: str, tax_year: int) -> str:
    return f"{vendor_ubn}.{tax_year - 1911:03d}.U8"


@pure
def u8_record(s: Statement, *, office: str, issue_method: str, made_on: date) -> str:
    """One statement as a U8 line: every field followed by '|' (fields never contain '|')."""
    values = {"office": office, "serial": s.serial, "payer": s.vendor_ubn, "recipient": s.applicant_ubn,
              "gross": str(s.gross), "withheld": str(s.withheld), "net": str(s.net), "roc_year": f"{s.roc_year:03d}",
              "name": s.applicant_name, "address": s.applicant_address, "period": s.period,
              "issue_method": issue_method, "mmdd": f"{made_on.month:02d}{made_on.day:02d}"}
    out = []
    for _, how in U8_FIELDS:
        value = how[1:] if how.startswith("=") else values[how]
        out.append(value.replace("|", "／").replace("\r", " ").replace("\n", " ") + "|")
    return "".join(out)


@pure
def write_u8(rows: Iterable[Statement], out: IO[bytes], *, office: str, issue_method: str, made_on: date) -> None:
    for s in rows:
        out.write((u8_record(s, office=office, issue_method=issue_method, made_on=made_on) + "\r\n").encode("utf-8"))


# --- the export --------------------------------------------------------------------------------------


@query_helper("role-checked inside when an officer is given; backoffice-admin runs it as a system job")
def export(uow: UnitOfWork, tax_year: int, out_dir: str | Path, *, as_of: datetime, vendor_id: int | None = None,
           officer: Actor = None, office: str = "", issue_method: str = "3", pdf: bool = True,
           workers: int = 1) -> ExportResult:
    """Issue what is new, then write the xlsx, the PDF and one U8 per vendor into ``out_dir``; audit hashes.

    Each file is written from the statements streamed one vendor at a time (``statements_by_vendor``),
    never the year as one list, so memory stays flat as the year grows."""
    from backoffice.services.finance import tax95a_pdf

    at = _as_of_utc(as_of)
    issue(uow, tax_year, at, vendor_id=vendor_id, officer=officer)
    session: Session = uow.session
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    vendors = year_vendors(session, tax_year, at, vendor_id)
    suffix = f"-{vendors[0][1]}" if vendor_id is not None and vendors else ""
    filters = {"vendor_id": vendor_id} if vendor_id is not None else {}
    files: list[tuple[str, str]] = []
    acc = {"count": 0, "total": 0}

    def counted() -> Iterator[Statement]:
        for group in statements_by_vendor(session, tax_year, at, vendor_id):
            for s in group:
                acc["count"] += 1
                acc["total"] += s.gross
                yield s

    xlsx = target / f"95A-{tax_year}{suffix}.xlsx"
    files.append((str(xlsx), write_xlsx(counted(), xlsx, tax_year=tax_year, as_of=at, filters=filters)))
    if pdf:
        # One PDF per vendor (each vendor issues its own statements), rendered by ``workers``
        # processes fed a few vendors at a time.
        files += tax95a_pdf.write_vendor_pdfs(statements_by_vendor(session, tax_year, at, vendor_id), target,
                                              tax_year=tax_year, as_of=at, issue_method=issue_method, workers=workers)
    made_on = at.astimezone(TAIPEI).date()
    for group in statements_by_vendor(session, tax_year, at, vendor_id):
        path = target / u8_name(group[0].vendor_ubn, tax_year)

        def u8(f: IO[bytes], g: list[Statement] = group) -> None:
            write_u8(g, f, office=office, issue_method=issue_method, made_on=made_on)
        files.append((str(path), write_atomically(path, u8)))
    count, total = acc["count"], acc["total"]
    session.add(m.AuditEvent(officer_id=officer_id_of(officer), action="tax95a.export", entity_type="tax95a",
                             entity_id=str(tax_year), details={
                                 "as_of": at.isoformat(), "vendor_id": vendor_id, "statements": count,
                                 "total": total, "files": [{"name": Path(p).name, "sha256": h} for p, h in files]}))
    uow.commit()
    return ExportResult(tax_year, at, count, total, tuple(files))
