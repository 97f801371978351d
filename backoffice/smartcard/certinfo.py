"""Who a card certificate belongs to: card type from the issuer, holder from the subject.

The attribute mapping of RULES.md §11 comes from public code, not an official profile, so it
lives in the tables below (one place to correct it); the raw subject is always kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import datetime

from cryptography import x509
from cryptography.x509.oid import NameOID

from backoffice.smartcard.connection import CardDataError
from backoffice.smartcard.tlv import (
    TAG_OID,
    TAG_SEQUENCE,
    TAG_SET,
    TlvError,
    decode_oid,
    decode_string,
    expect,
    iter_tlvs,
)

OID_SUBJECT_DIRECTORY_ATTRIBUTES = "2.5.29.9"
_NAME_OVERRIDES = {NameOID.SERIAL_NUMBER: "serialNumber"}

# Card type <- issuer OU (all issuers are C=TW, O=行政院, OU=<below>).
CARD_TYPE_BY_ISSUER_OU: dict[str, str] = {
    "內政部憑證管理中心": "moica",  # 自然人憑證
    "工商憑證管理中心": "moeaca",  # 工商憑證
    "組織及團體憑證管理中心": "xca",  # 組織及團體憑證
    "政府憑證管理中心": "gca",  # 政府憑證
}

# Subject Directory Attributes (2.5.29.9) -> holder field.
HOLDER_FIELD_BY_ATTRIBUTE: dict[str, str] = {
    "2.16.886.1.100.2.1": "subject_type",
    "2.16.886.1.100.2.51": "id_last4",
    "2.16.886.1.100.2.101": "ubn",
    "2.16.886.1.100.2.102": "org_id",
}

# Value of 2.16.886.1.100.2.1 -> subject type.
SUBJECT_TYPE_BY_OID: dict[str, str] = {
    "2.16.886.1.100.3.1.1": "citizen",
    "2.16.886.1.100.3.1.9": "resident",
    "2.16.886.1.100.3.2.2.1.1": "company",
    "2.16.886.1.100.3.2.3.3.1": "branch",
    "2.16.886.1.100.3.2.3.1": "sole_proprietorship",  # 行號
}

# Per card type: the subject attributes that name the holder (first present wins) and the
# subject type when the certificate carries none.
NAME_ATTRIBUTES: dict[str, tuple[x509.ObjectIdentifier, ...]] = {
    "moica": (NameOID.COMMON_NAME,),
    "moeaca": (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME),
    "xca": (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME),
    "gca": (NameOID.ORGANIZATIONAL_UNIT_NAME, NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME),
    "unknown": (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME),
}
DEFAULT_SUBJECT_TYPE: dict[str, str | None] = {
    "moica": None, "moeaca": None, "xca": "organisation", "gca": "government", "unknown": None,
}


@dataclass(frozen=True)
class HolderInfo:
    name: str | None
    id_last4: str | None
    ubn: str | None
    org_id: str | None
    subject_type: str | None

    def to_json(self) -> dict[str, str | None]:
        return asdict(self)


@dataclass(frozen=True)
class CertificateInfo:
    card_type: str
    holder: HolderInfo
    serial: str  # hex, upper case
    subject: str  # RFC 4514, the raw subject to fall back on
    issuer: str
    not_before: datetime
    not_after: datetime
    sha256: str
    der: bytes
    cert: x509.Certificate

    def certificate_json(self) -> dict[str, str]:
        return {
            "serial": self.serial,
            "subject": self.subject,
            "issuer": self.issuer,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "sha256": self.sha256,
        }


# What cryptography raises for bytes that are not a certificate it accepts: ValueError for most,
# but InvalidVersion (not a ValueError) for a version field other than v1/v3 (found by fuzzing).
CERT_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError, x509.InvalidVersion)


def load_certificate(der: bytes) -> x509.Certificate:
    """Parse DER; any failure becomes ``CardDataError``."""
    try:
        return x509.load_der_x509_certificate(bytes(der))
    except CERT_ERRORS as exc:
        raise CardDataError(f"unparsable certificate: {exc}") from exc


def card_type_of(issuer: x509.Name) -> str:
    for attr in issuer.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME):
        kind = CARD_TYPE_BY_ISSUER_OU.get(str(attr.value))
        if kind:
            return kind
    return "unknown"


def decode_subject_directory_attributes(value: bytes) -> dict[str, list[str]]:
    """OID -> values of a SubjectDirectoryAttributes extension (DER).

    Values that are OIDs come back dotted, strings as text, anything else as hex.
    """
    out: dict[str, list[str]] = {}
    outer = expect(value, TAG_SEQUENCE)
    if outer.total_len != len(value):
        raise TlvError("trailing bytes after SubjectDirectoryAttributes")
    for attr in iter_tlvs(outer.value):
        if attr.tag != TAG_SEQUENCE:
            raise TlvError(f"attribute is not a SEQUENCE ({attr.tag:02X})")
        oid_tlv = expect(attr.value, TAG_OID)
        values = expect(attr.value, TAG_SET, oid_tlv.total_len)
        oid = decode_oid(oid_tlv.value)
        for item in iter_tlvs(values.value):
            if item.tag == TAG_OID:
                text = decode_oid(item.value)
            else:
                try:
                    text = decode_string(item)
                except TlvError:
                    text = item.value.hex()
            out.setdefault(oid, []).append(text)
    return out


def _first(name: x509.Name, oids: tuple[x509.ObjectIdentifier, ...]) -> str | None:
    for oid in oids:
        attrs = name.get_attributes_for_oid(oid)
        if attrs:
            return str(attrs[0].value)
    return None


def holder_of(cert: x509.Certificate, card_type: str) -> HolderInfo:
    fields: dict[str, str | None] = {"id_last4": None, "ubn": None, "org_id": None, "subject_type": None}
    try:
        ext = cert.extensions.get_extension_for_oid(x509.ObjectIdentifier(OID_SUBJECT_DIRECTORY_ATTRIBUTES))
    except x509.ExtensionNotFound:
        ext = None
    except ValueError as exc:  # duplicate or malformed extensions
        raise CardDataError(f"bad extensions: {exc}") from exc
    if ext is not None:
        raw = ext.value.value if isinstance(ext.value, x509.UnrecognizedExtension) else b""
        for oid, values in decode_subject_directory_attributes(raw).items() if raw else ():
            field = HOLDER_FIELD_BY_ATTRIBUTE.get(oid)
            if field and values:
                fields[field] = values[0]
    if fields["subject_type"] is not None:
        fields["subject_type"] = SUBJECT_TYPE_BY_OID.get(fields["subject_type"], fields["subject_type"])
    else:
        fields["subject_type"] = DEFAULT_SUBJECT_TYPE.get(card_type)
    if card_type == "moeaca" and fields["ubn"] is None:
        # serialNumber in the subject is the UBN on 工商憑證
        fields["ubn"] = _first(cert.subject, (NameOID.SERIAL_NUMBER,))
    return HolderInfo(name=_first(cert.subject, NAME_ATTRIBUTES[card_type]), **fields)


def parse_certificate(der: bytes) -> CertificateInfo:
    """Identify a card certificate. Raises only ``CardDataError`` (incl. ``TlvError``)."""
    cert = load_certificate(der)
    try:
        card_type = card_type_of(cert.issuer)
        holder = holder_of(cert, card_type)
        subject = cert.subject.rfc4514_string(_NAME_OVERRIDES)
        issuer = cert.issuer.rfc4514_string(_NAME_OVERRIDES)
        not_before, not_after = cert.not_valid_before_utc, cert.not_valid_after_utc
    except (ValueError, TypeError) as exc:  # lazily parsed fields can still be malformed
        raise CardDataError(f"malformed certificate: {exc}") from exc
    return CertificateInfo(
        card_type=card_type,
        holder=holder,
        serial=format(cert.serial_number, "X"),
        subject=subject,
        issuer=issuer,
        not_before=not_before,
        not_after=not_after,
        sha256=hashlib.sha256(der).hexdigest(),
        der=bytes(der),
        cert=cert,
    )
