"""One handler per feed record type: check references and rules, then stage the rows.

A handler raises ``FeedError`` before it stages anything, so a rejected record leaves nothing
behind. Rules come from ``backoffice.policy`` (order split, order checks, lot allocation,
lapse, refund figures, confirmation window); ledger rows are written only by
``backoffice.services.points.ledger``, called from the staged operations.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import (
    ApplicationStatus,
    AuthorisationForm,
    IdentityMethod,
    OrderStatus,
    Outcome,
    Party,
    ProofSource,
    QueryOutcome,
    RefundStatus,
    TerminationStatus,
)
from backoffice.db.enums import ProgrammeState as DbProgrammeState
from backoffice.policy import industry, orders, points, refunds
from backoffice.policy.params import ProgrammeParams, ProgrammeStatus
from backoffice.services.authz import pure, query_helper
from backoffice.services.feed.records import PARAMETER_NAMES, TAIPEI, FeedError, Parsed
from backoffice.services.feed.state import (
    ApplicantState,
    ApplicationState,
    GrantState,
    KnownRecords,
    OrderState,
    ParameterRow,
    ProgrammeInfo,
    SolutionState,
    TerminationState,
)

if TYPE_CHECKING:
    from backoffice.services.feed.importer import Stage

# Feed (policy) identity methods -> stored values.
METHODS = {"moeaca_card": IdentityMethod.MOEACA, "moica_card": IdentityMethod.MOICA,
           "moica_mobile": IdentityMethod.MOICA_MOBILE, "phone": IdentityMethod.PHONE,
           "xca_card": IdentityMethod.XCA}
# event -> (states it may follow, new state); None keeps the state.
TRANSITIONS: dict[str, tuple[tuple[OrderStatus, ...], OrderStatus | None]] = {
    "vendor_confirmed": ((OrderStatus.SUBMITTED,), OrderStatus.VENDOR_CONFIRMED),
    "paid": ((OrderStatus.VENDOR_CONFIRMED,), OrderStatus.PAID),
    "payment_confirmed": ((OrderStatus.PAID,), OrderStatus.PAYMENT_CONFIRMED),
    "invoiced": ((OrderStatus.PAYMENT_CONFIRMED, OrderStatus.IN_SERVICE), None),
    "service_started": ((OrderStatus.PAYMENT_CONFIRMED, OrderStatus.INVOICED), OrderStatus.IN_SERVICE),
    "completed": ((OrderStatus.IN_SERVICE,), OrderStatus.COMPLETED),
    "rejected": ((OrderStatus.SUBMITTED,), OrderStatus.REJECTED),
    "cancelled": ((OrderStatus.SUBMITTED, OrderStatus.VENDOR_CONFIRMED, OrderStatus.PAID,
                   OrderStatus.PAYMENT_CONFIRMED, OrderStatus.INVOICED), OrderStatus.CANCELLED),
}


def _day(dt: datetime) -> date:
    return dt.astimezone(TAIPEI).date()


def _noon(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 12, tzinfo=TAIPEI)


@query_helper("a feed record handler, called by the feed import (a system job)")
def budget_left(s: Session, programme_id: int | None) -> int:
    if programme_id is None:
        return 0
    row = s.execute(sa.select(m.Budget.total, m.Budget.committed).where(m.Budget.programme_id == programme_id)).first()
    return int(row[0] - row[1]) if row else 0


@query_helper("a feed record handler, called by the feed import (a system job)")
def programme(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    """The programme the platform runs: the Programme, its Budget and its parameters (RULES §3
    defaults from ``ProgrammeParams``, then the record's overrides from their effective dates)."""
    d = r.data
    if known.programme_code_taken(s, r.id):
        raise FeedError(f"a programme with code {r.id} already exists (set up outside this feed)")
    status = ProgrammeStatus(d["applications_stopped_on"], d["use_stopped_on"])
    now = datetime.now(TAIPEI)
    pid = st.insert(m.Programme, code=r.id, name=d["name"], is_demo=False,
                    state=DbProgrammeState(status.state_on(now.date()).value),
                    applications_stopped_on=d["applications_stopped_on"], use_stopped_on=d["use_stopped_on"],
                    subsidy_deadline=d["subsidy_deadline"], budget_exhausted_on=d["budget_exhausted_on"],
                    created_at=now)
    st.insert(m.Budget, programme_id=pid, total=d["budget"], committed=0)
    opens = d["opens_on"] or date.min  # without an opening day the defaults apply from always
    defaults = ProgrammeParams()  # RULES §3 defaults: the policy's numbers, not restated here
    values: dict[tuple[date, str], tuple[int | None, str | None, str]] = {
        (opens, n): (getattr(defaults, n), None, "RULES §3 default") for n in PARAMETER_NAMES}
    values[(opens, "subsidy_deadline")] = (None, d["subsidy_deadline"].isoformat(), "programme record")
    values[(opens, "total_budget")] = (d["budget"], None, "programme record")
    for override in d["parameters"] or ():
        for n, v in override["values"].items():
            values[(override["effective_from"], n)] = (v, None, "programme record override")
    rows: list[ParameterRow] = []
    for (since, n), (iv, tv, note) in sorted(values.items(), key=lambda kv: kv[0][0]):
        st.insert(m.ProgrammeParameter, programme_id=pid, name=n, int_value=iv, text_value=tv,
                  effective_from=since, set_by_id=None, set_at=now, note=f"feed: {note}")
        rows.append((since, n, iv, tv))
    st.programme_id = pid
    known.set_programme(ProgrammeInfo(pid, d["subsidy_deadline"], status, rows), d["budget"])


@query_helper("a feed record handler, called by the feed import (a system job)")
def vendor(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    d = r.data
    if known.vendor(s, r.id) is not None:
        raise FeedError("a vendor with this id already exists")
    known.vendors[r.id] = st.insert(m.Vendor, external_id=r.id, ubn=d["ubn"], name=d["name"], address=d["address"],
                                    contact_name=d["contact_name"], contact_email=d["email"],
                                    contact_phone=d["phone"])


@query_helper("a feed record handler, called by the feed import (a system job)")
def solution(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    d = r.data
    vid = known.vendor(s, d["vendor"])
    if vid is None:
        raise FeedError(f"unknown vendor {d['vendor']}")
    if known.solution(s, r.id) is not None:
        raise FeedError("a solution with this id already exists")
    sid = st.insert(m.Solution, external_id=r.id, vendor_id=vid, name=d["name"], category=d["category"],
                    price=d["price"], term_months=d["term_months"], in_subsidy_zone=d["listed"])
    known.solutions[r.id] = SolutionState(sid, vid, d["listed"])


@query_helper("a feed record handler, called by the feed import (a system job)")
def application(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    d = r.data
    if known.application(s, r.id) is not None:
        raise FeedError("an application with this id already exists")
    existing = known.applicant_by_ubn(s, d["ubn"])
    dec = d["decision"]
    approved = dec is not None and dec["status"] == "approved"
    for i, form in enumerate(d["forms"]):
        if form["ubn"] != d["ubn"]:
            raise FeedError(f"forms[{i}]: UBN differs from the application's")
        successes = [q for q in form["queries"] if q["outcome"] == "success"]
        if len(successes) > 1:
            raise FeedError(f"forms[{i}]: each authorisation allows one successful query (附表2/附表3 note 2)")
        if successes and form["queries"][-1]["outcome"] != "success":
            raise FeedError(f"forms[{i}]: a query after the successful one")
        for j, q in enumerate(form["queries"]):
            if not form["valid_from"] <= _day(q["at"]) <= form["valid_until"]:
                raise FeedError(f"forms[{i}].queries[{j}]: outside the authorisation's validity period")
    prog = known.programme(s)
    if approved:
        if prog is None or st.programme_id is None:
            raise FeedError("no programme to grant points from: the feed must start with a programme record "
                            "(or the programme must be set up first)")
        if existing is not None and existing.grant is not None:
            raise FeedError(f"UBN {d['ubn']} already holds a grant (須知八(一))")
        if not prog.status.applications_open(dec["issued_on"]):
            raise FeedError(f"no grant can be issued on {dec['issued_on']}: the programme stopped granting "
                            "by announcement (須知二(三))")
        grant_params = prog.params(dec["issued_on"])
        if (known.budget_left or 0) < grant_params.grant_points:
            raise FeedError("programme budget exhausted: no grant can be issued")
    # --- checks done: stage the rows ---------------------------------------------------------
    atype, as_type = d["applicant_type"], d["applies_as"]
    eff = as_type or atype
    subject = d["identity"]["subject_type"]
    if existing is None:
        applicant_id = st.insert(
            m.Applicant, name=d["name"], ubn=d["ubn"], applicant_type=atype, as_type=as_type,
            industry_section=industry.section_of(d["industry"]) if d["industry"] else None,
            industry_division=d["industry"], industry_other=d["industry_other"],
            registered_on=d["registered_on"], paid_in_capital=d["capital"], employees=d["employees"],
            address=d["address"], representative_name=d["representative"]["name"],
            representative_title=d["representative"]["title"],
            representative_id=d["representative"]["national_id"]
            if d["identity"]["method"] != "moeaca_card" else None,  # collected only for those methods (§5.9)
            contact_name=d["contact"]["name"], contact_title=d["contact"]["title"],
            contact_phone=d["contact"]["phone"], contact_phone_ext=d["contact"]["extension"],
            contact_mobile=d["contact"]["mobile"], contact_email=d["contact"]["email"],
            # What the platform's type and certificate tell about registration (須知四).
            has_company_registration=eff == "sme" and "公司" in d["name"],
            has_business_registration=eff == "sme" and "公司" not in d["name"],
            has_tax_registration=eff in ("tax_registered", "cooperative"),
            cooperative_registered=atype == "cooperative",
            social_innovation_listed=atype.startswith("social_innovation"),
            domestic_branch=subject == "branch",
        )
        existing = ApplicantState(applicant_id, grant=None)
        known.applicants[applicant_id] = existing
        known.applicants_by_ubn[d["ubn"]] = existing
    status = ApplicationStatus.SUBMITTED if dec is None else (
        ApplicationStatus.APPROVED if approved else ApplicationStatus.REJECTED)
    app_id = st.insert(
        m.Application, external_id=r.id, programme_id=st.programme_id, applicant_id=existing.applicant_id,
        submitted_at=d["submitted_at"], status=status, identity_method=METHODS[d["identity"]["method"]],
        personal_data_consent=d["consent_personal_data"],
        declarations={"accepted": d["declarations_accepted"]}, self_assessment_done=d["self_assessment_done"],
        no_tax_arrears_declared=d["no_tax_arrears"], decided_at=_noon(dec["decided_on"]) if dec else None,
        version=1)
    known.applications[r.id] = ApplicationState(existing.applicant_id)
    st.insert(m.ApplicationStatusChange, application_id=app_id, from_status=None,
              to_status=ApplicationStatus.SUBMITTED, at=d["submitted_at"], reason_code="feed")
    if dec is not None:
        st.insert(m.ApplicationStatusChange, application_id=app_id, from_status=ApplicationStatus.SUBMITTED,
                  to_status=status, at=_noon(dec["decided_on"]), reason_code="platform_history",
                  note="decided on the platform (migrated history)")
    ident = d["identity"]
    st.insert(m.IdentityProof, application_id=app_id, method=METHODS[ident["method"]], source=ProofSource.PLATFORM,
              cert_serial=ident["certificate_serial"], subject_type=subject,
              holder_ubn=d["ubn"] if ident["method"] == "moeaca_card" else None,
              holder_id_last4=(d["representative"]["national_id"] or "")[-4:] or None,
              verified_at=ident["verified_at"], outcome=Outcome.PASS, detail="verified by the platform")
    for form in d["forms"]:
        auth_id = st.insert(m.Authorisation, application_id=app_id, form=AuthorisationForm(form["kind"]),
                            company_name=form["company_name"], ubn=form["ubn"], valid_from=form["valid_from"],
                            valid_until=form["valid_until"], consent=form["consent"], signed_on=form["signed_on"],
                            representative_name=form["representative_name"],
                            representative_id=form["representative_id"], created_at=d["submitted_at"])
        for q in form["queries"]:
            st.insert(m.AuthorisationQuery, authorisation_id=auth_id, at=q["at"], outcome=QueryOutcome(q["outcome"]),
                      result=q["result"], note=q["note"])
    if approved:
        issued = dec["issued_on"]
        known.budget_left = (known.budget_left or 0) - grant_params.grant_points
        existing.grant = GrantState(issued, [points.Lot(f"grant:{r.id}", grant_params.grant_points,
                                                        points.grant_valid_until(issued, grant_params))],
                                    params=grant_params)
        st.grant(existing.applicant_id, app_id, issued)


@query_helper("a feed record handler, called by the feed import (a system job)")
def order(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    d = r.data
    if known.order(s, r.id) is not None:
        raise FeedError("an order with this id already exists")
    if d["application"] is not None:
        app = known.application(s, d["application"])
        if app is None:
            raise FeedError(f"unknown application {d['application']}")
        applicant = known.applicant(s, app.applicant_id)
    else:
        found = known.applicant_by_ubn(s, d["ubn"])
        if found is None:
            raise FeedError(f"no applicant with UBN {d['ubn']}")
        applicant = found
    sol = known.solution(s, d["solution"])
    if sol is None:
        raise FeedError(f"unknown solution {d['solution']}")
    on = _day(d["submitted_at"])
    grant = applicant.grant
    prog = known.programme(s)
    check = orders.check_order(d["term_months"], listed_in_subsidy_zone=sol.listed,
                               existing_customer_same_solution=d["existing_customer"], submitted_on=on,
                               status=prog.status if prog else None,
                               params=grant.params if grant else prog.params(on) if prog else ProgrammeParams())
    if not check.ok:
        raise FeedError("; ".join(en for _, _, en in check.problems))
    if grant is None:
        raise FeedError("the applicant holds no points grant")
    lots = grant.usable(on)
    quote = orders.quote_order(d["total"], points.usable_balance(lots, on), grant.params)
    if (quote.points, quote.self_pay) != (d["points"], d["self_pay"]):
        raise FeedError(f"points/self_pay {d['points']}/{d['self_pay']} differ from the quote "
                        f"{quote.points}/{quote.self_pay} (balance {points.usable_balance(lots, on)} on {on})")
    allocation = points.allocate(lots, quote.points, on)
    # --- stage ------------------------------------------------------------------------------
    grant.lots = points.apply_allocation(grant.lots, allocation)
    grant.uses.append(points.OrderUse(on, quote.points, "pending"))
    oid = st.insert(m.Order, external_id=r.id, applicant_id=applicant.applicant_id, vendor_id=sol.vendor_id,
                    solution_id=sol.id, total=d["total"], points=d["points"], self_pay=d["self_pay"],
                    self_pay_paid=0, status=OrderStatus.SUBMITTED, submitted_at=d["submitted_at"],
                    term_months=d["term_months"], existing_customer_renewal=d["existing_customer"])
    known.orders[r.id] = OrderState(oid, applicant.applicant_id, sol.vendor_id, OrderStatus.SUBMITTED, d["points"],
                                    d["self_pay"], d["term_months"], on, on, d["submitted_at"],
                                    allocation=allocation, use_index=len(grant.uses) - 1)
    if quote.points > 0:
        st.hold(oid, applicant.applicant_id, quote.points, on)


@query_helper("a feed record handler, called by the feed import (a system job)")
def order_event(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    d = r.data
    o = known.order(s, d["order"])
    if o is None:
        raise FeedError(f"unknown order {d['order']}")
    kind = d["event"]
    allowed, new = TRANSITIONS[kind]
    if o.terminated or o.status not in allowed:
        raise FeedError(f"event {kind} does not follow order state {o.status.value}")
    on = _day(d["at"])
    if d["at"] < o.submitted_at:
        raise FeedError(f"event at {d['at'].isoformat()} is before the order's submission "
                        f"({o.submitted_at.isoformat()})")
    if on < o.last_event_on:
        raise FeedError(f"event dated {on} is before the order's previous event ({o.last_event_on})")
    values: dict[str, Any] = {}
    if kind == "vendor_confirmed":
        values["vendor_confirmed_at"] = d["at"]
    elif kind == "paid":
        if d["amount"] > o.self_pay:
            raise FeedError(f"paid {d['amount']} is more than the self-pay {o.self_pay}")
        values.update(paid_at=d["at"], self_pay_paid=d["amount"])
    elif kind == "payment_confirmed":
        values["payment_confirmed_at"] = d["at"]
    elif kind == "invoiced":
        values["invoiced_at"] = d["at"]
    elif kind == "service_started":
        if d["service_start"] < o.last_event_on:
            raise FeedError("service_start is before the payment was confirmed")
        values["service_started_on"] = d["service_start"]
    elif kind == "completed":
        assert o.service_start is not None
        end = refunds_contract_end(o.service_start, o.term_months)
        if on <= end:
            raise FeedError(f"the plan term runs until {end}: the order cannot be completed on {on}")
        values["closed_at"] = d["at"]
    else:  # rejected / cancelled
        values["closed_at"] = d["at"]
    # --- stage ------------------------------------------------------------------------------
    if new is not None:
        values["status"] = new
        o.status = new
    o.last_event_on = on
    if kind == "paid":
        o.self_pay_paid = d["amount"]
    st.update(m.Order, o.id, **values)
    st.insert(m.OrderEvent, external_id=r.id, order_id=o.id, kind=kind, at=d["at"],
              payload={k: (v.isoformat() if isinstance(v, date) else v) for k, v in d.items()
                       if k in ("note", "amount", "invoice_number", "service_start") and v is not None} or None)
    if kind == "service_started":
        o.service_start = d["service_start"]
        o.contract_id = st.insert(m.Contract, order_id=o.id, start_on=d["service_start"], term_months=o.term_months,
                                  ends_on=refunds_contract_end(d["service_start"], o.term_months))
    if kind in ("rejected", "cancelled"):
        _release(s, known, o, on)
        if o.points > 0:
            st.release(o.id, o.applicant_id, on)


def _release(s: Session, known: KnownRecords, o: OrderState, on: date) -> None:
    """Mirror ``ledger.release_order_points`` on the lots: back to valid lots; maybe lapse."""
    grant = known.applicant(s, o.applicant_id).grant
    if grant is None:
        return
    lot_ids = {lot.lot_id for lot in grant.lots}
    alloc = [(lot, amt) for lot, amt in o.allocation if lot in lot_ids]
    back = points.release(grant.lots, alloc, on)
    grant.lots = points.apply_allocation(grant.lots, back.restored, sign=+1)
    if o.use_index is not None:
        use = grant.uses[o.use_index]
        grant.uses[o.use_index] = points.OrderUse(use.submitted, use.points, "void", on)
    else:
        grant.uses = [u for u in grant.uses if u.submitted != o.submitted_on or u.points != o.points] + [
            points.OrderUse(o.submitted_on, o.points, "void", on)]
    if points.lapse_status(grant.issued_on, on, grant.uses, grant.params).state == "lapsed":
        grant.lapsed = True


@pure
def refunds_contract_end(start: date, months: int) -> date:
    from backoffice.policy.dates import contract_end

    return contract_end(start, months)


@query_helper("a feed record handler, called by the feed import (a system job)")
def termination(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    d = r.data
    if known.termination(s, r.id) is not None:
        raise FeedError("a termination with this id already exists")
    o = known.order(s, d["order"])
    if o is None:
        raise FeedError(f"unknown order {d['order']}")
    if o.terminated:
        raise FeedError("the order is already terminated")
    if o.status is not OrderStatus.IN_SERVICE or o.service_start is None:
        raise FeedError(f"only an order in service can be terminated (state {o.status.value})")
    if d["filed_on"] < o.service_start:
        raise FeedError("filed before the service started")
    end = refunds_contract_end(o.service_start, o.term_months)
    if d["effective_on"] > end:
        raise FeedError(f"effective_on is after the end of the term ({end})")
    if d["effective_on"] < o.service_start:
        raise FeedError("effective_on is before the first day of service")
    q = refunds.quote_refund(o.points, o.self_pay_paid, o.service_start, o.term_months, d["effective_on"])
    prog = known.programme(s)
    window_end = refunds.confirmation_window_end(d["filed_on"], prog.params(d["filed_on"]) if prog else
                                                 ProgrammeParams())
    # --- stage ------------------------------------------------------------------------------
    tid = st.insert(m.Termination, external_id=r.id, contract_id=o.contract_id, order_id=o.id,
                    filed_on=d["filed_on"], effective_on=d["effective_on"], initiated_by=Party(d["initiated_by"]),
                    reason=d["reason"], status=TerminationStatus.REFUND_PENDING)
    case_id = st.insert(m.RefundCase, termination_id=tid, term_months=q.term_months, months_used=q.months_used,
                        points_total=o.points, points_used=q.points_used, points_refund=q.points_refund,
                        self_pay_paid=o.self_pay_paid, self_pay_used=q.self_pay_used,
                        self_pay_refund=q.self_pay_refund, clauses="、".join(q.clauses),
                        status=RefundStatus.AWAITING_CONFIRMATION, window_ends_on=window_end,
                        prepared_at=_noon(d["filed_on"]))
    o.terminated = True
    o.status = OrderStatus.TERMINATED
    st.update(m.Order, o.id, status=OrderStatus.TERMINATED, closed_at=_noon(d["effective_on"]))
    known.terminations[r.id] = TerminationState(case_id, d["filed_on"], window_end)


@query_helper("a feed record handler, called by the feed import (a system job)")
def confirmation(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    d = r.data
    t = known.termination(s, d["termination"])
    if t is None:
        raise FeedError(f"unknown termination {d['termination']}")
    on = _day(d["at"])
    if d["party"] in t.confirmed:
        raise FeedError(f"the {d['party']} has already answered")
    if on < t.filed_on:
        raise FeedError("confirmation before the termination was filed")
    if on > t.window_end:
        raise FeedError(f"confirmation after the window ended on {t.window_end} (F + 14)")
    t.confirmed[d["party"]] = d["agrees"]
    st.insert(m.RefundConfirmation, case_id=t.case_id, party=Party(d["party"]), agrees=d["agrees"], at=d["at"],
              note=d["comment"], external_id=r.id)
    if not all(t.confirmed.values()):
        st.update(m.RefundCase, t.case_id, status=RefundStatus.DISPUTED)
    elif len(t.confirmed) == 2:
        st.update(m.RefundCase, t.case_id, status=RefundStatus.CONFIRMED)


@query_helper("a feed record handler, called by the feed import (a system job)")
def settlement_claim(s: Session, st: Stage, known: KnownRecords, r: Parsed) -> None:
    d = r.data
    o = known.order(s, d["order"])
    if o is None:
        raise FeedError(f"unknown order {d['order']}")
    vid = known.vendor(s, d["vendor"])
    if vid is None:
        raise FeedError(f"unknown vendor {d['vendor']}")
    if vid != o.vendor_id:
        raise FeedError("the vendor is not the order's vendor")
    if o.status is not OrderStatus.COMPLETED:
        raise FeedError(f"a claim needs a completed order (state {o.status.value})")
    if d["submitted_on"] < o.last_event_on:
        raise FeedError("claim submitted before the order was completed")
    if o.claimed + d["points"] > o.points:
        raise FeedError(f"claims of {o.claimed + d['points']} points exceed the {o.points} points used")
    o.claimed += d["points"]
    st.insert(m.SettlementClaim, external_id=r.id, order_id=o.id, vendor_id=vid, points_claimed=d["points"],
              submitted_on=d["submitted_on"])


HANDLERS: dict[str, Callable[[Session, Stage, KnownRecords, Parsed], None]] = {
    "programme": programme, "vendor": vendor, "solution": solution, "application": application, "order": order,
    "order_event": order_event, "termination": termination, "confirmation": confirmation,
    "settlement_claim": settlement_claim,
}
