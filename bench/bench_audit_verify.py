"""Benchmark ``audit verify``'s chain pass over 1,000,000 events, beside a naive per-row ORM verifier.

    .venv/bin/python bench/bench_audit_verify.py [--events 1000000] [--naive-events N] [--reseed]

Seeds a migrated SQLite file (in $BENCH_DIR, default /tmp/bo-bench, reused while it holds the asked
number of events) and, if ``BACKOFFICE_TEST_PG_URL`` is set, the database ``bench_audit`` on that
server (COPY), with a valid chain of events shaped like the desks' (claims, decisions with their
signed-event details, exports; a quarter with Chinese text). Then, per database:
- fast: ``audit_verify.verify_chain``, the pass ``backoffice-admin audit verify`` runs (one SQL
  query streamed, each row hashed from its stored text);
- naive: the obvious ORM verifier: ``AuditEvent`` objects streamed, each re-encoded with
  ``json.dumps`` and hashed (``--naive-events`` caps it; 0 = all).
Prints a Markdown table (pasted into docs/performance.md); progress goes to stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import migrate
from backoffice.db import models as m
from backoffice.db.audit import GENESIS_HASH, at_text, canonical_json_text, event_hash, record_text
from backoffice.db.session import make_engine
from backoffice.services.admin import audit_verify

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
OFFICERS = 20
COLUMNS = ("seq", "at", "officer_id", "action", "entity_type", "entity_id", "details", "prev_hash", "hash")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _details(i: int) -> tuple[str, str, str, dict[str, Any] | None]:
    kind = i % 8
    if kind in (0, 1, 2):
        return "application.claim", "application", str(i // 3), {"version": i % 7 + 1}
    if kind == 3:
        digest = hashlib.sha256(str(i).encode()).hexdigest()
        return "application.approve", "application", str(i // 3), {
            "decision_id": i, "reason_code": None, "signed": True, "payload_sha256": digest,
            "cert_sha256": digest[::-1], "signature_sha256": digest[1:] + "0", "grant_id": i,
            "supplement_deadline": None}
    if kind == 4:
        return "application.reject", "application", str(i // 3), {"decision_id": i, "reason_code": "not_sme",
                                                                   "note": "不符中小企業認定標準，請補附資料"}
    if kind == 5:
        return "export.applications", "export", None, {"rows": i % 5000, "filter": {"status": ["approved"]}}
    if kind == 6:
        return "officer.signin", "officer", str(i % OFFICERS + 1), {"method": "card", "validation": "valid"}
    return "calendar.closure", "calendar_day", "2026-07-29", None


def rows(n: int) -> Any:
    """The events as stored: (seq, at, officer_id, action, entity_type, entity_id, details_json, prev, hash)."""
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        at = START + timedelta(seconds=seq * 3, microseconds=seq % 1_000_000)
        action, etype, eid, details = _details(seq)
        officer = seq % OFFICERS + 1 if seq % 10 else None
        text = canonical_json_text(details)
        digest = event_hash(record_text(seq, at_text(at), officer, action, etype, eid, text, prev))
        yield seq, at, officer, action, etype, eid, text, prev, digest
        prev = digest


def seed(engine: sa.Engine, n: int) -> None:
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_chain_head"))
        for table in ("audit_events", "officers"):
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text(f"TRUNCATE {table} CASCADE"))
            else:
                conn.execute(sa.text("DROP TRIGGER IF EXISTS audit_events_no_delete"))
                conn.execute(sa.text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names
        conn.execute(m.Officer.__table__.insert(), [{"id": i, "name": f"官員{i}", "email": f"o{i}@bench.test",
                                                     "active": True} for i in range(1, OFFICERS + 1)])
    last: tuple[int, str] = (0, GENESIS_HASH)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if engine.dialect.name == "postgresql":
            with cur.copy(f"COPY audit_events ({', '.join(COLUMNS)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for r in rows(n):
                    copy.write_row(r)
                    last = (r[0], r[8])
        else:
            batch: list[tuple[Any, ...]] = []
            sql = f"INSERT INTO audit_events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
            for r in rows(n):
                batch.append((r[0], r[1].strftime("%Y-%m-%d %H:%M:%S.%f"), *r[2:]))
                if len(batch) == 50_000:
                    cur.executemany(sql, batch)
                    batch.clear()
                last = (r[0], r[8])
            cur.executemany(sql, batch)
            cur.execute("CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events "
                        "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END")
        cur.execute("INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, %d, '%s')" % last)  # noqa: S608,UP031
        raw.commit()
    finally:
        raw.close()
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE audit_events"))


def naive_verify(engine: sa.Engine, limit: int) -> int:
    """The obvious verifier: ORM objects, ``json.dumps`` of each record, hashed, compared."""
    prev, count = GENESIS_HASH, 0
    with Session(engine) as s:
        query = sa.select(m.AuditEvent).order_by(m.AuditEvent.seq)
        if limit:
            query = query.limit(limit)
        for e in s.scalars(query.execution_options(yield_per=10_000)):
            doc = {"seq": e.seq, "at": at_text(e.at), "officer_id": e.officer_id, "action": e.action,
                   "entity_type": e.entity_type, "entity_id": e.entity_id, "details": e.details, "prev_hash": prev}
            if e.prev_hash != prev or hashlib.sha256(canonical_json_text(doc).encode()).hexdigest() != e.hash:
                raise SystemExit(f"naive verifier: broken at {e.seq}")
            prev, count = e.hash, count + 1
            s.expunge(e)
    return count


def measure(name: str, engine: sa.Engine, naive_limit: int, workers: int) -> list[str]:
    url = engine.url.render_as_string(hide_password=False)
    lines = []
    for w in sorted({1, workers}):
        report = audit_verify.VerifyReport()
        t0, c0 = time.perf_counter(), time.process_time()
        with engine.connect() as conn:
            audit_verify.verify_chain(conn, report, [], workers=w, url=url)
        fast, cpu = time.perf_counter() - t0, time.process_time() - c0
        if not report.ok or report.respelled:
            raise SystemExit(f"{name}: the seeded chain does not verify: {report.problems[:1]}")
        log(f"{name}: fast ({w} process{'es' if w > 1 else ''}) {report.events:,} events in {fast:.2f} s")
        lines.append(f"| {name} | `audit verify` chain pass, {w} process{'es' if w > 1 else ''} | {report.events:,} "
                     f"| {fast:.2f} s | {report.events / fast:,.0f} |" + (f" {cpu:.2f} s |" if w == 1 else " - |"))
    t0, c0 = time.perf_counter(), time.process_time()
    naive_n = naive_verify(engine, naive_limit)
    naive, cpu = time.perf_counter() - t0, time.process_time() - c0
    log(f"{name}: naive {naive_n:,} events in {naive:.2f} s")
    lines.append(f"| {name} | naive per-row ORM verifier | {naive_n:,} | {naive:.2f} s | {naive_n / naive:,.0f} "
                 f"| {cpu:.2f} s |")
    return lines


def count(engine: sa.Engine) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.scalar(sa.text("SELECT max(seq) FROM audit_events")) or 0)
    except sa.exc.DBAPIError:
        return -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--naive-events", type=int, default=0, help="cap for the naive verifier (0: all)")
    parser.add_argument("--workers", type=int, default=2, help="processes of the parallel pass")
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    bench_dir = Path(os.environ.get("BENCH_DIR", "/tmp/bo-bench"))
    bench_dir.mkdir(parents=True, exist_ok=True)
    targets = [("SQLite 3", make_engine(f"sqlite:///{bench_dir / 'audit.sqlite3'}"))]
    pg = os.environ.get("BACKOFFICE_TEST_PG_URL")
    if pg:
        admin = sa.create_engine(pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = 'bench_audit'")):
                conn.execute(sa.text("CREATE DATABASE bench_audit"))
        admin.dispose()
        targets.append(("PostgreSQL 15", make_engine(sa.make_url(pg).set(database="bench_audit")
                                                     .render_as_string(hide_password=False))))
    lines = ["| database | verifier | events | wall time | events/s | CPU of the main process |",
             "|---|---|---:|---:|---:|---:|"]
    for name, engine in targets:
        if args.reseed or count(engine) != args.events:
            log(f"{name}: seeding {args.events:,} events")
            t0 = time.perf_counter()
            seed(engine, args.events)
            log(f"{name}: seeded in {time.perf_counter() - t0:.1f} s")
        lines += measure(name, engine, args.naive_events, args.workers)
        engine.dispose()
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs (load average {load:.1f}), Python {sys.version.split()[0]}, "
          f"SQLite {sqlite3.sqlite_version}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
