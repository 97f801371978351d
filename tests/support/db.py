"""Database fixtures: every database test runs on SQLite and on the real PostgreSQL server.

- ``db_backend``: "sqlite" or "postgresql" (module-scoped parameter). PostgreSQL needs
  ``BACKOFFICE_TEST_PG_URL`` (an admin URL: databases are created in it); without it the
  postgresql variant is skipped, unless ``BACKOFFICE_REQUIRE_PG=1``, then it fails loudly.
- ``db_url``: a fresh, EMPTY database for this test (migration tests migrate it themselves).
- ``engine``: an engine on a database migrated to head and emptied for this test (migrated once
  per module: SQLite copies a migrated template file, PostgreSQL truncates every table).
- ``session_factory``, ``uow`` (a factory: ``with uow() as u: ...``).
Tests using any of these are marked ``db`` automatically.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from backoffice.db.session import UnitOfWork, make_engine, make_session_factory

PG_ENV = "BACKOFFICE_TEST_PG_URL"
REQUIRE_PG_ENV = "BACKOFFICE_REQUIRE_PG"
DB_FIXTURES = {"db_backend", "db_url", "engine", "session_factory", "uow"}


def pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def _backend_params() -> list[object]:
    skip_pg = [] if pg_admin_url() or os.environ.get(REQUIRE_PG_ENV) == "1" else [
        pytest.mark.skip(reason=f"{PG_ENV} is not set (PostgreSQL tests skipped)")
    ]
    return [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", id="postgresql", marks=skip_pg)]


@contextmanager
def pg_database() -> Iterator[str]:
    """A new PostgreSQL database in the test server, dropped afterwards; yields its URL."""
    admin = pg_admin_url()
    if not admin:
        pytest.fail(f"{REQUIRE_PG_ENV}=1 but {PG_ENV} is not set: cannot run the PostgreSQL tests")
    name = f"bo_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with admin_engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin_engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin_engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def truncate_all(engine: Engine) -> None:
    """Empty every table of the models (fast; TRUNCATE does not fire the append-only triggers)."""
    from backoffice.db.models import Base

    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="module", params=_backend_params())
def db_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(db_backend: str, tmp_path: Path) -> Iterator[str]:
    if db_backend == "sqlite":
        yield sqlite_url(tmp_path / "empty.sqlite3")
    else:
        with pg_database() as url:
            yield url


@pytest.fixture(scope="module")
def _migrated_db(db_backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a database migrated to head once per module (SQLite: a template file to copy)."""
    from backoffice.db import migrate

    if db_backend == "sqlite":
        url = sqlite_url(tmp_path_factory.mktemp("db") / "template.sqlite3")
        migrate.upgrade(url)  # disposes its engine: the WAL is checkpointed into the file
        yield url
    else:
        with pg_database() as url:
            migrate.upgrade(url)
            yield url


@pytest.fixture
def engine(db_backend: str, _migrated_db: str, tmp_path: Path) -> Iterator[Engine]:
    if db_backend == "sqlite":
        template = make_url(_migrated_db).database
        assert template
        target = tmp_path / "db.sqlite3"
        shutil.copyfile(template, target)
        eng = make_engine(sqlite_url(target))
    else:
        eng = make_engine(_migrated_db)
        truncate_all(eng)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def uow(session_factory: sessionmaker[Session]) -> Callable[[], UnitOfWork]:
    """A factory: each call gives a new unit of work (``with uow() as u: ...; u.commit()``)."""
    return lambda: UnitOfWork(session_factory)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if DB_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)
