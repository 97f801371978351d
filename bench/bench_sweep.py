"""Benchmark: the set-based sweep over 1,000,000 grants on SQLite, beside a naive per-row ORM loop.

    .venv/bin/python bench/bench_sweep.py [--grants 1000000] [--baseline-sample 20000] [--write-doc]

Seeds a migrated SQLite file with fast bulk inserts (DB-API ``executemany`` of tuples, foreign
keys off while seeding), then times ``services.sweep.run_sweep`` (one transaction, committed) and a
second, idempotent run. The naive baseline (load each active grant, query its use and lot
balances, add entries one by one) runs on a smaller sample of the same shape in its own database
and is extrapolated linearly to the full size (stated in the output). ``--write-doc`` replaces
this benchmark's section of docs/performance.md.

Data shape per 10 grants (issue dates spread over 150 days from 2026-01-05, sweep as of
2026-12-31 so everything is due): 6 never used (lapse), 3 with a confirmed 10,000-point order
(the other 20,000 expire), 1 with a 5,000-point order still pending (no lapse; 25,000 expire).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backoffice.db import migrate  # noqa: E402
from backoffice.db.enums import GrantStatus, LedgerKind  # noqa: E402
from backoffice.db.models import Budget, BudgetMovement, Grant, LedgerEntry, Order, PointLot  # noqa: E402
from backoffice.db.session import make_engine, make_session_factory  # noqa: E402
from backoffice.policy import points as ppoints  # noqa: E402
from backoffice.services.points.sweep import run_sweep  # noqa: E402

AS_OF = date(2026, 12, 31)
DAILY = date(2026, 4, 20)  # caught up to this day; then the sweep of the next day is timed
START = date(2026, 1, 5)
POINTS = 30_000
SECTION = "## Points sweep (bench/bench_sweep.py)"
# Before migration 0004 and the work tables: the sweep of commit 6123613 on the old schema, timed
# back-to-back with the new one on the same 1M-grant data (2026-11-21, load 1.2-1.8, two rounds):
# first run, second run, in seconds. (This file's earlier 44.7 s was measured at load 4.2.)
BEFORE = ("21.5-22.1", "2.1")


def seed(path: Path, n: int) -> float:
    """Migrate a new SQLite file and bulk-insert ``n`` grants with their lots, entries, orders."""
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    t0 = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("PRAGMA synchronous=OFF")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    with con:
        con.execute("INSERT INTO programmes (id, code, name, is_demo, state, created_at) "
                    "VALUES (1, 'BENCH', 'bench', 0, 'open', ?)", (now,))
        con.execute("INSERT INTO budgets (id, programme_id, total, committed) VALUES (1, 1, ?, ?)",
                    (n * POINTS, n * POINTS))
        con.execute("INSERT INTO vendors (id, external_id, ubn, name) VALUES (1, 'V1', '04595257', 'v')")
        con.execute("INSERT INTO solutions (id, external_id, vendor_id, name, price, term_months, "
                    "in_subsidy_zone) VALUES (1, 'S1', 1, 's', 60000, 12, 1)")
        con.executemany(
            "INSERT INTO applicants (id, name, ubn, applicant_type, has_company_registration, "
            "has_business_registration, has_tax_registration, cooperative_registered, is_subsidiary_unit, "
            "social_innovation_listed, mainland_capital, foreign_branch, domestic_branch, created_at, "
            "updated_at) VALUES (?, ?, ?, 'sme', 1, 0, 1, 0, 0, 0, 0, 0, 0, ?, ?)",
            ((i, f"a{i}", f"{i:08d}", now, now) for i in range(1, n + 1)))
        dates = [START + timedelta(days=k) for k in range(150)]
        lapse = [ppoints.lapse_date(d).isoformat() for d in dates]
        valid = [ppoints.grant_valid_until(d).isoformat() for d in dates]
        iso = [d.isoformat() for d in dates]
        con.executemany(
            "INSERT INTO grants (id, programme_id, applicant_id, issued_on, points, status, lapse_on, "
            "valid_until, budget_released, created_at) VALUES (?, 1, ?, ?, ?, 'active', ?, ?, 0, ?)",
            ((i, i, iso[(i // 10) % 150], POINTS, lapse[(i // 10) % 150], valid[(i // 10) % 150], now) for i in range(1, n + 1)))
        con.executemany(
            "INSERT INTO point_lots (id, grant_id, source, created_on, valid_until, points) "
            "VALUES (?, ?, 'grant', ?, ?, ?)",
            ((i, i, iso[(i // 10) % 150], valid[(i // 10) % 150], POINTS) for i in range(1, n + 1)))
        con.executemany(
            "INSERT INTO budget_movements (budget_id, kind, points, grant_id, at) VALUES (1, 'reserve', ?, ?, ?)",
            ((POINTS, i, now) for i in range(1, n + 1)))
        con.executemany(
            "INSERT INTO ledger_entries (applicant_id, grant_id, lot_id, kind, points, on_date, created_at) "
            "VALUES (?, ?, ?, 'grant', ?, ?, ?)",
            ((i, i, i, POINTS, iso[(i // 10) % 150], now) for i in range(1, n + 1)))
        used = [(i, 10_000 if i % 10 != 9 else 5_000, "in_service" if i % 10 != 9 else "submitted")
                for i in range(1, n + 1) if i % 10 >= 6]
        con.executemany(
            "INSERT INTO orders (id, external_id, applicant_id, vendor_id, solution_id, grant_id, total, points, "
            "self_pay, self_pay_paid, status, submitted_at, term_months, existing_customer_renewal) "
            "VALUES (?, ?, ?, 1, 1, ?, ?, ?, ?, 0, ?, ?, 12, 0)",
            ((i, f"O{i}", i, i, 2 * p, p, p, st, f"{iso[(i // 10) % 150]} 02:00:00.000000") for i, p, st in used))
        con.executemany(
            "INSERT INTO ledger_entries (applicant_id, grant_id, lot_id, kind, points, on_date, order_id, "
            "created_at) VALUES (?, ?, ?, 'order_hold', ?, ?, ?, ?)",
            ((i, i, i, -p, iso[(i // 10) % 150], i, now) for i, p, _ in used))
    con.execute("ANALYZE")
    con.close()
    return time.perf_counter() - t0


def time_sweep(path: Path) -> tuple[float, float, dict[str, object], dict[str, object]]:
    engine = make_engine(f"sqlite:///{path}")
    sf = make_session_factory(engine)
    try:
        t0 = time.perf_counter()
        with sf() as s:
            first = run_sweep(s, AS_OF)
            s.commit()
        t1 = time.perf_counter()
        with sf() as s:
            second = run_sweep(s, AS_OF)
            s.commit()
        t2 = time.perf_counter()
        assert (second.lapsed, second.expired_lots, second.points_recovered) == (0, 0, 0), second
        return t1 - t0, t2 - t1, first.to_json(), second.to_json()
    finally:
        engine.dispose()


def time_daily(path: Path, day: date) -> tuple[float, dict[str, object]]:
    """Catch up to ``day`` (untimed), then time the next day's sweep: the normal daily job."""
    engine = make_engine(f"sqlite:///{path}")
    sf = make_session_factory(engine)
    try:
        with sf() as s:
            run_sweep(s, day)
            s.commit()
        t0 = time.perf_counter()
        with sf() as s:
            r = run_sweep(s, day + timedelta(days=1))
            s.commit()
        return time.perf_counter() - t0, r.to_json()
    finally:
        engine.dispose()


