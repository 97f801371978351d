"""Tampering as an attacker holding the database owner's password would: plain SQL with the
append-only triggers out of the way (PostgreSQL: ``ALTER TABLE ... DISABLE TRIGGER USER``, which
the owner may do; SQLite: the triggers dropped and put back)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, text

from backoffice.db.models import APPEND_ONLY_TABLES


@contextmanager
def attacker(engine: Engine) -> Iterator[Connection]:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            for table in APPEND_ONLY_TABLES:
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
            yield conn
            for table in APPEND_ONLY_TABLES:
                conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
        else:
            triggers = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
            for name, _ in triggers:
                conn.execute(text(f'DROP TRIGGER "{name}"'))
            yield conn
            for _, sql in triggers:
                conn.execute(text(sql))


def run(engine: Engine, sql: str, **params: Any) -> None:
    with attacker(engine) as conn:
        conn.execute(text(sql), params)
