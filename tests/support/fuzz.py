"""A seeded mutator for feed lines and the database snapshot the fuzz test compares.

``fuzz_feed`` imports a small demo feed minus one held-out record per type (one nothing later
refers to), then feeds mutations of the held-out records, one line per import, and checks after
each: no exception escaped (a crash), a rejected line left every table as it was (a partial
write; the ``feed_imports`` log row of the attempt is the one expected change), a mutation that
breaks the record's type or range was not accepted (a wrong accept), and accepted mutations keep
the money verifier happy. Run it by hand for a bigger count::

    python -m tests.support.fuzz --url sqlite:////tmp/fuzz.db --inputs 5000
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from backoffice.db import models as m
from backoffice.services.admin.demo_feed import dumps, generate_feed
from backoffice.services.feed.importer import LineTooLong, import_lines
from backoffice.services.points.verify import check_money

# Which fields of a record name another record (a held-out record must not be one of these).
REFERS = {"solution": ("vendor",), "order": ("application", "solution"), "order_event": ("order",),
          "termination": ("order",), "confirmation": ("termination",),
          "settlement_claim": ("order", "vendor")}
DEEP = 5000
# Values that no field of the feed may take (wrong in every field they land in).
HOSTILE = [2**63, 2**64 + 1, -(2**63) - 1, 10**30, 1.5, float("nan"), "\x00", "a\x00b", "\ud800",
           "\u202e\x1b[31m"]
# Values wrong where a value of the same shape stood: dates at the ends of the calendar, a UBN
# with spaces.
EDGE_DATES = ["0001-01-01", "9999-12-31"]
EDGE_TIMES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00"]
# Values that may fit some fields (then the result depends on the field).
PLAIN = [None, True, False, 0, -1, 1, 62, "", " ", "x" * 600, "62", "2026-02-30", "2026-11-21",
         "2026-11-21T10:00:00+08:00", [], {}, [1, 2], {"a": 1}]


@dataclass
class FuzzResult:
    tried: int = 0
    accepted: int = 0
    rejected: int = 0
    crashes: list[str] = field(default_factory=list)
    partial_writes: list[str] = field(default_factory=list)
    wrong_accepts: list[str] = field(default_factory=list)
    by_type: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {"tried": self.tried, "accepted": self.accepted, "rejected": self.rejected,
                "crashes": len(self.crashes), "partial_writes": len(self.partial_writes),
                "wrong_accepts": len(self.wrong_accepts), "by_type": dict(sorted(self.by_type.items())),
                "examples": (self.crashes + self.partial_writes + self.wrong_accepts)[:5]}


def snapshot(session_factory: sessionmaker[Session]) -> dict[str, tuple[int, str]]:
    """Row count and a SHA-256 of every row, per table (the import log excepted)."""
    out: dict[str, tuple[int, str]] = {}
    with session_factory() as s:
        for table in m.Base.metadata.sorted_tables:
            if table.name == "feed_imports":
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows = s.execute(sa.select(table).order_by(*order)).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode("utf-8", "backslashreplace"))
            out[table.name] = (len(rows), digest.hexdigest())
    return out


def _leaves(obj: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _leaves(v, (*path, i))
    if path:
        yield path, obj


def _set(obj: Any, path: tuple[Any, ...], value: Any) -> None:
    for p in path[:-1]:
        obj = obj[p]
    obj[path[-1]] = value


def _kind(v: Any) -> str:
    return "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else type(v).__name__


def mutate(rec: dict[str, Any], rng: random.Random, serial: int) -> tuple[str | bytes, bool, str]:
    """One mutated line of ``rec``: (line, must it be refused, what was done).

    The mutated record gets a fresh id so an accepted mutation does not use up the held-out one.
    """
    r = copy.deepcopy(rec)
    if r["type"] != "programme":
        r["id"] = f"FZ{serial:06d}"
    roll = rng.random()
    if roll < 0.12:  # damage the bytes of the line
        raw = dumps(r).encode("utf-8")
        how = rng.choice(("truncate", "nul", "utf8", "deep", "huge", "bigint", "crlf-only"))
        if how == "truncate":
            return raw[: rng.randrange(1, len(raw))], True, how
        if how == "nul":
            i = rng.randrange(len(raw))
            return raw[:i] + b"\x00" + raw[i:], True, how
        if how == "utf8":
            i = rng.randrange(len(raw))
            return raw[:i] + rng.choice((b"\xff", b"\xc3\x28", b"\xed\xa0\x80")) + raw[i:], True, how
        if how == "deep":
            return ('{"type":"vendor","id":"D","ubn":' + "[" * DEEP + "]" * DEEP + "}"), True, how
        if how == "huge":
            return ('{"type":"vendor","id":"H","name":"' + "x" * 300_000 + '"}'), True, how
        if how == "bigint":
            return '{"type":"vendor","id":"B","ubn":' + "9" * 5000 + "}", True, how
        return b"\r", False, how  # a blank line: skipped, nothing written
    leaves = list(_leaves(r))
    path, old = rng.choice([(p, v) for p, v in leaves if p != ("type",)])
    if roll < 0.2:
        _set(r, (*path[:-1], f"x_{rng.randrange(100)}") if isinstance(path[-1], str) else path, {"extra": 1})
        return dumps(r), isinstance(path[-1], str), f"extra field at {path}"
    if roll < 0.35 and isinstance(old, str) and (len(old) in (10, 25) and old[4:5] == "-" or
                                                  len(old) == 8 and old.isdigit()):
        value = rng.choice(EDGE_DATES if len(old) == 10 else EDGE_TIMES if len(old) == 25 else
                           [f" {old} ", f"{old[:4]} {old[4:]}", int(old)])
        _set(r, path, value)
        return dumps(r), True, f"{path} = {value!r:.40}"
    if roll < 0.55:
        value = rng.choice(HOSTILE)
        _set(r, path, value)
        # A hostile value is wrong where a scalar was (a list or object around it changes shape).
        return json.dumps(r, ensure_ascii=False, allow_nan=True), not isinstance(old, (dict, list)), \
            f"{path} = {value!r:.40}"
    if roll < 0.8:
        value = rng.choice(PLAIN)
        _set(r, path, copy.deepcopy(value))
        wrong_type = old is not None and value is not None and _kind(old) != _kind(value)
        return dumps(r), wrong_type, f"{path} = {value!r:.40}"
    if roll < 0.9 and isinstance(path[-1], str):  # drop a field
        parent: Any = r
        for p in path[:-1]:
            parent = parent[p]
        parent.pop(path[-1])
        return dumps(r), False, f"drop {path}"
    if isinstance(old, str) and len(old) in (10, 25):  # move a date or a date-time
        from datetime import date, datetime, timedelta

        days = rng.choice((-36500, -400, -30, -1, 1, 30, 400, 36500))
        try:
            moved = (date.fromisoformat(old) + timedelta(days=days)).isoformat() if len(old) == 10 else \
                (datetime.fromisoformat(old) + timedelta(days=days)).isoformat()
        except ValueError:
            moved = old
        _set(r, path, moved)
        return dumps(r), False, f"{path} moved {days} days"
    _set(r, path, copy.deepcopy(old))
    return dumps(r), False, "unchanged"


def held_out(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The feed without the last record of each type that no later record refers to."""
    referred: set[tuple[str, str]] = set()
    hold: dict[str, int] = {}
    for i in range(len(records) - 1, -1, -1):
        r = records[i]
        if r["type"] not in hold and (r["type"], r["id"]) not in referred and r["type"] != "programme":
            hold[r["type"]] = i
        for f in REFERS.get(r["type"], ()):
            if r.get(f) is not None:
                referred.add((f, r[f]))
    keep = [r for i, r in enumerate(records) if i not in hold.values()]
    samples = {t: records[i] for t, i in hold.items()}
    for r in records:  # every other type: one imported record (mutations get a fresh id)
        samples.setdefault(r["type"], r)
    return keep, samples


