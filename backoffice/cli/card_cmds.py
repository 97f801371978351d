"""`backoffice-admin card ...`: readers, read, watch (PC/SC) and sign (PKCS#11, see below).

Exit codes (stable): 0 read (whatever the validation status), 2 no reader / no card,
3 the card cannot be read (busy, pulled out, not HiCOS, malformed data), 4 wrong PIN.
"""

from __future__ import annotations

import argparse
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from backoffice.cli._common import EXIT_UNREACHABLE, EXIT_UNREADABLE, CliError, emit, parse_iso_date

TAIPEI = timezone(timedelta(hours=8))


def register(subparsers: Any) -> None:
    card = subparsers.add_parser("card", help="IC 卡讀卡機與憑證 (card readers and certificates)")
    sub = card.add_subparsers(dest="card_command", metavar="SUBCOMMAND")
    sub.required = True

    p = sub.add_parser("readers", help="列出讀卡機 (list readers and whether a card is present)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_readers)

    p = sub.add_parser("read", help="讀取並驗證卡片憑證 (read and validate the signature certificate)")
    p.add_argument("--reader", help="reader name (default: the first reader holding a card)")
    p.add_argument("--trust-dir", type=Path, help="trust anchors (default: BACKOFFICE_TRUST_DIR or resources/trust)")
    p.add_argument("--crl-dir", type=Path, help="CRL files (default: BACKOFFICE_CRL_DIR)")
    p.add_argument("--at", help="validate at this date, YYYY-MM-DD (default: now)")
    p.add_argument("--busy-wait", type=float, default=0.0,
                   help="seconds to keep retrying while another program holds the card")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_read)

    p = sub.add_parser("watch", help="即時顯示讀卡機與卡片事件 (print reader and card events)")
    p.add_argument("--timeout", type=float, default=None, help="stop after this many seconds")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=cmd_watch)

    # `card sign` (PKCS#11) lives in backoffice/cli/card_sign.py, owned by the signing side.
    _register_sign(sub)


def _register_sign(sub: Any) -> None:
    try:
        from backoffice.cli import card_sign
    except ModuleNotFoundError as exc:
        if exc.name != "backoffice.cli.card_sign":
            raise
        return
    card_sign.register_sign(sub)


def _card_error(exc: Exception) -> CliError:
    from backoffice.smartcard.connection import CardBusyError, NoCardError, NoReaderError

    if isinstance(exc, NoReaderError | NoCardError):
        return CliError(f"{exc} / 找不到讀卡機或卡片", EXIT_UNREACHABLE)
    if isinstance(exc, CardBusyError):
        return CliError(f"{exc}; close that program and retry (or --busy-wait N) / 卡片正被其他程式使用，"
                        "請關閉該程式後重試", EXIT_UNREADABLE)
    return CliError(f"card cannot be read: {exc} / 無法讀取卡片", EXIT_UNREADABLE)


def cmd_readers(args: argparse.Namespace) -> int:
    from backoffice.smartcard import pcsc
    from backoffice.smartcard.connection import SmartCardError

    try:
        states = pcsc.list_readers()
    except SmartCardError as exc:
        raise _card_error(exc) from exc
    doc = [s.to_json() for s in states]
    emit(doc, args.json, lambda d: "\n".join(
        f"{r['name']}\t{'card' if r['card_present'] else 'empty'}" for r in d) or "no readers / 沒有讀卡機")
    return 0 if states else EXIT_UNREACHABLE


def _render_read(doc: dict[str, Any]) -> str:
    h, c, v = doc["holder"], doc["certificate"], doc["validation"]
    return "\n".join([
        f"reader      {doc['reader']}",
        f"card type   {doc['card_type']}",
        f"holder      {h['name']}  id_last4={h['id_last4']} ubn={h['ubn']} org_id={h['org_id']} type={h['subject_type']}",
        f"serial      {c['serial']}",
        f"subject     {c['subject']}",
        f"issuer      {c['issuer']}",
        f"valid       {c['not_before']} .. {c['not_after']}",
        f"sha256      {c['sha256']}",
        f"validation  {v['status']}: {v['detail']}",
        f"apdus       {doc['apdus']}",
    ])


def cmd_read(args: argparse.Namespace) -> int:
    from backoffice.config import load_settings
    from backoffice.smartcard.connection import SmartCardError
    from backoffice.smartcard.identify import identify_card

    settings = load_settings()
    at = None
    if args.at:
        at = datetime.combine(parse_iso_date(args.at), time(12, 0), TAIPEI)
    try:
        result = identify_card(args.reader, args.trust_dir or settings.trust_dir,
                               args.crl_dir or settings.crl_dir, at, busy_wait=args.busy_wait)
    except SmartCardError as exc:
        raise _card_error(exc) from exc
    emit(result.to_json(), args.json, _render_read)
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    import sys

    from backoffice.smartcard.events import CardWatcher

    watcher = CardWatcher()
    for event in watcher.events(timeout=args.timeout):
        if args.json:
            emit(event.to_json(), True)
        else:
            atr = f" {event.atr.hex().upper()}" if event.atr else ""
            print(f"{datetime.now():%H:%M:%S} {event.kind.value:<15} {event.reader}{atr}")
        sys.stdout.flush()
    return 0
