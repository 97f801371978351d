"""`backoffice-admin settlement ...`: claim checks, payment batches, reconciliation (finance desk).

Stable JSON shapes (``--json`` prints one document):
- ``check``            -> {"payable": n, "held": [{"claim", "reasons": [...]}], "rejected": n}
- ``batch create``     -> {"batches": [{"id", "vendor", "claims": n, "total"}]}
- ``batch approve``    -> {"id", "status", "signed", "cert_sha256", "payload_sha256"}
- ``batch export``     -> {"path", "sha256", "lines": n}
- ``reconcile``        -> {"paid": n, "failed": n, "rejected": [{"row": k, "reason": "..."}]} (exit 1 if any)
Exit codes: 1 a negative answer (role, four eyes, nothing to batch, rejected rows), 2 bad usage or
no database/token, 3 the card failed, 4 a wrong or locked PIN.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from backoffice.cli._common import (
    EXIT_NEGATIVE,
    EXIT_UNREACHABLE,
    CliError,
    database_errors,
    emit,
    parse_iso_date,
)
from backoffice.cli._session import add_url_argument, open_uow


def register(subparsers: Any) -> None:
    st = subparsers.add_parser("settlement", help="請撥核銷 (settlement claims, payment batches, reconciliation)")
    sub = st.add_subparsers(dest="settlement_command", metavar="SUBCOMMAND")
    sub.required = True

    check = sub.add_parser("check", help="檢核請撥案件 (re-check every open claim; idempotent)")
    check.add_argument("--as-of", help="YYYY-MM-DD: judge term ends on this date (default today, Taipei)")
    _common(check)
    check.set_defaults(handler=_check)

    batch = sub.add_parser("batch", help="撥款批次 (payment batches)")
    bsub = batch.add_subparsers(dest="batch_command", metavar="ACTION")
    bsub.required = True
    create = bsub.add_parser("create", help="建立撥款批次 (one batch per vendor of the payable claims)")
    who = create.add_mutually_exclusive_group(required=True)
    who.add_argument("--vendor", help="the vendor's id in the feed (e.g. V001)")
    who.add_argument("--all", action="store_true", help="every vendor with payable claims")
    create.add_argument("--paid-on", required=True, help="YYYY-MM-DD: the payment date (its year is the 95A tax year)")
    create.add_argument("--officer", type=int, required=True, help="id of the finance officer preparing it")
    create.add_argument("--submitted-from", help="YYYY-MM-DD: only claims submitted on or after")
    create.add_argument("--submitted-to", help="YYYY-MM-DD: only claims submitted on or before")
    create.add_argument("--as-of", help="YYYY-MM-DD: re-check the claims as of this date (default today, Taipei)")
    _common(create)
    create.set_defaults(handler=_create)

    approve = bsub.add_parser("approve", help="核准撥款批次並以憑證卡簽章 (approve, signed with the card)")
    approve.add_argument("id", type=int, help="batch id")
    approve.add_argument("--officer", type=int, required=True, help="id of the approving officer (not the preparer)")
    approve.add_argument("--pkcs11-module", default=os.environ.get("BACKOFFICE_PKCS11_MODULE"),
                         help="PKCS#11 module path (default $BACKOFFICE_PKCS11_MODULE)")
    approve.add_argument("--token-label", default=None, help="token label of the officer's card")
    _common(approve)
    approve.set_defaults(handler=_approve)

    export = bsub.add_parser("export", help="匯出付款檔 (payment file: .csv or .xlsx by the extension)")
    export.add_argument("id", type=int, help="batch id")
    export.add_argument("--out", required=True, help="the file to write (replaced if it exists)")
    export.add_argument("--officer", type=int, help="id of the officer exporting (audit log)")
    _common(export)
    export.set_defaults(handler=_export)

    rec = sub.add_parser("reconcile", help="匯入銀行回覆檔對帳 (reconcile: reference,amount,paid_on,status,reason)")
    rec.add_argument("path", help="the bank's result file (.csv or .xlsx)")
    rec.add_argument("--officer", type=int, help="id of the finance officer importing it (audit log)")
    _common(rec)
    rec.set_defaults(handler=_reconcile)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(p)


def _today() -> Any:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Taipei")).date()


def _negative(exc: Exception) -> CliError:
    """Role, four-eyes and state refusals: exit 1 with the reason."""
    from backoffice.services.authz import PermissionDenied
    from backoffice.services.finance.batches import FourEyesViolation

    if isinstance(exc, FourEyesViolation):
        return CliError(f"四眼原則：批次建立者不得核准 (four eyes: the preparer may not approve batch {exc.batch_id})",
                        EXIT_NEGATIVE)
    if isinstance(exc, PermissionDenied):
        return CliError(f"權限不足 permission denied: {exc}", EXIT_NEGATIVE)
    return CliError(str(exc), EXIT_NEGATIVE)


def _check(args: argparse.Namespace) -> int:
    from backoffice.services.finance import settlement

    as_of = parse_iso_date(args.as_of) if args.as_of else _today()
    with open_uow(args.url) as uow, database_errors():
        result = settlement.check_claims(uow, as_of=as_of)
    emit(result.to_json(), args.json, lambda d: (
        f"可撥付 payable {d['payable']:,}; 暫緩 held {len(d['held']):,}; 駁回 rejected {d['rejected']:,}"))
    return 0


def _create(args: argparse.Namespace) -> int:
    from backoffice.services.authz import PermissionDenied
    from backoffice.services.finance import batches

    paid_on = parse_iso_date(args.paid_on)
    with open_uow(args.url) as uow, database_errors():
        vendor_id = None
        if args.vendor:
            vendor_id = batches.vendor_by_external_id(uow, args.vendor)
            if vendor_id is None:
                raise CliError(f"unknown vendor {args.vendor!r}", EXIT_UNREACHABLE)
        filters = batches.ClaimFilter(
            vendor_id=vendor_id,
            submitted_from=parse_iso_date(args.submitted_from) if args.submitted_from else None,
            submitted_to=parse_iso_date(args.submitted_to) if args.submitted_to else None)
        try:
            made = batches.create_batches(uow, args.officer, paid_on=paid_on, filters=filters,
                                           as_of=parse_iso_date(args.as_of) if args.as_of else _today())
        except (PermissionDenied, batches.BatchError) as exc:
            raise _negative(exc) from None
    emit({"batches": [b.to_json() for b in made]}, args.json, lambda d: "\n".join(
        f"批次 batch {b['id']}: {b['vendor']} {b['claims']:,} 筆 claims, NT${b['total']:,}" for b in d["batches"]))
    return 0


def _approve(args: argparse.Namespace) -> int:
    from backoffice.cli.card_sign import PIN_LEVEL_TEXT, _read_pin, card_errors
    from backoffice.services.applications.decisions import SignatureRequired, WrongSigningCard
    from backoffice.services.authz import PermissionDenied, require_officer
    from backoffice.services.finance import batches, settlement
    from backoffice.smartcard import pkcs11
    from backoffice.smartcard.signing import SignedBlob, sign_bytes

    if not args.pkcs11_module:
        raise CliError("no PKCS#11 module: give --pkcs11-module or set BACKOFFICE_PKCS11_MODULE")
    # Card errors (module, token, PIN, certificate) as one line and their exit code.
    with open_uow(args.url) as uow, database_errors(), card_errors():
        try:
            me = require_officer(uow.session, args.officer, "approve a payment batch", settlement.APPROVER_ROLES)
        except PermissionDenied as exc:
            raise _negative(exc) from None
        expected = bytes(me.cert_der) if me.cert_der else None

        def signer(payload: bytes) -> SignedBlob:
            tokens = pkcs11.find_tokens(args.pkcs11_module, args.token_label)
            level = max((t.pin_state.level.value for t in tokens), key=list(PIN_LEVEL_TEXT).index)
            if len(tokens) == 1 and tokens[0].pin_state.locked:
                raise pkcs11.PinLockedError(tokens[0].pin_state)
            pin = _read_pin(level)
            try:
                return sign_bytes(args.pkcs11_module, payload, pin, token_label=args.token_label,
                                  expected_cert_der=expected)
            finally:
                del pin

        try:
            result = batches.approve_batch(uow, args.id, args.officer, signer=signer)
        except (PermissionDenied, batches.BatchError, SignatureRequired, WrongSigningCard) as exc:
            raise _negative(exc) from None
    emit(result.to_json(), args.json, lambda d: f"已核准 approved batch {d['id']} (cert sha256 {d['cert_sha256']})")
    return 0


def _export(args: argparse.Namespace) -> int:
    from backoffice.services.authz import PermissionDenied
    from backoffice.services.finance import batches

    with open_uow(args.url) as uow, database_errors():
        try:
            result = batches.export_batch(uow, args.id, args.out, officer=args.officer)
        except (PermissionDenied, batches.BatchError) as exc:
            raise _negative(exc) from None
        except OSError as exc:
            raise CliError(f"cannot write {args.out}: {exc.strerror}", EXIT_UNREACHABLE) from None
    emit(result.to_json(), args.json, lambda d: f"已匯出 exported {d['lines']:,} 筆 lines -> {d['path']} "
                                                f"(sha256 {d['sha256']})")
    return 0


def _reconcile(args: argparse.Namespace) -> int:
    from backoffice.services.authz import PermissionDenied
    from backoffice.services.finance import reconcile

    with open_uow(args.url) as uow, database_errors():
        try:
            result = reconcile.reconcile_file(uow, args.path, officer=args.officer)
        except reconcile.NothingToReconcile as exc:
            raise CliError(f"檔案未變更任何明細 nothing to reconcile: {exc.problem}", EXIT_NEGATIVE) from None
        except reconcile.ReconcileError as exc:
            raise CliError(f"cannot read {args.path}: {exc.problem}", EXIT_UNREACHABLE) from None
        except PermissionDenied as exc:
            raise _negative(exc) from None
        except OSError as exc:
            raise CliError(f"cannot read {args.path}: {exc.strerror}", EXIT_UNREACHABLE) from None
    emit(result.to_json(), args.json, lambda d: "\n".join(
        [f"已付 paid {d['paid']:,}; 失敗 failed {d['failed']:,}; 退回列 rejected rows {len(d['rejected']):,}"]
        + [f"  第 {r['row']} 列 row: {r['reason']}" for r in d["rejected"]]))
    return EXIT_NEGATIVE if result.rejected else 0
