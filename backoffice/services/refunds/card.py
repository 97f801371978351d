"""The supervisor's card for a refund decision, found before the PIN is asked (worker thread).

Like the review screen's decisions: the card in the reader must be the supervisor's own (read
over PC/SC) and the PKCS#11 token must hold that same certificate, so the PIN goes to no other
card. On a demo database without a card the decision is unsigned (the service allows it there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backoffice.services.admin.officers import is_demo_database
from backoffice.services.applications.decisions import Signer
from backoffice.services.refunds.errors import SignatureRequired
from backoffice.services.refunds.workflow import supervisor_certificate
from backoffice.smartcard import pkcs11
from backoffice.smartcard.signing import SignedBlob, sha256_hex, sign_bytes, token_for_certificate


class SupervisorCardMissing(Exception):  # noqa: N818 (as the supervisor sees it)
    """The supervisor's own card (the certificate bound to them) is in no reader."""


@dataclass(frozen=True)
class SigningPrep:
    cert_der: bytes | None  # None: unsigned decision on a demo database
    token: pkcs11.TokenInfo | None
    holder: str

    @property
    def pin_state(self) -> Any:
        return self.token.pin_state if self.token is not None else None


def prepare_signing(uow_factory: Any, supervisor_id: int | None, settings: Any, fallback_name: str) -> SigningPrep:
    from backoffice.services.applications import desk_verification

    with uow_factory() as uow:
        cert = supervisor_certificate(uow, supervisor_id)
        demo = is_demo_database(uow)
    if cert is None or not settings.pkcs11_module:
        if demo:
            return SigningPrep(None, None, fallback_name)
        raise SignatureRequired("no card certificate or PKCS#11 module")
    cards = desk_verification.read_cards_present(settings.trust_dir, settings.crl_dir)
    mine = [c for c in cards if c.info.sha256 == sha256_hex(cert)]
    if not mine:
        raise SupervisorCardMissing()
    token = token_for_certificate(settings.pkcs11_module, cert)
    return SigningPrep(cert, token, mine[0].info.holder.name or fallback_name)


def make_signer(module: str, prep: SigningPrep, pin: str | None) -> Signer | None:
    """The signer the service calls with the payload (None: unsigned demo decision)."""
    if prep.cert_der is None:
        return None
    cert, label = prep.cert_der, prep.token.label if prep.token else None

    def sign(payload: bytes) -> SignedBlob:
        return sign_bytes(module, payload, pin, token_label=label, expected_cert_der=cert)

    return sign
