"""The application queue (申請案件佇列): filtered, sorted, paged SQL for case officers (Qt-free).

A ``QueueQuery`` (plain, JSON-serialisable: saved filters store it) becomes one SELECT over
``applications JOIN applicants LEFT JOIN officers``. Pages are fetched by **keyset** (seek) paging:
the cursor is the last row's (sort value, id), so page 1,000 costs what page 1 costs and rows
inserted meanwhile never shift a page. ``fetch_page(offset=...)`` is also offered for windowed
caches that jump. ``count_applications`` is separate and **capped** (``COUNT_CAP``): counting a
million filtered rows exactly would cost more than the page itself, so above the cap the screen
says "more than 10,000".

Overdue (逾期) **[decision]**, computed the same way in the filter and on each row:
- a case waiting for a supplement (待補件) whose ``supplement_deadline`` has passed (the deadline
  day itself is still in time); or
- a case submitted or under review that is still undecided after ``REVIEW_WORKING_DAYS`` working
  days (工作天, office calendar; the submission day never counts, RULES §2), i.e. its review due
  day ``add_working_days(submission date, 10)`` is before today.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import ApplicantType, ApplicationStatus
from backoffice.db.session import UnitOfWork
from backoffice.policy.calendar import OfficeCalendar
from backoffice.policy.identifiers import IdCheck, check_ubn
from backoffice.services.admin.calendar import load_office_calendar
from backoffice.services.applications.assignment import stale_cutoff
from backoffice.services.authz import CASE_READ_ROLES, pure, query_helper, requires

TAIPEI = ZoneInfo("Asia/Taipei")
REVIEW_WORKING_DAYS = 10  # [decision] an undecided case is overdue after 10 working days
PAGE_SIZE = 100
COUNT_CAP = 10_000
WAITING_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)
OPEN_STATUSES = (*WAITING_STATUSES, ApplicationStatus.SUPPLEMENT_REQUESTED)
_FAR_FUTURE = date(9999, 12, 31)


class Assignment(StrEnum):
    ANY = "any"
    UNASSIGNED = "unassigned"  # nobody holds the case
    MINE = "mine"  # held by the officer running the query
    OFFICER = "officer"  # held by ``QueueQuery.assigned_officer_id``


class SortKey(StrEnum):
    ID = "id"
    EXTERNAL_ID = "external_id"
    SUBMITTED_AT = "submitted_at"
    APPLICANT_NAME = "applicant_name"
    UBN = "ubn"
    APPLICANT_TYPE = "applicant_type"
    INDUSTRY = "industry"
    STATUS = "status"
    ASSIGNEE = "assignee"
    SUPPLEMENT_DEADLINE = "supplement_deadline"


class QueueQueryError(ValueError):
    """A query spec that cannot be run (bad dates, unknown officer filter...)."""


@dataclass(frozen=True)
class QueueQuery:
    """What the officer asked to see. Empty tuples / None mean "no restriction"."""

    statuses: tuple[ApplicationStatus, ...] = ()
    applicant_types: tuple[ApplicantType, ...] = ()
    industry_section: str | None = None  # 大類 letter
    industry_division: str | None = None  # 中類 code ("62", "45-46")
    submitted_from: date | None = None  # Taipei dates, inclusive
    submitted_to: date | None = None
    assignment: Assignment = Assignment.ANY
    assigned_officer_id: int | None = None  # with Assignment.OFFICER
    overdue: bool | None = None  # True: only overdue; False: only not overdue
    search: str = ""  # digits: UBN prefix (or case number); text: name substring (or case number)
    sort: SortKey = SortKey.SUBMITTED_AT
    descending: bool = False  # oldest first: the next case to handle is on top

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("submitted_from", "submitted_to"):
            data[key] = data[key].isoformat() if data[key] else None
        data["statuses"] = [s.value for s in self.statuses]
        data["applicant_types"] = [t.value for t in self.applicant_types]
        data["assignment"] = self.assignment.value
        data["sort"] = self.sort.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QueueQuery:
        """Inverse of ``to_json``; unknown keys are ignored (a saved filter may be older or newer)."""
        try:
            return cls(
                statuses=tuple(ApplicationStatus(s) for s in data.get("statuses") or ()),
                applicant_types=tuple(ApplicantType(t) for t in data.get("applicant_types") or ()),
                industry_section=data.get("industry_section") or None,
                industry_division=data.get("industry_division") or None,
                submitted_from=_iso_date(data.get("submitted_from")),
                submitted_to=_iso_date(data.get("submitted_to")),
                assignment=Assignment(data.get("assignment") or Assignment.ANY),
                assigned_officer_id=data.get("assigned_officer_id"),
                overdue=data.get("overdue"),
                search=str(data.get("search") or ""),
                sort=SortKey(data.get("sort") or SortKey.SUBMITTED_AT),
                descending=bool(data.get("descending", False)),
            )
        except (ValueError, TypeError) as exc:
            raise QueueQueryError(f"invalid queue query: {exc}") from exc

    def with_sort(self, sort: SortKey, descending: bool) -> QueueQuery:
        return replace(self, sort=sort, descending=descending)


def _iso_date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue, as plain values."""

    id: int
    external_id: str
    applicant_id: int
    applicant_name: str
    ubn: str
    applicant_type: ApplicantType
    industry_section: str | None
    industry_division: str | None
    status: ApplicationStatus
    submitted_at: datetime  # UTC
    assigned_officer_id: int | None
    assigned_officer_name: str | None
    claimed_at: datetime | None
    supplement_deadline: date | None
    due_on: date | None  # review due day or supplement deadline; None once decided
    due_provisional: bool  # computed with the fallback calendar (RULES §2)
    overdue: bool
    sort_value: Any = field(repr=False, default=None)
    claim_stale: bool = False  # a supervisor may release the claim (assignment.stale_cutoff)  # raw value of the sort column (cursor)

    @property
    def submitted_on(self) -> date:
        """The Taipei calendar date of submission."""
        return self.submitted_at.astimezone(TAIPEI).date()


