"""Backup and restore of a SQLite database with the sqlite3 online backup API.

The backup API copies a consistent snapshot page by page while the desks keep working (WAL
readers and the writer are not blocked for long). A copy is checked before it is trusted:
``PRAGMA integrity_check``, the schema revision, and every check in ``COPY_CHECKS`` (the money
verifier and the audit chain). PostgreSQL: pg_dump/pg_restore,
docs/admin-guide.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from backoffice.services.authz import pure, system_job

SQLITE_MAGIC = b"SQLite format 3\x00"
PAGES_PER_STEP = 1024  # 4 MB per step: other connections get the lock between steps


class BackupError(Exception):
    """A backup or restore that was refused; nothing was changed at the target."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class CopyCheck:
    path: str
    revision: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "revision": self.revision, "ok": self.ok, "problems": self.problems}


def _money(session: Session) -> list[str]:
    from backoffice.services.points.verify import check_money

    check = check_money(session)
    return [] if check.ok else [f"money: {k}: {v}" for k, v in check.to_json().items() if v]


def _audit_chain(session: Session) -> list[str]:
    """The audit chain of the copy is whole: every event's hash, no gap, no fork (the chain pass of
    ``audit verify``; signatures and checkpoints are checked by ``audit verify`` itself)."""
    from backoffice.services.admin.audit_verify import VerifyReport, verify_chain

    report = VerifyReport()
    verify_chain(session.connection(), report, [])
    return [f"audit chain: seq {p.seq}: {p.what}" for p in report.problems]


# Checks a copy must pass (each returns problems).
COPY_CHECKS: list[Callable[[Session], list[str]]] = [_money, _audit_chain]


@pure
def sqlite_path(url: str) -> Path:
    """The file behind a SQLite URL; BackupError for any other database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        raise BackupError("db backup/restore work on a SQLite file; for PostgreSQL use pg_dump and "
                          "pg_restore (docs/admin-guide.md)")
    return Path(parsed.database).expanduser().resolve()


def _require_sqlite_file(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror}") from exc
    if head != SQLITE_MAGIC:
        raise BackupError(f"{path} is not a SQLite database file")


def _copy(src: Path, dst: Path) -> None:
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(dst)
        try:
            source.backup(target, pages=PAGES_PER_STEP)
        finally:
            target.close()
    finally:
        source.close()


@system_job("db backup/restore, run by an administrator (backoffice-admin db backup|restore)")
def check_copy(path: Path) -> CopyCheck:
    """Integrity, schema revision and ``COPY_CHECKS`` of a database file (read only)."""
    from backoffice.db import migrate
    from backoffice.db.session import make_engine, make_session_factory

    _require_sqlite_file(path)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        try:
            integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path} is not a usable database: {exc}") from exc
    con.close()
    engine = make_engine(f"sqlite:///{path}")
    try:
        revision = migrate.current(engine)
        check = CopyCheck(str(path), revision)
        if integrity != ["ok"]:
            check.problems.append("integrity: " + "; ".join(integrity[:5]))
        if revision != migrate.head():
            check.problems.append(f"schema revision {revision} is not {migrate.head()}")
            return check
        with make_session_factory(engine)() as s:
            for run in COPY_CHECKS:
                check.problems.extend(run(s))
    finally:
        engine.dispose()
    return check


@system_job("db backup, run by an administrator (backoffice-admin db backup)")
def backup(url: str, out: Path) -> CopyCheck:
    """Copy the SQLite database at ``url`` to ``out`` (a new file) and check the copy."""
    src = sqlite_path(url)
    _require_sqlite_file(src)
    out = out.expanduser().resolve()
    if out.exists():
        raise BackupError(f"{out} exists: a backup never overwrites a file")
    if out == src:
        raise BackupError("the backup file is the database itself")
    tmp = out.with_name(out.name + ".part")
    try:
        _copy(src, tmp)
        tmp.replace(out)  # a crash mid-copy leaves a .part file, never a half backup under the name
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"cannot write {out}: {exc}") from exc
    return check_copy(out)


@system_job("db restore, run by an administrator (backoffice-admin db restore)")
def restore(url: str, backup_file: Path) -> CopyCheck:
    """Check ``backup_file``, then copy it over the SQLite database at ``url`` (online).

    A backup that fails its checks is refused and the database is left as it was.
    """
    dst = sqlite_path(url)
    src = backup_file.expanduser().resolve()
    if src == dst:
        raise BackupError("the backup file is the database itself")
    check = check_copy(src)
    if not check.ok:
        raise BackupError(f"{src} fails its checks: {'; '.join(check.problems[:3])}")
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        _copy(src, dst)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"cannot restore into {dst}: {exc}") from exc
    return check_copy(dst)
