"""Officer registration, card sign-in and demo sign-in, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.services.admin import officers as svc
from backoffice.smartcard.signing import SignedBlob, prove_possession
from tests.support.authz import reader_id
from tests.support.cards import card_set
from tests.support.pki import Holder, build_test_pki, make_pki
from tests.support.softhsm import SoftToken


def _admin(u: Any) -> int:
    """An administrator to act as (officer management is admin-only); committed."""
    admin = reader_id(u, Role.ADMIN)
    u.commit()
    return admin


def _binding(holder: Holder) -> svc.CertBinding:
    return svc.CertBinding.from_der(holder.der)


def _proof(holder: Holder, payload: bytes = b"challenge") -> SignedBlob:
    """A signature by ``holder``'s key, as the card would make it (PKCS#1 v1.5, SHA-256)."""
    return SignedBlob(payload, holder.key.sign(payload, padding.PKCS1v15(), hashes.SHA256()), holder.der)


def _audit(uow: Callable[[], Any]) -> list[tuple[str, int | None, dict[str, Any] | None]]:
    with uow() as u:
        rows = u.session.scalars(sa.select(m.AuditEvent).order_by(m.AuditEvent.id))
        return [(r.action, r.officer_id, r.details) for r in rows]


def _add_programme(uow: Callable[[], Any], code: str, demo: bool) -> None:
    with uow() as u:
        u.session.add(m.Programme(code=code, name=f"計畫 {code}", is_demo=demo))
        u.commit()


@pytest.fixture
def other_holder() -> Holder:
    return build_test_pki().issue("moica", name="陳其他", id_last4="1234", subject_type="citizen")


def test_registering_binds_the_certificate_and_roles(uow: Callable[[], Any], officer_holder: Holder) -> None:
    with uow() as u:
        admin = _admin(u)
        view = svc.register_officer(u, name="林官員", roles=["officer", "Supervisor"],
                                    cert=_binding(officer_holder), actor_id=admin)
    assert view.roles == {"officer", "supervisor"}
    assert view.id_last4 == "6789"  # from the card's Subject Directory Attributes
    with uow() as u:
        (listed,) = [o for o in svc.list_officers(u) if o.id == view.id]
        stored = u.session.get(m.Officer, view.id)
        assert stored is not None and stored.cert_der == officer_holder.der
    assert listed == view
    assert listed.cert_sha256 == _binding(officer_holder).sha256
    assert [a[:2] for a in _audit(uow)] == [("officer.registered", admin)]


def test_the_same_certificate_cannot_be_registered_twice(uow: Callable[[], Any],
                                                         officer_holder: Holder) -> None:
    with uow() as u:
        first = svc.register_officer(u, actor_id=_admin(u), name="林官員", roles=["officer"], cert=_binding(officer_holder))
    with uow() as u, pytest.raises(svc.DuplicateOfficerError) as caught:
        svc.register_officer(u, actor_id=_admin(u), name="冒名者", roles=["admin"], cert=_binding(officer_holder))
    assert caught.value.officer_id == first.id


def test_unknown_role_is_refused(uow: Callable[[], Any], officer_holder: Holder) -> None:
    with uow() as u, pytest.raises(svc.UnknownRoleError):
        svc.register_officer(u, actor_id=_admin(u), name="林官員", roles=["janitor"], cert=_binding(officer_holder))
    with uow() as u:
        assert [o.name for o in svc.list_officers(u)] == ["測試admin"]


def test_card_sign_in_with_a_softhsm_signature(uow: Callable[[], Any], soft_token: SoftToken) -> None:
    assert soft_token.holder is not None
    with uow() as u:
        registered = svc.register_officer(u, actor_id=_admin(u), name="林官員", roles=["officer"],
                                          cert=_binding(soft_token.holder))
    proof = prove_possession(soft_token.module, soft_token.user_pin, soft_token.cert_der)
    with uow() as u:
        officer = svc.sign_in_with_card(u, soft_token.cert_der, proof, "valid")
    assert officer.id == registered.id and not officer.demo
    action, officer_id, details = _audit(uow)[-1]
    assert (action, officer_id) == ("officer.signin", registered.id)
    assert details is not None and details["method"] == "card"


def test_unknown_certificate_is_refused_and_audited(uow: Callable[[], Any], officer_holder: Holder,
                                                     other_holder: Holder) -> None:
    with uow() as u:
        svc.register_officer(u, actor_id=_admin(u), name="林官員", roles=["officer"], cert=_binding(officer_holder))
    with uow() as u, pytest.raises(svc.UnknownOfficerError):
        svc.sign_in_with_card(u, other_holder.der, _proof(other_holder), "valid")
    action, officer_id, details = _audit(uow)[-1]
    assert (action, officer_id) == ("officer.signin_refused", None)
    assert details is not None and details["reason"] == "UnknownOfficerError"


