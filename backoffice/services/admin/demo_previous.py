"""The demo's previous programme (示範資料：上一期計畫): a closed programme a year older.

A back office in its second year carries last year's programme beside this year's. The demo shows
that, and it is the only way to show two things honestly:
- **points returned after the subsidy deadline are forfeited** (須知七(八); RULES §8): a termination
  filed in the last days of the previous programme whose refund a supervisor approves in January,
  after that programme's deadline (12/31), so the return date R is after it;
- **two tax years of payments** for the 95A statements (RULES §9): claims of the previous programme
  paid in November of its year, and later ones paid with this year's claims.

The previous programme's feed comes from the same generator (``demo_feed._Generator``): applications
filed in the first half of its year, orders followed up to the demo's today (a 12-month plan bought
in 2025 runs into 2026), its own ids (``P114-…``), new applicants (no UBN of this year's feed) and
this year's vendors and solutions (one catalogue: its records travel in the first import). It is a
closed programme: every application in it was decided (undecided ones are left out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import RefundStatus, Role
from backoffice.policy import dates as pdates
from backoffice.services.admin.demo_feed import Record, _at, _Generator
from backoffice.services.authz import pure, system_job

PREVIOUS_APPLICANTS = 60
CATALOGUE = ("vendor", "solution")


@pure
def previous_year(today: date) -> int:
    return today.year - 1


@pure
def previous_programme_code(today: date) -> str:
    """DEMO- and the ROC year before ``today``'s (DEMO-114 for 2026)."""
    return f"DEMO-{previous_year(today) - 1911}"


@pure
def late_termination_id(today: date) -> str:
    """The feed id of the termination whose return comes after the previous programme's deadline."""
    return f"P{previous_year(today) - 1911}-T-LATE"


def _opens_on(year: int) -> date:
    """The first Monday on or after 5 January (2026-01-05; 2025-01-06)."""
    day = date(year, 1, 5)
    return day + timedelta(days=(7 - day.weekday()) % 7)


@pure
def previous_programme_feed(main: list[Record], seed: int, today: date) -> Iterator[Record]:
    """The previous programme's feed: its programme record, this year's catalogue (from ``main``),
    then its decided applications (filed in the first half of its year) with their orders followed
    up to ``today``, and one termination filed ten days before its deadline that both parties
    confirm (its refund is approved after the deadline: forfeited)."""
    year = previous_year(today)
    gen = _Generator(PREVIOUS_APPLICANTS, seed + 114, today, None)
    gen.opens_on, gen.submit_until = _opens_on(year), date(year, 6, 30)
    gen.deadline, gen.code = date(year, 12, 31), previous_programme_code(today)
    gen.id_prefix = f"P{year - 1911}-"
    gen.solutions = [(r["id"], r["vendor"], r["price"], r["term_months"])
                     for r in main if r["type"] == "solution" and r["listed"]]
    gen.ubns = {r["ubn"] for r in main if "ubn" in r}  # nobody applies in both programmes
    yield gen.programme()
    yield from (r for r in main if r["type"] in CATALOGUE)
    records: list[Record] = []
    for submitted in gen.submitted_days():
        rec, eligible = gen.application(submitted)
        issued = gen.decision(rec, submitted, eligible)
        if "decision" not in rec:
            continue  # a closed programme: only decided cases
        records.append(rec)
        if issued is not None:
            records.extend(gen.orders_for(rec["id"], issued))
    yield from _with_late_termination(records, gen, today)


def _with_late_termination(records: list[Record], gen: _Generator, today: date) -> list[Record]:
    """Terminate the first order in service on 12/22 whose term runs past the deadline: filed
    12/22, effective 12/31, agreed by both parties by 12/24 (the window ends 1/5, the approval
    comes after the deadline). What the generator had it do later (complete, claim) is dropped."""
    deadline = gen.deadline
    filed = deadline - timedelta(days=9)
    started: dict[str, date] = {}
    ended: set[str] = set()  # terminated, rejected or cancelled
    for r in records:
        if r["type"] == "order_event" and r["event"] == "service_started":
            started[r["order"]] = date.fromisoformat(r["service_start"])
        elif r["type"] == "order_event" and r["event"] in ("rejected", "cancelled"):
            ended.add(r["order"])
        elif r["type"] == "termination":
            ended.add(r["order"])
    terms = {r["id"]: r["term_months"] for r in records if r["type"] == "order"}
    chosen = next((o for o, start in started.items() if o not in ended and start <= filed - timedelta(days=10)
                   and pdates.contract_end(start, terms[o]) > deadline), None)
    if chosen is None:
        return records
    kept = [r for r in records if r.get("order") != chosen
            or (r["type"] == "order_event" and r["event"] != "completed")]
    tid = late_termination_id(today)
    kept.append({"type": "termination", "id": tid, "order": chosen, "filed_on": filed.isoformat(),
                 "effective_on": deadline.isoformat(), "initiated_by": "applicant", "reason": "歇業"})
    for days, party in ((1, "applicant"), (2, "vendor")):
        kept.append({"type": "confirmation", "id": f"{tid}-{party}", "termination": tid, "party": party,
                     "agrees": True, "at": _at(filed + timedelta(days=days), gen.rng)})
    return kept


def _officer(session: Any, role: Role) -> int:
    found = session.scalar(sa.select(m.OfficerRole.officer_id).where(m.OfficerRole.role == role)
                           .order_by(m.OfficerRole.officer_id))
    if found is None:
        raise LookupError(f"no demo officer with the role {role.value}")
    return int(found)


@system_job("demo data")
def return_after_deadline(uow_factory: Callable[[], Any], today: date) -> int | None:
    """Take the late termination's refund case through the desk in January: an officer submits it
    on the first working days of the year, a supervisor approves it the next day, after the previous
    programme's deadline, so its points are forfeited. Returns the case id (None: no such case)."""
    from backoffice.services.refunds import workflow

    with uow_factory() as uow:
        s = uow.session
        case_id = s.scalar(sa.select(m.RefundCase.id).join(m.Termination, m.Termination.id == m.RefundCase.termination_id)
                           .where(m.Termination.external_id == late_termination_id(today),
                                  m.RefundCase.status == RefundStatus.CONFIRMED))
        if case_id is None:
            return None
        supervisor = _officer(s, Role.SUPERVISOR)
        officer = int(s.scalar(sa.select(m.OfficerRole.officer_id).where(
            m.OfficerRole.role == Role.OFFICER, m.OfficerRole.officer_id != supervisor)
            .order_by(m.OfficerRole.officer_id)))
    year = previous_year(today) + 1
    with uow_factory() as uow:
        workflow.submit(uow, case_id, officer, now=datetime.combine(date(year, 1, 5), time(2, 30), UTC),
                        note="雙方已確認，送主管核定（上一期計畫）")
    with uow_factory() as uow:
        workflow.approve(uow, case_id, supervisor, signer=None,
                         now=datetime.combine(date(year, 1, 6), time(3, 0), UTC))
    return int(case_id)