def fuzz_feed(session_factory: sessionmaker[Session], inputs: int, seed: int = 11) -> FuzzResult:
    records = list(generate_feed(30, seed=seed))
    base, samples = held_out(records)
    report = import_lines(session_factory, [dumps(r) for r in base])
    assert report.rejected == [], report.rejected[:3]
    rng = random.Random(seed)
    types = sorted(samples)
    out = FuzzResult()
    before = snapshot(session_factory)
    for n in range(inputs):
        t = types[n % len(types)]
        line, must_reject, what = mutate(samples[t], rng, n)
        out.tried += 1
        out.by_type[t] += 1
        label = f"#{n} {t}: {what}"
        lines: list[Any] = [line]
        if isinstance(line, str) and len(line) > 256 * 1024:
            lines = [LineTooLong(len(line))]  # what capped_lines hands over for such a line
        try:
            rep = import_lines(session_factory, lines)
        except Exception as exc:  # noqa: BLE001  counting crashes is the point
            out.crashes.append(f"{label}: {type(exc).__name__}: {str(exc)[:120]}")
            before = snapshot(session_factory)
            continue
        after = snapshot(session_factory)
        if rep.accepted:
            out.accepted += 1
            if must_reject:
                out.wrong_accepts.append(label)
            with session_factory() as s:
                if not check_money(s).ok:
                    out.wrong_accepts.append(f"{label}: books no longer agree")
        else:
            out.rejected += 1
            if after != before:
                changed = sorted(k for k in after if after[k] != before[k])
                out.partial_writes.append(f"{label}: {changed}")
        before = after
    return out


def main(argv: list[str] | None = None) -> int:
    from backoffice.db import migrate
    from backoffice.db.session import make_engine, make_session_factory

    ap = argparse.ArgumentParser(description="fuzz the feed import against a database (it is written to)")
    ap.add_argument("--url", required=True, help="database URL of an empty database")
    ap.add_argument("--inputs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    migrate.upgrade(args.url)
    engine = make_engine(args.url)
    try:
        result = fuzz_feed(make_session_factory(engine), args.inputs, args.seed)
    finally:
        engine.dispose()
    json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0 if not (result.crashes or result.partial_writes or result.wrong_accepts) else 1


if __name__ == "__main__":
    sys.exit(main())