def naive_sweep(path: Path) -> tuple[float, int]:
    """The per-row ORM way: one grant at a time, several queries each. Returns (seconds, recovered)."""
    engine = make_engine(f"sqlite:///{path}")
    sf = make_session_factory(engine)
    recovered = 0
    t0 = time.perf_counter()
    with sf() as s:
        budget = s.get(Budget, 1)
        assert budget is not None
        for g in s.scalars(sa.select(Grant).where(Grant.status == GrantStatus.ACTIVE)).all():
            use = s.scalar(sa.select(sa.func.count()).select_from(LedgerEntry).join(
                Order, Order.id == LedgerEntry.order_id).where(
                LedgerEntry.grant_id == g.id, LedgerEntry.kind == LedgerKind.ORDER_HOLD,
                LedgerEntry.on_date <= g.lapse_on, Order.status.not_in(("rejected", "cancelled"))))
            lapses = g.lapse_on < AS_OF and not use
            for lot in s.scalars(sa.select(PointLot).where(PointLot.grant_id == g.id)).all():
                bal = s.scalar(sa.select(sa.func.coalesce(sa.func.sum(LedgerEntry.points), 0))
                               .where(LedgerEntry.lot_id == lot.id)) or 0
                if bal > 0 and (lapses or lot.valid_until < AS_OF):
                    kind = LedgerKind.LAPSE if lapses else LedgerKind.EXPIRY_RECOVERY
                    s.add(LedgerEntry(applicant_id=g.applicant_id, grant_id=g.id, lot_id=lot.id, kind=kind,
                                      points=-bal, on_date=AS_OF))
                    s.add(BudgetMovement(budget_id=1, kind="release", points=bal, grant_id=g.id))
                    budget.committed -= bal
                    recovered += bal
            if lapses:
                g.status, g.budget_released = GrantStatus.LAPSED, True
            elif g.valid_until < AS_OF:
                g.status = GrantStatus.EXPIRED
        s.commit()
    engine.dispose()
    return time.perf_counter() - t0, recovered


