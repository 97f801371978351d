"""`backoffice-admin tax95a export`: the 95A withholding statements of a year (xlsx, PDF, U8 files).

``tax95a export --year YYYY [--vendor ID] --out DIR --json`` ->
``{"statements": n, "total": amount, "files": [{"path", "sha256"}]}``. Statements not issued yet
get their 製單編號 (changed ones a correction) as of ``--as-of``; the same ``--as-of`` gives the
same bytes again. Exit codes: 0 written, 2 bad usage / no database / no CJK font.
"""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.cli._common import EXIT_UNREACHABLE, CliError, database_errors, emit
from backoffice.cli._session import add_url_argument, open_uow


def register(subparsers: Any) -> None:
    tax = subparsers.add_parser("tax95a", help="95A 扣繳憑單 (withholding statements of a tax year)")
    sub = tax.add_subparsers(dest="tax95a_command", metavar="SUBCOMMAND")
    sub.required = True
    ex = sub.add_parser("export", help="產製扣繳憑單 xlsx、PDF 與媒體申報檔 (xlsx, PDF and <UBN>.<ROC>.U8 files)")
    ex.add_argument("--year", type=int, required=True, help="tax year (AD), the year of the payment dates")
    ex.add_argument("--vendor", help="only this vendor (the feed's id, e.g. V001)")
    ex.add_argument("--out", required=True, help="directory for the files (created if missing)")
    ex.add_argument("--as-of", help="YYYY-MM-DD (end of that day, Taipei) or an ISO date-time; default now")
    ex.add_argument("--office-code", default="", help="稽徵機關代號 of the vendor's tax office (U8 field 1)")
    ex.add_argument("--issue-method", choices=("1", "2", "3"), default="3",
                    help="憑單填發方式: 1 免填發, 2 電子憑單, 3 紙本憑單 (default 3)")
    ex.add_argument("--no-pdf", action="store_true", help="skip the PDFs (one per vendor)")
    ex.add_argument("--workers", type=int, default=1, help="processes rendering the vendors' PDFs (default 1)")
    ex.add_argument("--officer", type=int, help="id of the finance officer (audit log)")
    ex.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(ex)
    ex.set_defaults(handler=_export)


def parse_as_of(text: str | None) -> Any:
    from datetime import UTC, date, datetime, time
    from zoneinfo import ZoneInfo

    taipei = ZoneInfo("Asia/Taipei")
    if not text:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(23, 59, 59), taipei)
        value = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"not a date or date-time: {text!r}", EXIT_UNREACHABLE) from None
    return value if value.tzinfo else value.replace(tzinfo=taipei)


def _export(args: argparse.Namespace) -> int:
    from backoffice.services.authz import PermissionDenied
    from backoffice.services.finance import batches, tax95a
    from backoffice.services.finance.tax95a_pdf import FontNotFound

    as_of = parse_as_of(args.as_of)
    with open_uow(args.url) as uow, database_errors():
        vendor_id = None
        if args.vendor:
            vendor_id = batches.vendor_by_external_id(uow, args.vendor)
            if vendor_id is None:
                raise CliError(f"unknown vendor {args.vendor!r}", EXIT_UNREACHABLE)
        try:
            result = tax95a.export(uow, args.year, args.out, as_of=as_of, vendor_id=vendor_id, officer=args.officer,
                                   office=args.office_code, issue_method=args.issue_method, pdf=not args.no_pdf,
                                   workers=max(1, args.workers))
        except PermissionDenied as exc:
            raise CliError(f"權限不足 permission denied: {exc}", 1) from None
        except FontNotFound as exc:
            raise CliError(str(exc), EXIT_UNREACHABLE) from None
        except OSError as exc:
            raise CliError(f"cannot write {args.out}: {exc.strerror}", EXIT_UNREACHABLE) from None
    emit(result.to_json(), args.json, lambda d: "\n".join(
        [f"95A {args.year}: {d['statements']:,} 張 statements, NT${d['total']:,}"]
        + [f"  {f['path']}  sha256 {f['sha256']}" for f in d["files"]]))
    return 0
