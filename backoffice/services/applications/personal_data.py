"""Personal data: national ID numbers are shown masked; revealing one is a role-checked,
audited action (who saw whose number, when, why), RULES §10.

Screens, exports and e-mails carry ``mask_national_id`` values only (review.py, finance
exports); ``reveal_national_id`` is the one way to read a full number, and log lines pass
through ``backoffice.logsafe`` so a number that slips into a message is masked there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.db.session import UnitOfWork
from backoffice.policy.identifiers import mask_national_id
from backoffice.services.authz import Actor, PermissionDenied, officer_id_of, query_helper, require_officer

# Who may see a full national ID: the supervisor settling an identity question (RULES §10 "roles
# that need them"); officers compare the masked number and the card's last four digits.
UNMASK_ROLES: frozenset[Role] = frozenset({Role.SUPERVISOR})
REVEALED = "personal_data.national_id_revealed"
REFUSED = "personal_data.national_id_refused"

Source = Literal["applicant", "authorisation"]


class NothingToReveal(LookupError):  # noqa: N818 (reads as the officer sees it)
    """The record does not exist or holds no national ID."""

    def __init__(self, source: str, record_id: int) -> None:
        super().__init__(f"{source} {record_id} holds no national ID")
        self.source = source
        self.record_id = record_id


@dataclass(frozen=True)
class Revealed:
    national_id: str
    masked: str
    audit_event_id: int


def _number(session: Any, source: Source, record_id: int) -> str | None:
    if source == "applicant":
        applicant = session.get(m.Applicant, record_id)
        return applicant.representative_id if applicant else None
    auth = session.get(m.Authorisation, record_id)
    return auth.representative_id if auth else None


@query_helper("role-checked inside (supervisors) so that a refused attempt is audited too")
def reveal_national_id(uow: UnitOfWork, officer: Actor, source: Source, record_id: int, reason: str) -> Revealed:
    """The full representative's national ID of an applicant (or a 附表3 authorisation).

    Checks the officer's role (``PermissionDenied``; the refused attempt is audited too) and
    records who saw whose number and why, committed before the number is handed back.
    """
    reason = (reason or "").strip()
    if not reason or len(reason) > 200:
        raise ValueError("a reason of 1 to 200 characters is required")
    s = uow.session
    entity = {"entity_type": source, "entity_id": str(record_id)}
    try:
        row = require_officer(s, officer, "reveal a national ID", UNMASK_ROLES)
    except PermissionDenied:
        s.add(m.AuditEvent(officer_id=_known(s, officer), action=REFUSED, details={"reason": reason}, **entity))
        uow.commit()
        raise
    number = _number(s, source, record_id)
    if not number:
        raise NothingToReveal(source, record_id)
    masked = mask_national_id(number)
    event = m.AuditEvent(officer_id=row.id, action=REVEALED, details={"masked": masked, "reason": reason}, **entity)
    s.add(event)
    uow.commit()
    return Revealed(number, masked, event.id)


def _known(session: Any, officer: Actor) -> int | None:
    oid = officer_id_of(officer)
    return oid if oid is not None and session.get(m.Officer, oid) is not None else None
