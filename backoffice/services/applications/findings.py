"""Officers' findings (查證結果) on checklist items the policy leaves 待查 (unknown).

The policy computes every checklist item from the stored application; where a fact is missing
(no headcount, no grant history...) the item is "unknown" and an officer looks it up. The finding
(符合 / 不符 plus a note saying what was checked) is stored as an ``EligibilityCheck`` with the
item's code, written to the audit log, and from then on decides that item: the review shows it,
and approval needs every item resolved (``effective_outcomes``).

A finding never overrides what the policy computed from data (pass or fail): it only resolves
an unknown. The latest finding for an item counts (a later one corrects an earlier one).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import Outcome
from backoffice.db.session import UnitOfWork
from backoffice.policy import eligibility as pel
from backoffice.services.applications.assignment import CLAIMABLE_STATUSES, require_claim
from backoffice.services.applications.review import ApplicationNotFound, eligibility_report, taipei_date
from backoffice.services.authz import REVIEW_ROLES, Actor, pure, query_helper, require_officer, requires

FINDING_OUTCOMES = frozenset({"pass", "fail"})


class FindingError(Exception):
    """Base of the finding service's expected failures."""


class NotResolvable(FindingError):  # noqa: N818
    """The item is not one the policy leaves unknown on this case (or no such item)."""

    def __init__(self, application_id: int, code: str, outcome: str | None) -> None:
        super().__init__(f"application {application_id}: item {code!r} is {outcome or 'not a checklist item'}")
        self.application_id = application_id
        self.code = code
        self.outcome = outcome


class InvalidFinding(FindingError):
    """Outcome other than pass/fail, or an empty note (a finding says what was checked)."""

    def __init__(self, outcome: str, problem: str) -> None:
        super().__init__(f"finding {outcome!r}: {problem}")
        self.outcome = outcome
        self.problem = problem


class CaseNotOpen(FindingError):  # noqa: N818
    def __init__(self, application_id: int, status: str) -> None:
        super().__init__(f"application {application_id} is {status}: no findings on a closed case")
        self.application_id = application_id
        self.status = status


@query_helper("the officers' findings, read by the dossier and the decision services with their session")
def latest_findings(session: Session, application_id: int) -> dict[str, m.EligibilityCheck]:
    """The latest officer finding per policy checklist code (desk verification excluded)."""
    rows = session.scalars(sa.select(m.EligibilityCheck).where(
        m.EligibilityCheck.application_id == application_id,
        m.EligibilityCheck.code.in_(pel.CHECK_CODES),
        m.EligibilityCheck.decided_by_id.is_not(None),
    ).order_by(m.EligibilityCheck.at, m.EligibilityCheck.id))
    return {row.code: row for row in rows}


@pure
def effective_outcomes(report: pel.EligibilityReport, findings: dict[str, Any]) -> dict[str, str]:
    """Each item's outcome once findings resolve the policy's unknowns (``findings``: code -> outcome)."""
    out = {}
    for it in report.items:
        found = findings.get(it.code)
        out[it.code] = str(found) if it.outcome == "unknown" and found in FINDING_OUTCOMES else it.outcome
    return out


@requires(REVIEW_ROLES)
def record_finding(uow: UnitOfWork, application_id: int, officer: Actor, *, code: str, outcome: str, note: str,
                   today: date | None = None, now: datetime | None = None) -> int:
    """Record the officer's finding on an unknown item; returns the ``EligibilityCheck`` id. Commits.

    The officer must hold the claim on the open case (as for a decision)."""
    session: Session = uow.session
    me = require_officer(session, officer, "record a checklist finding", REVIEW_ROLES)
    if outcome not in FINDING_OUTCOMES:
        raise InvalidFinding(outcome, "a finding is pass or fail")
    text = (note or "").strip()
    if not text:
        raise InvalidFinding(outcome, "a note saying what was checked is required")
    at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    require_claim(session, application_id, me.id)
    app = session.get(m.Application, application_id)
    if app is None:
        raise ApplicationNotFound(application_id)
    if app.status not in CLAIMABLE_STATUSES:
        raise CaseNotOpen(application_id, app.status.value)
    report = eligibility_report(session, application_id, today or taipei_date(at))
    item = next((it for it in report.items if it.code == code), None)
    if item is None or item.outcome != "unknown":
        raise NotResolvable(application_id, code, item.outcome if item else None)
    check = m.EligibilityCheck(application_id=app.id, code=code, outcome=Outcome(outcome),
                               clauses="; ".join(item.clauses), evidence=text, decided_by_id=me.id, at=at)
    session.add(check)
    session.flush()
    session.add(m.AuditEvent(officer_id=me.id, action="application.finding", entity_type="application",
                             entity_id=str(app.id), at=at,
                             details={"check_id": check.id, "code": code, "outcome": outcome}))
    uow.commit()
    return check.id


__all__ = ["CaseNotOpen", "FindingError", "InvalidFinding", "NotResolvable", "effective_outcomes",
           "latest_findings", "record_finding"]
