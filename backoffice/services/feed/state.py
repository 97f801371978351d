"""What the importer knows about records already imported: small in-memory views of the
database rows that later records refer to, loaded on first use and updated as records are
staged. Points are simulated with the pure lot functions of ``policy.points`` so an order can be
checked before anything is written; the ledger service then books the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import GrantStatus, LedgerKind, OrderStatus
from backoffice.policy import points as ppoints
from backoffice.policy.params import ProgrammeParams, ProgrammeStatus

ParameterRow = tuple[date, str, int | None, str | None]  # as in ledger.params_from_rows


@dataclass
class ProgrammeInfo:
    """The programme the feed's applications belong to (the latest one), with its parameter rows."""

    id: int
    subsidy_deadline: date | None
    status: ProgrammeStatus
    rows: list[ParameterRow]
    cache: dict[date, ProgrammeParams] = field(default_factory=dict)

    def params(self, on: date) -> ProgrammeParams:
        p = self.cache.get(on)
        if p is None:
            from backoffice.services.points import ledger

            p = self.cache[on] = ledger.params_from_rows(self.rows, self.subsidy_deadline, on)
        return p


@dataclass
class GrantState:
    """The applicant's live grant as the lot rules see it."""

    issued_on: date
    lots: list[ppoints.Lot]
    params: ProgrammeParams
    uses: list[ppoints.OrderUse] = field(default_factory=list)
    lapsed: bool = False

    def usable(self, on: date) -> list[ppoints.Lot]:
        if self.lapsed or ppoints.lapse_status(self.issued_on, on, self.uses, self.params).state == "lapsed":
            return []
        return self.lots


@dataclass
class ApplicantState:
    applicant_id: int
    grant: GrantState | None  # None: no live grant (not approved, or lapsed)


@dataclass
class ApplicationState:
    applicant_id: int


@dataclass
class SolutionState:
    id: int
    vendor_id: int
    listed: bool


@dataclass
class OrderState:
    id: int
    applicant_id: int
    vendor_id: int
    status: OrderStatus
    points: int
    self_pay: int
    term_months: int
    submitted_on: date
    last_event_on: date
    submitted_at: datetime  # no event of the order may be dated before it
    allocation: list[tuple[ppoints.LotId, int]]  # (lot, points) the order holds
    use_index: int | None  # index into the grant's uses (None: loaded from the database)
    # What the order's events set; read only once they have (a termination needs an order in
    # service, which needs the paid and service_started events).
    self_pay_paid: int = 0
    service_start: date | None = None
    contract_id: int | None = None
    terminated: bool = False
    claimed: int = 0


@dataclass
class TerminationState:
    case_id: int  # the refund case the confirmations belong to
    filed_on: date
    window_end: date
    confirmed: dict[str, bool] = field(default_factory=dict)


