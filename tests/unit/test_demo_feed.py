"""Demo feed generator: valid identifiers, form industry codes, determinism, every state present."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from backoffice.policy import identifiers, industry
from backoffice.services.admin.demo_feed import DEMO_TODAY, dumps, generate_feed
from backoffice.services.feed.records import FeedError, parse_line


@pytest.fixture(scope="module")
def feed() -> list[dict]:
    return list(generate_feed(600, seed=42))


def test_same_seed_gives_the_same_feed_and_another_seed_does_not() -> None:
    a = [dumps(r) for r in generate_feed(50, seed=7)]
    b = [dumps(r) for r in generate_feed(50, seed=7)]
    c = [dumps(r) for r in generate_feed(50, seed=8)]
    assert a == b
    assert a != c


def test_every_ubn_and_national_id_passes_the_policy_checkers(feed: list[dict]) -> None:
    ubns = [r["ubn"] for r in feed if "ubn" in r]
    assert ubns and all(identifiers.check_ubn(u).valid for u in ubns)
    ids = [r["representative"]["national_id"] for r in feed if r["type"] == "application"]
    assert ids and all(identifiers.check_national_id(i).valid for i in ids)
    assert len(set(ubns)) == len(ubns)  # one applicant per UBN


def test_industry_codes_come_from_the_form_table(feed: list[dict]) -> None:
    codes = {r["industry"] for r in feed if r["type"] == "application"}
    assert codes <= set(industry.DIVISIONS)
    assert len(codes) >= 10


def test_every_line_passes_shape_validation(feed: list[dict]) -> None:
    for rec in feed:
        parsed = parse_line(dumps(rec))
        assert parsed.type == rec["type"]


def test_references_point_only_backwards(feed: list[dict]) -> None:
    seen: set[tuple[str, str]] = set()
    refs = {"vendor": "vendor", "solution": "solution", "application": "application", "order": "order",
            "termination": "termination"}
    for rec in feed:
        for field, kind in refs.items():
            if field in rec and field != rec["type"] and isinstance(rec[field], str):
                assert (kind, rec[field]) in seen, (rec["type"], rec["id"], field)
        seen.add((rec["type"], rec["id"]))


def test_orders_reach_every_state_and_terminations_every_confirmation_state(feed: list[dict]) -> None:
    last_event: dict[str, str] = {}
    for rec in feed:
        if rec["type"] == "order":
            last_event[rec["id"]] = "submitted"
        elif rec["type"] == "order_event":
            last_event[rec["order"]] = rec["event"]
    states = Counter(last_event.values())
    for state in ("submitted", "vendor_confirmed", "paid", "payment_confirmed", "invoiced",
                  "service_started", "completed", "rejected", "cancelled"):
        assert states[state] > 0, state
    confirmations: dict[str, list[tuple[str, bool]]] = {
        r["id"]: [] for r in feed if r["type"] == "termination"}
    for rec in feed:
        if rec["type"] == "confirmation":
            confirmations[rec["termination"]].append((rec["party"], rec["agrees"]))
    kinds = Counter(
        "none" if not c else "disputed" if not all(a for _, a in c) else "both" if len(c) == 2 else "one"
        for c in confirmations.values())
    assert {"none", "one", "both", "disputed"} <= set(kinds)


def test_dates_lie_in_2026_and_not_after_demo_today(feed: list[dict]) -> None:
    days = [date.fromisoformat(r["submitted_at"][:10]) for r in feed if r["type"] == "application"]
    assert min(days) >= date(2026, 1, 1) and max(days) <= DEMO_TODAY
    assert len({d.month for d in days}) >= 10  # spread over the year
    events = [date.fromisoformat(r["at"][:10]) for r in feed if r["type"] == "order_event"]
    assert max(events) <= DEMO_TODAY


def test_a_share_of_cases_is_ineligible_or_failing(feed: list[dict]) -> None:
    apps = [r for r in feed if r["type"] == "application"]
    branches = [a for a in apps if a["identity"]["subject_type"] == "branch"]
    retried = [f for a in apps for f in a["forms"] if [q["outcome"] for q in f["queries"]][:1] == ["backend_failure"]]
    assert branches and retried
    assert any(a.get("decision", {}) and a["decision"]["status"] == "rejected" for a in apps)
    assert any("decision" not in a for a in apps)  # pending work for officers


def test_budget_caps_the_approved_decisions() -> None:
    feed = list(generate_feed(100, seed=3, budget_points=5 * 30_000))
    approved = [r for r in feed if r["type"] == "application" and (r.get("decision") or {}).get("status") == "approved"]
    assert len(approved) == 5


def test_parse_rejects_bad_values() -> None:
    rec = next(r for r in generate_feed(5, seed=1) if r["type"] == "application")
    for mutate, needle in (
        (lambda r: r.update(ubn="12345678"), "UBN"),
        (lambda r: r["representative"].update(national_id="A123456788"), "national ID"),
        (lambda r: r.update(capital=-1), "negative"),
        (lambda r: r.update(registered_on="2026-02-30"), "bad date"),
        (lambda r: r.update(industry="99"), "industry"),
        (lambda r: r.pop("name"), "missing field name"),
        (lambda r: r.update(colour="red"), "unknown field colour"),
    ):
        bad = dict(rec, representative=dict(rec["representative"]))
        mutate(bad)
        with pytest.raises(FeedError, match=needle):
            parse_line(dumps(bad))
