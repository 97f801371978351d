"""Officers (承辦人員): registration with a card certificate, sign-in, demo sign-in (Qt-free).

An administrator registers an officer with the certificate of the officer's own 自然人憑證 (read
from the card, or from a certificate file). At sign-in the certificate read from the card maps
to that officer; the card must also prove it holds the key (a signature made through PKCS#11),
because a certificate alone is public. Every sign-in, refusal and registration is audited.

Service functions take a unit of work (``backoffice.db.session.UnitOfWork``) and commit
explicitly, as everywhere in ``services/``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography import x509

from backoffice.db import models as m
from backoffice.db.enums import Role
from backoffice.db.session import UnitOfWork
from backoffice.services.authz import (
    ADMIN_ROLES,
    PermissionDenied,
    officer_id_of,
    pure,
    query_helper,
    requires,
    system_job,
)
from backoffice.smartcard.certinfo import CERT_ERRORS

# Validation statuses (smartcard.validation.Status values) that stop a sign-in or a registration.
# revocation_unknown is let through [decision]: desks are often offline and a stale CRL must not
# lock every officer out; the screen shows the warning and the audit records the status.
REFUSED_STATUSES = frozenset({"expired", "not_yet_valid", "revoked", "untrusted"})

DEMO_OFFICER_EMAIL = "demo-officer@demo.invalid"
DEMO_OFFICER_NAME = "示範承辦人 (Demo officer)"


# --- errors (carry data; views choose the words) -------------------------------------------------


class OfficerError(Exception):
    """Base class of the officer service's expected failures."""


class InvalidCertificateError(OfficerError):
    """The file or bytes are not an X.509 certificate."""


class DuplicateOfficerError(OfficerError):
    """The certificate is already bound to an officer."""

    def __init__(self, officer_id: int, cert_sha256: str) -> None:
        super().__init__(f"certificate already bound to officer {officer_id}")
        self.officer_id = officer_id
        self.cert_sha256 = cert_sha256


class UnknownOfficerError(OfficerError):
    """No officer is registered with this certificate."""

    def __init__(self, cert_sha256: str) -> None:
        super().__init__(f"no officer registered with certificate {cert_sha256[:16]}…")
        self.cert_sha256 = cert_sha256


class InactiveOfficerError(OfficerError):
    """The officer exists but has been deactivated."""

    def __init__(self, officer_id: int) -> None:
        super().__init__(f"officer {officer_id} is inactive")
        self.officer_id = officer_id


class ProofOfPossessionError(OfficerError):
    """The card's signature is missing, does not verify, or was made with another certificate."""


class CertificateNotAcceptedError(OfficerError):
    """The card's certificate failed validation (expired, revoked, untrusted...)."""

    def __init__(self, status: str) -> None:
        super().__init__(f"certificate not accepted: {status}")
        self.status = status


class DemoSignInRefused(OfficerError):  # noqa: N818 (a refusal, named as the officer sees it)
    """Card-less sign-in was asked for on a database that is not a demo database."""


class BootstrapRefused(OfficerError):  # noqa: N818 (a refusal, named as the administrator sees it)
    """The first-officer path was asked for on a database that already has officers, or without admin."""


class UnknownRoleError(OfficerError):
    def __init__(self, role: str) -> None:
        super().__init__(f"unknown role {role!r}; known: {', '.join(r.value for r in Role)}")
        self.role = role


# --- values handed to callers --------------------------------------------------------------------


@dataclass(frozen=True)
class CertBinding:
    """What is stored of an officer's certificate."""

    der: bytes
    sha256: str
    serial: str
    subject: str
    issuer: str
    id_last4: str | None

    @classmethod
    def from_der(cls, der: bytes, id_last4: str | None = None) -> CertBinding:
        try:
            cert = x509.load_der_x509_certificate(der)
        except CERT_ERRORS as exc:
            raise InvalidCertificateError("not a DER X.509 certificate") from exc
        return cls(
            der=der,
            sha256=hashlib.sha256(der).hexdigest(),
            serial=format(cert.serial_number, "x"),
            subject=cert.subject.rfc4514_string(),
            issuer=cert.issuer.rfc4514_string(),
            id_last4=id_last4 if id_last4 is not None else _id_last4(der),
        )


