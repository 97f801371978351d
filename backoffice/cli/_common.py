"""Helpers shared by the command-group modules: output and error translation."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

EXIT_NEGATIVE = 1
EXIT_UNREACHABLE = 2
EXIT_UNREADABLE = 3
EXIT_WRONG_PIN = 4


class CliError(Exception):
    """An expected failure: printed as one line on stderr, never as a traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_UNREACHABLE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def _default(obj: Any) -> Any:
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if hasattr(obj, "to_json"):
        return obj.to_json()
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def emit(document: Any, as_json: bool, text: Callable[[Any], str] | None = None) -> None:
    """Print one JSON document (``--json``) or a human-readable rendering."""
    if as_json:
        json.dump(document, sys.stdout, ensure_ascii=False, default=_default)
        sys.stdout.write("\n")
    else:
        sys.stdout.write((text(document) if text else json.dumps(
            document, ensure_ascii=False, indent=2, default=_default)) + "\n")


def parse_iso_date(value: str) -> date:
    """An ISO date within 1900..2199 (what the databases and the date arithmetic handle)."""
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise CliError(f"not an ISO date (YYYY-MM-DD): {value!r}", EXIT_UNREACHABLE) from exc
    if not date(1900, 1, 1) <= day <= date(2199, 12, 31):
        raise CliError(f"date {value} outside 1900-01-01..2199-12-31", EXIT_UNREACHABLE)
    return day


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn 'database cannot be reached' into one clear line and exit code 2."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    from backoffice.db.session import describe_database_error

    try:
        yield
    except OperationalError as exc:
        raise CliError(describe_database_error(exc) or "database cannot be reached", EXIT_UNREACHABLE) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise CliError(describe_database_error(exc) or "database connection lost", EXIT_UNREACHABLE) from exc
        raise
