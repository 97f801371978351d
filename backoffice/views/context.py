"""The application context handed to every screen.

Views reach the database only through ``context.uow_factory`` passed to service functions
(inside a job, off the UI thread); they never build engines or sessions themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from backoffice.config import Settings

TAIPEI = ZoneInfo("Asia/Taipei")

# Role names as stored in OfficerRole rows (RULES §6/§8: supervisor approves refunds, finance pays).
ROLE_OFFICER = "officer"
ROLE_SUPERVISOR = "supervisor"
ROLE_FINANCE = "finance"
ROLE_ADMIN = "admin"


def taipei_today() -> date:
    """Today's Asia/Taipei calendar date (RULES §2: all dates are Taipei dates)."""
    return datetime.now(TAIPEI).date()


@dataclass(frozen=True)
class OfficerIdentity:
    """Who is signed in. ``id`` is the Officer row id (None for the smoke-test identity)."""

    id: int | None
    name: str
    roles: frozenset[str] = frozenset()
    demo: bool = False  # signed in with the card-less demo sign-in

    @classmethod
    def of(cls, id: int | None, name: str, roles: Iterable[str], demo: bool = False) -> OfficerIdentity:
        return cls(id=id, name=name, roles=frozenset(roles), demo=demo)

    def has_role(self, role: str) -> bool:
        # Exactly the roles held: admin is not a super-role (services/authz.py decides the same).
        return role in self.roles


SMOKE_TEST_OFFICER = OfficerIdentity(
    id=None, name="smoke-test", roles=frozenset({ROLE_OFFICER, ROLE_SUPERVISOR, ROLE_FINANCE, ROLE_ADMIN})
)


@dataclass
class AppContext:
    """Everything a screen needs: how to reach services, who is working, how to show things.

    ``uow_factory()`` returns a new unit of work (``backoffice.services.uow.UnitOfWork``) (use it as
    ``with ctx.uow_factory() as uow: ...``), always inside a job (``backoffice.views.jobs``).
    """

    uow_factory: Callable[[], Any]
    settings: Settings
    officer: OfficerIdentity
    language: str = "zh_TW"
    demo: bool = False
    programme_name: str = ""
    today: Callable[[], date] = taipei_today
    extras: dict[str, Any] = field(default_factory=dict)  # for screens to share caches, keyed by module

    @property
    def database_label(self) -> str:
        return describe_database(self.settings.database_url)

    def with_officer(self, officer: OfficerIdentity) -> AppContext:
        return replace(self, officer=officer)


def describe_database(url: str) -> str:
    """A human-readable database location without the password."""
    try:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
    except Exception:  # a malformed URL is still worth showing, minus anything after '@'
        return url.rsplit("@", 1)[-1]
    if parsed.drivername.startswith("sqlite"):
        return "SQLite " + (parsed.database or ":memory:")
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    return f"PostgreSQL {parsed.username or ''}@{host}{port}/{parsed.database or ''}"
