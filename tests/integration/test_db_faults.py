"""Database faults: one line and exit 2 from the CLI, kill -9 during an import or a sweep leaves
whole batches only, a full SQLite disk is a clear error, backups restore and verify.

The CLI runs as ``python -m backoffice.cli`` from this checkout (not an installed script).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, event

from backoffice.db import models as m
from backoffice.db.session import make_engine, make_session_factory
from backoffice.services.admin.demo_feed import write_feed
from backoffice.services.feed import import_lines
from backoffice.services.points.verify import check_money

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, url: str | None = None, wait: bool = True) -> subprocess.CompletedProcess[str] | subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("BACKOFFICE_DATABASE_URL", None)
    cmd = [sys.executable, "-m", "backoffice.cli", *args, *(["--url", url] if url else [])]
    if not wait:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(cmd, cwd=ROOT, env=env, text=True, capture_output=True, timeout=300)


def _one_line_exit_2(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backoffice-admin: "), proc.stderr
    assert "Traceback" not in proc.stderr and needle in lines[0]


@pytest.mark.parametrize(("url", "needle"), [
    ("nonsense", "malformed database URL"),
    ("foo://x/y", "unknown driver"),
    ("postgresql+nodriver://u@localhost/x", "unknown driver"),
    ("postgresql+psycopg2://u@localhost/x", "driver not installed"),
    ("postgresql+psycopg://postgres@127.0.0.1:54330/no_such_database_i11", "cannot be reached"),
])
def test_bad_urls_are_one_line_and_exit_2(url: str, needle: str) -> None:
    for command in (("db", "current"), ("db", "verify"), ("stats",)):
        _one_line_exit_2(run_cli(*command, url=url), needle)


def test_bad_sqlite_files_are_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "random.db").write_bytes(os.urandom(8192))
    (tmp_path / "header.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    (tmp_path / "feed.jsonl").write_text("{}\n")
    cases = [(tmp_path / "afile" / "x.db", "cannot use the folder"),
             (tmp_path / "random.db", "not a usable database file"),
             (tmp_path / "header.db", "not a usable database file")]
    for path, needle in cases:
        url = f"sqlite:///{path}"
        for command in (("db", "current"), ("db", "upgrade"), ("db", "verify"), ("stats",),
                        ("import", str(tmp_path / "feed.jsonl")), ("sweep", "--as-of", "2026-11-01")):
            _one_line_exit_2(run_cli(*command, url=url), needle)


def test_bad_arguments_are_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert run_cli("db", "upgrade", url=url).returncode == 0
    _one_line_exit_2(run_cli("sweep", "--as-of", "0001-01-01", url=url), "outside 1900-01-01..2199-12-31")
    _one_line_exit_2(run_cli("officer", "activate", str(2**64), url=url), "out of range")
    _one_line_exit_2(run_cli("calendar", "show", "99999", url=url), "outside 1900..2199")
    _one_line_exit_2(run_cli("import", str(tmp_path / "missing.jsonl"), url=url), "cannot read")


def _feed(tmp_path: Path, applicants: int = 400) -> tuple[Path, list[str]]:
    path = tmp_path / "feed.jsonl"
    write_feed(path, applicants, 21)
    return path, [json.loads(x)["type"] for x in path.read_text().splitlines() if x.strip()]


def _by_type(engine: Engine) -> Counter[str]:
    with engine.connect() as c:
        return Counter({t: n for t, n in c.execute(
            sa.select(m.FeedRecord.type, sa.func.count()).group_by(m.FeedRecord.type))})


def _assert_whole_batches(engine: Engine, types: list[str], batch: int) -> int:
    """The records in the database are exactly the first k*batch lines (or all of them)."""
    got = _by_type(engine)
    n = sum(got.values())
    assert n % batch == 0 or n == len(types), n
    assert got == Counter(types[:n])
    with engine.connect() as c:
        rows = {t: c.scalar(sa.select(sa.func.count()).select_from(model)) for t, model in (
            ("order", m.Order), ("order_event", m.OrderEvent), ("vendor", m.Vendor), ("solution", m.Solution))}
    assert rows == {t: got[t] for t in rows}
    with make_session_factory(engine)() as s:
        assert check_money(s).ok
    return n


def _wait_for(predicate, proc: subprocess.Popen[str], limit_s: float = 120.0) -> None:
    deadline = time.monotonic() + limit_s
    while not predicate():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the import never committed a batch"
        time.sleep(0.05)


def test_kill_9_during_an_import_leaves_whole_batches(db_url: str, tmp_path: Path) -> None:
    assert run_cli("db", "upgrade", url=db_url).returncode == 0
    path, types = _feed(tmp_path)
    engine = make_engine(db_url)
    try:
        batch = 150
        proc = run_cli("import", str(path), "--batch", str(batch), url=db_url, wait=False)
        assert isinstance(proc, subprocess.Popen)
        _wait_for(lambda: sum(_by_type(engine).values()) > 0, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        n = _assert_whole_batches(engine, types, batch)
        assert run_cli("db", "verify", url=db_url).returncode == 0
        again = run_cli("import", str(path), "--json", url=db_url)  # the rest arrives on a re-run
        assert again.returncode == 0, again.stderr
        assert json.loads(again.stdout)["duplicates"] == n
        assert sum(_by_type(engine).values()) == len(types)
    finally:
        engine.dispose()


def _expiries(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.scalar(sa.select(sa.func.count()).select_from(m.LedgerEntry)) or 0)


def test_kill_9_during_a_sweep_is_all_or_nothing(db_url: str, tmp_path: Path) -> None:
    assert run_cli("db", "upgrade", url=db_url).returncode == 0
    path, _ = _feed(tmp_path)
    engine = make_engine(db_url)
    try:
        assert import_lines(make_session_factory(engine), path.open("rb")).rejected == []
        before = _expiries(engine)
        outcomes = set()
        for delay in (0.5, 1.5):  # wherever the kill lands, the sweep is whole or absent
            proc = run_cli("sweep", "--as-of", "2031-01-01", url=db_url, wait=False)
            assert isinstance(proc, subprocess.Popen)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            with make_session_factory(engine)() as s:
                assert check_money(s).ok
            outcomes.add(_expiries(engine) == before)
            if _expiries(engine) != before:
                break
        done = run_cli("sweep", "--as-of", "2031-01-01", url=db_url)
        assert done.returncode == 0, done.stderr
        after = _expiries(engine)
        assert after > before
        # A second sweep finds nothing left: the killed runs wrote nothing or everything.
        assert run_cli("sweep", "--as-of", "2031-01-01", url=db_url).returncode == 0
        assert _expiries(engine) == after
        assert run_cli("db", "verify", url=db_url).returncode == 0
    finally:
        engine.dispose()


def test_a_full_sqlite_disk_stops_the_import_with_a_clear_error(tmp_path: Path) -> None:
    from backoffice.db import migrate

    url = f"sqlite:///{tmp_path / 'small.sqlite3'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with engine.connect() as c:
        pages = int(c.exec_driver_sql("PRAGMA page_count").scalar() or 0)

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection, _record) -> None:  # a disk with room for ~40 more pages
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 40}")

    engine.dispose()
    path, types = _feed(tmp_path, 120)
    try:
        with pytest.raises(sa.exc.OperationalError) as info:
            import_lines(make_session_factory(engine), path.open("rb"), batch_lines=100)
        from backoffice.db.session import describe_database_error

        assert describe_database_error(info.value).startswith("database or disk is full")
        _assert_whole_batches(engine, types, 100)
    finally:
        engine.dispose()


def test_backup_and_restore_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    assert run_cli("db", "upgrade", url=url).returncode == 0
    path, types = _feed(tmp_path, 40)
    assert run_cli("import", str(path), url=url).returncode == 0
    copy = tmp_path / "backup.sqlite3"
    made = run_cli("db", "backup", str(copy), "--json", url=url)
    assert made.returncode == 0 and json.loads(made.stdout)["ok"], made.stderr
    _one_line_exit_2(run_cli("db", "backup", str(copy), url=url), "never overwrites")
    # Damage the live database, then restore it from the copy.
    engine = make_engine(url)
    with engine.begin() as c:
        c.execute(sa.delete(m.FeedRecord))
    engine.dispose()
    restored = run_cli("db", "restore", str(copy), "--json", url=url)
    assert restored.returncode == 0 and json.loads(restored.stdout)["ok"], restored.stderr
    engine = make_engine(url)
    try:
        assert sum(_by_type(engine).values()) == len(types)
    finally:
        engine.dispose()
    assert run_cli("db", "verify", url=url).returncode == 0
    (tmp_path / "junk.db").write_bytes(b"not a database at all")
    _one_line_exit_2(run_cli("db", "restore", str(tmp_path / "junk.db"), url=url), "not a SQLite database")
    _one_line_exit_2(run_cli("db", "backup", str(tmp_path / "x.db"),
                             url="postgresql+psycopg://postgres@127.0.0.1:54330/postgres"), "pg_dump")


def test_postgresql_connections_dropped_mid_session_recover_without_restart(tmp_path: Path) -> None:
    """What a desk sees when the server restarts under it: the transaction in flight fails with
    one line ("connection lost", nothing written), the next one works on the same engine."""
    from tests.support.db import pg_admin_url, pg_database

    if not pg_admin_url():
        pytest.skip("PostgreSQL not configured")
    from backoffice.db import migrate
    from backoffice.db.session import describe_database_error
    from backoffice.services.uow import UnitOfWork

    with pg_database() as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        admin = sa.create_engine(pg_admin_url() or "", isolation_level="AUTOCOMMIT")
        name = engine.url.database
        try:
            sf = make_session_factory(engine)
            typed = m.Vendor(external_id="V-typed", ubn="04595257", name="使用者剛輸入的廠商")
            with pytest.raises(sa.exc.DBAPIError) as lost, UnitOfWork(sf) as u:
                u.session.execute(sa.select(1))
                with admin.connect() as c:  # the server drops every connection of this database
                    c.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE datname = :d AND pid <> pg_backend_pid()"), {"d": name})
                u.session.add(typed)
                u.commit()
            line = describe_database_error(lost.value)
            assert line and "\n" not in line and ("lost" in line or "cannot be reached" in line)
            # The same engine recovers (pool_pre_ping); what was typed is still in the caller's hands.
            with UnitOfWork(sf) as u:
                assert u.session.scalar(sa.select(sa.func.count()).select_from(m.Vendor)) == 0
                u.session.add(m.Vendor(external_id=typed.external_id, ubn=typed.ubn, name=typed.name))
                u.commit()
            with UnitOfWork(sf) as u:
                assert u.session.scalar(sa.select(m.Vendor.name)) == "使用者剛輸入的廠商"
        finally:
            engine.dispose()
            admin.dispose()
