"""Officer management is admin-only and never on oneself; the admin CLI names its actor (issue 7)."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.services.admin import officers as svc
from backoffice.services.authz import PermissionDenied
from tests.support.authz import officer_with
from tests.support.pki import build_test_pki

PKI = build_test_pki()


def _cert(name: str, last4: str) -> svc.CertBinding:
    return svc.CertBinding.from_der(PKI.issue("moica", name=name, id_last4=last4).der)


def _audit(uow: Callable[[], Any], action: str) -> list[tuple[int | None, str | None, dict[str, Any] | None]]:
    with uow() as u:
        return [(r.officer_id, r.entity_id, r.details) for r in u.session.scalars(
            sa.select(m.AuditEvent).where(m.AuditEvent.action == action).order_by(m.AuditEvent.id))]


@pytest.fixture
def people(uow: Callable[[], Any]) -> dict[str, int]:
    with uow() as u:
        ids = {"admin": officer_with(u, Role.ADMIN), "admin2": officer_with(u, Role.ADMIN, name="admin2"),
               "finance": officer_with(u, Role.FINANCE), "officer": officer_with(u, Role.OFFICER),
               "gone": officer_with(u, Role.ADMIN, name="gone")}
        u.session.get(m.Officer, ids["gone"]).active = False
        u.commit()
    return ids


def test_only_an_active_admin_registers_officers(uow: Callable[[], Any], people: dict[str, int]) -> None:
    for actor in (None, people["finance"], people["officer"], people["gone"]):
        with uow() as u, pytest.raises(PermissionDenied):  # 承辦人/會計 registering a new admin: refused
            svc.register_officer(u, name="新管理者", roles=["admin"], cert=_cert("新管理者", "2222"), actor_id=actor)
    with uow() as u:
        view = svc.register_officer(u, name="新管理者", roles=["admin"], cert=_cert("新管理者", "2222"),
                                    actor_id=people["admin"])
    assert _audit(uow, "officer.registered") == [
        (people["admin"], str(view.id), {"roles": ["admin"], "cert_sha256": view.cert_sha256})]


def test_activation_is_admin_only_and_never_on_oneself(uow: Callable[[], Any], people: dict[str, int]) -> None:
    with uow() as u, pytest.raises(PermissionDenied):  # a deactivated admin cannot reactivate itself
        svc.set_officer_active(u, people["gone"], True, actor_id=people["gone"])
    with uow() as u, pytest.raises(PermissionDenied):  # nor lock itself out (or in)
        svc.set_officer_active(u, people["admin"], False, actor_id=people["admin"])
    with uow() as u, pytest.raises(PermissionDenied):
        svc.set_officer_active(u, people["officer"], False, actor_id=people["finance"])
    with uow() as u:
        assert svc.set_officer_active(u, people["gone"], True, actor_id=people["admin2"]).active
        assert not svc.set_officer_active(u, people["officer"], False, actor_id=people["admin"]).active
    assert [a[:2] for a in _audit(uow, "officer.activated")] == [(people["admin2"], str(people["gone"]))]
    assert [a[:2] for a in _audit(uow, "officer.deactivated")] == [(people["admin"], str(people["officer"]))]


def test_roles_change_by_another_admin_only(uow: Callable[[], Any], people: dict[str, int]) -> None:
    with uow() as u, pytest.raises(PermissionDenied):
        svc.set_officer_roles(u, people["admin"], ["admin", "supervisor"], actor_id=people["admin"])
    with uow() as u, pytest.raises(PermissionDenied):
        svc.set_officer_roles(u, people["finance"], ["admin"], actor_id=people["finance"])
    with uow() as u, pytest.raises(svc.UnknownRoleError):
        svc.set_officer_roles(u, people["officer"], ["janitor"], actor_id=people["admin"])
    with uow() as u:
        view = svc.set_officer_roles(u, people["officer"], ["officer", "supervisor"], actor_id=people["admin"])
    assert view.roles == {"officer", "supervisor"}
    assert _audit(uow, "officer.roles_changed") == [
        (people["admin"], str(people["officer"]), {"before": ["officer"], "after": ["officer", "supervisor"]})]


def test_bootstrap_registers_the_first_admin_of_an_empty_database_only(uow: Callable[[], Any]) -> None:
    with uow() as u, pytest.raises(svc.BootstrapRefused):
        svc.bootstrap_first_officer(u, name="承辦", roles=["officer"], cert=_cert("承辦", "3333"))
    with uow() as u:
        first = svc.bootstrap_first_officer(u, name="首任管理者", roles=["admin"], cert=_cert("首任", "4444"),
                                            os_user="root")
    with uow() as u, pytest.raises(svc.BootstrapRefused):
        svc.bootstrap_first_officer(u, name="第二位", roles=["admin"], cert=_cert("第二", "5555"))
    assert _audit(uow, "officer.registered") == [
        (None, str(first.id), {"roles": ["admin"], "cert_sha256": first.cert_sha256, "bootstrap": True,
                               "os_user": "root"})]


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backoffice.cli", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})})


def test_cli_bootstrap_then_as_or_the_mapped_os_user(engine: sa.Engine, uow: Callable[[], Any],
                                                     tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    certs = []
    for name, last4 in (("首任", "6001"), ("承辦", "6002")):
        path = tmp_path / f"{last4}.cer"
        path.write_bytes(PKI.issue("moica", name=name, id_last4=last4).der)
        certs.append(str(path))
    common = ("--url", url, "--allow-untrusted", "--json")
    refused = _cli("officer", "add", "--name", "承辦", "--role", "officer", "--cert", certs[1], *common)
    assert refused.returncode == 1 and "bootstrap" in refused.stderr  # the first officer must be an admin
    admin = json.loads(_cli("officer", "add", "--name", "首任", "--role", "admin", "--cert", certs[0],
                            *common).stdout)["id"]
    anonymous = _cli("officer", "add", "--name", "承辦", "--role", "officer", "--cert", certs[1], *common)
    assert anonymous.returncode == 1 and "permission denied" in anonymous.stderr and "--as" in anonymous.stderr
    added = _cli("officer", "add", "--name", "承辦", "--role", "officer", "--cert", certs[1], *common,
                 "--as", str(admin))
    assert added.returncode == 0, added.stderr
    other = json.loads(added.stdout)["id"]
    self_off = _cli("officer", "deactivate", str(admin), "--url", url, "--as", str(admin))
    assert self_off.returncode == 1 and "permission denied" in self_off.stderr
    mapped = _cli("officer", "deactivate", str(other), "--url", url,
                  env={"BACKOFFICE_ADMIN_OFFICERS": f"nobody=99,{getpass.getuser()}={admin}"})
    assert mapped.returncode == 0, mapped.stderr
    roles = _cli("officer", "roles", str(other), "--role", "supervisor", "--url", url, "--as", str(admin), "--json")
    assert roles.returncode == 0 and json.loads(roles.stdout)["roles"] == ["supervisor"]
    actors = {action: officer_id for action, officer_id in ((a, o) for a in (
        "officer.deactivated", "officer.roles_changed") for o, _, _ in _audit(uow, a))}
    assert actors == {"officer.deactivated": admin, "officer.roles_changed": admin}
    assert [(o, d["bootstrap"]) for o, _, d in _audit(uow, "officer.registered") if d and "bootstrap" in d] == [
        (None, True)]
