"""Measure: concurrent ``outbox send`` processes never deliver one e-mail twice (issue 7).

Two sender processes (forked once, each with its own engine, as two desks' timers would be) start
every round together at a barrier and send the same freshly queued e-mails to a small SMTP server
on 127.0.0.1; the server counts what it receives. Per database: rounds, e-mails, duplicates
(deliveries beyond one per e-mail), e-mails left unsent, and the share each sender won.

    .venv/bin/python bench/bench_outbox_senders.py [--rounds 100] [--emails 20]
        [--pg postgresql+psycopg://postgres@127.0.0.1:54330/postgres] [--baseline OLD_OUTBOX.py]
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from backoffice.db import migrate  # noqa: E402
from backoffice.db import models as m  # noqa: E402
from backoffice.db.session import UnitOfWork, make_engine, make_session_factory  # noqa: E402
from backoffice.services.admin import outbox  # noqa: E402
from tests.integration.test_outbox_attachments import _SmtpServer  # noqa: E402


def _baseline(path: str) -> Any:
    """Another outbox module (e.g. the one before claims, from ``git show``) to compare with."""
    spec = importlib.util.spec_from_file_location("outbox_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def sender(url: str, port: int, name: str, barrier: Any, results: Any, rounds: int, baseline: str | None) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    module = _baseline(baseline) if baseline else outbox
    config = module.SmtpConfig(host="127.0.0.1", port=port, sender="noreply@bench.tw")
    extra = {} if baseline else {"sender_id": name}
    for _ in range(rounds):
        barrier.wait()  # the e-mails of this round are queued
        report = module.send_pending(lambda: UnitOfWork(factory), config, **extra)
        results.put((name, report.sent, report.failed, len(getattr(report, "claim_lost", ()))))
        barrier.wait()  # the round is over
    engine.dispose()


def run(url: str, rounds: int, emails: int, baseline: str | None = None) -> dict[str, Any]:
    server = _SmtpServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()  # no open SQLite file crosses the fork
    factory = make_session_factory(engine)
    ctx = mp.get_context("fork")
    barrier, results = ctx.Barrier(3), ctx.Queue()
    procs = [ctx.Process(target=sender, args=(url, server.server_address[1], n, barrier, results, rounds, baseline))
             for n in ("a", "b")]
    for p in procs:
        p.start()
    wins: Counter[str] = Counter()
    duplicates = unsent = failed = lost = 0
    start = time.perf_counter()
    for r in range(rounds):
        server.received.clear()
        with UnitOfWork(factory) as uow:
            uow.session.add_all(m.OutboxEmail(to_address=f"r{r}-{i}@bench.tw", subject="通知", body=f"{r}/{i}")
                                for i in range(emails))
            uow.commit()
        barrier.wait()
        barrier.wait()
        for _ in procs:
            name, sent, fails, claim_lost = results.get()
            wins[name] += sent
            failed += fails
            lost += claim_lost
        got = Counter(rcpts[0] for _, rcpts, _ in server.received)
        duplicates += sum(n - 1 for n in got.values())
        unsent += emails - len(got)
    elapsed = time.perf_counter() - start
    for p in procs:
        p.join()
    with UnitOfWork(factory) as uow:
        attempts = Counter(uow.session.scalars(sa.select(m.OutboxEmail.attempts)))
    engine.dispose()
    server.shutdown()
    server.server_close()
    return {"rounds": rounds, "emails": rounds * emails, "duplicates": duplicates, "unsent": unsent,
            "failed": failed, "claim_lost": lost, "wins": dict(wins), "attempts": dict(attempts),
            "seconds": round(elapsed, 1)}


@contextmanager
def pg_database(admin_url: str) -> Iterator[str]:
    name = f"bench_outbox_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--emails", type=int, default=20)
    parser.add_argument("--pg", help="PostgreSQL admin URL (a scratch database is created and dropped)")
    parser.add_argument("--baseline", help="send with this outbox.py instead (e.g. the version before claims: "
                                           "git show 186b38b:backoffice/services/admin/outbox.py > /tmp/old.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = {"sqlite": run(f"sqlite:///{tmp}/outbox.db", args.rounds, args.emails, args.baseline)}
    if args.pg:
        with pg_database(args.pg) as url:
            figures["postgresql"] = run(url, args.rounds, args.emails, args.baseline)
    print("| database | rounds | e-mails | duplicates | unsent | failed | sent by a / b | attempts per e-mail | s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for db, f in figures.items():
        print(f"| {db} | {f['rounds']} | {f['emails']} | {f['duplicates']} | {f['unsent']} | {f['failed']} "
              f"| {f['wins'].get('a', 0)} / {f['wins'].get('b', 0)} | {f['attempts']} | {f['seconds']} |")
    return 1 if any(f["duplicates"] or f["unsent"] for f in figures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
