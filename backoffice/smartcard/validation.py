"""Is a card certificate trustworthy at a given moment? Chain, validity period, revocation.

- Chain: to a self-signed anchor in the trust directory (default ``resources/trust/``;
  ``docs/trust.md`` says which official certificates go there). Intermediates come from the trust
  directory or from the card, but the anchor always comes from the directory.
- Validity period of every certificate in the chain at ``at``.
- Revocation: the leaf against a CRL file of its issuer in the CRL directory, signature checked.
  A missing CRL or one past its nextUpdate gives ``revocation_unknown``, never ``valid``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.hashes import SHA256

from backoffice.smartcard.certinfo import CERT_ERRORS

CERT_SUFFIXES = (".cer", ".crt", ".der", ".pem")
CRL_SUFFIXES = (".crl", ".der", ".pem")
MAX_CHAIN = 6
_SHA256 = SHA256()


class Status(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    UNTRUSTED = "untrusted"
    REVOCATION_UNKNOWN = "revocation_unknown"


@dataclass(frozen=True)
class ValidationResult:
    status: Status
    detail: str
    chain: tuple[x509.Certificate, ...] = field(default=(), compare=False)

    @property
    def ok(self) -> bool:
        return self.status is Status.VALID

    def to_json(self) -> dict[str, str]:
        return {"status": self.status.value, "detail": self.detail}


def _load_certs(path: Path) -> list[x509.Certificate]:
    data = path.read_bytes()
    try:
        if b"-----BEGIN" in data:
            return list(x509.load_pem_x509_certificates(data))
        return [x509.load_der_x509_certificate(data)]
    except CERT_ERRORS:
        return []  # not a certificate (README, CRL...): ignored


def _load_crl(path: Path) -> x509.CertificateRevocationList | None:
    data = path.read_bytes()
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError:
        return None


def _is_self_signed(cert: x509.Certificate) -> bool:
    if cert.subject != cert.issuer:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except (x509.ExtensionNotFound, ValueError):
        return False


@dataclass
class TrustStore:
    anchors: list[x509.Certificate]
    intermediates: list[x509.Certificate]

    @classmethod
    def from_dir(cls, path: Path) -> TrustStore:
        anchors: list[x509.Certificate] = []
        intermediates: list[x509.Certificate] = []
        if path.is_dir():
            for file in sorted(path.iterdir()):
                if file.suffix.lower() in CERT_SUFFIXES and file.is_file():
                    for cert in _load_certs(file):
                        (anchors if _is_self_signed(cert) else intermediates).append(cert)
        return cls(anchors, intermediates)


def _find_issuer(cert: x509.Certificate, candidates: Iterable[x509.Certificate]) -> x509.Certificate | None:
    for cand in candidates:
        if cand.subject != cert.issuer or not _is_ca(cand):
            continue
        try:
            cert.verify_directly_issued_by(cand)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return cand
    return None


def build_chain(cert: x509.Certificate, store: TrustStore,
                extra: Iterable[x509.Certificate] = ()) -> tuple[x509.Certificate, ...] | None:
    """Leaf -> ... -> trust anchor, or None when no path reaches an anchor of ``store``."""
    pool = store.intermediates + [c for c in extra if not _is_self_signed(c)]
    chain = [cert]
    current = cert
    for _ in range(MAX_CHAIN):
        anchor = _find_issuer(current, store.anchors)
        if anchor is not None:
            if anchor.fingerprint(_SHA256) != current.fingerprint(_SHA256):
                chain.append(anchor)
            return tuple(chain)
        issuer = _find_issuer(current, pool)
        if issuer is None or issuer in chain:
            return None
        chain.append(issuer)
        current = issuer
    return None


def _crl_for(cert: x509.Certificate, issuer: x509.Certificate, crl_dir: Path | None
             ) -> list[x509.CertificateRevocationList]:
    found: list[x509.CertificateRevocationList] = []
    if crl_dir is None or not crl_dir.is_dir():
        return found
    for file in sorted(crl_dir.iterdir()):
        if file.suffix.lower() not in CRL_SUFFIXES or not file.is_file():
            continue
        crl = _load_crl(file)
        if crl is None or crl.issuer != cert.issuer:
            continue
        try:
            if crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
                found.append(crl)
        except (TypeError, ValueError):
            continue
    return found


def validate(cert: x509.Certificate, trust_dir: Path, crl_dir: Path | None, at: datetime | None = None,
             extra_intermediates: Iterable[x509.Certificate] = ()) -> ValidationResult:
    """Status of ``cert`` at ``at`` (default now). Order: untrusted, period, revoked, unknown."""
    at = at or datetime.now(UTC)
    store = TrustStore.from_dir(trust_dir)
    if not store.anchors:
        return ValidationResult(Status.UNTRUSTED, f"no trust anchors in {trust_dir}")
    chain = build_chain(cert, store, extra_intermediates)
    if chain is None:
        return ValidationResult(Status.UNTRUSTED, f"no chain from {cert.issuer.rfc4514_string()} to a trust anchor")
    for link in chain:
        if at < link.not_valid_before_utc:
            return ValidationResult(Status.NOT_YET_VALID,
                                    f"{link.subject.rfc4514_string()} valid from {link.not_valid_before_utc:%Y-%m-%d}",
                                    chain)
        if at > link.not_valid_after_utc:
            return ValidationResult(Status.EXPIRED,
                                    f"{link.subject.rfc4514_string()} expired {link.not_valid_after_utc:%Y-%m-%d}",
                                    chain)
    if len(chain) < 2:
        return ValidationResult(Status.REVOCATION_UNKNOWN, "certificate is itself a trust anchor", chain)
    crls = _crl_for(cert, chain[1], crl_dir)
    if not crls:
        return ValidationResult(Status.REVOCATION_UNKNOWN,
                                f"no CRL of {cert.issuer.rfc4514_string()} in {crl_dir}", chain)
    current = [c for c in crls if c.last_update_utc <= at and (c.next_update_utc is None or at <= c.next_update_utc)]
    # A revocation listed in any authentic CRL issued before `at` counts, even a stale one.
    for crl in crls:
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None and entry.revocation_date_utc <= at:
            return ValidationResult(Status.REVOKED, f"revoked on {entry.revocation_date_utc:%Y-%m-%d}", chain)
    if not current:
        newest = max(crls, key=lambda c: c.last_update_utc)
        nxt = newest.next_update_utc
        return ValidationResult(Status.REVOCATION_UNKNOWN,
                                f"CRL stale: issued {newest.last_update_utc:%Y-%m-%d}, next update "
                                f"{nxt:%Y-%m-%d}" if nxt else "CRL not current", chain)
    return ValidationResult(Status.VALID, f"chain to {chain[-1].subject.rfc4514_string()}; CRL current", chain)

