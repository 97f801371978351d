"""Least privilege on PostgreSQL and the check that every protection is in place.

Two roles (docs/admin-guide.md): the **owner** owns the schema and runs the migrations; the
**desk** role, used by the desktop application and the scheduled jobs, may read and write the
business rows but cannot change the schema, disable or drop a trigger, TRUNCATE, nor UPDATE or
DELETE the append-only tables (ledger, budget movements, decisions, audit trail). Only the
owner of a table may ALTER it (and so disable its triggers) or grant on it: a desk role that is
neither the owner nor a member of it is refused by the server.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from backoffice.db.models import APPEND_ONLY_TABLES

_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_DENIED = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")


class PrivilegeError(ValueError):
    """The roles cannot be set up as asked (data: the role and the reason)."""

    def __init__(self, role: str, problem: str) -> None:
        super().__init__(f"{role}: {problem}")
        self.role = role
        self.problem = problem


def _owner(conn: sa.Connection) -> str:
    owner = conn.scalar(sa.text("SELECT tableowner FROM pg_tables WHERE schemaname = 'public' "
                                "AND tablename = 'audit_events'"))
    if owner is None:
        raise PrivilegeError("", "no schema: run `backoffice-admin db upgrade` as the owner first")
    return str(owner)


def grant_desk_role(conn: sa.Connection, role: str) -> dict[str, Any]:
    """Give ``role`` (an existing login role) the desk's rights, and nothing more; idempotent.

    Run as the owner after every ``db upgrade`` (new tables get the same rights).
    """
    if conn.dialect.name != "postgresql":
        raise PrivilegeError(role, "roles exist on PostgreSQL only (SQLite: the file's permissions)")
    if not _ROLE.fullmatch(role):
        raise PrivilegeError(role, "a role name is lowercase letters, digits and _")
    owner = _owner(conn)
    found = conn.execute(sa.text("SELECT rolsuper, pg_has_role(:r, :o, 'MEMBER') FROM pg_roles WHERE rolname = :r"),
                         {"r": role, "o": owner}).first()
    if found is None:
        raise PrivilegeError(role, "no such role: the DBA creates it (CREATE ROLE ... LOGIN PASSWORD ...)")
    if found[0] or found[1] or role == owner:
        raise PrivilegeError(role, f"is a superuser or the owner ({owner}) or a member of it: not a desk role")
    db = str(conn.scalar(sa.text("SELECT current_database()")))
    statements = [
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f'GRANT CONNECT, TEMPORARY ON DATABASE "{db}" TO {role}',
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"REVOKE UPDATE, DELETE ON {', '.join(APPEND_ONLY_TABLES)} FROM {role}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
    ]
    for sql in statements:
        conn.execute(sa.text(sql))
    return {"role": role, "owner": owner, "database": db, "append_only": list(APPEND_ONLY_TABLES)}


def _expected_triggers(dialect: str) -> dict[str, str]:
    if dialect == "postgresql":
        return {f"{t}_append_only": t for t in APPEND_ONLY_TABLES}
    return {f"{t}_no_{e}": t for t in APPEND_ONLY_TABLES for e in ("update", "delete")}


def protection_problems(conn: sa.Connection, desk_role: str | None = None) -> list[str]:
    """What is missing: append-only triggers (absent or disabled), and on PostgreSQL rights on the
    append-only tables held by anyone but their owner, or a desk role that can do too much."""
    dialect = conn.dialect.name
    problems: list[str] = []
    if dialect == "postgresql":
        rows = conn.execute(sa.text("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal")).all()
        present = {str(name): str(state) for name, state in rows}
    else:
        present = {str(r[0]): "O" for r in conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    for name, table in _expected_triggers(dialect).items():
        if name not in present:
            problems.append(f"trigger {name} on {table} is missing")
        elif present[name] == "D":
            problems.append(f"trigger {name} on {table} is disabled")
    if dialect != "postgresql":
        return problems
    rows = conn.execute(sa.text(
        "SELECT c.relname, COALESCE(r.rolname, 'PUBLIC'), a.privilege_type FROM pg_class c "
        "CROSS JOIN LATERAL aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee "
        "WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY(:t) AND a.grantee <> c.relowner "
        "AND a.privilege_type = ANY(:p) ORDER BY 1, 2, 3"), {"t": list(APPEND_ONLY_TABLES), "p": list(_DENIED)}).all()
    problems += [f"{who} may {priv} {table}" for table, who, priv in rows]
    if desk_role is not None:
        problems += _desk_problems(conn, desk_role)
    return problems


def _desk_problems(conn: sa.Connection, role: str) -> list[str]:
    found = conn.execute(sa.text("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles "
                                 "WHERE rolname = :r"), {"r": role}).first()
    if found is None:
        return [f"desk role {role} does not exist"]
    problems = [f"desk role {role} has {attr}" for attr, on in zip(
        ("SUPERUSER", "CREATEROLE", "CREATEDB", "BYPASSRLS"), found, strict=True) if on]
    if role == _owner(conn) or conn.scalar(sa.text("SELECT pg_has_role(:r, :o, 'MEMBER')"),
                                           {"r": role, "o": _owner(conn)}):
        problems.append(f"desk role {role} is the owner or a member of it (may ALTER, DROP, disable triggers)")
    if conn.scalar(sa.text("SELECT has_schema_privilege(:r, 'public', 'CREATE')"), {"r": role}):
        problems.append(f"desk role {role} may CREATE in schema public")
    tables = conn.scalars(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).all()
    for table in tables:
        if table != "alembic_version" and not conn.scalar(
                sa.text("SELECT has_table_privilege(:r, :t, 'SELECT') AND has_table_privilege(:r, :t, 'INSERT')"),
                {"r": role, "t": f"public.{table}"}):
            problems.append(f"desk role {role} cannot read or insert into {table}")
    return problems
