"""Shared plumbing for policy result objects: plain-JSON conversion.

Every policy answer is a frozen dataclass with a ``clauses`` tuple; ``to_json`` turns it into
plain JSON types (dates as ISO strings, enums as their values, fractions as "a/b" strings) so
services can store the explanation next to the figure.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import date
from fractions import Fraction
from typing import Any


def jsonable(value: Any) -> Any:
    """Convert ``value`` (dataclass, date, enum, tuple, dict...) to plain JSON types."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, dict):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [jsonable(v) for v in items]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    raise TypeError(f"cannot convert {type(value).__name__} to JSON")


class JsonResult:
    """Mixin for frozen result dataclasses: adds ``to_json``."""

    def to_json(self) -> dict[str, Any]:
        out = jsonable(self)
        assert isinstance(out, dict)
        return out
