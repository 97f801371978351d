"""Who may call each service entry point, declared on the function and checked in the service.

Every public function of ``backoffice.services`` carries one policy (a test walks the package and
fails on a function without one):

- ``@requires(Role.X, ..., officer="officer")``: the argument named ``officer`` must be an active
  officer holding one of the roles; checked before the body runs (``PermissionDenied``).
- ``@system_job("why")``: timers and imports an administrator runs with ``backoffice-admin`` (sweep,
  feed import, outbox, demo data). The operating-system account that can run the command and reach
  the database is the authority; no view calls these.
- ``@pure``: no database, no personal data (parsing, formatting, policy arithmetic).
- ``@query_helper("why")``: a building block that other, role-checked services call with a
  session they hold (ledger steps, feed handlers, claim lookups), or a read the screens make that
  is not yet tied to a viewer (said in the reason).

Services accept the acting officer as an ``int`` id or any object with an ``id`` attribute (the
views' ``OfficerIdentity``, an ``OfficerView``); the roles are always read from the database, so a
caller cannot grant itself a role by passing a forged object.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ParamSpec, Protocol, TypeVar

from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import Role

P = ParamSpec("P")
R = TypeVar("R")

# The admin role (系統管理者) manages officers, the calendar, parameters and the system jobs; it does
# not review, claim or decide applications unless the officer also holds officer or supervisor.
REVIEW_ROLES: frozenset[Role] = frozenset({Role.OFFICER, Role.SUPERVISOR})  # 承辦人, 主管
CASE_READ_ROLES: frozenset[Role] = REVIEW_ROLES  # the queue, dossiers, attachments, their export
ORDER_READ_ROLES: frozenset[Role] = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.FINANCE})
SUPERVISOR_ROLES: frozenset[Role] = frozenset({Role.SUPERVISOR})
ADMIN_ROLES: frozenset[Role] = frozenset({Role.ADMIN})
ANY_ROLE: frozenset[Role] = frozenset(Role)

POLICY_ATTR = "__authz_policy__"


class Access(StrEnum):
    ROLES = "roles"
    SYSTEM = "system"
    PURE = "pure"
    QUERY_HELPER = "query_helper"


@dataclass(frozen=True)
class Policy:
    """What a service function declares about its callers."""

    access: Access
    roles: frozenset[Role] = frozenset()
    officer_param: str | None = None
    reason: str = ""


class HasOfficerId(Protocol):
    """Anything that names an officer by id (the views' ``OfficerIdentity``, an ``OfficerView``)."""

    @property
    def id(self) -> int: ...


# The acting officer as services accept it: an id, an object with an ``id``, or None (anonymous,
# refused wherever a role is needed). Roles are always read from the database, never from the object.
Actor = int | HasOfficerId | None


class PermissionDenied(PermissionError):  # noqa: N818 (the name the issue uses)
    """The officer may not do this. Carries data; views choose the words."""

    def __init__(self, officer_id: int | None, action: str, needed: frozenset[str] = frozenset()) -> None:
        super().__init__(f"officer {officer_id} may not {action} (needs one of {sorted(needed)})")
        self.officer_id = officer_id
        self.action = action
        self.needed = needed


def officer_id_of(officer: Actor) -> int | None:
    if officer is None or isinstance(officer, int):
        return officer
    value = getattr(officer, "id", None)
    return int(value) if value is not None else None


def require_officer(session: Session, officer: Actor, action: str,
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


def policy_of(fn: Any) -> Policy | None:
    policy = getattr(fn, POLICY_ATTR, None)
    return policy if isinstance(policy, Policy) else None


def _mark(fn: Callable[P, R], policy: Policy) -> Callable[P, R]:
    setattr(fn, POLICY_ATTR, policy)
    return fn


def _session_of(holder: Any) -> Session:
    session = getattr(holder, "session", holder)  # a unit of work, or a session already
    if not isinstance(session, Session):
        raise TypeError(f"cannot find a session in {type(holder).__name__}")
    return session


def requires(*roles: Role | frozenset[Role], officer: str = "officer",
             action: str | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Check that the argument ``officer`` is an active officer holding one of ``roles``.

    The function's first parameter is its unit of work (or session); an omitted officer argument
    counts as anonymous and is refused.
    """
    wanted: set[Role] = set()
    for r in roles:
        wanted.update(r if isinstance(r, frozenset) else {r})
    role_set = frozenset(wanted)

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(fn)
        if officer not in signature.parameters:
            raise TypeError(f"{fn.__qualname__} has no parameter {officer!r} to check")
        first = next(iter(signature.parameters))
        what = action or fn.__name__.replace("_", " ")

        @functools.wraps(fn)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            bound = signature.bind(*args, **kwargs)
            require_officer(_session_of(bound.arguments[first]), bound.arguments.get(officer), what, role_set)
            return fn(*args, **kwargs)

        return _mark(checked, Policy(Access.ROLES, role_set, officer))

    return decorate


def system_job(reason: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A timer or import run by an administrator through ``backoffice-admin`` (never by a view)."""
    return lambda fn: _mark(fn, Policy(Access.SYSTEM, reason=reason))


def pure(fn: Callable[P, R]) -> Callable[P, R]:
    """No database and no personal data: anyone may call it."""
    return _mark(fn, Policy(Access.PURE))


def query_helper(reason: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A building block called with a session by role-checked services (the reason says which)."""
    return lambda fn: _mark(fn, Policy(Access.QUERY_HELPER, reason=reason))


# authz's own helpers declare themselves too (the enumeration test walks this module as well).
pure(officer_id_of)
query_helper("the check itself, called by @requires and by services that need the officer row")(require_officer)
pure(policy_of)
for _decorator in (requires, system_job, pure, query_helper):
    pure(_decorator)