def expected_recovered(n: int) -> int:
    lapse = sum(1 for i in range(1, n + 1) if i % 10 < 6)
    partial = sum(1 for i in range(1, n + 1) if 6 <= i % 10 <= 8)
    pending = sum(1 for i in range(1, n + 1) if i % 10 == 9)
    return lapse * POINTS + partial * 20_000 + pending * 25_000


def write_doc(text: str) -> None:
    doc = ROOT / "docs" / "performance.md"
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    if SECTION in current:
        head, _, rest = current.partition(SECTION)
        nxt = rest.find("\n## ")
        current = head.rstrip("\n") + "\n\n" + text + (rest[nxt:] if nxt >= 0 else "\n")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    doc.write_text(current, encoding="utf-8")


UNMEASURED = "not re-measured by this run"  # every sentence carrying it is from an earlier analysis
NOTE = f"Note from an earlier analysis (2026-11-21, {UNMEASURED}): "
EARLIER = f"**note from an earlier analysis** (2026-11-21, {UNMEASURED})"
BUSY_LOAD = 1.0  # 1-minute load average at the start above which the machine was already busy


@dataclass(frozen=True)
class Measured:
    """Everything this run measured (the text below is written from these values only)."""

    day: date
    cores: int
    python: str
    sqlite: str
    sqlalchemy: str
    grants: int
    baseline_sample: int
    size_mb: float
    seed_s: float
    first_s: float
    second_s: float
    counts: dict[str, Any]
    second: dict[str, Any]  # the second, idempotent run's counts (all 0 when nothing was left)
    daily_s: float
    daily: dict[str, Any]
    naive_s: float
    naive_rec: int
    load_start: float
    load_end: float


def load_sentence(m: Measured) -> str:
    """What the load averages of this run say, and nothing they do not."""
    busy = m.load_start >= BUSY_LOAD
    return (f"- Load average (1 min) at the start / end of the run: {m.load_start:.1f} / {m.load_end:.1f} on "
            f"{m.cores} cores; " + ("the machine was already busy when the run started, so the times may be "
                                   "higher than on an idle machine." if busy else
                                   "the machine was otherwise idle when the run started."))


