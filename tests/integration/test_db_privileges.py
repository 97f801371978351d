"""Least privilege: the desk role is refused by the PostgreSQL server whatever it tries against
the evidence; ``db current`` reports a missing or disabled trigger and a stray grant (both databases)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from backoffice.db import migrate
from backoffice.db import models as m
from backoffice.db.privileges import protection_problems
from backoffice.db.session import make_engine
from tests.integration.test_db_migrations import add_sample_graph
from tests.support.db import pg_admin_url

ROOT = Path(__file__).resolve().parents[2]


def admin(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["BACKOFFICE_DATABASE_URL"] = url
    return subprocess.run([sys.executable, "-m", "backoffice.cli", "db", *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT, stdin=subprocess.DEVNULL)


@dataclass(frozen=True)
class Roles:
    owner_url: str
    desk_url: str
    desk: str
    owner: str


@pytest.fixture
def roles(db_backend: str) -> Iterator[Roles]:
    """A database owned by a fresh owner role (not a superuser), and a fresh desk login role."""
    if db_backend != "postgresql":
        pytest.skip("database roles are a PostgreSQL matter (SQLite: the file's permissions)")
    admin_url = pg_admin_url()
    assert admin_url
    tag = uuid.uuid4().hex[:8]
    name, owner, desk = f"bo_priv_{tag}", f"bo_owner_{tag}", f"bo_desk_{tag}"
    eng = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            conn.execute(sa.text(f"CREATE ROLE {owner} LOGIN"))
            conn.execute(sa.text(f"CREATE ROLE {desk} LOGIN"))
            conn.execute(sa.text(f'CREATE DATABASE "{name}" OWNER {owner}'))
        base = make_url(admin_url).set(database=name)
        yield Roles(base.set(username=owner).render_as_string(hide_password=False),
                    base.set(username=desk).render_as_string(hide_password=False), desk, owner)
    finally:
        with eng.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f"DROP ROLE IF EXISTS {desk}"))
            conn.execute(sa.text(f"DROP ROLE IF EXISTS {owner}"))
        eng.dispose()


REFUSED = [
    "UPDATE ledger_entries SET points = 1",
    "DELETE FROM ledger_entries",
    "UPDATE budget_movements SET points = 1",
    "DELETE FROM budget_movements",
    "UPDATE decisions SET note = 'x'",
    "DELETE FROM decisions",
    "UPDATE audit_events SET action = 'x'",
    "DELETE FROM audit_events",
    "TRUNCATE audit_events",
    "TRUNCATE ledger_entries CASCADE",
    "ALTER TABLE audit_events DISABLE TRIGGER USER",
    "ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only",
    "DROP TRIGGER audit_events_append_only ON audit_events",
    "DROP TABLE audit_events CASCADE",
    "ALTER TABLE grants ADD COLUMN extra integer",
    "CREATE TABLE evil (id integer)",
    "UPDATE alembic_version SET version_num = '0001'",
    "SET session_replication_role = replica",
]


def test_the_desk_role_is_refused_by_the_server(roles: Roles) -> None:
    assert migrate.upgrade(roles.owner_url) == migrate.head()  # migrations run as the owner
    owner = make_engine(roles.owner_url)
    with Session(owner) as s:
        add_sample_graph(s)
        s.commit()
    owner.dispose()
    before = admin(roles.owner_url, "current", "--desk-role", roles.desk, "--json")
    assert before.returncode == 1 and "cannot read or insert" in before.stdout  # no rights yet
    blind = admin(roles.desk_url, "current")
    assert blind.returncode == 2 and "db grant" in blind.stderr and "Traceback" not in blind.stderr
    done = admin(roles.owner_url, "grant", "--desk-role", roles.desk, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["protections_missing"] == []
    desk = make_engine(roles.desk_url)
    try:
        for sql in REFUSED:
            with pytest.raises(DBAPIError, match="permission denied|must be owner"), desk.begin() as conn:
                conn.execute(sa.text(sql))
        with Session(desk) as s:  # the desk's own work goes on: rows and chained audit events
            s.add(m.Applicant(name="櫃台新增有限公司", ubn="24536806", applicant_type="sme"))
            s.add(m.AuditEvent(action="desk.work"))
            s.commit()
        with desk.connect() as conn:
            assert conn.scalar(sa.text("SELECT max(seq) FROM audit_events")) == 2
            assert protection_problems(conn, roles.desk) == []
    finally:
        desk.dispose()
    after = admin(roles.desk_url, "current", "--desk-role", roles.desk, "--json")
    assert after.returncode == 0 and json.loads(after.stdout)["up_to_date"] is True


def test_grant_refuses_the_owner_and_unknown_roles(roles: Roles) -> None:
    migrate.upgrade(roles.owner_url)
    for role, words in ((roles.owner, "owner"), ("bo_nobody_here", "no such role"), ("Bad-Name", "role name")):
        refused = admin(roles.owner_url, "grant", "--desk-role", role)
        assert refused.returncode == 2 and words in refused.stderr and "Traceback" not in refused.stderr


def test_db_current_reports_a_disabled_or_missing_trigger_and_a_stray_grant(engine: sa.Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    assert admin(url, "current").returncode == 0
    with engine.begin() as conn:
        assert protection_problems(conn) == []
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("ALTER TABLE decisions DISABLE TRIGGER decisions_append_only"))
            conn.execute(sa.text("GRANT UPDATE ON ledger_entries TO PUBLIC"))
        else:
            conn.execute(sa.text("DROP TRIGGER decisions_no_update"))
    with engine.connect() as conn:
        problems = protection_problems(conn)
    if engine.dialect.name == "postgresql":
        assert problems == ["trigger decisions_append_only on decisions is disabled", "PUBLIC may UPDATE ledger_entries"]
    else:
        assert problems == ["trigger decisions_no_update on decisions is missing"]
    out = admin(url, "current", "--json")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert doc["up_to_date"] is False and doc["protections_missing"] == problems
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:  # the module's shared database goes back as it was
            conn.execute(sa.text("ALTER TABLE decisions ENABLE TRIGGER decisions_append_only"))
            conn.execute(sa.text("REVOKE UPDATE ON ledger_entries FROM PUBLIC"))