@dataclass(frozen=True)
class Cursor:
    """Where the next keyset page starts: after (sort value, id) of the last row shown."""

    sort_value: Any
    id: int


@dataclass(frozen=True)
class QueuePage:
    rows: tuple[QueueRow, ...]
    next_cursor: Cursor | None  # None: this was the last page

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None


@dataclass(frozen=True)
class QueueCount:
    count: int  # exact when not capped, else COUNT_CAP
    capped: bool  # True: there are more than ``count`` rows
    across_all_statuses: bool = False  # a UBN or case-number search: the status filter was not applied
    ubn_check: IdCheck | None = None  # an 8-digit search: its UBN check (invalid: say so)


@pure
def is_identifier_search(search: str, case_id: int | None = None) -> bool:
    """A UBN (or UBN prefix) or an exact case number: the officer looks for one company or one case,
    whatever its status, so the status filter does not apply (a closed case must be findable)."""
    text = search.strip()
    return bool(text) and (text.isdigit() or case_id is not None)


@pure
def ubn_search_check(search: str) -> IdCheck | None:
    """The UBN check of a search that is a whole UBN (8 digits, or more digits: a wrong one)."""
    text = search.strip()
    if not text.isdigit() or len(text) < 8:
        return None
    return check_ubn(text)


@dataclass(frozen=True)
class OverdueRule:
    """Today's overdue thresholds, computed once per query from the office calendar."""

    today: date
    waiting_since_before: datetime  # UTC: submitted before this instant -> review overdue
    calendar: OfficeCalendar
    stale_claim_before: datetime | None = None  # UTC: claimed before this instant -> stale claim

    def review_due(self, submitted_at: datetime) -> tuple[date, bool]:
        answer = self.calendar.add_working_days(submitted_at.astimezone(TAIPEI).date(), REVIEW_WORKING_DAYS)
        return answer.due, answer.provisional


@pure
def taipei_midnight_utc(day: date) -> datetime:
    """The UTC instant at which Taipei calendar day ``day`` begins."""
    return datetime.combine(day, time(0), TAIPEI).astimezone(UTC)


@query_helper("the office calendar rule used by the queue")
def overdue_rule(session: Session, today: date) -> OverdueRule:
    """Thresholds for ``today``: a case is review-overdue iff submitted before the Taipei day W,
    W being the REVIEW_WORKING_DAYS-th working day counted back from today (today excluded).

    Why: due(D) = the 10th working day after D; due(D) < today  <=>  at least 10 working days lie
    strictly between D and today  <=>  D < W.
    """
    calendar = load_office_calendar(session, [today.year - 1, today.year])
    day, found = today, 0
    while found < REVIEW_WORKING_DAYS:
        day -= timedelta(days=1)
        if calendar.is_working_day(day).working:
            found += 1
    return OverdueRule(today, taipei_midnight_utc(day), calendar, stale_cutoff(today, calendar))


