"""``audit verify``: recompute the audit chain, check checkpoints, signed decisions and the books.

Checks, in order (every problem is reported; the first one is "the first broken link"):

1. The chain: ``seq`` runs 1, 2, 3... without gaps; each ``prev_hash`` is the previous event's
   ``hash``; each ``hash`` is the SHA-256 of the event's canonical encoding
   (``backoffice.db.audit``); the head row agrees with the last event.
2. Checkpoints: a signed one verifies and was signed by a registered supervisor; the event at
   its ``seq`` still has its ``hash`` (a rewritten tail or a truncated chain is caught here).
3. Decisions (and, in ``audit_signed``, refund approvals/returns and payment-batch approvals): the signature verifies over the stored payload with the stored certificate; the
   certificate is the one registered for the officer (the chain's ``officer.registered`` event,
   else the officers table) and chains to the trust anchors; the payload says what the row
   says; the decision's own audit event commits to the same payload, certificate and signature.
4. The books, recomputed from the append-only ledger and budget movements: every grant's and
   lot's points, every budget's committed figure; every application's status against its
   latest decision; every grant tied to an approval whose signed payload grants its points.

The chain is read with plain SQL in one pass (stored details are canonical JSON, so a row is
hashed without parsing it): see ``bench/bench_audit_verify.py``.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.audit import GENESIS_HASH, canonical_json_text, event_hash, json_string, record_text
from backoffice.db.session import UnitOfWork
from backoffice.services.admin import checkpoints as cps
from backoffice.services.admin.audit_signed import verify_signed_acts
from backoffice.services.authz import system_job
from backoffice.smartcard.certinfo import CERT_ERRORS

BATCH = 20_000
DECISION_ACTIONS = frozenset({"application.approve", "application.reject", "application.supplement"})
_TARGET = {"approve": "approved", "reject": "rejected", "supplement": "supplement_requested"}


@dataclass(frozen=True)
class Problem:
    check: str  # chain / checkpoint / decision / refund / batch / books
    what: str
    seq: int | None = None
    entity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "seq": self.seq, "entity": self.entity, "what": self.what}


@dataclass
class VerifyReport:
    events: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    checkpoints: int = 0
    decisions: int = 0
    signed_acts: int = 0  # signed refund approvals/returns and payment-batch approvals checked
    grants: int = 0
    trust_anchors: int = 0
    respelled: int = 0  # events whose details are stored in a non-canonical JSON spelling (slow path)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        first = self.problems[0].to_json() if self.problems else None
        return {"ok": self.ok, "events": self.events, "head": {"seq": self.head_seq, "hash": self.head_hash},
                "checkpoints": self.checkpoints, "decisions": self.decisions,
                "signed_acts": self.signed_acts, "grants": self.grants,
                "trust_anchors": self.trust_anchors, "first_broken": first,
                "problems": [p.to_json() for p in self.problems]}


@dataclass
class _ChainFacts:
    """What the chain pass remembers for the later checks."""

    decision_events: dict[int, dict[str, Any]] = field(default_factory=dict)
    registrations: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # officer -> [(at, sha)]


def _chain_sql(dialect: str) -> str:
    if dialect == "postgresql":
        # The timestamp's own text output (session time zone UTC, set by _batches), turned into the
        # canonical form by _scan: to_char() doubled the server's part of the pass.
        at, details = "at::text", "details::text"
    else:  # stored as 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC)
        at, details = "replace(at, ' ', 'T') || 'Z'", "details"
    # Fixed expressions per dialect, no input.
    return f"SELECT seq, {at}, officer_id, action, entity_type, entity_id, {details}, prev_hash, hash FROM audit_events ORDER BY seq"  # noqa: S608


def _batches(conn: sa.Connection, lo: int | None = None, hi: int | None = None) -> Iterator[list[Any]]:
    """The events (``lo <= seq <= hi`` if given) in ``seq`` order, straight from the driver in batches
    (bounded memory: a server-side cursor on PostgreSQL, read one batch ahead by a thread so the
    server and the network work while this thread hashes; a cursor alone makes them take turns)."""
    dialect = conn.dialect.name
    dbapi: Any = conn.connection.dbapi_connection
    where = "" if lo is None or hi is None else f" WHERE seq BETWEEN {int(lo)} AND {int(hi)}"
    if dialect == "postgresql":
        with dbapi.cursor() as setting:
            setting.execute("SET LOCAL TimeZone = 'UTC'")
    cur = dbapi.cursor(name="audit_verify") if dialect == "postgresql" else dbapi.cursor()
    try:
        cur.execute(_chain_sql(dialect).replace(" ORDER BY seq", where + " ORDER BY seq"))
        if dialect == "postgresql":
            yield from _read_ahead(lambda: cur.fetchmany(BATCH))
        else:
            while rows := cur.fetchmany(BATCH):
                yield rows
    finally:
        cur.close()


def _read_ahead(fetch: Callable[[], list[Any]], depth: int = 2) -> Iterator[list[Any]]:
    """Batches from ``fetch`` (until an empty one) fetched by a helper thread at most ``depth``
    ahead (memory stays bounded); an error in the helper is raised here, in order."""
    ahead: queue.Queue[tuple[list[Any] | None, BaseException | None]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def run() -> None:
        try:
            while not stop.is_set():
                rows = fetch()
                ahead.put((rows, None))
                if not rows:
                    return
        except BaseException as exc:  # handed to the reader, which raises it
            ahead.put((None, exc))

    helper = threading.Thread(target=run, name="audit-verify-fetch", daemon=True)
    helper.start()
    try:
        while True:
            rows, error = ahead.get()
            if error is not None:
                raise error
            if not rows:
                return
            yield rows
    finally:
        stop.set()
        while helper.is_alive():  # unblock a helper waiting to put, then let it finish its fetch
            try:
                ahead.get(timeout=0.05)
            except queue.Empty:
                pass
        helper.join()


def _pg_at(text: str) -> str:
    """PostgreSQL's UTC timestamp text ('2026-03-02 01:00:00.123456+00', the fraction left out when
    it is zero) in the canonical form ('2026-03-02T01:00:00.123456Z', as ``audit.at_text``)."""
    day, _, rest = text.partition(" ")
    clock = rest.removesuffix("+00")
    if "." not in clock:
        clock += ".000000"
    else:
        whole, frac = clock.split(".")
        clock = f"{whole}.{frac:0<6}"
    return f"{day}T{clock}Z"


def _scan(batches: Iterator[list[Any]], report: VerifyReport, expected: int, prev: str | None,
          want: dict[int, str], raw: list[tuple[Any, ...]], pg: bool = False) -> tuple[int, str | None, bool]:
    """Check a run of consecutive events. ``prev`` None: the first row's ``prev_hash`` is taken as
    given (the caller checks that link). Returns the next expected seq, the last hash, broken."""
    special = DECISION_ACTIONS | {"officer.registered"}
    broken = False
    sha, enc = hashlib.sha256, json_string
    for rows in batches:
        if prev is None and rows:
            prev = rows[0][7]
        for seq, at, oid, action, etype, eid, details, prev_hash, digest in rows:
            if pg:  # '2026-03-02 01:00:00.123456+00' -> '2026-03-02T01:00:00.123456Z', fast when whole
                at = f"{at[:10]}T{at[11:26]}Z" if len(at) == 29 and at[26:] == "+00" else _pg_at(at)
            # record_text, inline (a test holds the two equal): one string, one SHA-256 per row.
            if not (seq == expected and prev_hash == prev and sha((
                    f'{{"action":{enc(action)},"at":"{at}","details":{details or "null"},'
                    f'"entity_id":{"null" if eid is None else enc(eid)},'
                    f'"entity_type":{"null" if etype is None else enc(etype)},'
                    f'"officer_id":{"null" if oid is None else oid},"prev_hash":"{prev_hash}","seq":{seq}}}'
            ).encode()).hexdigest() == digest) and not broken:
                broken = _diagnose(report, expected, prev or "", (seq, at, oid, action, etype, eid, details,
                                                                  prev_hash, digest))
            if want and seq in want and want[seq] != digest:
                report.problems.append(Problem("checkpoint", f"event {seq} differs from a checkpoint "
                                               "(the chain was rewritten after it)", seq))
            if action in special:
                raw.append((seq, action, eid, at, details))
            prev, expected = digest, seq + 1
    return expected, prev, broken


def _scan_range(url: str, lo: int, hi: int, expected: int, prev: str | None, want: dict[int, str]
                ) -> tuple[VerifyReport, int, str | None, bool, list[tuple[Any, ...]], str | None]:
    """A worker process's part: its own connection, the events lo..hi; also the first row's prev_hash."""
    from sqlalchemy.pool import NullPool

    from backoffice.db.session import make_engine

    first_prev: list[str] = []

    def noting_first(batches: Iterator[list[Any]]) -> Iterator[list[Any]]:
        for rows in batches:
            if rows and not first_prev:
                first_prev.append(rows[0][7])
            yield rows

    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            report, raw = VerifyReport(), []  # type: ignore[var-annotated]
            nxt, last, broken = _scan(noting_first(_batches(conn, lo, hi)), report, expected, prev, want, raw,
                                      pg=conn.dialect.name == "postgresql")
    finally:
        engine.dispose()
    return report, nxt, last, broken, raw, first_prev[0] if first_prev else None


def _parallel(conn: sa.Connection, report: VerifyReport, want: dict[int, str], raw: list[tuple[Any, ...]],
              workers: int, url: str) -> tuple[int, str, bool]:
    """Split the seq range over ``workers`` processes; stitch the runs (first broken link first)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    lo, hi = conn.execute(sa.text("SELECT min(seq), max(seq) FROM audit_events")).one()
    cuts = [min(int(lo), 1) - 1] + [int(hi) * k // workers for k in range(1, workers)] + [int(hi)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_scan_range, url, cuts[k] + 1, cuts[k + 1], 1 if k == 0 else cuts[k] + 1,
                               GENESIS_HASH if k == 0 else None, want) for k in range(workers)]
        parts = [f.result() for f in futures]
    expected, prev, broken = 1, GENESIS_HASH, False
    for k, (part, nxt, last, part_broken, part_raw, first_prev) in enumerate(parts):
        raw += part_raw
        report.respelled += part.respelled
        if broken:
            pass
        elif k > 0 and expected != cuts[k] + 1:  # the run before ended early: its tail is gone
            report.problems.append(Problem("chain", f"events {expected}..{cuts[k]} missing (deleted)", expected))
            broken = True
        elif k > 0 and first_prev is not None and first_prev != prev:
            report.problems.append(Problem("chain", "prev_hash is not the previous event's hash "
                                           "(an event was inserted, deleted or rewritten before it)", cuts[k] + 1))
            broken = True
        else:
            report.problems += part.problems
            broken = part_broken
        if last is not None:
            expected, prev = nxt, last
    return expected, prev, broken


