"""Import a platform feed (JSON Lines, docs/feed-format.md) into the back office.

Every record is validated (``records.parse_line``), checked for duplicates (``feed_records``
content hash) and against the records it refers to (``state.KnownRecords``) before anything is
written, so a rejected line leaves nothing behind. Accepted records are staged and written per
batch of lines in one transaction: plain rows with Core ``executemany`` inserts (ids reserved
up front), then the ledger calls (grant, hold, release) in file order. Should the database
refuse a batch anyway (a concurrent approval took the last budget...), the batch is rolled
back and replayed one record per transaction, so only the offending line is rejected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from backoffice.db import models as m
from backoffice.services.authz import pure, query_helper, system_job
from backoffice.services.feed import handlers
from backoffice.services.feed.records import MAX_LINE_BYTES, FeedError, Parsed, parse_line
from backoffice.services.feed.state import KnownRecords
from backoffice.services.points import ledger
from backoffice.services.points.locks import programmes_write_lock

BATCH_LINES = 2000
# What makes a batch fall back to one record per transaction (the culprit is then rejected).
REFUSED = (SQLAlchemyError, ledger.LedgerError, ledger.InsufficientPoints)
RAW_SQLITE_INSERTS = True  # False: Core inserts on SQLite too (the reference in the tests)

# Insert order: a table comes after every table it refers to.
TABLE_ORDER: tuple[type[m.Base], ...] = (
    m.Programme, m.Budget, m.ProgrammeParameter, m.Vendor, m.Solution, m.Applicant, m.Application, m.ApplicationStatusChange, m.IdentityProof,
    m.Authorisation, m.AuthorisationQuery, m.Order, m.Contract, m.OrderEvent, m.Termination,
    m.RefundCase, m.RefundConfirmation, m.SettlementClaim,
)


@dataclass(frozen=True)
class RejectedLine:
    line: int
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "reason": self.reason}


@dataclass
class ImportReport:
    accepted: int = 0
    duplicates: int = 0
    rejected: list[RejectedLine] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "duplicates": self.duplicates,
                "rejected": [r.to_json() for r in self.rejected]}


@dataclass(frozen=True)
class LineTooLong:
    """Stands for a line longer than the cap: it was skipped, never held in memory whole."""

    length: int


@pure
def capped_lines(fh: Any, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | LineTooLong]:
    """The lines of a binary file, each read with a size cap (a file without newlines, or one
    line of gigabytes, costs ``limit`` bytes of memory, not its size)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while line and not line.endswith(b"\n"):  # skip the rest of the line in chunks
            line = fh.readline(1 << 20)
            length += len(line)
        yield LineTooLong(length)


