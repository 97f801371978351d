"""Benchmark the application queue on 1,000,000 applications: first rows, filter changes, baseline.

    .venv/bin/python bench/bench_queue.py [--rows 1000000] [--reseed] [--baseline]

Seeds a migrated SQLite file (kept in $BENCH_DIR, default /tmp/bo-bench, reused while it has the
asked row count) with fast bulk inserts, and the PostgreSQL server named by
``BACKOFFICE_TEST_PG_URL`` if set (database ``bench_queue``, COPY). Then, per database:
- first rows: ``fetch_page`` of the default query (what the queue shows on opening);
- filter change: ``fetch_page`` for each filter of ``FILTERS`` (what a click in the filter bar costs);
- count: ``count_applications`` (capped at 10,000) for the same filters, run as a separate job;
- baseline (``--baseline``): ``load_everything`` of the default query, i.e. the naive screen that
  loads every row before showing any.
Times are the median of ``--repeat`` runs after one warm-up run (the warm-up is reported as "cold").
Prints Markdown tables (pasted into docs/performance.md); progress lines go to stderr.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from backoffice.db import migrate
from backoffice.db.enums import ApplicantType, ApplicationStatus
from backoffice.db.session import UnitOfWork, make_engine, make_session_factory
from backoffice.policy.industry import DIVISIONS
from backoffice.services.applications.queue import (
    Assignment,
    QueueQuery,
    SortKey,
    count_applications,
    fetch_page,
    load_everything,
)
from tests.support.authz import reader_id  # noqa: E402

TODAY = date(2026, 6, 30)
OFFICERS = 20
WORDS = ["雲端", "數位", "智慧", "永續", "創新", "台灣", "東方", "大同", "新生", "光明", "福德", "信義",
         "和平", "中正", "民生", "長春", "仁愛", "建國", "復興", "松山", "文山", "天母", "北投", "內湖",
         "南港", "萬華", "大安", "士林", "中山", "景美"]
SUFFIXES = ["股份有限公司", "有限公司", "商行", "工作室", "合作社", "企業社"]
STATUS_WEIGHTS = [(ApplicationStatus.SUBMITTED, 40), (ApplicationStatus.UNDER_REVIEW, 20),
                  (ApplicationStatus.SUPPLEMENT_REQUESTED, 5), (ApplicationStatus.APPROVED, 25),
                  (ApplicationStatus.REJECTED, 8), (ApplicationStatus.WITHDRAWN, 2)]
TYPE_WEIGHTS = [(ApplicantType.SME, 80), (ApplicantType.TAX_REGISTERED, 10), (ApplicantType.COOPERATIVE, 3),
                (ApplicantType.SOCIAL_INNOVATION_NONPROFIT, 4), (ApplicantType.SOCIAL_INNOVATION_FORPROFIT, 3)]

FILTERS: list[tuple[str, QueueQuery]] = [
    ("status = 已送件", QueueQuery(statuses=(ApplicationStatus.SUBMITTED,))),
    ("status = 待補件 (5%)", QueueQuery(statuses=(ApplicationStatus.SUPPLEMENT_REQUESTED,))),
    ("type = 合作社 (3%)", QueueQuery(applicant_types=(ApplicantType.COOPERATIVE,))),
    ("industry 中類 62", QueueQuery(industry_division="62")),
    ("industry 大類 J", QueueQuery(industry_section="J")),
    ("submitted in one week", QueueQuery(submitted_from=TODAY - timedelta(days=100),
                                         submitted_to=TODAY - timedelta(days=94))),
    ("unassigned", QueueQuery(assignment=Assignment.UNASSIGNED)),
    ("officer #3's cases", QueueQuery(assignment=Assignment.OFFICER, assigned_officer_id=3)),
    ("overdue", QueueQuery(overdue=True)),
    ("open + overdue + unassigned", QueueQuery(
        statuses=(ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW), overdue=True,
        assignment=Assignment.UNASSIGNED)),
    ("search UBN prefix 0012", QueueQuery(search="0012")),
    ("search name 雲端智慧", QueueQuery(search="雲端智慧")),
    ("search name, no match", QueueQuery(search="不存在的公司")),
    ("sort by name", QueueQuery(sort=SortKey.APPLICANT_NAME)),
    ("sort by UBN desc", QueueQuery(sort=SortKey.UBN, descending=True)),
    ("type 合作社, sorted by name", QueueQuery(applicant_types=(ApplicantType.COOPERATIVE,),
                                            sort=SortKey.APPLICANT_NAME)),
]


def weighted(rng: random.Random, table: list[tuple[Any, int]], n: int) -> list[Any]:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights=weights, k=n)


def generate(n: int, seed: int = 20260630) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Plain tuples for applicants and applications (same for both databases)."""
    rng = random.Random(seed)
    divisions = list(DIVISIONS.values())
    statuses = weighted(rng, STATUS_WEIGHTS, n)
    types = weighted(rng, TYPE_WEIGHTS, n)
    start = datetime.combine(TODAY - timedelta(days=365), datetime.min.time(), UTC)
    applicants, applications = [], []
    for i in range(1, n + 1):
        div = rng.choice(divisions)
        name = f"{rng.choice(WORDS)}{rng.choice(WORDS)}{i}{rng.choice(SUFFIXES)}"
        applicants.append((i, name, f"{i:08d}", types[i - 1].value, div.section, div.code))
        status = statuses[i - 1]
        submitted = start + timedelta(seconds=rng.randrange(365 * 86400))
        open_case = status in (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW,
                               ApplicationStatus.SUPPLEMENT_REQUESTED)
        officer = rng.randrange(1, OFFICERS + 1) if open_case and status != ApplicationStatus.SUBMITTED else None
        claimed = submitted + timedelta(days=1) if officer else None
        deadline = (submitted.date() + timedelta(days=rng.randrange(20, 60))
                    if status is ApplicationStatus.SUPPLEMENT_REQUESTED else None)
        applications.append((i, f"APP-{i:07d}", i, submitted, status.value, officer, claimed, deadline))
    return applicants, applications