def test_inactive_officer_is_refused(uow: Callable[[], Any], officer_holder: Holder) -> None:
    with uow() as u:
        view = svc.register_officer(u, actor_id=_admin(u), name="林官員", roles=["officer"], cert=_binding(officer_holder))
    with uow() as u:
        assert not svc.set_officer_active(u, view.id, False, actor_id=_admin(u)).active
    with uow() as u, pytest.raises(svc.InactiveOfficerError) as caught:
        svc.sign_in_with_card(u, officer_holder.der, _proof(officer_holder), "valid")
    assert caught.value.officer_id == view.id
    with uow() as u:
        assert [o.name for o in svc.list_officers(u, include_inactive=False)] == ["測試admin"]


def test_a_signature_by_another_card_is_refused(uow: Callable[[], Any], officer_holder: Holder,
                                                 other_holder: Holder) -> None:
    with uow() as u:
        svc.register_officer(u, actor_id=_admin(u), name="林官員", roles=["officer"], cert=_binding(officer_holder))
    forged = SignedBlob(b"challenge", _proof(other_holder).signature, officer_holder.der)
    with uow() as u, pytest.raises(svc.ProofOfPossessionError):
        svc.sign_in_with_card(u, officer_holder.der, forged, "valid")
    with uow() as u, pytest.raises(svc.ProofOfPossessionError):
        svc.sign_in_with_card(u, officer_holder.der, _proof(other_holder), "valid")
    with uow() as u, pytest.raises(svc.ProofOfPossessionError):
        svc.sign_in_with_card(u, officer_holder.der, None, "valid")
    assert [a[0] for a in _audit(uow)].count("officer.signin_refused") == 3


@pytest.mark.parametrize("status", ["expired", "revoked", "untrusted", "not_yet_valid"])
def test_a_certificate_that_fails_validation_cannot_sign_in(uow: Callable[[], Any], officer_holder: Holder,
                                                           status: str) -> None:
    with uow() as u:
        svc.register_officer(u, actor_id=_admin(u), name="林官員", roles=["officer"], cert=_binding(officer_holder))
    with uow() as u, pytest.raises(svc.CertificateNotAcceptedError) as caught:
        svc.sign_in_with_card(u, officer_holder.der, _proof(officer_holder), status)
    assert caught.value.status == status
    assert _audit(uow)[-1][2]["validation"] == status  # type: ignore[index]


def test_revocation_unknown_still_signs_in_and_is_audited(uow: Callable[[], Any],
                                                          officer_holder: Holder) -> None:
    with uow() as u:
        svc.register_officer(u, actor_id=_admin(u), name="林官員", roles=["officer"], cert=_binding(officer_holder))
    with uow() as u:
        svc.sign_in_with_card(u, officer_holder.der, _proof(officer_holder), "revocation_unknown")
    action, _, details = _audit(uow)[-1]
    assert action == "officer.signin" and details is not None
    assert details["validation"] == "revocation_unknown"


def test_demo_sign_in_is_refused_on_a_real_or_empty_database(uow: Callable[[], Any]) -> None:
    with uow() as u, pytest.raises(svc.DemoSignInRefused):
        svc.demo_sign_in(u)
    _add_programme(uow, "DEMO", demo=True)
    _add_programme(uow, "REAL-115", demo=False)
    with uow() as u:
        assert not svc.is_demo_database(u)
    with uow() as u, pytest.raises(svc.DemoSignInRefused):
        svc.demo_sign_in(u)
    with uow() as u:
        assert u.session.scalar(sa.select(sa.func.count()).select_from(m.Officer)) == 0


def test_demo_sign_in_on_a_demo_database(uow: Callable[[], Any]) -> None:
    _add_programme(uow, "DEMO", demo=True)
    with uow() as u:
        assert svc.is_demo_database(u)
        first = svc.demo_sign_in(u)
    with uow() as u:
        second = svc.demo_sign_in(u)
    assert first.demo and first.id == second.id  # one demo officer, reused
    assert first.cert_sha256 is None
    assert [a[2]["method"] for a in _audit(uow) if a[2]] == ["demo", "demo"]


