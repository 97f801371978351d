"""Money and points arithmetic (RULES §1): whole integers, exact fractions, round half up.

1 point = NT$1 (須知二(一)). Floats never appear: pro-rata figures are computed as
``fractions.Fraction`` and rounded half up (四捨五入) once, at the end.
"""

from __future__ import annotations

from fractions import Fraction


def round_half_up(x: Fraction | int) -> int:
    """Round to the nearest integer, halves away from zero (四捨五入): 2.5 -> 3, -2.5 -> -3."""
    if isinstance(x, bool) or not isinstance(x, (int, Fraction)):
        raise TypeError("round_half_up takes an int or a Fraction, never a float")
    if isinstance(x, int):
        return x
    sign = -1 if x < 0 else 1
    a = abs(x)
    # floor(a + 1/2) computed exactly on numerator/denominator.
    return sign * ((2 * a.numerator + a.denominator) // (2 * a.denominator))


def pro_rata(total: int, numerator: int, denominator: int) -> int:
    """``round_half_up(total * numerator / denominator)`` with exact arithmetic."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    return round_half_up(Fraction(total * numerator, denominator))


def format_amount(n: int) -> str:
    """Thousands separators for display: 30000 -> '30,000'."""
    return f"{n:,}"