@dataclass(frozen=True)
class OfficerView:
    """An officer as the rest of the application sees one (no ORM object leaves the service)."""

    id: int
    name: str
    email: str
    roles: frozenset[str]
    active: bool
    cert_sha256: str | None
    cert_subject: str | None
    id_last4: str | None
    demo: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "roles": sorted(self.roles),
            "active": self.active,
            "cert_sha256": self.cert_sha256,
            "cert_subject": self.cert_subject,
            "id_last4": self.id_last4,
        }


def _view(officer: m.Officer, demo: bool = False) -> OfficerView:
    return OfficerView(
        id=officer.id,
        name=officer.name,
        email=officer.email,
        roles=frozenset(str(r) for r in officer.role_names),
        active=officer.active,
        cert_sha256=officer.cert_sha256,
        cert_subject=officer.cert_subject,
        id_last4=officer.id_last4,
        demo=demo,
    )


def _id_last4(der: bytes) -> str | None:
    """The ID's last 4 digits from the card's attributes (the one mapping table is in smartcard/)."""
    from backoffice.smartcard.certinfo import parse_certificate
    from backoffice.smartcard.connection import SmartCardError

    try:
        return parse_certificate(der).holder.id_last4
    except (SmartCardError, ValueError):  # without the attributes, it still binds by its hash
        return None


@pure
def load_certificate_file(path: Path) -> bytes:
    """A certificate file as DER (DER or PEM accepted)."""
    data = path.read_bytes()
    if b"-----BEGIN CERTIFICATE-----" in data:
        try:
            from cryptography.hazmat.primitives.serialization import Encoding

            return x509.load_pem_x509_certificate(data).public_bytes(Encoding.DER)
        except CERT_ERRORS as exc:
            raise InvalidCertificateError(f"{path}: not a PEM certificate") from exc
    CertBinding.from_der(data)  # validates
    return data


@pure
def parse_roles(values: Iterable[str]) -> frozenset[Role]:
    roles = set()
    for value in values:
        try:
            roles.add(Role(value.strip().lower()))
        except ValueError:
            raise UnknownRoleError(value) from None
    if not roles:
        raise UnknownRoleError("")
    return frozenset(roles)


def _audit(uow: UnitOfWork, action: str, officer_id: int | None, entity_id: int | None = None,
           **details: Any) -> None:
    uow.session.add(m.AuditEvent(
        officer_id=officer_id,
        action=action,
        entity_type="officer",
        entity_id=str(entity_id) if entity_id is not None else None,
        details=details or None,
    ))


# --- use cases -----------------------------------------------------------------------------------


def _new_officer(uow: UnitOfWork, name: str, role_set: frozenset[Role], cert: CertBinding, email: str | None) -> m.Officer:
    name = name.strip()
    if not name:
        raise OfficerError("an officer needs a name")
    session = uow.session
    existing = session.scalars(sa.select(m.Officer).where(m.Officer.cert_sha256 == cert.sha256)).first()
    if existing is not None:
        raise DuplicateOfficerError(existing.id, cert.sha256)
    officer = m.Officer(
        name=name,
        # The email is required by the schema; without one, a unique placeholder the admin can fix.
        email=email or f"officer-{cert.sha256[:16]}@officers.invalid",
        active=True,
        cert_sha256=cert.sha256,
        cert_serial=cert.serial,
        cert_subject=cert.subject,
        cert_issuer=cert.issuer,
        cert_der=cert.der,
        id_last4=cert.id_last4,
        cert_bound_at=datetime.now(UTC),
        roles=[m.OfficerRole(role=r) for r in sorted(role_set)],
    )
    session.add(officer)
    session.flush()
    return officer


@requires(ADMIN_ROLES, officer="actor_id")
def register_officer(uow: UnitOfWork, *, name: str, roles: Iterable[str], cert: CertBinding,
                     email: str | None = None, actor_id: Any = None) -> OfficerView:
    """Register an officer bound to ``cert`` (from a card read or a certificate file). Admin only."""
    role_set = parse_roles(roles)
    actor = officer_id_of(actor_id)
    officer = _new_officer(uow, name, role_set, cert, email)
    _audit(uow, "officer.registered", actor, officer.id,
           roles=sorted(r.value for r in role_set), cert_sha256=cert.sha256)
    uow.commit()
    return _view(officer)


