"""Shared pieces of the points ledger modules: typed errors, programme parameters, budget lookup.

Moved out of ``ledger.py`` (which re-exports every public name) so the single-record ledger and
its set-based twin (``ledger_batch``) share them without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backoffice.db.enums import OrderStatus
from backoffice.db.models import Application, Budget, Grant, Programme, ProgrammeParameter
from backoffice.policy.params import DEFAULT_PARAMS, ProgrammeParams
from backoffice.services.authz import pure, query_helper

# Orders in these states gave their points back: they never count as "use" (RULES §6 lapse).
VOID_ORDER_STATES = (OrderStatus.REJECTED, OrderStatus.CANCELLED)


class LedgerError(ValueError):
    """A ledger operation that is not allowed (wrong state, missing programme or budget...)."""


class BudgetExhausted(LedgerError):
    """Less than one grant's worth of budget remains (RULES §6 [decision])."""

    def __init__(self, requested: int, remaining: int) -> None:
        super().__init__(f"budget exhausted: {requested} points requested, {remaining} remain")
        self.requested = requested
        self.remaining = remaining


class DuplicateGrant(LedgerError):
    """The applicant already has a live (active or exhausted) grant (須知八(一)); raised by the
    check before the insert and, under a race, from the database's one-live-grant index."""

    def __init__(self, applicant_id: int | None) -> None:
        super().__init__(f"applicant {applicant_id} already has an active grant (須知八(一))")
        self.applicant_id = applicant_id


class LotOverdrawn(LedgerError):
    """A ledger write would drive a lot's balance below zero (refused by the database's CHECK)."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"a point lot would go negative: {detail}")
        self.detail = detail


# Names of the database rules (migration 0005) and the error each one becomes.
ONE_LIVE_GRANT_INDEX = "uq_grants_one_live_per_applicant"
LOT_BALANCE_CHECK = "ck_point_lots_balance_not_negative"


@pure
def ledger_error_from(exc: IntegrityError, *, applicant_id: int | None = None) -> LedgerError | None:
    """The typed error for a refused money rule, or None if ``exc`` is about something else.

    PostgreSQL names the constraint (``diag.constraint_name``); SQLite names the CHECK and, for
    the unique index, the column (``UNIQUE constraint failed: grants.applicant_id``)."""
    orig = exc.orig
    name = getattr(getattr(orig, "diag", None), "constraint_name", None) or ""
    text = f"{name} {orig}"
    if ONE_LIVE_GRANT_INDEX in text or "grants.applicant_id" in text:
        return DuplicateGrant(applicant_id)
    if LOT_BALANCE_CHECK in text:
        return LotOverdrawn(str(orig).strip().splitlines()[0])
    return None


@contextmanager
@pure
def refused_as_ledger_error(applicant_id: int | None = None) -> Iterator[None]:
    """Turn an ``IntegrityError`` from a money rule into its typed ``LedgerError`` (the session
    must then be rolled back, as after any failed flush); other errors pass unchanged."""
    try:
        yield
    except IntegrityError as exc:
        typed = ledger_error_from(exc, applicant_id=applicant_id)
        if typed is None:
            raise
        raise typed from exc


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def programme_params(session: Session, programme_id: int, on: date) -> ProgrammeParams:
    """Programme parameters in force on ``on``: the latest stored value of each with
    ``effective_from <= on``, defaults for the rest; the programme's deadline and budget total."""
    rows = session.execute(
        sa.select(ProgrammeParameter.effective_from, ProgrammeParameter.name, ProgrammeParameter.int_value,
                  ProgrammeParameter.text_value)
        .where(ProgrammeParameter.programme_id == programme_id, ProgrammeParameter.effective_from <= on)
        .order_by(ProgrammeParameter.effective_from, ProgrammeParameter.id)
    ).all()
    programme = session.get(Programme, programme_id)
    return params_from_rows(rows, programme.subsidy_deadline if programme is not None else None, on)


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def params_lookup(session: Session, programme_id: int) -> Callable[[date], ProgrammeParams]:
    """``programme_params`` for many days: the programme's rows are read once."""
    rows = session.execute(
        sa.select(ProgrammeParameter.effective_from, ProgrammeParameter.name, ProgrammeParameter.int_value,
                  ProgrammeParameter.text_value)
        .where(ProgrammeParameter.programme_id == programme_id)
        .order_by(ProgrammeParameter.effective_from, ProgrammeParameter.id)
    ).all()
    deadline = session.scalar(sa.select(Programme.subsidy_deadline).where(Programme.id == programme_id))
    memo: dict[date, ProgrammeParams] = {}

    def on(day: date) -> ProgrammeParams:
        p = memo.get(day)
        if p is None:
            p = memo[day] = params_from_rows(rows, deadline, day)
        return p

    return on


ParameterRow = tuple[date, str, int | None, str | None]  # effective_from, name, int_value, text_value


@pure
def params_from_rows(rows: Iterable[ParameterRow], subsidy_deadline: date | None, on: date) -> ProgrammeParams:
    """``programme_params`` without the database: stored rows (in effective_from, id order) and
    the programme's own deadline; rows dated after ``on`` are ignored."""
    fields = set(ProgrammeParams.__dataclass_fields__)
    values: dict[str, object] = {}
    for effective_from, name, int_value, text_value in rows:  # later rows win
        if effective_from > on:
            continue
        if name in fields and name != "effective_from":
            if name == "subsidy_deadline":
                values[name] = date.fromisoformat(text_value) if text_value else None
            elif int_value is not None:
                values[name] = int(int_value)
    if subsidy_deadline is not None:
        values.setdefault("subsidy_deadline", subsidy_deadline)
    return ProgrammeParams(**values) if values else DEFAULT_PARAMS  # type: ignore[arg-type]


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def grant_programme_id(session: Session, application_id: int | None, reactivation_of: Grant | None) -> int:
    if reactivation_of is not None:
        return reactivation_of.programme_id
    if application_id is not None:
        pid = session.scalar(sa.select(Application.programme_id).where(Application.id == application_id))
        if pid is not None:
            return int(pid)
    ids = session.scalars(sa.select(Programme.id).order_by(Programme.id).limit(2)).all()
    if len(ids) != 1:
        raise LedgerError("cannot tell which programme the grant belongs to")
    return int(ids[0])


@query_helper("a ledger step called with its session by decisions, the feed import and the sweep")
def budget_of(session: Session, programme_id: int) -> Budget:
    b = session.scalar(sa.select(Budget).where(Budget.programme_id == programme_id))
    if b is None:
        raise LedgerError(f"programme {programme_id} has no budget")
    return b
