"""Races of issue 7, counted: concurrent approvals of one applicant, a sweep during a feed import.

    .venv/bin/python bench/bench_races.py [--rounds 100] [--db sqlite,postgresql] [--pg-url URL]

1. **Approvals**: per round a new applicant with two applications, both claimed; two threads
   approve them at once (unsigned decisions on a demo programme, so the card is out of the
   timing). ``forced`` rounds make both approvals pass every check, including the re-check after
   the row lock, before either writes (a barrier inside the service); ``natural`` rounds only start
   together. Counted: double grants (applicants with two live grants), and the outcomes.
2. **Sweep during import**: per round a fresh database (a copy of a template holding a demo feed
   without its orders), then two threads start together: the import of the feed's orders and
   the sweep as of the day after the last lapse date. Counted: negative lots, points held by live
   orders on grants whose budget was released, budgets that disagree with their movements
   (``services/points/verify.check_money``), and which job went first.

PostgreSQL needs an admin URL (``--pg-url`` or ``BACKOFFICE_TEST_PG_URL``); the script creates
and drops its own databases. Prints one JSON document per database and test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backoffice.db import migrate  # noqa: E402
from backoffice.db import models as m  # noqa: E402
from backoffice.db.enums import GrantStatus, LedgerKind  # noqa: E402
from backoffice.db.session import UnitOfWork, make_engine, make_session_factory  # noqa: E402
from backoffice.services.admin.demo_feed import dumps, generate_feed, valid_ubn  # noqa: E402
from backoffice.services.applications import assignment, decisions  # noqa: E402
from backoffice.services.feed import import_lines  # noqa: E402
from backoffice.services.points.sweep import run_sweep  # noqa: E402
from backoffice.services.points.verify import check_money  # noqa: E402
from tests.support import review_seed as rs  # noqa: E402

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
ORDER_TYPES = ("order", "order_event", "termination", "confirmation", "settlement_claim")


@contextmanager
def database(kind: str, pg_admin: str | None, template: str | None = None) -> Iterator[str]:
    """A new empty database (or a copy of ``template``), dropped afterwards; yields its URL."""
    if kind == "sqlite":
        d = Path(tempfile.mkdtemp(prefix="bench_races_"))
        path = d / "db.sqlite3"
        if template:
            shutil.copyfile(sa.make_url(template).database or "", path)
        try:
            yield f"sqlite:///{path}"
        finally:
            shutil.rmtree(d, ignore_errors=True)
        return
    assert pg_admin, "PostgreSQL needs --pg-url or BACKOFFICE_TEST_PG_URL"
    name = f"bench_races_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    tpl = f' TEMPLATE "{sa.make_url(template).database}"' if template else ""
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{tpl}'))
        yield sa.make_url(pg_admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _threads(*targets: Any) -> list[Any]:
    out: list[Any] = [None] * len(targets)

    def run(i: int, fn: Any) -> None:
        try:
            out[i] = fn()
        except Exception as exc:  # counted by the caller  # noqa: BLE001
            out[i] = exc

    ts = [threading.Thread(target=run, args=(i, fn), name=f"race-{i}") for i, fn in enumerate(targets)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(300)
    return out


def bench_approvals(url: str, rounds: int, forced: bool) -> dict[str, Any]:
    migrate.upgrade(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    seeded = rs.seed(lambda: UnitOfWork(factory), grants_budget=2 * rounds + 2, applications=0, demo=True)
    pairs: list[list[int]] = []
    with UnitOfWork(factory) as u:
        taken: set[str] = set()
        rng = random.Random(7)  # noqa: S311  test data, not secrets
        for i in range(rounds):
            first = rs.add_application(u.session, seeded.programme_id, 2 * i, ubn=valid_ubn(rng, taken))
            app = u.session.get(m.Application, first)
            assert app is not None
            second = rs.add_application(u.session, seeded.programme_id, 2 * i + 1, applicant_id=app.applicant_id)
            pairs.append([first, second])
        u.commit()
    for pair in pairs:
        for app_id in pair:
            with UnitOfWork(factory) as u:
                assignment.claim(u, app_id, seeded.officer_id, now=NOW)
    real = decisions._eligibility
    barrier = threading.Barrier(2)
    calls: dict[str, int] = {}

    def meet_after_recheck(session: Any, application_id: int, day: date) -> Any:
        out = real(session, application_id, day)
        name = threading.current_thread().name
        calls[name] = calls.get(name, 0) + 1
        if forced and calls[name] % 2 == 0:
            barrier.wait(60)
        return out

    decisions._eligibility = meet_after_recheck  # type: ignore[assignment]
    outcomes: Counter[str] = Counter()
    start = barrier if not forced else None
    t0 = time.perf_counter()
    def approve(app_id: int) -> Any:
        if start is not None:
            start.wait(60)
        with UnitOfWork(factory) as u:
            return decisions.approve(u, app_id, seeded.officer_id, signer=None, today=rs.TODAY, now=NOW)

    try:
        for a, b in pairs:
            for r in _threads(lambda: approve(a), lambda: approve(b)):  # noqa: B023  joined in the loop
                outcomes["approved" if isinstance(r, decisions.DecisionResult) else type(r).__name__] += 1
    finally:
        decisions._eligibility = real  # type: ignore[assignment]
    elapsed = time.perf_counter() - t0
    with UnitOfWork(factory) as u:
        check = check_money(u.session, limit=10_000)
        grants = u.session.scalar(sa.select(sa.func.count()).select_from(m.Grant))
    engine.dispose()
    return {"test": "approvals", "mode": "forced" if forced else "natural", "rounds": rounds,
            "double_grants": len(check.double_grants), "grants": grants, "outcomes": dict(outcomes),
            "budgets_off": len(check.budgets_off), "seconds": round(elapsed, 1)}


def _feed() -> tuple[list[str], list[str]]:
    recs = list(generate_feed(40, seed=21))
    return ([dumps(r) for r in recs if r["type"] not in ORDER_TYPES],
            [dumps(r) for r in recs if r["type"] == "order"])


def _sweep_round(url: str, orders: list[str], as_of: date) -> Counter[str]:
    """One round: the import of ``orders`` and the sweep start together; what the books say after."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    go = threading.Barrier(2)
    finished: list[str] = []
    totals: Counter[str] = Counter()

    def do_import() -> Any:
        go.wait(60)
        report = import_lines(factory, orders)
        finished.append("import")
        return report

    def do_sweep() -> Any:
        go.wait(60)
        with factory() as s:
            result = run_sweep(s, as_of)
            s.commit()
        finished.append("sweep")
        return result

    for name, r in zip(("import", "sweep"), _threads(do_import, do_sweep), strict=True):
        if isinstance(r, Exception):
            totals[f"{name}_error:{type(r).__name__}"] += 1
    totals[f"{finished[0]}_finished_first" if finished else "none_finished"] += 1
    with factory() as s:
        check = check_money(s, limit=10_000)
        totals["negative_lots"] += len(check.negative_lots)
        totals["released_held_points"] += sum(p for _, p in check.released_held)
        totals["budgets_off"] += len(check.budgets_off)
        totals["lots_off"] += len(check.lots_off)
        totals["held_points"] += -int(s.scalar(sa.select(sa.func.coalesce(sa.func.sum(m.LedgerEntry.points), 0))
                                               .where(m.LedgerEntry.kind == LedgerKind.ORDER_HOLD)) or 0)
        totals["lapsed_grants"] += int(s.scalar(sa.select(sa.func.count()).select_from(m.Grant).where(
            m.Grant.status == GrantStatus.LAPSED)) or 0)
    engine.dispose()
    return totals


