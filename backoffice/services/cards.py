"""The card stack as the desks see it (Qt-free): read a card, open a signing session, watch readers.

Views never import ``backoffice.smartcard``: the sign-in dialog, the review screen and every desk
that signs (refund approvals, payment batches) ask this module. A ``SigningSession`` is what a view
holds between "whose card, which token, what PIN state" (known before the PIN is asked) and the
signature itself; the PIN is passed to one call and kept nowhere. The error types a view maps to
words are named here as well, so a desk can be tested without a card stack.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from backoffice.services.authz import query_helper
from backoffice.smartcard import connection as _connection
from backoffice.smartcard import pcsc as _pcsc
from backoffice.smartcard import pkcs11 as _pkcs11
from backoffice.smartcard import signing as _signing
from backoffice.smartcard.events import CardEvent, CardWatcher, EventKind
from backoffice.smartcard.identify import IdentifyResult, identify_card

__all__ = [
    "CardBusyError",
    "CardEvent",
    "CardReading",
    "CardRemovedError",
    "CardWatcher",
    "CertificateMismatchError",
    "EventKind",
    "IdentifyResult",
    "ModuleLoadError",
    "NoCardError",
    "NoReaderError",
    "NotHicosCardError",
    "OfficerCardMissing",
    "Pkcs11Error",
    "PinLockedError",
    "PinState",
    "SignedBlob",
    "SigningSession",
    "SmartCardError",
    "TokenInfo",
    "TokenNotFound",
    "TokenRemovedError",
    "WrongPinError",
    "card_watcher",
    "officer_signing_session",
    "read_cards_present",
    "open_signing_session",
    "read_card",
    "sha256_hex",
]

# Error and value types (data the views map to words; they never parse messages).
SmartCardError = _connection.SmartCardError
CardBusyError = _connection.CardBusyError
CardRemovedError = _connection.CardRemovedError
NoCardError = _connection.NoCardError
NoReaderError = _connection.NoReaderError
NotHicosCardError = _connection.NotHicosCardError
Pkcs11Error = _pkcs11.Pkcs11Error
ModuleLoadError = _pkcs11.ModuleLoadError
TokenNotFound = _pkcs11.TokenNotFound
TokenRemovedError = _pkcs11.TokenRemovedError
WrongPinError = _pkcs11.WrongPinError
PinLockedError = _pkcs11.PinLockedError
PinState = _pkcs11.PinState
TokenInfo = _pkcs11.TokenInfo
CertificateMismatchError = _signing.CertificateMismatchError
SignedBlob = _signing.SignedBlob
sha256_hex = _signing.sha256_hex


@dataclass(frozen=True)
class SigningSession:
    """One officer's card ready to sign: the PKCS#11 module, the certificate read over PC/SC and
    the token that holds it (with its PIN state, shown before the PIN is asked)."""

    module_path: str
    cert_der: bytes
    token: TokenInfo

    @property
    def pin_state(self) -> PinState:
        return self.token.pin_state

    def sign(self, payload: bytes, pin: str | None) -> SignedBlob:
        """Sign ``payload``: one login with ``pin`` (never retried), on this certificate's token only."""
        return _signing.sign_bytes(self.module_path, payload, pin, token_label=self.token.label,
                                   expected_cert_der=self.cert_der)

    def prove_possession(self, pin: str | None, context: bytes) -> SignedBlob:
        """Sign a fresh challenge (sign-in): a certificate can be copied, the card's key cannot."""
        return _signing.prove_possession(self.module_path, pin, self.cert_der, token_label=self.token.label,
                                         context=context)


@query_helper("the card stack for the views: PKCS#11, no database")
def open_signing_session(module_path: str | None, cert_der: bytes) -> SigningSession:
    """The session for the token holding ``cert_der``; ``ModuleLoadError`` when no module is set,
    ``TokenNotFound`` / ``CertificateMismatchError`` when no token holds that certificate."""
    if not module_path:
        raise ModuleLoadError("")
    return SigningSession(module_path, cert_der, _signing.token_for_certificate(module_path, cert_der))


@dataclass(frozen=True)
class CardReading:
    """What one read of a reader found: the card's identity and, when a PKCS#11 module is
    configured, the signing session for its certificate (or why there is none)."""

    identity: IdentifyResult
    session: SigningSession | None
    session_error: Exception | None

    @property
    def token(self) -> TokenInfo | None:
        return self.session.token if self.session else None

    def with_pin_state(self, pin_state: PinState) -> CardReading:
        """The same reading after a failed login changed the PIN state."""
        if self.session is None:
            return self
        token = replace(self.session.token, pin_state=pin_state)
        return replace(self, session=replace(self.session, token=token))


@query_helper("the card stack for the views: PC/SC and PKCS#11, no database")
def read_card(reader: str | None, module_path: str | None, trust_dir: Path, crl_dir: Path | None, *,
              busy_wait: float = 0.0) -> CardReading:
    """Identify the card in ``reader`` (validated against the trust anchors and CRLs) and open its
    signing session (worker thread only: talks PC/SC and PKCS#11)."""
    identity = identify_card(reader, trust_dir, crl_dir, busy_wait=busy_wait)
    try:
        return CardReading(identity, open_signing_session(module_path, identity.info.der), None)
    except (Pkcs11Error, CertificateMismatchError) as exc:
        return CardReading(identity, None, exc)


@query_helper("the card stack for the views: reader events, no database")
def card_watcher() -> CardWatcher:
    """A watcher of readers and cards (polls PC/SC on its own thread)."""
    return CardWatcher()


@query_helper("the card stack for the views: PC/SC, no database")
def read_cards_present(trust_dir: Path, crl_dir: Path | None, *,
                       exclude_sha256: str | None = None) -> list[IdentifyResult]:
    """Identify the card in every reader that holds one (worker thread only: talks PC/SC).

    ``exclude_sha256`` skips a card (the officer's own, when both sit in readers at the desk).
    Readers whose card cannot be read are skipped; an empty list means no usable card.
    """
    found: list[IdentifyResult] = []
    for state in _pcsc.list_readers():
        if not state.card_present:
            continue
        try:
            result = identify_card(state.name, trust_dir, crl_dir, busy_wait=1.0)
        except SmartCardError:
            continue
        if exclude_sha256 is None or result.info.sha256 != exclude_sha256:
            found.append(result)
    return found


class OfficerCardMissing(Exception):  # noqa: N818 (as the officer sees it)
    """The officer's own card (the certificate bound to the officer) is in no reader."""


@dataclass(frozen=True)
class OfficerSigning:
    """The officer's own card, found in a reader and ready to sign (the PIN is not asked yet)."""

    session: SigningSession
    holder: str


@query_helper("the card stack for the views: finds the signed-in officer's own card; no database")
def officer_signing_session(module_path: str | None, cert_der: bytes, trust_dir: Path,
                            crl_dir: Path | None) -> OfficerSigning:
    """The signing session of the officer whose registered certificate is ``cert_der``.

    The card in a reader must be the officer's own (read over PC/SC) and the PKCS#11 token must
    hold that same certificate, so the PIN goes to no other card: ``OfficerCardMissing`` when no
    reader holds it, ``ModuleLoadError`` / ``TokenNotFound`` / ``CertificateMismatchError`` from
    the token lookup.
    """
    wanted = sha256_hex(cert_der)
    card = next((c for c in read_cards_present(trust_dir, crl_dir) if c.info.sha256 == wanted), None)
    if card is None:
        raise OfficerCardMissing()
    return OfficerSigning(open_signing_session(module_path, cert_der), card.info.holder.name or "")
