"""``backoffice-admin audit checkpoint|verify``: the audit chain's head kept outside the database, and
its full verification (chain, checkpoints, signed decisions, books).

Exit codes: 0 fine, 1 verification found a broken link (the first one is printed), 2 database,
file or usage problem, 3 the card failed, 4 a wrong or locked PIN.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from backoffice.cli._common import (
    EXIT_NEGATIVE,
    EXIT_UNREACHABLE,
    EXIT_UNREADABLE,
    EXIT_WRONG_PIN,
    CliError,
    emit,
)
from backoffice.cli._session import add_url_argument, open_uow


def register(subparsers: Any) -> None:
    audit = subparsers.add_parser("audit", help="稽核鏈 (the hash-chained audit log)")
    sub = audit.add_subparsers(dest="audit_command", metavar="SUBCOMMAND")
    sub.required = True

    cp = sub.add_parser("checkpoint", help="寫出稽核鏈檢查點 (write the chain head to a file, optionally signed)")
    add_url_argument(cp)
    cp.add_argument("--out", type=Path, required=True, help="checkpoint file to write")
    cp.add_argument("--pkcs11-module", default=None,
                    help="sign with a supervisor's card through this PKCS#11 module (PIN: BACKOFFICE_PIN or asked)")
    cp.add_argument("--token-label", default=None, help="token label when several cards are present")
    cp.add_argument("--json", action="store_true", help="print one JSON document")
    cp.set_defaults(handler=_checkpoint)

    ver = sub.add_parser("verify", help="驗證稽核鏈、簽章與帳務 (verify the chain, signatures and books)")
    add_url_argument(ver)
    ver.add_argument("--checkpoint", type=Path, action="append", default=[], help="checkpoint file (repeatable)")
    ver.add_argument("--trust-dir", type=Path, default=None,
                     help="trust anchors for decision certificates (default: BACKOFFICE_TRUST_DIR or resources/trust)")
    ver.add_argument("--workers", type=int, default=None,
                     help="processes hashing a long chain (default: SQLite 2, or 1 on one core; PostgreSQL 1, "
                          "the server does the other half: docs/performance.md)")
    ver.add_argument("--json", action="store_true", help="print one JSON document")
    ver.set_defaults(handler=_verify)


def _sign(module: str, label: str | None, payload: bytes) -> Any:
    from backoffice.cli.card_sign import PIN_LEVEL_TEXT, _read_pin
    from backoffice.smartcard import pkcs11
    from backoffice.smartcard.signing import sign_bytes

    try:
        tokens = pkcs11.find_tokens(module, label)
        level = max((t.pin_state.level.value for t in tokens), key=list(PIN_LEVEL_TEXT).index)
        if len(tokens) == 1 and tokens[0].pin_state.locked:
            raise pkcs11.PinLockedError(tokens[0].pin_state)
        pin = _read_pin(level)
        if not pin:  # an empty PIN would only spend one of the card's tries
            raise CliError("未輸入 PIN (empty PIN refused)", EXIT_UNREACHABLE)
        blob = sign_bytes(module, payload, pin, token_label=label)
        del pin
    except (pkcs11.ModuleLoadError, pkcs11.TokenNotFound) as exc:
        raise CliError(str(exc), EXIT_UNREACHABLE) from None
    except pkcs11.PinLockedError:
        raise CliError(PIN_LEVEL_TEXT["locked"], EXIT_WRONG_PIN) from None
    except pkcs11.WrongPinError as exc:
        raise CliError(f"PIN 錯誤 wrong PIN ({exc.rv_name})", EXIT_WRONG_PIN) from None
    except pkcs11.Pkcs11Error as exc:
        raise CliError(f"card error: {exc}", EXIT_UNREADABLE) from None
    return blob


def _checkpoint(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from backoffice.services.admin import checkpoints

    with open_uow(args.url) as uow:
        cp = checkpoints.current_head(uow)
    if args.pkcs11_module:
        blob = _sign(args.pkcs11_module, args.token_label, cp.signed_bytes())
        cp = replace(cp, cert_der=blob.cert_der, signature=blob.signature)
    try:
        args.out.write_text(cp.text(), encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror}") from None
    doc = {"out": str(args.out), "seq": cp.seq, "hash": cp.hash, "at": cp.at.isoformat(),
           "signed": cp.signature is not None}
    emit(doc, args.json, lambda d: f"檢查點 checkpoint {d['seq']} {d['hash'][:16]}… -> {d['out']}"
         + (" (已簽署 signed)" if d["signed"] else ""))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from backoffice.config import load_settings
    from backoffice.services.admin import audit_verify, checkpoints

    trust_dir = args.trust_dir or load_settings().trust_dir
    with open_uow(args.url) as uow:
        try:
            workers = args.workers
            if workers is None:
                sqlite = uow.session.get_bind().dialect.name == "sqlite"
                workers = min(2, os.cpu_count() or 1) if sqlite else 1
            report = audit_verify.verify(uow, args.checkpoint, trust_dir, max(1, workers))
        except checkpoints.CheckpointError as exc:
            raise CliError(f"檢查點無法讀取 checkpoint unreadable: {exc}") from None
    doc = report.to_json()

    def text(d: dict[str, Any]) -> str:
        if d["ok"]:
            return (f"稽核鏈完整 chain intact: {d['events']} events, {d['decisions']} decisions, "
                    f"{d['grants']} grants, {d['checkpoints']} checkpoints")
        first = d["first_broken"]
        return (f"稽核鏈有誤 broken at seq {first['seq']} ({first['check']}"
                f"{', ' + first['entity'] if first['entity'] else ''}): {first['what']}; "
                f"{len(d['problems'])} problem(s)")

    emit(doc, args.json, text)
    return 0 if report.ok else EXIT_NEGATIVE
