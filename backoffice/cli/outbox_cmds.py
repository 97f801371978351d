"""`backoffice-admin outbox send|list`: the queued notification e-mails (transactional outbox).

Decisions only queue their e-mails in the database; ``outbox send`` delivers them through the SMTP
server of ``BACKOFFICE_SMTP_HOST``/``_PORT``/``_SENDER``. Exit codes: 0 every tried e-mail was sent
(or none was pending), 1 some e-mails failed (recorded, retried by the next run),
2 no SMTP server configured / the database cannot be reached or has no schema.
Each e-mail is claimed before it is sent, so several `outbox send` at once (timers on two desks)
never deliver one e-mail twice; a failed e-mail is retried after a backoff (`list` shows when).
"""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.cli._common import EXIT_NEGATIVE, EXIT_UNREACHABLE, CliError, database_errors, emit
from backoffice.cli._session import add_url_argument, open_uow


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("outbox", help="待寄通知信 (queued notification e-mails)")
    sub = parser.add_subparsers(dest="outbox_command", metavar="SUBCOMMAND")
    sub.required = True

    send = sub.add_parser("send", help="寄出待寄信件 (send the pending e-mails by SMTP)")
    send.add_argument("--limit", type=int, default=100, help="at most this many e-mails (default 100)")
    send.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(send)
    send.set_defaults(handler=_send)

    lst = sub.add_parser("list", help="列出未寄出信件 (list the unsent e-mails)")
    lst.add_argument("--all", action="store_true", help="include the e-mails already sent")
    lst.add_argument("--limit", type=int, default=50, help="at most this many rows (default 50)")
    lst.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(lst)
    lst.set_defaults(handler=_list)


def _positive(limit: int) -> int:
    if limit < 1:
        raise CliError("--limit must be at least 1", EXIT_UNREACHABLE)
    return limit


def _send(args: argparse.Namespace) -> int:
    from backoffice.config import load_settings
    from backoffice.db.session import UnitOfWork
    from backoffice.services.admin import outbox

    limit = _positive(args.limit)
    config = outbox.SmtpConfig.from_settings(load_settings())
    if config is None:
        raise CliError("未設定 SMTP 伺服器 (no SMTP server): set BACKOFFICE_SMTP_HOST", EXIT_UNREACHABLE)
    with open_uow(args.url) as uow, database_errors():
        # send_pending opens one transaction per e-mail: give it units of work on the same engine.
        factory = uow.session_factory
        report = outbox.send_pending(lambda: UnitOfWork(factory), config, limit=limit)
        with UnitOfWork(factory) as after:
            left = outbox.pending_count(after)
    doc = {**report.to_json(), "pending": left, "smtp": f"{config.host}:{config.port}"}
    emit(doc, args.json, lambda d: "\n".join(
        [f"寄出 sent {d['sent']}, 失敗 failed {d['failed']}, 待寄 still pending {d['pending']} ({d['smtp']})"]
        + [f"  #{e['id']}: {e['error']}" for e in d["errors"]]))
    return EXIT_NEGATIVE if report.failed else 0


def _render_list(d: dict[str, Any]) -> str:
    lines = [f"待寄 pending {d['pending']}"]
    for e in d["emails"]:
        state = ("已寄 sent " + e["sent_at"][:16] if e["sent_at"]
                 else "放棄 given up" if e["given_up"]
                 else f"寄送中 sending, try {e['attempts']}" if e["status"] == "sending"
                 else f"待寄 pending, tries {e['attempts']}"
                 + (f", next {e['next_attempt_at'][:16]}" if e["next_attempt_at"] else ""))
        lines.append(f"#{e['id']} {e['created_at'][:16]} {e['to']} 「{e['subject']}」 {state}")
        if e["last_error"] and not e["sent_at"]:
            lines.append(f"    {e['last_error']}")
    return "\n".join(lines)


def _list(args: argparse.Namespace) -> int:
    from backoffice.services.admin import outbox

    limit = _positive(args.limit)
    with open_uow(args.url) as uow, database_errors():
        items = outbox.list_emails(uow, include_sent=args.all, limit=limit)
        pending = outbox.pending_count(uow)
    emit({"pending": pending, "emails": [i.to_json() for i in items]}, args.json, _render_list)
    return 0