class KnownRecords:
    """Caches keyed by the feed's ids, with loaders for records of earlier imports."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.vendors: dict[str, int | None] = {}
        self.solutions: dict[str, SolutionState | None] = {}
        self.applications: dict[str, ApplicationState | None] = {}
        self.applicants_by_ubn: dict[str, ApplicantState | None] = {}
        self.applicants: dict[int, ApplicantState] = {}
        self.orders: dict[str, OrderState | None] = {}
        self.terminations: dict[str, TerminationState | None] = {}
        self.budget_left: int | None = None
        self._programme: ProgrammeInfo | None = None
        self._programme_loaded = False

    def programme(self, s: Session) -> ProgrammeInfo | None:
        """The latest programme (the one new applications join), or None before any exists."""
        if not self._programme_loaded:
            row = s.execute(sa.select(m.Programme.id, m.Programme.subsidy_deadline,
                                      m.Programme.applications_stopped_on, m.Programme.use_stopped_on)
                            .order_by(m.Programme.id.desc()).limit(1)).first()
            if row is not None:
                rows = s.execute(
                    sa.select(m.ProgrammeParameter.effective_from, m.ProgrammeParameter.name,
                              m.ProgrammeParameter.int_value, m.ProgrammeParameter.text_value)
                    .where(m.ProgrammeParameter.programme_id == row[0])
                    .order_by(m.ProgrammeParameter.effective_from, m.ProgrammeParameter.id)).all()
                self._programme = ProgrammeInfo(row[0], row[1], ProgrammeStatus(row[2], row[3]),
                                                [tuple(r) for r in rows])  # type: ignore[misc]
            self._programme_loaded = True
        return self._programme

    def set_programme(self, info: ProgrammeInfo, budget: int) -> None:
        self._programme, self._programme_loaded = info, True
        self.budget_left = budget

    def programme_code_taken(self, s: Session, code: str) -> bool:
        return s.scalar(sa.select(m.Programme.id).where(m.Programme.code == code)) is not None

    def preload(self, s: Session, records: list[tuple[str, dict[str, object]]]) -> None:
        """Look up, with one query per kind, the ids and UBNs a batch of new records names that
        are not cached yet: unknown ones are cached as None (no per-record query for a record
        that is new, the usual case); known ones are left to the loaders below."""
        want: dict[str, set[str]] = {k: set() for k in ("vendor", "solution", "application", "ubn", "order",
                                                          "termination")}
        for t, d in records:
            if t in want:
                want[t].add(str(d["id"]))
            if t == "application":
                want["ubn"].add(str(d["ubn"]))
            for ref in ("vendor", "solution", "application", "order", "termination", "ubn"):
                v = d.get(ref) if t != "application" or ref != "ubn" else None
                if isinstance(v, str):
                    want[ref].add(v)
        plan: tuple[tuple[str, dict[str, Any], Any], ...] = (
            ("vendor", self.vendors, m.Vendor.external_id),
            ("solution", self.solutions, m.Solution.external_id),
            ("application", self.applications, m.Application.external_id),
            ("ubn", self.applicants_by_ubn, m.Applicant.ubn),
            ("order", self.orders, m.Order.external_id),
            ("termination", self.terminations, m.Termination.external_id),
        )
        for kind, cache, column in plan:
            missing = sorted(want[kind] - cache.keys())
            for i in range(0, len(missing), 900):
                chunk = missing[i:i + 900]
                found = set(s.scalars(sa.select(column).where(column.in_(chunk))))
                for key in chunk:
                    if key not in found:
                        cache[key] = None

    # -- loaders (None = not known) -----------------------------------------------------------
    def vendor(self, s: Session, ext: str) -> int | None:
        if ext not in self.vendors:
            self.vendors[ext] = s.scalar(sa.select(m.Vendor.id).where(m.Vendor.external_id == ext))
        return self.vendors[ext]

    def solution(self, s: Session, ext: str) -> SolutionState | None:
        if ext not in self.solutions:
            row = s.execute(sa.select(m.Solution.id, m.Solution.vendor_id, m.Solution.in_subsidy_zone)
                            .where(m.Solution.external_id == ext)).first()
            self.solutions[ext] = SolutionState(row[0], row[1], bool(row[2])) if row else None
        return self.solutions[ext]

    def application(self, s: Session, ext: str) -> ApplicationState | None:
        if ext not in self.applications:
            aid = s.scalar(sa.select(m.Application.applicant_id).where(m.Application.external_id == ext))
            self.applications[ext] = ApplicationState(aid) if aid is not None else None
        return self.applications[ext]

    def applicant_by_ubn(self, s: Session, ubn: str) -> ApplicantState | None:
        if ubn not in self.applicants_by_ubn:
            aid = s.scalar(sa.select(m.Applicant.id).where(m.Applicant.ubn == ubn))
            self.applicants_by_ubn[ubn] = self.applicant(s, aid) if aid is not None else None
        return self.applicants_by_ubn[ubn]

    def applicant(self, s: Session, applicant_id: int) -> ApplicantState:
        st = self.applicants.get(applicant_id)
        if st is None:
            st = ApplicantState(applicant_id, self._load_grant(s, applicant_id))
            self.applicants[applicant_id] = st
        return st

    def _load_grant(self, s: Session, applicant_id: int) -> GrantState | None:
        from backoffice.services.points import ledger

        g = s.execute(sa.select(m.Grant.id, m.Grant.issued_on, m.Grant.programme_id).where(
            m.Grant.applicant_id == applicant_id, m.Grant.status == GrantStatus.ACTIVE)
            .order_by(m.Grant.id.desc()).limit(1)).first()
        if g is None:
            return None
        lots = [ppoints.Lot(lb.lot_id, lb.balance, lb.valid_until)
                for lb in ledger.lot_balances(s, applicant_id, statuses=(GrantStatus.ACTIVE,))]
        uses = []
        for sub_at, pts, status, closed in s.execute(
                sa.select(m.Order.submitted_at, m.Order.points, m.Order.status, m.Order.closed_at)
                .where(m.Order.applicant_id == applicant_id, m.Order.grant_id == g[0])):
            void = status in (OrderStatus.REJECTED, OrderStatus.CANCELLED)
            uses.append(ppoints.OrderUse(_taipei(sub_at), pts, "void" if void else "pending",
                                         _taipei(closed) if void and closed else None))
        return GrantState(g[1], lots, ledger.programme_params(s, g[2], g[1]), uses)

    def order(self, s: Session, ext: str) -> OrderState | None:
        if ext in self.orders:
            return self.orders[ext]
        o = s.scalar(sa.select(m.Order).where(m.Order.external_id == ext))
        if o is None:
            self.orders[ext] = None
            return None
        last = s.scalar(sa.select(sa.func.max(m.OrderEvent.at)).where(m.OrderEvent.order_id == o.id))
        held = s.execute(sa.select(m.LedgerEntry.lot_id, sa.func.sum(m.LedgerEntry.points))
                         .where(m.LedgerEntry.order_id == o.id,
                                m.LedgerEntry.kind.in_((LedgerKind.ORDER_HOLD, LedgerKind.ORDER_RELEASE)))
                         .group_by(m.LedgerEntry.lot_id)).all()
        contract_id = s.scalar(sa.select(m.Contract.id).where(m.Contract.order_id == o.id))
        terminated = s.scalar(sa.select(m.Termination.id).where(m.Termination.order_id == o.id)) is not None
        claimed = s.scalar(sa.select(sa.func.coalesce(sa.func.sum(m.SettlementClaim.points_claimed), 0))
                           .where(m.SettlementClaim.order_id == o.id)) or 0
        st = OrderState(
            o.id, o.applicant_id, o.vendor_id, o.status, o.points, o.self_pay, o.term_months,
            _taipei(o.submitted_at), _taipei(last) if last else _taipei(o.submitted_at), o.submitted_at,
            allocation=[(int(lot), -int(total)) for lot, total in held if lot is not None and total < 0],
            use_index=None, self_pay_paid=o.self_pay_paid, service_start=o.service_started_on,
            contract_id=contract_id, terminated=terminated, claimed=int(claimed))
        self.orders[ext] = st
        return st

    def termination(self, s: Session, ext: str) -> TerminationState | None:
        if ext not in self.terminations:
            row = s.execute(sa.select(m.RefundCase.id, m.Termination.filed_on, m.RefundCase.window_ends_on)
                            .select_from(m.Termination)
                            .join(m.RefundCase, m.RefundCase.termination_id == m.Termination.id)
                            .where(m.Termination.external_id == ext)).first()
            if row is None:
                self.terminations[ext] = None
            else:
                st = TerminationState(row[0], row[1], row[2])
                for party, agrees in s.execute(sa.select(m.RefundConfirmation.party, m.RefundConfirmation.agrees)
                                               .where(m.RefundConfirmation.case_id == row[0])):
                    st.confirmed[str(party.value if hasattr(party, "value") else party)] = bool(agrees)
                self.terminations[ext] = st
        return self.terminations[ext]


def _taipei(dt: object) -> date:
    from datetime import datetime

    from backoffice.services.feed.records import TAIPEI

    assert isinstance(dt, datetime)
    return dt.astimezone(TAIPEI).date()
