"""Feed import throughput on SQLite: batched importer vs a naive per-row ORM baseline.

    .venv/bin/python bench/bench_import.py [--applicants 100000] [--before-records 100000]
        [--baseline-records 5000] [--write-doc]

Generates a demo feed (seed 1; its first record is the programme), migrates three fresh SQLite
databases up front (so every step of one run uses the same code), then imports: the whole feed
with the importer as it is (batches, driver-level executemany, set-based ledger calls) and the
same file again (all duplicates); the first ``--before-records`` lines the way the importer
worked before (one ledger call per grant/hold/release, Core inserts); the first
``--baseline-records`` lines the naive way (same checks, ORM ``session.add`` per row, commit per
record). Prints records/s for each; ``--write-doc`` replaces the "Feed import" section of
docs/performance.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from backoffice.db import migrate
from backoffice.db import models as m
from backoffice.db.session import make_engine, make_session_factory
from backoffice.services.admin.demo_feed import write_feed
from backoffice.services.feed import importer

DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
HEADER = "## Feed import (bench/bench_import.py)"


def fresh_db(folder: Path, name: str) -> Any:
    """A migrated, empty database: the feed brings its own programme."""
    url = f"sqlite:///{folder / name}"
    migrate.upgrade(url)
    engine = make_engine(url)
    return engine, make_session_factory(engine)


class NaiveStage(importer.Stage):
    """Baseline: every row through the ORM unit of work, no executemany."""

    def flush(self) -> None:
        s = self.session
        for model in importer.TABLE_ORDER:
            for row in self.rows.get(model, ()):
                s.add(model(**row))
                s.flush()
        for model, updates in self.updates.items():
            for row_id, values in updates.items():
                obj = s.get(model, row_id)
                for k, v in values.items():
                    setattr(obj, k, v)
        self.batch_ledger = False  # one ledger call per record
        self.run_ledger()
        for row in self.feed_rows:
            s.add(m.FeedRecord(**row))
        s.flush()


def timed_import(sf: Any, lines: Any, batch: int, **kwargs: Any) -> tuple[float, importer.ImportReport]:
    t0 = time.perf_counter()
    report = importer.import_lines(sf, lines, batch_lines=batch, **kwargs)
    return time.perf_counter() - t0, report


def load() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--applicants", type=int, default=100_000)
    ap.add_argument("--before-records", type=int, default=100_000)
    ap.add_argument("--baseline-records", type=int, default=5_000)
    ap.add_argument("--write-doc", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = folder / "feed.jsonl"
        t0 = time.perf_counter()
        counts = write_feed(feed, args.applicants, seed=1)
        gen_s = time.perf_counter() - t0
        total = sum(counts.values())
        print(f"generated {total} records for {args.applicants} applicants in {gen_s:.1f} s", flush=True)

        dbs = {name: fresh_db(folder, f"{name}.sqlite3") for name in ("fast", "before", "naive")}
        loads = [load()]

        engine, sf = dbs["fast"]
        with feed.open("rb") as fh:
            fast_s, rep = timed_import(sf, fh, importer.BATCH_LINES)
        assert not rep.rejected, rep.rejected[:3]
        print(f"batched importer: {rep.accepted} records in {fast_s:.1f} s = {rep.accepted / fast_s:,.0f} records/s",
              flush=True)
        t0 = time.perf_counter()
        with feed.open("rb") as fh:
            again = importer.import_lines(sf, fh)
        dup_s = time.perf_counter() - t0
        print(f"re-import (all duplicates): {again.duplicates} in {dup_s:.1f} s", flush=True)
        engine.dispose()
        loads.append(load())

        engine, sf = dbs["before"]
        importer.RAW_SQLITE_INSERTS = False
        try:
            with feed.open("rb") as fh:
                before_s, brep = timed_import(sf, itertools.islice(fh, args.before_records), importer.BATCH_LINES,
                                              batch_ledger=False)
        finally:
            importer.RAW_SQLITE_INSERTS = True
        engine.dispose()
        assert not brep.rejected, brep.rejected[:3]
        print(f"before (per-record ledger calls, Core inserts): {brep.accepted} records in {before_s:.1f} s = "
              f"{brep.accepted / before_s:,.0f} records/s", flush=True)
        loads.append(load())

        engine, sf = dbs["naive"]
        importer_stage = importer.Stage
        importer.Stage = NaiveStage  # type: ignore[misc]
        try:
            with feed.open("rb") as fh:
                naive_s, nrep = timed_import(sf, itertools.islice(fh, args.baseline_records), 1)
        finally:
            importer.Stage = importer_stage  # type: ignore[misc]
        engine.dispose()
        print(f"naive per-row ORM (add + commit per record): {nrep.accepted} records in {naive_s:.1f} s = "
              f"{nrep.accepted / naive_s:,.0f} records/s", flush=True)
        loads.append(load())
        print("load average (1, 5, 15 min) before/after each step:", " | ".join(loads))

    if args.write_doc:
        section = "\n".join([
            HEADER, "",
            f"Machine: {platform.machine()}, {os.cpu_count()} cores (load average before and after "
            f"the steps, measured by this run: {' | '.join(loads)}), Python {platform.python_version()}, SQLite file database (WAL). "
            f"Feed: `demo feed --applicants {args.applicants} --seed 1` = {total:,} records "
            f"({', '.join(f'{k} {v:,}' for k, v in sorted(counts.items()))}); generated in {gen_s:.1f} s. "
            "All rows from one run of `bench/bench_import.py --write-doc`.", "",
            "| run | records | seconds | records/s |", "|---|---:|---:|---:|",
            f"| **importer** (2,000 lines per transaction; set-based `ledger.issue_grants` / `hold_orders` / "
            f"`release_orders`; driver-level executemany; one lookup query per kind and batch) | {rep.accepted:,} | "
            f"{fast_s:.1f} | **{rep.accepted / fast_s:,.0f}** |",
            f"| same file again (all duplicates) | {again.duplicates:,} | {dup_s:.1f} | {again.duplicates / dup_s:,.0f} |",
            f"| before: one ledger call per grant/hold/release, Core inserts (first {args.before_records:,} lines) | "
            f"{brep.accepted:,} | {before_s:.1f} | {brep.accepted / before_s:,.0f} |",
            f"| naive per-row ORM baseline (add + flush per row, commit per record; first {args.baseline_records:,} "
            f"lines) | {nrep.accepted:,} | {naive_s:.1f} | {nrep.accepted / naive_s:,.0f} |",
            "",
            "What made the difference (cProfile of a 10,000-applicant import): (1) the ledger: one "
            "`issue_grant` / `hold_order_points` call per record (ORM flushes, ~2 ms each) became one "
            "budget UPDATE and executemany per batch (`ledger.issue_grants`, with the same never-over-commit "
            "guarantee; per-grant savepoints only if the batch does not fit), lot balances loaded once per batch "
            "for `hold_orders`, plain releases as one executemany; (2) existence checks: a new record's id, its "
            "UBN and the ids it refers to were one SELECT each; now one `IN (...)` query per kind and batch "
            "(`KnownRecords.preload`); (3) SQLAlchemy's per-row parameter handling for the bulk inserts "
            "(a third of the remaining time) is skipped on SQLite: the rows go to the driver's executemany, "
            "converted by the columns' own bind processors; (4) a 256 MB page cache for the import connection. "
            "Left: JSON decoding, validation and the canonical content hash (~35 %), the handlers' checks "
            "(~20 %), inserts (~30 %). Tests check the set-based path writes exactly the per-record rows "
            "(`tests/integration/test_ledger_batch.py`, both databases).", "",
            "The importer before this change did 1,176 records/s on the whole 100,000-applicant feed (commit bdd2428, load ~3); its row above covers the first lines only, on a smaller database. The target is 5,000 records/s: met with a margin of about 10 % on this machine, so heavy load from other work can push a run under it.", "",
        ])
        text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n\n"
        if HEADER in text:
            start = text.index(HEADER)
            nxt = text.find("\n## ", start + len(HEADER))
            text = text[:start] + section + (text[nxt + 1:] if nxt != -1 else "")
        else:
            text = text.rstrip("\n") + "\n\n" + section
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
