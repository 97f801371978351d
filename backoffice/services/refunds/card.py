"""The supervisor's card for a refund decision, found before the PIN is asked (worker thread).

Like the review screen's decisions (``services/cards.officer_signing_session``): the card in the
reader must be the supervisor's own (read over PC/SC) and the PKCS#11 token must hold that same
certificate, so the PIN goes to no other card. On a demo database without a card the decision is
unsigned (the service allows it there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from backoffice.config import Settings
from backoffice.services import cards
from backoffice.services.admin.officers import is_demo_database
from backoffice.services.applications.decisions import Signer
from backoffice.services.authz import pure, query_helper
from backoffice.services.refunds.errors import SignatureRequired
from backoffice.services.refunds.workflow import supervisor_certificate
from backoffice.services.uow import UnitOfWork

# The supervisor's own card is in no reader (the same condition as an officer's).
SupervisorCardMissing = cards.OfficerCardMissing


@dataclass(frozen=True)
class SigningPrep:
    session: cards.SigningSession | None  # None: unsigned decision on a demo database
    holder: str

    @property
    def cert_der(self) -> bytes | None:
        return self.session.cert_der if self.session else None

    @property
    def token(self) -> cards.TokenInfo | None:
        return self.session.token if self.session else None


@query_helper("finds the supervisor's card; supervisor_certificate checks the role")
def prepare_signing(uow_factory: Callable[[], UnitOfWork], supervisor_id: int | None, settings: Settings,
                    fallback_name: str) -> SigningPrep:
    with uow_factory() as uow:
        cert = supervisor_certificate(uow, supervisor_id)
        demo = is_demo_database(uow)
    if cert is None or not settings.pkcs11_module:
        if demo:
            return SigningPrep(None, fallback_name)
        raise SignatureRequired("no card certificate or PKCS#11 module")
    found = cards.officer_signing_session(settings.pkcs11_module, cert, settings.trust_dir, settings.crl_dir)
    return SigningPrep(found.session, found.holder or fallback_name)


@pure
def make_signer(prep: SigningPrep, pin: str | None) -> Signer | None:
    """The signer the service calls with the payload (None: unsigned demo decision)."""
    session = prep.session
    if session is None:
        return None

    def sign(payload: bytes) -> cards.SignedBlob:
        return session.sign(payload, pin)

    return sign
