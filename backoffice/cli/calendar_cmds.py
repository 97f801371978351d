"""`backoffice-admin calendar import PATH | closure add DAY --note TEXT | show YEAR`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from backoffice.cli._actor import acting_officer, add_actor_argument
from backoffice.cli._common import EXIT_NEGATIVE, EXIT_UNREACHABLE, CliError, emit, parse_iso_date
from backoffice.cli._session import add_url_argument, open_uow

MAX_CALENDAR_BYTES = 5 * 1024 * 1024  # a year's calendar is a few kB


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("calendar", help="政府行政機關辦公日曆表 (office calendar)")
    sub = parser.add_subparsers(dest="calendar_command", metavar="SUBCOMMAND")
    sub.required = True

    imp = sub.add_parser("import", help="匯入辦公日曆表 CSV (Big5) (import the office-calendar CSV)")
    imp.add_argument("path", type=Path)
    imp.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(imp)
    add_actor_argument(imp)
    imp.set_defaults(handler=_import)

    closure = sub.add_parser("closure", help="停止上班 (one-off office closures)")
    csub = closure.add_subparsers(dest="closure_command", metavar="SUBCOMMAND")
    csub.required = True
    add = csub.add_parser("add", help="新增停止上班日 (add a closure day)")
    add.add_argument("day")
    add.add_argument("--note", required=True, help="reason, e.g. 颱風停止上班")
    add.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(add)
    add_actor_argument(add)
    add.set_defaults(handler=_closure_add)

    show = sub.add_parser("show", help="顯示某年辦公日曆 (show one year)")
    show.add_argument("year", type=int)
    show.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(show)
    show.set_defaults(handler=_show)


def _import(args: argparse.Namespace) -> int:
    from backoffice.policy.calendar import CalendarFormatError
    from backoffice.services.admin.calendar import import_office_calendar_csv
    from backoffice.services.authz import ADMIN_ROLES, require_officer

    try:
        if args.path.stat().st_size > MAX_CALENDAR_BYTES:
            raise CliError(f"{args.path.name}: larger than {MAX_CALENDAR_BYTES:,} bytes: not an office calendar",
                           EXIT_NEGATIVE)
        data = args.path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.path}: {exc.strerror}", EXIT_UNREACHABLE) from exc
    with open_uow(args.url) as uow:
        actor = acting_officer(args)
        if actor is not None:  # recorded in the audit event: it must be an active administrator
            require_officer(uow.session, actor, "import the office calendar", ADMIN_ROLES)
        try:
            result = import_office_calendar_csv(uow.session, data, args.path.name, officer_id=actor)
        except CalendarFormatError as exc:
            raise CliError(f"{args.path.name} 第 {exc.line} 行 (line {exc.line}): {exc.reason_zh} / {exc.reason}",
                           EXIT_NEGATIVE) from exc
        uow.commit()
    emit(result.to_json(), args.json, lambda d: "\n".join(
        f"{y['year']} ({y['year'] - 1911} 年): {y['days']} 日, 放假 {y['days_off']} 日, "
        f"補行上班 {y['makeup_workdays']} 日" + (" (未變更 unchanged)" if y["unchanged"] else "")
        for y in d["years"]))
    return 0


def _closure_add(args: argparse.Namespace) -> int:
    from backoffice.services.admin.calendar import CalendarError, add_closure

    day = parse_iso_date(args.day)
    with open_uow(args.url) as uow:
        try:
            add_closure(uow.session, day, args.note, officer_id=acting_officer(args))
        except CalendarError as exc:
            raise CliError(f"{exc.reason_zh} ({exc.reason})", EXIT_NEGATIVE) from exc
        uow.commit()
    emit({"day": day, "note": args.note.strip(), "closed": True}, args.json,
         lambda d: f"{d['day']} 停止上班 (office closed): {d['note']}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from backoffice.services.admin.calendar import describe_year

    if not 1900 <= args.year <= 2199:
        raise CliError(f"year {args.year} outside 1900..2199", EXIT_UNREACHABLE)
    with open_uow(args.url) as uow:
        view = describe_year(uow.session, args.year)
    emit(view.to_json(), args.json, lambda d: (
        f"{d['year']}: {'已匯入 imported' if d['imported'] else '未匯入，暫定 provisional (holidays fallback)'}; "
        f"工作天 working days {d['working_days']}, 放假 days off {len(d['days_off'])}, "
        f"補行上班 {len(d['makeup_workdays'])}, 停止上班 closures {len(d['closures'])}"))
    return 0
