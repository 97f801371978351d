"""Read, identify and validate the card in a reader in one call (the CLI and the sign-in dialog).

``identify_connection`` works on any ``SmartCardConnection`` (unit-testable with a scripted one);
``identify_card`` opens the PC/SC reader first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from backoffice.smartcard.certinfo import CertificateInfo, load_certificate, parse_certificate
from backoffice.smartcard.connection import CountingConnection, SmartCardConnection, SmartCardError
from backoffice.smartcard.hicos import HicosSession, Slot
from backoffice.smartcard.validation import Status, TrustStore, ValidationResult, build_chain, validate


@dataclass(frozen=True)
class IdentifyResult:
    reader: str
    atr: bytes
    info: CertificateInfo
    validation: ValidationResult
    apdus: int

    @property
    def card_type(self) -> str:
        return self.info.card_type

    def to_json(self) -> dict[str, Any]:
        """The ``backoffice-admin card read --json`` document."""
        return {
            "reader": self.reader,
            "atr": self.atr.hex().upper(),
            "card_type": self.info.card_type,
            "holder": self.info.holder.to_json(),
            "certificate": self.info.certificate_json(),
            "validation": self.validation.to_json(),
            "apdus": self.apdus,
        }


def identify_connection(connection: SmartCardConnection, trust_dir: Path, crl_dir: Path | None,
                        at: datetime | None = None, max_chunk: int | None = None) -> IdentifyResult:
    """Read the signature certificate, identify the holder and validate it.

    The issuing CA slot is read only when the trust directory cannot complete the chain alone.
    """
    counting = CountingConnection(connection)
    session = HicosSession(counting, max_chunk=max_chunk)
    der = session.read_certificate(Slot.USER_SIGNATURE)
    info = parse_certificate(der)
    extra = []
    if build_chain(info.cert, TrustStore.from_dir(trust_dir)) is None:
        try:
            extra.append(load_certificate(session.read_certificate(Slot.ISSUING_CA)))
        except SmartCardError:
            pass  # no usable CA on the card: validation says untrusted
    result = validate(info.cert, trust_dir, crl_dir, at, extra)
    return IdentifyResult(connection.reader, bytes(connection.atr), info, result, counting.count)


def identify_card(reader: str | None, trust_dir: Path, crl_dir: Path | None, at: datetime | None = None,
                  busy_wait: float = 0.0) -> IdentifyResult:
    """Open ``reader`` (default: the first with a card) over PC/SC and identify its card."""
    from backoffice.smartcard import pcsc

    with pcsc.connect(reader, busy_wait=busy_wait) as conn:
        return identify_connection(conn, trust_dir, crl_dir, at)


__all__ = ["IdentifyResult", "Status", "identify_card", "identify_connection"]
