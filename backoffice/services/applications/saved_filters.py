"""Saved queue filters (常用篩選): each officer names and reuses their own ``QueueQuery`` (Qt-free).

A filter belongs to one officer; nobody else can read, overwrite or delete it. Saving under an
existing name replaces that filter's definition (the screen asks before overwriting).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.session import UnitOfWork
from backoffice.services.applications.queue import QueueQuery, QueueQueryError
from backoffice.services.authz import CASE_READ_ROLES, Actor, PermissionDenied, officer_id_of, requires

NAME_MAX = 100


class SavedFilterError(ValueError):
    """A name that cannot be used (empty, too long)."""


@dataclass(frozen=True)
class SavedFilterInfo:
    id: int
    name: str
    query: QueueQuery | None  # None: the stored definition no longer parses (shown, not applied)


def _require_active(session: Any, officer: Actor) -> int:
    officer_id = officer_id_of(officer)
    row = session.get(m.Officer, officer_id) if officer_id is not None else None
    if row is None or not row.active:
        raise PermissionDenied(officer_id, "use saved filters")
    return int(row.id)


def _parse(definition: dict[str, Any]) -> QueueQuery | None:
    try:
        return QueueQuery.from_json(definition)
    except QueueQueryError:
        return None


@requires(CASE_READ_ROLES)
def save_filter(uow: UnitOfWork, officer: Actor, name: str, query: QueueQuery) -> SavedFilterInfo:
    """Create or replace the officer's filter called ``name``. Commits."""
    session = uow.session
    officer_id = _require_active(session, officer)
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise SavedFilterError(f"a filter name needs 1 to {NAME_MAX} characters")
    row = session.scalars(sa.select(m.SavedFilter).where(
        m.SavedFilter.officer_id == officer_id, m.SavedFilter.name == name)).first()
    if row is None:
        row = m.SavedFilter(officer_id=officer_id, name=name, definition=query.to_json())
        session.add(row)
    else:
        row.definition = query.to_json()
    session.flush()
    info = SavedFilterInfo(row.id, row.name, query)
    uow.commit()
    return info


@requires(CASE_READ_ROLES)
def list_filters(uow: UnitOfWork, officer: Actor) -> list[SavedFilterInfo]:
    """The officer's filters by name."""
    session = uow.session
    officer_id = _require_active(session, officer)
    rows = session.scalars(sa.select(m.SavedFilter).where(m.SavedFilter.officer_id == officer_id)
                           .order_by(m.SavedFilter.name)).all()
    return [SavedFilterInfo(r.id, r.name, _parse(r.definition)) for r in rows]


@requires(CASE_READ_ROLES)
def delete_filter(uow: UnitOfWork, officer: Actor, filter_id: int) -> None:
    """Delete one of the officer's own filters (``PermissionDenied`` for another officer's). Commits."""
    session = uow.session
    officer_id = _require_active(session, officer)
    row = session.get(m.SavedFilter, filter_id)
    if row is None:
        return
    if row.officer_id != officer_id:
        raise PermissionDenied(officer_id, "delete another officer's saved filter")
    session.delete(row)
    uow.commit()
