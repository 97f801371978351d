"""Authorisation checks shared by the services (roles are checked here, not only by hidden buttons).

Services accept the acting officer as an ``int`` id or any object with an ``id`` attribute (the
views' ``OfficerIdentity``, an ``OfficerView``); the roles are always read from the database, so a
caller cannot grant itself a role by passing a forged object.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import Role

# Roles that may review and decide applications (RULES §5; 承辦人 and 主管).
REVIEW_ROLES: frozenset[Role] = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN})


class PermissionDenied(PermissionError):  # noqa: N818 (the name the issue uses)
    """The officer may not do this. Carries data; views choose the words."""

    def __init__(self, officer_id: int | None, action: str, needed: frozenset[str] = frozenset()) -> None:
        super().__init__(f"officer {officer_id} may not {action} (needs one of {sorted(needed)})")
        self.officer_id = officer_id
        self.action = action
        self.needed = needed


def officer_id_of(officer: Any) -> int | None:
    if officer is None or isinstance(officer, int):
        return officer
    value = getattr(officer, "id", None)
    return int(value) if value is not None else None


def require_officer(session: Session, officer: Any, action: str,
                    roles: frozenset[Role] = REVIEW_ROLES) -> m.Officer:
    """The active officer row for ``officer`` holding one of ``roles``, else ``PermissionDenied``."""
    officer_id = officer_id_of(officer)
    row = session.get(m.Officer, officer_id) if officer_id is not None else None
    needed = frozenset(r.value for r in roles)
    if row is None or not row.active:
        raise PermissionDenied(officer_id, action, needed)
    if not (row.role_names & roles):
        raise PermissionDenied(officer_id, action, needed)
    return row