@system_job("audit verify, run by an administrator (backoffice-admin audit verify)")
def verify_chain(conn: sa.Connection, report: VerifyReport, checkpoints: list[cps.Checkpoint],
                 facts: _ChainFacts | None = None, *, workers: int = 1, url: str | None = None,
                 min_parallel: int = 200_000) -> None:
    """One streaming pass over the events (the fast path of ``audit verify``); with ``workers`` > 1
    and ``url``, a chain of at least ``min_parallel`` events is split over that many processes."""
    facts = facts if facts is not None else _ChainFacts()
    want = {cp.seq: cp.hash for cp in checkpoints}
    raw: list[tuple[Any, ...]] = []
    size = 0
    if workers > 1 and url is not None:
        size = int(conn.scalar(sa.text("SELECT count(*) FROM audit_events")) or 0)
    if size >= max(min_parallel, workers) and url is not None:
        expected, last_hash, broken = _parallel(conn, report, want, raw, workers, url)
    else:
        expected, maybe, broken = _scan(_batches(conn), report, 1, GENESIS_HASH, want, raw,
                                        pg=conn.dialect.name == "postgresql")
        last_hash = maybe or GENESIS_HASH
    prev = last_hash
    for seq, action, eid, at, details in raw:
        _remember(facts, seq, action, eid, at, details)
    report.events = expected - 1
    last = expected - 1
    for cp in checkpoints:
        if cp.seq > last:
            report.problems.append(Problem("checkpoint", f"chain ends at {last}, before checkpoint {cp.source} "
                                           f"at {cp.seq} (events deleted)", last + 1))
    head = conn.execute(sa.text("SELECT seq, hash FROM audit_chain_head WHERE id = 1")).first()
    head_seq, head_hash = (int(head[0]), str(head[1])) if head else (0, GENESIS_HASH)
    report.head_seq, report.head_hash = last, prev
    if (head_seq, head_hash) != (last, prev) and not broken:
        report.problems.append(Problem("chain", f"chain head row says {head_seq} but the last event is {last} "
                                       "(events at the end deleted or added outside the program)", last + 1))


