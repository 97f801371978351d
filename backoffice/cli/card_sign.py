"""`backoffice-admin card sign`: sign a file with the card through PKCS#11.

Registered by ``card_cmds.register`` with ``register_sign(card_subparsers)``. The PIN comes from
``BACKOFFICE_PIN`` (scripts, tests) or is asked without echo; it is tried once, never stored,
never printed. Exit codes: 0 signed, 2 no module / no token, 4 wrong or locked PIN,
3 the card failed during the operation.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from backoffice.cli._common import EXIT_UNREACHABLE, EXIT_UNREADABLE, EXIT_WRONG_PIN, CliError, emit

PIN_ENV = "BACKOFFICE_PIN"

# Shown before the PIN is asked, so the officer knows what one more wrong PIN would do.
PIN_LEVEL_TEXT = {
    "ok": "PIN 狀態正常 (PIN OK)",
    "count_low": "注意：先前曾輸入錯誤的 PIN (a wrong PIN was entered before)",
    "final_try": "警告：再錯一次 PIN 將鎖卡 (final try: one more wrong PIN locks the card)",
    "locked": "PIN 已鎖住，請洽發卡單位解鎖 (PIN locked: ask the issuer to unlock it)",
}


def register_sign(card_sub: Any) -> None:
    p = card_sub.add_parser("sign", help="以卡片簽署檔案 (sign a file with the card, SHA-256 RSA PKCS#1 v1.5)")
    p.add_argument("--pkcs11-module", default=os.environ.get("BACKOFFICE_PKCS11_MODULE"),
                   help="PKCS#11 module path (HiCOS: libHicos_p11.so; default $BACKOFFICE_PKCS11_MODULE)")
    p.add_argument("--token-label", default=None, help="token label when several cards are present")
    p.add_argument("--cert", type=Path, default=None,
                   help="expected certificate (DER/PEM): refuse to use the PIN on another card")
    p.add_argument("--in", dest="input", type=Path, required=True, help="file to sign")
    p.add_argument("--out", type=Path, required=True, help="signature file (raw PKCS#1 v1.5 bytes)")
    p.add_argument("--cert-out", type=Path, default=None, help="also write the signer certificate (DER)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.set_defaults(handler=_sign)


@contextmanager
def card_errors() -> Iterator[None]:
    """PKCS#11 and card-certificate errors as one line and the documented exit code (2 no module
    or token, 4 wrong or locked PIN, 3 any other card error); shared by every signing command."""
    from backoffice.smartcard import pkcs11
    from backoffice.smartcard.signing import CertificateMismatchError

    try:
        yield
    except (pkcs11.ModuleLoadError, pkcs11.TokenNotFound) as exc:
        raise CliError(str(exc), EXIT_UNREACHABLE) from None
    except pkcs11.PinLockedError:
        raise CliError(PIN_LEVEL_TEXT["locked"], EXIT_WRONG_PIN) from None
    except pkcs11.WrongPinError as exc:
        state = exc.pin_state.level.value
        raise CliError(f"PIN 錯誤 wrong PIN ({exc.rv_name}); {PIN_LEVEL_TEXT.get(state, state)}",
                       EXIT_WRONG_PIN) from None
    except CertificateMismatchError as exc:
        raise CliError(f"卡片憑證不符 certificate mismatch: {exc}", EXIT_UNREADABLE) from None
    except pkcs11.Pkcs11Error as exc:
        raise CliError(f"card error: {exc}", EXIT_UNREADABLE) from None


def _read_pin(level: str) -> str:
    """The PIN from ``BACKOFFICE_PIN`` or the prompt; an empty one is refused before the token
    sees it (an empty C_Login could count as a wrong try on some cards)."""
    pin = os.environ.get(PIN_ENV)
    if pin is not None:
        if not pin.strip():
            raise CliError(f"{PIN_ENV} 是空的，未送出 (empty PIN in {PIN_ENV}: not tried)", EXIT_UNREACHABLE)
        return pin
    import getpass

    print(PIN_LEVEL_TEXT.get(level, level), file=sys.stderr)
    try:
        pin = getpass.getpass("PIN: ")
    except EOFError:  # nothing to read: do not spend one of the card's tries on an empty PIN
        raise CliError("未輸入 PIN (no PIN entered)", EXIT_UNREACHABLE) from None
    if not pin.strip():
        raise CliError("未輸入 PIN (no PIN entered)", EXIT_UNREACHABLE)
    return pin


def _sign(args: argparse.Namespace) -> int:
    from backoffice.smartcard import pkcs11
    from backoffice.smartcard.signing import sign_bytes

    if not args.pkcs11_module:
        raise CliError("no PKCS#11 module: give --pkcs11-module or set BACKOFFICE_PKCS11_MODULE")
    try:
        payload = args.input.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.input}: {exc.strerror}") from None
    expected = None
    if args.cert is not None:
        from backoffice.services.admin.officers import OfficerError, load_certificate_file

        try:
            expected = load_certificate_file(args.cert)
        except (OSError, OfficerError) as exc:
            raise CliError(f"cannot read certificate {args.cert}: {exc}") from None
    with card_errors():
        tokens = pkcs11.find_tokens(args.pkcs11_module, args.token_label)
        # The worst state among the candidate tokens (several only without --token-label).
        level = max((t.pin_state.level.value for t in tokens), key=list(PIN_LEVEL_TEXT).index)
        if len(tokens) == 1 and tokens[0].pin_state.locked:  # no PIN prompt for a locked card
            raise pkcs11.PinLockedError(tokens[0].pin_state)
        pin = _read_pin(level)
        blob = sign_bytes(args.pkcs11_module, payload, pin, token_label=args.token_label,
                          expected_cert_der=expected)
        del pin
    try:
        args.out.write_bytes(blob.signature)
        if args.cert_out is not None:
            args.cert_out.write_bytes(blob.cert_der)
    except OSError as exc:
        raise CliError(f"cannot write {exc.filename}: {exc.strerror}") from None
    doc = {"out": str(args.out), "signature_bytes": len(blob.signature), **blob.to_json()}
    doc.pop("signature")
    doc.pop("certificate")
    emit(doc, args.json, lambda d: f"已簽署 signed: {d['out']} (cert sha256 {d['cert_sha256']})")
    return 0
