"""`backoffice-admin export applications|orders --out FILE.xlsx`: lists to Excel (audited)."""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.cli._common import EXIT_UNREACHABLE, CliError, emit, parse_iso_date
from backoffice.cli._session import add_url_argument, open_uow


def register(subparsers: Any) -> None:
    export = subparsers.add_parser("export", help="匯出 Excel (export lists to .xlsx)")
    sub = export.add_subparsers(dest="export_command", metavar="SUBCOMMAND")
    sub.required = True

    apps = sub.add_parser("applications", help="匯出申請案件佇列 (export the application queue)")
    apps.add_argument("--status", action="append", default=[],
                      help="submitted | under_review | supplement_requested | approved | rejected | withdrawn "
                           "(repeat for several)")
    apps.add_argument("--search", default="", help="UBN prefix, name or case number")
    apps.add_argument("--overdue", action="store_true", help="only overdue cases")
    apps.add_argument("--limit", type=int, help="at most this many rows")
    _common(apps)
    apps.set_defaults(handler=_applications)

    orders = sub.add_parser("orders", help="匯出訂單與期限判定 (export orders with deadline verdicts)")
    orders.add_argument("--breach", choices=("any", "breached", "warning"),
                        help="only orders with a breached (or provisionally breached) deadline")
    orders.add_argument("--status", help="one order status (e.g. submitted, paid)")
    orders.add_argument("--search", default="", help="UBN prefix, name or order number")
    orders.add_argument("--limit", type=int, help="at most this many rows")
    _common(orders)
    orders.set_defaults(handler=_orders)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, help="the .xlsx file to write (replaced if it exists)")
    p.add_argument("--as-of", help="YYYY-MM-DD: judge overdue/deadlines on this Taipei date (default today)")
    p.add_argument("--officer", "--as", dest="officer", type=int, metavar="OFFICER_ID",
                   help="id of the officer making the export (required: 承辦人/主管, or 會計 for orders; "
                        "recorded in the audit log)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(p)


def _as_of(args: argparse.Namespace) -> Any:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return parse_iso_date(args.as_of) if args.as_of else datetime.now(ZoneInfo("Asia/Taipei")).date()


def _render(doc: dict[str, Any]) -> str:
    return f"已匯出 exported {doc['rows']:,} 列 rows -> {doc['path']}"


def _applications(args: argparse.Namespace) -> int:
    from backoffice.cli._actor import permission_error
    from backoffice.cli._common import database_errors
    from backoffice.db.enums import ApplicationStatus
    from backoffice.services.applications.queue import QueueQuery, QueueQueryError
    from backoffice.services.authz import PermissionDenied
    from backoffice.services.finance import exports

    try:
        statuses = tuple(ApplicationStatus(s) for s in args.status)
    except ValueError as exc:
        raise CliError(f"unknown status: {exc}", EXIT_UNREACHABLE) from exc
    query = QueueQuery(statuses=statuses, search=args.search, overdue=True if args.overdue else None)
    today = _as_of(args)
    with open_uow(args.url) as uow, database_errors():
        try:
            result = exports.export_applications_xlsx(uow, query, args.out, today=today, viewer_id=args.officer,
                                                      limit=args.limit)
        except PermissionDenied as exc:  # a PermissionError, hence an OSError: caught first
            raise permission_error(exc) from exc
        except (exports.ExportError, QueueQueryError, OSError) as exc:
            raise CliError(str(exc), EXIT_UNREACHABLE) from exc
    emit(result.to_json(), args.json, _render)
    return 0


def _orders(args: argparse.Namespace) -> int:
    from backoffice.cli._actor import permission_error
    from backoffice.cli._common import database_errors
    from backoffice.services.authz import PermissionDenied
    from backoffice.services.finance import exports

    as_of = _as_of(args)
    with open_uow(args.url) as uow, database_errors():
        try:
            result = exports.export_orders_xlsx(uow, args.out, as_of=as_of, officer_id=args.officer,
                                                limit=args.limit, breach=args.breach, status=args.status,
                                                search=args.search)
        except PermissionDenied as exc:
            raise permission_error(exc) from exc
        except (exports.ExportError, OSError, ValueError) as exc:
            raise CliError(str(exc), EXIT_UNREACHABLE) from exc
    emit(result.to_json(), args.json, _render)
    return 0
