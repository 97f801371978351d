"""Open the configured database for one CLI command (shared by calendar/quote/sweep commands)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from backoffice.cli._common import EXIT_UNREACHABLE, CliError, database_errors


def add_url_argument(parser: Any) -> None:
    parser.add_argument("--url", help="database URL (default: BACKOFFICE_DATABASE_URL or the local SQLite file)")


@contextmanager
def open_uow(url: str | None) -> Iterator[Any]:
    """A unit of work on a migrated database; unreachable or empty -> CliError (exit code 2)."""
    from backoffice.db import migrate
    from backoffice.db.session import UnitOfWork, database_url, make_engine, make_session_factory

    engine = make_engine(url or database_url())
    try:
        with database_errors():
            if migrate.current(engine) is None:
                raise CliError("資料庫尚未建立 (no schema): run `backoffice-admin db upgrade`", EXIT_UNREACHABLE)
            with UnitOfWork(make_session_factory(engine)) as uow:
                yield uow
    finally:
        engine.dispose()