@system_job("backoffice-admin officer add: whether this is the bootstrap of an empty database")
def officer_count(uow: UnitOfWork) -> int:
    return int(uow.session.scalar(sa.select(sa.func.count()).select_from(m.Officer)) or 0)


@system_job("backoffice-admin officer add on a database without officers (bootstrap)")
def bootstrap_first_officer(uow: UnitOfWork, *, name: str, roles: Iterable[str], cert: CertBinding,
                            email: str | None = None, os_user: str | None = None) -> OfficerView:
    """The first officer of an empty database, who must hold the admin role; audited as bootstrap.

    Refused (``BootstrapRefused``) once any officer exists (a deactivated one included): from then
    on only an administrator registers officers.
    """
    role_set = parse_roles(roles)
    if Role.ADMIN not in role_set:
        raise BootstrapRefused("the first officer must hold the admin role")
    if officer_count(uow) > 0:
        raise BootstrapRefused("officers exist: an administrator registers officers (--as)")
    officer = _new_officer(uow, name, role_set, cert, email)
    _audit(uow, "officer.registered", None, officer.id, roles=sorted(r.value for r in role_set),
           cert_sha256=cert.sha256, bootstrap=True, os_user=os_user)
    uow.commit()
    return _view(officer)


@system_job("backoffice-admin officer list")
def list_officers(uow: UnitOfWork, include_inactive: bool = True) -> list[OfficerView]:
    query = sa.select(m.Officer).order_by(m.Officer.id)
    if not include_inactive:
        query = query.where(m.Officer.active.is_(True))
    return [_view(o) for o in uow.session.scalars(query)]


def _managed(uow: UnitOfWork, officer_id: int, actor_id: Any, action: str) -> m.Officer:
    """The officer an administrator manages; never oneself (no admin locks in or widens itself)."""
    actor = officer_id_of(actor_id)
    if actor == officer_id:
        raise PermissionDenied(actor, f"{action} oneself", frozenset({Role.ADMIN.value}))
    officer = uow.session.get(m.Officer, officer_id)
    if officer is None:
        raise OfficerError(f"no officer {officer_id}")
    return officer


@requires(ADMIN_ROLES, officer="actor_id")
def set_officer_active(uow: UnitOfWork, officer_id: int, active: bool, actor_id: Any = None) -> OfficerView:
    """Activate or deactivate an officer. Admin only, never on oneself."""
    officer = _managed(uow, officer_id, actor_id, "activate" if active else "deactivate")
    officer.active = active
    _audit(uow, "officer.activated" if active else "officer.deactivated", officer_id_of(actor_id), officer_id)
    uow.commit()
    return _view(officer)


@requires(ADMIN_ROLES, officer="actor_id")
def set_officer_roles(uow: UnitOfWork, officer_id: int, roles: Iterable[str], actor_id: Any = None) -> OfficerView:
    """Replace an officer's roles. Admin only, never on oneself."""
    role_set = parse_roles(roles)
    officer = _managed(uow, officer_id, actor_id, "change the roles of")
    before = sorted(str(r) for r in officer.role_names)
    session = uow.session
    session.execute(sa.delete(m.OfficerRole).where(m.OfficerRole.officer_id == officer_id))
    session.flush()
    for role in sorted(role_set):
        session.add(m.OfficerRole(officer_id=officer_id, role=role))
    session.flush()
    session.expire(officer)
    _audit(uow, "officer.roles_changed", officer_id_of(actor_id), officer_id,
           before=before, after=sorted(r.value for r in role_set))
    uow.commit()
    changed = session.get(m.Officer, officer_id)
    assert changed is not None  # loaded above in this unit of work
    return _view(changed)


@query_helper("sign-in: who the card belongs to (the caller is not yet signed in)")
def officer_for_certificate(uow: UnitOfWork, cert_der: bytes) -> OfficerView:
    """The active officer bound to this certificate (no audit; for showing who the card is)."""
    sha = hashlib.sha256(cert_der).hexdigest()
    officer = uow.session.scalars(sa.select(m.Officer).where(m.Officer.cert_sha256 == sha)).first()
    if officer is None:
        raise UnknownOfficerError(sha)
    if not officer.active:
        raise InactiveOfficerError(officer.id)
    return _view(officer)


