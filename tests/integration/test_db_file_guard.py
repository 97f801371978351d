"""A SQLite file deleted or replaced under the running app is detected (issue 12 item 2).

An open SQLite connection keeps writing into a deleted file's inode: without the guard, claims and
decisions "succeed" and are gone on exit. PostgreSQL has no file: no guard there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.session import file_guard
from backoffice.services.applications import assignment
from backoffice.services.uow import DatabaseFileLost
from tests.integration.queue_seed import seed_queue

pytestmark = pytest.mark.db


def _db_path(engine) -> Path:
    return Path(engine.url.database)


def _sqlite_only(db_backend: str, engine) -> None:
    if db_backend != "sqlite":
        assert file_guard(engine) is None  # a server database has no file to lose
        pytest.skip("the file guard concerns SQLite only")


def test_a_deleted_database_file_stops_every_write_and_read(db_backend, engine, uow):
    _sqlite_only(db_backend, engine)
    seed = seed_queue(uow)
    with uow() as u:  # connections are open and pooled, as in the running app
        assignment.claim(u, seed.apps["new_waiting"], seed.officer_a)
    path = _db_path(engine)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with uow() as u, pytest.raises(DatabaseFileLost) as caught:
        assignment.claim(u, seed.apps["reviewing"], seed.officer_a)
    assert caught.value.problem == "missing" and caught.value.path == str(path.resolve())
    with uow() as u, pytest.raises(DatabaseFileLost):
        assignment.release(u, seed.apps["new_waiting"], seed.officer_a)
    with uow() as u, pytest.raises(DatabaseFileLost):  # a refresh says so too
        u.session.scalar(sa.select(sa.func.count()).select_from(m.Application))
    assert not path.exists()  # no new, empty file was created in its place


def test_a_replaced_database_file_is_refused_even_when_it_comes_back(db_backend, engine, uow, tmp_path):
    _sqlite_only(db_backend, engine)
    seed = seed_queue(uow)
    path = _db_path(engine)
    with uow() as u:
        assignment.claim(u, seed.apps["new_waiting"], seed.officer_a)
    copy = tmp_path / "copy.sqlite3"
    with engine.connect() as conn:  # a consistent copy (e.g. a backup restored over it)
        conn.exec_driver_sql(f"VACUUM INTO '{copy}'")
    os.replace(copy, path)
    with uow() as u, pytest.raises(DatabaseFileLost) as caught:
        assignment.claim(u, seed.apps["reviewing"], seed.officer_a)
    assert caught.value.problem == "replaced"
    shutil.copyfile(path, tmp_path / "again.sqlite3")
    with uow() as u, pytest.raises(DatabaseFileLost):  # tripped for good: restart the app
        assignment.claim_info(u.session, seed.apps["reviewing"])


def test_writes_go_on_while_the_file_stays(db_backend, engine, uow):
    seed = seed_queue(uow)
    with uow() as u:
        assignment.claim(u, seed.apps["new_waiting"], seed.officer_a)
    engine.dispose()  # new connections to the same file are fine
    with uow() as u:
        assert assignment.release(u, seed.apps["new_waiting"], seed.officer_a).holder_id is None
