"""Run Alembic programmatically, so ``backoffice-admin db upgrade`` works from an installed package."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


# Tables kept by migrations outside the ORM metadata (SQLite's FTS5 name index of 0003 and the
# shadow tables FTS5 makes for it): schema comparisons and autogenerate leave them alone.
UNMODELLED_TABLE_PREFIXES = ("applicants_name_fts",)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic ``include_name`` hook: False for the tables of ``UNMODELLED_TABLE_PREFIXES``."""
    return not (type_ == "table" and name is not None and name.startswith(UNMODELLED_TABLE_PREFIXES))


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@contextmanager
def _connection(url_or_engine: str | Engine) -> Iterator[Connection]:
    from backoffice.db.session import make_engine

    engine = make_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        if isinstance(url_or_engine, str):
            engine.dispose()


def upgrade(url_or_engine: str | Engine, revision: str = "head") -> str | None:
    """Migrate the database up to ``revision``; returns the revision it is at afterwards."""
    with _connection(url_or_engine) as connection:
        command.upgrade(alembic_config(connection), revision)
        return MigrationContext.configure(connection).get_current_revision()


def downgrade(url_or_engine: str | Engine, revision: str = "base") -> str | None:
    with _connection(url_or_engine) as connection:
        command.downgrade(alembic_config(connection), revision)
        return MigrationContext.configure(connection).get_current_revision()


def current(url_or_engine: str | Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with _connection(url_or_engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head() -> str:
    """The newest revision this version of the program knows."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads}")
    return heads[0]
