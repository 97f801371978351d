"""``backoffice-admin db upgrade|current|verify|grant|backup|restore`` and ``backoffice-admin stats``."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from backoffice.cli._common import EXIT_NEGATIVE, EXIT_UNREACHABLE, CliError, database_errors, emit


def register(subparsers: Any) -> None:
    db = subparsers.add_parser("db", help="資料庫結構 (database schema migrations)")
    db_sub = db.add_subparsers(dest="db_command", metavar="SUBCOMMAND")
    db_sub.required = True

    up = db_sub.add_parser("upgrade", help="升級資料庫至最新版本 (migrate the database to the newest schema)")
    up.add_argument("--url", help="database URL (default: BACKOFFICE_DATABASE_URL or the local SQLite file)")
    up.add_argument("--revision", default="head", help="target revision (default: head)")
    up.add_argument("--json", action="store_true", help="print one JSON document")
    up.set_defaults(handler=_upgrade)

    cur = db_sub.add_parser("current", help="目前資料庫版本 (the database's schema revision)")
    cur.add_argument("--url", help="database URL")
    cur.add_argument("--desk-role", default=None,
                     help="PostgreSQL: also check this desk role's rights (docs/admin-guide.md)")
    cur.add_argument("--json", action="store_true", help="print one JSON document")
    cur.set_defaults(handler=_current)

    ver = db_sub.add_parser("verify", help="檢查點數與預算帳務 (check the money rules: budgets, lots, grants)")
    ver.add_argument("--url", help="database URL")
    ver.add_argument("--json", action="store_true", help="print one JSON document")
    ver.set_defaults(handler=_verify)
    grant = db_sub.add_parser("grant", help="設定櫃台角色權限 (PostgreSQL: give the desk role its rights, no more)")
    grant.add_argument("--url", help="the OWNER's database URL (the one migrations run with)")
    grant.add_argument("--desk-role", required=True, help="existing login role the desks connect as")
    grant.add_argument("--json", action="store_true", help="print one JSON document")
    grant.set_defaults(handler=_grant)

    bak = db_sub.add_parser("backup", help="備份 SQLite 資料庫 (copy the SQLite database to a new file, online)")
    bak.add_argument("path", type=Path, help="backup file to create (never overwritten)")
    bak.add_argument("--url", help="database URL")
    bak.add_argument("--json", action="store_true", help="print one JSON document")
    bak.set_defaults(handler=_backup)

    res = db_sub.add_parser("restore", help="還原 SQLite 資料庫 (check a backup, then copy it over the database)")
    res.add_argument("path", type=Path, help="backup file made by `db backup`")
    res.add_argument("--url", help="database URL")
    res.add_argument("--json", action="store_true", help="print one JSON document")
    res.set_defaults(handler=_restore)

    stats = subparsers.add_parser("stats", help="各類資料筆數 (row counts per kind of record)")
    stats.add_argument("--url", help="database URL")
    stats.add_argument("--json", action="store_true", help="print one JSON document")
    stats.set_defaults(handler=_stats)


def _url(args: argparse.Namespace) -> str:
    from backoffice.db.session import database_url

    return str(args.url or database_url())


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _upgrade(args: argparse.Namespace) -> int:
    from backoffice.db import migrate

    url = _url(args)
    with database_errors():
        revision = migrate.upgrade(url, args.revision)
    doc = {"database": _safe_url(url), "revision": revision, "head": migrate.head()}
    emit(doc, args.json, lambda d: f"資料庫已升級 (database at revision) {d['revision']}")
    return 0


def _current(args: argparse.Namespace) -> int:
    from backoffice.db import migrate
    from backoffice.db.privileges import protection_problems
    from backoffice.db.session import make_engine

    url = _url(args)
    engine = make_engine(url)
    try:
        with database_errors(), _permission_errors():
            revision = migrate.current(engine)
            with engine.connect() as conn:  # the triggers and grants that protect the evidence
                missing = protection_problems(conn, args.desk_role) if revision is not None else []
    finally:
        engine.dispose()
    head = migrate.head()
    doc: dict[str, Any] = {"database": _safe_url(url), "revision": revision, "head": head,
           "up_to_date": revision == head and not missing}
    if missing:
        doc["protections_missing"] = missing

    def text(d: dict[str, Any]) -> str:
        line = "{} ({})".format(d["revision"] or "(empty)", "最新 up to date" if d["up_to_date"] else (
            "保護缺漏 protections missing" if missing else "需升級 needs `db upgrade`"))
        return "\n".join([line, *(f"  - {p}" for p in missing)])

    emit(doc, args.json, text)
    return EXIT_NEGATIVE if missing else 0


@contextmanager
def _permission_errors() -> Iterator[None]:
    """A role without rights on the schema: one line, exit 2 (not a traceback)."""
    from sqlalchemy.exc import ProgrammingError

    try:
        yield
    except ProgrammingError as exc:
        if "permission denied" not in str(exc.orig):
            raise
        reason = str(exc.orig).strip().splitlines()[0]
        raise CliError(f"{reason}: the owner runs `backoffice-admin db grant --desk-role ROLE`",
                       EXIT_UNREACHABLE) from None


def _grant(args: argparse.Namespace) -> int:
    from backoffice.db.privileges import PrivilegeError, grant_desk_role, protection_problems
    from backoffice.db.session import make_engine

    url = _url(args)
    engine = make_engine(url)
    try:
        with database_errors(), engine.begin() as conn:
            try:
                doc = grant_desk_role(conn, args.desk_role)
            except PrivilegeError as exc:
                raise CliError(f"無法設定權限 cannot grant: {exc}", EXIT_UNREACHABLE) from None
            doc["protections_missing"] = protection_problems(conn, args.desk_role)
    finally:
        engine.dispose()
    emit(doc, args.json, lambda d: f"已設定 {d['role']} 權限 desk role set up on {d['database']} (owner {d['owner']})"
         + "".join(f"\n  - {p}" for p in d["protections_missing"]))
    return EXIT_NEGATIVE if doc["protections_missing"] else 0


def _stats(args: argparse.Namespace) -> int:
    from backoffice.db import migrate
    from backoffice.db.session import UnitOfWork, make_engine, make_session_factory
    from backoffice.services.admin.stats import record_counts

    engine = make_engine(_url(args))
    try:
        with database_errors():
            if migrate.current(engine) is None:
                raise CliError("資料庫尚未建立 (no schema): run `backoffice-admin db upgrade`", EXIT_UNREACHABLE)
            with UnitOfWork(make_session_factory(engine)) as uow:
                counts = record_counts(uow)
    finally:
        engine.dispose()
    emit(counts, args.json, lambda d: "\n".join(f"{k:<24}{v:>12,}" for k, v in d.items()))
    return 0


def _verify(args: argparse.Namespace) -> int:
    """Exit 0 when every money rule holds, 1 (and what breaks) otherwise (docs/reliability.md)."""
    from backoffice.db.session import UnitOfWork, make_engine, make_session_factory
    from backoffice.services.points.verify import check_money

    engine = make_engine(_url(args))
    try:
        with database_errors(), UnitOfWork(make_session_factory(engine)) as uow:
            check = check_money(uow.session)
    finally:
        engine.dispose()
    doc = {"ok": check.ok, **check.to_json()}
    emit(doc, args.json, lambda d: "帳務一致 (books agree)" if d["ok"] else "\n".join(
        f"{k}: {v}" for k, v in d.items() if k != "ok" and v))
    return 0 if check.ok else EXIT_NEGATIVE


def _copy_command(args: argparse.Namespace, restore: bool) -> int:
    """Exit 0 when the copy passes its checks, 1 when it was made but fails them, 2 when refused."""
    from backoffice.services.admin import backup

    try:
        with database_errors():
            check = (backup.restore if restore else backup.backup)(_url(args), args.path)
    except backup.BackupError as exc:
        raise CliError(exc.reason, EXIT_UNREACHABLE) from exc
    emit(check.to_json(), args.json, lambda d: (
        f"{'已還原 restored from' if restore else '已備份 backed up to'} {args.path}: "
        + ("檢查通過 checks pass" if d["ok"] else "檢查未過 checks fail: " + "; ".join(d["problems"]))))
    return 0 if check.ok else EXIT_NEGATIVE


def _backup(args: argparse.Namespace) -> int:
    return _copy_command(args, restore=False)


def _restore(args: argparse.Namespace) -> int:
    return _copy_command(args, restore=True)