def _diagnose(report: VerifyReport, expected: int, prev: str, row: tuple[Any, ...]) -> bool:
    """Why a row failed the fast check; False when it is fine after all (details stored in another
    JSON spelling, e.g. written by an engine without the canonical serializer)."""
    seq, at, oid, action, etype, eid, details, prev_hash, digest = row
    if seq != expected:
        what = (f"events {expected}..{seq - 1} missing (deleted)" if seq > expected
                else f"sequence {seq} out of order or repeated (inserted)")
        report.problems.append(Problem("chain", what, expected if seq > expected else seq))
        return True
    if prev_hash != prev:
        report.problems.append(Problem("chain", "prev_hash is not the previous event's hash "
                                       "(an event was inserted, deleted or rewritten before it)", seq))
        return True
    try:
        text = canonical_json_text(json.loads(details)) if details is not None else "null"
    except ValueError:
        text = details
    if event_hash(record_text(seq, at, oid, action, etype, eid, text, prev_hash)) == digest:
        report.respelled += 1
        return False
    report.problems.append(Problem("chain", "event content does not match its hash (edited)", seq,
                                   f"{etype}:{eid}" if etype else None))
    return True


def _remember(facts: _ChainFacts, seq: int, action: str, eid: str | None, at: str, details: str | None) -> None:
    try:
        data = json.loads(details) if details else {}
    except ValueError:
        return
    if not isinstance(data, dict):
        return
    if action == "officer.registered" and eid and eid.isdigit() and data.get("cert_sha256"):
        facts.registrations.setdefault(int(eid), []).append((at, str(data["cert_sha256"])))
    elif action in DECISION_ACTIONS and isinstance(data.get("decision_id"), int):
        facts.decision_events[data["decision_id"]] = {**data, "seq": seq}