def seed_sqlite(path: Path, n: int) -> None:
    import sqlite3

    if path.exists():
        path.unlink()
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    migrate.upgrade(f"sqlite:///{path}")
    applicants, applications = generate(n)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    fmt = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's SQLite DateTime storage format
    with con:
        con.executemany("INSERT INTO officers (id, name, email, active, created_at) VALUES (?,?,?,1,?)",
                        [(k, f"承辦人{k:02d}", f"o{k}@bench.invalid", now) for k in range(1, OFFICERS + 1)])
        con.executemany(
            "INSERT INTO applicants (id, name, ubn, applicant_type, industry_section, industry_division,"
            " has_company_registration, has_business_registration, has_tax_registration,"
            " cooperative_registered, is_subsidiary_unit, social_innovation_listed, mainland_capital,"
            " foreign_branch, domestic_branch, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,0,0,0,0,0,0,0,0,0,?,?)",
            (a + (now, now) for a in applicants))
        con.executemany(
            "INSERT INTO applications (id, external_id, applicant_id, submitted_at, status,"
            " assigned_officer_id, claimed_at, supplement_deadline, personal_data_consent, declarations,"
            " self_assessment_done, no_tax_arrears_declared, version) VALUES (?,?,?,?,?,?,?,?,1,'{}',1,1,1)",
            ((i, e, ap, s.strftime(fmt), st, o, c.strftime(fmt) if c else None, d.isoformat() if d else None)
             for i, e, ap, s, st, o, c, d in applications))
    con.execute("ANALYZE")
    con.close()


