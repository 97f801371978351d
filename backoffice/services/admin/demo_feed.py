"""Demo feed generator (示範資料): realistic platform feeds from a seed.

``generate_feed`` yields feed records (docs/feed-format.md) for ``applicants`` applicants:
vendors and solutions first, then each applicant's application, orders, order events,
terminations, confirmations and settlement claims, every record after the ones it refers to.
The same seed and ``today`` give the same file. Dates are placed relative to ``today`` (the demo
"today", default 2026-11-21) so the data has deadlines both passed and pending, orders in every
state and refund cases in every confirmation state. Every rule comes from ``backoffice.policy``:
UBNs and ID numbers are drawn until the policy checkers accept them, the split of an order from
``orders.quote_order``, validity and lapse dates from ``policy.points``.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Generator, Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from backoffice.policy import dates as pdates
from backoffice.policy import identifiers, industry, orders, points
from backoffice.policy.applicants import (
    ApplicantType,
    IdentityMethod,
    allowed_methods,
    forms_required,
)
from backoffice.policy.params import DEFAULT_PARAMS
from backoffice.services.admin import demo_names as N
from backoffice.services.authz import pure

DEMO_TODAY = date(2026, 11, 21)
DEMO_PROGRAMME_NAME = "臺灣雲市集數位點數補助（示範） Cloud-marketplace digital points (demo)"
TAIPEI = timezone(timedelta(hours=8))
YEAR_START = date(2026, 1, 5)  # first working Monday of 2026: the programme opens

Record = dict[str, Any]

_TYPE_WEIGHTS = (
    (ApplicantType.SME, 80),
    (ApplicantType.TAX_REGISTERED, 8),
    (ApplicantType.COOPERATIVE, 4),
    (ApplicantType.SOCIAL_INNOVATION_NONPROFIT, 4),
    (ApplicantType.SOCIAL_INNOVATION_FORPROFIT, 4),
)
_ALL_METHODS = tuple(IdentityMethod)


def _at(day: date, rng: random.Random, start_hour: int = 8, end_hour: int = 20) -> str:
    """An office-hours timestamp on ``day`` in Taipei time, ISO 8601 with offset."""
    t = time(rng.randint(start_hour, end_hour - 1), rng.randint(0, 59), rng.randint(0, 59))
    return datetime.combine(day, t, TAIPEI).isoformat()


def _day_of(ts: str) -> date:
    return datetime.fromisoformat(ts).date()


@pure
def valid_ubn(rng: random.Random, taken: set[str]) -> str:
    """A random UBN the policy checker accepts, not in ``taken``."""
    while True:
        v = f"{rng.randint(0, 99_999_999):08d}"
        if v not in taken and identifiers.check_ubn(v).valid:
            taken.add(v)
            return v


@pure
def valid_national_id(rng: random.Random, letter: str) -> str:
    """A national ID number with the given area letter whose check digit the policy accepts."""
    head = f"{letter}{rng.choice('12')}{rng.randint(0, 9_999_999):07d}"
    for d in range(10):
        if identifiers.check_national_id(head + str(d)).valid:
            return head + str(d)
    raise AssertionError("no check digit fits")  # unreachable: one digit always fits


@pure
def dumps(record: Record) -> str:
    """One JSONL line (compact, UTF-8 text kept readable)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class _Generator:
    def __init__(self, applicants: int, seed: int, today: date, budget_points: int | None) -> None:
        self.rng = random.Random(seed)
        self.n = applicants
        self.today = today
        self.budget_left = budget_points
        self.ubns: set[str] = set()
        self.solutions: list[tuple[str, str, int, int]] = []  # (id, vendor id, price, term) listed only
        self.seq: Counter[str] = Counter()
        # The programme: opens, takes applications until, deadline, id (the previous one differs).
        self.opens_on = YEAR_START
        self.submit_until = today
        self.deadline = date(today.year, 12, 31)
        self.code = demo_programme_code(today)
        self.id_prefix = ""  # before every record id (the previous programme's ids differ)

    def next_id(self, prefix: str, width: int) -> str:
        self.seq[prefix] += 1
        return f"{self.id_prefix}{prefix}{self.seq[prefix]:0{width}d}"

    # -- programme ----------------------------------------------------------------------------
    def programme(self) -> Record:
        """The programme record, first in the file: the budget is ``budget_points`` or, without a
        cap, enough for every applicant; the subsidy deadline is the end of the demo year."""
        budget = self.budget_left if self.budget_left is not None else DEFAULT_PARAMS.grant_points * max(self.n, 1)
        return {"type": "programme", "id": self.code, "name": DEMO_PROGRAMME_NAME,
                "budget": budget, "opens_on": self.opens_on.isoformat(),
                "subsidy_deadline": self.deadline.isoformat()}

    # -- catalogue --------------------------------------------------------------------------
    def catalogue(self) -> Iterator[Record]:
        rng = self.rng
        n_vendors = max(6, min(300, self.n // 40))
        for i in range(n_vendors):
            vid = self.next_id("V", 4)
            city = N.pick_city(rng)
            stem = N.VENDOR_STEMS[i % len(N.VENDOR_STEMS)]
            name = stem + ("資訊股份有限公司" if i < len(N.VENDOR_STEMS) else f"{i // len(N.VENDOR_STEMS) + 1}號科技有限公司")
            yield {
                "type": "vendor", "id": vid, "ubn": valid_ubn(rng, self.ubns), "name": name,
                "address": N.address(rng, city), "contact_name": N.person_name(rng),
                "email": f"service{i + 1}@vendor{i + 1}.com.tw", "phone": N.landline(rng, city),
            }
            for _ in range(rng.randint(1, 4)):
                kind, low, high = rng.choice(N.SOLUTION_KINDS)
                term = rng.choice((4, 6, 6, 12, 12, 12))
                price = rng.randint(low, high) // 100 * 100 * term
                listed = rng.random() < 0.93
                sid = self.next_id("S", 5)
                if listed:
                    self.solutions.append((sid, vid, price, term))
                yield {
                    "type": "solution", "id": sid, "vendor": vid, "name": f"{stem}{kind}",
                    "category": kind, "price": price, "term_months": term, "listed": listed,
                }
        if not self.solutions:  # tiny feeds: make sure something can be ordered
            sid = self.next_id("S", 5)
            self.solutions.append((sid, "V0001", 60_000, 12))
            yield {"type": "solution", "id": sid, "vendor": "V0001", "name": "雲端進銷存", "category": "進銷存",
                   "price": 60_000, "term_months": 12, "listed": True}

    # -- applications -----------------------------------------------------------------------
    def submitted_days(self) -> list[date]:
        span = max(1, (self.submit_until - self.opens_on).days)
        return sorted(self.opens_on + timedelta(days=self.rng.randrange(span)) for _ in range(self.n))

    def application(self, submitted: date) -> tuple[Record, bool]:
        """One application record and whether it is eligible as filed."""
        rng = self.rng
        aid = self.next_id("A", 6)
        atype = rng.choices([t for t, _ in _TYPE_WEIGHTS], weights=[w for _, w in _TYPE_WEIGHTS])[0]
        as_type = None
        if atype is ApplicantType.SOCIAL_INNOVATION_FORPROFIT:
            as_type = rng.choice((ApplicantType.SME, ApplicantType.TAX_REGISTERED))
        city = N.pick_city(rng)
        stem = rng.choice(N.BRAND_STEMS)
        trade, division = rng.choice(N.TRADES)
        eligible = True
        if atype is ApplicantType.COOPERATIVE:
            name = rng.choice(N.COOP_NAMES).format(city=city[:2], n=rng.randint(1, 9), stem=stem)
        elif atype is ApplicantType.SOCIAL_INNOVATION_NONPROFIT:
            name, division = rng.choice(N.NONPROFIT_NAMES).format(city=city[:2], stem=stem), "88"
        elif (as_type or atype) is ApplicantType.TAX_REGISTERED:
            name = stem + rng.choice(N.TAX_REGISTERED_SUFFIXES)
        else:
            name = stem + trade + rng.choice(N.COMPANY_SUFFIXES)
        assert industry.normalise_division(division) == division
        # Capital and employees: mostly micro, a long tail; ~1.5 % too big to be an SME.
        employees = min(int(rng.lognormvariate(1.6, 1.0)) + 1, 180)
        capital = min(int(rng.lognormvariate(14.5, 1.3)) // 10_000 * 10_000 + 100_000, 90_000_000)
        if rng.random() < 0.015:
            employees, capital = rng.randint(200, 600), rng.randint(11, 50) * 10_000_000
            eligible = False
        methods = sorted(allowed_methods(atype, as_type))
        method = rng.choice(methods)
        if rng.random() < 0.02:  # a method the type may not use
            wrong = [m for m in _ALL_METHODS if m not in methods]
            if wrong:
                method, eligible = rng.choice(wrong), False
        subject_type = None
        if method is IdentityMethod.MOEACA_CARD:
            subject_type = "business" if name.endswith(("企業社", "商行")) else "company"
            if rng.random() < 0.04:  # 分公司: the MOEACA certificate says "branch"
                subject_type, eligible, name = "branch", False, name + rng.choice(("台中分公司", "高雄分公司"))
        rep_name = N.person_name(rng)
        rep_id = valid_national_id(rng, N.id_letter(city))
        ubn = valid_ubn(rng, self.ubns)
        consent = rng.random() > 0.01
        declarations = rng.random() > 0.01
        eligible = eligible and consent and declarations
        sub_at = _at(submitted, rng)
        rec: Record = {
            "type": "application", "id": aid, "submitted_at": sub_at,
            "applicant_type": atype.value, "applies_as": as_type.value if as_type else None,
            "ubn": ubn, "name": name, "industry": division, "industry_other": None,
            "registered_on": date(rng.randint(1988, 2025), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
            "capital": capital, "employees": employees, "address": N.address(rng, city),
            "representative": {"name": rep_name, "title": rng.choice(N.REP_TITLES), "national_id": rep_id},
            "contact": {
                "name": N.person_name(rng), "title": rng.choice(N.CONTACT_TITLES),
                "phone": N.landline(rng, city),
                "extension": str(rng.randint(100, 899)) if rng.random() < 0.3 else None,
                "mobile": N.mobile(rng), "email": N.email(rng, self.seq["A"]),
            },
            "consent_personal_data": consent, "declarations_accepted": declarations,
            "no_tax_arrears": True, "self_assessment_done": rng.random() > 0.02,
            "identity": {"method": method.value, "verified_at": sub_at, "subject_type": subject_type},
            "forms": self.forms(rec_ubn=ubn, name=name, rep=(rep_name, rep_id), submitted=submitted)
            if forms_required(atype, as_type) else [],
        }
        return rec, eligible

    def forms(self, *, rec_ubn: str, name: str, rep: tuple[str, str], submitted: date) -> list[Record]:
        rng = self.rng
        out: list[Record] = []
        for kind in ("form2", "form3"):
            valid_until = submitted + timedelta(days=rng.choice((30, 60, 90, 180)))
            queries: list[Record] = []
            day = submitted
            roll = rng.random()
            # 85 % succeed at once; 9 % after back-end failures (retried, 附表2/3 note 2);
            # 3 % still failing; 3 % refused for another reason.
            failures = 0 if roll < 0.85 else rng.randint(1, 3) if roll < 0.97 else 0
            for _ in range(failures):
                if day > self.today or day > valid_until:
                    break
                queries.append({"at": _at(day, rng), "outcome": "backend_failure", "result": None})
                day += timedelta(days=rng.randint(0, 2))
            if day <= self.today and day <= valid_until and not (0.94 <= roll < 0.97):
                if roll >= 0.97:
                    queries.append({"at": _at(day, rng), "outcome": "other_failure", "result": None})
                else:
                    result = ({"headcount": rng.randint(1, 150)} if kind == "form2"
                              else {"status": "核准設立", "name": name})
                    queries.append({"at": _at(day, rng), "outcome": "success", "result": result})
            form: Record = {
                "kind": kind, "ubn": rec_ubn, "company_name": name, "signed_on": submitted.isoformat(),
                "valid_from": submitted.isoformat(), "valid_until": valid_until.isoformat(),
                "consent": True, "queries": queries,
            }
            if kind == "form3":
                form["representative_name"], form["representative_id"] = rep
            out.append(form)
        return out

    def decision(self, rec: Record, submitted: date, eligible: bool) -> date | None:
        """Add a migrated decision for older applications; return the issue date if approved."""
        rng = self.rng
        decided = submitted + timedelta(days=rng.randint(2, 14))
        if decided > self.today - timedelta(days=3) or rng.random() < 0.08:
            return None  # still waiting for an officer in the back office
        if not eligible:
            if rng.random() < 0.5:
                return None  # left for an officer to catch
            rec["decision"] = {"status": "rejected", "decided_on": decided.isoformat(), "issued_on": None}
            return None
        grant = DEFAULT_PARAMS.grant_points
        if self.budget_left is not None:
            if self.budget_left < grant:
                return None  # budget exhausted: stays pending
            self.budget_left -= grant
        rec["decision"] = {"status": "approved", "decided_on": decided.isoformat(), "issued_on": decided.isoformat()}
        return decided

    # -- orders -------------------------------------------------------------------------------
    def orders_for(self, app_id: str, issued: date) -> Iterator[Record]:
        rng = self.rng
        valid_until = points.grant_valid_until(issued)
        lapse_on = points.lapse_date(issued)
        if rng.random() < 0.12:
            return  # never orders: lapses (or will) after a month
        balance = DEFAULT_PARAMS.grant_points
        used = False  # an order with points, submitted by the lapse date, not voided (須知七(三))
        day = issued + timedelta(days=rng.randint(0, max(0, (lapse_on - issued).days)))
        for _ in range(1 if rng.random() < 0.75 else 2):
            if day > self.today or day > valid_until or balance <= 0 or (day > lapse_on and not used):
                return
            sid, vid, price, term = rng.choice(self.solutions)
            q = orders.quote_order(price, balance)
            oid = self.next_id("O", 7)
            submitted_at = _at(day, rng)
            yield {
                "type": "order", "id": oid, "application": app_id, "solution": sid,
                "submitted_at": submitted_at, "term_months": term, "total": q.total,
                "points": q.points, "self_pay": q.self_pay, "existing_customer": False,
            }
            released_on = yield from self.order_life(oid, vid, day, term, q.points, q.self_pay,
                                                     datetime.fromisoformat(submitted_at))
            if released_on is None:
                balance -= q.points
                used = used or (q.points > 0 and day <= lapse_on)
            day += timedelta(days=rng.randint(3, 40))
            if released_on is not None:  # the points are back only once the order was voided
                day = max(day, released_on + timedelta(days=1))

    def order_life(self, oid: str, vid: str, day: date, term: int, pts: int, self_pay: int,
                   submitted_at: datetime) -> Generator[Record, None, date | None]:
        """Events of one order up to ``today``; returns the day its points were given back, if so.

        Event times never go back: an event on the day of the submission (or of the previous
        event) comes at least a minute after it (the importer refuses an event before its order).
        """
        rng = self.rng
        last = [submitted_at]

        def event(kind: str, on: date, **extra: Any) -> Record:
            at = max(datetime.fromisoformat(_at(on, rng)), last[0] + timedelta(minutes=1))
            last[0] = at
            return {"type": "order_event", "id": self.next_id("OE", 8), "order": oid, "event": kind,
                    "at": at.isoformat(), **extra}

        # Gaps in calendar days that keep each step inside its deadline (2 working days are at least
        # 2 calendar days; service starts within 7 days), plus an occasional late step below.
        steps = (("vendor_confirmed", 0, 2), ("paid", 0, 2), ("payment_confirmed", 0, 1),
                 ("invoiced", 0, 2), ("service_started", 1, 6))
        fate = rng.random()
        # ~8 % stall at some step (a deadline is breached there: the officers' follow-up work).
        stall_at = rng.randrange(len(steps)) if 0.19 <= fate < 0.27 else None
        for i, (kind, low, high) in enumerate(steps):
            gap = rng.randint(low, high)
            if rng.random() < 0.04:  # a late step: a breached deadline for the officers to follow up
                gap += rng.randint(3, 6)
            day = day + timedelta(days=gap)
            if day > self.today or i == stall_at:
                return None  # the order waits in its current state
            if i == 0 and fate < 0.05:
                yield event("rejected", day, note="廠商無法承接")
                return day
            if i in (1, 2) and 0.05 <= fate < 0.09:
                yield event("cancelled", day, note="申請單位取消訂單")
                return day
            extra: dict[str, Any] = {}
            if kind == "paid":
                extra["amount"] = self_pay
            elif kind == "invoiced":
                extra["invoice_number"] = f"{rng.choice('ABCDEFGHJK')}{rng.choice('MNPQRSTUVW')}-{rng.randint(0, 99_999_999):08d}"
            elif kind == "service_started":
                extra["service_start"] = day.isoformat()
            yield event(kind, day, **extra)
        start = day
        end = pdates.contract_end(start, term)
        if 0.09 <= fate < 0.19:  # terminated early
            yield from self.termination(oid, start, end)
            return None
        if end < self.today:
            done = end + timedelta(days=1)
            yield event("completed", done)
            if rng.random() < 0.7:
                claim_on = done + timedelta(days=rng.randint(0, 25))
                if claim_on <= self.today:
                    yield {"type": "settlement_claim", "id": self.next_id("SC", 6), "order": oid, "vendor": vid,
                           "points": pts, "submitted_on": claim_on.isoformat()}
        return None

    def termination(self, oid: str, start: date, end: date) -> Iterator[Record]:
        rng = self.rng
        latest = min(end, self.today)
        if (latest - start).days < 10:
            return
        filed = start + timedelta(days=rng.randint(10, (latest - start).days))
        effective = min(end, filed + timedelta(days=rng.randint(0, 30)))
        tid = self.next_id("T", 5)
        yield {"type": "termination", "id": tid, "order": oid, "filed_on": filed.isoformat(),
               "effective_on": effective.isoformat(), "initiated_by": rng.choice(("applicant", "applicant", "vendor")),
               "reason": rng.choice(("營運調整", "改用其他方案", "歇業", "服務不符需求"))}
        window_end = filed + timedelta(days=DEFAULT_PARAMS.refund_window_days)
        last = min(window_end, self.today)
        # Cases in every confirmation state: none yet, one party, both agree, disputed by either
        # side, window missed.
        plan = rng.choice((("applicant", True), ("applicant", True, "vendor", True),
                           ("applicant", True, "vendor", True), ("applicant", False), ("vendor", True), (),
                           ("vendor", False), ("applicant", True, "vendor", False)))
        on = filed
        for party, agrees in zip(plan[::2], plan[1::2], strict=True):
            on = on + timedelta(days=rng.randint(0, 4))
            if on > last:
                break
            yield {"type": "confirmation", "id": self.next_id("TC", 5), "termination": tid, "party": party,
                   "agrees": agrees, "at": _at(on, rng)}

    # -- the whole feed ---------------------------------------------------------------------
    def feed(self) -> Iterator[Record]:
        yield self.programme()
        yield from self.catalogue()
        for submitted in self.submitted_days():
            rec, eligible = self.application(submitted)
            issued = self.decision(rec, submitted, eligible)
            yield rec
            if issued is not None:
                yield from self.orders_for(rec["id"], issued)


@pure
def demo_programme_code(today: date = DEMO_TODAY) -> str:
    """The demo programme's id: DEMO- and the ROC year of ``today`` (DEMO-115 for 2026)."""
    return f"DEMO-{today.year - 1911}"


@pure
def generate_feed(
    applicants: int, seed: int, today: date = DEMO_TODAY, budget_points: int | None = None
) -> Iterator[Record]:
    """Yield the records of a demo feed (deterministic for ``seed`` and ``today``).

    The first record is the programme (``budget_points`` is its budget, default: one grant per
    applicant); ``budget_points`` also caps the approved decisions so every grant fits the budget.
    """
    if applicants < 0:
        raise ValueError("applicants must not be negative")
    return _Generator(applicants, seed, today, budget_points).feed()


@pure
def write_feed(
    path: Path, applicants: int, seed: int, today: date = DEMO_TODAY, budget_points: int | None = None
) -> Counter[str]:
    """Write a demo feed as JSON Lines to ``path``; return the number of records per type."""
    counts: Counter[str] = Counter()
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in generate_feed(applicants, seed, today, budget_points):
            counts[rec["type"]] += 1
            fh.write(dumps(rec))
            fh.write("\n")
    return counts