def bench_sweep_import(kind: str, pg_admin: str | None, rounds: int) -> dict[str, Any]:
    prefix, orders = _feed()
    totals: Counter[str] = Counter()
    t0 = time.perf_counter()
    with database(kind, pg_admin) as tpl:
        migrate.upgrade(tpl)
        eng = make_engine(tpl)
        import_lines(make_session_factory(eng), prefix)
        with eng.connect() as conn:
            last_lapse = conn.scalar(sa.select(sa.func.max(m.Grant.lapse_on)))
        eng.dispose()
        as_of = last_lapse + timedelta(days=1)
        for _ in range(rounds):
            with database(kind, pg_admin, template=tpl) as url:
                totals.update(_sweep_round(url, orders, as_of))
    out = {"test": "sweep_during_import", "rounds": rounds, "orders_per_round": len(orders),
           "seconds": round(time.perf_counter() - t0, 1)}
    out.update({k: totals.get(k, 0) for k in ("negative_lots", "released_held_points", "budgets_off", "lots_off")})
    out["other"] = {k: v for k, v in totals.items() if k not in out}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("BACKOFFICE_TEST_PG_URL"))
    parser.add_argument("--only", choices=("approvals", "sweep"), default=None)
    args = parser.parse_args()
    for kind in args.db.split(","):
        if args.only in (None, "approvals"):
            for forced in (True, False):
                with database(kind, args.pg_url) as url:
                    print(json.dumps({"db": kind, **bench_approvals(url, args.rounds, forced)}, ensure_ascii=False),
                          flush=True)
        if args.only in (None, "sweep"):
            print(json.dumps({"db": kind, **bench_sweep_import(kind, args.pg_url, args.rounds)}, ensure_ascii=False),
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
