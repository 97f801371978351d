"""Every rejection branch of the feed import: the offending record, its line, its reason, nothing written.

Each case imports, on top of the base feed (tests/integration/feed_rejection_support.py), two
duplicates, the bad line (line 3) and one more duplicate; the whole database (every table and the
budget committed) must be unchanged. Boundary cases (the last day of a term or window, claims
equal to the points used) are accepted, so a check moved by one day or point fails here too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.policy.dates import contract_end
from backoffice.services.admin.demo_feed import dumps
from backoffice.services.feed import import_lines
from backoffice.services.feed.importer import RejectedLine
from tests.integration.feed_rejection_support import (
    Feed,
    base_feed,
    fresh_applications,
    import_one_bad,
    load,
    mutated,
    snapshot,
)

Case = Callable[[Feed, dict[str, date]], tuple[str | bytes, str]]


def _at(d: date) -> str:
    return f"{d.isoformat()}T10:00:00+08:00"


def _vendor_of(feed: Feed, order: dict) -> str:
    return next(s["vendor"] for s in feed.of("solution") if s["id"] == order["solution"])


def _status_order(feed: Feed, event: str) -> dict:
    return next(o for o in feed.of("order") if feed.last_event(o["id"]) == event)


def _last_day(feed: Feed, order_id: str) -> date:
    return date.fromisoformat(feed.events(order_id)[-1]["at"][:10])


# --- terminations -------------------------------------------------------------------------------
def t_unknown_order(f: Feed, _: dict) -> tuple[str, str]:
    return (mutated(f.of("termination")[0], id="TX1", order="O404"), "termination TX1: unknown order O404")


def t_already_terminated(f: Feed, _: dict) -> tuple[str, str]:
    return (mutated(f.of("termination")[0], id="TX1"), "termination TX1: the order is already terminated")


def t_not_in_service(f: Feed, _: dict) -> tuple[str, str]:
    o = f.completed()
    return (mutated(f.of("termination")[0], id="TX1", order=o["id"]),
            "termination TX1: only an order in service can be terminated (state completed)")


def t_filed_before_service(f: Feed, _: dict) -> tuple[str, str]:
    o = f.in_service()
    start = f.service_start(o["id"])
    return (mutated(f.of("termination")[0], id="TX1", order=o["id"], filed_on=str(start - timedelta(days=1)),
                    effective_on=str(start)), "termination TX1: filed before the service started")


def t_effective_after_term(f: Feed, _: dict) -> tuple[str, str]:
    o = f.in_service()
    start = f.service_start(o["id"])
    end = contract_end(start, o["term_months"])
    return (mutated(f.of("termination")[0], id="TX1", order=o["id"], filed_on=str(start),
                    effective_on=str(end + timedelta(days=1))),
            f"termination TX1: effective_on is after the end of the term ({end})")


def t_effective_before_service(f: Feed, _: dict) -> tuple[str, str]:
    o = f.in_service()
    start = f.service_start(o["id"])
    return (mutated(f.of("termination")[0], id="TX1", order=o["id"], filed_on=str(start),
                    effective_on=str(start - timedelta(days=1))),
            "termination TX1: effective_on is before the first day of service")


def t_implausibly_early(f: Feed, _: dict) -> tuple[str, str]:
    return (mutated(f.of("termination")[0], id="TX1", effective_on="2010-01-01"),
            "effective_on is implausibly early")


# --- confirmations ------------------------------------------------------------------------------
def c_unknown_termination(f: Feed, _: dict) -> tuple[str, str]:
    return (mutated(f.of("confirmation")[0], id="CX1", termination="T404"),
            "confirmation CX1: unknown termination T404")


def c_already_answered(f: Feed, _: dict) -> tuple[str, str]:
    c = f.of("confirmation")[0]
    return (mutated(c, id="CX1", agrees=not c["agrees"]), f"confirmation CX1: the {c['party']} has already answered")


def c_before_filed(f: Feed, ctx: dict) -> tuple[str, str]:
    return (mutated(f.of("confirmation")[0], id="CX1", termination="TN-OPEN",
                    at=_at(ctx["open_filed"] - timedelta(days=1))),
            "confirmation CX1: confirmation before the termination was filed")


def c_after_window(f: Feed, ctx: dict) -> tuple[str, str]:
    end = ctx["open_window_end"]
    return (mutated(f.of("confirmation")[0], id="CX1", termination="TN-OPEN", at=_at(end + timedelta(days=1))),
            f"confirmation CX1: confirmation after the window ended on {end} (F + 14)")


# --- settlement claims --------------------------------------------------------------------------
def _claim(f: Feed, **changes: object) -> str:
    o = f.completed()
    fields: dict[str, object] = {"id": "SCX1", "order": o["id"], "vendor": _vendor_of(f, o),
                                 "submitted_on": str(_last_day(f, o["id"]) + timedelta(days=1))}
    return mutated(f.of("settlement_claim")[0], **{**fields, **changes})


def s_unknown_order(f: Feed, _: dict) -> tuple[str, str]:
    return (_claim(f, order="O404", points=1), "settlement_claim SCX1: unknown order O404")


def s_unknown_vendor(f: Feed, _: dict) -> tuple[str, str]:
    return (_claim(f, vendor="V9999", points=1), "settlement_claim SCX1: unknown vendor V9999")


def s_other_vendor(f: Feed, _: dict) -> tuple[str, str]:
    mine = _vendor_of(f, f.completed())
    other = next(v["id"] for v in f.of("vendor") if v["id"] != mine)
    return (_claim(f, vendor=other, points=1), "settlement_claim SCX1: the vendor is not the order's vendor")


def s_not_completed(f: Feed, _: dict) -> tuple[str, str]:
    o = f.in_service()
    return (_claim(f, order=o["id"], vendor=_vendor_of(f, o), points=1),
            "settlement_claim SCX1: a claim needs a completed order (state in_service)")


def s_before_completion(f: Feed, _: dict) -> tuple[str, str]:
    done = _last_day(f, f.completed()["id"])
    return (_claim(f, points=1, submitted_on=str(done - timedelta(days=1))),
            "settlement_claim SCX1: claim submitted before the order was completed")


def s_exceeds_points_used(f: Feed, ctx: dict) -> tuple[str, str]:
    o = f.completed()
    left = ctx["claim_left"]
    return (_claim(f, points=left + 1),
            f"settlement_claim SCX1: claims of {o['points'] + 1} points exceed the {o['points']} points used")


# --- order events -------------------------------------------------------------------------------
def _event(f: Feed, order: dict, event: str, on: date, *, rid: str = "OEX1", **fields: object) -> str:
    rec = {"type": "order_event", "id": rid, "order": order["id"], "event": event, "at": _at(on), **fields}
    return dumps(rec)


def e_paid_more_than_self_pay(f: Feed, _: dict) -> tuple[str, str]:
    o = _status_order(f, "vendor_confirmed")
    return (_event(f, o, "paid", _last_day(f, o["id"]), amount=o["self_pay"] + 1),
            f"order_event OEX1: paid {o['self_pay'] + 1} is more than the self-pay {o['self_pay']}")


def e_paid_without_amount(f: Feed, _: dict) -> tuple[str, str]:
    o = _status_order(f, "vendor_confirmed")
    return (_event(f, o, "paid", _last_day(f, o["id"])), "missing field amount for event paid")


def e_completed_within_term(f: Feed, _: dict) -> tuple[str, str]:
    o = f.in_service()
    end = contract_end(f.service_start(o["id"]), o["term_months"])
    return (_event(f, o, "completed", end),
            f"order_event OEX1: the plan term runs until {end}: the order cannot be completed on {end}")


def e_service_start_before_confirmation(f: Feed, _: dict) -> tuple[str, str]:
    o = _status_order(f, "invoiced")
    last = _last_day(f, o["id"])
    return (_event(f, o, "service_started", last, service_start=str(last - timedelta(days=1))),
            "order_event OEX1: service_start is before the payment was confirmed")


def e_out_of_order(f: Feed, _: dict) -> tuple[str, str]:
    o = f.in_service()
    return (_event(f, o, "vendor_confirmed", _last_day(f, o["id"])),
            "order_event OEX1: event vendor_confirmed does not follow order state in_service")


def e_after_termination(f: Feed, _: dict) -> tuple[str, str]:
    o = f.order(f.of("termination")[0]["order"])
    return (_event(f, o, "completed", date(2030, 1, 1)),
            "order_event OEX1: event completed does not follow order state terminated")


def e_before_previous_event(f: Feed, _: dict) -> tuple[str, str]:
    o = _status_order(f, "vendor_confirmed")
    last = _last_day(f, o["id"])
    day = last - timedelta(days=1)
    # Late that evening: after the order's own submission (refused by another check), before the
    # previous event's day.
    rec = {"type": "order_event", "id": "OEX1", "order": o["id"], "event": "paid",
           "at": f"{day.isoformat()}T23:00:00+08:00", "amount": o["self_pay"]}
    assert o["submitted_at"] < rec["at"] or o["submitted_at"][:10] <= day.isoformat()
    return (dumps(rec), f"order_event OEX1: event dated {day} is before the order's previous event ({last})")


# --- orders -------------------------------------------------------------------------------------
def _order(f: Feed, **changes: object) -> str:
    return mutated(f.in_service(), id="OX1", **changes)


def o_split_differs_from_total(f: Feed, _: dict) -> tuple[str, str]:
    o = f.in_service()
    return (_order(f, self_pay=o["self_pay"] + 1),
            f"points + self_pay ({o['points']} + {o['self_pay'] + 1}) differ from total {o['total']}")


def o_application_and_ubn(f: Feed, _: dict) -> tuple[str, str]:
    return (_order(f, ubn=f.of("application")[0]["ubn"]), "exactly one of application or ubn is required")


def o_unknown_application(f: Feed, _: dict) -> tuple[str, str]:
    return (_order(f, application="A404"), "order OX1: unknown application A404")


def o_unknown_ubn(f: Feed, _: dict) -> tuple[str, str]:
    return (_order(f, application=None, ubn="04595257"), "order OX1: no applicant with UBN 04595257")


def o_unknown_solution(f: Feed, _: dict) -> tuple[str, str]:
    return (_order(f, solution="S404"), "order OX1: unknown solution S404")


def o_no_grant(f: Feed, _: dict) -> tuple[str, str]:
    pending = next(a for a in f.of("application") if not a.get("decision"))
    return (_order(f, application=pending["id"]), "order OX1: the applicant holds no points grant")


# --- applications -------------------------------------------------------------------------------
def _app(f: Feed) -> dict:
    return next(a for a in f.of("application") if (a.get("decision") or {}).get("status") == "approved"
                and a["forms"])


def a_second_grant_for_a_ubn(f: Feed, _: dict) -> tuple[str, str]:
    a = _app(f)
    return (mutated(a, id="AX1"), f"application AX1: UBN {a['ubn']} already holds a grant (須知八(一))")


def a_form_of_another_ubn(f: Feed, _: dict) -> tuple[str, str]:
    a = fresh_applications(f)[0]
    forms = [dict(a["forms"][0], ubn=f.of("application")[0]["ubn"])] + a["forms"][1:]
    return (mutated(a, forms=forms), f"application {a['id']}: forms[0]: UBN differs from the application's")


def a_query_after_success(f: Feed, _: dict) -> tuple[str, str]:
    a = fresh_applications(f)[0]
    form = a["forms"][0]
    q = form["queries"][-1]
    forms = [dict(form, queries=[q, dict(q, outcome="backend_failure", result=None)])] + a["forms"][1:]
    return (mutated(a, forms=forms), f"application {a['id']}: forms[0]: a query after the successful one")


def a_query_outside_validity(f: Feed, _: dict) -> tuple[str, str]:
    a = fresh_applications(f)[0]
    form = a["forms"][0]
    late = date.fromisoformat(form["valid_until"]) + timedelta(days=1)
    forms = [dict(form, queries=[dict(form["queries"][-1], at=_at(late))])] + a["forms"][1:]
    return (mutated(a, forms=forms),
            f"application {a['id']}: forms[0].queries[0]: outside the authorisation's validity period")


def a_approved_without_issue_date(f: Feed, _: dict) -> tuple[str, str]:
    a = fresh_applications(f)[0]
    return (mutated(a, decision=dict(a["decision"], issued_on=None)),
            "decision.issued_on is required for an approved decision")


def not_utf8(f: Feed, _: dict) -> tuple[bytes, str]:
    return (b'{"type":"vendor","id":"V\xff\xfe"}', "not valid UTF-8")


CASES: list[Case] = [
    t_unknown_order, t_already_terminated, t_not_in_service, t_filed_before_service, t_effective_after_term,
    t_effective_before_service, t_implausibly_early,
    c_unknown_termination, c_already_answered, c_before_filed, c_after_window,
    s_unknown_order, s_unknown_vendor, s_other_vendor, s_not_completed, s_before_completion, s_exceeds_points_used,
    e_paid_more_than_self_pay, e_paid_without_amount, e_completed_within_term, e_service_start_before_confirmation,
    e_out_of_order, e_after_termination, e_before_previous_event,
    o_split_differs_from_total, o_application_and_ubn, o_unknown_application, o_unknown_ubn, o_unknown_solution,
    o_no_grant,
    a_second_grant_for_a_ubn, a_form_of_another_ubn, a_query_after_success, a_query_outside_validity,
    a_approved_without_issue_date,
    not_utf8,
]


@pytest.fixture
def loaded(session_factory) -> tuple[Feed, dict]:
    feed = base_feed()
    load(session_factory, feed)
    with session_factory() as s:
        tn = s.scalars(sa.select(m.Termination).where(m.Termination.external_id == "TN-OPEN")).one()
        case = s.scalars(sa.select(m.RefundCase).where(m.RefundCase.termination_id == tn.id)).one()
        done = feed.completed()
        claimed = s.scalar(sa.select(sa.func.coalesce(sa.func.sum(m.SettlementClaim.points_claimed), 0))
                           .join(m.Order, m.Order.id == m.SettlementClaim.order_id)
                           .where(m.Order.external_id == done["id"]))
        ctx = {"open_filed": tn.filed_on, "open_window_end": case.window_ends_on,
               "claim_left": done["points"] - int(claimed or 0)}
    return feed, ctx


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_offending_record_is_rejected_with_its_line_and_reason_and_writes_nothing(
        session_factory, loaded, case: Case) -> None:
    feed, ctx = loaded
    bad, reason = case(feed, ctx)
    before = snapshot(session_factory)
    report = import_one_bad(session_factory, feed, bad)
    assert report.rejected == [RejectedLine(3, reason)]
    assert report.accepted == 0 and report.duplicates == 3
    assert snapshot(session_factory) == before


# --- the boundaries are accepted (so a check moved by one cannot pass) --------------------------------
def _accepts(session_factory, line: str, **grown: int) -> None:
    before = snapshot(session_factory)
    report = import_lines(session_factory, [line])
    assert report.rejected == [] and report.accepted == 1
    after = snapshot(session_factory)
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {"feed_records": 1, **grown}


def test_termination_effective_on_the_last_day_of_the_term_is_accepted(session_factory, loaded) -> None:
    feed, _ = loaded
    o = feed.in_service()
    start = feed.service_start(o["id"])
    end = contract_end(start, o["term_months"])
    _accepts(session_factory, mutated(feed.of("termination")[0], id="TX1", order=o["id"], filed_on=str(start),
                                      effective_on=str(end)), terminations=1, refund_cases=1)


def test_termination_effective_on_the_first_day_of_service_is_accepted(session_factory, loaded) -> None:
    feed, _ = loaded
    o = feed.in_service()
    start = feed.service_start(o["id"])
    _accepts(session_factory, mutated(feed.of("termination")[0], id="TX1", order=o["id"], filed_on=str(start),
                                      effective_on=str(start)), terminations=1, refund_cases=1)


def test_confirmation_on_the_last_day_of_the_window_is_accepted(session_factory, loaded) -> None:
    feed, ctx = loaded
    _accepts(session_factory, mutated(feed.of("confirmation")[0], id="CX1", termination="TN-OPEN",
                                      at=_at(ctx["open_window_end"])), refund_confirmations=1)


def test_claims_up_to_the_points_used_are_accepted(session_factory, loaded) -> None:
    feed, ctx = loaded
    if ctx["claim_left"] == 0:
        pytest.fail("the seed must leave a completed order with points to claim")
    _accepts(session_factory, _claim(feed, points=ctx["claim_left"]), settlement_claims=1)


def test_completion_the_day_after_the_term_and_full_payment_are_accepted(session_factory, loaded) -> None:
    feed, _ = loaded
    o = feed.in_service()
    end = contract_end(feed.service_start(o["id"]), o["term_months"])
    _accepts(session_factory, _event(feed, o, "completed", end + timedelta(days=1)), order_events=1)
    unpaid = _status_order(feed, "vendor_confirmed")
    _accepts(session_factory, _event(feed, unpaid, "paid", _last_day(feed, unpaid["id"]), rid="OEX2",
                                      amount=unpaid["self_pay"]),
             order_events=1)


def test_a_query_on_the_authorisations_last_day_is_accepted(session_factory, loaded) -> None:
    """附表2/附表3: the authorisation is valid through its last day (a mutant refusing that day survived)."""
    feed, _ = loaded
    a = fresh_applications(feed)[0]
    form = a["forms"][0]
    last = date.fromisoformat(form["valid_until"])
    forms = [dict(form, queries=[dict(form["queries"][-1], at=_at(last))])] + a["forms"][1:]
    report = import_lines(session_factory, [mutated(a, forms=forms)])
    assert report.rejected == [] and report.accepted == 1
    with session_factory() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Application)
                        .where(m.Application.external_id == a["id"])) == 1


def test_an_imported_applicant_keeps_what_its_identity_method_says(session_factory, loaded) -> None:
    """The representative's ID number is kept only where the method collects it (not with a MOEACA
    card), and the certificate's subject type is stored with the proof (mutants survived both)."""
    feed, _ = loaded
    apps = fresh_applications(feed)
    moeaca = next(a for a in apps if a["identity"]["method"] == "moeaca_card")
    moica = next(a for a in apps if a["identity"]["method"] == "moica_card")
    report = import_lines(session_factory, [dumps(moeaca), dumps(moica)])
    assert report.rejected == [] and report.accepted == 2
    with session_factory() as s:
        def stored(a: dict) -> tuple[str | None, bool, str | None]:
            applicant = s.scalars(sa.select(m.Applicant).where(m.Applicant.ubn == a["ubn"])).one()
            proof = s.scalars(sa.select(m.IdentityProof).join(m.Application).where(
                m.Application.external_id == a["id"])).one()
            return applicant.representative_id, applicant.domestic_branch, proof.subject_type

        assert stored(moeaca) == (None, False, moeaca["identity"]["subject_type"]) != (None, False, None)
        assert stored(moica) == (moica["representative"]["national_id"], False, None)
