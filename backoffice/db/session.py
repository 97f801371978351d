"""Engines, sessions and the unit of work (cosmicpython chapter 6 style).

Usage from a service::

    with UnitOfWork(session_factory) as uow:
        uow.session.add(...)
        uow.commit()          # without it, everything is rolled back on exit
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseUrlError(ValueError):
    """The configured database cannot even be opened: a malformed URL, an unknown or missing
    driver, a SQLite path under a file. ``reason`` is one line for the officer or administrator."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def describe_database_error(exc: BaseException) -> str | None:
    """One line for an error that comes from the database (or opening it), else None.

    Covers what the command line and the app must answer without a traceback: a malformed URL,
    an unknown driver, a file that is not a database or whose header is corrupt, a full disk, a
    server that went away, a lost file.
    """
    import sqlite3

    from sqlalchemy import exc as sa_exc

    if isinstance(exc, DatabaseUrlError):
        return exc.reason
    if isinstance(exc, DatabaseFileLost):
        return f"database file {exc.path} is {exc.problem}: restart the program"
    if isinstance(exc, sa_exc.ArgumentError):
        return f"malformed database URL or unknown driver: {str(exc).splitlines()[0]}"
    orig: BaseException | None = exc.orig if isinstance(exc, sa_exc.DBAPIError) else None
    if orig is None and isinstance(exc, sqlite3.Error):
        orig = exc
    if isinstance(exc, sa_exc.DBAPIError) or orig is not None:
        reason = (str(orig or exc).strip().splitlines() or [type(exc).__name__])[0]
        low = reason.lower()
        if "full" in low and ("disk" in low or "database" in low):
            return f"database or disk is full: nothing of the current transaction was written ({reason})"
        if "not a database" in low or "malformed" in low or "corrupt" in low:
            return f"not a usable database file: {reason}"
        if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
            return f"database connection lost: {reason}"
        return f"database cannot be reached: {reason}"
    return None


class DatabaseFileLost(Exception):  # noqa: N818 (reads as the officer sees it)
    """The SQLite file was deleted or replaced while the app ran.

    An open SQLite connection keeps writing into a deleted file's inode, so every write would
    "succeed" and vanish on exit. ``problem`` is "missing" (no file at the path any more) or
    "replaced" (another file now sits at the path).
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"database file {path} is {problem}")
        self.path = path
        self.problem = problem


class SqliteFileGuard:
    """Remembers which file (device, inode) the engine opened and checks it is still the one at
    the path: before a new connection is opened, when a transaction begins and before it commits.

    Once lost, the guard stays tripped: a file put back later is not the one written so far.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.identity: tuple[int, int] | None = None
        self.lost: DatabaseFileLost | None = None

    def _current(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_dev, st.st_ino)

    def check(self) -> None:
        if self.lost is not None:
            raise self.lost
        if self.identity is None:
            return
        now = self._current()
        if now != self.identity:
            self.lost = DatabaseFileLost(str(self.path), "missing" if now is None else "replaced")
            raise self.lost

    def attach(self, engine: Engine) -> None:
        event.listen(engine, "do_connect", self._before_connect)
        event.listen(engine, "connect", self._connected)
        event.listen(engine, "begin", self._on_transaction)
        event.listen(engine, "commit", self._on_transaction)

    def _before_connect(self, *_args: Any) -> None:
        # sqlite3.connect would silently create a new, empty file where the old one was.
        self.check()

    def _connected(self, *_args: Any) -> None:
        if self.identity is None:
            self.identity = self._current()
        else:
            self.check()

    def _on_transaction(self, *_args: Any) -> None:
        self.check()


def file_guard(engine: Engine) -> SqliteFileGuard | None:
    """The guard of a file-backed SQLite engine (None for other engines)."""
    return getattr(engine, "_backoffice_file_guard", None)


def database_url() -> str:
    """The configured database URL (``BACKOFFICE_DATABASE_URL``, default SQLite in the data dir)."""
    from backoffice.config import load_settings

    return load_settings().database_url


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # SQLite leaves foreign keys off unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # WAL: readers (the GUI) do not block the writer (a sweep) and vice versa.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (default: :func:`database_url`), set up for its backend.

    SQLite: the parent directory is created; foreign keys, WAL and a busy timeout are enabled on
    every connection; a file deleted or replaced under the running app raises ``DatabaseFileLost``
    instead of letting writes vanish (``SqliteFileGuard``). PostgreSQL: ``pool_pre_ping`` so a restarted server is survived.
    """
    from backoffice.db.audit import canonical_json_text

    url = url or database_url()
    try:
        parsed = make_url(url)
        parsed.get_dialect()  # an unknown dialect or driver, or a driver not installed
    except (ArgumentError, ImportError) as exc:
        raise DatabaseUrlError(f"malformed database URL or unknown driver: {str(exc).splitlines()[0]}") from exc
    # JSON stored canonically: the audit verifier hashes stored details without re-encoding them.
    kwargs.setdefault("json_serializer", canonical_json_text)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUrlError(f"cannot use the folder {folder} for the database file: "
                                       f"{exc.strerror}") from exc
            if not folder.is_dir():
                raise DatabaseUrlError(f"cannot use {folder} for the database file: not a folder")
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = _create(parsed, kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            guard = SqliteFileGuard(Path(parsed.database).expanduser().resolve())
            guard.attach(engine)
            engine._backoffice_file_guard = guard  # type: ignore[attr-defined]
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if parsed.get_backend_name() == "postgresql":
        # Fail fast when the server is unreachable instead of hanging the GUI.
        kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", 10)
    return _create(parsed, kwargs)


def _create(url: Any, kwargs: dict[str, Any]) -> Engine:
    try:
        return create_engine(url, **kwargs)
    except ImportError as exc:  # the driver named in the URL is not installed
        raise DatabaseUrlError(f"database driver not installed: {exc.name or exc}") from exc


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services hand loaded objects to views after the commit; with
    # lazy="raise" relationships the views see exactly what the service loaded, nothing more.
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


class UnitOfWork:
    """One business transaction: a session that is rolled back unless committed."""

    session: Session

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self.session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()  # a no-op after commit()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def flush(self) -> None:
        self.session.flush()
