"""`backoffice-admin sweep --as-of D`: book the lapses and expiries due before D (set-based)."""

from __future__ import annotations

import argparse
from typing import Any

from backoffice.cli._common import CliError, emit, parse_iso_date
from backoffice.cli._session import add_url_argument, open_uow


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("sweep", help="點數失效與到期回收 (apply lapses and expiries)")
    p.add_argument("--as-of", required=True, help="YYYY-MM-DD: apply what is due before this day")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    add_url_argument(p)
    p.set_defaults(handler=_sweep)


def _sweep(args: argparse.Namespace) -> int:
    from backoffice.cli._common import database_errors
    from backoffice.services.points.sweep import run_sweep

    as_of = parse_iso_date(args.as_of)
    with open_uow(args.url) as uow, database_errors():
        result = run_sweep(uow.session, as_of)
        uow.commit()
    if result is None:  # pragma: no cover - run_sweep always answers
        raise CliError("sweep failed")
    emit(result.to_json(), args.json, lambda d: (
        f"{d['as_of']}: 失效 lapsed {d['lapsed']:,}, 到期批次 expired lots {d['expired_lots']:,}, "
        f"回收點數 points recovered {d['points_recovered']:,}, 釋出額度 budget released {d['budget_released']:,}"))
    return 0
