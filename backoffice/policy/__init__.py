"""Policy engine: the rules of RULES.md as pure functions (no Qt, no SQL, no I/O).

Every computed figure comes back as a frozen dataclass carrying ``clauses``, the references
(see ``clauses.CLAUSES``) that explain it on screen, and ``to_json()`` for storage.
Modules: money, dates, calendar (working days), identifiers, params, orders, refunds, points;
eligibility, industry, applicants, settlement.
"""

from __future__ import annotations