# ---- SQL -----------------------------------------------------------------------------------------

A, P, OF = m.Application, m.Applicant, m.Officer


def _sort_expr(key: SortKey) -> Any:
    """The column (or expression, never NULL) a sort key orders by; ties are broken by id."""
    return {
        SortKey.ID: A.id,
        SortKey.EXTERNAL_ID: A.external_id,
        SortKey.SUBMITTED_AT: A.submitted_at,
        SortKey.APPLICANT_NAME: P.name,
        SortKey.UBN: P.ubn,
        SortKey.APPLICANT_TYPE: P.applicant_type,
        SortKey.INDUSTRY: sa.func.coalesce(P.industry_division, ""),
        SortKey.STATUS: A.status,
        SortKey.ASSIGNEE: sa.func.coalesce(OF.name, ""),
        SortKey.SUPPLEMENT_DEADLINE: sa.func.coalesce(A.supplement_deadline, _FAR_FUTURE),
    }[key]


_APPLICANT_SORTS = (SortKey.APPLICANT_NAME, SortKey.UBN, SortKey.APPLICANT_TYPE, SortKey.INDUSTRY)


def _overdue_clause(rule: OverdueRule) -> sa.ColumnElement[bool]:
    return sa.or_(
        sa.and_(A.status == ApplicationStatus.SUPPLEMENT_REQUESTED,
                sa.func.coalesce(A.supplement_deadline, _FAR_FUTURE) < rule.today),
        sa.and_(A.status.in_(WAITING_STATUSES), A.submitted_at < rule.waiting_since_before),
    )


def _where(q: QueueQuery, viewer_id: int | None, rule: OverdueRule | None,
           case_id: int | None = None, name_fts: bool = False, pg: bool = False) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if q.statuses and not is_identifier_search(q.search, case_id):
        conds.append(A.status.in_(q.statuses))
    # Type and industry: sorted by an application column, the filter is on the applications'
    # copies (migration 0003), so a composite index (column, submitted_at) answers filter and sort
    # together; sorted by an applicant column, on the applicant's own columns, tested while
    # walking the applicants' sort index (the same values: triggers keep the copies equal).
    holder: Any = P if q.sort in _APPLICANT_SORTS else A
    if q.applicant_types:
        conds.append(holder.applicant_type.in_([t.value for t in q.applicant_types]))
    if q.industry_division:
        conds.append(holder.industry_division == q.industry_division)
    elif q.industry_section:
        conds.append(holder.industry_section == q.industry_section.upper())
    if q.submitted_from and q.submitted_to and q.submitted_from > q.submitted_to:
        raise QueueQueryError("submitted_from is after submitted_to")
    if q.submitted_from:
        conds.append(A.submitted_at >= taipei_midnight_utc(q.submitted_from))
    if q.submitted_to:
        conds.append(A.submitted_at < taipei_midnight_utc(q.submitted_to + timedelta(days=1)))
    if q.assignment is Assignment.UNASSIGNED:
        conds.append(A.assigned_officer_id.is_(None))
    elif q.assignment is Assignment.MINE:
        if viewer_id is None:
            raise QueueQueryError("'mine' needs the id of the officer running the query")
        conds.append(A.assigned_officer_id == viewer_id)
    elif q.assignment is Assignment.OFFICER:
        if q.assigned_officer_id is None:
            raise QueueQueryError("an officer filter needs assigned_officer_id")
        conds.append(A.assigned_officer_id == q.assigned_officer_id)
    if q.overdue is not None:
        assert rule is not None
        clause = _overdue_clause(rule)
        conds.append(clause if q.overdue else sa.not_(clause))
    text = q.search.strip()
    if text:
        if text.isdigit():
            # A prefix as a range (not LIKE, which SQLite does not index): the unique index on ubn
            # answers it. ":" sorts right after "9".
            in_range = sa.and_(P.ubn >= text, P.ubn < text[:-1] + chr(ord(text[-1]) + 1))
            conds.append(in_range)
            if pg:
                # PostgreSQL would hash-join a full scan of applications to the ~10,000 applicants
                # of a 4-digit prefix (190 ms); "applicant_id = ANY(ARRAY(SELECT ...))" makes it
                # look them up by the applicant_id index instead (20 ms).
                ids = sa.select(P.id).where(in_range).correlate(None).scalar_subquery()
                conds.append(A.applicant_id == sa.any_(sa.func.array(ids)))
        else:
            # A case number (案號) is looked up exactly first (see _case_number); otherwise the text
            # is a name substring (pg_trgm index on PostgreSQL). No OR across the two tables: it
            # would keep PostgreSQL from using either index.
            if case_id is not None:
                conds.append(A.id == case_id)
            elif name_fts and len(text) >= 3 and not any(c in text for c in "%_\\"):
                # SQLite: the FTS5 trigram index answers 3+ characters (case-insensitive, like
                # ILIKE); with an ESCAPE clause FTS5 would not use it, hence no wildcards here.
                conds.append(P.id.in_(sa.select(_NAME_FTS.c.rowid).where(_NAME_FTS.c.name.like(f"%{text}%"))))
            else:
                pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                conds.append(P.name.ilike(pattern, escape="\\"))
    return conds


