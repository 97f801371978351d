"""Every public service function says who may call it (services/authz.py), and checks it.

Walks ``backoffice/services/**``: every function defined in a module (not imported), whose name
does not start with ``_``, must carry a policy: a role check, a system job, a pure function or a
named query helper. Views may not call system jobs.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import backoffice.services
from backoffice.db.enums import Role
from backoffice.services import authz
from backoffice.services.authz import Access, policy_of

ROOT = Path(backoffice.services.__file__).parent


def service_modules() -> list[ModuleType]:
    names = [info.name for info in pkgutil.walk_packages([str(ROOT)], prefix="backoffice.services.")]
    return [importlib.import_module(n) for n in sorted(names)]


def public_functions() -> list[tuple[str, object]]:
    found = []
    for module in service_modules():
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if inspect.unwrap(fn).__module__ != module.__name__:
                continue  # imported from elsewhere: judged in its own module
            found.append((f"{module.__name__}.{name}", fn))
    return found


def test_the_walk_finds_the_service_modules_and_their_functions() -> None:
    names = {n for n, _ in public_functions()}
    assert len(service_modules()) >= 25
    assert {"backoffice.services.applications.queue.fetch_page",
            "backoffice.services.points.sweep.run_sweep",
            "backoffice.services.admin.officers.register_officer"} <= names


def test_every_public_service_function_states_who_may_call_it() -> None:
    missing = [name for name, fn in public_functions() if policy_of(fn) is None]
    assert missing == [], "no @requires/@system_job/@pure/@query_helper on: " + ", ".join(missing)


def test_role_checks_name_a_real_parameter_and_helpers_say_why() -> None:
    for name, fn in public_functions():
        policy = policy_of(fn)
        assert policy is not None
        if policy.access is Access.ROLES:
            assert policy.roles and policy.officer_param in inspect.signature(fn).parameters, name
        if policy.access in (Access.SYSTEM, Access.QUERY_HELPER):
            assert policy.reason, name


@pytest.mark.parametrize(("dotted", "roles"), [
    ("admin.officers.register_officer", {Role.ADMIN}),
    ("admin.officers.set_officer_active", {Role.ADMIN}),
    ("admin.officers.set_officer_roles", {Role.ADMIN}),
    ("applications.queue.fetch_page", {Role.OFFICER, Role.SUPERVISOR}),
    ("applications.review.load_dossier", {Role.OFFICER, Role.SUPERVISOR}),
    ("applications.assignment.release_stale", {Role.SUPERVISOR}),
    ("finance.exports.export_applications_xlsx", {Role.OFFICER, Role.SUPERVISOR}),
    ("finance.exports.export_orders_xlsx", {Role.OFFICER, Role.SUPERVISOR, Role.FINANCE}),
])
def test_the_decided_roles(dotted: str, roles: set[Role]) -> None:
    module, _, name = dotted.rpartition(".")
    policy = policy_of(getattr(importlib.import_module(f"backoffice.services.{module}"), name))
    assert policy is not None and policy.access is Access.ROLES and policy.roles == roles


def test_decisions_and_claims_are_not_given_to_the_admin_role() -> None:
    assert Role.ADMIN not in authz.REVIEW_ROLES
    for name, fn in public_functions():
        policy = policy_of(fn)
        if ".applications." in name and policy is not None and policy.access is Access.ROLES:
            assert Role.ADMIN not in policy.roles, name


def test_views_never_call_system_jobs() -> None:
    jobs = {name.rpartition(".")[2] for name, fn in public_functions()
            if (p := policy_of(fn)) is not None and p.access is Access.SYSTEM}
    views = Path(backoffice.services.__file__).parent.parent / "views"
    for path in views.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("backoffice.services"):
                assert not {a.name for a in node.names} & jobs, path
            if isinstance(node, ast.Attribute) and node.attr in jobs:
                pytest.fail(f"{path} calls the system job {node.attr}")


def test_a_role_check_refuses_before_the_body_runs() -> None:
    calls = []

    @authz.requires(Role.ADMIN)
    def act(session: object, officer: object = None) -> None:
        calls.append(officer)

    with pytest.raises(TypeError):
        act(object())  # no session to check against: never silently allowed
    with pytest.raises(TypeError):
        authz.requires(Role.ADMIN, officer="actor")(lambda session: None)
    assert calls == []
