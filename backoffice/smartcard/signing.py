"""Signing with the officer's card and checking signatures (Qt-free).

Signatures are SHA-256 with RSA PKCS#1 v1.5 (CKM_SHA256_RSA_PKCS), made by the card through its
PKCS#11 module and checked here with ``cryptography`` against the certificate. Before the PIN is
used, the token's certificate is compared with the one read over PC/SC: a PIN must never be typed
into a card other than the one the officer sees on screen.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from backoffice.smartcard.pkcs11 import (
    KeyNotFound,
    Pkcs11Module,
    TokenCertificate,
    TokenInfo,
    TokenNotFound,
)


@dataclass(frozen=True)
class SignedBlob:
    """A payload, its signature and the certificate that verifies it."""

    payload: bytes
    signature: bytes
    cert_der: bytes

    @property
    def cert_sha256(self) -> str:
        return sha256_hex(self.cert_der)

    def verify(self) -> bool:
        return verify(self.payload, self.signature, self.cert_der)

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": "sha256WithRSAEncryption",
            "payload_sha256": hashlib.sha256(self.payload).hexdigest(),
            "signature": base64.b64encode(self.signature).decode("ascii"),
            "certificate": base64.b64encode(self.cert_der).decode("ascii"),
            "cert_sha256": self.cert_sha256,
        }


class CertificateMismatchError(Exception):
    """The token's certificate is not the one read over PC/SC (another card, or a wrong slot)."""

    def __init__(self, expected_sha256: str, found_sha256: tuple[str, ...]) -> None:
        super().__init__(
            f"the PKCS#11 token holds no certificate {expected_sha256[:16]}…; found {len(found_sha256)}"
        )
        self.expected_sha256 = expected_sha256
        self.found_sha256 = found_sha256


class SignatureCheckError(Exception):
    """The card returned a signature that does not verify with its own certificate."""


def sha256_hex(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def certificates_match(a_der: bytes, b_der: bytes) -> bool:
    """Same certificate, byte for byte (DER is canonical, so the hashes decide)."""
    return sha256_hex(a_der) == sha256_hex(b_der)


def verify(payload: bytes, signature: bytes, cert_der: bytes) -> bool:
    """Whether ``signature`` is a SHA-256 RSA PKCS#1 v1.5 signature of ``payload`` by ``cert_der``.

    Raises ValueError when ``cert_der`` is not a certificate.
    """
    try:
        cert = x509.load_der_x509_certificate(cert_der)
    except x509.InvalidVersion as exc:  # not a ValueError in cryptography: say what the docstring says
        raise ValueError(str(exc)) from exc
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        return False
    try:
        key.verify(signature, payload, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def _is_signing_cert(der: bytes) -> bool:
    """A certificate meant for signatures (the HiCOS card also holds an encryption one)."""
    try:
        cert = x509.load_der_x509_certificate(der)
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True  # no restriction stated
    except (ValueError, x509.InvalidVersion):
        return False
    return bool(usage.digital_signature or usage.content_commitment)


@dataclass(frozen=True)
class SigningTarget:
    """The token and certificate chosen for a signature, known before any PIN is asked."""

    token: TokenInfo
    certificate: TokenCertificate


def choose_target(module: Pkcs11Module, token_label: str | None = None,
                  expected_cert_der: bytes | None = None) -> SigningTarget:
    """Pick the token and signature certificate; no PIN is used.

    With ``expected_cert_der`` (the certificate read over PC/SC) the token must hold exactly that
    certificate, else CertificateMismatchError. Without it there must be one token with one
    signing certificate.
    """
    candidates: list[SigningTarget] = []
    found: list[str] = []
    for token in module.find_tokens(token_label):
        with module.session(token) as session:
            for cert in session.certificates():
                found.append(sha256_hex(cert.der))
                if expected_cert_der is not None:
                    if certificates_match(cert.der, expected_cert_der):
                        candidates.append(SigningTarget(token, cert))
                elif _is_signing_cert(cert.der):
                    candidates.append(SigningTarget(token, cert))
    if expected_cert_der is not None and not candidates:
        raise CertificateMismatchError(sha256_hex(expected_cert_der), tuple(found))
    if not candidates:
        raise KeyNotFound("no signing certificate on the token")
    if len({c.token.slot for c in candidates}) > 1:
        raise TokenNotFound(token_label, tuple(c.token.label for c in candidates))
    return candidates[0]


def sign_bytes(module_path: str, payload: bytes, pin: str | None, *, token_label: str | None = None,
               expected_cert_der: bytes | None = None) -> SignedBlob:
    """Sign ``payload`` on the card: one login with ``pin`` (never retried), then verify.

    Raises CertificateMismatchError before the PIN is used, WrongPinError / PinLockedError from
    the login, SignatureCheckError if the card's signature does not verify.
    """
    with Pkcs11Module(module_path) as module:
        target = choose_target(module, token_label, expected_cert_der)
        with module.session(target.token) as session:
            session.login(pin)
            signature = session.sign(target.certificate.key_id, payload)
    blob = SignedBlob(payload, signature, target.certificate.der)
    if not blob.verify():
        raise SignatureCheckError("the card's signature does not verify with its certificate")
    return blob


def prove_possession(module_path: str, pin: str | None, expected_cert_der: bytes, *,
                     token_label: str | None = None, context: bytes = b"") -> SignedBlob:
    """Sign a fresh random challenge with the card whose certificate is ``expected_cert_der``.

    Used at sign-in: a certificate alone can be copied, a signature with the card's key cannot.
    """
    challenge = b"tcloud-backoffice-signin\x00" + context + b"\x00" + os.urandom(32)
    return sign_bytes(module_path, challenge, pin, token_label=token_label,
                      expected_cert_der=expected_cert_der)


def token_for_certificate(module_path: str, cert_der: bytes, token_label: str | None = None) -> TokenInfo:
    """The token holding ``cert_der`` with its PIN state: what to show before asking the PIN."""
    with Pkcs11Module(module_path) as module:
        return choose_target(module, token_label, cert_der).token
