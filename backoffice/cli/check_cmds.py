"""`backoffice-admin check ubn|id VALUE`: identifier checks of RULES §10 (no database)."""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.cli._common import EXIT_NEGATIVE, emit


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("check", help="檢查統一編號／身分證字號 (check a UBN or national ID)")
    sub = parser.add_subparsers(dest="check_command", metavar="KIND")
    sub.required = True
    for name, helptext, handler in (
        ("ubn", "統一編號檢查碼 (UBN check digit)", _check_ubn),
        ("id", "身分證字號／居留證號檢查碼 (national ID / resident certificate)", _check_id),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("value")
        p.add_argument("--json", action="store_true", help="print one JSON document")
        p.set_defaults(handler=handler)


def _render(doc: dict[str, Any]) -> str:
    from backoffice.policy.identifiers import REASONS

    if doc["valid"]:
        return f"有效 valid ({doc['kind']})"
    zh, en = REASONS.get(doc.get("reason") or "", ("無效", "invalid"))
    return f"無效 invalid ({doc['kind']}): {zh} / {en}"


def _finish(result: Any, args: argparse.Namespace) -> int:
    doc = result.to_json()
    emit(doc, args.json, _render)
    return 0 if result.valid else EXIT_NEGATIVE


def _check_ubn(args: argparse.Namespace) -> int:
    from backoffice.policy.identifiers import check_ubn

    return _finish(check_ubn(args.value), args)


def _check_id(args: argparse.Namespace) -> int:
    from backoffice.policy.identifiers import check_national_id

    # The value itself is never echoed back: the output carries only valid/kind/reason.
    return _finish(check_national_id(args.value), args)