class IdPool:
    """Primary keys reserved before the rows are inserted (so staged rows can refer to each other)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.pg = session.get_bind().dialect.name == "postgresql"
        self.next: dict[str, int] = {}
        self.pool: dict[str, list[int]] = defaultdict(list)

    def take(self, model: type[m.Base]) -> int:
        table = model.__tablename__
        if self.pg:
            pool = self.pool[table]
            if not pool:
                pool.extend(self.session.scalars(sa.text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, 256)"),
                    {"t": table}).all()[::-1])
            return int(pool.pop())
        # SQLite: the batch already holds the write lock, so max(id) cannot move under us.
        if table not in self.next:
            self.next[table] = int(self.session.scalar(sa.text(f"SELECT COALESCE(MAX(id), 0) FROM {table}"))) + 1  # noqa: S608  table names come from the models
        v = self.next[table]
        self.next[table] = v + 1
        return v


class Stage:
    """Rows and ledger calls of one batch, written by ``flush``.

    Ledger work is written set-based (``ledger.issue_grants``, ``ledger.hold_orders``) unless
    ``batch_ledger`` is False (one ledger call per record, in file order: the reference the batch
    path is tested against). Grants go first (they depend on nothing else in the batch); holds
    and releases run in waves so that, per applicant, each keeps its place after the other.
    """

    def __init__(self, session: Session, programme_id: int | None, *, batch_ledger: bool) -> None:
        self.session = session
        self.ids = IdPool(session)
        self.programme_id = programme_id
        self.batch_ledger = batch_ledger
        self.rows: dict[type[m.Base], list[dict[str, Any]]] = defaultdict(list)
        self.by_id: dict[tuple[type[m.Base], int], dict[str, Any]] = {}
        self.updates: dict[type[m.Base], dict[int, dict[str, Any]]] = defaultdict(dict)
        self.ops: list[tuple[str, Any]] = []
        self.feed_rows: list[dict[str, Any]] = []

    def insert(self, model: type[m.Base], **values: Any) -> int:
        values.setdefault("id", self.ids.take(model))
        self.rows[model].append(values)
        self.by_id[(model, values["id"])] = values
        return int(values["id"])

    def update(self, model: type[m.Base], row_id: int, **values: Any) -> None:
        staged = self.by_id.get((model, row_id))
        if staged is not None:
            staged.update(values)
        else:
            self.updates[model].setdefault(row_id, {}).update(values)

    def grant(self, applicant_id: int, application_id: int, issued_on: date) -> None:
        self.ops.append(("grant", ledger.GrantRequest(applicant_id, application_id, issued_on)))

    def hold(self, order_id: int, applicant_id: int, points: int, on: date) -> None:
        self.ops.append(("hold", ledger.HoldRequest(order_id, applicant_id, points, on)))

    def release(self, order_id: int, applicant_id: int, on: date) -> None:
        self.ops.append(("release", (order_id, applicant_id, on)))

    def _release(self, order_id: int, on: date) -> None:
        row = self.session.get(m.Order, order_id)
        assert row is not None
        ledger.release_order_points(self.session, row, on)

    def run_ledger(self) -> None:
        s = self.session
        if not self.batch_ledger:
            for kind, req in self.ops:
                if kind == "grant":
                    ledger.issue_grant(s, applicant_id=req.applicant_id, application_id=req.application_id,
                                       issued_on=req.issued_on)
                elif kind == "hold":
                    ledger.hold_order_points(s, _order(s, req.order_id), req.on)
                else:
                    self._release(req[0], req[2])
            return
        grants = [req for kind, req in self.ops if kind == "grant"]
        if None in ledger.issue_grants(s, grants):
            # The handlers checked the budget: someone else took it meanwhile. Replay per record.
            raise ledger.LedgerError("programme budget exhausted: no grant can be issued")
        releases_seen: dict[int, int] = defaultdict(int)
        waves: dict[int, list[Any]] = defaultdict(list)
        for kind, req in self.ops:
            if kind == "hold":
                waves[2 * releases_seen[req.applicant_id]].append(req)
            elif kind == "release":
                waves[2 * releases_seen[req[1]] + 1].append(req)
                releases_seen[req[1]] += 1
        for w in sorted(waves):
            if w % 2 == 0:
                ledger.hold_orders(s, waves[w])
            else:
                ledger.release_orders(s, [ledger.ReleaseRequest(order_id, on) for order_id, _, on in waves[w]])

    def flush(self) -> None:
        s = self.session
        for model in TABLE_ORDER:
            rows = self.rows.get(model)
            if rows:
                insert_many(s, _table(model), rows)
        for model, updates in self.updates.items():
            table = _table(model)
            for row_id, values in updates.items():
                s.execute(sa.update(table).where(table.c.id == row_id).values(**values))
        self.run_ledger()
        if self.feed_rows:
            s.execute(sa.insert(_table(m.FeedRecord)), self.feed_rows)
        s.flush()


@query_helper("bulk insert for the feed import")
def insert_many(s: Session, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """One executemany INSERT of ``rows`` (same keys in every row; a missing key is NULL).

    On SQLite the statement goes straight to the driver with the values converted by the
    columns' own bind processors and Python defaults (what SQLAlchemy would send, without its
    per-row parameter bookkeeping, a third of the import's time); elsewhere a Core insert."""
    keys = sorted({k for r in rows for k in r})
    dialect = s.get_bind().dialect
    if dialect.name != "sqlite" or not RAW_SQLITE_INSERTS:
        s.execute(sa.insert(table), [{k: r.get(k) for k in keys} for r in rows])
        return
    defaults = [c for c in table.columns if c.name not in keys and c.default is not None
                and getattr(c.default, "arg", None) is not None and not c.default.is_sequence]
    cols = [table.c[k] for k in keys] + defaults
    procs = [c.type.bind_processor(dialect) for c in cols]
    q = dialect.identifier_preparer
    # Names come from the models, values are bound parameters.
    names, marks = ", ".join(q.format_column(c) for c in cols), ", ".join("?" for _ in cols)
    sql = f"INSERT INTO {q.format_table(table)} ({names}) VALUES ({marks})"  # noqa: S608
    fixed = [c.default for c in defaults]
    params = []
    for r in rows:
        values = [r.get(k) for k in keys]
        values += [d.arg(None) if d.is_callable else d.arg for d in fixed]  # type: ignore[union-attr]
        params.append(tuple(v if p is None else p(v) for p, v in zip(procs, values, strict=True)))
    s.connection().exec_driver_sql(sql, params)