@query_helper("sign-in itself: the card proof is the check")
def sign_in_with_card(uow: UnitOfWork, cert_der: bytes, proof: Any, validation_status: str) -> OfficerView:
    """Sign in the officer whose card produced ``proof`` (a ``signing.SignedBlob``).

    ``validation_status`` is the card certificate's validation result (a Status value); the
    proof must be made with the same certificate that was read from the card and must verify.
    Refusals are audited and committed before the error is raised.
    """
    sha = hashlib.sha256(cert_der).hexdigest()
    try:
        if validation_status in REFUSED_STATUSES:
            raise CertificateNotAcceptedError(validation_status)
        if proof is None or proof.cert_der != cert_der:
            raise ProofOfPossessionError("the card's signature was made with another certificate")
        if not proof.verify():
            raise ProofOfPossessionError("the card's signature does not verify")
        officer = officer_for_certificate(uow, cert_der)
    except OfficerError as exc:
        uow.rollback()
        refused_id = exc.officer_id if isinstance(exc, InactiveOfficerError) else None
        _audit(uow, "officer.signin_refused", None, refused_id, reason=type(exc).__name__, cert_sha256=sha,
               validation=validation_status)
        uow.commit()
        raise
    _audit(uow, "officer.signin", officer.id, officer.id, method="card", cert_sha256=sha,
           validation=validation_status)
    uow.commit()
    return officer


@query_helper("whether card-less demo sign-in is offered")
def is_demo_database(uow: UnitOfWork) -> bool:
    """A demo database: it has programmes and every one of them is marked demo."""
    session = uow.session
    total = session.scalar(sa.select(sa.func.count()).select_from(m.Programme)) or 0
    real = session.scalar(
        sa.select(sa.func.count()).select_from(m.Programme).where(m.Programme.is_demo.is_(False))
    ) or 0
    return total > 0 and real == 0


@query_helper("who card-less demo sign-in offers (the sign-in dialog's list)")
def demo_people(uow: UnitOfWork) -> list[OfficerView]:
    """The active officers a demo sign-in may act as (each with their own roles, so the four-eyes
    rules can be shown: one prepares, another approves); empty unless this is a demo database."""
    if not is_demo_database(uow):
        return []
    officers = uow.session.scalars(sa.select(m.Officer).where(m.Officer.active.is_(True),
                                                              m.Officer.email != DEMO_OFFICER_EMAIL)
                                   .order_by(m.Officer.id)).all()
    return [_view(o, demo=True) for o in officers]


@query_helper("card-less sign-in, refused unless the database is a demo database")
def demo_sign_in(uow: UnitOfWork, officer_id: int | None = None) -> OfficerView:
    """Card-less sign-in, only on a demo database (the screen says so): as the all-roles demo
    officer, or as ``officer_id``, one of ``demo_people`` (an active officer of this database)."""
    if not is_demo_database(uow):
        _audit(uow, "officer.signin_refused", None, reason="DemoSignInRefused")
        uow.commit()
        raise DemoSignInRefused("card-less sign-in exists only on demo databases")
    session = uow.session
    if officer_id is not None:
        chosen = session.get(m.Officer, officer_id)
        if chosen is None or not chosen.active:
            _audit(uow, "officer.signin_refused", None, reason="DemoSignInRefused", asked_officer_id=officer_id)
            uow.commit()
            raise DemoSignInRefused("no active officer with that id on this demo database")
        _audit(uow, "officer.signin", chosen.id, chosen.id, method="demo")
        uow.commit()
        return _view(chosen, demo=True)
    officer = session.scalars(sa.select(m.Officer).where(m.Officer.email == DEMO_OFFICER_EMAIL)).first()
    if officer is None:
        officer = m.Officer(name=DEMO_OFFICER_NAME, email=DEMO_OFFICER_EMAIL, active=True,
                            roles=[m.OfficerRole(role=r) for r in Role])
        session.add(officer)
        session.flush()
    _audit(uow, "officer.signin", officer.id, officer.id, method="demo")
    uow.commit()
    return _view(officer, demo=True)