@system_job("audit verify, run by an administrator (backoffice-admin audit verify)")
def verify(uow: UnitOfWork, checkpoint_files: list[Path] | None = None, trust_dir: Path | None = None,
           workers: int = 1) -> VerifyReport:
    """The whole verification (read-only). Raises ``CheckpointError`` for an unreadable checkpoint.
    ``workers`` > 1: a long chain is hashed by that many processes (each with its own connection)."""
    from backoffice.services.admin.officers import is_demo_database

    report = VerifyReport()
    checkpoints = [cps.read(p) for p in checkpoint_files or []]
    report.checkpoints = len(checkpoints)
    for cp in checkpoints:
        problem = cps.signature_problem(uow, cp)
        if problem:
            report.problems.append(Problem("checkpoint", f"{cp.source}: {problem}", cp.seq))
    facts = _ChainFacts()
    conn = uow.session.connection()
    url = conn.engine.url
    parallel_url = None if url.database in (None, "", ":memory:") else url.render_as_string(hide_password=False)
    verify_chain(conn, report, checkpoints, facts, workers=workers, url=parallel_url)
    store = None
    if trust_dir is not None:
        from backoffice.smartcard.validation import TrustStore

        store = TrustStore.from_dir(trust_dir)
        report.trust_anchors = len(store.anchors)
    demo = is_demo_database(uow)
    _verify_decisions(uow.session, report, facts, store if report.trust_anchors else None, demo)
    report.signed_acts = verify_signed_acts(
        uow.session, lambda check, what, seq, entity: report.problems.append(Problem(check, what, seq, entity)),
        lambda officer_id, at: _registered_cert(uow.session, facts, officer_id, at),
        store if report.trust_anchors else None)
    _verify_books(uow.session, report)
    return report


