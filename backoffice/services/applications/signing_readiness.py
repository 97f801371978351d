"""Can this officer sign a decision here? Asked BEFORE a decision dialog opens (issue 12 item 4).

A decision is signed with the officer's own card (``decisions``): that needs the card certificate
bound to the officer (the administrator registers it with ``backoffice-admin officer add
--from-card``) and a PKCS#11 module on this desk (``BACKOFFICE_PKCS11_MODULE``). Without either,
the signing would be refused after the officer typed the decision; the screen asks this first and
says which is missing and who can fix it. A demo database accepts unsigned decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backoffice.db import models as m
from backoffice.db.session import UnitOfWork
from backoffice.services.admin.officers import is_demo_database
from backoffice.services.authz import Actor, officer_id_of, query_helper

__all__ = ["SigningReadiness", "signing_readiness"]


@dataclass(frozen=True)
class SigningReadiness:
    """What signing a decision needs and what is missing (the view chooses the words)."""

    certificate_bound: bool
    module_configured: bool  # set and present on this desk
    module_path: str | None
    demo: bool  # a demo database: decisions may be unsigned

    @property
    def can_sign(self) -> bool:
        return self.certificate_bound and self.module_configured

    @property
    def ready(self) -> bool:
        """A decision can be saved: signed with the card, or unsigned on a demo database."""
        return self.can_sign or self.demo

    @property
    def missing(self) -> tuple[str, ...]:
        """"certificate" and/or "module" (empty when the officer can sign)."""
        return tuple(name for name, ok in (("certificate", self.certificate_bound),
                                           ("module", self.module_configured)) if not ok)


@query_helper("whether the signed-in officer can sign; reads only that officer's certificate binding")
def signing_readiness(uow: UnitOfWork, officer: Actor, *, pkcs11_module: str | None) -> SigningReadiness:
    """Whether ``officer`` can sign decisions with ``pkcs11_module`` (the desk's setting). Read-only."""
    officer_id = officer_id_of(officer)
    row = uow.session.get(m.Officer, officer_id) if officer_id is not None else None
    bound = row is not None and bool(row.cert_der) and bool(row.cert_sha256)
    module_ok = bool(pkcs11_module) and Path(str(pkcs11_module)).is_file()
    return SigningReadiness(bound, module_ok, pkcs11_module or None, is_demo_database(uow))
