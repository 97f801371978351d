"""The sweep and a feed import that books a late order of a grant due to lapse, interleaved.

Each test stops one job at a chosen point with events (no sleeps) while it holds its programme
write lock (``services/points/locks.py``), starts the other, and lets the first go once the second
has reached its lock. Whatever the order, no lot may end negative and no points an order holds
may be released to the budget (issue 7: 172 lots at -30,000 and 5,160,000 held points released).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from backoffice.db import models as m
from backoffice.db.enums import GrantStatus, LedgerKind
from backoffice.services.admin.demo_feed import dumps, generate_feed
from backoffice.services.feed import import_lines
from backoffice.services.feed.importer import FeedImporter
from backoffice.services.points import ledger
from backoffice.services.points.sweep import run_sweep
from backoffice.services.points.verify import check_money

WAIT = 60  # seconds an event may take before the test fails (a hang, never a timing assumption)


def _late_order_setup(session_factory: sessionmaker[Session]) -> tuple[dict[str, Any], int, date]:
    """Import a demo feed up to its first order with points; that order (submitted before its
    grant's lapse date) is left for the racing import. Returns (order record, grant id, as_of)."""
    recs = list(generate_feed(30, seed=4))
    at = next(i for i, r in enumerate(recs) if r["type"] == "order" and r["points"] > 0)
    report = import_lines(session_factory, [dumps(r) for r in recs[:at]])
    assert not report.rejected
    order = recs[at]
    with session_factory() as s:
        grant = s.scalars(sa.select(m.Grant).join(m.Application, m.Application.id == m.Grant.application_id)
                          .where(m.Application.external_id == order["application"])).one()
        assert date.fromisoformat(order["submitted_at"][:10]) <= grant.lapse_on  # the order is a use
        return order, grant.id, grant.lapse_on + timedelta(days=1)


class Hooks:
    """Statement hooks on the engine: ``on(thread, text, event, then_wait, after=False)`` sets
    ``event`` when ``thread`` is about to run (``after``: has run) a statement containing ``text``,
    then waits for ``then_wait``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.rules: list[tuple[str, str, threading.Event, threading.Event | None, bool]] = []
        sa.event.listen(engine, "before_cursor_execute", self._before)
        sa.event.listen(engine, "after_cursor_execute", self._after)
        self.engine = engine

    def on(self, thread: str, text: str, event: threading.Event, then_wait: threading.Event | None = None,
           *, after: bool = False) -> None:
        self.rules.append((thread, text, event, then_wait, after))

    def _before(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self._hook(statement, False)

    def _after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self._hook(statement, True)

    def _hook(self, statement: str, after: bool) -> None:
        name = threading.current_thread().name
        for thread, text, event, then_wait, when in self.rules:
            if name == thread and when == after and text in statement and not event.is_set():
                event.set()
                if then_wait is not None:
                    assert then_wait.wait(WAIT)

    def close(self) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self._before)
        sa.event.remove(self.engine, "after_cursor_execute", self._after)


def _run(name: str, target: Callable[[], Any], out: dict[str, Any]) -> threading.Thread:
    def body() -> None:
        try:
            out[name] = target()
        except BaseException as exc:  # asserted by the test
            out[name] = exc
    t = threading.Thread(target=body, name=name)
    t.start()
    return t


def _sweep(session_factory: sessionmaker[Session], as_of: date) -> Any:
    with session_factory() as s:
        result = run_sweep(s, as_of)
        s.commit()
        return result


SQLITE_LOCK_SQL = "WHERE id = -1"  # locks.py's no-op write on SQLite


def wait_blocked_or(engine: sa.Engine, reached: threading.Event) -> None:
    """Wait until the other job is blocked on a programme lock, or (had it not waited) has reached
    the point where it reads or writes the rows the first job is changing (``reached``).

    PostgreSQL shows the waiter in ``pg_locks``. On SQLite the wait happens inside the driver, out
    of sight: there ``reached`` is also set when the job issues its lock statement."""
    pg = engine.dialect.name == "postgresql"
    for _ in range(WAIT * 20):
        if reached.wait(0.05):
            return
        if pg:
            with engine.connect() as conn:
                if conn.scalar(sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")):
                    return
    raise AssertionError("the other job neither waited nor went on")


def test_a_sweep_arriving_while_the_import_holds_a_late_order_waits_and_keeps_the_grant(
        engine: sa.Engine, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    order, grant_id, as_of = _late_order_setup(session_factory)
    held, go = threading.Event(), threading.Event()
    real_hold = ledger.hold_orders

    def hold_then_wait(session: Session, requests: Any) -> None:
        real_hold(session, requests)
        if threading.current_thread().name == "import":
            held.set()  # the hold is written, not committed
            assert go.wait(WAIT)

    monkeypatch.setattr(ledger, "hold_orders", hold_then_wait)
    hooks = Hooks(engine)
    sweep_reading = threading.Event()
    hooks.on("sweep", "INSERT INTO sweep_tmp_lapse", sweep_reading, after=True)  # read the grants to lapse
    hooks.on("sweep", SQLITE_LOCK_SQL, sweep_reading)
    importer = FeedImporter(session_factory)
    out: dict[str, Any] = {}
    try:
        t_import = _run("import", lambda: importer.run([dumps(order)]), out)
        assert held.wait(WAIT)
        t_sweep = _run("sweep", lambda: _sweep(session_factory, as_of), out)
        wait_blocked_or(engine, sweep_reading)
        go.set()
        t_import.join(WAIT)
        t_sweep.join(WAIT)
    finally:
        go.set()
        hooks.close()
    assert not isinstance(out["import"], BaseException) and not out["import"].rejected, out["import"]
    assert not isinstance(out["sweep"], BaseException), out["sweep"]
    with session_factory() as s:
        assert s.get(m.Grant, grant_id).status is GrantStatus.ACTIVE  # the late order is a use
        assert s.scalar(sa.select(sa.func.count()).select_from(m.LedgerEntry).where(
            m.LedgerEntry.grant_id == grant_id, m.LedgerEntry.kind == LedgerKind.LAPSE)) == 0
        check = check_money(s)
    assert check.ok, check


def test_an_import_arriving_while_the_sweep_lapses_the_grant_waits_and_refuses_the_order(
        engine: sa.Engine, session_factory: sessionmaker[Session]) -> None:
    order, grant_id, as_of = _late_order_setup(session_factory)
    swept, go, import_writing = threading.Event(), threading.Event(), threading.Event()
    hooks = Hooks(engine)
    hooks.on("sweep", "INSERT INTO ledger_entries", swept, go)  # work list read, nothing written yet
    hooks.on("import", "INSERT INTO ledger_entries", import_writing, after=True)  # held the order's points
    if engine.dialect.name == "sqlite":  # its first write waits for SQLite's write lock
        hooks.on("import", "UPDATE feed_imports", import_writing)
    importer = FeedImporter(session_factory)
    out: dict[str, Any] = {}
    try:
        t_sweep = _run("sweep", lambda: _sweep(session_factory, as_of), out)
        assert swept.wait(WAIT)
        t_import = _run("import", lambda: importer.run([dumps(order)]), out)
        wait_blocked_or(engine, import_writing)
        go.set()
        t_sweep.join(WAIT)
        t_import.join(WAIT)
    finally:
        go.set()
        hooks.close()
    assert not isinstance(out["sweep"], BaseException), out["sweep"]
    assert out["sweep"].lapsed >= 1
    report = out["import"]
    assert not isinstance(report, BaseException), report
    assert [r.line for r in report.rejected] == [1]  # no points left to hold: the order is refused
    with session_factory() as s:
        assert s.get(m.Grant, grant_id).status is GrantStatus.LAPSED
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Order).where(
            m.Order.external_id == order["id"])) == 0
        check = check_money(s)
    assert check.ok, check