# SQLite's trigram index of applicant names (migration 0003; not in the ORM metadata).
_NAME_FTS = sa.table("applicants_name_fts", sa.column("rowid", sa.Integer), sa.column("name", sa.String))


def _has_name_fts(session: Session) -> bool:
    """True on SQLite databases whose migration made the FTS5 name index (SQLite >= 3.34)."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.scalar(sa.text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
                           {"n": _NAME_FTS.name})
    return found is not None


def _case_number(session: Session, query: QueueQuery) -> int | None:
    """The id of the application whose case number (external id) is exactly the search text."""
    text = query.search.strip()
    if not text or text.isdigit():
        return None
    return session.scalar(sa.select(A.id).where(A.external_id == text))


def _base_select(session: Session, q: QueueQuery, viewer_id: int | None, rule: OverdueRule | None, *columns: Any,
                 with_officer: bool = False) -> sa.Select[Any]:
    stmt = sa.select(*columns).select_from(A).join(P, P.id == A.applicant_id)
    if with_officer or q.sort is SortKey.ASSIGNEE:
        stmt = stmt.outerjoin(OF, OF.id == A.assigned_officer_id)
    searching_name = bool(q.search.strip()) and not q.search.strip().isdigit()
    name_fts = searching_name and _has_name_fts(session)
    pg = session.get_bind().dialect.name == "postgresql"
    return stmt.where(*_where(q, viewer_id, rule, _case_number(session, q), name_fts, pg))


_ROW_COLUMNS = (
    A.id, A.external_id, A.applicant_id, P.name, P.ubn, P.applicant_type, P.industry_section,
    P.industry_division, A.status, A.submitted_at, A.assigned_officer_id, OF.name, A.claimed_at,
    A.supplement_deadline,
)


def _make_row(values: Any, rule: OverdueRule) -> QueueRow:
    (app_id, ext, applicant_id, name, ubn, atype, section, division, status, submitted_at,
     officer_id, officer_name, claimed_at, deadline, sort_value) = values
    status = ApplicationStatus(status)
    due: date | None = None
    provisional = False
    overdue = False
    if status is ApplicationStatus.SUPPLEMENT_REQUESTED:
        due = deadline
        overdue = deadline is not None and deadline < rule.today
    elif status in WAITING_STATUSES:
        due, provisional = rule.review_due(submitted_at)
        overdue = submitted_at < rule.waiting_since_before
    return QueueRow(
        id=app_id, external_id=ext, applicant_id=applicant_id, applicant_name=name, ubn=ubn,
        applicant_type=ApplicantType(atype), industry_section=section, industry_division=division,
        status=status, submitted_at=submitted_at, assigned_officer_id=officer_id,
        assigned_officer_name=officer_name, claimed_at=claimed_at, supplement_deadline=deadline,
        due_on=due, due_provisional=provisional, overdue=overdue, sort_value=sort_value,
        claim_stale=(claimed_at is not None and rule.stale_claim_before is not None
                     and (claimed_at if claimed_at.tzinfo else claimed_at.replace(tzinfo=UTC)) < rule.stale_claim_before),
    )


@requires(CASE_READ_ROLES, officer="viewer_id")
def fetch_page(
    uow: UnitOfWork,
    query: QueueQuery,
    *,
    today: date,
    viewer_id: int | None = None,
    after: Cursor | None = None,
    offset: int | None = None,
    limit: int = PAGE_SIZE,
    rule: OverdueRule | None = None,
) -> QueuePage:
    """One page of the queue: keyset after ``after`` (default), or ``offset`` rows skipped.

    ``today`` is the Taipei date (overdue is relative to it); ``viewer_id`` resolves "mine".
    Nothing is written.
    """
    if limit <= 0:
        raise QueueQueryError("limit must be positive")
    session = uow.session
    rule = rule or overdue_rule(session, today)
    key = _sort_expr(query.sort)
    stmt = _base_select(session, query, viewer_id, rule, *_ROW_COLUMNS, key.label("sort_value"), with_officer=True)
    if after is not None:
        seek = sa.tuple_(key, A.id)
        bound = sa.tuple_(sa.literal(after.sort_value, type_=key.type), sa.literal(after.id))
        stmt = stmt.where(seek < bound if query.descending else seek > bound)
    order_key = key
    if query.search.strip():
        # Filter first, then sort the matches: walking the sort index and testing each row's
        # applicant costs a random read per application (12 s for a name with no match in 1M rows
        # on SQLite, against 0.5 s for one scan of the names; a UBN prefix or a trigram index then
        # finds the few matches directly). coalesce(x, x) keeps the order but hides the index.
        order_key = sa.func.coalesce(key, key)
    if query.descending:
        stmt = stmt.order_by(order_key.desc(), A.id.desc())
    else:
        stmt = stmt.order_by(order_key.asc(), A.id.asc())
    stmt = stmt.limit(limit + 1)  # one extra row says whether another page exists
    if offset:
        stmt = stmt.offset(offset)
    raw = session.execute(stmt).all()
    rows = tuple(_make_row(values, rule) for values in raw[:limit])
    more = len(raw) > limit and rows
    return QueuePage(rows, Cursor(rows[-1].sort_value, rows[-1].id) if more else None)


@requires(CASE_READ_ROLES, officer="viewer_id")
def count_applications(
    uow: UnitOfWork, query: QueueQuery, *, today: date, viewer_id: int | None = None, cap: int = COUNT_CAP,
) -> QueueCount:
    """How many rows ``query`` matches, counting at most ``cap + 1`` (cheap on a million rows)."""
    session = uow.session
    rule = overdue_rule(session, today) if query.overdue is not None else None
    inner = _base_select(session, query, viewer_id, rule, A.id).limit(cap + 1).subquery()
    n = int(session.scalar(sa.select(sa.func.count()).select_from(inner)) or 0)
    across = bool(query.statuses) and is_identifier_search(query.search, _case_number(session, query))
    return QueueCount(min(n, cap), n > cap, across, ubn_search_check(query.search))


@requires(CASE_READ_ROLES, officer="viewer_id")
def load_everything(uow: UnitOfWork, query: QueueQuery, *, today: date, viewer_id: int | None = None) -> list[QueueRow]:
    """Every matching row at once: the naive baseline the benchmark compares paging against.

    Never call this from a screen; it exists to measure what paging saves.
    """
    session = uow.session
    rule = overdue_rule(session, today)
    key = _sort_expr(query.sort)
    stmt = _base_select(session, query, viewer_id, rule, *_ROW_COLUMNS, key.label("sort_value"), with_officer=True)
    stmt = stmt.order_by(key.desc() if query.descending else key.asc(), A.id)
    return [_make_row(values, rule) for values in session.execute(stmt)]


@requires(CASE_READ_ROLES, officer="viewer_id")
def application_row(uow: UnitOfWork, application_id: int, *, today: date, viewer_id: Any = None) -> QueueRow | None:
    """One application as a queue row (to refresh a line after a claim or a decision)."""
    session = uow.session
    rule = overdue_rule(session, today)
    stmt = (sa.select(*_ROW_COLUMNS, A.id.label("sort_value")).select_from(A)
            .join(P, P.id == A.applicant_id).outerjoin(OF, OF.id == A.assigned_officer_id)
            .where(A.id == application_id))
    values = session.execute(stmt).first()
    return _make_row(values, rule) if values is not None else None
