"""``backoffice-admin demo feed`` and ``backoffice-admin import PATH`` (platform feed, JSON Lines)."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from backoffice.cli._common import (
    EXIT_NEGATIVE,
    EXIT_UNREACHABLE,
    CliError,
    database_errors,
    emit,
    parse_iso_date,
)


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="示範資料 (demo data)")
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="SUBCOMMAND")
    demo_sub.required = True
    feed = demo_sub.add_parser("feed", help="產生示範平台資料檔 (write a demo platform feed, JSON Lines)")
    feed.add_argument("--applicants", type=int, required=True, help="number of applicants")
    feed.add_argument("--seed", type=int, default=1, help="random seed (same seed, same file)")
    feed.add_argument("--out", type=Path, required=True, help="output file (.jsonl)")
    feed.add_argument("--today", type=parse_iso_date, default=None,
                      help="demo 'today' the dates are placed around (default 2026-11-21)")
    feed.add_argument("--budget", type=int, default=None,
                      help="programme budget in points, written in the feed's programme record; caps the approved decisions (default: one grant per applicant)")
    feed.add_argument("--json", action="store_true", help="print one JSON document")
    feed.set_defaults(handler=_demo_feed)

    imp = subparsers.add_parser("import", help="匯入平台資料檔 (import a platform feed, JSON Lines)")
    imp.add_argument("path", type=Path, help="feed file (.jsonl)")
    imp.add_argument("--url", help="database URL (default: BACKOFFICE_DATABASE_URL or the local SQLite file)")
    imp.add_argument("--batch", type=int, default=2000, help="lines per transaction (default 2000)")
    imp.add_argument("--demo", action="store_true",
                     help="the file is a `demo feed`: only into an empty database, which becomes a demo database "
                          "(demo programme, demo officers, card-less demo sign-in, bundled office calendars)")
    imp.add_argument("--json", action="store_true", help="print one JSON document")
    imp.set_defaults(handler=_import)


def _demo_feed(args: argparse.Namespace) -> int:
    from backoffice.services.admin.demo_feed import DEMO_TODAY, write_feed

    if args.applicants < 0:
        raise CliError("--applicants must not be negative", EXIT_UNREACHABLE)
    try:
        counts = write_feed(args.out, args.applicants, args.seed, args.today or DEMO_TODAY, args.budget)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror}", EXIT_UNREACHABLE) from exc
    doc = {"path": str(args.out), "records": sum(counts.values()), "by_type": dict(sorted(counts.items()))}
    emit(doc, args.json, lambda d: f"已寫入 {d['records']} 筆 (records written) -> {d['path']}")
    return 0


def _report_text(d: dict[str, Any]) -> str:
    lines = [f"接受 accepted {d['accepted']}, 重複 duplicates {d['duplicates']}, 退回 rejected {len(d['rejected'])}"]
    lines += [f"  第 {r['line']} 行 (line {r['line']}): {r['reason']}" for r in d["rejected"][:200]]
    if len(d["rejected"]) > 200:
        lines.append(f"  ... {len(d['rejected']) - 200} more")
    return "\n".join(lines)


def _import(args: argparse.Namespace) -> int:
    from backoffice.db import migrate
    from backoffice.db.session import database_url, make_engine, make_session_factory
    from backoffice.services.feed.importer import import_lines

    path: Path = args.path
    if args.batch < 1:
        raise CliError("--batch must be at least 1", EXIT_UNREACHABLE)
    try:
        sha = hashlib.sha256()
        with path.open("rb") as fh:  # in chunks: the file may be larger than memory
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                sha.update(chunk)
        digest = sha.hexdigest()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}", EXIT_UNREACHABLE) from exc
    engine = make_engine(args.url or database_url())
    try:
        with database_errors():
            if migrate.current(engine) is None:
                raise CliError("資料庫尚未建立 (no schema): run `backoffice-admin db upgrade`", EXIT_UNREACHABLE)
            factory = make_session_factory(engine)
            if args.demo:
                _require_empty(factory)
            with path.open("rb") as fh:
                report = import_lines(factory, fh, filename=path.name,
                                      file_sha256=digest, batch_lines=args.batch)
            if args.demo:
                _finish_demo(factory)
    finally:
        engine.dispose()
    doc = report.to_json()
    emit(doc, args.json, _report_text)
    return EXIT_NEGATIVE if report.rejected else 0


def _require_empty(factory: Any) -> None:
    from backoffice.services.admin.demo import is_empty

    with factory() as s:
        if not is_empty(s):
            raise CliError("--demo 只能匯入空白資料庫 (only into an empty database; real data must never "
                           "become a demo database with card-less sign-in)", EXIT_UNREACHABLE)


def _finish_demo(factory: Any) -> None:
    """Mark the imported programme as demo and register the demo officers (stderr says so:
    stdout keeps the import report's shape)."""
    import sys

    import sqlalchemy as sa

    from backoffice.db import models as m
    from backoffice.services.admin.demo import finish_demo_database

    with factory() as s:
        code = s.scalar(sa.select(m.Programme.code).order_by(m.Programme.id.desc()).limit(1))
        if code is None:
            raise CliError("--demo: the feed has no programme record", EXIT_UNREACHABLE)
        added = finish_demo_database(s, code)
        s.commit()
    print(f"示範資料庫 demo database: {code}; 示範承辦人 demo officers: {', '.join(added) or '(existing)'}; "
          "登入時選「示範登入」(card-less demo sign-in)", file=sys.stderr)
