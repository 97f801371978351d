"""`backoffice-admin quote order|refund|validity`: the figures of RULES §7-§8, with their clauses.

``order`` and ``refund`` are pure policy answers (no database); ``validity`` needs the database's
office calendar (working days) and says ``provisional`` when the fallback calendar was used.
"""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.cli._common import EXIT_UNREACHABLE, CliError, emit, parse_iso_date
from backoffice.cli._session import add_url_argument, open_uow


def _amount(value: str) -> int:
    try:
        n = int(value.replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {value!r}")
    return n


def _date(value: str) -> Any:
    try:
        return parse_iso_date(value)
    except CliError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("quote", help="試算點數與退款 (quote points, refunds, validity)")
    sub = parser.add_subparsers(dest="quote_command", metavar="KIND")
    sub.required = True

    order = sub.add_parser("order", help="訂單點數／自付款拆分 (split an order total)")
    order.add_argument("--total", type=_amount, required=True, help="order total T (NT$, tax included)")
    order.add_argument("--balance", type=_amount, required=True, help="available points")
    order.add_argument("--json", action="store_true", help="print one JSON document")
    order.set_defaults(handler=_order)

    refund = sub.add_parser("refund", help="終止契約退還試算 (refund on termination)")
    refund.add_argument("--points", type=_amount, required=True, help="points P used by the order")
    refund.add_argument("--self-pay", type=_amount, required=True, help="self-pay C actually paid")
    refund.add_argument("--start", type=_date, required=True, help="first day of service S")
    refund.add_argument("--term-months", type=int, required=True, help="contract term m in months")
    refund.add_argument("--end", type=_date, required=True, help="termination effective date E (last day)")
    refund.add_argument("--json", action="store_true", help="print one JSON document")
    refund.set_defaults(handler=_refund)

    validity = sub.add_parser("validity", help="返還點數效期 (validity of returned points)")
    validity.add_argument("--issued", type=_date, required=True, help="original issue date D0")
    validity.add_argument("--returned", type=_date, required=True, help="return date R")
    validity.add_argument("--deadline", type=_date, help="subsidy deadline (補助期限)")
    validity.add_argument("--exhausted-on", type=_date, help="day the budget was announced exhausted")
    validity.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(validity)
    validity.set_defaults(handler=_validity)


def _clauses_text(refs: list[str]) -> str:
    from backoffice.policy.clauses import describe

    return "\n".join(f"  {r}: {describe(r).title_zh} / {describe(r).title_en}" for r in refs)


def _order(args: argparse.Namespace) -> int:
    from backoffice.policy.orders import quote_order

    q = quote_order(args.total, args.balance)
    doc = {"total": q.total, "points": q.points, "self_pay": q.self_pay, "clauses": list(q.clauses)}
    emit(doc, args.json, lambda d: f"點數 points {d['points']:,}  自付款 self-pay {d['self_pay']:,}\n"
         + _clauses_text(d["clauses"]))
    return 0


def _refund(args: argparse.Namespace) -> int:
    from backoffice.policy.refunds import quote_refund

    try:
        q = quote_refund(args.points, args.self_pay, args.start, args.term_months, args.end)
    except ValueError as exc:
        raise CliError(str(exc), EXIT_UNREACHABLE) from exc
    doc = {
        "months_used": q.months_used, "term_months": q.term_months, "half_or_more": q.half_or_more,
        "points_used": q.points_used, "points_refund": q.points_refund,
        "self_pay_used": q.self_pay_used, "self_pay_refund": q.self_pay_refund, "clauses": list(q.clauses),
    }
    emit(doc, args.json, lambda d: (
        f"已使用 {d['months_used']}/{d['term_months']} 個月 (months used)\n"
        f"退還點數 points refund {d['points_refund']:,}  退還自付款 self-pay refund {d['self_pay_refund']:,}\n"
        + _clauses_text(d["clauses"])))
    return 0


def _validity(args: argparse.Namespace) -> int:
    from backoffice.policy.points import returned_points_validity
    from backoffice.services.admin.calendar import load_office_calendar

    with open_uow(args.url) as uow:
        calendar = load_office_calendar(uow.session)
    ans = returned_points_validity(args.issued, args.returned, args.deadline, args.exhausted_on, calendar)
    doc = {"returned": ans.returned, "valid_until": ans.valid_until, "provisional": ans.provisional,
           "clauses": list(ans.clauses)}
    emit(doc, args.json, lambda d: (
        (f"返還點數有效至 valid until {d['valid_until']}" if d["returned"] else "不予返還 forfeited")
        + (" (暫定 provisional: office calendar not imported)" if d["provisional"] else "")
        + "\n" + _clauses_text(d["clauses"])))
    return 0