def _registered_cert(session: Any, facts: _ChainFacts, officer_id: int, at: datetime) -> str | None:
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    bound = [sha for when, sha in facts.registrations.get(officer_id, []) if when <= stamp]
    if bound:
        return bound[-1]
    return session.scalar(sa.select(m.Officer.cert_sha256).where(m.Officer.id == officer_id))  # type: ignore[no-any-return]


def _verify_decisions(session: Any, report: VerifyReport, facts: _ChainFacts, store: Any, demo: bool) -> None:
    from cryptography import x509

    from backoffice.smartcard.signing import verify as verify_signature
    from backoffice.smartcard.validation import build_chain

    def bad(d: m.Decision, what: str) -> None:
        ev = facts.decision_events.get(d.id)
        report.problems.append(Problem("decision", what, ev["seq"] if ev else None, f"decision:{d.id}"))

    seen: set[int] = set()
    for d in session.scalars(sa.select(m.Decision).order_by(m.Decision.id)):
        report.decisions += 1
        seen.add(d.id)
        sha = hashlib.sha256
        ev = facts.decision_events.get(d.id)
        if ev is None:
            bad(d, "no audit event records this decision (inserted outside the program)")
        elif ev.get("payload_sha256") != sha(d.payload.encode("utf-8")).hexdigest():
            bad(d, "payload differs from the one its audit event committed to (edited)")
        if d.signature is None or d.cert_der is None:
            if not demo:
                bad(d, "unsigned decision outside a demo database")
            continue
        if ev is not None and (ev.get("cert_sha256") != d.cert_sha256 or (
                ev.get("signature_sha256") is not None and ev["signature_sha256"] != sha(d.signature).hexdigest())):
            bad(d, "certificate or signature differs from the ones its audit event committed to")
        try:
            good = verify_signature(d.payload.encode("utf-8"), d.signature, d.cert_der)
        except ValueError:
            good = False
        if not good:
            bad(d, "signature does not verify over the stored payload")
            continue
        try:
            payload = json.loads(d.payload)
        except ValueError:
            payload = {}
        if sha(d.cert_der).hexdigest() != d.cert_sha256 or payload.get("officer_cert_sha256") != d.cert_sha256:
            bad(d, "stored certificate hash does not match the certificate")
        elif (payload.get("application_id") != d.application_id or payload.get("decision") != d.kind.value
              or payload.get("reason_code") != d.reason_code or payload.get("officer_id") != d.officer_id):
            bad(d, "decision row no longer says what its signed payload says")
        if _registered_cert(session, facts, d.officer_id, d.at) != d.cert_sha256:
            bad(d, "signed with a certificate not registered for the officer at the time")
        if store is not None:
            try:
                cert = x509.load_der_x509_certificate(d.cert_der)
            except CERT_ERRORS:
                cert = None
            if cert is None or build_chain(cert, store) is None:
                bad(d, "signer certificate does not chain to the trust anchors")
    for did, ev in sorted(facts.decision_events.items()):
        if did not in seen:
            report.problems.append(Problem("decision", "decision recorded in the audit chain is missing (deleted)",
                                           ev["seq"], f"decision:{did}"))


def _scalar_rows(session: Any, sql: str) -> list[Any]:
    return list(session.execute(sa.text(sql)).all())


