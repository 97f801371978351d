"""Reading refund cases: the queue (paged SQL with filters), one case in full, counts (Qt-free).

Row colour **[decision]**: an open case still awaiting confirmation turns amber when its window
ends within ``AMBER_DAYS`` days (today included) and red once the window has ended (escalation
is due); a case whose self-pay refund is past its due day is red too ("overdue").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from backoffice.db import models as m
from backoffice.db.enums import RefundStatus
from backoffice.db.session import UnitOfWork
from backoffice.policy.results import JsonResult
from backoffice.services.authz import Actor, officer_id_of, query_helper
from backoffice.services.refunds.errors import CaseNotFound, EvidenceNotFound
from backoffice.services.refunds.signed import split_clauses
from backoffice.services.refunds.workflow import (
    OPEN_STATES,
    handlers_of,
    service_start,
    service_start_or_none,
)

S = RefundStatus
AMBER_DAYS = 2
PAGE_SIZE = 100


@dataclass(frozen=True)
class RefundFilter:
    """What the queue shows. Empty/None = no restriction."""

    states: tuple[RefundStatus, ...] = ()
    open_only: bool = False
    days_left_max: int | None = None  # awaiting confirmation, window ends within N days (0: today)
    disputed: bool = False  # a party disagreed (whatever the state now)
    vendor_id: int | None = None
    awaiting_my_approval: bool = False  # submitted, and the viewer may approve (not a handler)
    self_pay_overdue: bool = False
    text: str | None = None  # termination / order external id or applicant name, prefix


@dataclass(frozen=True)
class CaseRow(JsonResult):
    id: int
    termination: str
    order: str
    applicant: str
    vendor: str
    state: str
    filed_on: date
    window_ends_on: date
    months_used: int
    term_months: int
    points_refund: int
    self_pay_refund: int
    disputed: bool
    self_pay_refund_due_on: date | None
    self_pay_refunded_on: date | None
    days_left: int | None  # days until the window ends (awaiting confirmation only)
    flag: str  # "" / "amber" / "red"

    def cli_json(self) -> dict[str, Any]:
        """The stable `refund list --json` shape."""
        return {"id": self.id, "termination": self.termination, "order": self.order, "state": self.state,
                "window_ends_on": self.window_ends_on.isoformat(), "months_used": self.months_used,
                "points_refund": self.points_refund, "self_pay_refund": self.self_pay_refund}


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    total: int
    page: int
    page_size: int


def _disputed_expr() -> Any:
    c = aliased(m.RefundConfirmation)
    return sa.exists(sa.select(c.id).where(c.case_id == m.RefundCase.id, c.agrees.is_(False)))


def _select(*extra: Any) -> Any:
    return (sa.select(m.RefundCase.id, m.Termination.external_id, m.Order.external_id, m.Applicant.name,
                      m.Vendor.name, m.RefundCase.status, m.Termination.filed_on, m.RefundCase.window_ends_on,
                      m.RefundCase.months_used, m.RefundCase.term_months, m.RefundCase.points_refund,
                      m.RefundCase.self_pay_refund, _disputed_expr().label("disputed"),
                      m.RefundCase.self_pay_refund_due_on, m.RefundCase.self_pay_refunded_on, *extra)
            .join(m.Termination, m.Termination.id == m.RefundCase.termination_id)
            .join(m.Order, m.Order.id == m.Termination.order_id)
            .join(m.Applicant, m.Applicant.id == m.Order.applicant_id)
            .join(m.Vendor, m.Vendor.id == m.Order.vendor_id))


def _self_pay_overdue(today: date) -> Any:
    return sa.and_(m.RefundCase.status == S.APPROVED, m.RefundCase.self_pay_refund > 0,
                   m.RefundCase.self_pay_refunded_on.is_(None), m.RefundCase.self_pay_refund_due_on < today)


def _where(stmt: Any, f: RefundFilter, today: date, viewer_id: int | None) -> Any:
    if f.states:
        stmt = stmt.where(m.RefundCase.status.in_(f.states))
    if f.open_only:
        stmt = stmt.where(m.RefundCase.status.in_(OPEN_STATES))
    if f.days_left_max is not None:
        stmt = stmt.where(m.RefundCase.status == S.AWAITING_CONFIRMATION,
                          m.RefundCase.window_ends_on <= today + timedelta(days=f.days_left_max))
    if f.disputed:
        stmt = stmt.where(_disputed_expr())
    if f.vendor_id is not None:
        stmt = stmt.where(m.Order.vendor_id == f.vendor_id)
    if f.awaiting_my_approval:
        stmt = stmt.where(m.RefundCase.status == S.SUBMITTED)
        if viewer_id is not None:
            ev = aliased(m.RefundCaseEvent)
            stmt = stmt.where(
                sa.func.coalesce(m.RefundCase.prepared_by_id, -1) != viewer_id,
                sa.func.coalesce(m.RefundCase.resolved_by_id, -1) != viewer_id,
                sa.func.coalesce(m.RefundCase.submitted_by_id, -1) != viewer_id,
                ~sa.exists(sa.select(ev.id).where(ev.case_id == m.RefundCase.id, ev.officer_id == viewer_id,
                                                  ev.action.in_(("resolve", "submit")))))
    if f.self_pay_overdue:
        stmt = stmt.where(_self_pay_overdue(today))
    if f.text and f.text.strip():
        t = f.text.strip()
        stmt = stmt.where(sa.or_(m.Termination.external_id.startswith(t, autoescape=True),
                                 m.Order.external_id.startswith(t, autoescape=True),
                                 m.Applicant.name.startswith(t, autoescape=True)))
    return stmt


def _row(v: Any, today: date) -> CaseRow:
    status = v[5]
    days_left = (v[7] - today).days if status is S.AWAITING_CONFIRMATION else None
    flag = ""
    if days_left is not None:
        flag = "red" if days_left < 0 else ("amber" if days_left <= AMBER_DAYS else "")
    if status is S.APPROVED and v[11] > 0 and v[14] is None and v[13] is not None and v[13] < today:
        flag = "red"
    return CaseRow(v[0], v[1], v[2], v[3], v[4], status.value, v[6], v[7], v[8], v[9], v[10], v[11], bool(v[12]),
                   v[13], v[14], days_left, flag)


@query_helper("refund desk reads for the screens and the CLI (not yet tied to a viewer)")
def fetch_page(uow: UnitOfWork, f: RefundFilter, *, today: date, page: int = 0, page_size: int = PAGE_SIZE,
               viewer: Actor = None) -> CasePage:
    """One page of the queue, most urgent first (window end, then id)."""
    session: Session = uow.session
    viewer_id = officer_id_of(viewer)
    base = _where(_select(), f, today, viewer_id)
    total = session.scalar(sa.select(sa.func.count()).select_from(base.order_by(None).subquery())) or 0
    rows = session.execute(base.order_by(m.RefundCase.window_ends_on, m.RefundCase.id)
                           .limit(page_size).offset(page * page_size)).all()
    return CasePage([_row(v, today) for v in rows], int(total), page, page_size)


@query_helper("refund desk reads for the screens and the CLI (not yet tied to a viewer)")
def list_cases(uow: UnitOfWork, *, state: RefundStatus | None = None, today: date) -> list[CaseRow]:
    """Every case (in one state), for `refund list`."""
    stmt = _where(_select(), RefundFilter(states=(state,) if state else ()), today, None)
    return [_row(v, today) for v in uow.session.execute(stmt.order_by(m.RefundCase.id)).all()]


@dataclass(frozen=True)
class CaseDetail(JsonResult):
    row: CaseRow
    applicant_email: str | None
    vendor_email: str | None
    contract_start: date | None  # None: the feed gave no first day of service
    contract_end: date | None
    effective_on: date  # E in force (the officer's, or the termination's)
    termination_effective_on: date
    initiated_by: str
    termination_reason: str | None
    points_total: int
    points_used: int
    self_pay_paid: int
    self_pay_used: int
    clauses: tuple[str, ...]
    confirmations: tuple[dict[str, Any], ...]
    history: tuple[dict[str, Any], ...]
    evidence: tuple[dict[str, Any], ...]
    handlers: dict[int, tuple[str, ...]]
    resolution_note: str | None
    returned_on: date | None
    return_lot: dict[str, Any] | None
    forfeited: bool
    self_pay_refund_proof: str | None
    claimable_points: int
    signed: bool
    extra: dict[str, Any] = field(default_factory=dict)

    def cli_json(self) -> dict[str, Any]:
        """The stable `refund show --json` shape."""
        doc = self.row.cli_json()
        doc.update({"confirmations": list(self.confirmations), "history": list(self.history),
                    "clauses": list(self.clauses)})
        if self.returned_on is not None:
            doc.update({"returned_on": self.returned_on.isoformat(), "return_lot": self.return_lot,
                        "forfeited": self.forfeited})
        return doc


def _iso(v: date | datetime | None) -> str | None:
    return v.isoformat() if v is not None else None


@query_helper("refund desk reads for the screens and the CLI (not yet tied to a viewer)")
def case_detail(uow: UnitOfWork, case_id: int, *, today: date) -> CaseDetail:
    session: Session = uow.session
    found = session.execute(_select(m.Termination.id).where(m.RefundCase.id == case_id)).first()
    if found is None:
        raise CaseNotFound(case_id)
    row = _row(found, today)
    case = session.get(m.RefundCase, case_id)
    term = session.get(m.Termination, found[-1])
    assert case is not None and term is not None
    order = session.get(m.Order, term.order_id)
    assert order is not None
    applicant = session.get(m.Applicant, order.applicant_id)
    vendor = session.get(m.Vendor, order.vendor_id)
    start = service_start_or_none(session, term)
    from backoffice.policy.dates import contract_end

    confirmations = tuple(
        {"party": c.party.value, "agrees": c.agrees, "at": _iso(c.at), "comment": c.note}
        for c in session.scalars(sa.select(m.RefundConfirmation).where(m.RefundConfirmation.case_id == case_id)
                                 .order_by(m.RefundConfirmation.id)))
    names = dict(session.execute(sa.select(m.Officer.id, m.Officer.name)).all())
    history = tuple(
        {"at": _iso(e.at), "action": e.action, "from": e.from_status, "to": e.to_status,
         "officer_id": e.officer_id, "officer": names.get(e.officer_id) if e.officer_id else None,
         "reason": e.reason, "signed": e.signature is not None, "details": e.details}
        for e in session.scalars(sa.select(m.RefundCaseEvent).where(m.RefundCaseEvent.case_id == case_id)
                                 .order_by(m.RefundCaseEvent.id)))
    evidence = tuple(
        {"id": i, "filename": fn, "media_type": mt, "size": sz, "sha256": sh, "uploaded_at": _iso(at)}
        for i, fn, mt, sz, sh, at in session.execute(
            sa.select(m.RefundEvidence.id, m.RefundEvidence.filename, m.RefundEvidence.media_type,
                      m.RefundEvidence.size, m.RefundEvidence.sha256, m.RefundEvidence.uploaded_at)
            .where(m.RefundEvidence.case_id == case_id).order_by(m.RefundEvidence.id)))
    lot = None
    if case.return_lot_id is not None:
        pl = session.get(m.PointLot, case.return_lot_id)
        if pl is not None:
            lot = {"points": pl.points, "valid_until": pl.valid_until.isoformat()}
    handlers = {k: tuple(sorted(v)) for k, v in handlers_of(session, case).items()}
    return CaseDetail(
        row, applicant.contact_email if applicant else None, vendor.contact_email if vendor else None,
        start, contract_end(start, case.term_months) if start else None, case.effective_on or term.effective_on, term.effective_on,
        term.initiated_by.value, term.reason, case.points_total, case.points_used, case.self_pay_paid,
        case.self_pay_used, tuple(split_clauses(case.clauses)), confirmations, history, evidence, handlers,
        case.resolution_note, case.returned_on, lot, case.forfeited, case.self_pay_refund_proof,
        order.points - order.points_returned, case.approval_signature is not None)


@query_helper("refund desk reads for the screens and the CLI (not yet tied to a viewer)")
def evidence_content(uow: UnitOfWork, evidence_id: int) -> tuple[str, str, bytes]:
    """(filename, media type, bytes) of one piece of evidence, for the viewer."""
    row = uow.session.get(m.RefundEvidence, evidence_id)
    if row is None:
        raise EvidenceNotFound(evidence_id)
    return row.filename, row.media_type, bytes(row.content)


@dataclass(frozen=True)
class RefundCounts(JsonResult):
    open: int
    disputed: int
    escalated: int
    awaiting_approval: int
    self_pay_overdue: int


@query_helper("refund figures for the dashboard (counts only)")
def counts(uow: UnitOfWork, *, today: date) -> RefundCounts:
    """The dashboard's refund figures (one query)."""
    rc = m.RefundCase
    row = uow.session.execute(sa.select(
        sa.func.count().filter(rc.status.in_(OPEN_STATES)),
        sa.func.count().filter(rc.status == S.DISPUTED),
        sa.func.count().filter(rc.status == S.ESCALATED),
        sa.func.count().filter(rc.status == S.SUBMITTED),
        sa.func.count().filter(_self_pay_overdue(today)),
    ).select_from(rc)).one()
    return RefundCounts(*(int(x or 0) for x in row))



