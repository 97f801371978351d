"""`backoffice-admin refund list|show|escalate|resolve|submit|approve|return|verify` (stable interface).

``approve`` and ``return`` are signed with the supervisor's card through PKCS#11: the PIN comes
from ``BACKOFFICE_PIN`` or a prompt (never an argument), is tried once, never stored nor printed;
an empty PIN is refused before the card sees it. Role, four eyes and state are checked before
the PIN is asked. Exit codes: 0 done, 1 refused (role, four eyes, state, bad input) with a
one-line reason, 2 database/module/token unreachable, 3 card failure, 4 wrong or locked PIN.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from backoffice.cli._common import (
    EXIT_NEGATIVE,
    CliError,
    database_errors,
    emit,
    parse_iso_date,
)
from backoffice.cli._session import add_url_argument, open_uow

STATES = ("awaiting_confirmation", "confirmed", "disputed", "escalated", "resolved", "submitted", "approved",
          "returned")


def register(subparsers: Any) -> None:
    refund = subparsers.add_parser("refund", help="退訂退款案件 (refund cases of terminated contracts)")
    sub = refund.add_subparsers(dest="refund_command", metavar="SUBCOMMAND")
    sub.required = True

    def cmd(name: str, helptext: str, handler: Callable[[argparse.Namespace], int]) -> Any:
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--json", action="store_true", help="print one JSON document")
        add_url_argument(p)
        p.set_defaults(handler=handler)
        return p

    p = cmd("list", "列出案件 (list cases)", _list)
    p.add_argument("--state", choices=STATES)
    p = cmd("show", "案件明細 (one case with confirmations, history, clauses)", _show)
    p.add_argument("case_id", type=int)
    p = cmd("escalate", "逾期未確認移送承辦 (escalate cases whose window ended on or before D)", _escalate)
    p.add_argument("--as-of", required=True, help="YYYY-MM-DD")
    p = cmd("resolve", "承辦認定 (record the officer's finding; figures recomputed from E)", _resolve)
    p.add_argument("case_id", type=int)
    p.add_argument("--officer", type=int, required=True, help="officer id")
    p.add_argument("--effective-on", required=True, help="YYYY-MM-DD: the last day of service E")
    p.add_argument("--reason", required=True)
    p = cmd("submit", "送主管核定 (submit for a supervisor's approval)", _submit)
    p.add_argument("case_id", type=int)
    p.add_argument("--officer", type=int, required=True, help="officer id")
    for name, helptext in (("approve", "主管核定並入帳 (approve with the card and post)"),
                           ("return", "主管退回承辦 (return to the officer with a reason, signed)")):
        p = cmd(name, helptext, _decide)
        p.add_argument("case_id", type=int)
        p.add_argument("--supervisor", type=int, required=True, help="supervisor's officer id")
        if name == "return":
            p.add_argument("--reason", required=True)
        p.add_argument("--pkcs11-module", default=os.environ.get("BACKOFFICE_PKCS11_MODULE"),
                       help="PKCS#11 module path (default $BACKOFFICE_PKCS11_MODULE)")
        p.add_argument("--token-label", default=None, help="token label when several cards are present")
        p.set_defaults(action=name)
    p = cmd("verify", "驗證主管簽章 (check the signature against the stored case)", _verify)
    p.add_argument("case_id", type=int)


def _today() -> date:
    from backoffice.services.refunds.workflow import taipei_date

    return taipei_date(datetime.now(UTC))


def _refused(exc: Exception) -> CliError:
    return CliError(str(exc).splitlines()[0], EXIT_NEGATIVE)


def _expected() -> tuple[type[Exception], ...]:
    from backoffice.services.refunds.errors import PermissionDenied, RefundError

    return (RefundError, PermissionDenied)


def _show_doc(uow: Any, case_id: int, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    from backoffice.policy.results import jsonable
    from backoffice.services.refunds import queries

    doc = queries.case_detail(uow, case_id, today=_today()).cli_json()
    doc.update(extra or {})
    return jsonable(doc)  # type: ignore[no-any-return]


def _text(d: dict[str, Any]) -> str:
    return (f"#{d['id']} {d['termination']} {d['order']} {d['state']} 期限 {d['window_ends_on']} "
            f"已用 {d['months_used']} 月 點數返還 {d['points_refund']:,} 自付款退還 {d['self_pay_refund']:,}")


def _list(args: argparse.Namespace) -> int:
    from backoffice.db.enums import RefundStatus
    from backoffice.services.refunds import queries

    with open_uow(args.url) as uow, database_errors():
        rows = queries.list_cases(uow, state=RefundStatus(args.state) if args.state else None, today=_today())
    emit([r.cli_json() for r in rows], args.json, lambda docs: "\n".join(_text(d) for d in docs) or "（無案件 none）")
    return 0


def _show(args: argparse.Namespace) -> int:
    with open_uow(args.url) as uow, database_errors():
        try:
            doc = _show_doc(uow, args.case_id)
        except _expected() as exc:
            raise _refused(exc) from None
    emit(doc, args.json)
    return 0


def _escalate(args: argparse.Namespace) -> int:
    from backoffice.services.refunds import workflow

    as_of = parse_iso_date(args.as_of)
    with open_uow(args.url) as uow, database_errors():
        n = workflow.escalate(uow, as_of)
    emit({"escalated": n}, args.json, lambda d: f"{as_of}: 移送承辦 escalated {d['escalated']:,}")
    return 0


def _resolve(args: argparse.Namespace) -> int:
    from backoffice.services.refunds import workflow

    effective_on = parse_iso_date(args.effective_on)
    with open_uow(args.url) as uow, database_errors():
        try:
            r = workflow.resolve(uow, args.case_id, args.officer, effective_on=effective_on, reason=args.reason)
        except _expected() as exc:
            raise _refused(exc) from None
        doc = _show_doc(uow, args.case_id, {"action": r.action, "previous_state": r.from_status})
    emit(doc, args.json, _text)
    return 0


def _submit(args: argparse.Namespace) -> int:
    from backoffice.services.refunds import workflow

    with open_uow(args.url) as uow, database_errors():
        try:
            r = workflow.submit(uow, args.case_id, args.officer)
        except _expected() as exc:
            raise _refused(exc) from None
        doc = _show_doc(uow, args.case_id, {"action": r.action, "previous_state": r.from_status})
    emit(doc, args.json, _text)
    return 0


def _read_pin(level: str) -> str:
    from backoffice.cli.card_sign import _read_pin as read_pin

    pin = read_pin(level)
    if not pin:  # never spend one of the card's tries on nothing
        raise CliError("未輸入 PIN，拒絕簽署 (empty PIN refused)", EXIT_NEGATIVE)
    return pin


def _decide(args: argparse.Namespace) -> int:
    from backoffice.cli.card_sign import PIN_LEVEL_TEXT, card_errors
    from backoffice.services.refunds import workflow
    from backoffice.smartcard import pkcs11
    from backoffice.smartcard.signing import SignedBlob, sign_bytes

    if not args.pkcs11_module:
        raise CliError("no PKCS#11 module: give --pkcs11-module or set BACKOFFICE_PKCS11_MODULE")
    # Card errors (module, token, PIN, certificate) as one line and their exit code.
    with open_uow(args.url) as uow, database_errors(), card_errors():
        try:
            workflow.precheck_decision(uow, args.case_id, args.supervisor, args.action)
            cert = workflow.supervisor_certificate(uow, args.supervisor)
        except _expected() as exc:
            raise _refused(exc) from None
        if cert is None:
            raise CliError(f"officer {args.supervisor} has no card certificate bound", EXIT_NEGATIVE)
        try:
            tokens = pkcs11.find_tokens(args.pkcs11_module, args.token_label)
            level = max((t.pin_state.level.value for t in tokens), key=list(PIN_LEVEL_TEXT).index)
            if len(tokens) == 1 and tokens[0].pin_state.locked:
                raise pkcs11.PinLockedError(tokens[0].pin_state)
            secret = {"pin": _read_pin(level)}  # cleared once the decision is signed or refused

            def signer(payload: bytes) -> SignedBlob:
                return sign_bytes(args.pkcs11_module, payload, secret["pin"], token_label=args.token_label,
                                  expected_cert_der=cert)

            try:
                if args.action == "approve":
                    r = workflow.approve(uow, args.case_id, args.supervisor, signer=signer)
                else:
                    r = workflow.return_case(uow, args.case_id, args.supervisor, reason=args.reason, signer=signer)
            finally:
                secret.clear()
        except _expected() as exc:
            raise _refused(exc) from None
        doc = _show_doc(uow, args.case_id, {"action": r.action, "previous_state": r.from_status,
                                            "signed": r.signed})
    emit(doc, args.json, _text)
    return 0


def _verify(args: argparse.Namespace) -> int:
    from backoffice.services.refunds.signed import verify_case

    with open_uow(args.url) as uow, database_errors():
        try:
            v = verify_case(uow, args.case_id)
        except _expected() as exc:
            raise _refused(exc) from None
    emit({"ok": v.ok, "status": v.status}, args.json,
         lambda d: f"#{args.case_id}: {'簽章有效 valid' if d['ok'] else '簽章無效 ' + d['status']}")
    return 0 if v.ok else EXIT_NEGATIVE