def _verify_books(session: Any, report: VerifyReport) -> None:
    add = report.problems.append
    report.grants = int(session.scalar(sa.select(sa.func.count()).select_from(m.Grant)) or 0)
    for gid, points, booked in _scalar_rows(session, (
            "SELECT g.id, g.points, COALESCE(SUM(le.points), 0) FROM grants g LEFT JOIN ledger_entries le "
            "ON le.grant_id = g.id AND le.kind IN ('grant', 'reactivation') "
            "GROUP BY g.id, g.points HAVING g.points <> COALESCE(SUM(le.points), 0) ORDER BY g.id")):
        add(Problem("books", f"grant says {points} points, the ledger granted {booked}", entity=f"grant:{gid}"))
    for gid, points, reserved in _scalar_rows(session, (
            "SELECT g.id, g.points, COALESCE(SUM(bm.points), 0) FROM grants g LEFT JOIN budget_movements bm "
            "ON bm.grant_id = g.id AND bm.kind = 'reserve' "
            "GROUP BY g.id, g.points HAVING g.points <> COALESCE(SUM(bm.points), 0) ORDER BY g.id")):
        add(Problem("books", f"grant says {points} points, the budget reserved {reserved}", entity=f"grant:{gid}"))
    for lid, points, booked in _scalar_rows(session, (
            "SELECT l.id, l.points, COALESCE(SUM(le.points), 0) FROM point_lots l LEFT JOIN ledger_entries le "
            "ON le.lot_id = l.id AND le.kind IN ('grant', 'reactivation', 'refund_return') "
            "GROUP BY l.id, l.points HAVING l.points <> COALESCE(SUM(le.points), 0) ORDER BY l.id")):
        add(Problem("books", f"lot says {points} points, the ledger credited {booked}", entity=f"lot:{lid}"))
    for bid, committed, moved in _scalar_rows(session, (
            "SELECT b.id, b.committed, COALESCE(SUM(CASE WHEN bm.kind = 'reserve' THEN bm.points "
            "ELSE -bm.points END), 0) FROM budgets b LEFT JOIN budget_movements bm ON bm.budget_id = b.id "
            "GROUP BY b.id, b.committed HAVING b.committed <> COALESCE(SUM(CASE WHEN bm.kind = 'reserve' "
            "THEN bm.points ELSE -bm.points END), 0) ORDER BY b.id")):
        add(Problem("books", f"budget says {committed} committed, its movements add up to {moved}",
                    entity=f"budget:{bid}"))
    _verify_decided_cases(session, report)


def _verify_decided_cases(session: Any, report: VerifyReport) -> None:
    add = report.problems.append
    latest: dict[int, tuple[str, str]] = {}  # application -> (kind, payload) of its latest decision
    approvals: dict[int, list[int | None]] = {}  # application -> signed grant_points of its approvals
    for app_id, kind, payload in session.execute(sa.select(m.Decision.application_id, m.Decision.kind,
                                                           m.Decision.payload).order_by(m.Decision.id)):
        latest[app_id] = (kind.value, payload)
        if kind.value == "approve":
            try:
                points = json.loads(payload).get("grant_points")
            except (ValueError, AttributeError):
                points = None
            approvals.setdefault(app_id, []).append(points)
    migrated = {(a, s.value) for a, s in session.execute(sa.select(
        m.ApplicationStatusChange.application_id, m.ApplicationStatusChange.to_status).where(
        m.ApplicationStatusChange.reason_code == "platform_history"))}
    for app_id, status in session.execute(sa.select(m.Application.id, m.Application.status).where(
            m.Application.status.in_(("approved", "rejected", "supplement_requested")))):
        decided = latest.get(app_id)
        if decided is None:
            if (app_id, status.value) not in migrated:
                add(Problem("books", f"application is {status.value} without a signed decision",
                            entity=f"application:{app_id}"))
        elif _TARGET[decided[0]] != status.value:
            add(Problem("books", f"application is {status.value} but its latest decision is {decided[0]}",
                        entity=f"application:{app_id}"))
    for gid, app_id, points, prior in session.execute(sa.select(
            m.Grant.id, m.Grant.application_id, m.Grant.points, m.Grant.reactivation_of_id).order_by(m.Grant.id)):
        if app_id is None:
            if prior is None:
                add(Problem("books", "grant tied to no application", entity=f"grant:{gid}"))
            continue
        signed = approvals.get(app_id)
        if signed is None:
            if (app_id, "approved") not in migrated:
                add(Problem("books", "grant without the signed approval behind it", entity=f"grant:{gid}"))
        elif prior is None and points not in signed:
            add(Problem("books", f"grant of {points} points, its signed approval grants {signed[-1]}",
                        entity=f"grant:{gid}"))