@dataclass(frozen=True)
class ResolutionPreview(JsonResult):
    """Old and new figures for a last day of service E, before the officer records it."""

    effective_on: date
    valid: bool  # E within the contract
    contract_start: date
    contract_end: date
    old: dict[str, Any]
    new: dict[str, Any] | None


@query_helper("the recomputed figures an officer previews before resolving (nothing is written)")
def preview_resolution(uow: UnitOfWork, case_id: int, effective_on: date) -> ResolutionPreview:
    """What ``workflow.resolve`` would compute for E (nothing is written)."""
    from backoffice.policy import refunds as prefunds
    from backoffice.policy.dates import contract_end

    session: Session = uow.session
    case = session.get(m.RefundCase, case_id)
    if case is None:
        raise CaseNotFound(case_id)
    term = session.get(m.Termination, case.termination_id)
    assert term is not None
    start = service_start(session, term)
    end = contract_end(start, case.term_months)
    old = {"effective_on": case.effective_on or term.effective_on, "months_used": case.months_used,
           "points_refund": case.points_refund, "self_pay_refund": case.self_pay_refund,
           "clauses": split_clauses(case.clauses)}
    if not start <= effective_on <= end:
        return ResolutionPreview(effective_on, False, start, end, old, None)
    q = prefunds.quote_refund(case.points_total, case.self_pay_paid, start, case.term_months, effective_on)
    new = {"effective_on": effective_on, "months_used": q.months_used, "points_refund": q.points_refund,
           "self_pay_refund": q.self_pay_refund, "clauses": list(q.clauses)}
    return ResolutionPreview(effective_on, True, start, end, old, new)


@query_helper("refund desk reads for the screens and the CLI (not yet tied to a viewer)")
def render_evidence(uow: UnitOfWork, evidence_id: int, page: int = 0, scale: float = 1.0) -> Any:
    """One page of a piece of evidence as PNG (the review screen's renderer: PDF or image)."""
    from backoffice.services.applications import attachments

    _name, media_type, content = evidence_content(uow, evidence_id)
    return attachments.render(content, media_type, page, scale)
