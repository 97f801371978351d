"""Finance desk benchmarks: 95A xlsx and PDF writers, and the set-based settlement check.

    .venv/bin/python bench/bench_finance.py xlsx --count 100000
    .venv/bin/python bench/bench_finance.py pdf --count 100000 --workers 2
    .venv/bin/python bench/bench_finance.py export --count 100000 --workers 2
    .venv/bin/python bench/bench_finance.py check --claims 1000000 --baseline 10000

``export`` runs the real ``tax95a.export`` (issue, xlsx, PDF, U8) on a SQLite file seeded by a
separate process first (so this process's peak RSS is the export's). Each run prints one JSON line (time, rate, peak RSS of this process and of its children); run
each size in its own process so the peak RSS belongs to that size. The xlsx comparison needs
xlsxwriter (``pip install xlsxwriter``; a benchmark-only dependency). Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backoffice.services.finance.tax95a import XLSX_HEADERS, Statement  # noqa: E402

AS_OF = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
PER_VENDOR = 500


def rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def statements(count: int) -> Iterator[Statement]:
    """Synthetic statements, PER_VENDOR recipients per vendor (names and addresses in CJK)."""
    for i in range(count):
        v = i // PER_VENDOR
        yield Statement(2025, v, f"{10_000_000 + v:08d}", f"雲端服務供應商{v}股份有限公司", f"臺北市內湖區瑞光路{v % 600 + 1}號",
                        i, f"{20_000_000 + i:08d}", f"好給力數位{i}有限公司", f"新北市板橋區文化路一段{i % 400 + 1}號",
                        30_000 - (i % 7) * 1_000, 0, 1 + i % 3, date(2025, 3, 5), date(2025, 12, 20),
                        f"114{i % PER_VENDOR + 1:05d}", "")


def bench_xlsx(count: int) -> dict[str, object]:
    from backoffice.services.finance.tax95a import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        write_xlsx(statements(count), Path(tmp) / "ours.xlsx", tax_year=2025, as_of=AS_OF, filters={})
        ours = time.perf_counter() - t
        size = (Path(tmp) / "ours.xlsx").stat().st_size
        ref = None
        try:
            import xlsxwriter  # type: ignore[import-untyped]
        except ImportError:
            xlsxwriter = None
        if xlsxwriter is not None:
            t = time.perf_counter()
            wb = xlsxwriter.Workbook(str(Path(tmp) / "ref.xlsx"), {"constant_memory": True})
            ws = wb.add_worksheet("Statements")
            ws.write_row(0, 0, [zh for zh, _ in XLSX_HEADERS])
            ws.write_row(1, 0, [en for _, en in XLSX_HEADERS])
            for r, s in enumerate(statements(count), start=2):
                ws.write_row(r, 0, [s.vendor_ubn, s.vendor_name, s.serial, "95A", s.applicant_ubn, s.applicant_name,
                                    s.applicant_address, s.period, s.gross, s.withheld, s.net, s.payments, s.corrects])
            wb.close()
            ref = time.perf_counter() - t
    own, _ = rss_mb()
    return {"bench": "xlsx", "count": count, "ours_s": round(ours, 2), "xlsxwriter_s": round(ref, 2) if ref else None,
            "ratio": round(ours / ref, 2) if ref else None, "bytes": size, "peak_rss_mb": own}


def bench_pdf(count: int, workers: int) -> dict[str, object]:
    """The PDF writer fed like the export feeds it: vendor groups from a generator, never one list."""
    from backoffice.services.finance.tax95a_pdf import write_vendor_pdfs

    def groups() -> Iterator[list[Statement]]:
        group: list[Statement] = []
        for s in statements(count):
            if group and group[-1].vendor_id != s.vendor_id:
                yield group
                group = []
            group.append(s)
        if group:
            yield group

    pages = count + -(-count // PER_VENDOR)  # a cover per vendor
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        files = write_vendor_pdfs(groups(), Path(tmp), tax_year=2025, as_of=AS_OF, workers=workers)
        took = time.perf_counter() - t
        size = sum(os.path.getsize(p) for p, _ in files)
    own, children = rss_mb()
    return {"bench": "pdf", "count": count, "workers": workers, "pages": pages, "seconds": round(took, 2),
            "pages_per_s": round(pages / took), "bytes": size, "peak_rss_mb": own, "peak_rss_children_mb": children}


def seed_paid(url: str, count: int) -> None:
    """``count`` claims (200 vendors) each paid in one reconciled batch line dated 2025-12-20."""
    import sqlalchemy as sa

    from backoffice.db import models as m
    from backoffice.db.enums import BatchLineStatus, BatchStatus

    seed_claims(url, count, step=5_000)
    engine = sa.create_engine(url)
    c, ln = m.SettlementClaim, m.SettlementBatchLine
    with engine.begin() as conn:
        conn.execute(sa.delete(c).where(c.external_id.like("%-2")))
        conn.execute(sa.insert(m.SettlementBatch), [{"id": v, "vendor_id": v, "paid_on": date(2025, 12, 20), "total": 0,
                                                     "status": BatchStatus.CLOSED} for v in range(1, 201)])
        conn.execute(sa.insert(ln).from_select(
            ["batch_id", "claim_id", "reference", "amount", "status", "paid_amount", "paid_on", "reconciled_at"],
            sa.select(c.vendor_id, c.id, sa.literal("L") + sa.cast(c.id, sa.String), c.points_claimed,
                      sa.literal(BatchLineStatus.PAID.value), c.points_claimed, sa.literal(date(2025, 12, 20)),
                      sa.literal(datetime(2025, 12, 22, 2, tzinfo=UTC)))))
    engine.dispose()
    print(json.dumps({"seed_peak_rss_mb": rss_mb()[0]}))


def bench_export(count: int, workers: int) -> dict[str, object]:
    """The whole 95A export from the database: the statements streamed per vendor into every writer."""
    import subprocess

    from backoffice.db.session import UnitOfWork, make_engine, make_session_factory
    from backoffice.services.finance import tax95a

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/export.sqlite3"
        t = time.perf_counter()
        seeded = subprocess.run([sys.executable, __file__, "seed-export", "--count", str(count), "--url", url],  # noqa: S603
                                check=True, capture_output=True, text=True)
        seed_s = time.perf_counter() - t
        engine = make_engine(url)
        t = time.perf_counter()
        with UnitOfWork(make_session_factory(engine)) as uow:
            result = tax95a.export(uow, 2025, Path(tmp) / "out", as_of=AS_OF, office="A03", workers=workers)
        took = time.perf_counter() - t
        engine.dispose()
    own, children = rss_mb()
    return {"bench": "export", "count": count, "workers": workers, "statements": result.statements,
            "files": len(result.files), "seed_s": round(seed_s, 1), "seconds": round(took, 2),
            "peak_rss_mb": own, "peak_rss_children_mb": children, **json.loads(seeded.stdout.splitlines()[-1])}


def seed_claims(url: str, claims: int, step: int = 50_000) -> None:
    """Vendors, applicants, completed orders with contracts, a claim each; every 10th order terminated
    with a refund case (open or approved), every 50th claimed twice, every 20th uninvoiced."""
    import sqlalchemy as sa

    from backoffice.db import migrate
    from backoffice.db import models as m

    migrate.upgrade(url)
    engine = sa.create_engine(url)
    at = datetime(2025, 1, 6, 2, tzinfo=UTC)
    with engine.begin() as conn:
        vendors = 200
        conn.execute(sa.insert(m.Vendor), [{"id": v + 1, "external_id": f"V{v:05d}", "ubn": f"{10_000_000 + v:08d}",
                                            "name": f"廠商{v}"} for v in range(vendors)])
        conn.execute(sa.insert(m.Solution), [{"id": v + 1, "external_id": f"S{v:05d}", "vendor_id": v + 1, "name": "雲",
                                              "price": 60_000, "term_months": 12} for v in range(vendors)])
        for base in range(0, claims, step):
            n = min(step, claims - base)
            ids = range(base + 1, base + n + 1)
            conn.execute(sa.insert(m.Applicant), [{"id": i, "name": f"申請{i}", "ubn": f"{20_000_000 + i:08d}",
                                                   "applicant_type": "sme"} for i in ids])
            conn.execute(sa.insert(m.Order), [{
                "id": i, "external_id": f"O{i}", "applicant_id": i, "vendor_id": i % vendors + 1,
                "solution_id": i % vendors + 1, "total": 60_000, "points": 30_000, "self_pay": 30_000,
                "self_pay_paid": 30_000, "status": "completed", "submitted_at": at,
                "invoiced_at": None if i % 20 == 0 else at, "term_months": 12} for i in ids])
            conn.execute(sa.insert(m.Contract), [{"id": i, "order_id": i, "start_on": date(2025, 1, 1), "term_months": 12,
                                                  "ends_on": date(2025, 12, 31)} for i in ids])
            term = [i for i in ids if i % 10 == 0]
            conn.execute(sa.insert(m.Termination), [{"id": i, "external_id": f"T{i}", "order_id": i,
                                                     "filed_on": date(2025, 7, 1), "effective_on": date(2025, 6, 30),
                                                     "initiated_by": "applicant", "status": "refund_pending"}
                                                    for i in term])
            conn.execute(sa.insert(m.RefundCase), [{
                "id": i, "termination_id": i, "term_months": 12, "months_used": 6, "points_total": 30_000,
                "points_used": 15_000, "points_refund": 15_000, "self_pay_paid": 30_000, "self_pay_used": 30_000,
                "self_pay_refund": 0, "status": "approved" if i % 20 == 0 else "awaiting_confirmation",
                "window_ends_on": date(2025, 7, 15)} for i in term])
            rows = [{"external_id": f"SC{i}", "order_id": i, "vendor_id": i % vendors + 1, "points_claimed": 30_000,
                     "submitted_on": date(2026, 1, 10), "status": "submitted"} for i in ids]
            rows += [{"external_id": f"SC{i}-2", "order_id": i, "vendor_id": i % vendors + 1, "points_claimed": 30_000,
                      "submitted_on": date(2026, 1, 11), "status": "submitted"} for i in ids if i % 50 == 0]
            conn.execute(sa.insert(m.SettlementClaim), rows)
    engine.dispose()


def bench_check(claims: int, baseline: int, url: str | None) -> dict[str, object]:
    from backoffice.db.session import UnitOfWork, make_engine, make_session_factory
    from backoffice.services.finance import settlement

    out: dict[str, object] = {"bench": "check", "claims": claims}
    with tempfile.TemporaryDirectory() as tmp:
        big = url or f"sqlite:///{tmp}/check.sqlite3"
        t = time.perf_counter()
        seed_claims(big, claims)
        out["seed_s"] = round(time.perf_counter() - t, 1)
        engine = make_engine(big)
        factory = make_session_factory(engine)
        for run in ("first", "second"):
            t = time.perf_counter()
            with UnitOfWork(factory) as uow:
                result = settlement.check_claims(uow, as_of=date(2026, 3, 2))
            out[f"{run}_s"] = round(time.perf_counter() - t, 2)
            out[f"{run}_changed"] = result.changed
        out["payable"], out["held"] = result.payable, len(result.held)
        engine.dispose()
        small = f"sqlite:///{tmp}/baseline.sqlite3"
        seed_claims(small, baseline)
        engine = make_engine(small)
        factory = make_session_factory(engine)
        t = time.perf_counter()
        with UnitOfWork(factory) as uow:
            settlement.check_claims_per_row(uow, as_of=date(2026, 3, 2))
        per_row = time.perf_counter() - t
        engine.dispose()
    out["per_row_claims"] = baseline
    out["per_row_s"] = round(per_row, 2)
    out["per_row_extrapolated_s"] = round(per_row * claims / baseline)
    out["peak_rss_mb"] = rss_mb()[0]
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=("xlsx", "pdf", "export", "check", "seed-export"))
    p.add_argument("--count", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--claims", type=int, default=100_000)
    p.add_argument("--baseline", type=int, default=5_000)
    p.add_argument("--url", help="database for the check or seed-export (default: a temporary SQLite file)")
    a = p.parse_args()
    if a.what == "xlsx":
        doc = bench_xlsx(a.count)
    elif a.what == "pdf":
        doc = bench_pdf(a.count, a.workers)
    elif a.what == "export":
        doc = bench_export(a.count, a.workers)
    elif a.what == "seed-export":
        seed_paid(a.url, a.count)
        return
    else:
        doc = bench_check(a.claims, a.baseline, a.url)
    doc["cores"] = os.cpu_count()
    doc["load"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(doc, ensure_ascii=False))


if __name__ == "__main__":
    main()
