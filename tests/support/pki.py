"""A generated test PKI shaped like GRCA G3 -> MOICA / MOEACA / XCA / GCA (RULES.md §11).

Shared contract (SC1 and SC2 use it):
- ``build_test_pki() -> TestPki``: cached for the session, RSA 2048 keys.
- ``TestPki.root``: the GRCA-like self-signed root (``C=TW, O=行政院, OU=政府憑證總管理中心``).
- ``TestPki.ca(kind)``: the issuing CA for kind in moica / moeaca / xca / gca.
- ``TestPki.issue(kind, **holder) -> Holder(key, cert, der, kind)``.
- ``TestPki.write_trust_dir(path)``, ``TestPki.write_crl(kind, path, revoked=..., ...)``.
- ``make_pki(root_ou=...)``: an uncached, independent PKI (for "untrusted" cases).

None of these certificates are official; they only copy the shape of the real ones.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

UTC = dt.UTC

CA_OU = {
    "moica": "內政部憑證管理中心",
    "moeaca": "工商憑證管理中心",
    "xca": "組織及團體憑證管理中心",
    "gca": "政府憑證管理中心",
}
ROOT_OU = "政府憑證總管理中心"

# Subject Directory Attributes (2.5.29.9) used on the cards; see RULES.md §11.
OID_SUBJECT_DIRECTORY_ATTRIBUTES = x509.ObjectIdentifier("2.5.29.9")
OID_SUBJECT_TYPE = "2.16.886.1.100.2.1"
OID_ID_LAST4 = "2.16.886.1.100.2.51"
OID_UBN = "2.16.886.1.100.2.101"
OID_ORG_ID = "2.16.886.1.100.2.102"
SUBJECT_TYPE_OIDS = {
    "citizen": "2.16.886.1.100.3.1.1",
    "resident": "2.16.886.1.100.3.1.9",
    "company": "2.16.886.1.100.3.2.2.1.1",
    "branch": "2.16.886.1.100.3.2.3.3.1",
    "sole_proprietorship": "2.16.886.1.100.3.2.3.1",
}

CA_NOT_BEFORE = dt.datetime(2020, 1, 1, tzinfo=UTC)
CA_NOT_AFTER = dt.datetime(2045, 12, 31, tzinfo=UTC)
LEAF_NOT_BEFORE = dt.datetime(2025, 1, 1, tzinfo=UTC)
LEAF_NOT_AFTER = dt.datetime(2035, 12, 31, tzinfo=UTC)


# --- a tiny DER writer, enough for Subject Directory Attributes -------------------------------
def _der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def der_tlv(tag: int, value: bytes) -> bytes:
    return bytes([tag]) + _der_len(len(value)) + value


def der_oid(dotted: str) -> bytes:
    parts = [int(p) for p in dotted.split(".")]
    body = bytearray([parts[0] * 40 + parts[1]])
    for part in parts[2:]:
        chunk = [part & 0x7F]
        part >>= 7
        while part:
            chunk.append(0x80 | (part & 0x7F))
            part >>= 7
        body.extend(reversed(chunk))
    return der_tlv(0x06, bytes(body))


def der_printable(text: str) -> bytes:
    return der_tlv(0x13, text.encode("ascii"))


def subject_directory_attributes(attrs: list[tuple[str, bytes]]) -> bytes:
    """DER of SEQUENCE OF Attribute{type, SET OF value}; each value already DER encoded."""
    body = b"".join(der_tlv(0x30, der_oid(oid) + der_tlv(0x31, value)) for oid, value in attrs)
    return der_tlv(0x30, body)


# --- the PKI ---------------------------------------------------------------------------------
def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _issuer_name(ou: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "TW"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "行政院"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, ou),
    ])


@dataclass(frozen=True)
class Holder:
    """A key pair and its certificate (``der`` is the certificate's DER encoding)."""

    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    der: bytes
    kind: str


@dataclass
class TestPki:
    __test__ = False  # not a pytest test class

    root: Holder
    cas: dict[str, Holder]
    _serial: int = field(default=0x1000)

    def ca(self, kind: str) -> Holder:
        return self.cas[kind]

    def _next_serial(self) -> int:
        self._serial += 1
        return self._serial

    def issue(
        self,
        kind: str,
        *,
        name: str | None = None,
        id_last4: str | None = None,
        company: str | None = None,
        ubn: str | None = None,
        org: str | None = None,
        org_id: str | None = None,
        subject_type: str | None = None,
        serial_number: str | None = None,
        usage: str = "signature",
        not_before: dt.datetime | None = None,
        not_after: dt.datetime | None = None,
        key: rsa.RSAPrivateKey | None = None,
        issuer: Holder | None = None,
    ) -> Holder:
        """Issue a card-holder certificate shaped like ``kind``'s (RULES.md §11).

        moica: CN=name, serialNumber (16 digits), attrs id_last4 + subject_type (citizen/resident).
        moeaca: O=company, serialNumber=UBN, attrs ubn + subject_type (company/branch/sole_proprietorship).
        xca / gca: O=org, attr org_id.
        """
        ca = issuer or self.cas[kind]
        key = key or _new_key()
        subject: list[x509.NameAttribute] = [x509.NameAttribute(NameOID.COUNTRY_NAME, "TW")]
        attrs: list[tuple[str, bytes]] = []
        if subject_type:
            attrs.append((OID_SUBJECT_TYPE, der_oid(SUBJECT_TYPE_OIDS[subject_type])))
        if kind == "moica":
            subject.append(x509.NameAttribute(NameOID.COMMON_NAME, name or "王小明"))
            subject.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number or "0000000112345678"))
            if id_last4:
                attrs.append((OID_ID_LAST4, der_printable(id_last4)))
        elif kind == "moeaca":
            subject.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, company or "好給力股份有限公司"))
            subject.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial_number or ubn or "04595257"))
            if ubn:
                attrs.append((OID_UBN, der_printable(ubn)))
        else:
            if kind == "gca":
                subject.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, "行政院"))
                subject.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, org or "數位發展部"))
            else:
                subject.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org or "台灣雲端協會"))
            if org_id:
                attrs.append((OID_ORG_ID, der_printable(org_id)))
        if usage == "signature":
            ku = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
        else:
            ku = x509.KeyUsage(False, False, True, False, False, False, False, False, False)
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name(subject))
            .issuer_name(ca.cert.subject)
            .public_key(key.public_key())
            .serial_number(self._next_serial())
            .not_valid_before(not_before or LEAF_NOT_BEFORE)
            .not_valid_after(not_after or LEAF_NOT_AFTER)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(ku, critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
            )
        )
        if attrs:
            builder = builder.add_extension(
                x509.UnrecognizedExtension(OID_SUBJECT_DIRECTORY_ATTRIBUTES,
                                           subject_directory_attributes(attrs)),
                critical=False,
            )
        cert = builder.sign(ca.key, hashes.SHA256())
        return Holder(key, cert, cert.public_bytes(serialization.Encoding.DER), kind)

    def write_trust_dir(self, path: Path, kinds: tuple[str, ...] = ("moica", "moeaca", "xca", "gca"),
                        include_root: bool = True) -> Path:
        """Write the root and the issuing CAs as ``*.cer`` (DER) files; returns ``path``."""
        path.mkdir(parents=True, exist_ok=True)
        if include_root:
            (path / "grca-g3-test.cer").write_bytes(self.root.der)
        for kind in kinds:
            (path / f"{kind}-test.cer").write_bytes(self.cas[kind].der)
        return path

    def write_crl(
        self,
        kind: str,
        path: Path,
        revoked: list[int] | tuple[int, ...] = (),
        last_update: dt.datetime | None = None,
        next_update: dt.datetime | None = None,
    ) -> Path:
        """Write a DER CRL signed by ``kind``'s CA. ``path`` may be a directory (-> <kind>.crl)."""
        ca = self.cas[kind]
        now = dt.datetime.now(UTC)
        last_update = last_update or now - dt.timedelta(days=1)
        next_update = next_update or now + dt.timedelta(days=7)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(ca.cert.subject)
            .last_update(last_update)
            .next_update(next_update)
        )
        for serial in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial)
                .revocation_date(last_update).build()
            )
        crl = builder.sign(ca.key, hashes.SHA256())
        if path.is_dir():
            path = path / f"{kind}.crl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
        return path


def _ca_cert(subject: x509.Name, key: rsa.RSAPrivateKey, issuer: Holder | None, serial: int,
             kind: str) -> Holder:
    signer_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(CA_NOT_BEFORE)
        .not_valid_after(CA_NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None if issuer is None else 0),
                       critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                       critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False
        )
    cert = builder.sign(signer_key, hashes.SHA256())
    return Holder(key, cert, cert.public_bytes(serialization.Encoding.DER), kind)


def make_pki(root_ou: str = ROOT_OU) -> TestPki:
    """A fresh PKI (not cached). A different ``root_ou`` gives a look-alike, untrusted hierarchy."""
    root = _ca_cert(_issuer_name(root_ou), _new_key(), None, 1, "root")
    cas = {kind: _ca_cert(_issuer_name(ou), _new_key(), root, 0x100 + i, kind)
           for i, (kind, ou) in enumerate(CA_OU.items())}
    return TestPki(root=root, cas=cas)


@functools.cache
def build_test_pki() -> TestPki:
    """The session's shared test PKI (generated once per process)."""
    return make_pki()