def seed_postgres(url: str, n: int) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    applicants, applications = generate(n)
    now = datetime.now(UTC).isoformat()
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        with cur.copy("COPY officers (id, name, email, active, created_at) FROM STDIN") as cp:
            for k in range(1, OFFICERS + 1):
                cp.write_row((k, f"承辦人{k:02d}", f"o{k}@bench.invalid", True, now))
        with cur.copy(
            "COPY applicants (id, name, ubn, applicant_type, industry_section, industry_division,"
            " has_company_registration, has_business_registration, has_tax_registration,"
            " cooperative_registered, is_subsidiary_unit, social_innovation_listed, mainland_capital,"
            " foreign_branch, domestic_branch, created_at, updated_at) FROM STDIN"
        ) as cp:
            for a in applicants:
                cp.write_row(a + (False,) * 9 + (now, now))
        with cur.copy(
            "COPY applications (id, external_id, applicant_id, submitted_at, status, assigned_officer_id,"
            " claimed_at, supplement_deadline, personal_data_consent, declarations, self_assessment_done,"
            " no_tax_arrears_declared, version) FROM STDIN"
        ) as cp:
            for row in applications:
                cp.write_row(row + (True, "{}", True, True, 1))
        for table in ("officers", "applicants", "applications"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    engine.dispose()


def row_count(engine: sa.Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM applications")).scalar() or 0)
    except sa.exc.DBAPIError:
        return -1


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(cold ms, median ms of ``repeat`` warm runs, last result)."""
    t0 = time.perf_counter()
    result = fn()
    cold = (time.perf_counter() - t0) * 1000
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return cold, statistics.median(runs), result


def bench(label: str, url: str, repeat: int, baseline: bool) -> list[str]:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    lines = [f"### {label}: {row_count(engine):,} applications", "",
             "| query | first page (100 rows) cold / median | rows | capped count median | count |",
             "|---|---|---|---|---|"]

    def page(q: QueueQuery) -> Callable[[], Any]:
        def run() -> Any:
            with UnitOfWork(factory) as uow:
                return fetch_page(uow, q, today=TODAY, viewer_id=3)
        return run

    def count(q: QueueQuery) -> Callable[[], Any]:
        def run() -> Any:
            with UnitOfWork(factory) as uow:
                return count_applications(uow, q, today=TODAY, viewer_id=3)
        return run

    for name, q in [("**first rows** (default: oldest first)", QueueQuery()), *FILTERS]:
        cold, med, result = timed(page(q), repeat)
        _, cmed, c = timed(count(q), repeat)
        shown = f"{c.count:,}+" if c.capped else f"{c.count:,}"
        lines.append(f"| {name} | {cold:.0f} / {med:.1f} ms | {len(result.rows)} | {cmed:.1f} ms | {shown} |")
        print(lines[-1], file=sys.stderr)
    # Scrolling deep: the 50th keyset page costs what the first does.
    with UnitOfWork(factory) as uow:
        cursor = None
        for _ in range(49):
            cursor = fetch_page(uow, QueueQuery(), today=TODAY, viewer_id=reader_id(uow), after=cursor).next_cursor
    _, med, _ = timed(lambda: _page_after(factory, cursor), repeat)
    lines.append(f"| 50th page by keyset (rows 4,901-5,000) | - / {med:.1f} ms | 100 | | |")
    if baseline:
        def everything() -> Any:
            with UnitOfWork(factory) as uow:
                return load_everything(uow, QueueQuery(), today=TODAY, viewer_id=reader_id(uow))
        t0 = time.perf_counter()
        rows = everything()
        ms = (time.perf_counter() - t0) * 1000
        lines.append(f"| **baseline: load everything** (default query) | {ms:,.0f} ms | {len(rows):,} | | |")
        del rows
    engine.dispose()
    return lines


def _page_after(factory: Any, cursor: Any) -> Any:
    with UnitOfWork(factory) as uow:
        return fetch_page(uow, QueueQuery(), today=TODAY, viewer_id=reader_id(uow), after=cursor)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--reseed", action="store_true")
    ap.add_argument("--baseline", action="store_true", help="also time loading every row (slow)")
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args(argv)
    bench_dir = Path(os.environ.get("BENCH_DIR", "/tmp/bo-bench"))
    bench_dir.mkdir(parents=True, exist_ok=True)
    out: list[str] = []

    sqlite_path = bench_dir / f"queue-{args.rows}.sqlite3"
    sqlite_url = f"sqlite:///{sqlite_path}"
    if args.reseed or not sqlite_path.exists() or row_count(make_engine(sqlite_url)) != args.rows:
        t0 = time.perf_counter()
        seed_sqlite(sqlite_path, args.rows)
        print(f"seeded SQLite in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    migrate.upgrade(sqlite_url)  # new index revisions apply to a kept file too
    import sqlite3

    out += bench(f"SQLite {sqlite3.sqlite_version}", sqlite_url, args.repeat, args.baseline)

    pg_admin = os.environ.get("BACKOFFICE_TEST_PG_URL")
    if pg_admin and not args.no_pg:
        admin = sa.create_engine(pg_admin, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = 'bench_queue'")).first()
            if not exists:
                conn.execute(sa.text("CREATE DATABASE bench_queue"))
        admin.dispose()
        pg_url = sa.engine.make_url(pg_admin).set(database="bench_queue").render_as_string(hide_password=False)
        if args.reseed or row_count(make_engine(pg_url)) != args.rows:
            t0 = time.perf_counter()
            seed_postgres(pg_url, args.rows)
            print(f"seeded PostgreSQL in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        migrate.upgrade(pg_url)
        out += [""] + bench("PostgreSQL", pg_url, args.repeat, args.baseline)

    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
