"""Fuzzed feed lines on SQLite and PostgreSQL: no crash, nothing half-written, nothing wrong accepted.

Every record type is mutated (tests/support/fuzz.py: damaged bytes, hostile values, wrong
types, dates at the ends of the calendar, extra and missing fields, moved dates); after each
line the database is compared table by table (row counts and a checksum of every row).
``BACKOFFICE_FUZZ_INPUTS`` raises the count (docs/reliability.md).
"""

from __future__ import annotations

import os

from tests.support.fuzz import fuzz_feed

INPUTS = int(os.environ.get("BACKOFFICE_FUZZ_INPUTS", "180"))


def test_fuzzed_lines_never_crash_half_write_or_slip_through(session_factory) -> None:
    result = fuzz_feed(session_factory, INPUTS)
    print(result.to_json())  # the figures of docs/reliability.md (pytest -s)
    assert result.tried == INPUTS and len(result.by_type) == 9  # every record type
    assert result.crashes == []
    assert result.partial_writes == []
    assert result.wrong_accepts == []
    assert result.rejected > INPUTS // 2 and result.accepted > 0  # both outcomes were exercised


def test_an_order_event_before_its_order_is_refused(session_factory) -> None:
    import json
    from datetime import datetime, timedelta

    from backoffice.services.admin.demo_feed import dumps, generate_feed
    from backoffice.services.feed import import_lines
    from tests.support.fuzz import snapshot

    recs = list(generate_feed(20, seed=3))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order_event")
    order = next(r for r in recs if r["type"] == "order" and r["id"] == recs[i]["order"])
    assert import_lines(session_factory, [dumps(r) for r in recs[:i]]).rejected == []
    before = snapshot(session_factory)
    bad = json.loads(dumps(recs[i]))
    # Same day, a minute before the submission: the day-level order check alone lets it through.
    bad["at"] = (datetime.fromisoformat(order["submitted_at"]) - timedelta(minutes=1)).isoformat()
    report = import_lines(session_factory, [dumps(bad)])
    assert [r.line for r in report.rejected] == [1]
    assert "before the order's submission" in report.rejected[0].reason
    assert snapshot(session_factory) == before
    assert import_lines(session_factory, [dumps(recs[i])]).rejected == []