def _database_fault(exc: BaseException) -> bool:
    """A full disk, a lost connection or a broken file: no line is to blame for it."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError):
        return False
    reason = str(exc.orig or exc).lower()
    return any(w in reason for w in ("full", "disk i/o", "not a database", "malformed", "readonly",
                                     "terminating connection", "server closed", "connection"))


def _order(s: Session, order_id: int) -> m.Order:
    row = s.get(m.Order, order_id)
    assert row is not None
    return row


def _table(model: type[m.Base]) -> sa.Table:
    return cast(sa.Table, model.__table__)


def _known_hashes(session: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    by_type: dict[str, list[str]] = defaultdict(list)
    for t, ext in keys:
        by_type[t].append(ext)
    out: dict[tuple[str, str], str] = {}
    for t, exts in by_type.items():
        for i in range(0, len(exts), 500):
            for ext, sha in session.execute(
                    sa.select(m.FeedRecord.external_id, m.FeedRecord.content_sha256)
                    .where(m.FeedRecord.type == t, m.FeedRecord.external_id.in_(exts[i:i + 500]))):
                out[(t, ext)] = sha
    return out


class FeedImporter:
    """Imports lines in batches; keeps what it learnt about earlier records between batches."""

    def __init__(self, session_factory: sessionmaker[Session], *, filename: str | None = None,
                 file_sha256: str = "", batch_lines: int = BATCH_LINES, officer_id: int | None = None,
                 batch_ledger: bool = True) -> None:
        self.session_factory = session_factory
        self.known = KnownRecords()
        self.report = ImportReport()
        self.batch_lines = max(1, batch_lines)
        self.batch_ledger = batch_ledger
        with self.session_factory() as s, s.begin():
            imp = m.FeedImport(file_sha256=file_sha256, filename=filename, officer_id=officer_id)
            s.add(imp)
            s.flush()
            self.import_id = imp.id

    def run(self, lines: Iterable[str | bytes | LineTooLong]) -> ImportReport:
        batch: list[tuple[int, str]] = []
        for number, raw in enumerate(lines, start=1):
            if isinstance(raw, LineTooLong):
                self.report.rejected.append(RejectedLine(
                    number, f"line of {raw.length:,} bytes is longer than {MAX_LINE_BYTES:,} bytes"))
                continue
            if isinstance(raw, bytes):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.report.rejected.append(RejectedLine(number, "not valid UTF-8"))
                    continue
            else:
                line = raw
            if not line.strip():
                continue
            batch.append((number, line))
            if len(batch) >= self.batch_lines:
                self._batch(batch)
                batch = []
        if batch:
            self._batch(batch)
        with self.session_factory() as s, s.begin():
            s.execute(sa.update(m.FeedImport).where(m.FeedImport.id == self.import_id).values(
                accepted=self.report.accepted, duplicates=self.report.duplicates,
                rejected=len(self.report.rejected)))
        self.report.rejected.sort(key=lambda r: r.line)
        return self.report

    def _batch(self, batch: list[tuple[int, str]]) -> None:
        parsed: list[tuple[int, Parsed]] = []
        for number, line in batch:
            try:
                parsed.append((number, parse_line(line)))
            except FeedError as exc:
                self.report.rejected.append(RejectedLine(number, exc.reason))
        try:
            outcome = self._apply(parsed)
        except REFUSED as exc:
            if _database_fault(exc):
                raise  # not the records' fault: stop here (earlier batches stay, this one is rolled back)
            self.known.reset()  # the caches may hold rows that were rolled back
            for item in parsed:  # replay one record per transaction: find the culprit
                try:
                    outcome = self._apply([item])
                except REFUSED as exc:
                    if _database_fault(exc):
                        raise
                    self.known.reset()
                    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
                    self.report.rejected.append(RejectedLine(item[0], f"database refused the record: {reason}"))
                    continue
                self._count(outcome)
            return
        self._count(outcome)

    def _count(self, outcome: tuple[list[str], int, list[RejectedLine]]) -> None:
        accepted, duplicates, rejected = outcome
        self.report.accepted += len(accepted)
        self.report.duplicates += duplicates
        self.report.rejected.extend(rejected)

    def _apply(self, parsed: list[tuple[int, Parsed]]) -> tuple[list[str], int, list[RejectedLine]]:
        accepted: list[str] = []
        rejected: list[RejectedLine] = []
        duplicates = 0
        with self.session_factory() as s, s.begin():
            if s.get_bind().dialect.name == "sqlite":
                # A batch touches many index pages (feed_records, ledger, orders): a larger page
                # cache for this connection keeps them in memory (default 2 MB; here 256 MB).
                s.execute(sa.text("PRAGMA cache_size=-262144"))
            # Take the write lock first (SQLite) so reserved ids cannot collide.
            s.execute(sa.update(m.FeedImport).where(m.FeedImport.id == self.import_id)
                      .values(accepted=m.FeedImport.accepted))
            # PostgreSQL: the programmes' ledger lock (locks.py) before reading budgets, grants or
            # lots, so a sweep never runs between this batch's reads and its holds and releases.
            programmes_write_lock(s)
            prog = self.known.programme(s)
            stage = Stage(s, prog.id if prog else None, batch_ledger=self.batch_ledger)
            if self.known.budget_left is None:
                self.known.budget_left = handlers.budget_left(s, stage.programme_id)
            seen = _known_hashes(s, ((p.type, p.id) for _, p in parsed))
            self.known.preload(s, [(p.type, p.data) for _, p in parsed if (p.type, p.id) not in seen])
            for number, rec in parsed:
                key = (rec.type, rec.id)
                old = seen.get(key)
                if old is not None:
                    if old == rec.sha256:
                        duplicates += 1
                    else:
                        rejected.append(RejectedLine(number, f"{rec.type} {rec.id}: content differs from the "
                                                             "record already imported (records are immutable)"))
                    continue
                try:
                    handlers.HANDLERS[rec.type](s, stage, self.known, rec)
                except FeedError as exc:
                    rejected.append(RejectedLine(number, f"{rec.type} {rec.id}: {exc.reason}"))
                    continue
                seen[key] = rec.sha256
                stage.feed_rows.append({"type": rec.type, "external_id": rec.id, "content_sha256": rec.sha256,
                                        "import_id": self.import_id, "first_seen_at": datetime.now(UTC)})
                accepted.append(rec.type)
            stage.flush()
        return accepted, duplicates, rejected


@system_job("backoffice-admin feed import (timer)")
def import_lines(session_factory: sessionmaker[Session], lines: Iterable[str | bytes | LineTooLong],
                 **kwargs: Any) -> ImportReport:
    """Import feed lines (``capped_lines(open file)``); returns the report (accepted, duplicates, rejected).

    A binary file object is read through ``capped_lines``."""
    if hasattr(lines, "readline"):
        lines = capped_lines(lines)
    return FeedImporter(session_factory, **kwargs).run(lines)
