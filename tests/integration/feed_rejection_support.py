"""A small imported feed to reject records against, and a snapshot of everything written.

``base_feed`` is the demo feed (seed 4, 30 applications): it has orders in every state, a
completed order with a settlement claim and a termination with one confirmation. ``snapshot``
counts the rows of every table (except ``feed_imports``, which each import run adds) and the
budget committed, so a test can prove that a rejected line wrote nothing at all.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from backoffice.db import models as m
from backoffice.services.admin.demo_feed import dumps, generate_feed
from backoffice.services.feed import import_lines
from backoffice.services.feed.importer import ImportReport

SEED, SIZE = 4, 40  # a feed with every record kind the cases need (guarded by the StopIteration of each lookup)


@dataclass
class Feed:
    records: list[dict[str, Any]]

    def of(self, t: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r["type"] == t]

    def events(self, order_id: str) -> list[dict[str, Any]]:
        return [r for r in self.of("order_event") if r["order"] == order_id]

    def last_event(self, order_id: str) -> str | None:
        ev = self.events(order_id)
        return ev[-1]["event"] if ev else None

    def order(self, order_id: str) -> dict[str, Any]:
        return next(r for r in self.of("order") if r["id"] == order_id)

    def terminated(self) -> set[str]:
        return {t["order"] for t in self.of("termination")}

    def in_service(self) -> dict[str, Any]:
        """An order in service, not terminated, with points (the first such)."""
        return next(o for o in self.of("order") if self.last_event(o["id"]) == "service_started"
                    and o["id"] not in self.terminated() and o["points"] > 0)

    def completed(self) -> dict[str, Any]:
        """A completed order with points and no settlement claim yet (the first such)."""
        claimed = {c["order"] for c in self.of("settlement_claim")}
        return next(o for o in self.of("order") if self.last_event(o["id"]) == "completed" and o["points"] > 0
                    and o["id"] not in claimed)

    def service_start(self, order_id: str) -> date:
        ev = next(e for e in self.events(order_id) if e["event"] == "service_started")
        return date.fromisoformat(ev["service_start"])

    def approved_ubns(self) -> set[str]:
        return {a["ubn"] for a in self.of("application")
                if (a.get("decision") or {}).get("status") == "approved"}


def base_feed() -> Feed:
    """The demo feed, with one order left at vendor_confirmed (its payment and later events held
    back) and one more termination (TN-OPEN, nobody has answered yet) on another order in service."""
    records = list(generate_feed(SIZE, seed=SEED))
    feed = Feed(records)
    unpaid = next(o["id"] for o in feed.of("order") if feed.last_event(o["id"]) == "paid")
    first_paid = next(i for i, r in enumerate(records) if r["type"] == "order_event"
                      and r["order"] == unpaid and r["event"] == "paid")
    records = [r for i, r in enumerate(records)
               if not (i >= first_paid and r["type"] == "order_event" and r["order"] == unpaid)]
    feed = Feed(records)
    busy = {feed.in_service()["id"], *feed.terminated()}
    other = next(o for o in feed.of("order") if feed.last_event(o["id"]) == "service_started"
                 and o["id"] not in busy)
    start = feed.service_start(other["id"])
    records.append({"type": "termination", "id": "TN-OPEN", "order": other["id"],
                    "filed_on": (start + timedelta(days=10)).isoformat(),
                    "effective_on": (start + timedelta(days=20)).isoformat(),
                    "initiated_by": "applicant", "reason": "營運調整"})
    return Feed(records)


def load(session_factory: sessionmaker[Session], feed: Feed) -> None:
    report = import_lines(session_factory, [dumps(r) for r in feed.records])
    assert report.rejected == [] and report.accepted == len(feed.records)


def snapshot(session_factory: sessionmaker[Session]) -> dict[str, int]:
    """Rows per table (but feed_imports) plus the budget committed: what an import can change."""
    out: dict[str, int] = {}
    with session_factory() as s:
        for table in m.Base.metadata.sorted_tables:
            if table.name != "feed_imports":
                out[table.name] = int(s.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
        out["budget.committed"] = int(s.scalar(sa.select(sa.func.coalesce(sa.func.sum(m.Budget.committed), 0)))
                                      or 0)
    return out


def import_one_bad(session_factory: sessionmaker[Session], feed: Feed, bad: str | bytes) -> ImportReport:
    """Import two duplicates, the bad line (line 3), one more duplicate: only line 3 can be rejected."""
    dups = [dumps(r) for r in feed.records[1:4]]
    return import_lines(session_factory, [dups[0], dups[1], bad, dups[2]])


def mutated(record: dict[str, Any], **changes: Any) -> str:
    """``record`` as a JSON line with ``changes`` applied (a new copy; ``None`` values kept)."""
    r = json.loads(dumps(record))
    r.update(changes)
    return dumps(r)


def fresh_applications(feed: Feed) -> list[dict[str, Any]]:
    """Approved applications of another demo feed whose UBNs the base feed does not use, renamed."""
    taken = {a["ubn"] for a in feed.of("application")}
    out, seen = [], defaultdict(int)
    for a in generate_feed(SIZE, seed=SEED + 100):
        if a["type"] != "application" or a["ubn"] in taken or seen[a["ubn"]]:
            continue
        seen[a["ubn"]] += 1
        if (a.get("decision") or {}).get("status") == "approved":
            out.append(dict(a, id=f"AX{len(out):05d}"))
    return out