def render(m: Measured) -> str:
    """The docs/performance.md section: measured figures, and earlier analysis marked as such."""
    naive_full = m.naive_s * m.grants / m.baseline_sample
    holds = m.counts["order_holds"] if "order_holds" in m.counts else int(m.grants * 0.4)
    return "\n".join([
        SECTION,
        "",
        f"Measured {m.day.isoformat()} on the development container ({m.cores} cores, "
        f"Python {m.python}, SQLite {m.sqlite}, SQLAlchemy {m.sqlalchemy}). "
        "Re-run: `.venv/bin/python bench/bench_sweep.py --write-doc`.",
        "",
        f"Data: {m.grants:,} grants (60% unused -> lapse, 30% partly used, 10% with a pending order), "
        f"one lot each, {m.grants:,} grant entries + {holds:,} order holds; "
        f"SQLite file {m.size_mb:,.0f} MB, seeded in {m.seed_s:.1f} s with `executemany` bulk inserts. "
        f"Sweep as of {AS_OF} (everything due).",
        "",
        "| run | time | lapsed | expired lots | points recovered | budget released |",
        "|---|---|---|---|---|---|",
        f"| set-based sweep, first run (one transaction, committed) | {m.first_s:.1f} s | {m.counts['lapsed']:,} | "
        f"{m.counts['expired_lots']:,} | {m.counts['points_recovered']:,} | {m.counts['budget_released']:,} |",
        f"| set-based sweep, second run (idempotent) | {m.second_s:.1f} s | {m.second['lapsed']:,} | "
        f"{m.second['expired_lots']:,} | {m.second['points_recovered']:,} | {m.second['budget_released']:,} |",
        f"| *before* (6123613 on the old schema), first / second run: {EARLIER} "
        f"| {BEFORE[0]} s / {BEFORE[1]} s | | | | |",
        f"| daily run: sweep of {DAILY + timedelta(days=1)} after catching up to {DAILY} | {m.daily_s:.1f} s | "
        f"{m.daily['lapsed']:,} | {m.daily['expired_lots']:,} | {m.daily['points_recovered']:,} | "
        f"{m.daily['budget_released']:,} |",
        f"| naive per-row ORM loop, measured on {m.baseline_sample:,} grants | {m.naive_s:.1f} s | | | "
        f"{m.naive_rec:,} | |",
        f"| naive per-row ORM loop, **extrapolated** linearly to {m.grants:,} | ~{naive_full:,.0f} s | | | | |",
        "",
        f"- Goal: under 10 s on 2 cores. Catch-up with all {m.grants:,} grants due at once: "
        f"{'met' if m.first_s < 10 else 'NOT met'} ({m.first_s:.1f} s); the daily run over the same "
        f"{m.grants:,} grants: {'met' if m.daily_s < 10 else 'NOT met'} ({m.daily_s:.1f} s). "
        f"~{naive_full / m.first_s:,.0f}x faster than the per-row loop (extrapolated).",
        load_sentence(m),
        f"- The baseline is extrapolated from {m.baseline_sample:,} grants, not measured at full size.",
        "- " + NOTE + "the catch-up is write-bound (a ledger row, a budget movement and a grant status "
        "change per due grant); profiling (perf) showed no single hot spot, SQLite's b-tree work is spread "
        "over those rows.",
        "- " + NOTE + "what changed (migration 0004 + services/sweep.py): the ledger lost its indexes on kind "
        "and on_date, its sparse references (order, refund case, officer) and budget_movements.officer_id "
        "got partial indexes (a sweep entry writes none), the lot index carries points (balances from "
        "the index), the grants' sweep indexes are partial on active grants (a status change only "
        "removes entries), point_lots has (grant_id, valid_until). The sweep computes its work list "
        "once into two temporary tables and every write reads them; each statement uses an index or one "
        "scan (EXPLAIN QUERY PLAN checked then). The append-only triggers are BEFORE UPDATE/DELETE: "
        "inserts do not fire them.",
        "",
    ])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grants", type=int, default=1_000_000)
    ap.add_argument("--baseline-sample", type=int, default=20_000)
    ap.add_argument("--write-doc", action="store_true")
    args = ap.parse_args()
    load0 = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench_sweep_") as tmp:
        big, small = Path(tmp) / "big.sqlite3", Path(tmp) / "small.sqlite3"
        seed_s = seed(big, args.grants)
        size_mb = big.stat().st_size / 1e6
        daily_db = Path(tmp) / "daily.sqlite3"
        shutil.copyfile(big, daily_db)
        first_s, second_s, counts, second = time_sweep(big)
        daily_s, daily = time_daily(daily_db, DAILY)
        daily_db.unlink()
        assert counts["points_recovered"] == expected_recovered(args.grants), counts
        seed(small, args.baseline_sample)
        naive_s, naive_rec = naive_sweep(small)
        assert naive_rec == expected_recovered(args.baseline_sample)
    text = render(Measured(
        day=date.today(), cores=os.cpu_count() or 0, python=platform.python_version(),
        sqlite=sqlite3.sqlite_version, sqlalchemy=sa.__version__, grants=args.grants,
        baseline_sample=args.baseline_sample, size_mb=size_mb, seed_s=seed_s, first_s=first_s,
        second_s=second_s, counts=counts, second=second, daily_s=daily_s, daily=daily, naive_s=naive_s, naive_rec=naive_rec,
        load_start=load0, load_end=os.getloadavg()[0]))
    print(text)
    if args.write_doc:
        write_doc(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
