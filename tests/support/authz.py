"""Acting officers for tests of role-checked services (services/authz.py)."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import Role


def officer_with(u: Any, *roles: Role, name: str | None = None) -> int:
    """An active officer holding exactly ``roles`` (default: 承辦人), added and flushed in ``u``."""
    held = roles or (Role.OFFICER,)
    label = name or "-".join(sorted(r.value for r in held))
    officer = m.Officer(name=f"測試{label}", email=f"{label}-{uuid.uuid4().hex[:8]}@test.invalid",
                        active=True, roles=[m.OfficerRole(role=r) for r in held])
    u.session.add(officer)
    u.session.flush()
    return officer.id


def reader_id(u: Any, *roles: Role) -> int:
    """An existing active officer holding one of ``roles`` (default: 承辦人), else a new one."""
    wanted = roles or (Role.OFFICER,)
    found = u.session.scalar(sa.select(m.Officer.id).join(m.OfficerRole).where(
        m.Officer.active.is_(True), m.OfficerRole.role.in_(wanted)).order_by(m.Officer.id).limit(1))
    return int(found) if found is not None else officer_with(u, *wanted)