def test_demo_sign_in_as_one_demo_person_gives_only_their_roles(uow: Callable[[], Any]) -> None:
    """The four-eyes rules can be shown in a demo: sign in as the officer, then as the supervisor."""
    with uow() as u:
        u.session.add_all([m.Officer(name="陳承辦", email="o@demo.invalid", active=True,
                                     roles=[m.OfficerRole(role=Role.OFFICER)]),
                           m.Officer(name="林主管", email="s@demo.invalid", active=True,
                                     roles=[m.OfficerRole(role=Role.SUPERVISOR)]),
                           m.Officer(name="離職者", email="x@demo.invalid", active=False,
                                     roles=[m.OfficerRole(role=Role.FINANCE)])])
        u.commit()
    with uow() as u:
        assert svc.demo_people(u) == []  # no programme yet: not a demo database
        with pytest.raises(svc.DemoSignInRefused):
            svc.demo_sign_in(u, 1)
    _add_programme(uow, "DEMO", demo=True)
    with uow() as u:
        svc.demo_sign_in(u)  # the all-roles demo officer now exists; it is not offered as a person
    with uow() as u:
        people = svc.demo_people(u)
    assert [(p.name, p.roles) for p in people] == [("陳承辦", {"officer"}), ("林主管", {"supervisor"})]
    with uow() as u:
        supervisor = svc.demo_sign_in(u, people[1].id)
    assert (supervisor.id, supervisor.roles, supervisor.demo) == (people[1].id, {"supervisor"}, True)
    with uow() as u:
        gone = u.session.scalar(sa.select(m.Officer.id).where(m.Officer.email == "x@demo.invalid"))
    for wrong in (gone, 9_999):
        with uow() as u, pytest.raises(svc.DemoSignInRefused):
            svc.demo_sign_in(u, wrong)
    refused = [a for a in _audit(uow) if a[0] == "officer.signin_refused"]
    assert len(refused) == 3  # the real-database try and the two wrong people


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backoffice.cli", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.fixture
def full_trust_dir(tmp_path: Path) -> Path:
    """Root and issuing CAs: a certificate file carries no chain of its own."""
    return build_test_pki().write_trust_dir(tmp_path / "trust-full")


def test_cli_officer_add_from_certificate_file_and_list(engine: sa.Engine, tmp_path: Path,
                                                         officer_holder: Holder, full_trust_dir: Path) -> None:
    trust_dir = full_trust_dir
    url = engine.url.render_as_string(hide_password=False)
    pem = tmp_path / "officer.pem"
    pem.write_bytes(officer_holder.cert.public_bytes(serialization.Encoding.PEM))
    common = ("--url", url, "--trust-dir", str(trust_dir), "--crl-dir", str(tmp_path / "no-crl"))
    added = _cli("officer", "add", "--name", "林官員", "--role", "admin", "--role", "supervisor",
                 "--cert", str(pem), *common, "--json")  # the first officer: bootstrap, without --as
    assert added.returncode == 0, added.stderr
    assert "revocation_unknown" in added.stderr  # no CRL: a warning, not a refusal
    doc = json.loads(added.stdout)
    assert doc["roles"] == ["admin", "supervisor"] and doc["id_last4"] == "6789"
    again = _cli("officer", "add", "--name", "X", "--role", "officer", "--cert", str(pem), *common,
                 "--as", str(doc["id"]))
    assert again.returncode == 1 and "already registered" in again.stderr
    listed = _cli("officer", "list", "--url", url, "--json")
    assert listed.returncode == 0, listed.stderr
    assert [o["name"] for o in json.loads(listed.stdout)] == ["林官員"]
    garbage = tmp_path / "garbage.cer"
    garbage.write_bytes(b"\x30\x03\x02\x01\x01")
    bad = _cli("officer", "add", "--name", "Y", "--role", "officer", "--cert", str(garbage), *common)
    assert bad.returncode == 1


def test_cli_officer_add_refuses_untrusted_and_expired_certificates(
    engine: sa.Engine, tmp_path: Path, full_trust_dir: Path
) -> None:
    trust_dir = full_trust_dir
    url = engine.url.render_as_string(hide_password=False)
    stranger = make_pki(root_ou="假的憑證總管理中心").issue("moica", name="冒名者", id_last4="0000")
    expired = build_test_pki().issue("moica", name="過期者", id_last4="1111",
                                     not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                                     not_after=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    for holder, status in ((stranger, "untrusted"), (expired, "expired")):
        path = tmp_path / f"{status}.cer"
        path.write_bytes(holder.der)
        result = _cli("officer", "add", "--name", "Z", "--role", "officer", "--cert", str(path),
                      "--url", url, "--trust-dir", str(trust_dir))
        assert result.returncode == 1, result.stderr
        assert status in result.stderr
    path = tmp_path / "untrusted.cer"
    allowed = _cli("officer", "add", "--name", "Pilot", "--role", "admin", "--cert", str(path),
                   "--url", url, "--trust-dir", str(trust_dir), "--allow-untrusted")
    assert allowed.returncode == 0, allowed.stderr


@pytest.mark.pcsc
def test_cli_officer_add_from_card(engine: sa.Engine, tmp_path: Path, officer_holder: Holder,
                                   trust_dir: Path, crl_dir: Path, vcard_factory: Any) -> None:
    card = vcard_factory(card_set(build_test_pki(), officer_holder))
    url = engine.url.render_as_string(hide_password=False)
    result = _cli("officer", "add", "--name", "林官員", "--role", "admin", "--from-card",
                  "--reader", card.reader, "--url", url, "--trust-dir", str(trust_dir),
                  "--crl-dir", str(crl_dir), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["cert_sha256"] == _binding(officer_holder).sha256
    assert doc["id_last4"] == "6789" and doc["roles"] == ["admin"]
    vcard_factory.remove(card)
    missing = _cli("officer", "add", "--name", "林官員", "--role", "officer", "--from-card",
                   "--reader", card.reader, "--url", url, "--trust-dir", str(trust_dir))
    assert missing.returncode == 2, missing.stderr
