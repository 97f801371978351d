"""Identifier checks of RULES §10: UBN (統一編號), national ID (身分證字號), resident certificate
numbers (居留證號, new and old format), masking, and the MOICA card number pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from . import clauses as C
from .results import JsonResult

IdKind = Literal["ubn", "citizen", "resident", "resident_old", "unknown"]

# Reason codes, with display text (zh-TW, English).
REASONS: dict[str, tuple[str, str]] = {
    "empty": ("未填寫", "empty"),
    "format": ("格式不符", "wrong format"),
    "checksum": ("檢查碼錯誤", "check digit mismatch"),
}

UBN_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)
ID_LETTERS: dict[str, int] = {
    "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16, "H": 17, "I": 34, "J": 18,
    "K": 19, "L": 20, "M": 21, "N": 22, "O": 35, "P": 23, "Q": 24, "R": 25, "S": 26, "T": 27,
    "U": 28, "V": 29, "W": 32, "X": 30, "Y": 31, "Z": 33,
}
ID_WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)  # d1 d2 n1..n9

_CITIZEN = re.compile(r"^[A-Z][12]\d{8}$")
_RESIDENT = re.compile(r"^[A-Z][89]\d{8}$")
_RESIDENT_OLD = re.compile(r"^[A-Z][A-D]\d{8}$")
_MOICA_CARD = re.compile(r"^[A-Z]{2}\d{14}$")


@dataclass(frozen=True)
class IdCheck(JsonResult):
    valid: bool
    kind: IdKind
    reason: str | None = None  # a key of REASONS when invalid
    clauses: tuple[str, ...] = ()


def _digit_sum(n: int) -> int:
    return n // 10 + n % 10 if n < 100 else sum(int(c) for c in str(n))


def ubn_checksum(v: str) -> int:
    """Sum of the digit sums of the weighted digits (28 at the 7th digit counts as 10)."""
    return sum(_digit_sum(int(c) * w) for c, w in zip(v, UBN_WEIGHTS, strict=True))


def check_ubn(v: str, divisor: int = 5) -> IdCheck:
    """UBN check. ``divisor`` 5 is the rule in force since 2023-04; 10 is the old rule."""
    cl = (C.UBN_CHECKSUM,)
    s = (v or "").strip()
    if not s:
        return IdCheck(False, "ubn", "empty", cl)
    if len(s) != 8 or not s.isascii() or not s.isdigit():
        return IdCheck(False, "ubn", "format", cl)
    total = ubn_checksum(s)
    ok = total % divisor == 0 or (s[6] == "7" and (total + 1) % divisor == 0)
    return IdCheck(ok, "ubn", None if ok else "checksum", cl)


def normalise_national_id(v: str) -> str:
    """Trim and upper-case (people type lower case letters; the number is the same)."""
    return (v or "").strip().upper()


def national_id_checksum(s: str) -> int:
    """Weighted sum for a normalised 10-character ID of any known format."""
    code = ID_LETTERS[s[0]]
    second = ID_LETTERS[s[1]] % 10 if s[1].isalpha() else int(s[1])  # old format: code's last digit
    digits = (code // 10, code % 10, second, *(int(c) for c in s[2:]))
    return sum(d * w for d, w in zip(digits, ID_WEIGHTS, strict=True))


def check_national_id(v: str) -> IdCheck:
    """National ID (citizen) or resident certificate number (new or old format)."""
    cl = (C.NATIONAL_ID_CHECKSUM,)
    s = normalise_national_id(v)
    if not s:
        return IdCheck(False, "unknown", "empty", cl)
    kind: IdKind
    if _CITIZEN.match(s):
        kind = "citizen"
    elif _RESIDENT.match(s):
        kind = "resident"
    elif _RESIDENT_OLD.match(s):
        kind = "resident_old"
    else:
        return IdCheck(False, "unknown", "format", cl)
    ok = national_id_checksum(s) % 10 == 0
    return IdCheck(ok, kind, None if ok else "checksum", cl)


def mask_national_id(v: str) -> str:
    """'A123456789' -> 'A12****789'. Input of any other length is masked entirely: shown the
    same way, a short or odd value would give most of itself away."""
    s = normalise_national_id(v)
    if len(s) != 10:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 6) + s[-3:]


def is_moica_card_number(v: str) -> bool:
    """MOICA (自然人憑證) card number: 2 letters + 14 digits (pattern only, no checksum)."""
    return bool(_MOICA_CARD.match((v or "").strip().upper()))
